"""One line per event saying what happened, in the words of the record ("张三 extended the
time limit of issue … to 2026-10-10: reason …"). Unknown event types get a generic line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Describe = Callable[[Any], str]


def _reason(event: Any) -> str:
    return f": {event.reason}" if getattr(event, "reason", None) else ""


def _on(event: Any) -> str:
    return f" on {event.business_date}" if getattr(event, "business_date", None) else ""


_LINES: dict[str, Describe] = {
    "Issue.Raised": lambda e: (
        f"raised a {e.category} problem for {e.enterprise_name} via {e.channel}: {e.description}"
    ),
    "Issue.Assigned": lambda e: (
        f"assigned it to {e.responsible_unit} ({e.responsible_person}), time limit {e.time_limit}"
    ),
    "Issue.ProgressNoted": lambda e: f"noted progress{_on(e)}: {e.note}",
    "Issue.TimeLimitExtended": lambda e: (
        f"extended the time limit to {e.new_limit}, approved by {e.approver}{_reason(e)}"
    ),
    "Issue.Escalated": lambda e: f"escalated it to {e.to_level}{_reason(e)}",
    "Issue.Resolved": lambda e: f"resolved it{_on(e)}: {e.resolution}",
    "Issue.Explained": lambda e: f"explained it as lawfully impossible{_on(e)}: {e.explanation}",
    "Issue.ClosedOut": lambda e: f"closed it out (销号), confirmed by {e.confirmed_by}",
    "Issue.Reopened": lambda e: f"reopened it with time limit {e.time_limit}{_reason(e)}",
    "Project.Registered": lambda e: (
        f"registered project {e.name} of {e.enterprise_name}, {e.total_investment} yuan"
    ),
    "Project.LeadLeaderAssigned": lambda e: f"made {e.leader} its lead leader",
    "Project.TeamMemberAdded": lambda e: f"added {e.member} to its team",
    "Project.TeamMemberRemoved": lambda e: f"removed {e.member} from its team{_reason(e)}",
    "Project.PlanAdopted": lambda e: (
        f"adopted its plan: start {e.start}, completion {e.completion}, "
        f"commissioning {e.commissioning}"
    ),
    "Project.MilestoneReached": lambda e: (
        f"recorded its {e.milestone} milestone reached on {e.reached_on}"
    ),
    "Project.StageAdvanced": lambda e: f"advanced it from {e.from_stage} to {e.to_stage}",
    "Project.Suspended": lambda e: f"suspended it{_reason(e)}",
    "Project.Resumed": lambda e: f"resumed it at stage {e.to_stage}",
    "Project.Cancelled": lambda e: f"cancelled it{_reason(e)}",
    "Project.ProgressReported": lambda e: (
        f"reported {e.investment_to_date} yuan invested by {e.month}"
    ),
    "Pairing.Established": lambda e: (
        f"paired {e.official} ({e.official_unit}) with {e.enterprise_name}"
    ),
    "Pairing.VisitLogged": lambda e: (
        f"logged visit {e.number} on {e.visited_on} ({e.form}), {len(e.findings)} finding(s)"
    ),
    "Pairing.OfficialReassigned": lambda e: (
        f"reassigned the pairing to {e.official} ({e.official_unit}){_reason(e)}"
    ),
    "Pairing.Ended": lambda e: f"ended the pairing on {e.ended_on}{_reason(e)}",
    "SessionSeries.SessionPlanned": lambda e: (
        f"planned session {e.number} on {e.planned_on}: {e.topic}"
    ),
    "SessionSeries.SessionHeld": lambda e: (
        f"held session {e.number} on {e.held_on}, {e.attendance} attending"
    ),
    "SessionSeries.SessionCancelled": lambda e: f"cancelled session {e.number}{_reason(e)}",
    "SessionSeries.SessionRescheduled": lambda e: (
        f"moved session {e.number} to {e.planned_on}{_reason(e)}"
    ),
    "FinancingMatch.NeedRegistered": lambda e: (
        f"registered a need of {e.amount} yuan for {e.enterprise_name}: {e.purpose}"
    ),
    "FinancingMatch.RecommendedToBank": lambda e: (
        f"recommended it to {e.bank} ({e.bank_head}), feedback due {e.feedback_due}"
    ),
    "FinancingMatch.FeedbackRecorded": lambda e: (
        f"recorded the bank's feedback: {e.feedback}{_reason(e)}"
    ),
    "FinancingMatch.CreditApproved": lambda e: (
        f"recorded credit of {e.amount} yuan approved at {e.rate_bp} bp"
    ),
    "FinancingMatch.LoanDisbursed": lambda e: f"recorded {e.amount} yuan disbursed{_on(e)}",
    "Review.Submitted": lambda e: (
        f"recorded a level-{e.level} review of {e.subject_kind} {e.subject_id}"
    ),
    "Review.Rectified": lambda e: f"rectified the bad review: {e.method}",
    "Review.AppealDecided": lambda e: (
        f"{'upheld' if e.upheld else 'rejected'} the appeal{_reason(e)}"
    ),
}
_SHARED: dict[str, Describe] = {
    "CommitmentMade": lambda e: f"promised {e.to_whom} by {e.due_date}: {e.what}",
    "CommitmentKept": lambda e: f"kept commitment {e.number} on {e.kept_on}",
    "CommitmentBroken": lambda e: f"declared commitment {e.number} broken{_reason(e)}",
    "DeadlineMissed": lambda e: (
        f"recorded that the {e.what} due {e.due} passed unmet ({e.responsible})"
    ),
    "EscalationStepTaken": lambda e: (
        f"took escalation step {e.step} for {e.key} due {e.due}, to {', '.join(e.addressed_to)}"
    ),
}


def describe(event: Any) -> str:
    kind = type(event).__qualname__
    aggregate, _, name = kind.partition(".")
    line = _LINES.get(kind) or _SHARED.get(name)
    what = line(event) if line else f"recorded {name}{_reason(event)}"
    subject = f"{aggregate.lower()} {str(event.originator_id)[:8]}"
    return f"{event.actor}（{event.unit}）on {subject}: {what}"
