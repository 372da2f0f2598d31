"""The base of read models whose tables are made by a fixed list of DDL statements."""

from __future__ import annotations

from infrastructure.view_store import Tx


class MadeByDDL:
    """Makes the read model's tables (and indexes) from ``ddl``, each statement idempotent."""

    ddl: tuple[str, ...] = ()

    def create_tables(self, tx: Tx) -> None:
        for statement in self.ddl:
            tx.execute(statement)
