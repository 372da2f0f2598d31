"""OpenDeadlines: every deadline an aggregate owes now, with whether its miss is recorded and
which escalation steps were taken — what the deadline watcher and the boards read. A deadline
met, extended or closed leaves the table, and with it any escalation still to come."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from domain.access import Scope
from domain.base import DubanAggregate
from domain.deadlines import Deadline
from domain.review import Review, deadlines_at_submission
from infrastructure.view_store import Tx, ViewStore
from projections.access_index import visible
from projections.latest import born_alone, born_in, states_at
from projections.pending_deadlines import PendingDeadlines, Uncounted
from projections.tables import MadeByDDL, count_where

_DDL = (
    "CREATE TABLE IF NOT EXISTS open_deadlines ("
    " aggregate_id TEXT NOT NULL, aggregate_type TEXT NOT NULL, key TEXT NOT NULL,"
    " due TEXT NOT NULL, what TEXT NOT NULL, responsible TEXT NOT NULL,"
    " missed INTEGER NOT NULL, steps TEXT NOT NULL,"
    " PRIMARY KEY (aggregate_id, key, due))",
    "CREATE INDEX IF NOT EXISTS open_deadlines_due ON open_deadlines (missed, due)",
    "CREATE INDEX IF NOT EXISTS open_deadlines_responsible ON open_deadlines (responsible, due)",
)
_COLUMNS = "aggregate_id, aggregate_type, key, due, what, responsible, missed, steps"
_COLUMN_NAMES = tuple(_COLUMNS.split(", "))


@dataclass(frozen=True)
class DeadlineRow:
    aggregate_id: UUID
    aggregate_type: str
    key: str
    due: date
    what: str
    responsible: str
    missed: bool
    steps: dict[str, str]


def _row(aggregate: DubanAggregate, d: Deadline) -> tuple[Any, ...]:
    missed = aggregate.missed_deadlines.get(d.miss_key)
    return (
        str(aggregate.id),
        type(aggregate).__name__,
        d.key,
        d.due.isoformat(),
        d.what,
        d.responsible,
        int(missed is not None),
        _steps(missed.steps) if missed else "{}",
    )


def _fresh(aggregate_id: str, aggregate_type: str, d: Deadline) -> tuple[Any, ...]:
    """The row of a deadline of an aggregate just made: nothing missed yet."""
    return (aggregate_id, aggregate_type, d.key, d.due.isoformat(), d.what, d.responsible, 0, "{}")


def _steps(steps: dict[str, date]) -> str:
    return json.dumps({step: day.isoformat() for step, day in steps.items()})


class OpenDeadlines(MadeByDDL):
    name = "open_deadlines"
    tables = ("open_deadlines",)
    ddl = _DDL

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        born = born_in(events)
        touched: list[str] = []  # aggregates older than the batch may have rows to replace
        rows: list[tuple[Any, ...]] = []
        submitted, events = born_alone(events, (Review.Submitted,))
        for event in submitted:  # a one-event review: from its event, no review built
            item = str(event.originator_id)
            rows += [_fresh(item, "Review", d) for d in deadlines_at_submission(event)]
        for aggregate in states_at(source, events, DubanAggregate.Event):
            if aggregate.id not in born:
                touched.append(str(aggregate.id))
            rows.extend(_row(aggregate, d) for d in aggregate.open_deadlines())
        # two statements a batch, however many aggregates it touched
        if touched:
            tx.delete_in("open_deadlines", "aggregate_id", touched)
        if rows:
            tx.append("open_deadlines", _COLUMN_NAMES, rows)

    @staticmethod
    def passed_unmet(tx: Tx, today: date, limit: int = 1000) -> list[DeadlineRow]:
        """Open deadlines whose due day has passed with no miss recorded yet."""
        return _select(tx, "missed = 0 AND due < ? ORDER BY due", [today.isoformat()], limit)

    @staticmethod
    def missed_unescalated(tx: Tx, limit: int = 1000) -> list[DeadlineRow]:
        return _select(tx, "missed = 1 ORDER BY due", [], limit)

    @staticmethod
    def listing(tx: Tx, where: DeadlineFilter, *, limit: int, offset: int) -> list[DeadlineRow]:
        clauses, params = _conditions(where)
        order = " AND ".join(clauses) + " ORDER BY due, aggregate_id, key LIMIT ? OFFSET ?"
        return _select(tx, order, [*params, limit, offset], None)

    @staticmethod
    def count(tx: Tx, where: DeadlineFilter) -> int:
        """How many deadlines ``listing`` finds over all its pages."""
        clauses, params = _conditions(where)
        return count_where(tx, "open_deadlines", clauses, params)


@dataclass(frozen=True, kw_only=True)
class DeadlineFilter:
    """The list's filters (a due day after and up to, who answers, the kind of item), and the
    scope of the one who asks."""

    scope: Scope
    due_after: date | None = None
    due_until: date | None = None
    responsible: str | None = None
    aggregate_type: str | None = None


def _conditions(where: DeadlineFilter) -> tuple[list[str], list[Any]]:
    covered, params = visible(where.scope, "aggregate_id")
    clauses = [covered]
    for clause, value in (
        ("due > ?", where.due_after.isoformat() if where.due_after else None),
        ("due <= ?", where.due_until.isoformat() if where.due_until else None),
        ("responsible = ?", where.responsible),
        ("aggregate_type = ?", where.aggregate_type),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    return clauses, params


def _select(tx: Tx, where: str, params: list[Any], limit: int | None) -> list[DeadlineRow]:
    sql = f"SELECT {_COLUMNS} FROM open_deadlines WHERE {where}"  # noqa: S608 - fixed clauses
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [
        DeadlineRow(
            aggregate_id=UUID(row[0]),
            aggregate_type=row[1],
            key=row[2],
            due=date.fromisoformat(row[3]),
            what=row[4],
            responsible=row[5],
            missed=bool(row[6]),
            steps=json.loads(row[7]),
        )
        for row in tx.fetchall(sql, params)
    ]


class OpenDeadlineIndex:
    """The watcher's view of open deadlines (application.watcher.DeadlineIndex)."""

    def __init__(self, store: ViewStore, batch: int = 1000) -> None:
        self.store = store
        self.batch = batch

    def passed_unmet(self, today: date) -> list[DeadlineRow]:
        with self.store.transaction(write=False) as tx:
            return OpenDeadlines.passed_unmet(tx, today, self.batch)

    def missed_open(self) -> list[DeadlineRow]:
        with self.store.transaction(write=False) as tx:
            return OpenDeadlines.missed_unescalated(tx, self.batch)

    def uncounted(self) -> list[Uncounted]:
        with self.store.transaction(write=False) as tx:
            return PendingDeadlines.listing(tx, Scope.all(), self.batch)
