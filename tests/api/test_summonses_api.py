"""Summonses and referrals over HTTP: the supervision office proposes, schedules, records held
and accepts; inspectors read; an officer is refused; another city's office sees nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from litestar.testing import TestClient

from bootstrap.services import Services
from domain.access import Role
from infrastructure.clock import FrozenClock
from tests.api.conftest import unit_id, who
from tests.directory import ADMIN_CTX, TestDirectory

TAX = "市税务局"
ITEMS = [
    {"what": "出口退税办理时限压缩至5个工作日", "working_days": 5},
    {"what": "建立问题清单周调度制度", "due": "2026-11-13"},
]


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def refused(response: Any, status: int, rule: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["rule"] == rule


def propose(client: TestClient, **headers: str) -> Any:
    body = {"unit_id": unit_id(client, TAX), "reason": "营商环境投诉集中", "items": ITEMS}
    return client.post("/summonses", json=body, headers=headers)


def chief(services: Services, directory: TestDirectory) -> str:
    official = services.office.register_official(
        ADMIN_CTX, name="钱卫东", unit_id=directory.units[TAX], title="局长"
    )
    return str(official.id)


def test_the_office_runs_a_summons_and_the_register_shows_each_step(
    client: TestClient, services: Services, directory: TestDirectory, clock: FrozenClock
):
    leader = chief(services, directory)
    summons = ok(propose(client), 201)
    assert (summons["status"], summons["grounds"], summons["unit"]) == (
        "proposed",
        "supervisor",
        TAX,
    )
    assert [(i["number"], i["due"], i["missed"]) for i in summons["items"]] == [
        (1, "2026-10-10", False),
        (2, "2026-11-13", False),
    ]
    at = f"/summonses/{summons['id']}"
    proposed_at = summons["proposed_at"]
    clock.set(datetime(2026, 10, 9, 1, tzinfo=UTC))
    ok(client.post(f"{at}/schedule", json={"on": "2026-10-09", "place": "市政府第三会议室"}))
    body = {
        "held_on": "2026-10-09",
        "principal_leader_id": who(client, "吴涛"),
        "conducted_by_id": who(client, "王建国"),
    }
    refused(client.post(f"{at}/held", json=body), 422, "principal-leader-holds-no-head-post")
    held = ok(client.post(f"{at}/held", json=body | {"principal_leader_id": leader}))
    assert held["status"] == "held"
    assert held["principal_leader"]["name"] == "钱卫东"
    assert held["principal_leader"]["post"] == "局长"
    assert [p["name"] for p in held["attendees"]] == ["钱卫东"]
    refused(
        client.post(f"{at}/acceptance", json={"reason": "到位"}), 409, "rectification-incomplete"
    )
    clock.set(datetime(2026, 10, 12, 1, tzinfo=UTC))  # item 1 was due 10 October
    late = ok(client.post(f"{at}/items/1/completion", json={"what_was_done": "已压缩至4日"}))
    assert [(i["completed_on"], i["missed"]) for i in late["items"]] == [
        ("2026-10-12", True),
        (None, False),
    ]
    refused(client.post(f"{at}/items/3/completion", json={"what_was_done": "x"}), 404,
            "rectification-item-not-found")  # fmt: skip
    ok(client.post(f"{at}/items/2/completion", json={"what_was_done": "已建立"}))
    closed = ok(client.post(f"{at}/acceptance", json={"reason": "经核查整改到位"}))
    assert (closed["status"], closed["closing_reason"]) == ("closed", "经核查整改到位")
    assert [
        s["id"] for s in ok(client.get("/summonses", params={"status": "closed"}))["items"]
    ] == [summons["id"]]
    assert ok(client.get("/summonses", params={"status": "proposed"}))["items"] == []
    assert ok(client.get("/summonses", params={"unit": "市人社局"}))["items"] == []
    then = ok(client.get(f"{at}/timeline", params={"as_of": proposed_at}))
    assert (then["state"]["status"], then["version"]) == ("proposed", 1)
    events = ok(client.get(f"{at}/events"))["items"]
    assert [e["type"] for e in events][-3:] == [
        "Summons.ItemCompleted",
        "Summons.ItemCompleted",
        "Summons.RectificationAccepted",
    ]


def test_a_proposal_is_withdrawn_with_a_reason_and_refusals_name_their_rule(
    client: TestClient,
):
    summons = ok(propose(client), 201)
    at = f"/summonses/{summons['id']}"
    refused(
        client.post(
            "/summonses", json={"unit_id": unit_id(client, TAX), "reason": "x", "items": []}
        ),
        422,
        "rectification-list-empty",
    )
    refused(
        client.post(f"{at}/schedule", json={"on": "2026-09-25", "place": "会议室"}),
        422,
        "summons-date-in-past",
    )
    refused(client.post(f"{at}/held", json={
        "held_on": "2026-09-28", "principal_leader_id": who(client, "吴涛"),
        "conducted_by_id": who(client, "王建国"),
    }), 409, "summons-not-scheduled")  # fmt: skip
    withdrawn = ok(client.post(f"{at}/withdrawal", json={"reason": "考核结果更正"}))
    assert withdrawn["status"] == "withdrawn"
    assert withdrawn["closing_reason"] == "考核结果更正"
    refused(client.post(f"{at}/withdrawal", json={"reason": "again"}), 409, "summons-withdrawn")
    refused(client.get(f"/summonses/{uuid4()}"), 404, "summons-not-found")


def test_an_officer_is_refused_and_another_citys_office_sees_nothing(
    client: TestClient, directory: TestDirectory
):
    summons = ok(propose(client), 201)
    officer = directory.bearer("吴涛", Role.OFFICER)
    refused(client.get("/summonses", headers=officer), 403, "forbidden")
    refused(propose(client, **officer), 403, "forbidden")
    neighbour = directory.bearer("邻市督查员", Role.SUPERVISOR)
    assert ok(client.get("/summonses", headers=neighbour))["items"] == []
    at = f"/summonses/{summons['id']}"
    refused(client.get(at, headers=neighbour), 404, "summons-not-found")
    refused(client.get(f"{at}/events", headers=neighbour), 404, "summons-not-found")
    refused(propose(client, **neighbour), 403, "out-of-scope")
    body = {"on": "2026-10-09", "place": "会议室"}
    refused(client.post(f"{at}/schedule", json=body, headers=neighbour), 403, "out-of-scope")
    inspector = directory.bearer("审计员", Role.INSPECTOR)
    assert [s["id"] for s in ok(client.get("/summonses", headers=inspector))["items"]] == [
        summons["id"]
    ]


def test_an_inspector_reads_the_referrals_the_office_makes(
    client: TestClient, directory: TestDirectory
):
    summons = ok(propose(client), 201)
    body = {
        "facts": "对企业退税申请推诿扯皮三个月",
        "organ": "市纪委监委",
        "unit_id": unit_id(client, TAX),
        "official_id": who(client, "吴涛"),
        "evidence": [1],
        "summons_id": summons["id"],
    }
    referral = ok(client.post("/referrals", json=body), 201)
    assert (referral["unit"], referral["official"], referral["status"]) == (TAX, "吴涛", "referred")
    refused(client.post("/referrals", json=body | {"evidence": [10**9]}), 422,
            "evidence-not-in-log")  # fmt: skip
    refused(
        client.post("/referrals", json={"facts": "x", "organ": "市纪委监委"}),
        422,
        "referral-party-required",
    )
    inspector = directory.bearer("审计员", Role.INSPECTOR)
    listed = ok(client.get("/referrals", headers=inspector))["items"]
    assert [r["id"] for r in listed] == [referral["id"]]
    at = f"/referrals/{referral['id']}"
    assert ok(client.get(at, headers=inspector))["summons_id"] == summons["id"]
    assert len(ok(client.get(f"{at}/events", headers=inspector))["items"]) == 1
    refused(client.post(f"{at}/outcome", json={"disposition": "诫勉"}, headers=inspector), 403,
            "forbidden")  # fmt: skip
    concluded = ok(client.post(f"{at}/outcome", json={"disposition": "给予诫勉谈话"}))
    assert (concluded["status"], concluded["disposition"]) == ("concluded", "给予诫勉谈话")
    assert (
        ok(client.get("/referrals", params={"status": "referred"}, headers=inspector))["items"]
        == []
    )
    assert (
        ok(client.get("/referrals", params={"unit": TAX}, headers=inspector))["items"][0]["id"]
        == (referral["id"])
    )
    neighbour = directory.bearer("邻市督查员", Role.SUPERVISOR)
    assert ok(client.get("/referrals", headers=neighbour))["items"] == []
    refused(client.get(at, headers=neighbour), 404, "referral-not-found")
    refused(client.get("/referrals", headers=directory.bearer("吴涛", Role.OFFICER)), 403,
            "forbidden")  # fmt: skip
