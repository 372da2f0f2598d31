"""A request id on every log line: taken from X-Request-Id or made, echoed in the response;
and, when tracing is on (api/tracing.py), on the request's span too."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast
from uuid import uuid4

import structlog
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from infrastructure.metrics import observe_request

log = structlog.get_logger("duban.http")
_REQUEST_ID = "duban.request_id"  # the request's id, kept in its ASGI scope
# told the route template as the answer starts (the request's span, when traced)
ON_ANSWERED = "duban.on_answered"
Answered = Callable[[str], None]


def request_id_of(scope: Scope) -> str:
    """The request's id: X-Request-Id as sent (at most 64 characters), else a new one; the
    same for whoever asks first (the span, when traced) and the log lines after."""
    kept = cast(dict[str, Any], scope)
    found: str | None = kept.get(_REQUEST_ID)
    if found is None:
        headers = dict(scope.get("headers") or [])
        found = headers.get(b"x-request-id", b"").decode("latin-1")[:64] or uuid4().hex
        kept[_REQUEST_ID] = found
    return found


def request_id_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        request_id = request_id_of(scope)
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        status: dict[str, Any] = {}
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode("latin-1")),
                ]
                answered: Answered | None = cast(dict[str, Any], scope).get(ON_ANSWERED)
                if answered is not None:  # before the body: the span ends with it
                    answered(scope.get("path_template") or "unmatched")
            await send(message)

        try:
            await app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            log.info(
                "request",
                method=scope.get("method"),
                path=scope.get("path"),
                status=status.get("code"),
                ms=round(seconds * 1000, 1),
            )
            route = scope.get("path_template") or "unmatched"  # templates: few label values
            observe_request(route, str(scope.get("method")), status.get("code", 500), seconds)

    return middleware
