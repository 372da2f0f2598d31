"""Intake and routing through HTTP, on each store: 转办, 退回, 协办, 书面答复, 一次性告知,
领导交办 and a unit's own rectification items — status, body, problem details, and the
events saved (none on a refusal). The clock stands at Monday 28 September 2026."""

from __future__ import annotations

from typing import Any

from litestar.testing import TestClient

from bootstrap.services import Services
from domain.access import Role
from tests.api.conftest import CODE, who
from tests.directory import TestDirectory

RAISE = {
    "channel": "visit",
    "category": "land",
    "enterprise_code": CODE,
    "enterprise_name": "示范新能源科技有限公司",
    "description": "二期用地指标尚未落实",
}


def raised(client: TestClient, **changes: Any) -> str:
    response = client.post("/issues", json={**RAISE, **changes})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def assigned(client: TestClient, limit: str = "2026-10-30", **changes: Any) -> str:
    issue_id = raised(client, **changes)
    body = {"responsible_person_id": who(client, "赵丽"), "time_limit": limit}
    response = client.post(f"/issues/{issue_id}/assignment", json=body)
    assert response.status_code == 200, response.text
    return issue_id


def types(client: TestClient, issue_id: str) -> list[str]:
    return [e["type"] for e in client.get(f"/issues/{issue_id}/events").json()["items"]]


def refused(response: Any, status: int, rule: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["rule"] == rule


def test_a_raised_problem_owes_acceptance_in_three_working_days(client: TestClient):
    issue = client.get(f"/issues/{raised(client)}").json()
    # 29, 30 September, then 8 October after the National Day break
    assert (issue["acceptance_limit"], issue["routing_unit"]) == ("2026-10-08", "市政府督查室")
    deadlines = client.get("/deadlines", params={"limit": 200}).json()["items"]
    assert ("acceptance", "2026-10-08") in {(d["key"], d["due"]) for d in deadlines}


def test_a_transfer_hands_the_problem_on_with_a_new_limit(client: TestClient):
    issue_id = assigned(client)
    body = {"responsible_person_id": who(client, "周敏"), "reason": "属住建部门职责",
            "working_days": 5}  # fmt: skip
    moved = client.post(f"/issues/{issue_id}/transfer", json=body)
    assert moved.status_code == 200, moved.text
    # 5 working days from 28 September: 29, 30 September, 8, 9 and 10 (a Saturday worked)
    assert (moved.json()["responsible_unit"], moved.json()["time_limit"]) == (
        "市住建局",
        "2026-10-10",
    )
    assert moved.json()["transfers"] == 1
    assert types(client, issue_id)[-1] == "Issue.Transferred"


def test_a_transfer_to_the_same_unit_is_refused_and_saves_nothing(
    client: TestClient, services: Services
):
    issue_id = assigned(client)
    before = services.office.recorder.max_notification_id()
    body = {"responsible_person_id": who(client, "赵丽"), "reason": "r", "working_days": 5}
    refused(client.post(f"/issues/{issue_id}/transfer", json=body), 422, "transfer-to-same-unit")
    assert services.office.recorder.max_notification_id() == before


def test_a_return_puts_the_problem_back_to_the_office(client: TestClient):
    issue_id = assigned(client)
    back = client.post(f"/issues/{issue_id}/return", json={"reason": "不属本单位职责"})
    assert back.status_code == 200, back.text
    body = back.json()
    assert (body["status"], body["responsible_unit"], body["returns"]) == ("raised", None, 1)
    assert (body["routing_unit"], body["acceptance_limit"]) == ("市政府督查室", "2026-10-08")


def test_returning_a_problem_not_assigned_or_without_reason_is_refused(client: TestClient):
    issue_id = raised(client)
    refused(
        client.post(f"/issues/{issue_id}/return", json={"reason": "误派"}),
        409,
        "issue-not-assigned",
    )
    refused(
        client.post(f"/issues/{assigned(client)}/return", json={"reason": "  "}),
        422,
        "reason-required",
    )


def test_an_assisting_unit_sees_and_completes_its_part_and_not_the_whole(
    client: TestClient, directory: TestDirectory
):
    issue_id = assigned(client)
    body = {"assisting_person_id": who(client, "周敏"), "part": "出具规划条件意见",
            "due": "2026-10-20"}  # fmt: skip
    asked = client.post(f"/issues/{issue_id}/assisting-parts", json=body)
    assert asked.status_code == 200, asked.text
    assert asked.json()["assisting"][0]["unit"] == "市住建局"
    refused(
        client.post(f"/issues/{issue_id}/resolution", json={"resolution": "已解决"}),
        409,
        "assisting-parts-open",
    )
    helper = directory.bearer("周敏", Role.OFFICER)
    assert client.get(f"/issues/{issue_id}", headers=helper).status_code == 200
    refused(
        client.post(
            f"/issues/{issue_id}/resolution", json={"resolution": "已解决"}, headers=helper
        ),
        403,
        "out-of-scope",
    )
    done = client.post(
        f"/issues/{issue_id}/assisting-parts/1/completion",
        json={"answer": "规划条件已出具"},
        headers=helper,
    )
    assert done.status_code == 200, done.text
    resolved = client.post(f"/issues/{issue_id}/resolution", json={"resolution": "已解决"})
    assert resolved.json()["status"] == "resolved"


def test_assistance_refusals(client: TestClient):
    issue_id = assigned(client)
    lead = {"assisting_person_id": who(client, "赵丽"), "part": "p", "due": "2026-10-20"}
    refused(
        client.post(f"/issues/{issue_id}/assisting-parts", json=lead),
        422,
        "assisting-unit-is-lead",
    )
    late = {"assisting_person_id": who(client, "周敏"), "part": "p", "due": "2026-11-02"}
    refused(
        client.post(f"/issues/{issue_id}/assisting-parts", json=late),
        422,
        "assisting-part-after-time-limit",
    )
    refused(
        client.post(f"/issues/{issue_id}/assisting-parts/3/completion", json={"answer": "x"}),
        404,
        "assisting-part-not-found",
    )


def test_a_one_time_notice_is_given_once(client: TestClient):
    issue_id = raised(client)
    items = {"items": ["营业执照复印件", "用地规划许可证"]}
    told = client.post(f"/issues/{issue_id}/one-time-notice", json=items)
    assert told.json()["one_time_notice"] == ["营业执照复印件", "用地规划许可证"]
    refused(
        client.post(f"/issues/{issue_id}/one-time-notice", json=items),
        409,
        "one-time-notice-already-given",
    )
    refused(
        client.post(f"/issues/{issue_id}/one-time-notice", json={"items": []}),
        400,
        "malformed-request",
    )


def test_a_complaint_owes_its_written_answer_within_seven_working_days(client: TestClient):
    issue_id = assigned(client, channel="hotline_12345")
    issue = client.get(f"/issues/{issue_id}").json()
    # 7 working days from 28 September: 29, 30 September, 8, 9, 10, 12 and 13 October
    assert (issue["reply_rule"], issue["reply_by"]) == ("complaint", "2026-10-13")
    answered = client.post(f"/issues/{issue_id}/reply", json={"answer": "已书面答复企业"})
    assert answered.json()["replied_on"] == "2026-09-28"
    refused(
        client.post(f"/issues/{issue_id}/reply", json={"answer": "again"}), 409, "already-replied"
    )


def test_an_answer_promised_after_the_cap_is_refused(client: TestClient):
    issue_id = raised(client, channel="mayors_mailbox")
    body = {"responsible_person_id": who(client, "赵丽"), "time_limit": "2026-10-30",
            "reply_by": "2026-10-14"}  # fmt: skip
    refused(client.post(f"/issues/{issue_id}/assignment", json=body), 422, "reply-after-cap")
    assert types(client, issue_id) == ["Issue.Raised"]


def test_a_leaders_assignment_needs_the_leader_and_the_instruction(client: TestClient):
    refused(
        client.post("/issues", json={**RAISE, "channel": "leader_assigned"}),
        422,
        "leader-instruction-required",
    )
    leader = {"instructing_leader_id": who(client, "王建国"), "instruction": "请两周内办结"}
    issue = client.get(f"/issues/{raised(client, channel='leader_assigned', **leader)}").json()
    assert (issue["instructing_leader"], issue["one_by_one"]) == ("王建国", True)
    refused(
        client.post("/issues", json={**RAISE, **leader}),
        422,
        "leader-instruction-only-for-leader-assigned",
    )


def test_a_units_own_rectification_item_needs_no_enterprise(
    client: TestClient, directory: TestDirectory
):
    body = {"category": "permits", "problem": "窗口办件超时", "cause": "人员不足",
            "measures": "增设综合窗口", "responsible_person_id": who(client, "许晓燕"),
            "time_limit": "2026-10-30"}  # fmt: skip
    made = client.post("/issues/rectification-items", json=body)
    assert made.status_code == 201, made.text
    item = made.json()
    assert (item["enterprise_code"], item["channel"], item["status"]) == (
        "",
        "self_rectification",
        "assigned",
    )
    assert (item["cause"], item["measures"]) == ("人员不足", "增设综合窗口")
    other = {**body, "responsible_person_id": who(client, "赵丽")}  # another unit's official
    officer = directory.bearer("吴涛", Role.OFFICER)
    refused(
        client.post("/issues/rectification-items", json=other, headers=officer),
        403,
        "out-of-scope",
    )
