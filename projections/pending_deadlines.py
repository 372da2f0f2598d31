"""PendingDeadlines: deadlines recorded as counts of working days into a year the calendar
does not cover yet — what waits for which year, until the watcher counts them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from domain.access import Scope
from domain.base import DubanAggregate
from infrastructure.view_store import Tx
from projections.access_index import visible
from projections.tables import MadeByDDL, count_where

_DDL = (
    "CREATE TABLE IF NOT EXISTS pending_deadlines (aggregate_id TEXT NOT NULL,"
    " aggregate_type TEXT NOT NULL, key TEXT NOT NULL, what TEXT NOT NULL, start TEXT NOT NULL,"
    " working_days INTEGER NOT NULL, year INTEGER NOT NULL, PRIMARY KEY (aggregate_id, key))",
)
_COLUMNS = "aggregate_id, aggregate_type, key, what, start, working_days, year"


@dataclass(frozen=True)
class Uncounted:
    aggregate_id: UUID
    aggregate_type: str
    key: str
    what: str
    start: date
    working_days: int
    year: int  # the first year the count reaches that no calendar covered


class PendingDeadlines(MadeByDDL):
    name = "pending_deadlines"
    subscribes = (DubanAggregate.DeadlinePending, DubanAggregate.DeadlineCounted)
    tables = ("pending_deadlines",)
    ddl = _DDL

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        for event in events:
            if isinstance(event, DubanAggregate.DeadlinePending):
                tx.execute(
                    f"INSERT INTO pending_deadlines ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"  # noqa: S608
                    " ON CONFLICT (aggregate_id, key) DO NOTHING",
                    [
                        str(event.originator_id),
                        _kind(source, event.originator_id),
                        event.key,
                        event.what,
                        event.start.isoformat(),
                        event.working_days,
                        event.year,
                    ],
                )
            elif isinstance(event, DubanAggregate.DeadlineCounted):
                tx.execute(
                    "DELETE FROM pending_deadlines WHERE aggregate_id = ? AND key = ?",
                    [str(event.originator_id), event.key],
                )

    @staticmethod
    def listing(tx: Tx, scope: Scope, limit: int = 1000, offset: int = 0) -> list[Uncounted]:
        covered, params = visible(scope, "aggregate_id")
        rows = tx.fetchall(
            f"SELECT {_COLUMNS} FROM pending_deadlines WHERE {covered}"  # noqa: S608
            " ORDER BY year, start, aggregate_id, key LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [
            Uncounted(UUID(r[0]), r[1], r[2], r[3], date.fromisoformat(r[4]), int(r[5]), int(r[6]))
            for r in rows
        ]

    @staticmethod
    def count(tx: Tx, scope: Scope) -> int:
        """How many ``listing`` finds over all its pages."""
        covered, params = visible(scope, "aggregate_id")
        return count_where(tx, "pending_deadlines", [covered], params)


def _kind(source: Application[UUID], aggregate_id: UUID) -> str:
    first = next(iter(source.events.get(aggregate_id, lte=1)), None)
    topic = getattr(first, "originator_topic", "") if first is not None else ""
    return str(topic).rsplit(":", 1)[-1]
