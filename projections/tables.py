"""The base of read models whose tables are made by a fixed list of DDL statements, and the
count a page's total is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from infrastructure.view_store import Tx


def count_where(tx: Tx, table: str, clauses: Sequence[str], params: Sequence[Any]) -> int:
    """How many rows of ``table`` match every one of ``clauses`` (fixed SQL with ``?`` marks
    for ``params``): a list's total over all its pages."""
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return int(tx.fetchall(f"SELECT COUNT(*) FROM {table}{where}", list(params))[0][0])  # noqa: S608


class MadeByDDL:
    """Makes the read model's tables (and indexes) from ``ddl``, each statement idempotent."""

    ddl: tuple[str, ...] = ()

    def create_tables(self, tx: Tx) -> None:
        for statement in self.ddl:
            tx.execute(statement)
