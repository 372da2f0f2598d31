"""Pairings, session series, financing matches and reviews through HTTP."""

from __future__ import annotations

from litestar.testing import TestClient

from bootstrap.services import Services
from tests.api.conftest import CODE, unit_id, who


def post(client: TestClient, path: str, body: dict, status: int = 200) -> dict:
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()


def test_a_visit_finding_leads_to_an_issue_whose_history_shows_the_visit(client: TestClient):
    pairing = post(
        client,
        "/pairings",
        {
            "mechanism": "department_head_enterprise",
            "official_id": who(client, "李明"),
            "enterprise_code": CODE,
            "enterprise_name": "示范新能源科技有限公司",
            "start": "2026-07-01",
        },
        201,
    )
    visited = post(
        client,
        f"/pairings/{pairing['id']}/visits",
        {
            "form": "上门走访",
            "people_met": ["王总"],
            "business_date": "2026-09-25",
            "findings": [
                {
                    "text": "用电紧张",
                    "raise_issue": {"category": "utilities", "description": "专线未接入"},
                }
            ],
        },
    )
    issue_id = visited["visits"][0]["raised_issues"][0]
    raised = client.get(f"/issues/{issue_id}/events").json()["items"][0]
    assert raised["data"]["source_kind"] == "pairing_visit"
    assert raised["data"]["source_ref"] == f"pairings/{pairing['id']}/visits/1/findings/1"
    months = client.get(f"/pairings/{pairing['id']}/visits-by-month").json()
    assert [(m["month"], m["visits"]) for m in months["months"]] == [
        ("2026-07", 0),
        ("2026-08", 0),
        ("2026-09", 1),
    ]
    assert months["months_without_visit"] == ["2026-07", "2026-08"]
    assert [
        p["id"] for p in client.get("/pairings", params={"official": "李明"}).json()["items"]
    ] == [pairing["id"]]


def test_a_visit_in_the_future_answers_422_and_saves_nothing(
    client: TestClient, services: Services
):
    pairing = post(
        client,
        "/pairings",
        {
            "mechanism": "leader_key_enterprise",
            "official_id": who(client, "王建国"),
            "enterprise_code": CODE,
            "enterprise_name": "企业",
            "start": "2026-07-01",
        },
        201,
    )
    before = services.office.recorder.max_notification_id()
    response = client.post(
        f"/pairings/{pairing['id']}/visits", json={"form": "走访", "business_date": "2026-10-01"}
    )
    assert response.status_code == 422
    assert response.json()["rule"] == "business-date-in-future"
    assert services.office.recorder.max_notification_id() == before


def test_a_session_question_raises_a_linked_issue_and_a_held_session_cannot_be_cancelled(
    client: TestClient,
):
    series = post(
        client,
        "/session-series",
        {
            "unit_id": unit_id(client, "市营商环境局"),
            "kind": "on_site_office_meeting",
            "title": "现场办公会",
            "start": "2026-09-01",
        },
        201,
    )
    sid = series["id"]
    post(
        client,
        f"/session-series/{sid}/sessions",
        {"planned_on": "2026-09-28", "topic": "园区道路", "host": "张伟"},
        201,
    )
    held = post(
        client,
        f"/session-series/{sid}/sessions/1/holding",
        {
            "attendance": 20,
            "questions": [
                {
                    "text": "道路破损",
                    "raise_issue": {
                        "category": "logistics",
                        "description": "产地道路破损",
                        "enterprise_code": CODE,
                        "enterprise_name": "苍溪猕猴桃",
                    },
                }
            ],
        },
    )
    issue_id = held["sessions"][0]["raised_issues"][0]
    assert client.get(f"/issues/{issue_id}").json()["source_kind"] == "session_question"
    refused = client.post(f"/session-series/{sid}/sessions/1/cancellation", json={"reason": "x"})
    assert refused.status_code == 409
    assert refused.json()["rule"] == "session-not-planned"
    made = post(
        client,
        f"/session-series/{sid}/commitments",
        {"what": "十日内修复道路", "to_whom": "企业", "due_date": "2026-10-09"},
        201,
    )
    assert made["number"] == 1


def test_financing_feedback_credit_disbursement_and_an_over_disbursement_refused(
    client: TestClient,
):
    match = post(
        client,
        "/financing-matches",
        {
            "enterprise_code": CODE,
            "enterprise_name": "企业",
            "amount": 50_000_000,
            "purpose": "设备",
            "term_months": 36,
        },
        201,
    )
    mid = match["id"]
    post(
        client,
        f"/financing-matches/{mid}/recommendation",
        {"bank": "工商银行", "bank_head": "周行长", "feedback_due": "2026-10-15"},
    )
    post(
        client,
        f"/financing-matches/{mid}/feedback",
        {"feedback": "interested", "next_due": "2026-10-30"},
    )
    post(
        client, f"/financing-matches/{mid}/credit-approval", {"amount": 40_000_000, "rate_bp": 385}
    )
    over = client.post(f"/financing-matches/{mid}/disbursements", json={"amount": 40_000_001})
    assert over.status_code == 422
    assert over.json()["rule"] == "disbursement-exceeds-credit"
    done = post(client, f"/financing-matches/{mid}/disbursements", {"amount": 40_000_000})
    assert (done["status"], done["disbursed"]) == ("approved", 40_000_000)
    assert len(client.get("/financing-matches", params={"status": "approved"}).json()["items"]) == 1


def test_closing_out_an_issue_invites_its_review_and_a_bad_review_is_followed_up(
    client: TestClient,
):
    issue = post(
        client,
        "/issues",
        {
            "channel": "visit",
            "category": "permits",
            "enterprise_code": CODE,
            "enterprise_name": "企业",
            "description": "许可",
        },
        201,
    )
    iid = issue["id"]
    post(
        client,
        f"/issues/{iid}/assignment",
        {"responsible_person_id": who(client, "周敏"), "working_days": 5},
    )
    post(client, f"/issues/{iid}/resolution", {"resolution": "已办"})
    post(client, f"/issues/{iid}/close-out", {"confirmed_by": "企业"})
    invites = client.get("/reviews/invitations", params={"enterprise_code": CODE}).json()["items"]
    assert [i["issue_id"] for i in invites] == [iid]
    review = post(
        client,
        "/reviews",
        {
            "subject_kind": "issue",
            "subject_id": iid,
            "channel": "app",
            "level": 5,
            "reviewer_code": CODE,
        },
        201,
    )
    assert (review["subject_unit"], review["bad"], review["status"]) == (
        "市住建局",
        True,
        "submitted",
    )
    assert (
        client.get("/reviews/invitations", params={"enterprise_code": CODE}).json()["items"] == []
    )
    rid = review["id"]
    early = client.post(f"/reviews/{rid}/return-visit", json={"satisfied": True})
    assert early.status_code == 409
    post(client, f"/reviews/{rid}/verification", {})
    post(client, f"/reviews/{rid}/rectification", {"method": "fixed_at_once"})
    answered = post(client, f"/reviews/{rid}/return-visit", {"satisfied": True})
    assert answered["status"] == "answered"
    assert len(client.get("/reviews", params={"bad": "true"}).json()["items"]) == 1


def test_reviewing_an_open_issue_answers_409(client: TestClient):
    issue = post(
        client,
        "/issues",
        {
            "channel": "visit",
            "category": "land",
            "enterprise_code": CODE,
            "enterprise_name": "企业",
            "description": "地",
        },
        201,
    )
    response = client.post(
        "/reviews",
        json={
            "subject_kind": "issue",
            "subject_id": issue["id"],
            "channel": "app",
            "level": 1,
            "reviewer_code": CODE,
        },
    )
    assert response.status_code == 409
    assert response.json()["rule"] == "review-subject-not-reviewable"
