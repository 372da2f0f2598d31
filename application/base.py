"""The back office's eventsourcing Application: one event log, one global order.

Commands load an aggregate, call one domain method with an envelope stamped by the injected
clock, and save. A version clash on save (another command changed the aggregate since it was
loaded) is refused as a concurrent write: nothing is saved and the caller may retry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

import structlog
from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from application.context import Clock, CommandContext
from application.due_dates import CalendarNotConfigured
from application.policy import DeadlinePolicy
from application.transcodings import DateAsISO
from domain.base import DubanAggregate
from domain.calendar import WorkingCalendar
from domain.errors import ConcurrentWriteError
from domain.values import Envelope

A = TypeVar("A", bound=DubanAggregate)
log = structlog.get_logger("duban.commands")


class BackOfficeBase(Application[UUID]):
    name = "Duban"

    def __init__(
        self,
        clock: Clock,
        env: dict[str, str] | None = None,
        *,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
    ) -> None:
        self.clock = clock
        self.calendar: WorkingCalendar = calendar or CalendarNotConfigured()
        self.policy = policy or DeadlinePolicy()
        super().__init__(env)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def envelope(
        self, ctx: CommandContext, *, business_date: date | None = None, reason: str | None = None
    ) -> Envelope:
        return Envelope(
            actor=ctx.actor.official,
            unit=ctx.actor.unit,
            command_id=ctx.command_id,
            recorded_at=self.clock.now(),
            business_date=business_date,
            reason=reason,
        )

    def load(self, cls: type[A], aggregate_id: UUID) -> A:
        try:
            aggregate: DubanAggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise cls.not_found(f"no {cls.__name__.lower()} {aggregate_id}") from None
        if not isinstance(aggregate, cls):
            raise cls.not_found(f"no {cls.__name__.lower()} {aggregate_id}")
        return aggregate

    def store(self, aggregate: DubanAggregate, command: str, *linked: DubanAggregate) -> int:
        """Save the aggregate, and any aggregates its act created, in one transaction."""
        pending = [type(e).__name__ for a in (aggregate, *linked) for e in a.pending_events]
        try:
            self.save(aggregate, *linked)
        except IntegrityError:
            raise ConcurrentWriteError(
                f"{type(aggregate).__name__.lower()} {aggregate.id} was changed by another "
                "command while this one ran; reload and retry"
            ) from None
        log.info(
            "command recorded",
            command=command,
            aggregate_id=str(aggregate.id),
            version=aggregate.version,
            events=pending,
            linked=[str(a.id) for a in linked],
        )
        return aggregate.version

    def change(
        self,
        cls: type[A],
        aggregate_id: UUID,
        command: str,
        act: Callable[[A], Any],
    ) -> A:
        aggregate = self.load(cls, aggregate_id)
        act(aggregate)
        self.store(aggregate, command)
        return aggregate
