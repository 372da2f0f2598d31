"""The deadline watcher: at each tick of the injected clock, every deadline that has passed
unmet gets one DeadlineMissed event on its aggregate, then the escalation ladder's steps fall
due one by one. Exactly once: the aggregate itself refuses a second miss of the same deadline
and due date, and a clash with another watcher (or an officer) is retried on fresh state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol
from uuid import UUID

import structlog
from eventsourcing.persistence import IntegrityError

from application.back_office import BackOffice
from application.context import Actor, CommandContext
from domain.base import DubanAggregate
from domain.calendar import add_working_days
from domain.errors import (
    CalendarYearUnknownError,
    ConcurrentWriteError,
    DeadlineAlreadyMissedError,
    DeadlineNotOpenError,
    DeadlineNotPassedError,
    DeadlineNotPendingError,
    EscalationStepAlreadyTakenError,
    InvalidValueError,
)
from domain.values import shanghai_date

WATCHER = Actor(official="deadline-watcher", unit="system")
# the watcher answers for every deadline, whoever owes it
SYSTEM = CommandContext(WATCHER, "deadline-watcher")
Act = tuple[UUID, Callable[[DubanAggregate], object]]
log = structlog.get_logger("duban.watcher")
_ALREADY_SETTLED = (
    DeadlineAlreadyMissedError,
    DeadlineNotOpenError,
    DeadlineNotPendingError,
    DeadlineNotPassedError,
    EscalationStepAlreadyTakenError,
)


class PendingDeadline(Protocol):
    @property
    def aggregate_id(self) -> UUID: ...
    @property
    def key(self) -> str: ...
    @property
    def due(self) -> date: ...
    @property
    def responsible(self) -> str: ...
    @property
    def steps(self) -> dict[str, str]: ...


class Uncounted(Protocol):
    @property
    def aggregate_id(self) -> UUID: ...
    @property
    def key(self) -> str: ...
    @property
    def start(self) -> date: ...
    @property
    def working_days(self) -> int: ...


class DeadlineIndex(Protocol):
    def passed_unmet(self, today: date) -> Sequence[PendingDeadline]: ...

    def missed_open(self) -> Sequence[PendingDeadline]: ...

    def uncounted(self) -> Sequence[Uncounted]: ...


@dataclass
class TickReport:
    today: date
    misses: int = 0
    steps: int = 0
    counted: int = 0  # deadlines that waited for a year's calendar, counted now
    waiting: int = 0  # escalation steps that wait for a year's calendar


class DeadlineWatcher:
    def __init__(
        self,
        office: BackOffice,
        index: DeadlineIndex,
        catch_up: Callable[[], object],
        recent: Callable[[UUID], DubanAggregate | None] = lambda _: None,
    ) -> None:
        """``recent`` may offer a copy of an aggregate's latest known state, to spare a read;
        a stale one only costs a clash and a reload."""
        self.office = office
        self.index = index
        self.catch_up = catch_up
        self.recent = recent
        self._waiting_said = 0

    def tick(self) -> TickReport:
        self.catch_up()
        report = TickReport(today=shanghai_date(self.office.clock.now()))
        counts = [act for act in map(self._count, self.index.uncounted()) if act is not None]
        if counts:
            report.counted = self._in_batches(counts)
            self.catch_up()
        self._backfill(report)
        unknown: CalendarYearUnknownError | None = None
        for row in self.index.missed_open():
            try:
                report.steps += self._escalate(row, report.today)
            except CalendarYearUnknownError as error:
                report.waiting, unknown = report.waiting + 1, error
        if unknown is not None and report.waiting != self._waiting_said:
            # said once while the count stands, not at every tick nor for every deadline
            log.warning("escalations not scheduled", count=report.waiting, detail=unknown.detail)
        self._waiting_said = report.waiting
        if report.misses or report.steps or report.counted:
            log.info(
                "deadline watcher tick",
                misses=report.misses,
                steps=report.steps,
                counted=report.counted,
            )
        return report

    def _count(self, row: Uncounted) -> Act | None:
        """A deadline that waited for a year's calendar, counted once the calendar covers it."""
        try:
            due = add_working_days(self.office.calendar, row.start, row.working_days)
        except CalendarYearUnknownError:
            return None  # still not published: it waits
        ctx = CommandContext(WATCHER, f"deadline-counted:{row.aggregate_id}:{row.key}")
        env = self.office.envelope(ctx)
        return row.aggregate_id, lambda a: a.count_deadline(env, key=row.key, due=due)

    def _backfill(self, report: TickReport) -> None:
        """Each round records one missed period of every passed deadline, and a miss opens the
        deadline's next period: a series started long ago owes one per quarter since. So a
        tick takes at most ``watcher_backfill_periods`` rounds; the rest follow next tick."""
        for _ in range(self.office.policy.watcher_backfill_periods):
            rows = self.index.passed_unmet(report.today)
            if not rows:
                return
            recorded = self._in_batches([self._miss(row) for row in rows])
            report.misses += recorded
            self.catch_up()
            if not recorded:
                return  # what is left was settled meanwhile; the index shows it next tick
        if self.index.passed_unmet(report.today):
            log.warning(
                "deadline backfill capped; it goes on at the next tick",
                periods=self.office.policy.watcher_backfill_periods,
            )

    def _miss(self, row: PendingDeadline) -> Act:
        ctx = CommandContext(WATCHER, f"deadline-missed:{row.aggregate_id}:{row.key}:{row.due}")
        env = self.office.envelope(ctx, business_date=row.due + timedelta(days=1))
        return row.aggregate_id, lambda a: a.record_missed_deadline(env, key=row.key)

    def _in_batches(self, acts: list[Act], size: int = 200) -> int:
        """Save many misses per transaction; on a clash, fall back to one at a time."""
        done = 0
        for start in range(0, len(acts), size):
            chunk = acts[start : start + size]
            ready = [a for a in (self._prepared(i, act) for i, act in chunk) if a is not None]
            try:
                self.office.save(*ready)
            except IntegrityError:
                done += sum(self._act(i, act) for i, act in chunk)
                continue
            done += len(ready)
        return done

    def _prepared(
        self, aggregate_id: UUID, act: Callable[[DubanAggregate], object], fresh: bool = False
    ) -> DubanAggregate | None:
        aggregate = None if fresh else self.recent(aggregate_id)
        if aggregate is None:
            aggregate = self.office.repository.get(aggregate_id)
        try:
            act(aggregate)
        except _ALREADY_SETTLED:
            return None
        except InvalidValueError as refused:  # e.g. a due date before the office's records
            log.warning("missed deadline not recorded", id=str(aggregate_id), rule=refused.rule)
            return None
        return aggregate

    def _escalate(self, row: PendingDeadline, today: date) -> int:
        """The next step of the ladder if it has fallen due; raises CalendarYearUnknownError
        while the working days it counts reach a year the calendar does not know."""
        pending = [s for s in self.office.policy.escalation if s.step not in row.steps]
        if not pending:
            return 0
        step = pending[0]
        falls_due = add_working_days(self.office.calendar, row.due, step.after_working_days)
        if today < falls_due.due:
            return 0
        ctx = CommandContext(
            WATCHER, f"escalation:{row.aggregate_id}:{row.key}:{row.due}:{step.step}"
        )
        env = self.office.envelope(ctx, business_date=falls_due.due)
        to = [_addressee(role, row.responsible) for role in step.addressed_to]
        return self._act(
            row.aggregate_id,
            lambda a: a.take_escalation_step(
                env, key=row.key, due=row.due, step=step.step, addressed_to=to
            ),
        )

    def _act(self, aggregate_id: UUID, act: Callable[[DubanAggregate], object]) -> int:
        for _ in range(3):
            aggregate = self._prepared(aggregate_id, act, fresh=True)
            if aggregate is None:
                return 0
            try:
                self.office.store(SYSTEM, aggregate, "deadline_watcher")
            except ConcurrentWriteError:
                continue  # another writer got there first: look again at fresh state
            return 1
        return 0


def _addressee(role: str, responsible: str) -> str:
    """Until the directory names officials, addressees are the roles the ladder names."""
    if role == "responsible":
        return responsible
    return f"{role} ({responsible})"
