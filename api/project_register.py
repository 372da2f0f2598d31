"""The major project register over HTTP: the year's list (省列/市列, 新开工/续建), the service
liaison (服务联络员), the weekly update (每周五) and the quarter-end report (季度末月25日前)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller
from litestar.params import FromPath, JSONBody

from api.permissions import ACT
from api.routing import Act, command, fields
from api.schemas import Body, Text, text
from domain.values import Construction, ListLevel
from projections.project_register import summarise
from projections.summaries import ProjectSummary

Week = Annotated[str, text(8, "ISO week, 2026-W40")]
Quarter = Annotated[str, text(7, "quarter, 2026-Q3")]


class ListProject(Body):
    year: Annotated[int, msgspec.Meta(ge=2000, le=2100)]
    level: ListLevel
    construction: Construction
    reason: Text | None = None


class AssignLiaison(Body):
    liaison_id: UUID
    reason: Text | None = None


class WeeklyUpdate(Body):
    week: Week
    summary: Text
    business_date: date | None = None
    reason: Text | None = None


class QuarterReport(Body):
    quarter: Quarter
    summary: Text
    business_date: date | None = None
    reason: Text | None = None


class ProjectRegisterController(Controller):
    path = "/projects"
    tags = ("projects",)

    @command("/{project_id:uuid}/listing", "ListProjectForYear", roles=ACT)
    def list_project(
        self, project_id: FromPath[UUID], data: JSONBody[ListProject], act: Act
    ) -> ProjectSummary:
        """Put the project on this year's or next year's province or city list of major
        projects, as 新开工 or 续建. Its weekly update and quarter-end report are owed from then;
        a Friday or 25th off work is owed on the next working day. Relisting needs a reason.

        Refused with invalid-year, construction-contradicts-stage, calendar-year-unknown,
        reason-required, project-closed, project-not-found."""
        return summarise(act.office.list_project(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/liaison", "AssignProjectLiaison", roles=ACT)
    def assign_liaison(
        self, project_id: FromPath[UUID], data: JSONBody[AssignLiaison], act: Act
    ) -> ProjectSummary:
        """Name the service liaison (服务联络员), a directory official, who answers for the
        project's weekly updates and quarter-end reports.

        Refused with unknown-official, liaison-unchanged, service-team-kept-in-operation,
        project-closed, project-not-found."""
        return summarise(act.office.assign_liaison(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/weekly-updates", "SubmitWeeklyUpdate", roles=ACT)
    def weekly_update(
        self, project_id: FromPath[UUID], data: JSONBody[WeeklyUpdate], act: Act
    ) -> ProjectSummary:
        """The week's update (周调度, due each Friday); a late one records its miss.

        Refused with invalid-week, report-period-not-begun, project-not-listed,
        weekly-update-already-submitted (a correction needs a reason), business-date-in-future,
        project-closed, project-not-found."""
        office = act.office
        return summarise(office.submit_weekly_update(act.command, project_id, **fields(data)))

    @command("/{project_id:uuid}/quarter-reports", "SubmitQuarterReport", roles=ACT)
    def quarter_report(
        self, project_id: FromPath[UUID], data: JSONBody[QuarterReport], act: Act
    ) -> ProjectSummary:
        """The quarter-end report, due on the 25th of the quarter's last month.

        Refused with invalid-period, report-period-not-begun, project-not-listed,
        quarter-report-already-submitted (a correction needs a reason),
        business-date-in-future, project-closed, project-not-found."""
        office = act.office
        return summarise(office.submit_quarter_report(act.command, project_id, **fields(data)))
