"""The problem ledger through HTTP: status, body, and the events saved."""

from __future__ import annotations

from litestar.testing import TestClient

from bootstrap.services import Services
from tests.api.conftest import CODE, who

RAISE = {
    "channel": "visit",
    "category": "land",
    "enterprise_code": CODE,
    "enterprise_name": "示范新能源科技有限公司",
    "description": "二期用地指标尚未落实",
}


def raise_issue(client: TestClient) -> str:
    response = client.post("/issues", json=RAISE)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def assign(client: TestClient, issue_id: str, time_limit: str = "2026-10-10") -> None:
    body = {"responsible_person_id": who(client, "赵丽"), "time_limit": time_limit}
    response = client.post(f"/issues/{issue_id}/assignment", json=body)
    assert response.status_code == 200, response.text


def test_the_walkthrough_raise_assign_resolve_close_out_and_read_history(client: TestClient):
    issue_id = raise_issue(client)
    assign(client, issue_id)
    resolved = client.post(f"/issues/{issue_id}/resolution", json={"resolution": "指标已下达"})
    assert resolved.json()["status"] == "resolved"
    closed = client.post(f"/issues/{issue_id}/close-out", json={"confirmed_by": "企业负责人"})
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"

    history = client.get(f"/issues/{issue_id}/events").json()["items"]
    assert [e["type"] for e in history] == [
        "Issue.Raised",
        "Issue.Assigned",
        "Issue.Resolved",
        "Issue.ClosedOut",
    ]
    assert history[0]["actor"] == "张三"
    assert history[0]["unit"] == "市政府督查室"
    assert history[0]["data"]["enterprise_code"] == CODE
    assert client.get(f"/issues/{issue_id}").json()["status"] == "closed"


def test_closing_out_an_unresolved_issue_answers_409_problem_details_and_adds_no_event(
    client: TestClient, services: Services
):
    issue_id = raise_issue(client)
    before = services.office.recorder.max_notification_id()
    response = client.post(f"/issues/{issue_id}/close-out", json={"confirmed_by": "企业负责人"})
    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["rule"] == "close-out-requires-resolution"
    assert body["status"] == 409
    assert body["instance"] == f"/issues/{issue_id}/close-out"
    assert services.office.recorder.max_notification_id() == before


def test_a_bad_credit_code_answers_422(client: TestClient, services: Services, head: int):
    response = client.post("/issues", json={**RAISE, "enterprise_code": "91110000600037341X"})
    assert response.status_code == 422
    assert response.json()["rule"] == "invalid-credit-code"
    assert services.office.recorder.max_notification_id() == head


def test_malformed_bodies_answer_400(client: TestClient):
    assert client.post("/issues", content=b"{not json").status_code == 400
    assert client.post("/issues", json={**RAISE, "channel": "carrier pigeon"}).status_code == 400
    missing = client.post("/issues", json={"channel": "visit"})
    assert missing.status_code == 400
    assert missing.json()["rule"] == "malformed-request"
    assert client.post("/issues", json={**RAISE, "extra": 1}).status_code == 400


def test_unknown_issue_answers_404(client: TestClient):
    missing = "00000000-0000-4000-8000-000000000000"
    assert client.get(f"/issues/{missing}").status_code == 404
    assert client.get(f"/issues/{missing}/events").status_code == 404
    response = client.post(f"/issues/{missing}/resolution", json={"resolution": "x"})
    assert response.status_code == 404
    assert response.json()["rule"] == "issue-not-found"


def test_without_a_valid_token_only_health_and_docs_answer(client: TestClient):
    import time

    import jwt

    from tests.api.conftest import SECRET

    expired = jwt.encode(
        {
            "sub": "zhangsan",
            "exp": int(time.time()) - 10,
            "iat": int(time.time()) - 100,
            "extras": {"name": "张三", "unit": "市发改委", "role": "supervisor", "scope": None},
        },
        SECRET,
        algorithm="HS256",
    )
    forged = jwt.encode(
        {"sub": "x", "exp": int(time.time()) + 100},
        "another-secret-of-32-bytes-xxxxx",
        algorithm="HS256",
    )
    for headers in (
        {"Authorization": ""},
        {"Authorization": "Bearer not.a.token"},
        {"Authorization": f"Bearer {expired}"},
        {"Authorization": f"Bearer {forged}"},
    ):
        assert client.post("/issues", json=RAISE, headers=headers).status_code == 401
        assert client.get("/issues", headers=headers).status_code == 401
        assert client.get("/health", headers=headers).status_code == 200
        assert client.get("/schema/openapi.json", headers=headers).status_code == 200


def test_lists_filter_by_status_unit_enterprise_and_overdue(client: TestClient, clock):
    from datetime import timedelta

    late = raise_issue(client)
    assign(client, late, time_limit="2026-09-30")
    on_time = raise_issue(client)
    assign(client, on_time, time_limit="2026-12-31")
    raise_issue(client)
    clock.advance(timedelta(days=5))  # now 2026-10-03 in Shanghai

    overdue = client.get("/issues", params={"overdue": "true"}).json()["items"]
    assert [i["id"] for i in overdue] == [late]
    assigned = client.get("/issues", params={"status": "assigned"}).json()["items"]
    assert {i["id"] for i in assigned} == {late, on_time}
    by_unit = client.get("/issues", params={"responsible_unit": "市自然资源和规划局"}).json()[
        "items"
    ]
    assert len(by_unit) == 2
    assert len(client.get("/issues", params={"enterprise_code": CODE}).json()["items"]) == 3
    assert len(client.get("/issues", params={"limit": 1}).json()["items"]) == 1
    assert client.get("/issues", params={"limit": 1000}).status_code == 400


def test_extending_a_passed_time_limit_answers_409(client: TestClient, clock):
    from datetime import timedelta

    issue_id = raise_issue(client)
    assign(client, issue_id, time_limit="2026-09-29")
    clock.advance(timedelta(days=3))
    response = client.post(
        f"/issues/{issue_id}/extension",
        json={"new_limit": "2026-10-20", "approver_id": who(client, "主任"), "reason": "需会审"},
    )
    assert response.status_code == 409
    assert response.json()["rule"] == "time-limit-passed"


def test_commitments_on_an_issue_are_made_and_kept(client: TestClient):
    issue_id = raise_issue(client)
    made = client.post(
        f"/issues/{issue_id}/commitments",
        json={"what": "十个工作日内办结", "to_whom": "企业", "due_date": "2026-10-15"},
    )
    assert made.status_code == 201
    number = made.json()["number"]
    kept = client.post(f"/issues/{issue_id}/commitments/{number}/kept", json={})
    assert kept.json()["commitments"][0]["status"] == "kept"
    again = client.post(f"/issues/{issue_id}/commitments/{number}/kept", json={})
    assert again.status_code == 409
