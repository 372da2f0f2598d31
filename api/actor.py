"""The acting official and unit, from the bearer token — never from the request body."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from api.auth import Principal
from api.permissions import authorize
from application.context import Actor, CommandContext


def provide_principal(request: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    principal: Principal = request.user
    return principal


def provide_command_context(request: ASGIConnection[Any, Any, Any, Any]) -> CommandContext:
    principal = provide_principal(request)
    command_id = request.headers.get("idempotency-key") or request.headers.get("x-command-id")
    return CommandContext(
        actor=Actor(official=principal.name, unit=principal.unit),
        command_id=command_id or str(uuid4()),
    )


def actor_guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Every route but the health check and the API docs: the token's role must allow it."""
    authorize(connection, handler)
