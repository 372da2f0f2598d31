"""Major projects through HTTP."""

from __future__ import annotations

from litestar.testing import TestClient

from bootstrap.services import Services
from tests.api.conftest import CODE, who

REGISTER = {
    "name": "年产5万吨锂电池正极材料产业园",
    "enterprise_name": "示范新能源科技有限公司",
    "enterprise_code": CODE,
    "region_code": "510802",
    "sector": "新能源",
    "total_investment": 3_500_000_000,
}


def register(client: TestClient, **overrides: object) -> str:
    response = client.post("/projects", json={**REGISTER, **overrides})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_a_project_is_registered_led_planned_advanced_and_reported(client: TestClient):
    project_id = register(client)
    assert client.get(f"/projects/{project_id}").json()["tier"] == "over_1_billion"
    steps = [
        ("lead-leader", {"leader_id": who(client, "王建国")}),
        ("team", {"member_id": who(client, "李明")}),
        (
            "plan",
            {"start": "2026-10-08", "completion": "2027-06-30", "commissioning": "2027-09-30"},
        ),
        ("stage", {"to": "negotiation"}),
        ("stage", {"to": "signed"}),
        ("stage", {"to": "under_construction"}),
        ("milestones", {"milestone": "start", "business_date": "2026-09-26"}),
        ("progress", {"month": "2026-09", "investment_to_date": 80_000_000}),
        ("suspension", {"reason": "企业融资未到位"}),
        ("resumption", {}),
    ]
    for path, body in steps:
        response = client.post(f"/projects/{project_id}/{path}", json=body)
        assert response.status_code == 200, (path, response.text)
    project = client.get(f"/projects/{project_id}").json()
    assert project["stage"] == "under_construction"
    assert project["lead_leader"] == "王建国"
    assert project["team"] == ["李明"]
    assert project["progress"] == [
        {
            "month": "2026-09",
            "investment_to_date": 80_000_000,
            "month_investment": None,  # neither given nor known from August
            "image_progress": "",
        }
    ]
    start = next(m for m in project["milestones"] if m["milestone"] == "start")
    assert start["reached_on"] == "2026-09-26"
    events = client.get(f"/projects/{project_id}/events").json()["items"]
    assert len(events) == 11
    assert events[-2]["type"] == "Project.Suspended"
    assert events[-2]["reason"] == "企业融资未到位"


def test_skipping_a_stage_answers_409_and_saves_nothing(client: TestClient, services: Services):
    project_id = register(client)
    before = services.office.recorder.max_notification_id()
    response = client.post(f"/projects/{project_id}/stage", json={"to": "operating"})
    assert response.status_code == 409
    assert response.json()["rule"] == "illegal-stage-transition"
    assert services.office.recorder.max_notification_id() == before


def test_an_investment_below_the_reserve_floor_answers_422(client: TestClient):
    response = client.post("/projects", json={**REGISTER, "total_investment": 9_999_999})
    assert response.status_code == 422
    assert response.json()["rule"] == "investment-below-reserve-floor"


def test_projects_list_by_stage_and_tier(client: TestClient):
    big = register(client)
    small = register(client, name="文旅康养综合体", total_investment=250_000_000)
    client.post(f"/projects/{big}/stage", json={"to": "negotiation"})
    negotiating = client.get("/projects", params={"stage": "negotiation"}).json()["items"]
    assert [p["id"] for p in negotiating] == [big]
    tier = client.get("/projects", params={"tier": "over_100_million"}).json()["items"]
    assert [p["id"] for p in tier] == [small]


def test_a_project_commitment_is_made_and_broken_with_a_reason(client: TestClient):
    project_id = register(client)
    made = client.post(
        f"/projects/{project_id}/commitments",
        json={"what": "十月底前完成供电接入", "to_whom": "企业", "due_date": "2026-10-31"},
    )
    assert made.status_code == 201
    no_reason = client.post(f"/projects/{project_id}/commitments/1/broken", json={"reason": " "})
    assert no_reason.status_code == 422
    broken = client.post(
        f"/projects/{project_id}/commitments/1/broken", json={"reason": "上级电网改造推迟"}
    )
    assert broken.json()["commitments"][0]["status"] == "broken"
    unknown = client.post(f"/projects/{project_id}/commitments/7/kept", json={})
    assert unknown.status_code == 404
