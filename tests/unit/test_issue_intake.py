"""Intake (seeds 002–004): the acceptance time limit and its miss, the unit first contacted
(首问负责), a leader's assignment with its instruction (领导交办, 批示), a unit's own
rectification item without an enterprise (自查整改)."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.calendar import DayCount, DueDate, PendingCount, explicit
from domain.issue import Issue
from domain.values import Channel, IssueCategory
from tests.unit.builders import CODE, MONDAY, names, on

WEDNESDAY = date(2026, 9, 30)
# 3 working days after Monday 28 September 2026 by the 2026 arrangement: 29, 30 September,
# then the National Day break (1–7 October), so 8 October
THREE_WORKING_DAYS = DueDate(date(2026, 10, 8), DayCount.WORKING_DAYS, 3, MONDAY, "test")


def raised(channel: Channel = Channel.VISIT, **fields: object) -> Issue:
    given: dict[str, object] = {
        "enterprise_code": CODE,
        "enterprise_name": "示范新能源科技有限公司",
        "description": "二期用地指标尚未落实",
        **fields,
    }
    return Issue.raise_issue(
        on(), id=uuid4(), channel=channel, category=IssueCategory.LAND, **given
    )  # type: ignore[arg-type]


def assign(issue: Issue, day: date = MONDAY) -> None:
    issue.accept_and_assign(
        on(day),
        responsible_unit="市自规局",
        responsible_person="赵丽",
        time_limit=explicit(date(2026, 10, 30), day),
    )


def test_a_raised_problem_owes_acceptance_by_its_limit_answered_by_the_unit_first_contacted():
    issue = raised(first_contact_unit="市商务局", acceptance_limit=THREE_WORKING_DAYS)
    (event,) = issue.collect_events()
    assert (event.acceptance_limit, event.acceptance_counted_in) == (
        date(2026, 10, 8),
        "working_days",
    )
    (deadline,) = issue.open_deadlines()
    assert (deadline.key, deadline.due, deadline.responsible) == (
        "acceptance",
        date(2026, 10, 8),
        "市商务局",
    )


def test_without_a_first_contact_the_recording_unit_answers_for_routing():
    issue = raised(acceptance_limit=THREE_WORKING_DAYS)
    assert issue.routing_unit == "市发改委"  # the envelope's unit (tests/unit/builders.py)


def test_the_acceptance_limit_passed_unmet_is_missed_once():
    issue = raised(acceptance_limit=THREE_WORKING_DAYS)
    issue.collect_events()
    with pytest.raises(errors.DeadlineNotPassedError):
        issue.record_missed_deadline(on(date(2026, 10, 8)), key="acceptance")
    issue.record_missed_deadline(on(date(2026, 10, 9)), key="acceptance")
    with pytest.raises(errors.DeadlineAlreadyMissedError):
        issue.record_missed_deadline(on(date(2026, 10, 13)), key="acceptance")
    (missed,) = issue.collect_events()
    assert (missed.key, missed.due, missed.responsible) == (
        "acceptance",
        date(2026, 10, 8),
        "市发改委",
    )


def test_accepting_in_time_meets_the_acceptance_limit():
    issue = raised(acceptance_limit=THREE_WORKING_DAYS)
    assign(issue, WEDNESDAY)
    assert names(issue.collect_events()) == ["Raised", "Assigned"]
    assert [d.key for d in issue.open_deadlines()] == ["time_limit"]


def test_accepting_after_the_acceptance_limit_records_its_miss_with_it():
    issue = raised(acceptance_limit=THREE_WORKING_DAYS)
    issue.collect_events()
    assign(issue, date(2026, 10, 12))
    events = issue.collect_events()
    assert names(events) == ["DeadlineMissed", "Assigned"]
    assert events[0].key == "acceptance"


def test_an_acceptance_limit_into_an_uncovered_year_waits_for_the_calendar():
    issue = raised(acceptance_limit=PendingCount(MONDAY, 3, 2027))
    assert names(issue.collect_events()) == ["Raised", "DeadlinePending"]
    assert issue.open_deadlines() == []
    issue.count_deadline(on(), key="acceptance", due=THREE_WORKING_DAYS)
    assert issue.acceptance_limit == date(2026, 10, 8)


def test_an_acceptance_limit_before_today_is_refused():
    with pytest.raises(errors.DueDateInPastError):
        raised(acceptance_limit=explicit(date(2026, 9, 25), MONDAY))


def test_a_leaders_assignment_records_the_leader_and_the_instruction():
    issue = raised(
        Channel.LEADER_ASSIGNED,
        leader=("王建国", None),
        instruction="请市自规局牵头，两周内拿出方案",
    )
    assert (issue.instructing_leader, issue.instruction, issue.one_by_one) == (
        "王建国",
        "请市自规局牵头，两周内拿出方案",
        True,
    )


@pytest.mark.parametrize(
    ("leader", "instruction"),
    [(None, None), (("王建国", None), None), (None, "请办理"), (("王建国", None), "  ")],
)
def test_a_leaders_assignment_without_leader_or_instruction_is_refused(leader, instruction):
    with pytest.raises(errors.InstructionRequiredError):
        raised(Channel.LEADER_ASSIGNED, leader=leader, instruction=instruction)


def test_an_instruction_on_another_channel_is_refused():
    with pytest.raises(errors.InstructionNotExpectedError):
        raised(Channel.SUPERVISOR, leader=("王建国", None), instruction="请办理")
    assert raised(Channel.SUPERVISOR).one_by_one is False


def test_a_units_own_rectification_item_stands_without_an_enterprise():
    issue = raised(
        Channel.SELF_RECTIFICATION,
        enterprise_code="",
        enterprise_name="",
        description="窗口办件超时",
        cause="人员不足",
        measures="增设综合窗口",
    )
    assert (issue.enterprise_code, issue.cause, issue.measures) == ("", "人员不足", "增设综合窗口")
    assert issue.answerable().region is None
    assert issue.answerable().enterprise is None


@pytest.mark.parametrize(("cause", "measures"), [(None, "增设窗口"), ("人员不足", " ")])
def test_a_rectification_item_without_cause_or_measures_is_refused(cause, measures):
    with pytest.raises(errors.BlankTextError):
        raised(
            Channel.SELF_RECTIFICATION,
            enterprise_code="",
            enterprise_name="",
            cause=cause,
            measures=measures,
        )


def test_another_channel_without_an_enterprise_is_refused():
    with pytest.raises(errors.EnterpriseRequiredError):
        raised(Channel.VISIT, enterprise_code="", enterprise_name="")


def test_a_raised_event_of_the_first_shape_reads_as_one_without_intake():
    state: dict[str, object] = {"channel": "visit", "description": "用地"}
    Issue.Raised.upcast_v1_v2(state)
    assert state["first_contact_unit"] is None
    assert state["acceptance_limit"] is None
    assert (state["acceptance_counted_in"], state["acceptance_day_count"]) == ("", 0)
    assert state["instruction"] is None
    assert state["cause"] is None
