"""The back office's eventsourcing Application: one event log, one global order.

Commands load an aggregate, call one domain method with an envelope stamped by the injected
clock, and save. A version clash on save (another command changed the aggregate since it was
loaded) is refused as a concurrent write: nothing is saved and the caller may retry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

import structlog
from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import EventStore, IntegrityError, JSONTranscoder, Recording
from eventsourcing.utils import Environment

from application.context import Clock, CommandContext, CommandKey
from application.due_dates import CalendarNotConfigured
from application.policy import DeadlinePolicy
from application.settings_guard import refuse_chain_bypass
from application.transcodings import DateAsISO
from domain.base import DubanAggregate
from domain.calendar import WorkingCalendar
from domain.directory import Official, Person, Unit
from domain.errors import (
    ConcurrentWriteError,
    NotFoundError,
    OutOfScopeError,
    UnknownOfficialError,
    UnknownUnitError,
)
from domain.snapshots import TaggedSnapshot
from domain.values import DateBounds, Envelope

A = TypeVar("A", bound=DubanAggregate)


class CurrentSnapshots(EventStore[UUID]):
    def get(self, originator_id: UUID, **kwargs: Any) -> Iterator[Any]:
        found = super().get(originator_id, **kwargs)
        return (s for s in found if not isinstance(s, TaggedSnapshot) or s.is_current())


@dataclass(frozen=True)
class KeyedCommand:
    """What the event store saves beside a keyed command's events: the key, and the item and
    version the command left, from which its answer can be given again."""

    key: CommandKey
    aggregate_id: UUID
    version: int


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
        # called with the last position of every save, once committed (the read-model
        # worker of this process wakes on it)
        self.on_recorded: list[Callable[[int], None]] = []
        super().__init__(env)

    def _notify(self, recordings: list[Recording[UUID]]) -> None:
        last = max((r.notification.id for r in recordings), default=0)
        for listener in self.on_recorded:
            listener(last)

    def construct_snapshot_store(self) -> EventStore[UUID]:
        """The library's snapshot store, offering only snapshots of the current state shape:
        an aggregate whose state changed shape is rebuilt from its events instead."""
        store = super().construct_snapshot_store()
        return CurrentSnapshots(mapper=store.mapper, recorder=store.recorder)

    def construct_env(self, name: str, env: Mapping[str, str] | None = None) -> Environment:
        """The library's settings (its defaults, the process environment, then ``env``),
        refused when one would store events around the chain."""
        environment = super().construct_env(name, env)
        refuse_chain_bypass(environment, env or {})
        return environment

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
            bounds=DateBounds(self.policy.earliest_date, self.policy.years_ahead),
        )

    def load(self, cls: type[A], aggregate_id: UUID) -> A:
        try:
            aggregate: DubanAggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise cls.not_found(f"no {cls.__name__.lower()} {aggregate_id}") from None
        if not isinstance(aggregate, cls):
            raise cls.not_found(f"no {cls.__name__.lower()} {aggregate_id}")
        return aggregate

    def person(self, official_id: UUID, field: str) -> Person:
        """The official a command names, from the directory; unknown: 422 naming the field."""
        try:
            official = self.load(Official, official_id)
        except NotFoundError:
            raise UnknownOfficialError(
                f"{field}: the directory has no official {official_id}"
            ) from None
        unit = self.unit_named(official.unit_id, field)
        return Person(official.id, official.name, unit.id, unit.name)

    def unit_named(self, unit_id: UUID, field: str) -> Unit:
        try:
            return self.load(Unit, unit_id)
        except NotFoundError:
            raise UnknownUnitError(f"{field}: the directory has no unit {unit_id}") from None

    def load_for(self, ctx: CommandContext, cls: type[A], aggregate_id: UUID) -> A:
        """The aggregate a command acts on; refused when it lies outside the actor's scope."""
        aggregate = self.load(cls, aggregate_id)
        self.authorize(ctx, aggregate)
        return aggregate

    @staticmethod
    def authorize(ctx: CommandContext, aggregate: DubanAggregate) -> None:
        if isinstance(aggregate, Unit | Official):
            return  # the directory is no unit's item: only its keeper's role reaches it
        if not ctx.scope.covers(aggregate.answerable()):
            raise OutOfScopeError(
                f"{type(aggregate).__name__.lower()} {aggregate.id} lies outside what "
                f"{ctx.actor.official} ({ctx.actor.unit}) answers for"
            )

    @staticmethod
    def require_unit(ctx: CommandContext, unit: str, field: str) -> None:
        """A command that hands work to a unit may name only a unit the actor covers."""
        if not ctx.scope.covers_unit(unit):
            raise OutOfScopeError(
                f"{field} {unit!r} lies outside what {ctx.actor.official} "
                f"({ctx.actor.unit}) answers for"
            )

    def store(
        self, ctx: CommandContext, aggregate: DubanAggregate, command: str, *linked: DubanAggregate
    ) -> int:
        """Save the aggregate, and any aggregates its act created, in one transaction, with
        the command's idempotency key if it carries one. An item the act creates must lie in
        the actor's scope."""
        if aggregate.version == len(aggregate.pending_events):
            self.authorize(ctx, aggregate)
        pending = [type(e).__name__ for a in (aggregate, *linked) for e in a.pending_events]
        try:
            recordings = self.save(aggregate, *linked, command_key=self._keyed(ctx, aggregate))
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
        ctx.reached.note(max((r.notification.id for r in recordings), default=0))
        return aggregate.version

    @staticmethod
    def _keyed(ctx: CommandContext, aggregate: DubanAggregate) -> KeyedCommand | None:
        if ctx.key is None:
            return None
        return KeyedCommand(ctx.key, aggregate.id, aggregate.version)

    def change(
        self,
        ctx: CommandContext,
        cls: type[A],
        aggregate_id: UUID,
        command: str,
        act: Callable[[A], Any],
    ) -> A:
        aggregate = self.load_for(ctx, cls, aggregate_id)
        act(aggregate)
        self.store(ctx, aggregate, command)
        return aggregate
