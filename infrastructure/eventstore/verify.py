"""Reading the log and its chain out of either store, to verify or export them, and reading an
exported file back, to verify it with no database at all."""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import IO, Any

import psycopg
from psycopg.sql import SQL, Identifier

from infrastructure.database import DatabaseTarget
from infrastructure.eventstore.chain import ChainRow, EventRow, Verdict, walk

Pair = tuple[EventRow | None, ChainRow | None]
_SQLITE_JOIN = (
    "SELECT e.rowid, e.originator_id, e.originator_version, e.topic, e.state,"
    " c.position, c.originator_id, c.originator_version, c.previous, c.hash"
    " FROM stored_events e FULL OUTER JOIN event_chain c ON c.position = e.rowid"
    " ORDER BY coalesce(e.rowid, c.position)"
)
_POSTGRES_EVENTS = (
    "SELECT notification_id, replace(originator_id::text, '-', ''), originator_version, topic,"
    " state FROM {schema}.duban_events ORDER BY notification_id"
)
_POSTGRES_CHAIN = (
    "SELECT position, originator_id, originator_version, previous, hash"
    " FROM {schema}.duban_event_chain ORDER BY position"
)


def _pair(row: tuple[Any, ...]) -> Pair:
    event = None
    if row[0] is not None:
        oid = row[1].hex if hasattr(row[1], "hex") and not isinstance(row[1], str) else row[1]
        event = EventRow(row[0], oid, row[2], row[3], bytes(row[4]))
    link = None
    if row[5] is not None:
        link = ChainRow(row[5], row[6], row[7], bytes(row[8]), bytes(row[9]))
    return event, link


def read_pairs(target: DatabaseTarget, batch: int = 10_000) -> Iterator[Pair]:
    if target.sqlite_path is not None:
        return _sqlite_pairs(target.sqlite_path, batch)
    return _postgres_pairs(target, batch)


def _sqlite_pairs(path: Path, batch: int) -> Iterator[Pair]:
    with closing(sqlite3.connect(path)) as lite:
        cursor = lite.execute(_SQLITE_JOIN)
        while rows := cursor.fetchmany(batch):
            yield from map(_pair, rows)


def _postgres_pairs(target: DatabaseTarget, batch: int) -> Iterator[Pair]:
    """Both tables stream in their own index order (no sort, binary rows) and merge here."""
    schema = Identifier(target.schema)
    with psycopg.connect(target.conninfo()) as pg, pg.transaction():
        events = pg.cursor(name="duban_verify_events", binary=True)
        links = pg.cursor(name="duban_verify_chain", binary=True)
        for cursor, query in ((events, _POSTGRES_EVENTS), (links, _POSTGRES_CHAIN)):
            cursor.itersize = batch
            cursor.execute(SQL(query).format(schema=schema))
        yield from merge(
            (EventRow._make(row) for row in events), (ChainRow._make(row) for row in links)
        )


def merge(events: Iterator[EventRow], links: Iterator[ChainRow]) -> Iterator[Pair]:
    """Pair events and links on position; either side may lack a position the other has."""
    event, link = next(events, None), next(links, None)
    while event is not None or link is not None:
        if link is None or (event is not None and event.position < link.position):
            yield event, None
            event = next(events, None)
        elif event is None or link.position < event.position:
            yield None, link
            link = next(links, None)
        else:
            yield event, link
            event, link = next(events, None), next(links, None)


def verify_store(target: DatabaseTarget, *, client_side: bool = False) -> Verdict:
    """Walk the chain: on PostgreSQL inside the database unless ``client_side`` is asked for.
    The verdict is the process's chain metrics (duban_chain_intact) from then on."""
    import time

    from infrastructure.metrics import observe_verification

    if target.is_postgres and not client_side:
        from infrastructure.eventstore.verify_sql import verify_in_database

        verdict = verify_in_database(target)
    else:
        verdict = walk(read_pairs(target))
    observe_verification(verdict.intact, verdict.head_position, time.time())
    return verdict


def export_log(target: DatabaseTarget, out: IO[str]) -> int:
    """Write every event with its link as JSON Lines; returns how many were written."""
    written = 0
    for event, link in read_pairs(target):
        record: dict[str, Any] = {"position": (event or link).position}  # type: ignore[union-attr]
        if event is not None:
            record.update(
                originator_id=event.originator_id,
                version=event.version,
                topic=event.topic,
                state=base64.b64encode(event.state).decode(),
            )
        if link is not None:
            record["chain"] = {
                "originator_id": link.originator_id,
                "version": link.version,
                "previous": link.previous.hex(),
                "hash": link.hash.hex(),
            }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    return written


class MalformedExportError(ValueError):
    """A line of an exported log that is not an exported event."""


def read_export(path: Path) -> Iterator[Pair]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                yield _exported(json.loads(line))
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                why = f"{type(error).__name__}: {error}" if isinstance(error, KeyError) else error
                raise MalformedExportError(
                    f"{path}, line {number}: not an exported event ({why})"
                ) from None


def _exported(record: dict[str, Any]) -> Pair:
    event = None
    if "topic" in record:
        event = EventRow(
            record["position"],
            record["originator_id"],
            record["version"],
            record["topic"],
            base64.b64decode(record["state"], validate=True),
        )
    chain, link = record.get("chain"), None
    if chain is not None:
        link = ChainRow(
            record["position"],
            chain["originator_id"],
            chain["version"],
            bytes.fromhex(chain["previous"]),
            bytes.fromhex(chain["hash"]),
        )
    if event is None and link is None:
        raise ValueError("neither an event nor a chain link")
    return event, link


def verify_export(path: Path) -> Verdict:
    return walk(read_export(path))
