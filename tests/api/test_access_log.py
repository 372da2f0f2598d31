"""The access log keeps what was answered: each refusal, and each inspector's read of history,
audit data or an export, with the status actually sent."""

from __future__ import annotations

from litestar.testing import TestClient

from domain.access import Role
from tests.api.test_issues_api import raise_issue
from tests.directory import TestDirectory


def test_an_inspectors_history_reads_are_logged_with_the_status_sent(
    client: TestClient, directory: TestDirectory
):
    issue_id = raise_issue(client)
    inspector = directory.bearer("审计员", Role.INSPECTOR)
    assert client.get("/audit/events", headers=inspector).status_code == 200
    assert client.get(f"/issues/{issue_id}/events", headers=inspector).status_code == 200
    bad = client.get("/audit/events", params={"cursor": "garbage!"}, headers=inspector)
    assert bad.status_code == 400
    assert client.post("/issues", json={}, headers=inspector).status_code == 403
    assert client.get("/issues", headers=inspector).status_code == 200  # not history: not logged
    subject = str(directory.people["审计员"].official_id)
    log = client.get("/access-log", params={"subject": subject}).json()["items"]
    assert sorted((e["status"], e["method"], e["path"]) for e in log) == [
        (200, "GET", "/audit/events"),
        (200, "GET", f"/issues/{issue_id}/events"),
        (400, "GET", "/audit/events"),
        (403, "POST", "/issues"),
    ]


def test_a_request_without_a_valid_token_is_logged_as_refused(client: TestClient):
    assert client.get("/issues", headers={"Authorization": "Basic abc"}).status_code == 401
    log = client.get("/access-log", params={"subject": "(anonymous)"}).json()["items"]
    assert [(e["status"], e["path"]) for e in log] == [(401, "/issues")]


def test_the_directorys_officials_are_listed_for_the_admin_and_the_office(
    client: TestClient, directory: TestDirectory
):
    admin = directory.bearer("系统管理员", Role.ADMIN)
    everyone = {
        o["name"] for o in client.get("/directory/officials", headers=admin).json()["items"]
    }
    assert {"张三", "吴涛", "邻市督查员"} <= everyone
    mine = {
        o["name"] for o in client.get("/directory/officials").json()["items"]
    }  # the city's desk
    assert "吴涛" in mine
    assert "邻市督查员" not in mine
    officer = directory.bearer("吴涛", Role.OFFICER)
    assert client.get("/directory/officials", headers=officer).status_code == 403
