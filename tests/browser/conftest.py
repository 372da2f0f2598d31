"""The console served for real (uvicorn on a free port, the demo year in a SQLite store) and
driven by Debian's Chromium through Playwright's Python package (its own browser download is
not used). Off CI a machine without the browser skips, saying why; with CI=true it fails."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from entrypoints.demo_console import served_demo

CHROMIUM = os.environ.get("DUBAN_CHROMIUM", "/usr/bin/chromium")
PASSWORD = "duban-demo"
SIZE = {"width": 1366, "height": 768}


def _browser_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make setup)"
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs the browser for the console's tests: {missing}")
        pytest.skip(missing)
    return CHROMIUM


@pytest.fixture(scope="session")
def console(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[str]:
    """The demo year loaded, then served; yields the base address."""
    with served_demo(tmp_path_factory.mktemp("console")) as address:
        yield address


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=chromium_path, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Any, console: str) -> Iterator[Any]:
    """A fresh browser context (no cookies) at 1366×768, opening pages of the console."""
    contexts: list[Any] = []

    def opened() -> Any:
        context = browser.new_context(viewport=SIZE, base_url=console, locale="zh-CN")
        contexts.append(context)
        return context.new_page()

    yield opened
    for context in contexts:
        context.close()


def sign_in(page: Any, name: str, password: str = PASSWORD) -> None:
    page.goto("/")
    page.get_by_label("姓名或人员编号").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
