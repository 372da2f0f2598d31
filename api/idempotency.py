"""Idempotent commands: a POST carrying an Idempotency-Key is answered once; a retry with the
same key (and the same token and body) gets the first answer back and records nothing new —
across restarts, since the answers are kept in the database. A retry that arrives while the
first is still running waits for its answer; the same key with another body is refused."""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from anyio import to_thread
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from infrastructure import idempotency
from infrastructure.view_store import ViewStore

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


def _stored(store: ViewStore, key: str, caller: str, request: str) -> tuple[int, list[Any], bytes]:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        _, row = idempotency.claim(store, key, caller, request)
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
        mine, _ = await to_thread.run_sync(idempotency.claim, store, key, caller, request)
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
            await to_thread.run_sync(idempotency.finish, store, key, caller, done)

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
