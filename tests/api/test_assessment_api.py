"""The assessment over HTTP, on each store: each refusal answers problem details naming its
rule and saves nothing; readers see an assessment as their role and scope allow. The scheme
is written here; the scores it gives are worked out by hand."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from litestar.testing import TestClient

from bootstrap.services import Services
from domain.access import Role
from domain.scheme_reading import read_scheme
from domain.values import SHANGHAI
from infrastructure.clock import FrozenClock
from tests.api.conftest import unit_id, who
from tests.directory import TestDirectory
from tests.unit.assessment_builders import SCHEME_DATA

NDRC, INDUSTRY = "市发展改革委", "市经济和信息化局"
SMALL = {  # the domain tests' scheme, with mechanisms binding the two units
    **SCHEME_DATA,
    "version": "api.1",
    "title": "接口测试考核方案",
    "requirement": [
        {"id": "industry", "name": "工业企业困难问题会商会", "kind": "sessions",
         "session_kind": "consultation_meeting", "units": [INDUSTRY]},
        {"id": "on_site", "name": "现场办公会", "kind": "sessions",
         "session_kind": "on_site_office_meeting", "cadence": "monthly", "units": [NDRC]},
    ],
    "lists": {"good_top": 1, "bad_bottom": 1},
}  # fmt: skip
AFTER_CUTOFF = datetime(2027, 1, 7, 10, tzinfo=SHANGHAI)


@pytest.fixture
def small(services: Services) -> None:
    services.office.schemes = {2026: read_scheme(SMALL)}


def problem(response: Any, status: int, rule: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert (body["status"], body["rule"]) == (status, rule)
    return body


def opened(client: TestClient, *units: str, period: str = "2026") -> dict[str, Any]:
    response = open_for(client, [unit_id(client, u) for u in units or (NDRC, INDUSTRY)], period)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def open_for(client: TestClient, unit_ids: list[str], period: str = "2026") -> Any:
    body = {"period": period, "title": f"{period}年度考核", "unit_ids": unit_ids}
    return client.post("/assessments", json=body)


def scored(client: TestClient, clock: FrozenClock) -> str:
    assessment_id = str(opened(client)["id"])
    clock.set(AFTER_CUTOFF)
    response = client.post(f"/assessments/{assessment_id}/scores", json={})
    assert response.status_code == 200, response.text
    return assessment_id


def adjust(client: TestClient, assessment_id: str, approver: str, points: float) -> Any:
    body = {
        "unit_id": unit_id(client, NDRC), "indicator": "resolution", "points": points,
        "approver_id": who(client, approver), "reason": "一件问题办结质量不达标",
    }  # fmt: skip
    return client.post(f"/assessments/{assessment_id}/adjustments", json=body)


def saved(services: Services) -> int:
    return services.office.recorder.max_notification_id() or 0


def test_an_assessment_opens_once_per_office_and_period(client, services, small):
    body = opened(client)
    assert (body["status"], body["kind"], body["scheme_version"]) == ("draft", "annual", "api.1")
    assert datetime.fromisoformat(body["cutoff"]) == datetime(2027, 1, 6, tzinfo=SHANGHAI)
    assert sorted(body["units"].values()) == sorted([NDRC, INDUSTRY])
    before = saved(services)
    again = problem(open_for(client, [unit_id(client, NDRC)]), 409, "assessment-already-open")
    assert body["id"] in again["detail"]
    assert saved(services) == before


def test_opening_names_units_the_directory_knows_within_the_offices_scope(
    client, services, small, head
):
    unknown = "00000000-0000-4000-8000-000000000000"
    problem(open_for(client, [unit_id(client, NDRC), unknown]), 422, "unknown-unit")
    neighbour = unit_id(client, "邻市税务局")
    problem(open_for(client, [unit_id(client, NDRC), neighbour]), 403, "out-of-scope")
    problem(open_for(client, [unit_id(client, NDRC)], "2027"), 422, "assessment-scheme-not-found")
    assert client.post("/assessments", json={"period": "2026-08", "title": "月", "unit_ids": [
        unit_id(client, NDRC)]}).status_code == 400  # fmt: skip
    assert saved(services) == head


def test_scores_are_not_computed_before_the_cut_off_and_the_refusal_saves_nothing(
    client, services, small
):
    assessment_id = opened(client)["id"]
    before, stamp = saved(services), client.get(f"/assessments/{assessment_id}").json()
    body = problem(
        client.post(f"/assessments/{assessment_id}/scores", json={}), 409, "cutoff-not-reached"
    )
    assert body["instance"] == f"/assessments/{assessment_id}/scores"
    assert saved(services) == before
    now = client.get(f"/assessments/{assessment_id}").json()
    assert (now["updated_at"], now["draft"]) == (stamp["updated_at"], None)


def test_scored_after_the_cut_off_by_the_schemes_numbers(client, services, clock, small):
    assessment_id = scored(client, clock)
    draft = client.get(f"/assessments/{assessment_id}").json()["draft"]
    # nothing to measure: full marks (60 + 2); NDRC's on-site meetings never set up fail once
    # (40 − 10) and veto it; INDUSTRY's 会商会 likewise
    assert [(p["unit"], p["total"], p["rank"], p["vetoed"]) for p in draft] == [
        (NDRC, 92.0, 1, True),
        (INDUSTRY, 92.0, 1, True),
    ]
    assert {p["grade"] for p in draft} == {"fail"}  # vetoed in the year-end assessment


def test_an_adjustment_is_approved_by_another_official_within_the_weight(
    client, services, clock, small
):
    assessment_id = scored(client, clock)
    before = saved(services)
    problem(adjust(client, assessment_id, "张三", 50.0), 422, "approver-is-actor")
    problem(adjust(client, assessment_id, "主任", 60.5), 422, "points-out-of-range")
    assert saved(services) == before
    assert adjust(client, assessment_id, "主任", 50.0).status_code == 200
    scores = client.get(f"/assessments/{assessment_id}/units/{unit_id(client, NDRC)}").json()
    resolution = next(i for i in scores["indicators"] if i["id"] == "resolution")
    assert (resolution["points"], resolution["adjusted"], scores["total"]) == (60.0, 50.0, 82.0)
    (note,) = scores["adjustments_and_bonuses"]
    assert (note["recorded_by"], note["approved_by"]) == ("张三", "主任")


def test_publication_needs_scores_and_the_lists_need_a_publication(client, services, clock, small):
    assessment_id = opened(client)["id"]
    before = saved(services)
    publish = f"/assessments/{assessment_id}/publication"
    problem(client.post(publish, json={}), 409, "assessment-not-scored")
    problem(client.get(f"/assessments/{assessment_id}/lists"), 409, "assessment-not-published")
    assert saved(services) == before

    clock.set(AFTER_CUTOFF)
    assert client.post(f"/assessments/{assessment_id}/scores", json={}).status_code == 200
    assert adjust(client, assessment_id, "主任", 50.0).status_code == 200
    assert client.post(publish, json={"document": "示范考〔2027〕1号"}).status_code == 200
    problem(client.post(publish, json={}), 409, "assessment-published")
    lists = client.get(f"/assessments/{assessment_id}/lists").json()
    # INDUSTRY 92 first, NDRC 82 last; both vetoed: none good, both on the bad circular
    assert (lists["version"], lists["good_list"]) == (1, [])
    assert [e["place"]["unit"] for e in lists["bad_circular"]] == [NDRC, INDUSTRY]
    assert "现场办公会" in lists["bad_circular"][0]["why"]


def test_readers_see_an_assessment_as_their_role_and_scope_allow(
    client, directory: TestDirectory, small
):
    assessment_id = opened(client)["id"]
    path = f"/assessments/{assessment_id}"
    neighbour = directory.bearer("邻市督查员", Role.SUPERVISOR)
    problem(client.get(path, headers=neighbour), 404, "assessment-not-found")
    assert client.get("/assessments", headers=neighbour).json()["items"] == []
    inspector = directory.bearer("审计员", Role.INSPECTOR)
    assert client.get(path, headers=inspector).json()["id"] == assessment_id
    assert [a["id"] for a in client.get("/assessments", headers=inspector).json()["items"]] == [
        assessment_id
    ]
    officer = directory.bearer("李明", Role.OFFICER)
    assert client.get(path, headers=officer).status_code == 403
    assert client.get("/assessments", headers=officer).status_code == 403
    refused = client.post(
        "/assessments",
        json={"period": "2026-H1", "title": "半年", "unit_ids": [unit_id(client, NDRC)]},
        headers=officer,
    )
    assert refused.status_code == 403
