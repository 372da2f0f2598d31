"""Issue (the problem ledger): every transition, and every refusal saving nothing."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.calendar import explicit
from domain.issue import Issue
from domain.values import Channel, IssueCategory, IssueStatus
from tests.unit.builders import MONDAY, issue, names, on


def test_raising_records_channel_category_enterprise_and_where_it_came_from():
    raised = Issue.raise_issue(
        on(business=date(2026, 9, 25)),
        id=uuid4(),
        channel=Channel.HOTLINE_12345,
        category=IssueCategory.UTILITIES,
        enterprise_code="91110000600037341L",
        enterprise_name="企业",
        description="跳闸",
        source_kind="pairing_visit",
        source_ref="p/visits/3",
    )
    (event,) = raised.collect_events()
    assert names([event]) == ["Raised"]
    assert event.business_date == date(2026, 9, 25)
    assert (raised.status, raised.source_kind) == (IssueStatus.RAISED, "pairing_visit")


@pytest.mark.parametrize(
    ("code", "description", "error"),
    [
        ("91110000600037341X", "d", errors.InvalidCreditCodeError),
        ("9111000060003734", "d", errors.InvalidCreditCodeError),
        ("91110000600037341L", "   ", errors.BlankTextError),
    ],
)
def test_raising_with_a_bad_credit_code_or_no_description_is_refused(code, description, error):
    with pytest.raises(error):
        Issue.raise_issue(
            on(),
            id=uuid4(),
            channel=Channel.VISIT,
            category=IssueCategory.LAND,
            enterprise_code=code,
            enterprise_name="企业",
            description=description,
        )


def test_accepting_and_assigning_sets_the_responsible_unit_person_and_limit_once():
    i = issue()
    i.accept_and_assign(
        on(),
        responsible_unit="市税务局",
        responsible_person="吴涛",
        time_limit=explicit(MONDAY, MONDAY),
    )
    assert (i.status, i.responsible_unit, i.time_limit) == (
        IssueStatus.ASSIGNED,
        "市税务局",
        MONDAY,
    )
    with pytest.raises(errors.IssueAlreadyAssignedError):
        i.accept_and_assign(
            on(), responsible_unit="x", responsible_person="y", time_limit=explicit(MONDAY, MONDAY)
        )
    assert names(i.collect_events()) == ["Assigned"]


def test_a_time_limit_before_today_is_refused():
    i = issue()
    with pytest.raises(errors.DueDateInPastError):
        i.accept_and_assign(
            on(),
            responsible_unit="x",
            responsible_person="y",
            time_limit=explicit(date(2026, 9, 27), MONDAY),
        )
    assert i.pending_events == []


@pytest.mark.parametrize(
    "command",
    [
        lambda i: i.note_progress(on(), note="n"),
        lambda i: i.resolve(on(), resolution="r"),
        lambda i: i.explain(on(), explanation="e"),
    ],
)
def test_working_an_issue_before_it_is_assigned_is_refused(command):
    i = issue()
    with pytest.raises(errors.IssueNotAssignedError):
        command(i)
    assert i.pending_events == []


def test_an_assigned_issue_takes_progress_notes_with_business_dates():
    i = issue("assigned")
    i.note_progress(on(business=date(2026, 9, 26)), note="已现场核实")
    with pytest.raises(errors.BusinessDateInFutureError):
        i.note_progress(on(business=date(2026, 9, 30)), note="未来")
    assert (i.progress_count, i.last_progress_note) == (1, "已现场核实")
    assert names(i.collect_events()) == ["ProgressNoted"]


def test_escalation_needs_a_reason_happens_once_per_level_and_only_while_open():
    i = issue("assigned")
    with pytest.raises(errors.ReasonRequiredError):
        i.escalate(on(), to_level="市政府")
    i.escalate(on(reason="涉及多部门"), to_level="市政府")
    with pytest.raises(errors.AlreadyEscalatedError):
        i.escalate(on(reason="again"), to_level="市政府")
    i.escalate(on(reason="需省级协调"), to_level="省政府")
    assert i.escalations == ["市政府", "省政府"]
    resolved = issue("resolved")
    with pytest.raises(errors.IssueNotOpenError):
        resolved.escalate(on(reason="r"), to_level="市政府")
    assert resolved.pending_events == []


def test_a_raised_issue_can_be_escalated_before_assignment():
    i = issue()
    i.escalate(on(reason="一事一议"), to_level="市政府")
    assert names(i.collect_events()) == ["Escalated"]


@pytest.mark.parametrize("status", ["raised", "assigned"])
def test_closing_out_an_unresolved_issue_is_refused(status: str):
    i = issue(status)
    with pytest.raises(errors.CloseOutRequiresResolutionError):
        i.close_out(on(), confirmed_by="企业")
    assert i.pending_events == []


@pytest.mark.parametrize("status", ["resolved", "explained"])
def test_a_resolved_or_explained_issue_is_closed_out_on_the_enterprise_confirmation(status: str):
    i = issue(status)
    i.close_out(on(), confirmed_by="企业负责人")
    assert (i.status, i.confirmed_by) == (IssueStatus.CLOSED, "企业负责人")
    assert names(i.collect_events()) == ["ClosedOut"]


def test_a_closed_issue_takes_no_commitment_and_no_second_close_out():
    i = issue("closed")
    with pytest.raises(errors.IssueNotOpenError):
        i.make_commitment(on(), what="w", to_whom="t", due_date=date(2026, 10, 9))
    with pytest.raises(errors.CloseOutRequiresResolutionError):
        i.close_out(on(), confirmed_by="x")
    assert i.pending_events == []
    assert i.open_deadlines() == []


@pytest.mark.parametrize("status", ["resolved", "explained", "closed"])
def test_an_unsatisfied_enterprise_reopens_the_issue_with_a_new_limit(status: str):
    i = issue(status)
    with pytest.raises(errors.ReasonRequiredError):
        i.reopen(on(), time_limit=explicit(date(2026, 10, 30), MONDAY))
    i.reopen(on(reason="回头看不满意"), time_limit=explicit(date(2026, 10, 30), MONDAY))
    assert (i.status, i.time_limit, i.reopen_count, i.outcome) == (
        IssueStatus.ASSIGNED,
        date(2026, 10, 30),
        1,
        None,
    )
    assert names(i.collect_events()) == ["Reopened"]


@pytest.mark.parametrize("status", ["raised", "assigned"])
def test_an_open_issue_cannot_be_reopened(status: str):
    i = issue(status)
    with pytest.raises(errors.IssueNotReopenableError):
        i.reopen(on(reason="r"), time_limit=explicit(date(2026, 10, 30), MONDAY))
    assert i.pending_events == []


def test_extending_needs_a_later_limit_an_approver_and_a_reason():
    from infrastructure.calendar import OfficialCalendar

    calendar = OfficialCalendar.from_file()
    i = issue("assigned", limit=date(2026, 10, 20))

    def extend(new: date, reason: str | None, approver: str = "主任") -> None:
        i.extend_time_limit(
            on(reason=reason),
            new_limit=explicit(new, MONDAY),
            approver=approver,
            calendar=calendar,
            min_lead_working_days=1,
        )

    with pytest.raises(errors.TimeLimitNotLaterError):
        extend(date(2026, 10, 20), "r")
    with pytest.raises(errors.ReasonRequiredError):
        extend(date(2026, 11, 20), None)
    with pytest.raises(errors.BlankTextError):
        extend(date(2026, 11, 20), "r", approver=" ")
    assert i.pending_events == []
    extend(date(2026, 11, 20), "需省级会审")
    (event,) = i.collect_events()
    assert (event.previous_limit, event.new_limit, event.approver) == (
        date(2026, 10, 20),
        date(2026, 11, 20),
        "主任",
    )
    assert i.time_limit == date(2026, 11, 20)
