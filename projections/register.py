"""A register: one row per aggregate with its current state as a document, plus the columns
its lists filter on. Rows are rebuilt from the aggregate's state at the last event of a batch."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, Generic, TypeVar
from uuid import UUID

import msgspec
from eventsourcing.application import Application

from domain.access import Scope
from domain.base import DubanAggregate
from infrastructure.view_store import Tx
from projections.access_index import visible
from projections.latest import born_alone, born_in, states_at
from projections.tables import count_where

A = TypeVar("A", bound=DubanAggregate)
S = TypeVar("S", bound=msgspec.Struct)


class Register(Generic[A, S]):
    def __init__(
        self,
        name: str,
        aggregate: type[A],
        summary: type[S],
        summarise: Callable[[A], S],
        filters: Mapping[str, Callable[[S], str | None]],
        sort_key: Callable[[S], str],
        unindexed: Collection[str] = (),
        born: tuple[type, Callable[[Any], S]] | None = None,
    ) -> None:
        """``filters`` and ``sort_key`` read a row's columns from its summary, whether the
        summary was made from the aggregate or from an event alone. ``unindexed``: filters
        with too few values for an index to pay for its upkeep (a list filtered by one of
        them walks the sort order and skips what does not match). ``born``: a creation
        event's class and its summary made from the event alone, for an aggregate whose only
        event in a batch is that one (no aggregate is built)."""
        self.name = name
        self.subscribes = (aggregate.Event,)
        self.tables = (name,)
        self.aggregate = aggregate
        self.summary = summary
        self.summarise = summarise
        self.filters = dict(filters)
        self.sort_key = sort_key
        self.unindexed = frozenset(unindexed)
        self.born = born

    def create_tables(self, tx: Tx) -> None:
        columns = "".join(f", {column} TEXT" for column in self.filters)
        tx.execute(
            f"CREATE TABLE IF NOT EXISTS {self.name} (id TEXT PRIMARY KEY,"
            f" sort_key TEXT NOT NULL{columns}, doc TEXT NOT NULL)"
        )
        for column in ("sort_key", *self.filters):
            if column in self.unindexed:
                tx.execute(f"DROP INDEX IF EXISTS {self.name}_{column}")
            else:
                tx.execute(
                    f"CREATE INDEX IF NOT EXISTS {self.name}_{column} ON {self.name} ({column})"
                )

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        born = born_in(events)
        new: list[tuple[str | None, ...]] = []  # no row yet: made in this batch
        changed: list[tuple[str | None, ...]] = []
        if self.born is not None:
            alone, events = born_alone(events, (self.born[0],))
            new += [self._row(event.originator_id, self.born[1](event)) for event in alone]
        for aggregate in states_at(source, events, self.aggregate.Event):
            row = self._row(aggregate.id, self.summarise(aggregate))
            (new if aggregate.id in born else changed).append(row)
        columns = ["id", "sort_key", *self.filters, "doc"]
        if new:
            tx.append(self.name, columns, new)
        if changed:
            tx.upsert(self.name, columns, "id", changed)

    def _row(self, aggregate_id: UUID, summary: S) -> tuple[str | None, ...]:
        """The row in the table's column order: id, sort key, filters, document."""
        return (
            str(aggregate_id),
            self.sort_key(summary),
            *(read(summary) for read in self.filters.values()),
            msgspec.json.encode(summary).decode(),
        )

    def get(self, tx: Tx, aggregate_id: UUID) -> S | None:
        rows = tx.fetchall(f"SELECT doc FROM {self.name} WHERE id = ?", [str(aggregate_id)])  # noqa: S608
        return msgspec.json.decode(rows[0][0], type=self.summary) if rows else None

    def _where(self, where: Mapping[str, str | None], scope: Scope) -> tuple[str, list[Any]]:
        unknown = set(where) - set(self.filters)
        if unknown:
            raise KeyError(f"{self.name} does not filter on {sorted(unknown)}")
        given = {column: value for column, value in where.items() if value is not None}
        covered, params = visible(scope)
        clause = " AND ".join([*(f"{column} = ?" for column in given), covered])
        return clause, [*given.values(), *params]

    def list(
        self,
        tx: Tx,
        where: Mapping[str, str | None],
        *,
        scope: Scope,
        limit: int,
        offset: int,
    ) -> list[S]:
        """Rows matching ``where``, of the items ``scope`` covers, in the register's order."""
        clause, params = self._where(where, scope)
        sql = (
            f"SELECT doc FROM {self.name} WHERE {clause}"  # noqa: S608 - columns are checked names
            " ORDER BY sort_key, id LIMIT ? OFFSET ?"
        )
        rows = tx.fetchall(sql, [*params, limit, offset])
        return [msgspec.json.decode(row[0], type=self.summary) for row in rows]

    def count(self, tx: Tx, where: Mapping[str, str | None], *, scope: Scope) -> int:
        """How many rows ``list`` finds over all its pages."""
        clause, params = self._where(where, scope)
        return count_where(tx, self.name, [clause], params)
