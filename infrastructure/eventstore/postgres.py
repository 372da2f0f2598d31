"""eventsourcing's PostgreSQL application recorder, chaining every event it inserts, with the
event and chain tables made append-only by the database itself."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresDatastore,
    PostgresFactory,
    PostgresRecorder,
)
from psycopg import Cursor
from psycopg.errors import DuplicateObject
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composed, Identifier, Literal

from infrastructure.eventstore import command_keys
from infrastructure.eventstore.chain import GENESIS, link_hash
from infrastructure.eventstore.group_commit import GroupCommit
from infrastructure.eventstore.roles import (
    lock_function_ddl,
    owned_by_another_role,
    require_chain_objects,
    take_lock,
)

_APPEND_ONLY = """
CREATE OR REPLACE FUNCTION {schema}.duban_append_only() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$fn$
"""
_TRIGGER = """
CREATE OR REPLACE TRIGGER {name} BEFORE UPDATE OR DELETE ON {schema}.{table}
FOR EACH ROW EXECUTE FUNCTION {schema}.duban_append_only()
"""
_TRUNCATE_TRIGGER = """
CREATE OR REPLACE TRIGGER {name} BEFORE TRUNCATE ON {schema}.{table}
FOR EACH STATEMENT EXECUTE FUNCTION {schema}.duban_append_only()
"""
# A trigger's name is its table's own: two fixed short names cannot collide, where the table's
# name plus a suffix, cut at PostgreSQL's 63 bytes, made one trigger replace the other.
TRIGGERS = (("duban_append_only", _TRIGGER), ("duban_no_truncate", _TRUNCATE_TRIGGER))
_OLD_TRIGGER = "DROP TRIGGER IF EXISTS {name} ON {schema}.{table}"  # named after the table
MAX_IDENTIFIER = 63  # bytes; PostgreSQL cuts longer names


def beside(events_table: str, suffix: str) -> str:
    """The name of a table beside an events table (its chain, its command keys), kept under
    PostgreSQL's limit, past which two names could be cut to one."""
    name = events_table.removesuffix("_events") + suffix
    if len(name.encode()) <= MAX_IDENTIFIER:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    return name.encode()[: MAX_IDENTIFIER - 13].decode(errors="ignore") + "_" + digest


def ddl_lock(schema: str, *, shared: bool = False) -> Composed:
    """The advisory lock a schema's tables are made under, held to the end of the transaction;
    the read models' tables are made under it too. ``shared``: what a read-model worker's
    batch takes, so that tables are never being made (indexes taken, positions locked one read
    model at a time) while it locks every position and writes: the two deadlocked."""
    key = Literal(f"duban ddl {schema}")
    function = SQL("pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock")
    return SQL("SELECT {function}(hashtext({key}))").format(function=function, key=key)


class _MadeUnderLock(PostgresRecorder):
    events_table_name: str

    def create_table(self) -> None:
        """The library's, in one transaction that first takes the schema's DDL lock: processes
        starting together on a new schema would otherwise collide in the catalogue
        (``CREATE … IF NOT EXISTS`` is not safe against itself) or deadlock on the triggers.
        A type that exists already is passed over at a savepoint, as the library does."""
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(ddl_lock(self.datastore.schema), prepare=False)
            if owned_by_another_role(curs, self.datastore.schema, self.events_table_name):
                self._check_made(curs)  # the owner made them (duban db init): least privilege
            else:
                for statement in self.sql_create_statements:
                    if "CREATE TYPE" in statement.as_string():
                        with suppress(DuplicateObject), curs.connection.transaction():
                            curs.execute(statement, prepare=False)
                self._create_table(curs)
        self.datastore.register_type_adapters()

    def _check_made(self, curs: Cursor[DictRow]) -> None:
        """What must stand when another role made the tables (nothing, for snapshots)."""


class LockedPostgresAggregateRecorder(_MadeUnderLock, PostgresAggregateRecorder):
    """The library's recorder (snapshots), its tables made under the schema's DDL lock."""


class DubanPostgresFactory(PostgresFactory):
    """The library's PostgreSQL persistence, with the snapshot recorder above."""

    aggregate_recorder_class = LockedPostgresAggregateRecorder


class ChainedPostgresApplicationRecorder(_MadeUnderLock, PostgresApplicationRecorder):
    """Writes the links after the insert, inside the transaction that holds the library's
    EXCLUSIVE table lock, so links are made in the same order as positions are issued."""

    def __init__(self, datastore: PostgresDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        self.chain_table = beside(events_table_name, "_event_chain")
        self.keys_table = beside(events_table_name, "_command_keys")
        schema, chain = Identifier(datastore.schema), Identifier(self.chain_table)
        keys = Identifier(self.keys_table)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {schema}.{chain} (position BIGINT PRIMARY KEY,"
                " originator_id TEXT NOT NULL, originator_version BIGINT NOT NULL,"
                " previous BYTEA NOT NULL, hash BYTEA NOT NULL)"
            ).format(schema=schema, chain=chain)
        )
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {schema}.{keys} (principal TEXT NOT NULL,"
                " key TEXT NOT NULL, fingerprint TEXT NOT NULL, operation TEXT NOT NULL,"
                " aggregate_id TEXT NOT NULL, version BIGINT NOT NULL,"
                " PRIMARY KEY (principal, key))"
            ).format(schema=schema, keys=keys)
        )
        self.sql_create_statements.append(SQL(_APPEND_ONLY).format(schema=schema))
        for table in (events_table_name, self.chain_table, self.keys_table):
            for name, template in TRIGGERS:
                self.sql_create_statements.append(
                    SQL(template).format(
                        name=Identifier(name), schema=schema, table=Identifier(table)
                    )
                )
            for suffix in ("append_only", "no_truncate"):  # as releases before named them
                self.sql_create_statements.append(
                    SQL(_OLD_TRIGGER).format(
                        name=Identifier(f"{table}_{suffix}"), schema=schema, table=Identifier(table)
                    )
                )
        self.sql_create_statements.extend(lock_function_ddl(datastore.schema, events_table_name))
        # the lock, taken by a function of the owner's: an application role may not LOCK
        self.lock_table_statements[-1] = take_lock(datastore.schema, events_table_name)
        self._select_head = SQL(
            "SELECT hash FROM {schema}.{chain} ORDER BY position DESC LIMIT 1"
        ).format(schema=schema, chain=chain)
        self._head = threading.local()
        self._group = GroupCommit(self._insert_keyed)
        self._insert_keys = SQL("INSERT INTO {schema}.{keys} ({columns}) VALUES ({values})").format(
            schema=schema,
            keys=keys,
            columns=SQL(command_keys.COLUMNS),
            values=SQL(", ".join(["%s"] * 6)),
        )
        self._select_key = SQL(
            "SELECT {columns} FROM {schema}.{keys} WHERE principal = %s AND key = %s"
        ).format(schema=schema, keys=keys, columns=SQL(command_keys.COLUMNS))
        self._insert_links = SQL("INSERT INTO {schema}.{chain} VALUES (%s, %s, %s, %s, %s)").format(
            schema=schema, chain=chain
        )
        events = Identifier(events_table_name)
        self._next_positions = SQL(
            "SELECT nextval(pg_get_serial_sequence({qualified}, 'notification_id'))"
            " FROM generate_series(1, %s)"
        ).format(qualified=Literal(f"{datastore.schema}.{events_table_name}"))
        self._copy_events = SQL(
            "COPY {schema}.{events} (originator_id, originator_version, topic, state,"
            " notification_id) FROM STDIN (FORMAT BINARY)"
        ).format(schema=schema, events=events)
        self._copy_links = SQL("COPY {schema}.{chain} FROM STDIN (FORMAT BINARY)").format(
            schema=schema, chain=chain
        )

    def _check_made(self, curs: Cursor[DictRow]) -> None:
        require_chain_objects(
            curs, self.datastore.schema, (self.events_table_name, self.chain_table, self.keys_table)
        )

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """Concurrent saves are committed together (see group_commit), each with its
        command's idempotency key, if it carries one."""
        keys = command_keys.keys_of(kwargs)
        if any(value is not None for value in kwargs.values()):
            # a tracking record (a process application's): the library's own path, alone
            alone: Sequence[int] | None = super().insert_events(
                stored_events, command_keys=keys, **kwargs
            )
            return alone
        return self._group.insert(stored_events, keys)

    def _insert_keyed(
        self, stored_events: Sequence[StoredEvent], keys: Sequence[Any]
    ) -> Sequence[int] | None:
        inserted: Sequence[int] | None = super().insert_events(stored_events, command_keys=keys)
        return inserted

    def recorded_command(self, principal: str, key: str) -> command_keys.RecordedCommand | None:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            row = curs.execute(self._select_key, (principal, key)).fetchone()
        return command_keys.RecordedCommand(**row) if row else None

    def _insert_stored_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        # The library's own steps — table lock, notify, insert — with the chain's head read
        # in between, on a cursor of its own, so it travels in the same pipeline round trip.
        self._lock_table(curs)
        self._notify_channel(curs)
        head = curs.connection.cursor()
        head.execute(self._select_head, prepare=True)
        self._head.cursor = head
        PostgresAggregateRecorder._insert_stored_events(self, curs, stored_events, **kwargs)

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        head, self._head.cursor = self._head.cursor, None
        row = head.fetchone()
        head.close()
        if not positions:
            return positions
        previous = bytes(row["hash"]) if row else GENESIS
        links = []
        for event, position in sorted(zip(stored_events, positions, strict=True), key=_second):
            oid = _hex(event.originator_id)
            digest = link_hash(
                previous, position, oid, event.originator_version, event.topic, event.state
            )
            links.append((position, oid, event.originator_version, previous, digest))
            previous = digest
        if len(links) == 1:  # most saves: one prepared statement, without executemany's set-up
            curs.execute(self._insert_links, links[0], prepare=True)
        else:
            curs.executemany(self._insert_links, links)
        keyed = command_keys.rows(kwargs.get("command_keys") or ())
        if keyed:
            curs.executemany(self._insert_keys, keyed)
        return positions

    def insert_events_in_bulk(self, stored_events: Iterable[StoredEvent], count: int) -> list[int]:
        """Append a large batch in one transaction with COPY instead of row inserts: the same
        table lock, the same positions from the table's own sequence, the same links, and the
        same primary key refusing a version that already exists (IntegrityError, nothing
        kept). For imports; a command's save goes through ``insert_events``. The events are
        taken lazily, so the database stores one part while the next is being encoded."""
        if not count:
            return []
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._lock_table(curs)
            self._notify_channel(curs)
            row = curs.execute(self._select_head).fetchone()
            previous = bytes(row["hash"]) if row else GENESIS
            curs.execute(self._next_positions, [count])
            positions = sorted(int(r["nextval"]) for r in curs.fetchall())
            links = []
            with curs.copy(self._copy_events) as copy:
                copy.set_types(["uuid", "int8", "text", "bytea", "int8"])
                for event, position in zip(stored_events, positions, strict=True):
                    oid = _hex(event.originator_id)
                    version = event.originator_version
                    copy.write_row(
                        (event.originator_id, version, event.topic, event.state, position)
                    )
                    digest = link_hash(previous, position, oid, version, event.topic, event.state)
                    links.append((position, oid, version, previous, digest))
                    previous = digest
            with curs.copy(self._copy_links) as copy:
                copy.set_types(["int8", "text", "int8", "bytea", "bytea"])
                for link in links:
                    copy.write_row(link)
        return positions


def _second(pair: tuple[StoredEvent, int]) -> int:
    return pair[1]


def _hex(originator_id: UUID | str) -> str:
    return originator_id.hex if isinstance(originator_id, UUID) else originator_id
