"""Major projects (重大项目) over HTTP: commands are POSTs on /projects, queries are GETs."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.paging import Page, paged
from api.permissions import ACT, READ
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import (
    Body,
    CreditCode,
    Investment,
    Limit,
    Name,
    Offset,
    OptionalReason,
    Reason,
    RegionCode,
    Text,
    text,
)
from domain.errors import ProjectNotFoundError
from domain.project import Project
from domain.values import Construction, ListLevel, MilestoneKind, ProjectStage, ProjectTier
from projections.access_index import require_visible
from projections.project_register import ProjectFilter, ProjectRegister, summarise
from projections.summaries import ProjectSummary


class RegisterProject(Body):
    name: Name
    enterprise_name: Name
    enterprise_code: CreditCode
    region_code: RegionCode
    sector: Name
    total_investment: Investment
    real_estate: bool = False  # 房地产业项目: never in the ≥5亿 tiers
    construction: Construction = Construction.NEW_START  # 续建 starts under construction


class AssignLeader(Body):
    leader_id: UUID
    reason: Text | None = None


class TeamMember(Body):
    member_id: UUID
    reason: Text | None = None


class AdoptPlan(Body):
    start: date
    completion: date
    commissioning: date
    reason: Text | None = None


class ReachMilestone(Body):
    milestone: MilestoneKind
    business_date: date | None = None


class AdvanceStage(Body):
    to: ProjectStage
    reason: Text | None = None


class ReportProjectProgress(Body):
    month: Annotated[str, text(7, "YYYY-MM")]
    investment_to_date: Investment
    month_investment: Investment | None = None  # 本月完成投资
    image_progress: Text | None = None  # 形象进度
    reason: Text | None = None


class PlanAnnualInvestment(Body):
    year: Annotated[int, msgspec.Meta(ge=2000, le=2100)]
    amount: Investment
    reason: Text | None = None


class ProjectController(Controller):
    path = "/projects"
    tags = ("projects",)

    @command("/", "RegisterProject", roles=ACT, creates=True)
    def register(self, data: JSONBody[RegisterProject], act: Act) -> ProjectSummary:
        """Register a major project with its enterprise, region, sector and total investment,
        whether it is real estate, and 新开工 (in the reserve) or 续建 (under construction).

        Refused with investment-below-reserve-floor, invalid-credit-code, invalid-region-code,
        blank-text."""
        return summarise(act.office.register_project(act.command, **fields(data)))

    @command("/{project_id:uuid}/lead-leader", "AssignLeadLeader", roles=ACT)
    def assign_leader(
        self, project_id: FromPath[UUID], data: JSONBody[AssignLeader], act: Act
    ) -> ProjectSummary:
        """Name the leader who answers for the project (包抓), a directory official.

        Refused with unknown-official, lead-leader-unchanged, project-closed,
        project-not-found."""
        return summarise(act.office.assign_lead_leader(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/team", "AddTeamMember", roles=ACT)
    def add_member(
        self, project_id: FromPath[UUID], data: JSONBody[TeamMember], act: Act
    ) -> ProjectSummary:
        """Add a directory official to the project's team.

        Refused with unknown-official, team-member-already-added, project-closed,
        project-not-found."""
        return summarise(act.office.add_team_member(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/team/removal", "RemoveTeamMember", roles=ACT)
    def remove_member(
        self, project_id: FromPath[UUID], data: JSONBody[TeamMember], act: Act
    ) -> ProjectSummary:
        """Take an official off the project's team.

        Refused with unknown-official, team-member-not-on-team, project-closed,
        project-not-found."""
        return summarise(act.office.remove_team_member(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/plan", "AdoptPlan", roles=ACT)
    def adopt_plan(
        self, project_id: FromPath[UUID], data: JSONBody[AdoptPlan], act: Act
    ) -> ProjectSummary:
        """Adopt the project's plan: planned dates of start, completion and commissioning.

        Refused with invalid-plan, reason-required (to change an adopted plan),
        project-closed, project-not-found."""
        return summarise(act.office.adopt_plan(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/milestones", "ReachMilestone", roles=ACT)
    def reach_milestone(
        self, project_id: FromPath[UUID], data: JSONBody[ReachMilestone], act: Act
    ) -> ProjectSummary:
        """Record that a planned milestone was reached.

        Refused with milestone-not-planned, milestone-already-reached, business-date-in-future,
        project-closed, project-not-found."""
        return summarise(act.office.reach_milestone(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/stage", "AdvanceStage", roles=ACT)
    def advance_stage(
        self, project_id: FromPath[UUID], data: JSONBody[AdvanceStage], act: Act
    ) -> ProjectSummary:
        """Move the project to its next stage (reserve, negotiation, signed, construction…).

        Refused with illegal-stage-transition, project-closed, project-not-found."""
        return summarise(act.office.advance_stage(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/suspension", "SuspendProject", roles=ACT)
    def suspend(
        self, project_id: FromPath[UUID], data: JSONBody[Reason], act: Act
    ) -> ProjectSummary:
        """Suspend the project, with a reason.

        Refused with illegal-stage-transition, reason-required, project-closed,
        project-not-found."""
        return summarise(act.office.suspend_project(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/resumption", "ResumeProject", roles=ACT)
    def resume(
        self, project_id: FromPath[UUID], data: JSONBody[OptionalReason], act: Act
    ) -> ProjectSummary:
        """Resume a suspended project at the stage it left.

        Refused with illegal-stage-transition, project-closed, project-not-found."""
        return summarise(act.office.resume_project(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/cancellation", "CancelProject", roles=ACT)
    def cancel(
        self, project_id: FromPath[UUID], data: JSONBody[Reason], act: Act
    ) -> ProjectSummary:
        """Cancel the project, with a reason; it takes no change afterwards.

        Refused with illegal-stage-transition, reason-required, project-closed,
        project-not-found."""
        return summarise(act.office.cancel_project(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/progress", "ReportProgress", roles=ACT)
    def report_progress(
        self, project_id: FromPath[UUID], data: JSONBody[ReportProjectProgress], act: Act
    ) -> ProjectSummary:
        """Report the month's progress: investment completed to date, the month's completed
        investment (the step from the month before when that was reported) and 形象进度.

        Refused with progress-already-reported, progress-month-in-future, invalid-month,
        invalid-amount, progress-figures-disagree, project-closed, project-not-found."""
        return summarise(act.office.report_progress(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/annual-plan", "PlanAnnualInvestment", roles=ACT)
    def plan_annual_investment(
        self, project_id: FromPath[UUID], data: JSONBody[PlanAnnualInvestment], act: Act
    ) -> ProjectSummary:
        """Set the investment planned for a year (年度计划投资), which the monthly dispatch
        measures completion against; revising a year's plan needs a reason.

        Refused with invalid-amount, invalid-year, reason-required, project-closed,
        project-not-found."""
        office = act.office
        return summarise(office.plan_annual_investment(act.command, project_id, **fields(data)))

    @query("/", "ListProjects", roles=READ)
    def list_projects(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        stage: FromQuery[ProjectStage | None] = None,
        tier: FromQuery[ProjectTier | None] = None,
        region_code: FromQuery[str | None] = None,
        lead_leader: FromQuery[str | None] = None,
        list_year: FromQuery[Annotated[int, msgspec.Meta(ge=2000, le=2100)] | None] = None,
        list_level: FromQuery[ListLevel | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[ProjectSummary]]:
        """The major project register, filtered by stage, tier, region, lead leader, or the
        year and level of the list it is on."""
        where = ProjectFilter(
            scope=principal.scope,
            stage=stage.value if stage else None,
            tier=tier.value if tier else None,
            region_code=region_code,
            lead_leader=lead_leader,
            list_year=list_year,
            list_level=list_level.value if list_level else None,
        )
        with services.read() as tx:
            found = ProjectRegister.list(tx, where, limit=limit, offset=offset)
            total = ProjectRegister.count(tx, where)
        return paged(request, found, total=total, offset=offset)

    @query("/{project_id:uuid}", "GetProject", roles=READ)
    def get_project(
        self, project_id: FromPath[UUID], services: Svc, principal: Caller
    ) -> ProjectSummary:
        """One major project as the register shows it now."""
        with services.read() as tx:
            require_visible(tx, principal.scope, project_id, Project)
            found = ProjectRegister.get(tx, project_id)
        if found is None:
            raise ProjectNotFoundError(f"no project {project_id}")
        return found
