"""Idempotent commands: a POST carrying an ``Idempotency-Key`` is recorded once per principal.

The key, the principal and a fingerprint of the request are saved by the event store in the
same transaction as the command's events (application.context.CommandKey), so there is no
state "in progress" to get stuck in: a retry of a command that was recorded — even one whose
answer never left the server — gets that command's answer again (``Idempotent-Replayed:
true``), rebuilt from the item as the command left it; two racing requests with one key
record once (the second fails on the key and is answered like a retry); the same key with
another request is refused (422); and one principal's key never answers another's.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from uuid import UUID

from anyio import to_thread
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import PROBLEM_JSON, document
from api.resources import answer_again
from application.context import CommandKey
from bootstrap.services import Services
from domain.access import Principal
from domain.base import DubanAggregate

MAX_KEY = 200


def _problem(status: int, rule: str, detail: str, path: str) -> tuple[int, list[Any], bytes]:
    body = json.dumps(document(status, rule, "Idempotency", detail, path)).encode()
    return status, [(b"content-type", PROBLEM_JSON.encode())], body


def _replay(
    services: Services, owner: str, key: str, fingerprint: str, status: int, path: str
) -> tuple[int, list[Any], bytes] | None:
    """The recorded command's answer, or None when no command was recorded under the key."""
    found = services.office.recorder.recorded_command(owner, key)  # type: ignore[attr-defined]
    if found is None:
        return None
    if found.fingerprint != fingerprint:
        return _problem(
            422, "idempotency-key-reused", "this key was used for another request", path
        )
    aggregate: DubanAggregate = services.office.repository.get(
        UUID(found.aggregate_id), version=found.version
    )
    body = answer_again(found.operation, aggregate)
    # the log's head: at or past the position the first answer gave, so reading at it is safe
    head = str(services.office.recorder.max_notification_id() or 0).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"idempotent-replayed", b"true"),
        (b"duban-position", head),
    ]
    return status, headers, body


def idempotency_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        key = headers.get(b"idempotency-key", b"").decode("latin-1").strip()
        principal: Principal | None = scope.get("user")
        keyed = scope["type"] == ScopeType.HTTP and scope.get("method") == "POST" and key
        if not keyed or principal is None:  # (unauthenticated: refused, nothing to key)
            await app(scope, receive, send)
            return
        path = str(scope["path"])
        if len(key) > MAX_KEY:
            await _send(send, _problem(400, "idempotency-key-too-long", f"at most {MAX_KEY}", path))
            return
        limit = scope["app"].request_max_body_size
        body = await _read_body(receive, limit if isinstance(limit, int) else None)
        if body is None:
            await _send(send, _problem(413, "http-413", "the request body is too large", path))
            return
        handler = scope["route_handler"]
        status = int(getattr(handler, "status_code", None) or 200)
        operation = str(getattr(handler, "operation_id", "") or "")
        fingerprint = hashlib.sha256(scope["path"].encode() + b"\0" + body).hexdigest()
        services: Services = scope["app"].state.services
        owner = principal.keys_owner
        args = (services, owner, key, fingerprint, status, path)
        replayed = await to_thread.run_sync(_replay, *args)
        if replayed is not None:
            await _send(send, replayed)
            return
        scope.setdefault("state", {})["command_key"] = CommandKey(
            owner, key, fingerprint, operation
        )
        answer = await _run(app, scope, body)
        if answer[0] >= 400:  # lost a race for the key? then the winner's answer is ours
            winner = await to_thread.run_sync(_replay, *args)
            answer = winner if winner is not None else answer
        await _send(send, answer)

    return middleware


async def _run(app: ASGIApp, scope: Scope, body: bytes) -> tuple[int, list[Any], bytes]:
    answer: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

    async def replay() -> Any:
        return {"type": "http.request", "body": body, "more_body": False}

    async def capture(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    await app(scope, replay, capture)
    return answer["status"], answer["headers"], answer["body"]


async def _read_body(receive: Receive, limit: int | None) -> bytes | None:
    """The whole body, or None once it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message: Any = await receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if limit is not None and size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def _send(send: Send, answer: tuple[int, list[Any], bytes]) -> None:
    status, headers, body = answer
    start: Any = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    end: Any = {"type": "http.response.body", "body": body, "more_body": False}
    await send(end)
