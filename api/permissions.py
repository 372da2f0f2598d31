"""Who may do what: each operation's roles, and for commands on an existing item, whether it
lies in the principal's scope. A refusal answers 403 with problem details and is logged with
the token's subject; an inspector's reads of history and exports are logged too."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from api.auth import Principal, Role
from infrastructure import access_log

OFFICER, SUPERVISOR, INSPECTOR = Role.OFFICER, Role.SUPERVISOR, Role.INSPECTOR
ENTERPRISE, ADMIN = Role.ENTERPRISE, Role.ADMIN
READ = frozenset({OFFICER, SUPERVISOR, INSPECTOR})
SUPERVISION = frozenset({SUPERVISOR, INSPECTOR})
ACT = frozenset({OFFICER, SUPERVISOR})
ENTERPRISE_OPS = frozenset(
    {
        "RaiseIssue",
        "SubmitReview",
        "CloseOutIssue",
        "ReopenIssue",
        "ListIssues",
        "GetIssue",
        "GetIssueEvents",
        "ListReviews",
        "GetReview",
        "ListReviewInvitations",
    }
)
SUPERVISION_TAGS = frozenset({"audit", "timelines", "accountability", "access-log"})
DIRECTORY_COMMANDS = frozenset({"RegisterUnit", "RegisterOfficial", "MoveOfficial"})
HISTORY_OPS = frozenset({"ListAuditEvents", "ExportAuditEvents", "VerifyChain"})
ID_PARAMS = ("issue_id", "project_id", "pairing_id", "series_id", "match_id", "review_id")


def allowed(operation: str, method: str, tags: frozenset[str]) -> frozenset[Role]:
    extra = {ENTERPRISE} if operation in ENTERPRISE_OPS else set()
    if operation in DIRECTORY_COMMANDS:
        return frozenset({ADMIN})
    if operation in ("ListProjections", "ListUnits"):
        return READ | {ADMIN}
    if operation == "ListAccessLog":
        return SUPERVISION | {ADMIN}
    if tags & SUPERVISION_TAGS:
        return SUPERVISION
    return (READ if method == "GET" else ACT) | extra


def _who(principal: Principal | None) -> tuple[str, str, str] | None:
    return (principal.subject, principal.name, principal.role.value) if principal else None


def _deny(
    connection: ASGIConnection[Any, Any, Any, Any], principal: Principal | None, why: str
) -> None:
    services = connection.app.state.services
    method = str(connection.scope.get("method", ""))
    access_log.record(services.views, _who(principal), method, connection.url.path, 403, why)
    raise PermissionDeniedException(detail=why)


def authorize(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    if connection.scope.get("method") in ("OPTIONS", "HEAD"):
        return  # answers only which methods exist; the token check skips these too
    principal: Principal = connection.user
    operation = str(getattr(handler, "operation_id", "") or handler.handler_name)
    method = str(connection.scope.get("method", ""))
    roles = allowed(operation, method, frozenset(getattr(handler, "tags", None) or ()))
    if principal.role not in roles:
        _deny(connection, principal, f"a {principal.role} may not {operation}")
    if method == "POST" and principal.role is not ADMIN:
        _check_scope(connection, principal, operation)
    if principal.role is INSPECTOR and (
        operation in HISTORY_OPS or "Events" in operation or "Timeline" in operation
    ):
        services = connection.app.state.services
        access_log.record(
            services.views, _who(principal), method, connection.url.path, 200, "history read"
        )


def _check_scope(
    connection: ASGIConnection[Any, Any, Any, Any], principal: Principal, operation: str
) -> None:
    aggregate_id = next(
        (connection.path_params[p] for p in ID_PARAMS if p in connection.path_params), None
    )
    if aggregate_id is None:
        return  # creating: acting for the principal's own unit (checked in the handler)
    if principal.scope is None and principal.role is not ENTERPRISE:
        return  # reaches every unit: nothing to look up
    office = connection.app.state.services.office
    try:
        aggregate = office.repository.get(aggregate_id)
    except Exception:
        return
    if principal.role is ENTERPRISE:
        if getattr(aggregate, "enterprise_code", None) != principal.enterprise_code:
            _deny(connection, principal, f"{operation} on another enterprise's item")
        return
    if not principal.covers(
        owners(office, aggregate_id, aggregate)
    ) and principal.name not in leaders(aggregate):
        _deny(connection, principal, f"{operation} on an item outside {principal.unit}'s scope")


def owners(office: Any, aggregate_id: UUID, aggregate: Any) -> set[str]:
    """The units that answer for an item: the one that recorded it, and the one responsible."""
    first = next(iter(office.events.get(aggregate_id, lte=1)), None)
    units = {first.unit} if first is not None else set()
    for attribute in ("responsible_unit", "official_unit", "unit", "subject_unit"):
        value = getattr(aggregate, attribute, None)
        if isinstance(value, str) and value:
            units.add(value)
    return units


def leaders(aggregate: Any) -> set[str]:
    names = {getattr(aggregate, a, None) for a in ("lead_leader", "official", "responsible_person")}
    names.update(getattr(aggregate, "team", []) or [])
    return {n for n in names if isinstance(n, str)}


def actor_guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Every route but the health check and the API docs: the token's role must allow it."""
    authorize(connection, handler)
