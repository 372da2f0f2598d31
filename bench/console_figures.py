"""The console's pages at the demo year's size (SQLite, as `make run` serves it): each page's
95th percentile over repeated requests through the whole app in process (sign-in session,
CSRF, the guard, the templates), for the role that sees the most of it."""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from litestar.testing import TestClient

from bench.harness import Figure
from entrypoints.demo_console import demo_app

AIM_MS = 300.0
REQUESTS = 40
PASSWORD = "duban-demo"  # noqa: S105 - the demo directory's
SUPERVISOR, INSPECTOR = "许晓燕", "审计员"
PAGES = [
    "/console/",
    "/console/issues",
    "/console/issues?status=assigned&light=red",
    "/console/issues.xlsx",
    "ISSUE",
    "ISSUE?as_of=2026-06-30",
    "/console/projects",
    "/console/projects/board",
    "/console/pairings",
    "/console/sessions",
    "/console/financing",
    "/console/reviews",
    "/console/accountability",
    "/console/veto",
    "/console/rankings",
    "/console/overdue",
    "/console/assessment",
    "/console/summonses",
    "/console/audit",
    "/console/access-log",
]


def _signed_in(client: TestClient[Any], name: str) -> None:
    token = re.search(r'name="_csrf_token" value="([^"]+)"', client.get("/").text)
    assert token is not None
    form = {"_csrf_token": token[1], "login": name, "password": PASSWORD}
    assert client.post("/signin", data=form, follow_redirects=False).status_code == 303


def _p95(client: TestClient[Any], path: str) -> float:
    timings = []
    for _ in range(REQUESTS):
        began = time.perf_counter()
        answer = client.get(path)
        timings.append((time.perf_counter() - began) * 1000)
        assert answer.status_code == 200, (path, answer.status_code)
    return statistics.quantiles(timings, n=20)[-1]


def page_times() -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as work, demo_app(Path(work)) as app:
        with TestClient(app) as client:
            _signed_in(client, SUPERVISOR)
            listing = client.get("/console/issues?status=closed").text
            issue = re.search(r'href="(/console/issues/[0-9a-f-]{36})"', listing)
            assert issue is not None
            for path in PAGES:
                shown = path.replace("ISSUE", issue[1])
                p95 = _p95(client, shown)
                name = (
                    f"console page p95, supervisor: {path.replace('ISSUE', '/console/issues/ID')}"
                )
                figures.append(Figure(name, p95, "ms", f"< {AIM_MS:.0f} ms", p95 < AIM_MS))
        with TestClient(app) as client:
            _signed_in(client, INSPECTOR)
            p95 = _p95(client, "/console/verify")
            name = "console page p95, inspector: /console/verify (walks the whole chain)"
            figures.append(Figure(name, p95, "ms", f"< {AIM_MS:.0f} ms", p95 < AIM_MS))
    return figures


if __name__ == "__main__":
    from bench.harness import table

    print(table(page_times()))
