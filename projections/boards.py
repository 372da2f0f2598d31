"""Boards: overdue problems by traffic light and responsible unit, and major projects against
their plans — now, or as recorded at a past moment."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import msgspec

from domain.calendar import Light, WorkingCalendar, traffic_light, yellow_boundary
from domain.errors import CalendarYearUnknownError
from domain.values import IssueStatus, MilestoneKind, ProjectStage
from infrastructure.view_store import Tx
from projections.summaries import ProjectSummary

_LIMIT_EVENTS = ("Assigned", "TimeLimitExtended", "Reopened", "Resolved", "Explained", "ClosedOut")
_FOLD = (
    "SELECT aggregate_id, event_type, data FROM audit_index WHERE aggregate_type = 'Issue'"
    " AND event_type IN (?, ?, ?, ?, ?, ?) AND recorded_at <= ? ORDER BY position"
)


class UnitLights(msgspec.Struct, kw_only=True):
    unit: str
    red: int
    yellow: int
    green: int
    red_issues: list[UUID]


class MilestoneState(msgspec.Struct, kw_only=True):
    milestone: MilestoneKind
    planned: date
    reached_on: date | None
    state: str  # met, late, missed, pending


class ProjectAgainstPlan(msgspec.Struct, kw_only=True):
    id: UUID
    name: str
    stage: ProjectStage
    lead_leader: str | None
    milestones: list[MilestoneState]
    investment_completion: float | None  # investment to date / total investment


_OPEN_NOW = (
    "SELECT id, responsible_unit, time_limit FROM issue_ledger"
    " WHERE status = ? AND time_limit IS NOT NULL"
)


def open_issue_limits(tx: Tx, as_of: datetime | None) -> dict[str, tuple[str, date]]:
    """Each issue open at the moment with its responsible unit and time limit: now, from the
    issue ledger's open rows; at a past moment, folded from the audit log."""
    if as_of is None:
        rows = tx.fetchall(_OPEN_NOW, [IssueStatus.ASSIGNED.value])
        return {str(i): (unit or "", date.fromisoformat(limit)) for i, unit, limit in rows}
    moment = (as_of or datetime.now(UTC)).astimezone(UTC).isoformat()
    rows = tx.fetchall(_FOLD, [*_LIMIT_EVENTS, moment])
    open_limits: dict[str, tuple[str, date]] = {}
    units: dict[str, str] = {}
    for issue_id, event_type, data in rows:
        fields: dict[str, Any] = msgspec.json.decode(data)
        if event_type == "Assigned":
            units[issue_id] = fields["responsible_unit"]
        if event_type in ("Resolved", "Explained", "ClosedOut"):
            open_limits.pop(issue_id, None)
            continue
        limit = str(fields.get("new_limit") or fields["time_limit"])
        open_limits[issue_id] = (units.get(issue_id, ""), date.fromisoformat(limit))
    return open_limits


# the present, counted in the database: red before today, yellow up to the boundary
_LIGHTS_NOW = (
    "SELECT COALESCE(responsible_unit, ''), SUM(CASE WHEN time_limit < ? THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN time_limit >= ? AND time_limit <= ? THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN time_limit > ? THEN 1 ELSE 0 END) FROM issue_ledger"
    " WHERE status = ? AND time_limit IS NOT NULL GROUP BY COALESCE(responsible_unit, '')"
)
_RED_NOW = (
    "SELECT COALESCE(responsible_unit, ''), id FROM issue_ledger"
    " WHERE status = ? AND time_limit IS NOT NULL AND time_limit < ?"
)


def overdue_board(
    tx: Tx, calendar: WorkingCalendar, today: date, yellow: int, as_of: datetime | None
) -> list[UnitLights]:
    """Open problems by responsible unit and traffic light: now from the issue ledger's open
    rows, counted in the database; at a past moment, each light from the folded audit log."""
    if as_of is None:
        try:
            boundary = yellow_boundary(calendar, today, yellow)
        except CalendarYearUnknownError:
            boundary = None  # the boundary lies in a year not published yet: light each one
        if boundary is not None:
            return _board_now(tx, today, boundary)
    board: dict[str, dict[str, Any]] = defaultdict(lambda: {"red": [], "yellow": 0, "green": 0})
    light_of: dict[date, Light] = {}  # thousands of open issues share a few hundred limits
    for issue_id, (unit, limit) in open_issue_limits(tx, as_of).items():
        light = light_of.get(limit)
        if light is None:
            light = light_of[limit] = traffic_light(calendar, today, limit, yellow)
        if light is Light.RED:
            board[unit]["red"].append(issue_id)
        else:
            board[unit][light.value] += 1
    lights = [
        UnitLights(
            unit=unit,
            red=len(v["red"]),
            yellow=v["yellow"],
            green=v["green"],
            red_issues=[UUID(i) for i in sorted(v["red"])],
        )
        for unit, v in board.items()
    ]
    return sorted(lights, key=lambda u: (-u.red, -u.yellow, u.unit))


def _board_now(tx: Tx, today: date, boundary: date) -> list[UnitLights]:
    assigned, first, last = IssueStatus.ASSIGNED.value, today.isoformat(), boundary.isoformat()
    red: dict[str, list[str]] = defaultdict(list)
    for unit, issue_id in tx.fetchall(_RED_NOW, [assigned, first]):
        red[unit].append(str(issue_id))
    lights = [
        UnitLights(
            unit=unit,
            red=int(reds),
            yellow=int(yellows),
            green=int(greens),
            red_issues=[UUID(i) for i in sorted(red[unit])],
        )
        for unit, reds, yellows, greens in tx.fetchall(
            _LIGHTS_NOW, [first, first, last, last, assigned]
        )
    ]
    return sorted(lights, key=lambda u: (-u.red, -u.yellow, u.unit))


def against_plan(summary: ProjectSummary, today: date) -> ProjectAgainstPlan:
    milestones = []
    for m in summary.milestones:
        if m.reached_on is not None:
            state = "met" if m.reached_on <= m.planned else "late"
        else:
            state = "missed" if m.planned < today else "pending"
        milestones.append(
            MilestoneState(
                milestone=m.milestone, planned=m.planned, reached_on=m.reached_on, state=state
            )
        )
    latest = summary.progress[-1].investment_to_date if summary.progress else None
    completion = round(latest / summary.total_investment, 4) if latest is not None else None
    return ProjectAgainstPlan(
        id=summary.id,
        name=summary.name,
        stage=summary.stage,
        lead_leader=summary.lead_leader,
        milestones=milestones,
        investment_completion=completion,
    )
