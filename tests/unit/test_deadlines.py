"""Deadlines in the domain: what is owed, when a miss may be recorded, once, and escalated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from domain.calendar import DayCount, Light, explicit, traffic_light
from domain.errors import (
    DeadlineAlreadyMissedError,
    DeadlineNotOpenError,
    DeadlineNotPassedError,
    EscalationStepAlreadyTakenError,
    ExtensionTooLateError,
)
from domain.issue import Issue
from domain.values import SHANGHAI, Channel, Envelope, IssueCategory
from infrastructure.calendar import OfficialCalendar

CALENDAR = OfficialCalendar.from_file()


def on(day: date, reason: str | None = None) -> Envelope:
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI).astimezone(UTC)
    return Envelope("张三", "市发改委", "cmd", moment, None, reason)


def assigned_issue(due: date, assigned_on: date) -> Issue:
    issue = Issue.raise_issue(
        on(assigned_on),
        id=uuid4(),
        channel=Channel.VISIT,
        category=IssueCategory.LAND,
        enterprise_code="91110000600037341L",
        enterprise_name="企业",
        description="用地",
    )
    issue.accept_and_assign(
        on(assigned_on),
        responsible_unit="市自然资源和规划局",
        responsible_person="赵丽",
        time_limit=explicit(due, assigned_on),
    )
    issue.collect_events()
    return issue


def test_an_assigned_issue_owes_its_time_limit_and_its_open_commitments():
    issue = assigned_issue(date(2026, 10, 10), date(2026, 9, 28))
    issue.make_commitment(
        on(date(2026, 9, 28)), what="供地", to_whom="企业", due_date=date(2026, 10, 9)
    )
    keys = [(d.key, d.due) for d in issue.open_deadlines()]
    assert keys == [("time_limit", date(2026, 10, 10)), ("commitment:1", date(2026, 10, 9))]
    assert issue.open_deadlines()[0].responsible == "市自然资源和规划局 赵丽"


def test_a_time_limit_is_met_until_the_end_of_its_day():
    issue = assigned_issue(date(2026, 10, 10), date(2026, 9, 28))
    with pytest.raises(DeadlineNotPassedError):
        issue.record_missed_deadline(on(date(2026, 10, 10)), key="time_limit")
    assert issue.pending_events == []


def test_a_passed_time_limit_is_recorded_missed_once():
    issue = assigned_issue(date(2026, 10, 10), date(2026, 9, 28))
    issue.record_missed_deadline(on(date(2026, 10, 11)), key="time_limit")
    (event,) = issue.collect_events()
    assert type(event).__name__ == "DeadlineMissed"
    assert (event.key, event.due, event.responsible) == (
        "time_limit",
        date(2026, 10, 10),
        "市自然资源和规划局 赵丽",
    )
    with pytest.raises(DeadlineAlreadyMissedError):
        issue.record_missed_deadline(on(date(2026, 10, 12)), key="time_limit")
    assert issue.pending_events == []


def test_a_resolved_issue_owes_no_time_limit_so_no_miss_can_be_recorded():
    issue = assigned_issue(date(2026, 10, 10), date(2026, 9, 28))
    issue.resolve(on(date(2026, 10, 9)), resolution="已办结")
    with pytest.raises(DeadlineNotOpenError):
        issue.record_missed_deadline(on(date(2026, 10, 11)), key="time_limit")


def test_each_escalation_step_is_taken_once_and_only_after_a_miss():
    issue = assigned_issue(date(2026, 10, 10), date(2026, 9, 28))
    due = date(2026, 10, 10)
    with pytest.raises(DeadlineNotOpenError):
        issue.take_escalation_step(
            on(date(2026, 10, 12)),
            key="time_limit",
            due=due,
            step="urging_notice",
            addressed_to=["x"],
        )
    issue.record_missed_deadline(on(date(2026, 10, 11)), key="time_limit")
    issue.take_escalation_step(
        on(date(2026, 10, 12)), key="time_limit", due=due, step="urging_notice", addressed_to=["x"]
    )
    assert issue.missed_deadlines["time_limit@2026-10-10"].steps == {
        "urging_notice": date(2026, 10, 12)
    }
    with pytest.raises(EscalationStepAlreadyTakenError):
        issue.take_escalation_step(
            on(date(2026, 10, 13)),
            key="time_limit",
            due=due,
            step="urging_notice",
            addressed_to=["x"],
        )


def extend(issue: Issue, day: date) -> None:
    issue.extend_time_limit(
        on(day, reason="需省级会审"),
        new_limit=explicit(issue.time_limit + timedelta(days=30), day),
        approver="督查室主任",
        calendar=CALENDAR,
        min_lead_working_days=1,
    )


def test_an_extension_filed_on_the_due_day_is_too_late():
    issue = assigned_issue(date(2026, 10, 9), date(2026, 9, 28))
    with pytest.raises(ExtensionTooLateError):
        extend(issue, date(2026, 10, 9))
    assert issue.pending_events == []


def test_an_extension_filed_the_working_day_before_is_accepted_across_national_day():
    # due Thursday 8 October; the working day before it is Wednesday 30 September
    issue = assigned_issue(date(2026, 10, 8), date(2026, 9, 28))
    with pytest.raises(ExtensionTooLateError):
        extend(issue, date(2026, 10, 1))
    extend(issue, date(2026, 9, 30))
    (event,) = issue.collect_events()
    assert event.new_limit == date(2026, 11, 7)
    assert event.counted_in == DayCount.EXPLICIT.value


def test_traffic_light_turns_yellow_three_working_days_out_and_red_after_the_day():
    today = date(2026, 9, 28)
    assert traffic_light(CALENDAR, today, date(2026, 10, 9), 3) is Light.GREEN
    assert traffic_light(CALENDAR, today, date(2026, 10, 8), 3) is Light.YELLOW  # over the holiday
    assert traffic_light(CALENDAR, today, today, 3) is Light.YELLOW
    assert traffic_light(CALENDAR, today, date(2026, 9, 27), 3) is Light.RED
