"""The problem ledger (问题台账) over HTTP: commands are POSTs on /issues, queries are GETs."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.deadlines import light_range
from api.paging import Page, paged
from api.permissions import ACT, ACT_OR_ENTERPRISE, READ_OR_ENTERPRISE
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import Body, CreditCode, Days, Limit, Name, Offset, Text
from bootstrap.services import Services
from domain.access import Role
from domain.calendar import Light, traffic_light
from domain.errors import IssueNotFoundError
from domain.issue import Issue
from domain.values import Channel, IssueCategory, IssueStatus
from projections.access_index import require_visible
from projections.issue_ledger import IssueFilter, IssueLedger, summarise
from projections.summaries import IssueSummary


class RaiseIssue(Body):
    channel: Channel
    category: IssueCategory
    enterprise_code: CreditCode
    enterprise_name: Name
    description: Text
    project_id: UUID | None = None
    business_date: date | None = None
    # 首问负责: the unit first contacted, when not the caller's (an enterprise's contact)
    first_contact_unit_id: UUID | None = None
    # 领导交办: the leader (a directory official) and their instruction (批示)
    instructing_leader_id: UUID | None = None
    instruction: Text | None = None


class AssignIssue(Body):
    """The responsible person is a directory official (GET /directory/officials), who
    answers with their unit. Give the time limit as a date, or as working or calendar days
    from today; without one, complaints get the written-answer limit (7 working days)."""

    responsible_person_id: UUID
    time_limit: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None
    reply_by: date | None = None  # the written answer a rule owes, promised earlier


class NoteProgress(Body):
    note: Text
    business_date: date | None = None


class ExtendTimeLimit(Body):
    """A new date, or working or calendar days added to the current time limit."""

    approver_id: UUID
    reason: Text
    new_limit: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None


class Escalate(Body):
    to_level: Name
    reason: Text


class Resolve(Body):
    resolution: Text
    business_date: date | None = None


class Explain(Body):
    explanation: Text
    business_date: date | None = None


class CloseOut(Body):
    confirmed_by: Name
    business_date: date | None = None


class Reopen(Body):
    reason: Text
    time_limit: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None


def with_light(services: Services, issue: IssueSummary) -> IssueSummary:
    if issue.status != IssueStatus.ASSIGNED.value or issue.time_limit is None:
        return issue
    policy = services.office.policy
    light = traffic_light(
        services.office.calendar, services.today(), issue.time_limit, policy.yellow_working_days
    )
    return msgspec.structs.replace(issue, light=light)


class IssueController(Controller):
    path = "/issues"
    tags = ("issues",)

    @command("/", "RaiseIssue", roles=ACT_OR_ENTERPRISE, creates=True)
    def raise_issue(self, data: JSONBody[RaiseIssue], act: Act) -> IssueSummary:
        """Put an enterprise's problem on the ledger.

        领导交办 names the leader and their instruction (批示); the unit first contacted
        (首问负责) answers for the acceptance limit. Refused with invalid-credit-code,
        blank-text, unknown-project, business-date-in-future, leader-instruction-required,
        leader-instruction-only-for-leader-assigned, unknown-unit, unknown-official;
        out-of-scope (403) when an enterprise names another enterprise's credit code."""
        return summarise(act.office.raise_issue(act.command, **fields(data)))

    @command("/{issue_id:uuid}/assignment", "AcceptAndAssignIssue", roles=ACT)
    def assign(
        self, issue_id: FromPath[UUID], data: JSONBody[AssignIssue], act: Act
    ) -> IssueSummary:
        """Accept a problem and assign it to a responsible official (and so their unit) with
        a time limit.

        A complaint (or a problem of a project in negotiation) whose time limit runs past the
        written-answer limit owes a written answer by that limit (``reply_by`` may promise it
        earlier). Refused with unknown-official, issue-already-assigned, due-date-in-past,
        reply-after-cap,
        calendar-year-unknown, out-of-scope (a unit outside the actor's), issue-not-found."""
        return summarise(act.office.accept_and_assign_issue(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/progress", "NoteIssueProgress", roles=ACT)
    def note_progress(
        self, issue_id: FromPath[UUID], data: JSONBody[NoteProgress], act: Act
    ) -> IssueSummary:
        """Note progress on an assigned problem.

        Refused with issue-not-assigned, issue-not-open, blank-text, business-date-in-future,
        issue-not-found."""
        return summarise(act.office.note_issue_progress(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/extension", "ExtendIssueTimeLimit", roles=ACT)
    def extend(
        self, issue_id: FromPath[UUID], data: JSONBody[ExtendTimeLimit], act: Act
    ) -> IssueSummary:
        """Extend a problem's time limit, with an approver and a reason, before it runs out.

        Refused with unknown-official (the approver), extension-filed-too-late,
        time-limit-passed, time-limit-not-later, time-limit-pending-calendar, reason-required,
        issue-not-assigned, calendar-year-unknown, issue-not-found."""
        office = act.office
        return summarise(office.extend_issue_time_limit(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/escalation", "EscalateIssue", roles=ACT)
    def escalate(
        self, issue_id: FromPath[UUID], data: JSONBody[Escalate], act: Act
    ) -> IssueSummary:
        """Escalate an open problem to a higher level (each level once), with a reason.

        Refused with already-escalated-to-level, issue-not-open, reason-required,
        issue-not-found."""
        return summarise(act.office.escalate_issue(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/resolution", "ResolveIssue", roles=ACT)
    def resolve(self, issue_id: FromPath[UUID], data: JSONBody[Resolve], act: Act) -> IssueSummary:
        """Record that an assigned problem is resolved.

        Refused with assisting-parts-open, issue-not-assigned, issue-not-open, blank-text,
        business-date-in-future, issue-not-found."""
        return summarise(act.office.resolve_issue(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/explanation", "ExplainIssue", roles=ACT)
    def explain(self, issue_id: FromPath[UUID], data: JSONBody[Explain], act: Act) -> IssueSummary:
        """Record that a problem cannot lawfully be solved and was explained to the enterprise.

        Refused with assisting-parts-open, issue-not-assigned, issue-not-open, blank-text,
        business-date-in-future, issue-not-found."""
        return summarise(act.office.explain_issue(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/close-out", "CloseOutIssue", roles=ACT_OR_ENTERPRISE)
    def close_out(
        self, issue_id: FromPath[UUID], data: JSONBody[CloseOut], act: Act
    ) -> IssueSummary:
        """Close out (销号) a resolved or explained problem once the enterprise confirms it.

        Refused with close-out-requires-resolution, blank-text, business-date-in-future,
        issue-not-found."""
        return summarise(act.office.close_out_issue(act.command, issue_id, **fields(data)))

    @command("/{issue_id:uuid}/reopening", "ReopenIssue", roles=ACT_OR_ENTERPRISE)
    def reopen(self, issue_id: FromPath[UUID], data: JSONBody[Reopen], act: Act) -> IssueSummary:
        """Send a problem back to its unit (重新交办) when the enterprise is not satisfied.

        Refused with issue-not-reopenable, reason-required, due-date-in-past,
        calendar-year-unknown, issue-not-found."""
        return summarise(act.office.reopen_issue(act.command, issue_id, **fields(data)))

    @query("/", "ListIssues", roles=READ_OR_ENTERPRISE)
    def list_issues(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        status: FromQuery[IssueStatus | None] = None,
        responsible_unit: FromQuery[str | None] = None,
        enterprise_code: FromQuery[str | None] = None,
        project_id: FromQuery[UUID | None] = None,
        overdue: FromQuery[bool] = False,
        light: FromQuery[Light | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[IssueSummary]]:
        """The problem ledger, filtered by status, unit, enterprise, project, overdue or light."""
        after, until = light_range(services, light)
        if principal.role is Role.ENTERPRISE:
            enterprise_code = principal.enterprise_code or "-"
        where = IssueFilter(
            status=status.value if status else None,
            responsible_unit=responsible_unit,
            enterprise_code=enterprise_code,
            scope=principal.scope,
            project_id=project_id,
            overdue_on=services.today() if overdue else None,
            limit_after=after,
            limit_until=until,
        )
        with services.read() as tx:
            found = IssueLedger.list(tx, where, limit=limit, offset=offset)
            total = IssueLedger.count(tx, where)
        items = [with_light(services, issue) for issue in found]
        return paged(request, items, total=total, offset=offset)

    @query("/{issue_id:uuid}", "GetIssue", roles=READ_OR_ENTERPRISE)
    def get_issue(self, issue_id: FromPath[UUID], services: Svc, principal: Caller) -> IssueSummary:
        """One problem as the ledger shows it now, with its traffic light."""
        with services.read() as tx:
            require_visible(tx, principal.scope, issue_id, Issue)
            found = IssueLedger.get(tx, issue_id)
        if found is None:
            raise IssueNotFoundError(f"no issue {issue_id}")
        return with_light(services, found)
