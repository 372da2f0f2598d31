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
from eventsourcing.utils import get_topic

from domain.access import Answerable
from domain.calendar import DueDate, PendingCount
from domain.deadlines import Deadline, MissedDeadline, PendingDeadline, miss_key
from domain.errors import (
    DeadlineAlreadyMissedError,
    DeadlineNotOpenError,
    DeadlineNotPassedError,
    DeadlineNotPendingError,
    EscalationStepAlreadyTakenError,
    MissAlreadyWithdrawnError,
    NotFoundError,
)
from domain.snapshots import TaggedSnapshot
from domain.values import Envelope, require_reason, require_sound_fields, shanghai_date


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
        def apply(self, aggregate: DubanAggregate) -> None:
            # kept in __dict__ so snapshots carry it (see ``recorded_by_unit``)
            aggregate.__dict__["_recorded_by_unit"] = self.unit

    Snapshot = TaggedSnapshot
    # what an unknown id of this kind answers with; each aggregate names its own
    not_found = NotFoundError

    class DeadlineMissed(Event):
        """Recorded by the deadline watcher, once per deadline and due date."""

        key: str
        what: str
        due: date
        responsible: str

        def apply(self, aggregate: DubanAggregate) -> None:
            aggregate.missed_deadlines[miss_key(self.key, self.due)] = MissedDeadline(
                self.key, self.what, self.due, self.responsible, shanghai_date(self.timestamp)
            )

    class MissWithdrawn(Event):
        """A recorded miss taken back by the supervision office, with its reason (the act met
        the deadline in time and was recorded late; the delay is excused). The miss and its
        withdrawal both stay in the history."""

        key: str
        due: date

        def apply(self, aggregate: DubanAggregate) -> None:
            aggregate.missed_deadlines[miss_key(self.key, self.due)].withdrawn = True

    class DeadlinePending(Event):
        """A deadline counted in working days into a year the calendar does not cover yet:
        the act is recorded, its due date waits for the calendar (DeadlineCounted)."""

        key: str
        what: str
        start: date
        working_days: int
        year: int

        def apply(self, aggregate: DubanAggregate) -> None:
            aggregate.pending_deadlines[self.key] = PendingDeadline(
                self.key, self.what, self.start, self.working_days, self.year
            )

    class DeadlineCounted(Event):
        """A pending deadline's due date, counted once the calendar covers its year."""

        key: str
        due: date
        calendar: str  # the calendar data that decided the count

        def apply(self, aggregate: DubanAggregate) -> None:
            aggregate.pending_deadlines.pop(self.key, None)
            aggregate.deadline_counted(self.key, self.due)

    class EscalationStepTaken(Event):
        """A step of the escalation ladder after a miss: an urging notice, a circular."""

        key: str
        due: date
        step: str
        addressed_to: list[str]

        def apply(self, aggregate: DubanAggregate) -> None:
            missed = aggregate.missed_deadlines[miss_key(self.key, self.due)]
            missed.steps[self.step] = shanghai_date(self.timestamp)

    @property
    def missed_deadlines(self) -> dict[str, MissedDeadline]:
        # kept in __dict__ so snapshots carry it; created on first use by any aggregate
        found: dict[str, MissedDeadline] = self.__dict__.setdefault("_missed_deadlines", {})
        return found

    @property
    def pending_deadlines(self) -> dict[str, PendingDeadline]:
        # kept in __dict__ so snapshots carry it, like the missed deadlines
        found: dict[str, PendingDeadline] = self.__dict__.setdefault("_pending_deadlines", {})
        return found

    def deadline_counted(self, key: str, due: date) -> None:
        """Where an aggregate keeps a deadline's due date once it is counted (see below)."""

    def pend_deadline(
        self, envelope: Envelope, *, key: str, what: str, count: PendingCount
    ) -> None:
        self._record(
            self.DeadlinePending,
            envelope,
            key=key,
            what=what,
            start=count.start,
            working_days=count.working_days,
            year=count.year,
        )

    def count_deadline(self, envelope: Envelope, *, key: str, due: DueDate) -> None:
        if key not in self.pending_deadlines:
            raise DeadlineNotPendingError(
                f"{self.id} has no deadline {key!r} waiting to be counted"
            )
        self._record(self.DeadlineCounted, envelope, key=key, due=due.due, calendar=due.calendar)

    @property
    def recorded_by_unit(self) -> str | None:
        """The unit whose official recorded the item (None when restored from a snapshot
        taken before this was kept)."""
        found: str | None = self.__dict__.get("_recorded_by_unit")
        return found

    def answerable(self) -> Answerable:
        """Who answers for this item; aggregates that name more parties extend this."""
        return Answerable.of(units=[self.recorded_by_unit])

    def open_deadlines(self) -> list[Deadline]:
        """The deadlines this aggregate owes now; aggregates with deadlines override this."""
        return []

    def record_missed_deadline(self, envelope: Envelope, *, key: str) -> Deadline:
        deadline = next((d for d in self.open_deadlines() if d.key == key), None)
        if deadline is None:
            raise DeadlineNotOpenError(f"{self.id} owes no open deadline {key!r}")
        if envelope.today <= deadline.due:
            raise DeadlineNotPassedError(
                f"deadline {key!r} is due {deadline.due}; it is met until the end of that day"
            )
        if deadline.miss_key in self.missed_deadlines:
            raise DeadlineAlreadyMissedError(f"deadline {key!r} due {deadline.due} is recorded")
        self._record(
            self.DeadlineMissed,
            envelope,
            key=deadline.key,
            what=deadline.what,
            due=deadline.due,
            responsible=deadline.responsible,
        )
        return deadline

    def meet_deadline(self, envelope: Envelope, *, key: str) -> None:
        """Called by an act that meets the open deadline ``key``, before it records itself: an
        act whose business day is past the due date records the miss in the same save, unless
        the watcher (or an earlier act) recorded it already."""
        deadline = next((d for d in self.open_deadlines() if d.key == key), None)
        if deadline is None or envelope.effective_date <= deadline.due:
            return
        if deadline.miss_key in self.missed_deadlines:
            return
        self._record(
            self.DeadlineMissed,
            envelope,
            key=deadline.key,
            what=deadline.what,
            due=deadline.due,
            responsible=deadline.responsible,
        )

    def withdraw_miss(self, envelope: Envelope, *, key: str, due: date) -> None:
        missed = self.missed_deadlines.get(miss_key(key, due))
        if missed is None:
            raise DeadlineNotOpenError(f"no miss of {key!r} due {due} is recorded on {self.id}")
        if missed.withdrawn:
            raise MissAlreadyWithdrawnError(f"the miss of {key!r} due {due} is withdrawn already")
        require_reason(envelope, "withdrawing a recorded miss")
        self._record(self.MissWithdrawn, envelope, key=key, due=due)

    def take_escalation_step(
        self, envelope: Envelope, *, key: str, due: date, step: str, addressed_to: list[str]
    ) -> None:
        missed = self.missed_deadlines.get(miss_key(key, due))
        if missed is None:
            raise DeadlineNotOpenError(f"no miss of {key!r} due {due} is recorded on {self.id}")
        if step in missed.steps:
            raise EscalationStepAlreadyTakenError(
                f"{step} for {key!r} due {due} was taken on {missed.steps[step]}"
            )
        self._record(
            self.EscalationStepTaken,
            envelope,
            key=key,
            due=due,
            step=step,
            addressed_to=list(addressed_to),
        )

    @classmethod
    def _start(
        cls, event_class: type[Aggregate.Created], *, id: UUID, envelope: Envelope, **fields: Any
    ) -> Self:
        return cls._create(event_class, id=id, **_checked(envelope, fields))

    @classmethod
    def _creation_event(
        cls, event_class: type[Aggregate.Created], *, id: UUID, envelope: Envelope, **fields: Any
    ) -> Aggregate.Created:
        """The event ``_start`` would record, without building the aggregate: for imports,
        where thousands of aggregates are recorded and none is used afterwards."""
        return event_class(
            originator_topic=get_topic(cls),
            originator_id=id,
            originator_version=cls.INITIAL_VERSION,
            **_checked(envelope, fields),
        )

    def _record(
        self, event_class: type[Aggregate.Event], envelope: Envelope, **fields: Any
    ) -> None:
        self.trigger_event(event_class, **_checked(envelope, fields))


def _checked(envelope: Envelope, fields: dict[str, Any]) -> dict[str, Any]:
    """An event's fields with its envelope's, after the checks every event passes whatever
    its rules: text the stores can hold, dates within the office's bounds."""
    every = {**envelope_fields(envelope), **fields}
    require_sound_fields(every, envelope)
    return every
