"""How a route is declared: ``@command`` for a POST that runs one application command,
``@query`` for a GET. Both name the roles that may call them (required: the app's guard and
its start-up check read them), run the handler on a worker thread (the event store is
synchronous), and take the operation's summary (first line) and description (the rest, then
the roles) from the handler's docstring; a command answers 200 unless it creates (201).

A command handler states its path, its body and the application call; what it needs to act
arrives as one dependency, ``act``: the back office, who acts under which command id, what
the actor's scope covers, and the idempotency key to save with the events.
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

from api.freshness import note_reached
from api.permissions import describe_roles
from application.back_office import BackOffice
from application.context import Actor, CommandContext, CommandKey
from bootstrap.services import Services
from domain.access import Principal, Role

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
    key: CommandKey | None = request.scope.get("state", {}).get("command_key")
    context = CommandContext(
        Actor(principal.name, principal.unit), command_id, scope=principal.scope, key=key
    )
    note_reached(request.scope, context.reached)
    return Acting(office=services.office, command=context, principal=principal)


def fields(data: msgspec.Struct) -> dict[str, Any]:
    """A body's fields as keyword arguments: bodies name their fields as the commands do."""
    return msgspec.structs.asdict(data)


def docstring(handler: Callable[..., Any], roles: frozenset[Role]) -> tuple[str | None, str | None]:
    text = inspect.cleandoc(handler.__doc__ or "")
    summary, _, rest = text.partition("\n")
    return summary.strip() or None, "\n\n".join(
        p for p in (rest.strip(), describe_roles(roles)) if p
    )


def _declare(
    method: Callable[..., Any],
    path: str,
    operation_id: str,
    roles: frozenset[Role],
    audited: bool,
    options: dict[str, Any],
) -> Callable[[F], HTTPRouteHandler]:
    def declare(handler: F) -> HTTPRouteHandler:
        summary, description = docstring(handler, roles)
        opt = {"roles": roles, "audited": audited, **options.pop("opt", {})}
        return method(  # type: ignore[no-any-return]
            path,
            operation_id=operation_id,
            sync_to_thread=True,
            summary=summary,
            description=description,
            opt=opt,
            **options,
        )(handler)

    return declare


def command(
    path: str,
    operation_id: str,
    *,
    roles: frozenset[Role],
    creates: bool = False,
    **options: Any,
) -> Callable[[F], HTTPRouteHandler]:
    """A POST running one command, for ``roles``; 201 when it ``creates`` an item."""
    options["status_code"] = 201 if creates else 200
    return _declare(post, path, operation_id, roles, False, options)


def query(
    path: str,
    operation_id: str,
    *,
    roles: frozenset[Role],
    audited: bool = False,
    **options: Any,
) -> Callable[[F], HTTPRouteHandler]:
    """A GET for ``roles``; ``audited``: an inspector's call is written to the access log
    (reads of history, audit data and exports)."""
    return _declare(get, path, operation_id, roles, audited, options)
