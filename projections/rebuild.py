"""Rebuilding one read model from the start into shadow tables, swapped in when caught up.

While the shadow fills, queries keep answering from the live tables and the live runner keeps
them current. The swap is one transaction: it takes the read model's position lock, applies
the last events to the shadow, drops the live tables, renames the shadow ones and moves the
position — so readers see the old rows or the new ones, never a mix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from infrastructure.view_store import Row, Tx, ViewStore
from projections import failures
from projections.runner import ReadModel, read_position
from projections.subscriptions import subscription, topics_of

SHADOW = "__shadow"


class ShadowTx:
    """A transaction in which the read model's tables are their shadows."""

    def __init__(self, tx: Tx, tables: Sequence[str]) -> None:
        self.dialect = tx.dialect
        self._tx = tx
        self._tables = frozenset(tables)
        self._pattern = re.compile(r"\b(" + "|".join(map(re.escape, tables)) + r")\b")

    def _sql(self, sql: str) -> str:
        return self._pattern.sub(lambda m: m.group(1) + SHADOW, sql)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._tx.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._tx.executemany(self._sql(sql), rows)

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._tx.fetchall(self._sql(sql), params)

    def _table(self, table: str) -> str:
        return table + SHADOW if table in self._tables else table

    def append(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        self._tx.append(self._table(table), columns, rows)

    def upsert(self, table: str, columns: Sequence[str], key: str, rows: Sequence[Row]) -> None:
        self._tx.upsert(self._table(table), columns, key, rows)

    def delete_in(self, table: str, column: str, values: Sequence[Any]) -> None:
        self._tx.delete_in(self._table(table), column, values)

    def lock_ddl(self, *, shared: bool = False) -> None:
        self._tx.lock_ddl(shared=shared)

    def savepoint(self) -> AbstractContextManager[None]:
        return self._tx.savepoint()


def rebuild(
    source: Application[UUID],
    store: ViewStore,
    model: ReadModel,
    tables: Sequence[str],
    *,
    batch_size: int = 2000,  # as the runner's: fewer round trips, no slower a row
    progress: Callable[[int, int], object] = lambda done, total: None,
) -> int:
    """Rebuild ``model`` (whose tables are ``tables``); returns the position swapped in."""
    with store.transaction() as tx:
        tx.lock_ddl()
        for table in tables:
            tx.execute(f"DROP TABLE IF EXISTS {table}{SHADOW}")
        model.create_tables(ShadowTx(tx, tables))
    position = 0
    while True:
        head = source.recorder.max_notification_id() or 0
        if head - position <= batch_size:
            break
        with store.transaction() as tx:
            position = _apply(source, ShadowTx(tx, tables), model, position, batch_size, head)
        progress(position, head)
    with store.transaction() as tx:
        tx.lock_ddl()  # tables dropped and renamed: no worker's batch in flight (runner.py)
        read_position(tx, model.name, lock=True)  # hold off the live runner during the swap
        shadow = ShadowTx(tx, tables)
        head = source.recorder.max_notification_id() or 0
        while position < head:
            position = _apply(source, shadow, model, position, batch_size, head)
        for table in tables:
            tx.execute(f"DROP TABLE {table}")
            tx.execute(f"ALTER TABLE {table}{SHADOW} RENAME TO {table}")
        model.create_tables(tx)  # indexes named after the live table come back on it
        tx.execute(
            "UPDATE projection_positions SET position = ? WHERE name = ?", [position, model.name]
        )
        failures.clear(tx, model.name)  # made afresh, past whatever stopped it
    progress(position, position)
    return position


def _apply(
    source: Application[UUID], tx: Tx, model: ReadModel, position: int, limit: int, head: int
) -> int:
    """The next batch up to ``head`` applied; the position reached. Only the events the read
    model subscribes to are read (projections/subscriptions.py)."""
    wanted = subscription(model)
    topics = topics_of(wanted) if wanted is not None else []
    notifications = source.recorder.select_notifications(
        start=position + 1, limit=limit, stop=head, topics=topics
    )
    if notifications:
        events = [source.mapper.to_domain_event(n) for n in notifications]
        model.handle(tx, events, source, [n.id for n in notifications])
    if len(notifications) < limit:
        return max(position, head)  # nothing else up to the head
    return int(notifications[-1].id)
