"""The access log: every refusal (401, 403) and every inspector's read of history, audit data
or an export, with the status actually sent — written by a middleware that watches the
answer, so a read refused with 400 is logged as 400. GET /access-log lets supervision read it."""

from __future__ import annotations

import json
from typing import Any

from anyio import to_thread
from litestar import Controller, Request, Response
from litestar.di import NamedDependency
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.params import FromQuery
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from api.paging import Page, paged
from api.permissions import SUPERVISION
from api.routing import query
from api.schemas import Offset, PageSize
from domain.access import Principal, Role
from infrastructure import access_log
from infrastructure.view_store import ViewStore

REFUSALS = frozenset({401, 403})


def _note(status: int, body: bytes, handler: Any) -> str:
    operation = getattr(handler, "operation_id", None) or getattr(handler, "handler_name", "")
    if status not in REFUSALS:
        return f"history read: {operation}"
    try:
        detail = json.loads(body).get("detail", "")
    except ValueError:
        detail = ""
    return f"refused {operation}: {detail}"[:500]


def access_log_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        seen: dict[str, Any] = {"status": 0, "body": b""}

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
            elif message["type"] == "http.response.body" and seen["status"] in REFUSALS:
                seen["body"] += message.get("body", b"")
            await send(message)

        try:
            await app(scope, receive, watch)
        except HTTPException as refused:  # authentication refuses by raising, outside handlers
            seen["status"] = refused.status_code
            seen["body"] = json.dumps({"detail": refused.detail}).encode()
            await _record(scope, seen)
            raise
        await _record(scope, seen)

    return middleware


async def _record(scope: Scope, seen: dict[str, Any]) -> None:
    principal: Principal | None = scope.get("user")
    handler = scope.get("route_handler")
    if handler is not None and handler.opt.get("logs_own_access"):
        return  # the console's sign-in writes each attempt itself, naming the login tried
    audited = handler is not None and handler.opt.get("audited")
    inspector = principal is not None and principal.role is Role.INSPECTOR
    if seen["status"] not in REFUSALS and not (inspector and audited):
        return
    who = (principal.subject, principal.name, principal.role.value) if principal else None
    await to_thread.run_sync(
        access_log.record,
        scope["app"].state.services.views,
        who,
        str(scope.get("method", "")),
        str(scope.get("path", "")),
        int(seen["status"]),
        _note(int(seen["status"]), seen["body"], handler),
    )


class AccessLogController(Controller):
    path = "/access-log"
    tags = ("access-log",)

    @query("/", "ListAccessLog", roles=SUPERVISION)
    def entries(
        self,
        request: Request[Any, Any, Any],
        views: NamedDependency[ViewStore],
        subject: FromQuery[str | None] = None,
        limit: PageSize = 100,
        offset: Offset = 0,
    ) -> Response[Page[dict[str, Any]]]:
        """Refusals and inspectors' reads of history, newest first, optionally of one subject."""
        found, total = access_log.page(views, subject, limit, offset)
        return paged(request, found, total=total, offset=offset)
