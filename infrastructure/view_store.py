"""Read-model tables beside the events, on the same SQLite file or PostgreSQL database.

Statements are written once with ``?`` placeholders; the PostgreSQL side turns them into
``%s``. Each projection records how far it has read in ``projection_positions``, in the same
transaction as its rows, so a crash can neither apply an event twice nor skip one.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from infrastructure.database import DatabaseTarget

if TYPE_CHECKING:  # loaded on a PostgreSQL store only: a command on SQLite starts faster
    import psycopg
    from psycopg_pool import ConnectionPool

Row = tuple[Any, ...]


class Tx(Protocol):
    """The slice of a transaction a read model uses."""

    dialect: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def append(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Insert new rows; a row that is already there is an error, never silently kept."""
        ...

    def upsert(self, table: str, columns: Sequence[str], key: str, rows: Sequence[Row]) -> None:
        """Insert rows, or replace the other columns of the row with the same ``key``."""
        ...

    def delete_in(self, table: str, column: str, values: Sequence[Any]) -> None:
        """Delete the rows whose ``column`` is one of ``values``."""
        ...

    def lock_ddl(self, *, shared: bool = False) -> None:
        """Make tables one process at a time, to the end of this transaction; ``shared``: no
        process makes tables meanwhile, while others that take it shared go on."""
        ...

    def savepoint(self) -> AbstractContextManager[None]:
        """A part of the transaction that an exception undoes alone, then re-raises."""
        ...


_savepoints = itertools.count(1)


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608


def _on_conflict(columns: Sequence[str], key: str) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
    return f" ON CONFLICT ({key}) DO UPDATE SET {updates}"


class _SQLiteTx:
    dialect = "sqlite"

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._connection.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._connection.executemany(sql, [tuple(row) for row in rows])

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self._connection.execute(sql, tuple(params)).fetchall())

    def append(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        self._connection.executemany(_insert(table, columns), rows)

    def upsert(self, table: str, columns: Sequence[str], key: str, rows: Sequence[Row]) -> None:
        self._connection.executemany(_insert(table, columns) + _on_conflict(columns, key), rows)

    def delete_in(self, table: str, column: str, values: Sequence[Any]) -> None:
        self._connection.executemany(
            f"DELETE FROM {table} WHERE {column} = ?",  # noqa: S608 - fixed names
            [(value,) for value in values],
        )

    def lock_ddl(self, *, shared: bool = False) -> None:
        """SQLite's write lock, taken at BEGIN IMMEDIATE, already lets one writer in."""

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        name = f"duban_{next(_savepoints)}"
        self._connection.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._connection.execute(f"ROLLBACK TO {name}")
            self._connection.execute(f"RELEASE {name}")
            raise
        self._connection.execute(f"RELEASE {name}")


class _PostgresTx:
    dialect = "postgres"

    def __init__(self, connection: psycopg.Connection[Any], schema: str) -> None:
        self._connection = connection
        self._schema = schema

    @staticmethod
    def _sql(sql: str) -> bytes:
        return sql.replace("?", "%s").encode()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._connection.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._connection.cursor() as cursor:
            cursor.executemany(self._sql(sql), [tuple(row) for row in rows])

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self._connection.execute(self._sql(sql), tuple(params)).fetchall())

    def append(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """COPY: the server takes a batch of rows as one stream, several times faster than
        one INSERT per row even when pipelined."""
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with self._connection.cursor() as cursor, cursor.copy(statement.encode()) as copy:
            for row in rows:
                copy.write_row(row)

    def upsert(self, table: str, columns: Sequence[str], key: str, rows: Sequence[Row]) -> None:
        """COPY into a session's staging table shaped like ``table``, then one INSERT from it."""
        stage = f"stage_{table}"
        self._connection.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table}) ON COMMIT DELETE ROWS".encode()
        )
        self.append(stage, columns, rows)
        names = ", ".join(columns)
        self._connection.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {stage}".encode()  # noqa: S608
            + _on_conflict(columns, key).encode()
        )
        # emptied at once, not only at commit: rows applied event by event (at savepoints,
        # in one transaction) would otherwise meet the previous event's rows again
        self._connection.execute(f"DELETE FROM {stage}".encode())  # noqa: S608

    def delete_in(self, table: str, column: str, values: Sequence[Any]) -> None:
        self._connection.execute(
            f"DELETE FROM {table} WHERE {column} = ANY(%s)".encode(),  # noqa: S608 - fixed names
            [list(values)],
        )

    def lock_ddl(self, *, shared: bool = False) -> None:
        """The lock the event store's recorder makes its tables under."""
        from infrastructure.eventstore.postgres import ddl_lock

        self._connection.execute(ddl_lock(self._schema, shared=shared))

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        with self._connection.transaction():  # nested: a savepoint
            yield


class ViewStore:
    def __init__(self, target: DatabaseTarget, pool_size: int = 10) -> None:
        self.target = target
        self._local = threading.local()
        self._pool: ConnectionPool[psycopg.Connection[Any]] | None = None
        if target.is_postgres:
            from psycopg_pool import ConnectionPool

            self._pool = ConnectionPool(
                target.conninfo(),
                min_size=1,
                max_size=pool_size,
                kwargs={"options": f"-c search_path={target.schema}"},
                open=True,
            )

    @property
    def dialect(self) -> str:
        return "postgres" if self._pool is not None else "sqlite"

    def _sqlite(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            assert self.target.sqlite_path is not None
            self.target.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(
                self.target.sqlite_path, timeout=30, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            self._local.connection = connection
        return connection

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Tx]:
        if self._pool is not None:
            with self._pool.connection() as pg, pg.transaction():
                yield _PostgresTx(pg, self.target.schema)
            return
        connection = self._sqlite()
        # IMMEDIATE takes the write lock up front, so two writers serialise instead of
        # failing at commit; readers use a plain deferred transaction.
        connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield _SQLiteTx(connection)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
