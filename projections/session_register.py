"""SessionRegister: every unit's session series, with its sessions and progress reports."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from domain.briefing import SessionKind, SessionSeries
from domain.periods import Cadence
from projections.register import Register
from projections.summaries import CommitmentSummary, commitments_of


class SessionSummary(msgspec.Struct, kw_only=True):
    number: int
    planned_on: date
    topic: str
    status: str
    held_on: date | None
    raised_issues: list[UUID]


class SessionSeriesSummary(msgspec.Struct, kw_only=True, omit_defaults=True):
    """(No lead leader yet: the fields are left out, as in documents stored before.)"""

    id: UUID
    unit: str
    kind: SessionKind
    cadence: Cadence
    title: str
    start: date
    lead_leader: str | None = None  # (documents stored before leaders were named lack it)
    lead_leader_id: UUID | None = None
    sessions: list[SessionSummary]
    progress_reports: dict[str, int]
    commitments: list[CommitmentSummary]
    established_at: datetime
    updated_at: datetime
    version: int


def summarise(series: SessionSeries) -> SessionSeriesSummary:
    return SessionSeriesSummary(
        id=series.id,
        unit=series.unit,
        kind=series.kind,
        cadence=series.kind.cadence,
        title=series.title,
        start=series.start,
        lead_leader=series.lead_leader,
        lead_leader_id=series.lead_leader_id,
        sessions=[
            SessionSummary(
                number=s.number,
                planned_on=s.planned_on,
                topic=s.topic,
                status=s.status,
                held_on=s.held_on,
                raised_issues=[UUID(i) for i in s.raised_issues if i],
            )
            for s in series.sessions.values()
        ],
        progress_reports=dict(series.progress_reports),
        commitments=commitments_of(series),
        established_at=series.created_on,
        updated_at=series.modified_on,
        version=series.version,
    )


SESSION_REGISTER = Register(
    "session_register",
    SessionSeries,
    SessionSeriesSummary,
    summarise,
    {"unit": lambda s: s.unit, "kind": lambda s: s.kind.value},
    sort_key=lambda s: s.established_at.isoformat(),
)
