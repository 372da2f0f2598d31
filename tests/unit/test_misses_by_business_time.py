"""A miss follows from the due date and the business day of the act that met it, not from when
the watcher looked; it is recorded once, and only the supervision office takes one back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain import errors
from domain.values import MilestoneKind
from tests.unit.builders import issue, names, on, project

DUE = date(2026, 10, 20)  # the builders' time limit, a Tuesday


def test_a_resolution_after_the_time_limit_records_the_miss_in_the_same_save():
    late = issue("assigned")
    late.resolve(on(DUE + timedelta(days=1)), resolution="办结")
    events = late.collect_events()
    assert names(events) == ["DeadlineMissed", "Resolved"]
    assert (events[0].key, events[0].due) == ("time_limit", DUE)


def test_a_resolution_recorded_late_but_dated_in_time_is_no_miss():
    on_time = issue("assigned")
    on_time.resolve(on(DUE + timedelta(days=3), business=DUE), resolution="办结")
    assert names(on_time.collect_events()) == ["Resolved"]


def test_a_miss_the_watcher_recorded_is_not_recorded_again_by_the_late_act():
    late = issue("assigned")
    late.record_missed_deadline(on(DUE + timedelta(days=1)), key="time_limit")
    late.resolve(on(DUE + timedelta(days=2)), resolution="办结")
    assert names(late.collect_events()) == ["DeadlineMissed", "Resolved"]


def test_a_business_date_earlier_than_a_recorded_miss_does_not_erase_it():
    disputed = issue("assigned")
    disputed.record_missed_deadline(on(DUE + timedelta(days=1)), key="time_limit")
    disputed.resolve(on(DUE + timedelta(days=2), business=DUE), resolution="当日已办结")
    missed = disputed.missed_deadlines[f"time_limit@{DUE.isoformat()}"]
    assert missed.withdrawn is False
    assert names(disputed.collect_events()) == ["DeadlineMissed", "Resolved"]


def test_the_office_withdraws_a_miss_with_a_reason_once_and_both_stay_in_the_history():
    disputed = issue("assigned")
    disputed.record_missed_deadline(on(DUE + timedelta(days=1)), key="time_limit")
    with pytest.raises(errors.ReasonRequiredError):
        disputed.withdraw_miss(on(DUE + timedelta(days=3)), key="time_limit", due=DUE)
    with pytest.raises(errors.DeadlineNotOpenError):
        disputed.withdraw_miss(on(reason="核实"), key="time_limit", due=DUE - timedelta(days=1))
    disputed.withdraw_miss(
        on(DUE + timedelta(days=3), reason="当日办结，次日补录"), key="time_limit", due=DUE
    )
    with pytest.raises(errors.MissAlreadyWithdrawnError):
        disputed.withdraw_miss(on(reason="再次"), key="time_limit", due=DUE)
    assert names(disputed.collect_events()) == ["DeadlineMissed", "MissWithdrawn"]
    assert disputed.missed_deadlines[f"time_limit@{DUE.isoformat()}"].withdrawn is True


def test_the_watcher_finds_nothing_open_after_a_late_resolution():
    late = issue("assigned")
    late.resolve(on(DUE + timedelta(days=1)), resolution="办结")
    with pytest.raises(errors.DeadlineNotOpenError):
        late.record_missed_deadline(on(DUE + timedelta(days=2)), key="time_limit")


def test_a_commitment_kept_late_records_its_miss_and_one_kept_in_time_does_not():
    holder = issue("assigned")
    holder.make_commitment(on(), what="供电", to_whom="企业", due_date=date(2026, 10, 9))
    holder.make_commitment(on(), what="环评", to_whom="企业", due_date=date(2026, 10, 30))
    holder.collect_events()
    holder.keep_commitment(on(date(2026, 10, 12)), number=1)
    holder.keep_commitment(on(date(2026, 10, 12)), number=2)
    events = holder.collect_events()
    assert names(events) == ["DeadlineMissed", "CommitmentKept", "CommitmentKept"]
    assert events[0].key == "commitment:1"


def test_a_milestone_reached_after_its_planned_day_records_the_miss():
    planned = project()
    planned.adopt_plan(
        on(), start=date(2026, 10, 1), completion=date(2027, 6, 30), commissioning=date(2027, 9, 30)
    )
    planned.collect_events()
    planned.reach_milestone(on(date(2026, 10, 9)), milestone=MilestoneKind.START)
    events = planned.collect_events()
    assert names(events) == ["DeadlineMissed", "MilestoneReached"]
    assert (events[0].key, events[0].due) == ("milestone:start", date(2026, 10, 1))
