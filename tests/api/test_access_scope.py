"""Each reader sees, and each actor acts on, only what its scope covers: an officer its own
unit's items, an enterprise its own, a supervision office its jurisdiction (problems not yet
assigned included), an inspector everything. Out of scope: reads answer 404, commands 403."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from demo.data import credit_code
from domain.access import Role
from tests.api.conftest import unit_id, who
from tests.directory import TestDirectory, enterprise_bearer

TAX, LABOUR = "市税务局", "市人社局"
LOCAL = credit_code(1)  # an enterprise registered in the city (region 510800)
OTHER_LOCAL = credit_code(2)


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def issue_for(client: TestClient, unit: str, person: str, code: str = LOCAL) -> str:
    raised = ok(
        client.post(
            "/issues",
            json={
                "channel": "visit",
                "category": "land",
                "enterprise_code": code,
                "enterprise_name": "企业",
                "description": f"{unit}的问题",
            },
        ),
        201,
    )
    body = {"responsible_person_id": who(client, person), "working_days": 5}
    ok(client.post(f"/issues/{raised['id']}/assignment", json=body))
    return str(raised["id"])


def series_for(client: TestClient, unit: str, headers: dict[str, str] | None = None) -> Any:
    body = {"unit_id": unit_id(client, unit), "kind": "policy_briefing", "title": "宣讲"}
    body |= {"start": "2026-07-01"}
    return client.post("/session-series", json=body, headers=headers or {})


def pairing_for(client: TestClient, unit: str, headers: dict[str, str] | None = None) -> Any:
    body = {
        "mechanism": "department_head_enterprise",
        "official_id": who(client, "吴涛" if unit == TAX else "郑华"),
        "enterprise_code": LOCAL,
        "enterprise_name": "企业",
        "start": "2026-07-01",
    }
    return client.post("/pairings", json=body, headers=headers or {})


def test_an_officer_reads_only_its_own_units_items(client: TestClient, directory: TestDirectory):
    mine, theirs = issue_for(client, TAX, "吴涛"), issue_for(client, LABOUR, "郑华")
    ok(series_for(client, TAX), 201)
    ok(series_for(client, LABOUR), 201)
    ok(pairing_for(client, TAX), 201)
    ok(pairing_for(client, LABOUR), 201)
    officer = directory.bearer("吴涛", Role.OFFICER)
    assert [i["id"] for i in ok(client.get("/issues", headers=officer))["items"]] == [mine]
    assert client.get(f"/issues/{theirs}", headers=officer).status_code == 404
    assert client.get(f"/issues/{theirs}/events", headers=officer).status_code == 404
    assert client.get(f"/issues/{mine}/events", headers=officer).status_code == 200
    assert [s["unit"] for s in ok(client.get("/session-series", headers=officer))["items"]] == [TAX]
    assert [p["official_unit"] for p in ok(client.get("/pairings", headers=officer))["items"]] == [
        TAX
    ]
    deadlines = ok(client.get("/deadlines", headers=officer))["items"]
    assert {d["aggregate_id"] for d in deadlines if d["key"] == "time_limit"} == {mine}
    own = client.get(f"/accountability/units/{TAX}", params={"period": "2026"}, headers=officer)
    assert own.status_code == 200
    other = client.get(
        f"/accountability/units/{LABOUR}", params={"period": "2026"}, headers=officer
    )
    assert other.status_code == 404


def test_an_officers_command_outside_its_unit_is_refused_and_logged(
    client: TestClient, directory: TestDirectory
):
    theirs = issue_for(client, LABOUR, "郑华")
    officer = directory.bearer("吴涛", Role.OFFICER)
    refused = client.post(f"/issues/{theirs}/resolution", json={"resolution": "x"}, headers=officer)
    assert refused.status_code == 403
    assert refused.json()["rule"] == "out-of-scope"
    assert series_for(client, LABOUR, officer).status_code == 403  # for another unit
    assert pairing_for(client, LABOUR, officer).status_code == 403
    assert series_for(client, TAX, officer).status_code == 201
    raised = ok(
        client.post(
            "/issues",
            json={
                "channel": "visit",
                "category": "land",
                "enterprise_code": LOCAL,
                "enterprise_name": "企业",
                "description": "本单位受理",
            },
            headers=officer,
        ),
        201,
    )
    handed_on = client.post(
        f"/issues/{raised['id']}/assignment",
        json={"responsible_person_id": who(client, "郑华"), "working_days": 5},
        headers=officer,
    )
    assert handed_on.status_code == 403  # an officer may not hand work to another unit
    subject = str(directory.people["吴涛"].official_id)
    log = ok(client.get("/access-log", params={"subject": subject}))["items"]
    assert sorted(e["status"] for e in log) == [403, 403, 403, 403]
    assert all(e["method"] == "POST" for e in log)


def test_an_enterprise_sees_only_its_own_issues_reviews_and_invitations(
    client: TestClient, directory: TestDirectory
):
    mine = enterprise_bearer(LOCAL)
    body = {
        "channel": "online_platform",
        "category": "permits",
        "enterprise_name": "企业",
        "description": "许可",
    }
    own = ok(client.post("/issues", json={**body, "enterprise_code": LOCAL}, headers=mine), 201)
    refused = client.post("/issues", json={**body, "enterprise_code": OTHER_LOCAL}, headers=mine)
    assert refused.status_code == 403
    theirs = issue_for(client, TAX, "吴涛", OTHER_LOCAL)
    assert [i["id"] for i in ok(client.get("/issues", headers=mine))["items"]] == [own["id"]]
    assert client.get(f"/issues/{theirs}/events", headers=mine).status_code == 404
    given = {}
    for code in (LOCAL, OTHER_LOCAL):
        review = {"subject_kind": "window", "subject_id": "窗口1", "channel": "线上"}
        review |= {"level": 2, "subject_unit": TAX, "reviewer_code": code}
        given[code] = ok(client.post("/reviews", json=review), 201)["id"]
    assert [r["id"] for r in ok(client.get("/reviews", headers=mine))["items"]] == [given[LOCAL]]
    assert client.get(f"/reviews/{given[OTHER_LOCAL]}", headers=mine).status_code == 404
    for closed in (theirs,):
        ok(client.post(f"/issues/{closed}/resolution", json={"resolution": "办结"}))
        ok(client.post(f"/issues/{closed}/close-out", json={"confirmed_by": "企业"}))
    asked = client.get(
        "/reviews/invitations", params={"enterprise_code": OTHER_LOCAL}, headers=mine
    )
    assert ok(asked)["items"] == []  # the credit code comes from the token, not the query
    subject_log = ok(client.get("/access-log", params={"subject": LOCAL}))["items"]
    assert [(e["status"], e["path"]) for e in subject_log] == [(403, "/issues")]


def test_the_supervision_office_finds_problems_not_yet_assigned_in_its_jurisdiction(
    client: TestClient, directory: TestDirectory
):
    body = {
        "channel": "online_platform",
        "category": "permits",
        "enterprise_code": LOCAL,
        "enterprise_name": "企业",
        "description": "尚未交办",
    }
    raised = ok(client.post("/issues", json=body, headers=enterprise_bearer(LOCAL)), 201)
    queue = ok(client.get("/issues", params={"status": "raised"}))["items"]
    assert [i["id"] for i in queue] == [raised["id"]]
    neighbour = directory.bearer("邻市督查员", Role.SUPERVISOR)
    assert ok(client.get("/issues", headers=neighbour))["items"] == []
    assert client.get(f"/issues/{raised['id']}", headers=neighbour).status_code == 404
    assert ok(client.get("/audit/events", headers=neighbour))["items"] == []
    inspector = directory.bearer("审计员", Role.INSPECTOR)
    assert [i["id"] for i in ok(client.get("/issues", headers=inspector))["items"]] == [
        raised["id"]
    ]
