"""An issue's page: its state, its timeline (business date beside recorded time), an as-of
control for those the timeline route allows (supervision), and the commands the signed-in
official may give, as forms. A form runs the very command the API runs, under the same
roles and scope; a refusal re-renders the page with the rule that refused it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from api.console.pages import form, page, render
from api.issues import (
    AssignIssue,
    CloseOut,
    Explain,
    ExtendTimeLimit,
    NoteProgress,
    Reopen,
    Resolve,
    with_light,
)
from api.permissions import ACT, ACT_OR_ENTERPRISE, READ, SUPERVISION
from api.problems import _status_of
from api.resources import RESOURCES, timeline
from api.routing import provide_act
from application.back_office import BackOffice
from bootstrap.services import Services
from domain.errors import DomainError, IssueNotFoundError
from domain.issue import Issue
from domain.labels import event_label, label_of, rule_label
from domain.values import SHANGHAI, IssueStatus
from projections.access_index import require_visible
from projections.audit_index import AuditFilter, AuditIndex
from projections.directory_view import DirectoryView
from projections.issue_ledger import IssueLedger

FormData = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
ISSUES = next(r for r in RESOURCES if r.kind is Issue)
# action → its body (the API's own struct), the back office's command, who may give it
ACTIONS: dict[str, tuple[type[msgspec.Struct], Callable[..., Any], frozenset[Any]]] = {
    "assign": (AssignIssue, BackOffice.accept_and_assign_issue, ACT),
    "progress": (NoteProgress, BackOffice.note_issue_progress, ACT),
    "extend": (ExtendTimeLimit, BackOffice.extend_issue_time_limit, ACT),
    "resolve": (Resolve, BackOffice.resolve_issue, ACT),
    "explain": (Explain, BackOffice.explain_issue, ACT),
    "close-out": (CloseOut, BackOffice.close_out_issue, ACT_OR_ENTERPRISE),
    "reopen": (Reopen, BackOffice.reopen_issue, ACT_OR_ENTERPRISE),
}


def _as_of(text: str | None) -> datetime | None:
    """A day as the office lived it: everything recorded by the end of that day (Shanghai)."""
    if not text:
        return None
    try:
        day = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:
        day = datetime.combine(day.date(), time(23, 59, 59))
    return day if day.tzinfo else day.replace(tzinfo=SHANGHAI)


def _context(request: Request[Any, Any, Any], issue_id: UUID, as_of_text: str) -> dict[str, Any]:
    services: Services = request.app.state.services
    principal = request.user
    with services.read() as tx:
        require_visible(tx, principal.scope, issue_id, Issue)
        current = IssueLedger.get(tx, issue_id)
        entries = AuditIndex.page(tx, AuditFilter(aggregate_id=issue_id), after=0, limit=10_000)
        units = None if principal.scope.everything else principal.scope.units
        officials = DirectoryView.officials(tx, units)
    if current is None:
        raise IssueNotFoundError(f"no issue {issue_id}")
    state = msgspec.to_builtins(with_light(services, current))
    as_of = _as_of(as_of_text) if principal.role in SUPERVISION else None
    if as_of is not None:
        then = timeline(services, principal, ISSUES, issue_id, as_of)
        state = then.state
        entries = [e for e in entries if e.version <= then.version]
    return {
        "issue": state,
        "issue_id": issue_id,
        "status_label": label_of(IssueStatus, state["status"]),
        "events": [
            {"entry": e, "label": event_label("Issue", e.event_type)} for e in reversed(entries)
        ],
        "as_of": as_of_text if as_of else "",
        "may_travel": principal.role in SUPERVISION,
        "actions": [name for name, (_, _, roles) in ACTIONS.items() if principal.role in roles],
        "officials": officials,
        "today": services.today().isoformat(),
    }


@page("/console/issues/{issue_id:uuid}", READ)
def issue_page(request: Request[Any, Any, Any], issue_id: FromPath[UUID]) -> Template:
    # a day of its own (?day=), not the API's as_of, which means the start of a day
    as_of = str(request.query_params.get("day") or "")
    return render(request, "issue.html", **_context(request, issue_id, as_of))


def _fields(raw: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() for k, v in raw.items() if k != "_csrf_token" and str(v).strip()}


@form("/console/issues/{issue_id:uuid}/{action:str}", ACT_OR_ENTERPRISE)
def give_command(
    request: Request[Any, Any, Any], issue_id: FromPath[UUID], action: FromPath[str], data: FormData
) -> Template | Redirect:
    """Run one command from its form; on refusal, the page again with the rule named."""
    return _command(request, issue_id, action, _fields(data))


def _command(
    request: Request[Any, Any, Any], issue_id: UUID, action: str, submitted: dict[str, Any]
) -> Template | Redirect:
    refusal: dict[str, Any] | None = None
    status = 200
    if action not in ACTIONS or request.user.role not in ACTIONS[action][2]:
        refusal, status = {"rule": "forbidden", "label": "无权执行", "detail": action}, 403
    else:
        body_type, run, _ = ACTIONS[action]
        try:
            body = msgspec.convert(submitted, body_type, strict=False)
            act = provide_act(request)
            run(act.office, act.command, issue_id, **msgspec.structs.asdict(body))
        except msgspec.ValidationError as error:
            refusal = {"rule": "malformed-request", "label": "填写有误", "detail": str(error)}
            status = 400
        except DomainError as error:
            status, _ = _status_of(error)
            refusal = {"rule": error.rule, "label": rule_label(error.rule), "detail": error.detail}
        else:  # the page after a form reads its own write: it waits for the read models
            reached = act.command.reached.position
            return Redirect(f"/console/issues/{issue_id}?min_position={reached}", status_code=303)
    context = _context(request, issue_id, "")
    return render(
        request,
        "issue.html",
        status_code=status,
        refusal=refusal,
        refused_action=action,
        submitted=submitted,
        **context,
    )
