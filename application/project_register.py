"""The major project register's commands: the year's list, the service liaison, the weekly
update and the quarter-end report."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.base import BackOfficeBase
from application.context import CommandContext
from domain.project import Project
from domain.values import Construction, ListLevel


class ProjectRegisterCommands(BackOfficeBase):
    def list_project(
        self,
        ctx: CommandContext,
        project_id: UUID,
        *,
        year: int,
        level: ListLevel,
        construction: Construction,
        reason: str | None = None,
    ) -> Project:
        """The calendar decides which Fridays and 25ths of the year move to a working day."""
        env = self.envelope(ctx, reason=reason)
        return self.change(
            ctx,
            Project,
            project_id,
            "list_project",
            lambda p: p.list_for_year(
                env, year=year, level=level, construction=construction, calendar=self.calendar
            ),
        )

    def assign_liaison(
        self, ctx: CommandContext, project_id: UUID, *, liaison_id: UUID, reason: str | None = None
    ) -> Project:
        env = self.envelope(ctx, reason=reason)
        liaison = self.person(liaison_id, "liaison_id")
        return self.change(
            ctx,
            Project,
            project_id,
            "assign_liaison",
            lambda p: p.assign_liaison(env, liaison=liaison.name, liaison_id=liaison.id),
        )

    def submit_weekly_update(
        self,
        ctx: CommandContext,
        project_id: UUID,
        *,
        week: str,
        summary: str,
        business_date: date | None = None,
        reason: str | None = None,
    ) -> Project:
        env = self.envelope(ctx, business_date=business_date, reason=reason)
        return self.change(
            ctx,
            Project,
            project_id,
            "submit_weekly_update",
            lambda p: p.submit_weekly_update(env, week=week, summary=summary),
        )

    def submit_quarter_report(
        self,
        ctx: CommandContext,
        project_id: UUID,
        *,
        quarter: str,
        summary: str,
        business_date: date | None = None,
        reason: str | None = None,
    ) -> Project:
        env = self.envelope(ctx, business_date=business_date, reason=reason)
        return self.change(
            ctx,
            Project,
            project_id,
            "submit_quarter_report",
            lambda p: p.submit_quarter_report(env, quarter=quarter, summary=summary),
        )
