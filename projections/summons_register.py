"""SummonsRegister: every summons (约谈), where it stands and how its rectification goes, item by
item; listed by summoned unit and status."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from domain.deadlines import miss_key
from domain.rectification import Participant
from domain.summons import Summons, SummonsGrounds, SummonsStatus
from projections.register import Register


class ParticipantSummary(msgspec.Struct, kw_only=True):
    id: UUID
    name: str
    post: str
    unit: str


class RectificationItemSummary(msgspec.Struct, kw_only=True):
    number: int
    what: str
    due: date | None  # None while its count waits for the year's calendar
    completed_on: date | None
    what_was_done: str | None
    missed: bool  # a miss of its due date is recorded and stands


class SummonsSummary(msgspec.Struct, kw_only=True):
    id: UUID
    unit_id: UUID
    unit: str
    grounds: SummonsGrounds
    basis: list[str]
    proposal_reason: str | None
    status: SummonsStatus
    scheduled_on: date | None
    place: str | None
    held_on: date | None
    principal_leader: ParticipantSummary | None
    conducted_by: ParticipantSummary | None
    attendees: list[ParticipantSummary]
    notes: str
    items: list[RectificationItemSummary]
    closing_reason: str | None  # why it was withdrawn, or why the rectification was accepted
    proposed_at: datetime
    updated_at: datetime
    version: int


def _person(p: Participant) -> ParticipantSummary:
    return ParticipantSummary(id=p.id, name=p.name, post=p.post, unit=p.unit)


def _missed(summons: Summons, key: str, due: date | None) -> bool:
    if due is None:
        return False
    found = summons.missed_deadlines.get(miss_key(key, due))
    return found is not None and not found.withdrawn


def summarise(summons: Summons) -> SummonsSummary:
    return SummonsSummary(
        id=summons.id,
        unit_id=summons.unit_id,
        unit=summons.unit_name,
        grounds=summons.grounds,
        basis=list(summons.basis),
        proposal_reason=summons.proposal_reason,
        status=summons.status,
        scheduled_on=summons.scheduled_on,
        place=summons.place,
        held_on=summons.held_on,
        principal_leader=_person(summons.principal_leader) if summons.principal_leader else None,
        conducted_by=_person(summons.conducted_by) if summons.conducted_by else None,
        attendees=[_person(p) for p in summons.attendees],
        notes=summons.notes,
        items=[
            RectificationItemSummary(
                number=item.number,
                what=item.what,
                due=item.due,
                completed_on=item.completed_on,
                what_was_done=item.done,
                missed=_missed(summons, item.key, item.due),
            )
            for _, item in sorted(summons.items.items())
        ],
        closing_reason=summons.closing_reason,
        proposed_at=summons.created_on,
        updated_at=summons.modified_on,
        version=summons.version,
    )


SUMMONS_REGISTER = Register(
    "summons_register",
    Summons,
    SummonsSummary,
    summarise,
    {"unit": lambda s: s.unit, "status": lambda s: s.status.value},
    sort_key=lambda s: s.proposed_at.isoformat(),
)
