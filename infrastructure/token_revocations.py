"""Revoked tokens: one token by its id, or every token of a subject issued before a moment.
A revoked token is refused from the next request on; the revocation says who and why."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from infrastructure.view_store import Tx, ViewStore

DDL = (
    "CREATE TABLE IF NOT EXISTS token_revocations (subject TEXT NOT NULL, token_id TEXT,"
    " issued_before TEXT, revoked_at TEXT NOT NULL, revoked_by TEXT NOT NULL,"
    " reason TEXT NOT NULL)"
)
INDEX = "CREATE INDEX IF NOT EXISTS token_revocations_subject ON token_revocations (subject)"


def revoke(
    store: ViewStore,
    *,
    subject: str,
    token_id: str | None,
    by: str,
    reason: str,
    now: datetime | None = None,
) -> None:
    """``token_id`` None: every token of ``subject`` issued up to now."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).isoformat()
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO token_revocations (subject, token_id, issued_before, revoked_at,"
            " revoked_by, reason) VALUES (?, ?, ?, ?, ?, ?)",
            [subject, token_id, None if token_id else moment, moment, by, reason],
        )


def revoked(store: ViewStore, subject: str, token_id: str, issued_at: datetime) -> bool:
    with store.transaction(write=False) as tx:
        return revoked_in(tx, subject, token_id, issued_at)


def revoked_in(tx: Tx, subject: str, token_id: str, issued_at: datetime) -> bool:
    """The same, in a transaction the caller holds (the request's one read of the views)."""
    issued = issued_at.astimezone(UTC).isoformat()
    rows: list[Any] = tx.fetchall(
        "SELECT 1 FROM token_revocations WHERE subject = ?"
        " AND (token_id = ? OR (token_id IS NULL AND issued_before >= ?)) LIMIT 1",
        [subject, token_id, issued],
    )
    return bool(rows)
