"""The image installs the runtime lock: pyproject's dependencies without the dev tools, at
the versions the development lock pins; it runs as a user, not root, and says if it is healthy."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^ \\]+)", re.MULTILINE)


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return {package.lower(): version for package, version in PIN.findall(text)}


def test_the_runtime_lock_has_no_dev_tools_and_agrees_with_the_dev_lock() -> None:
    runtime, dev = _pins("requirements-runtime.lock"), _pins("requirements.lock")
    assert {"pytest", "mypy", "ruff", "schemathesis", "hypothesis"}.isdisjoint(runtime)
    assert {"litestar", "psycopg", "eventsourcing", "prometheus-client"} <= set(runtime)
    assert {name: dev.get(name) for name in runtime} == runtime


def test_the_image_runs_as_a_user_with_a_healthcheck_from_the_runtime_lock() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "-r requirements-runtime.lock" in dockerfile
    assert "requirements.lock" not in dockerfile.replace("requirements-runtime.lock", "")
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users
    assert users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*", dockerfile, re.MULTILINE)
