"""The access log's table: every refusal, and every read of history, audit data or exports by
an inspector, with who, when and what — kept beside the read models for supervision to query."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import structlog

from infrastructure.view_store import ViewStore

log = structlog.get_logger("duban.access")
DDL = (
    "CREATE TABLE IF NOT EXISTS access_log (at TEXT NOT NULL, subject TEXT NOT NULL,"
    " name TEXT NOT NULL, role TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,"
    " status INTEGER NOT NULL, note TEXT NOT NULL)"
)
COLUMNS = ("at", "subject", "name", "role", "method", "path", "status", "note")


def record(
    store: ViewStore,
    who: tuple[str, str, str] | None,
    method: str,
    path: str,
    status: int,
    note: str,
) -> None:
    """``who``: the subject, name and role of the caller, or None for an anonymous one."""
    subject, name, role = who or ("(anonymous)", "", "")
    log.info("access", subject=subject, method=method, path=path, status=status, note=note)
    with store.transaction() as tx:
        tx.execute(
            f"INSERT INTO access_log ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            [datetime.now(UTC).isoformat(), subject, name, role, method, path, status, note],
        )


def entries(
    store: ViewStore, subject: str | None, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    return page(store, subject, limit, offset)[0]


def page(
    store: ViewStore, subject: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """The entries (of a subject, or all), newest first, from ``offset``; and how many there
    are in all."""
    with store.transaction(write=False) as tx:
        rows = tx.fetchall(
            f"SELECT {', '.join(COLUMNS)} FROM access_log"  # noqa: S608
            f" WHERE {_OF_SUBJECT} ORDER BY {_NEWEST_FIRST} LIMIT ? OFFSET ?",
            [subject, subject, limit, offset],
        )
        total = tx.fetchall(
            f"SELECT COUNT(*) FROM access_log WHERE {_OF_SUBJECT}",  # noqa: S608
            [subject, subject],
        )
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows], int(total[0][0])


_OF_SUBJECT = "(CAST(? AS TEXT) IS NULL OR subject = ?)"
_NEWEST_FIRST = "at DESC, subject, method, path, status, note"  # ties in a fixed order


def refusals_since(store: ViewStore, subject: str, path: str, since: datetime) -> int:
    """How many answers to ``subject`` on ``path`` were refusals (4xx) since ``since``."""
    with store.transaction(write=False) as tx:
        rows = tx.fetchall(
            "SELECT COUNT(*) FROM access_log WHERE subject = ? AND path = ? AND status >= 400"
            " AND at > ?",
            [subject, path, since.astimezone(UTC).isoformat()],
        )
    return int(rows[0][0])
