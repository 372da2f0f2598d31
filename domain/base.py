"""The base every Duban aggregate shares: events that carry their envelope.

Every stored event records the acting official and unit, the command that caused it, the
recorded time (the event's ``timestamp``, from the injected clock) and, when the act happened
before it was recorded, its business date, plus an optional reason. Public methods check rules
and then call ``_record``; events' ``apply`` only changes state, so replay never re-runs rules.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Self
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.values import Envelope


def envelope_fields(envelope: Envelope) -> dict[str, Any]:
    return {
        "timestamp": envelope.recorded_at,
        "actor": envelope.actor,
        "unit": envelope.unit,
        "command_id": envelope.command_id,
        "business_date": envelope.business_date,
        "reason": envelope.reason,
    }


class DubanAggregate(Aggregate):
    class Event(Aggregate.Event):
        actor: str
        unit: str
        command_id: str
        business_date: date | None
        reason: str | None

    class Created(Event, Aggregate.Created):
        pass

    @classmethod
    def _start(
        cls, event_class: type[Aggregate.Created], *, id: UUID, envelope: Envelope, **fields: Any
    ) -> Self:
        return cls._create(event_class, id=id, **envelope_fields(envelope), **fields)

    def _record(
        self, event_class: type[Aggregate.Event], envelope: Envelope, **fields: Any
    ) -> None:
        self.trigger_event(event_class, **envelope_fields(envelope), **fields)
