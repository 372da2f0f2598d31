"""What each event counts for: the accountability facts it yields, given the aggregate's state
just after it. One function per aggregate; facts name a unit and, where one answers, an
official, the day they belong to and, where it matters, a value."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from domain.briefing import SessionSeries
from domain.calendar import WorkingCalendar, working_days_between
from domain.errors import CalendarYearUnknownError
from domain.financing_match import FinancingMatch
from domain.issue import Issue
from domain.issue_routing import ACCEPTANCE
from domain.pairing import Pairing
from domain.periods import period_start
from domain.project import Project
from domain.review import Level, Review
from domain.summons import Summons
from domain.values import shanghai_date
from domain.veto_exemption import VetoExemption
from projections.fact import Fact
from projections.routing_facts import ROUTING_EVENTS, routing_facts


def day_of(event: Any) -> date:
    """The day an event counts for: its business date, else the day it was recorded."""
    day: date = event.business_date or shanghai_date(event.timestamp)
    return day


def facts_of(event: Any, state: Any, calendar: WorkingCalendar) -> Iterator[Fact]:
    name = type(event).__name__
    day = day_of(event)
    yield from _shared(name, event, state, day)
    if isinstance(state, Issue):
        yield from _issue(name, event, state, day, calendar)
    elif isinstance(state, Pairing):
        yield from _pairing(name, event, state, day)
    elif isinstance(state, SessionSeries):
        yield from _session(name, event, state, day)
    elif isinstance(state, Review):
        yield from _review(name, event, state, day)
    elif isinstance(state, Project):
        yield from _project(name, event, state, day)
    elif isinstance(state, VetoExemption):
        yield from _exemption(name, state)


def answerable_official(state: Any, key: str) -> str:
    """The official a deadline's miss counts against: the person responsible for an issue (an
    assisting part's: its assisting official; its acceptance: none, a unit routes it), the
    paired official, the project's lead leader (its service liaison for its weekly and
    quarter-end reports, while one is named), whoever made a commitment."""
    if key.startswith("commitment:"):
        return str(state.commitments[int(key.split(":")[1])].made_by)
    if isinstance(state, Issue):
        if key.startswith("assist:"):
            return state.part(int(key.split(":")[1])).person
        return "" if key == ACCEPTANCE else state.responsible_person or ""
    if isinstance(state, Pairing):
        return state.official
    if isinstance(state, Project):
        if key.startswith(("weekly:", "quarterly:")) and state.liaison:
            return str(state.liaison)
        return state.lead_leader or ""
    return ""


def answerable_unit(state: Any, key: str = "") -> str:
    """The unit a deadline's miss counts against: for an issue its responsible unit, an
    assisting part's assisting unit, and for its acceptance the unit answerable for routing
    (首问负责: the unit first contacted, or the one a problem was returned to)."""
    if isinstance(state, Issue):
        if key.startswith("assist:"):
            return state.part(int(key.split(":")[1])).unit
        if key == ACCEPTANCE:
            return state.routing_unit or ""
        return state.responsible_unit or ""
    if isinstance(state, Pairing):
        return state.official_unit
    if isinstance(state, SessionSeries):
        return state.unit
    if isinstance(state, Review):
        return state.subject_unit
    if isinstance(state, FinancingMatch):  # the unit that recommended it follows the bank up
        return state.recorded_by_unit or ""
    if isinstance(state, Summons):  # a rectification item is the summoned unit's to meet
        return state.unit_name
    return ""


def _shared(name: str, event: Any, state: Any, day: date) -> Iterator[Fact]:
    if name == "CommitmentMade":
        yield Fact("commitment_made", event.unit, event.actor, day, detail=f"#{event.number}")
    elif name in ("CommitmentKept", "CommitmentBroken"):
        made = state.commitments[event.number]
        kind = "commitment_kept" if name == "CommitmentKept" else "commitment_broken"
        yield Fact(kind, made.unit, made.made_by, day, detail=f"#{event.number}")
    elif name in ("DeadlineMissed", "MissWithdrawn"):
        yield from _miss(name, event, state)
    elif name == "DeadlineCounted" and isinstance(state, Issue) and event.key == "time_limit":
        where = f"time_limit@{event.due.isoformat()}"
        unit, person = state.responsible_unit or "", state.responsible_person or ""
        yield Fact("deadline_set", unit, person, event.due, detail=where)


def _miss(name: str, event: Any, state: Any) -> Iterator[Fact]:
    """A miss (or its withdrawal) counts against the unit and official who answer for the
    deadline; its detail names the deadline and due date (``key@due``)."""
    unit, official = answerable_unit(state, event.key), answerable_official(state, event.key)
    where = f"{event.key}@{event.due.isoformat()}"
    withdrawn = name == "MissWithdrawn"
    yield Fact(
        "deadline_miss_withdrawn" if withdrawn else "deadline_missed",
        unit,
        official,
        event.due,
        detail=where,
    )
    if event.key.startswith("commitment:") and not withdrawn:
        made = state.commitments[int(event.key.split(":")[1])]
        yield Fact("commitment_broken", made.unit, made.made_by, event.due, detail=where)
    if event.key.startswith("visit:") and not withdrawn:
        yield Fact("visit_month_missed", unit, state.official, event.due, detail=where)


def _issue(
    name: str, event: Any, issue: Issue, day: date, calendar: WorkingCalendar
) -> Iterator[Fact]:
    unit, person = issue.responsible_unit or "", issue.responsible_person or ""
    if name in ("Assigned", "Reopened", "TimeLimitExtended", "Transferred") and (
        issue.time_limit is not None
    ):
        limit = issue.time_limit
        yield Fact("deadline_set", unit, person, limit, detail=f"time_limit@{limit.isoformat()}")
    if name == "TimeLimitExtended":
        before = event.previous_limit
        yield Fact("deadline_superseded", unit, person, before, detail=f"time_limit@{before}")
    if name in ("Assigned", "Transferred"):
        yield Fact("issue_received", unit, person, day)
    elif name in ("Resolved", "Explained"):
        yield Fact(f"issue_{name.lower()}", unit, person, day)
        if issue.time_limit is not None:  # met: by how many days late (0 or less: in time)
            limit = issue.time_limit
            late_by = float((day - limit).days)
            where = f"time_limit@{limit.isoformat()}"
            yield Fact("deadline_met", unit, person, limit, value=late_by, detail=where)
    elif name == "ClosedOut":
        raised = shanghai_date(issue.created_on)
        try:
            days: float | None = working_days_between(calendar, raised, day)
        except CalendarYearUnknownError:
            days = None
        yield Fact("issue_closed", unit, person, day, value=days)
    elif name == "Reopened":
        yield Fact("issue_reopened", unit, person, day)
    if name in ROUTING_EVENTS:
        yield from routing_facts(name, event, issue, day)


def _pairing(name: str, event: Any, pairing: Pairing, day: date) -> Iterator[Fact]:
    if name == "Established":
        yield Fact("pairing_established", pairing.official_unit, pairing.official, day)
    elif name == "VisitLogged":
        yield Fact("visit_logged", pairing.official_unit, pairing.official, event.visited_on)


def _session(name: str, event: Any, series: SessionSeries, day: date) -> Iterator[Fact]:
    if name == "Established":  # the veto finds a unit's series, and which of them it is
        where = f"{series.kind.value}|{series.title}"
        yield Fact("series_established", series.unit, "", day, detail=where)
    elif name == "LeadLeaderNamed":
        yield Fact("series_lead_leader_named", series.unit, event.leader, day)
    elif name == "SessionHeld":
        yield Fact("session_held", series.unit, "", event.held_on, detail=series.kind.value)
    elif name == "BriefingProgressReported":
        yield Fact("briefing_progress_reported", series.unit, event.actor, day, detail=event.period)


def _review(name: str, event: Any, review: Review, day: date) -> Iterator[Fact]:
    yield from _review_facts(
        name, event, review.subject_kind.value, review.subject_id, review.subject_unit,
        int(review.level), day,
    )  # fmt: skip


def submitted_review_facts(event: Any) -> Iterator[Fact]:
    """A review's submission, from its event alone: no review is built (a review is mostly
    this one event), the facts the same as from its state."""
    yield from _review_facts(
        "Submitted", event, event.subject_kind, event.subject_id, event.subject_unit,
        int(event.level), day_of(event),
    )  # fmt: skip


def _review_facts(
    name: str, event: Any, kind: str, subject_id: str, unit: str, level: int, day: date
) -> Iterator[Fact]:
    subject = f"{kind}:{subject_id}"
    official = subject_id if kind == "official" else ""
    kinds = {
        "Submitted": "review_submitted",
        "Rectified": "review_rectified",
        "ReturnVisited": "review_return_visited",
    }
    if name in kinds:
        value = float(level) if name == "Submitted" else None
        yield Fact(kinds[name], unit, official, day, value=value, detail=subject)
        if name == "Submitted" and level >= Level.DISSATISFIED:  # the few a veto check reads
            yield Fact("bad_review_submitted", unit, official, day, value=value, detail=subject)
    elif name == "AppealDecided" and event.upheld:
        yield Fact("review_set_aside", unit, official, day, detail=subject)


def _project(name: str, event: Any, project: Project, day: date) -> Iterator[Fact]:
    if name == "MilestoneReached" and project.plan:
        from domain.values import MilestoneKind

        planned = project.plan[MilestoneKind(event.milestone)]
        kind = "milestone_met" if event.reached_on <= planned else "milestone_late"
        yield Fact(
            kind, event.unit, project.lead_leader or "", event.reached_on, detail=event.milestone
        )


def _exemption(name: str, exemption: VetoExemption) -> Iterator[Fact]:
    """An exemption counts for the first day of the period it excuses, so a year's veto
    check finds it; its detail names the requirement and the period (``requirement@period``)."""
    first = exemption.period.replace("H2", "07").replace("H1", "01")
    kind = "veto_exemption_revoked" if name == "Revoked" else "veto_exempted"
    where = f"{exemption.requirement}@{exemption.period}"
    yield Fact(kind, exemption.unit, "", period_start(first), detail=where)
