"""An aggregate's stored events, oldest first, each with its envelope."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.utils import get_topic

from application.back_office import BackOffice
from domain.base import DubanAggregate

ENVELOPE_FIELDS = frozenset(
    {
        "originator_id",
        "originator_version",
        "originator_topic",
        "timestamp",
        "actor",
        "unit",
        "command_id",
        "business_date",
        "reason",
    }
)


class EventRecord(msgspec.Struct, kw_only=True):
    type: str
    version: int
    recorded_at: datetime
    actor: str
    unit: str
    command_id: str
    business_date: date | None
    reason: str | None
    data: dict[str, Any]


def event_record(event: Any) -> EventRecord:
    fields = vars(event)
    return EventRecord(
        type=type(event).__qualname__,
        version=event.originator_version,
        recorded_at=event.timestamp,
        actor=event.actor,
        unit=event.unit,
        command_id=event.command_id,
        business_date=event.business_date,
        reason=event.reason,
        data={key: value for key, value in fields.items() if key not in ENVELOPE_FIELDS},
    )


def history(
    office: BackOffice, aggregate_id: UUID, kind: type[DubanAggregate]
) -> list[EventRecord]:
    events = list(office.events.get(aggregate_id))
    if not events or getattr(events[0], "originator_topic", None) != get_topic(kind):
        raise kind.not_found(f"no {kind.__name__.lower()} {aggregate_id}")
    return [event_record(event) for event in events]
