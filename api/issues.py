"""The problem ledger over HTTP: commands are POSTs on /issues, queries are GETs."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.exceptions import PermissionDeniedException
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from api.actor import actor_guard
from api.auth import Principal, Role
from api.commitments import (
    BreakCommitment,
    CommitmentMade,
    KeepCommitment,
    MakeCommitment,
    break_,
    keep,
    make,
)
from api.deadlines import light_range
from api.history import EventRecord, history
from application.context import CommandContext
from bootstrap.services import Services
from domain.calendar import Light, traffic_light
from domain.errors import IssueNotFoundError
from domain.issue import Issue
from domain.values import Channel, IssueCategory, IssueStatus
from projections.issue_ledger import IssueFilter, IssueLedger, summarise
from projections.summaries import IssueSummary

Text = Annotated[str, msgspec.Meta(max_length=4000)]
Name = Annotated[str, msgspec.Meta(max_length=200)]


class RaiseIssue(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    channel: Channel
    category: IssueCategory
    enterprise_code: Annotated[str, msgspec.Meta(max_length=18)]
    enterprise_name: Name
    description: Text
    project_id: UUID | None = None
    business_date: date | None = None


Days = Annotated[int, msgspec.Meta(ge=1, le=3660)]


class AssignIssue(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Give the time limit as a date, or as working or calendar days from today; without
    one, complaints get the written-answer limit (7 working days by default)."""

    responsible_unit: Name
    responsible_person: Name
    time_limit: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None


class NoteProgress(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    note: Text
    business_date: date | None = None


class ExtendTimeLimit(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A new date, or working or calendar days added to the current time limit."""

    approver: Name
    reason: Text
    new_limit: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None


class Escalate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    to_level: Name
    reason: Text


class Resolve(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    resolution: Text
    business_date: date | None = None


class Explain(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    explanation: Text
    business_date: date | None = None


class CloseOut(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    confirmed_by: Name
    business_date: date | None = None


class Reopen(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Text
    time_limit: date | None = None
    working_days: Days | None = None
    calendar_days: Days | None = None


Limit = Annotated[int, QueryParameter(ge=1, le=200, description="page size, at most 200")]
Offset = Annotated[int, QueryParameter(ge=0, le=10_000_000)]


def visible(principal: Principal, issue: IssueSummary) -> bool:
    if principal.role is Role.ENTERPRISE:
        return issue.enterprise_code == principal.enterprise_code
    return principal.scope is None or issue.responsible_unit in principal.scope


def with_light(services: Services, issue: IssueSummary) -> IssueSummary:
    if issue.status != IssueStatus.ASSIGNED.value or issue.time_limit is None:
        return issue
    policy = services.office.policy
    light = traffic_light(
        services.office.calendar, services.today(), issue.time_limit, policy.yellow_working_days
    )
    return msgspec.structs.replace(issue, light=light.value)


class IssueController(Controller):
    path = "/issues"
    tags = ("issues",)
    guards = (actor_guard,)

    @post("/", operation_id="RaiseIssue", sync_to_thread=True)
    def raise_issue(
        self,
        data: JSONBody[RaiseIssue],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
        principal: NamedDependency[Principal],
    ) -> IssueSummary:
        if principal.role is Role.ENTERPRISE and data.enterprise_code != principal.enterprise_code:
            raise PermissionDeniedException(detail="an enterprise raises issues for itself only")
        issue = services.office.raise_issue(
            command,
            channel=data.channel,
            category=data.category,
            enterprise_code=data.enterprise_code,
            enterprise_name=data.enterprise_name,
            description=data.description,
            project_id=data.project_id,
            business_date=data.business_date,
        )
        return summarise(issue)

    @post(
        "/{issue_id:uuid}/assignment",
        operation_id="AcceptAndAssignIssue",
        sync_to_thread=True,
        status_code=200,
    )
    def assign(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[AssignIssue],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            services.office.accept_and_assign_issue(
                command,
                issue_id,
                responsible_unit=data.responsible_unit,
                responsible_person=data.responsible_person,
                time_limit=data.time_limit,
                working_days=data.working_days,
                calendar_days=data.calendar_days,
            )
        )

    @post(
        "/{issue_id:uuid}/progress",
        operation_id="NoteIssueProgress",
        sync_to_thread=True,
        status_code=200,
    )
    def note_progress(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[NoteProgress],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            services.office.note_issue_progress(
                command, issue_id, note=data.note, business_date=data.business_date
            )
        )

    @post(
        "/{issue_id:uuid}/extension",
        operation_id="ExtendIssueTimeLimit",
        sync_to_thread=True,
        status_code=200,
    )
    def extend(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[ExtendTimeLimit],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            services.office.extend_issue_time_limit(
                command,
                issue_id,
                new_limit=data.new_limit,
                working_days=data.working_days,
                calendar_days=data.calendar_days,
                approver=data.approver,
                reason=data.reason,
            )
        )

    @post(
        "/{issue_id:uuid}/escalation",
        operation_id="EscalateIssue",
        sync_to_thread=True,
        status_code=200,
    )
    def escalate(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[Escalate],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            services.office.escalate_issue(
                command, issue_id, to_level=data.to_level, reason=data.reason
            )
        )

    @post(
        "/{issue_id:uuid}/resolution",
        operation_id="ResolveIssue",
        sync_to_thread=True,
        status_code=200,
    )
    def resolve(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[Resolve],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            services.office.resolve_issue(
                command, issue_id, resolution=data.resolution, business_date=data.business_date
            )
        )

    @post(
        "/{issue_id:uuid}/explanation",
        operation_id="ExplainIssue",
        sync_to_thread=True,
        status_code=200,
    )
    def explain(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[Explain],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            services.office.explain_issue(
                command, issue_id, explanation=data.explanation, business_date=data.business_date
            )
        )

    @post(
        "/{issue_id:uuid}/close-out",
        operation_id="CloseOutIssue",
        sync_to_thread=True,
        status_code=200,
    )
    def close_out(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[CloseOut],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            services.office.close_out_issue(
                command, issue_id, confirmed_by=data.confirmed_by, business_date=data.business_date
            )
        )

    @post(
        "/{issue_id:uuid}/reopening",
        operation_id="ReopenIssue",
        sync_to_thread=True,
        status_code=200,
    )
    def reopen(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[Reopen],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            services.office.reopen_issue(
                command,
                issue_id,
                time_limit=data.time_limit,
                working_days=data.working_days,
                calendar_days=data.calendar_days,
                reason=data.reason,
            )
        )

    @get("/", operation_id="ListIssues", sync_to_thread=True)
    def list_issues(
        self,
        services: NamedDependency[Services],
        principal: NamedDependency[Principal],
        status: FromQuery[IssueStatus | None] = None,
        responsible_unit: FromQuery[str | None] = None,
        enterprise_code: FromQuery[str | None] = None,
        project_id: FromQuery[UUID | None] = None,
        overdue: FromQuery[bool] = False,
        light: FromQuery[Light | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[IssueSummary]:
        after, until = light_range(services, light)
        if principal.role is Role.ENTERPRISE:
            enterprise_code = principal.enterprise_code or "-"
        where = IssueFilter(
            status=status.value if status else None,
            responsible_unit=responsible_unit,
            enterprise_code=enterprise_code,
            units=None if principal.role is Role.ENTERPRISE else principal.scope,
            project_id=project_id,
            overdue_on=services.today() if overdue else None,
            limit_after=after,
            limit_until=until,
        )
        with services.read() as tx:
            found = IssueLedger.list(tx, where, limit=limit, offset=offset)
        return [with_light(services, issue) for issue in found]

    @get("/{issue_id:uuid}", operation_id="GetIssue", sync_to_thread=True)
    def get_issue(
        self,
        issue_id: FromPath[UUID],
        services: NamedDependency[Services],
        principal: NamedDependency[Principal],
    ) -> IssueSummary:
        with services.read() as tx:
            found = IssueLedger.get(tx, issue_id)
        if found is None or not visible(principal, found):  # out of scope: as if unknown
            raise IssueNotFoundError(f"no issue {issue_id}")
        return with_light(services, found)

    @get("/{issue_id:uuid}/events", operation_id="GetIssueEvents", sync_to_thread=True)
    def get_events(
        self, issue_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> list[EventRecord]:
        return history(services.office, issue_id, Issue.Event, IssueNotFoundError)

    @post("/{issue_id:uuid}/commitments", operation_id="MakeIssueCommitment", sync_to_thread=True)
    def make_commitment(
        self,
        issue_id: FromPath[UUID],
        data: JSONBody[MakeCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> CommitmentMade:
        return make(services, command, Issue, issue_id, IssueNotFoundError, data)

    @post(
        "/{issue_id:uuid}/commitments/{number:int}/kept",
        operation_id="KeepIssueCommitment",
        sync_to_thread=True,
        status_code=200,
    )
    def keep_commitment(
        self,
        issue_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[KeepCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(keep(services, command, Issue, issue_id, IssueNotFoundError, number, data))

    @post(
        "/{issue_id:uuid}/commitments/{number:int}/broken",
        operation_id="BreakIssueCommitment",
        sync_to_thread=True,
        status_code=200,
    )
    def break_commitment(
        self,
        issue_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[BreakCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> IssueSummary:
        return summarise(
            break_(services, command, Issue, issue_id, IssueNotFoundError, number, data)
        )
