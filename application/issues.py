"""Issue (problem ledger) commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from application.answer_limits import acceptance_limit, reply_rule
from application.base import BackOfficeBase
from application.context import CommandContext
from application.due_dates import chosen_limit, due_date
from domain.calendar import DueDate, PendingCount
from domain.errors import OutOfScopeError, ProjectNotFoundError, UnknownProjectError
from domain.issue import Issue
from domain.issue_routing import ReplyRule
from domain.project import Project
from domain.values import Channel, IssueCategory, ProjectStage


class IssueCommands(BackOfficeBase):
    def raise_issue(
        self,
        ctx: CommandContext,
        *,
        channel: Channel,
        category: IssueCategory,
        enterprise_code: str,
        enterprise_name: str,
        description: str,
        project_id: UUID | None = None,
        business_date: date | None = None,
        source_kind: str | None = None,
        source_ref: str | None = None,
        first_contact_unit_id: UUID | None = None,
        instructing_leader_id: UUID | None = None,
        instruction: str | None = None,
    ) -> Issue:
        """The unit first contacted (首问负责) defaults to the recording official's; it answers
        for the acceptance limit. 领导交办 names the leader (a directory official) and 批示."""
        if project_id is not None:
            self._issue_project(project_id)
        first = self.unit_named(first_contact_unit_id, "first_contact_unit_id") if (
            first_contact_unit_id is not None
        ) else None  # fmt: skip
        leader = self.person(instructing_leader_id, "instructing_leader_id") if (
            instructing_leader_id is not None
        ) else None  # fmt: skip
        env = self.envelope(ctx, business_date=business_date)
        issue = Issue.raise_issue(
            env,
            id=uuid4(),
            channel=channel,
            category=category,
            enterprise_code=enterprise_code,
            enterprise_name=enterprise_name,
            description=description,
            project_id=project_id,
            source_kind=source_kind,
            source_ref=source_ref,
            first_contact_unit=first.name if first else None,
            first_contact_unit_id=first.id if first else None,
            leader=(leader.name, leader.id) if leader else None,
            instruction=instruction,
            acceptance_limit=acceptance_limit(self.calendar, self.policy, env.today),
        )
        self.store(ctx, issue, "raise_issue")
        return issue

    def _issue_project(self, project_id: UUID) -> Project:
        try:
            return self.load(Project, project_id)
        except ProjectNotFoundError:
            raise UnknownProjectError(
                f"the issue names project {project_id}, which does not exist"
            ) from None

    def lead_issue(self, ctx: CommandContext, issue_id: UUID) -> Issue:
        """An issue a command acts on as a whole: refused to an assisting unit's officer,
        who acts on their part alone."""
        issue = self.load_for(ctx, Issue, issue_id)
        if not ctx.scope.covers(issue.lead_answerable()):
            raise OutOfScopeError(
                f"{ctx.actor.official} ({ctx.actor.unit}) assists issue {issue_id}; only the "
                "lead unit or the supervision office acts on the whole of it"
            )
        return issue

    def reply_owed(self, issue: Issue, today: date, promised: date | None) -> ReplyRule | None:
        """The written answer the rules owe the issue from ``today``: a complaint's, or a
        negotiation's when it names a project in negotiation."""
        stage: ProjectStage | None = None
        if issue.project_id is not None:
            stage = self._issue_project(issue.project_id).stage
        return reply_rule(
            self.calendar, self.policy, today,
            channel=issue.channel, project_stage=stage, promised=promised,
        )  # fmt: skip

    def get_issue(self, issue_id: UUID) -> Issue:
        return self.load(Issue, issue_id)

    def _issue(
        self, ctx: CommandContext, issue_id: UUID, command: str, act: Callable[[Issue], object]
    ) -> Issue:
        issue = self.lead_issue(ctx, issue_id)
        act(issue)
        self.store(ctx, issue, command)
        return issue

    def accept_and_assign_issue(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        responsible_person_id: UUID,
        time_limit: date | None = None,
        working_days: int | None = None,
        calendar_days: int | None = None,
        reply_by: date | None = None,
    ) -> Issue:
        """The responsible person is a directory official, who answers with their unit.
        Without a time limit, complaints get the written-answer limit (7 working days); the
        written answer a rule owes is owed by its cap whatever the limit (``reply_by`` may
        promise it earlier). An officer hands work only to their own unit: a unit first
        contacted (首问负责) that is not competent accepts the problem and transfers it."""
        env = self.envelope(ctx)
        issue = self.lead_issue(ctx, issue_id)
        person = self.person(responsible_person_id, "responsible_person_id")
        self.require_unit(ctx, person.unit, "responsible unit")
        limit = self.assignment_limit(
            issue.channel,
            env.today,
            on=time_limit,
            working_days=working_days,
            calendar_days=calendar_days,
        )
        issue.accept_and_assign(
            env,
            **person.responsible(),
            time_limit=limit,
            reply=self.reply_owed(issue, env.today, reply_by),
        )
        self.store(ctx, issue, "accept_and_assign_issue")
        return issue

    def assignment_limit(
        self,
        channel: Channel,
        today: date,
        *,
        on: date | None = None,
        working_days: int | None = None,
        calendar_days: int | None = None,
    ) -> DueDate | PendingCount:
        """The time limit an assignment gets; complaints without one get the written-answer
        limit (7 working days by default)."""
        complaint = channel.value in self.policy.complaint_channels
        return due_date(
            self.calendar,
            today,
            on=on,
            working_days=working_days,
            calendar_days=calendar_days,
            default_working_days=self.policy.complaint_answer_working_days if complaint else None,
        )

    def note_issue_progress(
        self, ctx: CommandContext, issue_id: UUID, *, note: str, business_date: date | None = None
    ) -> Issue:
        """The lead or an assisting unit notes progress."""
        env = self.envelope(ctx, business_date=business_date)
        return self.change(
            ctx, Issue, issue_id, "note_issue_progress", lambda i: i.note_progress(env, note=note)
        )

    def extend_issue_time_limit(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        approver_id: UUID,
        reason: str,
        new_limit: date | None = None,
        working_days: int | None = None,
        calendar_days: int | None = None,
    ) -> Issue:
        """A new date, or N working/calendar days added to the current time limit."""
        env = self.envelope(ctx, reason=reason)
        issue = self.lead_issue(ctx, issue_id)
        limit = chosen_limit(
            self.calendar,
            issue.time_limit or env.today,
            on=new_limit,
            working_days=working_days,
            calendar_days=calendar_days,
        )
        approver = self.person(approver_id, "approver_id")
        issue.extend_time_limit(
            env,
            new_limit=limit,
            approver=approver.name,
            approver_id=approver.id,
            calendar=self.calendar,
            min_lead_working_days=self.policy.extension_min_lead_working_days,
        )
        self.store(ctx, issue, "extend_issue_time_limit")
        return issue

    def escalate_issue(
        self, ctx: CommandContext, issue_id: UUID, *, to_level: str, reason: str
    ) -> Issue:
        env = self.envelope(ctx, reason=reason)
        return self._issue(
            ctx, issue_id, "escalate_issue", lambda i: i.escalate(env, to_level=to_level)
        )

    def resolve_issue(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        resolution: str,
        business_date: date | None = None,
    ) -> Issue:
        env = self.envelope(ctx, business_date=business_date)
        return self._issue(
            ctx, issue_id, "resolve_issue", lambda i: i.resolve(env, resolution=resolution)
        )

    def explain_issue(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        explanation: str,
        business_date: date | None = None,
    ) -> Issue:
        env = self.envelope(ctx, business_date=business_date)
        return self._issue(
            ctx, issue_id, "explain_issue", lambda i: i.explain(env, explanation=explanation)
        )

    def close_out_issue(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        confirmed_by: str,
        business_date: date | None = None,
    ) -> Issue:
        env = self.envelope(ctx, business_date=business_date)
        return self._issue(
            ctx, issue_id, "close_out_issue", lambda i: i.close_out(env, confirmed_by=confirmed_by)
        )

    def reopen_issue(
        self,
        ctx: CommandContext,
        issue_id: UUID,
        *,
        reason: str,
        time_limit: date | None = None,
        working_days: int | None = None,
        calendar_days: int | None = None,
    ) -> Issue:
        env = self.envelope(ctx, reason=reason)
        limit = chosen_limit(
            self.calendar,
            env.today,
            on=time_limit,
            working_days=working_days,
            calendar_days=calendar_days,
        )
        return self._issue(ctx, issue_id, "reopen_issue", lambda i: i.reopen(env, time_limit=limit))
