"""Routing an assigned problem: 转办, 退回, 协办, the written answer owed by rule (答复) and
一次性告知 — each transition, and each refusal saving nothing."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.calendar import DayCount, DueDate, PendingCount, explicit
from domain.issue import Issue
from domain.issue_routing import ReplyRule
from domain.values import Channel, IssueCategory, IssueStatus
from tests.unit.builders import MONDAY, issue, names, on

LIMIT = date(2026, 10, 20)  # the lead's time limit (tests/unit/builders.py)
# 7 working days from Monday 28 September 2026 by the 2026 arrangement: 29, 30 September,
# then 8, 9, 10 (a Saturday worked), 12 and 13 October after the National Day break
SEVEN_WORKING_DAYS = DueDate(date(2026, 10, 13), DayCount.WORKING_DAYS, 7, MONDAY, "test")


def assigned() -> Issue:
    return issue("assigned", LIMIT)


def transfer(i: Issue, unit: str = "市住建局", day: date = MONDAY, **more: object) -> None:
    i.transfer(
        on(day, reason="属住建部门职责"),
        responsible_unit=unit,
        responsible_person="孙磊",
        time_limit=more.pop("time_limit", explicit(date(2026, 10, 30), day)),  # type: ignore[arg-type]
        **more,  # type: ignore[arg-type]
    )


# --- 转办 -----------------------------------------------------------------------------------


def test_a_transfer_hands_the_problem_to_another_unit_with_its_own_time_limit():
    i = assigned()
    transfer(i)
    (event,) = i.collect_events()
    assert (event.from_unit, event.responsible_unit, event.time_limit) == (
        "市自规局",
        "市住建局",
        date(2026, 10, 30),
    )
    assert (i.responsible_unit, i.responsible_person, i.time_limit, i.transfers) == (
        "市住建局",
        "孙磊",
        date(2026, 10, 30),
        1,
    )
    assert (event.reason, i.status) == ("属住建部门职责", IssueStatus.ASSIGNED)


def test_a_transfer_after_the_old_limit_records_the_old_units_miss():
    i = assigned()
    transfer(i, day=date(2026, 10, 21))
    events = i.collect_events()
    assert names(events) == ["DeadlineMissed", "Transferred"]
    assert (events[0].due, events[0].responsible) == (LIMIT, "市自规局 赵丽")


def test_a_transfer_into_an_uncovered_year_waits_for_the_calendar():
    i = assigned()
    transfer(i, time_limit=PendingCount(MONDAY, 7, 2027))
    assert names(i.collect_events()) == ["Transferred", "DeadlinePending"]
    assert i.time_limit is None


def test_a_transfer_to_the_same_unit_is_refused():
    i = assigned()
    with pytest.raises(errors.TransferToSameUnitError):
        transfer(i, unit="市自规局")
    assert i.collect_events() == []


def test_a_transfer_without_a_reason_is_refused():
    i = assigned()
    with pytest.raises(errors.ReasonRequiredError):
        i.transfer(
            on(),
            responsible_unit="市住建局",
            responsible_person="孙磊",
            time_limit=explicit(LIMIT, MONDAY),
        )


@pytest.mark.parametrize(
    ("status", "error"),
    [("raised", errors.IssueNotAssignedError), ("resolved", errors.IssueNotOpenError)],
)
def test_only_an_assigned_problem_is_transferred(status, error):
    with pytest.raises(error):
        transfer(issue(status))


def test_a_transfer_with_a_limit_before_today_is_refused():
    with pytest.raises(errors.DueDateInPastError):
        transfer(assigned(), time_limit=explicit(date(2026, 9, 1), MONDAY))


# --- 退回 -----------------------------------------------------------------------------------


def test_a_return_sends_the_problem_back_to_the_unit_that_routed_it():
    i = assigned()
    acceptance = explicit(date(2026, 10, 9), MONDAY)
    i.return_to_office(on(reason="不属本单位职责"), acceptance_limit=acceptance)
    (event,) = i.collect_events()
    assert (event.from_unit, event.to_unit, event.reason) == (
        "市自规局",
        "市发改委",
        "不属本单位职责",
    )
    assert (i.status, i.responsible_unit, i.time_limit, i.returns) == (
        IssueStatus.RAISED,
        None,
        None,
        1,
    )
    (deadline,) = i.open_deadlines()
    assert (deadline.key, deadline.due, deadline.responsible) == (
        "acceptance",
        date(2026, 10, 9),
        "市发改委",
    )


def test_a_returned_problem_is_assigned_again():
    i = assigned()
    i.return_to_office(on(reason="不属本单位职责"), acceptance_limit=None)
    i.accept_and_assign(
        on(),
        responsible_unit="市住建局",
        responsible_person="孙磊",
        time_limit=explicit(LIMIT, MONDAY),
    )
    assert (i.status, i.responsible_unit) == (IssueStatus.ASSIGNED, "市住建局")


def test_a_return_without_a_reason_is_refused():
    i = assigned()
    with pytest.raises(errors.ReasonRequiredError):
        i.return_to_office(on(), acceptance_limit=None)
    assert i.collect_events() == []


@pytest.mark.parametrize(
    ("status", "error"),
    [("raised", errors.IssueNotAssignedError), ("closed", errors.IssueNotOpenError)],
)
def test_only_an_assigned_problem_is_returned(status, error):
    with pytest.raises(error):
        issue(status).return_to_office(on(reason="r"), acceptance_limit=None)


def test_a_return_withdraws_the_open_assisting_parts():
    i = assigned()
    i.request_assistance(
        on(),
        assisting_unit="市住建局",
        assisting_person="孙磊",
        part="规划条件",
        due=explicit(LIMIT, MONDAY),
    )
    i.return_to_office(on(reason="不属本单位职责"), acceptance_limit=None)
    assert i.assisting[1].withdrawn
    assert i.open_parts() == []


# --- 协办 -----------------------------------------------------------------------------------


def ask(i: Issue, unit: str = "市住建局", due: date = date(2026, 10, 15)) -> int:
    return i.request_assistance(
        on(),
        assisting_unit=unit,
        assisting_person="孙磊",
        part="出具规划条件意见",
        due=explicit(due, MONDAY),
    )


def test_an_assisting_unit_answers_for_its_part_by_its_own_due_date():
    i = assigned()
    assert ask(i) == 1
    (event,) = i.collect_events()
    assert (event.number, event.assisting_unit, event.due) == (1, "市住建局", date(2026, 10, 15))
    keys = {d.key: (d.due, d.responsible) for d in i.open_deadlines()}
    assert keys["assist:1"] == (date(2026, 10, 15), "市住建局 孙磊")
    assert "市住建局" in i.answerable().units
    assert "孙磊" in i.answerable().officials
    assert "市住建局" not in i.lead_answerable().units


def test_completing_a_part_closes_its_deadline_and_lets_the_lead_resolve():
    i = assigned()
    ask(i)
    with pytest.raises(errors.AssistingPartsOpenError):
        i.resolve(on(), resolution="已解决")
    with pytest.raises(errors.AssistingPartsOpenError):
        i.explain(on(), explanation="依法不能办理")
    i.complete_assisting_part(on(), number=1, answer="规划条件已出具")
    i.resolve(on(), resolution="已解决")
    assert names(i.collect_events()) == [
        "AssistanceRequested",
        "AssistingPartCompleted",
        "Resolved",
    ]


def test_a_part_completed_late_records_its_miss_against_the_assisting_unit():
    i = assigned()
    ask(i)
    i.collect_events()
    i.complete_assisting_part(on(date(2026, 10, 16)), number=1, answer="已出具")
    missed, _ = i.collect_events()
    assert (missed.key, missed.responsible) == ("assist:1", "市住建局 孙磊")


def test_the_lead_unit_cannot_assist_itself():
    with pytest.raises(errors.AssistingUnitIsLeadError):
        ask(assigned(), unit="市自规局")


def test_a_unit_with_an_open_part_is_not_asked_twice():
    i = assigned()
    ask(i)
    with pytest.raises(errors.AlreadyAssistingError):
        ask(i)
    i.complete_assisting_part(on(), number=1, answer="已出具")
    assert ask(i) == 2


def test_a_part_due_after_the_leads_limit_is_refused():
    with pytest.raises(errors.AssistingPartAfterTimeLimitError):
        ask(assigned(), due=date(2026, 10, 21))


def test_a_part_due_before_today_is_refused():
    with pytest.raises(errors.DueDateInPastError):
        ask(assigned(), due=date(2026, 9, 1))


def test_assistance_needs_an_assigned_problem():
    with pytest.raises(errors.IssueNotAssignedError):
        ask(issue("raised"))


def test_completing_an_unknown_or_finished_part_is_refused():
    i = assigned()
    with pytest.raises(errors.AssistingPartNotFoundError):
        i.complete_assisting_part(on(), number=1, answer="x")
    ask(i)
    i.complete_assisting_part(on(), number=1, answer="已出具")
    with pytest.raises(errors.AssistingPartNotOpenError):
        i.complete_assisting_part(on(), number=1, answer="again")


# --- 答复 -----------------------------------------------------------------------------------


def assign_complaint(reply: ReplyRule) -> Issue:
    i = issue("raised")
    i.accept_and_assign(
        on(),
        responsible_unit="市自规局",
        responsible_person="赵丽",
        time_limit=explicit(date(2026, 11, 30), MONDAY),
        reply=reply,
    )
    return i


def test_a_complaint_owes_its_written_answer_within_the_cap_whatever_its_time_limit():
    i = assign_complaint(ReplyRule("complaint", SEVEN_WORKING_DAYS))
    assert names(i.collect_events()) == ["Assigned", "ReplyOwed"]
    keys = {d.key: d.due for d in i.open_deadlines()}
    assert keys == {"time_limit": date(2026, 11, 30), "reply": date(2026, 10, 13)}


def test_a_time_limit_within_the_cap_owes_no_answer_apart():
    i = issue("raised")
    i.accept_and_assign(
        on(),
        responsible_unit="市自规局",
        responsible_person="赵丽",
        time_limit=explicit(date(2026, 10, 13), MONDAY),
        reply=ReplyRule("complaint", SEVEN_WORKING_DAYS),
    )
    assert names(i.collect_events()) == ["Assigned"]
    assert i.reply_by is None


def test_an_answer_may_be_promised_earlier_than_the_cap():
    i = assign_complaint(ReplyRule("complaint", SEVEN_WORKING_DAYS, date(2026, 10, 9)))
    assert i.reply_by == date(2026, 10, 9)


def test_an_answer_promised_after_the_cap_is_refused():
    with pytest.raises(errors.ReplyAfterCapError):
        assign_complaint(ReplyRule("complaint", SEVEN_WORKING_DAYS, date(2026, 10, 14)))


def test_a_negotiation_answer_is_owed_in_three_days():
    three_days = DueDate(date(2026, 10, 1), DayCount.CALENDAR_DAYS, 3, MONDAY, "")
    i = assign_complaint(ReplyRule("negotiation", three_days))
    assert (i.reply_rule, i.reply_by) == ("negotiation", date(2026, 10, 1))


def test_replying_meets_the_answer_once():
    i = assign_complaint(ReplyRule("complaint", SEVEN_WORKING_DAYS))
    i.reply(on(), answer="已书面答复企业")
    assert "reply" not in {d.key for d in i.open_deadlines()}
    with pytest.raises(errors.AlreadyRepliedError):
        i.reply(on(), answer="again")


def test_a_late_answer_records_its_miss():
    i = assign_complaint(ReplyRule("complaint", SEVEN_WORKING_DAYS))
    i.collect_events()
    i.reply(on(date(2026, 10, 14)), answer="已书面答复")
    assert names(i.collect_events()) == ["DeadlineMissed", "Replied"]


def test_a_resolution_answers_the_enterprise():
    i = assign_complaint(ReplyRule("complaint", SEVEN_WORKING_DAYS))
    i.resolve(on(), resolution="已解决")
    assert i.replied_on == MONDAY


def test_a_transfer_gives_the_new_unit_its_own_answer_limit():
    i = assign_complaint(ReplyRule("complaint", SEVEN_WORKING_DAYS))
    # 7 working days from 30 September: 8, 9, 10, 12, 13, 14 and 15 October
    later = DueDate(date(2026, 10, 15), DayCount.WORKING_DAYS, 7, date(2026, 9, 30), "test")
    transfer(i, day=date(2026, 9, 30), reply=ReplyRule("complaint", later))
    assert i.reply_by == date(2026, 10, 15)


def test_a_reply_into_an_uncovered_year_waits_for_the_calendar():
    i = assign_complaint(ReplyRule("complaint", PendingCount(MONDAY, 7, 2027)))
    assert names(i.collect_events()) == ["Assigned", "ReplyOwed", "DeadlinePending"]
    i.count_deadline(on(), key="reply", due=SEVEN_WORKING_DAYS)
    assert i.reply_by == date(2026, 10, 13)


# --- 一次性告知 -------------------------------------------------------------------------------


def test_a_one_time_notice_lists_everything_to_supply_once():
    i = issue("raised")
    i.give_one_time_notice(on(), items=["营业执照复印件", "用地规划许可证"])
    assert i.one_time_notice == ["营业执照复印件", "用地规划许可证"]
    with pytest.raises(errors.OneTimeNoticeAlreadyGivenError):
        i.give_one_time_notice(on(), items=["补充材料"])
    assert names(i.collect_events()) == ["OneTimeNoticeGiven"]


@pytest.mark.parametrize("items", [[], ["营业执照", "  "]])
def test_a_notice_listing_nothing_or_a_blank_item_is_refused(items):
    with pytest.raises(errors.BlankTextError):
        issue("raised").give_one_time_notice(on(), items=items)


def test_a_notice_on_a_closed_problem_is_refused():
    with pytest.raises(errors.IssueNotOpenError):
        issue("closed").give_one_time_notice(on(), items=["营业执照"])


def test_a_notice_needs_an_enterprise_to_tell():
    i = Issue.raise_issue(
        on(),
        id=uuid4(),
        channel=Channel.SELF_RECTIFICATION,
        category=IssueCategory.OTHER,
        enterprise_code="",
        enterprise_name="",
        description="窗口超时",
        cause="人员不足",
        measures="增设窗口",
    )
    with pytest.raises(errors.NoEnterpriseToNotifyError):
        i.give_one_time_notice(on(), items=["x"])
