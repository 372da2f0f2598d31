"""Major projects over HTTP: commands are POSTs on /projects, queries are GETs."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody

from api.actor import actor_guard
from api.commitments import (
    BreakCommitment,
    CommitmentMade,
    KeepCommitment,
    MakeCommitment,
    break_,
    keep,
    make,
)
from api.history import EventRecord, history
from api.issues import Limit, Name, Offset, Text
from application.context import CommandContext
from bootstrap.services import Services
from domain.errors import ProjectNotFoundError
from domain.project import Project
from domain.values import MilestoneKind, ProjectStage, ProjectTier
from projections.project_register import ProjectRegister, summarise
from projections.summaries import ProjectSummary


class RegisterProject(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: Name
    enterprise_name: Name
    enterprise_code: Annotated[str, msgspec.Meta(max_length=18)]
    region_code: Annotated[str, msgspec.Meta(max_length=6)]
    sector: Name
    total_investment: Annotated[int, msgspec.Meta(ge=0, le=10**15)]


class AssignLeader(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    leader: Name
    reason: Text | None = None


class TeamMember(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    member: Name
    reason: Text | None = None


class AdoptPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    start: date
    completion: date
    commissioning: date
    reason: Text | None = None


class ReachMilestone(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    milestone: MilestoneKind
    business_date: date | None = None


class AdvanceStage(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    to: ProjectStage
    reason: Text | None = None


class Reason(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Text


class OptionalReason(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Text | None = None


class ReportProgress(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    month: Annotated[str, msgspec.Meta(max_length=7, description="YYYY-MM")]
    investment_to_date: Annotated[int, msgspec.Meta(ge=0, le=10**15)]
    reason: Text | None = None


class ProjectController(Controller):
    path = "/projects"
    tags = ("projects",)
    guards = (actor_guard,)

    @post("/", operation_id="RegisterProject", sync_to_thread=True)
    def register(
        self,
        data: JSONBody[RegisterProject],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(
            services.office.register_project(
                command,
                name=data.name,
                enterprise_name=data.enterprise_name,
                enterprise_code=data.enterprise_code,
                region_code=data.region_code,
                sector=data.sector,
                total_investment=data.total_investment,
            )
        )

    @post(
        "/{project_id:uuid}/lead-leader",
        operation_id="AssignLeadLeader",
        sync_to_thread=True,
        status_code=200,
    )
    def assign_leader(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[AssignLeader],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        office = services.office
        return summarise(office.assign_lead_leader(command, project_id, leader=data.leader))

    @post(
        "/{project_id:uuid}/team",
        operation_id="AddTeamMember",
        sync_to_thread=True,
        status_code=200,
    )
    def add_member(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[TeamMember],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(services.office.add_team_member(command, project_id, member=data.member))

    @post(
        "/{project_id:uuid}/team/removal",
        operation_id="RemoveTeamMember",
        sync_to_thread=True,
        status_code=200,
    )
    def remove_member(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[TeamMember],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(
            services.office.remove_team_member(
                command, project_id, member=data.member, reason=data.reason
            )
        )

    @post("/{project_id:uuid}/plan", operation_id="AdoptPlan", sync_to_thread=True, status_code=200)
    def adopt_plan(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[AdoptPlan],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(
            services.office.adopt_plan(
                command,
                project_id,
                start=data.start,
                completion=data.completion,
                commissioning=data.commissioning,
                reason=data.reason,
            )
        )

    @post(
        "/{project_id:uuid}/milestones",
        operation_id="ReachMilestone",
        sync_to_thread=True,
        status_code=200,
    )
    def reach_milestone(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[ReachMilestone],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(
            services.office.reach_milestone(
                command, project_id, milestone=data.milestone, business_date=data.business_date
            )
        )

    @post(
        "/{project_id:uuid}/stage",
        operation_id="AdvanceStage",
        sync_to_thread=True,
        status_code=200,
    )
    def advance_stage(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[AdvanceStage],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(
            services.office.advance_stage(command, project_id, to=data.to, reason=data.reason)
        )

    @post(
        "/{project_id:uuid}/suspension",
        operation_id="SuspendProject",
        sync_to_thread=True,
        status_code=200,
    )
    def suspend(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[Reason],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(services.office.suspend_project(command, project_id, reason=data.reason))

    @post(
        "/{project_id:uuid}/resumption",
        operation_id="ResumeProject",
        sync_to_thread=True,
        status_code=200,
    )
    def resume(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[OptionalReason],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(services.office.resume_project(command, project_id, reason=data.reason))

    @post(
        "/{project_id:uuid}/cancellation",
        operation_id="CancelProject",
        sync_to_thread=True,
        status_code=200,
    )
    def cancel(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[Reason],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(services.office.cancel_project(command, project_id, reason=data.reason))

    @post(
        "/{project_id:uuid}/progress",
        operation_id="ReportProgress",
        sync_to_thread=True,
        status_code=200,
    )
    def report_progress(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[ReportProgress],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(
            services.office.report_progress(
                command,
                project_id,
                month=data.month,
                investment_to_date=data.investment_to_date,
                reason=data.reason,
            )
        )

    @post(
        "/{project_id:uuid}/commitments", operation_id="MakeProjectCommitment", sync_to_thread=True
    )
    def make_commitment(
        self,
        project_id: FromPath[UUID],
        data: JSONBody[MakeCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> CommitmentMade:
        return make(services, command, Project, project_id, ProjectNotFoundError, data)

    @post(
        "/{project_id:uuid}/commitments/{number:int}/kept",
        operation_id="KeepProjectCommitment",
        sync_to_thread=True,
        status_code=200,
    )
    def keep_commitment(
        self,
        project_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[KeepCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(
            keep(services, command, Project, project_id, ProjectNotFoundError, number, data)
        )

    @post(
        "/{project_id:uuid}/commitments/{number:int}/broken",
        operation_id="BreakProjectCommitment",
        sync_to_thread=True,
        status_code=200,
    )
    def break_commitment(
        self,
        project_id: FromPath[UUID],
        number: FromPath[int],
        data: JSONBody[BreakCommitment],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> ProjectSummary:
        return summarise(
            break_(services, command, Project, project_id, ProjectNotFoundError, number, data)
        )

    @get("/", operation_id="ListProjects", sync_to_thread=True)
    def list_projects(
        self,
        services: NamedDependency[Services],
        stage: FromQuery[ProjectStage | None] = None,
        tier: FromQuery[ProjectTier | None] = None,
        region_code: FromQuery[str | None] = None,
        lead_leader: FromQuery[str | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[ProjectSummary]:
        with services.read() as tx:
            return ProjectRegister.list(
                tx,
                stage=stage.value if stage else None,
                tier=tier.value if tier else None,
                region_code=region_code,
                lead_leader=lead_leader,
                limit=limit,
                offset=offset,
            )

    @get("/{project_id:uuid}", operation_id="GetProject", sync_to_thread=True)
    def get_project(
        self, project_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> ProjectSummary:
        with services.read() as tx:
            found = ProjectRegister.get(tx, project_id)
        if found is None:
            raise ProjectNotFoundError(f"no project {project_id}")
        return found

    @get("/{project_id:uuid}/events", operation_id="GetProjectEvents", sync_to_thread=True)
    def get_events(
        self, project_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> list[EventRecord]:
        return history(services.office, project_id, Project.Event, ProjectNotFoundError)
