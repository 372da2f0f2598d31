"""Read-model status through HTTP."""

from __future__ import annotations

from litestar.testing import TestClient

from tests.api.test_issues_api import raise_issue


def test_projections_report_their_position_and_lag(client: TestClient, head: int):
    raise_issue(client)
    client.get("/issues")  # a query catches the read models up
    status = {p["name"]: p for p in client.get("/projections").json()["items"]}
    assert set(status) >= {"issue_ledger", "project_register", "open_deadlines"}
    assert status["issue_ledger"]["lag"] == 0
    assert status["issue_ledger"]["position"] == status["issue_ledger"]["head"] == head + 1
