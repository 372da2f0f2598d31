"""How a route is declared: ``@command`` for a POST that runs one application command,
``@query`` for a GET. Both run the handler on a worker thread (the event store is
synchronous), take the operation's summary (first line) and description (the rest) from the
handler's docstring, and answer 200 unless the command creates something (201).

A command handler states its path, its body and the application call; what it needs to act
arrives as one dependency, ``act``: the back office and who acts under which command id.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import uuid4

import msgspec
from litestar import get, post
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler

from api.auth import Principal
from application.back_office import BackOffice
from application.context import Actor, CommandContext
from bootstrap.services import Services

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Acting:
    """What a command handler needs: the back office, and who acts under which command id."""

    office: BackOffice
    command: CommandContext
    principal: Principal


Act = NamedDependency[Acting]
Svc = NamedDependency[Services]
Caller = NamedDependency[Principal]


def provide_principal(request: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    principal: Principal = request.user
    return principal


def provide_act(request: ASGIConnection[Any, Any, Any, Any]) -> Acting:
    """The acting official and unit come from the bearer token, never from the body."""
    principal = provide_principal(request)
    headers = request.headers
    command_id = headers.get("idempotency-key") or headers.get("x-command-id") or str(uuid4())
    services: Services = request.app.state.services
    return Acting(
        office=services.office,
        command=CommandContext(Actor(principal.name, principal.unit), command_id),
        principal=principal,
    )


def fields(data: msgspec.Struct) -> dict[str, Any]:
    """A body's fields as keyword arguments: bodies name their fields as the commands do."""
    return msgspec.structs.asdict(data)


def docstring(handler: Callable[..., Any]) -> tuple[str | None, str | None]:
    text = inspect.cleandoc(handler.__doc__ or "")
    summary, _, rest = text.partition("\n")
    return summary.strip() or None, rest.strip() or None


def command(
    path: str, operation_id: str, *, creates: bool = False, **options: Any
) -> Callable[[F], HTTPRouteHandler]:
    def declare(handler: F) -> HTTPRouteHandler:
        summary, description = docstring(handler)
        return post(
            path,
            operation_id=operation_id,
            sync_to_thread=True,
            status_code=201 if creates else 200,
            summary=summary,
            description=description,
            **options,
        )(handler)

    return declare


def query(path: str, operation_id: str, **options: Any) -> Callable[[F], HTTPRouteHandler]:
    def declare(handler: F) -> HTTPRouteHandler:
        summary, description = docstring(handler)
        return get(
            path,
            operation_id=operation_id,
            sync_to_thread=True,
            summary=summary,
            description=description,
            **options,
        )(handler)

    return declare
