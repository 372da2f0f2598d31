"""Who may call which route: every route declares its roles (``@command``/``@query`` require
them), one guard for the whole app checks them, and the app refuses to start if a route
declares none — so a rule cannot silently fail to apply. What a role covers (its scope) is the
policy of domain/access.py and projections/principals.py; handlers hold every read and command
to it."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from domain.access import Principal, Role

OFFICER, SUPERVISOR, INSPECTOR = Role.OFFICER, Role.SUPERVISOR, Role.INSPECTOR
ENTERPRISE, ADMIN = Role.ENTERPRISE, Role.ADMIN

ACT = frozenset({OFFICER, SUPERVISOR})  # commands on the items a unit answers for
ACT_OR_ENTERPRISE = ACT | {ENTERPRISE}  # …and those an enterprise gives on its own items
READ = frozenset({OFFICER, SUPERVISOR, INSPECTOR})  # reads, each held to the reader's scope
READ_OR_ENTERPRISE = READ | {ENTERPRISE}
SUPERVISION = frozenset({SUPERVISOR, INSPECTOR})  # the supervision office's views
OFFICE = frozenset({SUPERVISOR})  # decisions that belong to the supervision office
DIRECTORY = frozenset({ADMIN})
ANYONE_SIGNED_IN = READ | {ADMIN}

ROLE_NAMES = {
    OFFICER: "officer (承办单位)",
    SUPERVISOR: "supervisor (督查室)",
    INSPECTOR: "inspector (监督检查)",
    ENTERPRISE: "enterprise (企业)",
    ADMIN: "admin (系统管理员)",
}


def roles_of(handler: BaseRouteHandler) -> frozenset[Role] | None:
    roles = handler.opt.get("roles")
    return frozenset(roles) if roles is not None else None


def _is_public(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> bool:
    return bool(handler.opt.get("public")) or connection.url.path.startswith("/schema")


def authorize(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """The app's one guard. A route without declared roles is refused to everyone."""
    if connection.scope.get("method") in ("OPTIONS", "HEAD") or _is_public(connection, handler):
        return
    principal: Principal = connection.user
    roles = roles_of(handler)
    if roles is None:
        raise PermissionDeniedException(detail="this route declares no roles: refused to all")
    if principal.role not in roles:
        operation = getattr(handler, "operation_id", None) or handler.handler_name
        raise PermissionDeniedException(detail=f"a {principal.role} may not {operation}")


def require_roles_declared(app: Litestar) -> None:
    """At start-up: every route but the health check and the API docs declares its roles."""
    missing = [
        f"{method} {route.path}"
        for route in app.routes
        for handler in getattr(route, "route_handlers", [])
        for method in getattr(handler, "http_methods", ())
        if method != "OPTIONS"  # Litestar's own answer: which methods exist
        and not route.path.startswith("/schema")
        and not handler.opt.get("public")
        and roles_of(handler) is None
    ]
    if missing:
        raise RuntimeError(f"routes without declared roles: {sorted(missing)}")


def describe_roles(roles: frozenset[Role]) -> str:
    return "Who may call it: " + ", ".join(ROLE_NAMES[r] for r in Role if r in roles) + "."
