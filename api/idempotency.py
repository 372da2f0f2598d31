"""Idempotent commands: a POST carrying an Idempotency-Key is answered once; a retry with the
same key (and the same token and body) gets the first answer back and records nothing new —
across restarts, since the answers are kept in the database. A retry that arrives while the
first is still running waits for its answer; the same key with another body is refused."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from anyio import to_thread
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from projections.view_store import ViewStore

DDL = (
    "CREATE TABLE IF NOT EXISTS idempotency_keys (key TEXT NOT NULL, caller TEXT NOT NULL,"
    " request TEXT NOT NULL, owner TEXT NOT NULL, status INTEGER, headers TEXT, body BYTEA,"
    " created TEXT NOT NULL, PRIMARY KEY (key, caller))"
)
WAIT_SECONDS = 10.0


def _problem(status: int, rule: str, detail: str) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    body = json.dumps(
        {
            "type": f"https://duban.example/problems/{rule}",
            "title": "Idempotency",
            "status": status,
            "detail": detail,
            "rule": rule,
        }
    ).encode()
    return status, [(b"content-type", b"application/problem+json")], body


def _claim(
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


def _finish(
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


def _stored(store: ViewStore, key: str, caller: str, request: str) -> tuple[int, list[Any], bytes]:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        _, row = _claim(store, key, caller, request)
        if row is None:
            return _problem(409, "idempotency-key-in-progress", "try again")
        if row[0] != request:
            return _problem(422, "idempotency-key-reused", "this key was used for another request")
        if row[1] is not None:
            headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in json.loads(row[2])]
            return int(row[1]), [*headers, (b"idempotent-replayed", b"true")], bytes(row[3])
        if time.monotonic() > deadline:
            return _problem(
                409, "idempotency-key-in-progress", "the first request is still running"
            )
        time.sleep(0.05)


def idempotency_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        key = headers.get(b"idempotency-key", b"").decode("latin-1")
        if scope["type"] != ScopeType.HTTP or scope.get("method") != "POST" or not key:
            await app(scope, receive, send)
            return
        body = await _read_body(receive)
        caller = hashlib.sha256(headers.get(b"authorization", b"")).hexdigest()[:32]
        request = hashlib.sha256(scope["path"].encode() + b"\0" + body).hexdigest()
        store: ViewStore = scope["app"].state.services.views
        key = key[:200]
        mine, _ = await to_thread.run_sync(_claim, store, key, caller, request)
        if not mine:  # database work runs off the event loop: a retry may wait for the first
            await _send(send, await to_thread.run_sync(_stored, store, key, caller, request))
            return
        answer: dict[str, Any] = {"headers": [], "body": b""}

        async def replay() -> Any:
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"], answer["headers"] = (
                    message["status"],
                    list(message.get("headers", [])),
                )
            elif message["type"] == "http.response.body":
                answer["body"] += message.get("body", b"")
            await send(message)

        try:
            await app(scope, replay, capture)
        finally:
            done = (
                (answer["status"], answer["headers"], answer["body"])
                if "status" in answer
                else None
            )
            await to_thread.run_sync(_finish, store, key, caller, done)

    return middleware


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message: Any = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _send(send: Send, answer: tuple[int, list[Any], bytes]) -> None:
    status, headers, body = answer
    start: Any = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    end: Any = {"type": "http.response.body", "body": body, "more_body": False}
    await send(end)
