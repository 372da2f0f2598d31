"""The idempotency keys' table: each key's request fingerprint and, once answered, the answer,
so a retry with the same key is answered once, across restarts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from infrastructure.view_store import ViewStore

DDL = (
    "CREATE TABLE IF NOT EXISTS idempotency_keys (key TEXT NOT NULL, caller TEXT NOT NULL,"
    " request TEXT NOT NULL, owner TEXT NOT NULL, status INTEGER, headers TEXT, body BYTEA,"
    " created TEXT NOT NULL, PRIMARY KEY (key, caller))"
)


def claim(
    store: ViewStore, key: str, caller: str, request: str
) -> tuple[bool, tuple[Any, ...] | None]:
    """Try to become the one request that runs for this key; the row says who won."""
    owner = uuid4().hex
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO idempotency_keys (key, caller, request, owner, created)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key, caller) DO NOTHING",
            [key, caller, request, owner, datetime.now(UTC).isoformat()],
        )
        rows = tx.fetchall(
            "SELECT request, status, headers, body, owner FROM idempotency_keys"
            " WHERE key = ? AND caller = ?",
            [key, caller],
        )
    row = tuple(rows[0]) if rows else None
    return row is not None and row[4] == owner, row


def finish(
    store: ViewStore, key: str, caller: str, answer: tuple[int, list[Any], bytes] | None
) -> None:
    with store.transaction() as tx:
        if answer is None or answer[0] >= 500:  # a failure of ours: let the retry run again
            tx.execute("DELETE FROM idempotency_keys WHERE key = ? AND caller = ?", [key, caller])
            return
        status, headers, body = answer
        encoded = json.dumps([[k.decode("latin-1"), v.decode("latin-1")] for k, v in headers])
        tx.execute(
            "UPDATE idempotency_keys SET status = ?, headers = ?, body = ?"
            " WHERE key = ? AND caller = ?",
            [status, encoded, body, key, caller],
        )
