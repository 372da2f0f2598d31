"""Session series: plan, reschedule, cancel, hold, progress reports, periods owed."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.briefing import SessionKind, SessionSeries
from domain.periods import Cadence
from tests.unit.builders import names, on


def series(
    kind: SessionKind = SessionKind.CONSULTATION_MEETING, start: date = date(2026, 7, 1)
) -> SessionSeries:
    s = SessionSeries.establish(
        on(), id=uuid4(), unit="市营商环境局", kind=kind, title="问题会商", start=start
    )
    s.collect_events()
    return s


def plan(s: SessionSeries, day: date = date(2026, 9, 25)) -> int:
    return s.plan_session(
        on(),
        planned_on=day,
        topic="用地问题",
        policy_area="自然资源",
        host="李明",
        audience="重点企业",
    )


def test_the_cadence_follows_the_kind():
    assert SessionKind.ON_SITE_OFFICE_MEETING.cadence is Cadence.MONTHLY
    for kind in (
        SessionKind.CONSULTATION_MEETING,
        SessionKind.ENTREPRENEUR_TALK,
        SessionKind.BANK_ENTERPRISE_MATCHMAKING,
    ):
        assert kind.cadence is Cadence.QUARTERLY


def test_a_planned_session_is_held_once_with_questions_and_their_issues():
    s = series()
    number = plan(s)
    issue_id = str(uuid4())
    s.hold_session(
        on(business=date(2026, 9, 25)),
        number=number,
        attendance=35,
        questions=["供地慢", "电价"],
        raised_issues=[issue_id, ""],
    )
    assert s.sessions[number].status == "held"
    with pytest.raises(errors.SessionNotPlannedError):
        s.hold_session(on(), number=number, attendance=1, questions=[], raised_issues=[])
    with pytest.raises(errors.SessionNotFoundError):
        s.hold_session(on(), number=9, attendance=1, questions=[], raised_issues=[])
    events = s.collect_events()
    assert names(events) == ["SessionPlanned", "SessionHeld"]
    assert events[1].raised_issues == [issue_id, ""]


def test_holding_refuses_negative_attendance_and_future_dates():
    s = series()
    number = plan(s)
    s.collect_events()
    with pytest.raises(errors.InvalidAmountError):
        s.hold_session(on(), number=number, attendance=-1, questions=[], raised_issues=[])
    with pytest.raises(errors.BusinessDateInFutureError):
        s.hold_session(
            on(business=date(2026, 10, 1)),
            number=number,
            attendance=1,
            questions=[],
            raised_issues=[],
        )
    assert s.pending_events == []


def test_rescheduling_and_cancelling_need_a_reason_and_a_planned_session():
    s = series()
    number = plan(s)
    with pytest.raises(errors.ReasonRequiredError):
        s.reschedule_session(on(), number=number, planned_on=date(2026, 10, 9))
    s.reschedule_session(on(reason="领导出差"), number=number, planned_on=date(2026, 10, 9))
    assert s.sessions[number].planned_on == date(2026, 10, 9)
    with pytest.raises(errors.ReasonRequiredError):
        s.cancel_session(on(), number=number)
    s.cancel_session(on(reason="台风"), number=number)
    with pytest.raises(errors.SessionNotPlannedError):
        s.cancel_session(on(reason="again"), number=number)
    assert names(s.collect_events()) == ["SessionPlanned", "SessionRescheduled", "SessionCancelled"]


def test_a_series_owes_one_held_session_per_period_from_its_start():
    s = series()
    (owed,) = s.open_deadlines()
    assert (owed.key, owed.due) == ("session:2026-Q3", date(2026, 9, 30))
    number = plan(s)
    s.hold_session(on(), number=number, attendance=10, questions=[], raised_issues=[])
    assert [d.key for d in s.open_deadlines()] == ["session:2026-Q4"]
    monthly = series(SessionKind.ON_SITE_OFFICE_MEETING)
    assert [(d.key, d.due) for d in monthly.open_deadlines()] == [
        ("session:2026-07", date(2026, 7, 31))
    ]


def test_policy_briefing_progress_is_reported_once_per_half_year_and_owed_by_mid_month():
    s = series(SessionKind.POLICY_BRIEFING, start=date(2026, 3, 1))
    progress = [d for d in s.open_deadlines() if d.key.startswith("progress")]
    # 中旬 (seed 000's mid-June) runs to the 20th
    assert [(d.key, d.due) for d in progress] == [("progress:2026-H1", date(2026, 6, 20))]
    number = plan(s, date(2026, 9, 1))
    s.hold_session(
        on(business=date(2026, 9, 2)), number=number, attendance=80, questions=[], raised_issues=[]
    )
    s.report_progress(on(), period="2026-H2", summary="宣讲5场")
    events = s.collect_events()
    assert events[-1].sessions_held == 1
    with pytest.raises(errors.BriefingProgressAlreadyReportedError):
        s.report_progress(on(), period="2026-H2", summary="again")
    with pytest.raises(errors.InvalidPeriodError):
        s.report_progress(on(), period="2026-Q3", summary="x")
    with pytest.raises(errors.NotAPolicyBriefingError):
        series().report_progress(on(), period="2026-H2", summary="x")


def test_an_on_site_decision_is_a_commitment_of_the_series():
    s = series(SessionKind.ON_SITE_OFFICE_MEETING)
    assert (
        s.make_commitment(on(), what="十日内接通燃气", to_whom="企业", due_date=date(2026, 10, 9))
        == 1
    )
    assert "commitment:1" in [d.key for d in s.open_deadlines()]


def test_a_quarterly_dispatch_meeting_is_owed_once_a_quarter():
    # seed 000: the major projects office holds a 季度调度推进会 every quarter
    s = series(SessionKind.QUARTERLY_DISPATCH_MEETING, start=date(2026, 1, 1))
    assert [(d.key, d.due) for d in s.open_deadlines()] == [("session:2026-Q1", date(2026, 3, 31))]
