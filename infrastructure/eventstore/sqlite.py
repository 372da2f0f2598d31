"""eventsourcing's SQLite application recorder, chaining every event it inserts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from infrastructure.eventstore import command_keys
from infrastructure.eventstore.chain import GENESIS, link_hash
from infrastructure.metrics import observe_commit

CHAIN_TABLE = "event_chain"
KEYS_TABLE = "command_keys"
_SELECT_HEAD = "SELECT hash FROM event_chain WHERE position < ? ORDER BY position DESC LIMIT 1"
_INSERT_LINKS = "INSERT INTO event_chain VALUES (?, ?, ?, ?, ?)"
_INSERT_KEY = f"INSERT INTO command_keys ({command_keys.COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"  # noqa: S608
_SELECT_KEY = f"SELECT {command_keys.COLUMNS} FROM command_keys WHERE principal = ? AND key = ?"  # noqa: S608


class ChainedSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    """Writes each event's link in the insert's own transaction, after the insert has taken
    the database's write lock, so the previous link it reads is the last one committed."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} (position INTEGER PRIMARY KEY,"
            " originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL,"
            " previous BLOB NOT NULL, hash BLOB NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {KEYS_TABLE} (principal TEXT NOT NULL,"
            " key TEXT NOT NULL, fingerprint TEXT NOT NULL, operation TEXT NOT NULL,"
            " aggregate_id TEXT NOT NULL, version INTEGER NOT NULL,"
            " PRIMARY KEY (principal, key))",
            *(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table}"
                f" BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END"
                for table in (self.events_table_name, CHAIN_TABLE, KEYS_TABLE)
                for op in ("UPDATE", "DELETE")
            ),
        ]

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """One save, one commit: the commit-size metric counts each as a group of one."""
        positions = self._insert_alone(stored_events, **kwargs)
        observe_commit(1)
        return positions

    def _insert_alone(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        inserted: Sequence[int] | None = super().insert_events(stored_events, **kwargs)
        return inserted

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        keyed = command_keys.rows(command_keys.keys_of(kwargs))
        positions = super()._insert_events(c, stored_events, **kwargs)
        if not positions:
            return positions
        c.execute(_SELECT_HEAD, (positions[0],))
        row = c.fetchone()
        previous = bytes(row[0]) if row else GENESIS
        links = []
        for event, position in zip(stored_events, positions, strict=True):
            oid = _hex(event.originator_id)
            digest = link_hash(
                previous, position, oid, event.originator_version, event.topic, event.state
            )
            links.append((position, oid, event.originator_version, previous, digest))
            previous = digest
        c.executemany(_INSERT_LINKS, links)
        if keyed:
            c.executemany(_INSERT_KEY, keyed)
        return positions

    def recorded_command(self, principal: str, key: str) -> command_keys.RecordedCommand | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(_SELECT_KEY, (principal, key))
            row = c.fetchone()
        return command_keys.RecordedCommand(*row) if row else None

    def insert_events_in_bulk(self, stored_events: Iterable[StoredEvent], count: int) -> list[int]:
        """The import path: SQLite's row inserts are already one transaction per batch."""
        events = list(stored_events)
        assert len(events) == count, f"{len(events)} events given, {count} announced"
        return list(self._insert_alone(events) or [])  # an import, not a command


def _hex(originator_id: UUID | str) -> str:
    return originator_id.hex if isinstance(originator_id, UUID) else originator_id
