"""Reading one's own writes by position.

No request catches the read models up: the worker does, as the log grows. Every command's
answer says the log position its events reached (``Duban-Position``); a request that must see
them passes it back (``?min_position=`` or ``Duban-Min-Position``) and is held, before
anything else reads the read models (its token included), until they have reached it — at
most ``DUBAN_READ_WAIT_SECONDS``, then 503 ``read-models-behind`` with Retry-After. A position
the log has not recorded is refused (422 ``position-not-recorded``); one that is not a
whole number, 400. A request that passes none reads the read models as they stand.
"""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qsl

import anyio
from anyio import to_thread
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import PROBLEM_JSON, document
from application.context import Reached
from bootstrap.services import Services

POSITION_HEADER = "Duban-Position"
_POSITION_KEY = POSITION_HEADER.lower().encode()
MIN_POSITION_HEADER = "Duban-Min-Position"
MIN_POSITION_PARAM = "min_position"
RETRY_AFTER_SECONDS = 1
_POLL_IN_PROCESS = 0.002  # the worker's position is a variable here: looking is free
_POLL_IN_STORE = 0.02  # another process's worker: one small query a look


def read_position_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        try:
            asked = _asked(scope)
        except ValueError as error:
            await _refuse(send, scope, 400, "malformed-request", str(error))
            return
        if asked is not None:
            services: Services = scope["app"].state.services
            refusal = await _wait(services, asked)
            if refusal is not None:
                await _refuse(send, scope, *refusal)
                return
        await app(scope, receive, send)

    return middleware


def _asked(scope: Scope) -> int | None:
    """The position the request asks to read at, from the query or the header."""
    found: str | None = None
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name == MIN_POSITION_PARAM:
            found = value
    wanted = MIN_POSITION_HEADER.lower().encode()
    for header, raw in scope.get("headers") or []:
        if bytes(header).lower() == wanted:
            found = bytes(raw).decode("latin-1")
    if found is None:
        return None
    text = found.strip()
    if not text.isdigit() or len(text) > 18:
        raise ValueError(f"{MIN_POSITION_PARAM} is a log position: a whole number, 0 or more")
    return int(text)


async def _wait(services: Services, asked: int) -> tuple[int, str, str] | None:
    if services.runner.reached >= asked:
        return None
    head = await to_thread.run_sync(services.office.recorder.max_notification_id)
    if asked > (head or 0):
        return 422, "position-not-recorded", f"the log has not recorded position {asked}"
    deadline = time.monotonic() + services.read_wait_seconds
    while True:
        if services.worker_in_process:
            reached = services.runner.reached
        else:
            reached = await to_thread.run_sync(services.runner.reached_in_store)
        if reached >= asked:
            return None
        if time.monotonic() >= deadline:
            detail = f"the read models are at position {reached}, not yet {asked}; retry"
            return 503, "read-models-behind", detail
        await anyio.sleep(_POLL_IN_PROCESS if services.worker_in_process else _POLL_IN_STORE)


async def _refuse(send: Send, scope: Scope, status: int, rule: str, detail: str) -> None:
    title = {400: "Malformed request", 422: "Invalid value"}.get(status, "Service unavailable")
    body = json.dumps(document(status, rule, title, detail, str(scope["path"]))).encode()
    headers = [(b"content-type", PROBLEM_JSON.encode())]
    if status == 503:
        headers.append((b"retry-after", str(RETRY_AFTER_SECONDS).encode()))
    start: Any = {"type": "http.response.start", "status": status, "headers": headers}
    await send(start)
    end: Any = {"type": "http.response.body", "body": body, "more_body": False}
    await send(end)


def note_reached(scope: Scope, reached: Reached) -> None:
    """Where a command's answer finds the position its saves reached."""
    scope.setdefault("state", {})["reached"] = reached


async def position_header(message: Message, scope: Scope) -> None:
    """A command's answer carries the log position its events reached."""
    if message["type"] != "http.response.start":
        return
    reached: Reached | None = scope.get("state", {}).get("reached")
    if reached is not None and reached.position:
        value = str(reached.position).encode()
        message["headers"] = [
            *message.get("headers", []),
            (POSITION_HEADER.lower().encode(), value),
        ]
