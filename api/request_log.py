"""A request id on every log line: taken from X-Request-Id or made, echoed in the response."""

from __future__ import annotations

import time
from typing import Any
from uuid import uuid4

import structlog
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from infrastructure.metrics import observe_request

log = structlog.get_logger("duban.http")


def request_id_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1")[:64] or uuid4().hex
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
