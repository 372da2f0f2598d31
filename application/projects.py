"""Project commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from application.base import BackOfficeBase
from application.context import CommandContext
from domain.project import Project
from domain.values import Construction, MilestoneKind, ProjectStage


class ProjectCommands(BackOfficeBase):
    def register_project(
        self,
        ctx: CommandContext,
        *,
        name: str,
        enterprise_name: str,
        enterprise_code: str,
        region_code: str,
        sector: str,
        total_investment: int,
        real_estate: bool = False,
        construction: Construction = Construction.NEW_START,
    ) -> Project:
        project = Project.register(
            self.envelope(ctx),
            id=uuid4(),
            name=name,
            enterprise_name=enterprise_name,
            enterprise_code=enterprise_code,
            region_code=region_code,
            sector=sector,
            total_investment=total_investment,
            real_estate=real_estate,
            construction=construction,
        )
        self.store(ctx, project, "register_project")
        return project

    def get_project(self, project_id: UUID) -> Project:
        return self.load(Project, project_id)

    def _project(
        self, ctx: CommandContext, project_id: UUID, command: str, act: Callable[[Project], object]
    ) -> Project:
        return self.change(ctx, Project, project_id, command, act)

    def assign_lead_leader(
        self, ctx: CommandContext, project_id: UUID, *, leader_id: UUID, reason: str | None = None
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        leader = self.person(leader_id, "leader_id")
        return self._project(
            ctx,
            project_id,
            "assign_lead_leader",
            lambda p: p.assign_lead_leader(env, leader=leader.name, leader_id=leader.id),
        )

    def add_team_member(
        self, ctx: CommandContext, project_id: UUID, *, member_id: UUID, reason: str | None = None
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        member = self.person(member_id, "member_id")
        return self._project(
            ctx,
            project_id,
            "add_team_member",
            lambda p: p.add_team_member(env, member=member.name, member_id=member.id),
        )

    def remove_team_member(
        self, ctx: CommandContext, project_id: UUID, *, member_id: UUID, reason: str | None = None
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        member = self.person(member_id, "member_id")
        return self._project(
            ctx,
            project_id,
            "remove_team_member",
            lambda p: p.remove_team_member(env, member=member.name, member_id=member.id),
        )

    def adopt_plan(
        self,
        ctx: CommandContext,
        project_id: UUID,
        *,
        start: date,
        completion: date,
        commissioning: date,
        reason: str | None = None,
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        return self._project(
            ctx,
            project_id,
            "adopt_plan",
            lambda p: p.adopt_plan(
                env, start=start, completion=completion, commissioning=commissioning
            ),
        )

    def reach_milestone(
        self,
        ctx: CommandContext,
        project_id: UUID,
        *,
        milestone: MilestoneKind,
        business_date: date | None = None,
    ) -> Project:
        env = self.envelope(ctx, business_date=business_date)
        return self._project(
            ctx,
            project_id,
            "reach_milestone",
            lambda p: p.reach_milestone(env, milestone=milestone),
        )

    def advance_stage(
        self, ctx: CommandContext, project_id: UUID, *, to: ProjectStage, reason: str | None = None
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        return self._project(
            ctx, project_id, "advance_stage", lambda p: p.advance_stage(env, to=to)
        )

    def suspend_project(self, ctx: CommandContext, project_id: UUID, *, reason: str) -> Project:
        env = self.envelope(ctx, reason=reason)
        return self._project(ctx, project_id, "suspend_project", lambda p: p.suspend(env))

    def resume_project(
        self, ctx: CommandContext, project_id: UUID, *, reason: str | None = None
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        return self._project(ctx, project_id, "resume_project", lambda p: p.resume(env))

    def cancel_project(self, ctx: CommandContext, project_id: UUID, *, reason: str) -> Project:
        env = self.envelope(ctx, reason=reason)
        return self._project(ctx, project_id, "cancel_project", lambda p: p.cancel(env))

    def report_progress(
        self,
        ctx: CommandContext,
        project_id: UUID,
        *,
        month: str,
        investment_to_date: int,
        month_investment: int | None = None,
        image_progress: str | None = None,
        reason: str | None = None,
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        return self._project(
            ctx,
            project_id,
            "report_progress",
            lambda p: p.report_progress(
                env,
                month=month,
                investment_to_date=investment_to_date,
                month_investment=month_investment,
                image_progress=image_progress,
            ),
        )

    def plan_annual_investment(
        self,
        ctx: CommandContext,
        project_id: UUID,
        *,
        year: int,
        amount: int,
        reason: str | None = None,
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        return self._project(
            ctx,
            project_id,
            "plan_annual_investment",
            lambda p: p.plan_annual_investment(env, year=year, amount=amount),
        )
