"""python -m tests.browser.screenshots [FOLDER]: the console's main pages on the demo year,
at 1366×768 in Debian's Chromium with its CJK fonts, as PNGs in FOLDER (docs/console)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from entrypoints.demo_console import served_demo
from tests.browser.conftest import CHROMIUM, SIZE, sign_in

SHOTS = [  # who, page, file
    (None, "/", "signin"),
    ("许晓燕", "/console/", "overview"),
    ("许晓燕", "/console/issues", "ledger"),
    ("许晓燕", "first-closed-issue", "issue"),
    ("赵丽", "refused-close-out", "refused-close-out"),
    ("许晓燕", "/console/overdue", "overdue-board"),
    ("审计员", "/console/audit", "audit-log"),
]


def _visit(page: Page, where: str) -> None:
    if where == "first-closed-issue":
        page.goto("/console/issues?status=closed")
        page.locator("tbody tr td:nth-child(2) a").first.click()
    elif where == "refused-close-out":
        page.goto("/console/issues?status=assigned")
        page.locator("tbody tr td:nth-child(2) a").first.click()
        page.locator("summary", has_text="销号").click()
        page.get_by_label("企业确认人").fill("企业负责人")
        page.get_by_role("button", name="销号", exact=True).click()
    else:
        page.goto(where)


def main(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as work,
        served_demo(Path(work)) as address,
        sync_playwright() as driver,
    ):
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
        for who, where, name in SHOTS:
            context = browser.new_context(viewport=SIZE, base_url=address, locale="zh-CN")
            page = context.new_page()
            if who:
                sign_in(page, who)
            _visit(page, where)
            page.screenshot(path=str(folder / f"{name}.png"))
            context.close()
        browser.close()
    print(f"{len(SHOTS)} screenshots in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/console")))
