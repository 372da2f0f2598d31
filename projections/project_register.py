"""ProjectRegister: the major-project register — every project's current state, filterable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.application import Application

from domain.access import Scope
from domain.project import Project
from domain.project_progress import amounts, completion_rate
from infrastructure.view_store import Tx
from projections.access_index import visible
from projections.latest import states_at
from projections.summaries import (
    AnnualPlanSummary,
    ListingSummary,
    MilestoneSummary,
    ProgressSummary,
    ProjectSummary,
    commitments_of,
)
from projections.tables import MadeByDDL, count_where

_DDL = (
    "CREATE TABLE IF NOT EXISTS project_register ("
    " id TEXT PRIMARY KEY, stage TEXT NOT NULL, tier TEXT NOT NULL, region_code TEXT NOT NULL,"
    " lead_leader TEXT, registered_at TEXT NOT NULL, lists TEXT NOT NULL, doc TEXT NOT NULL)",
)
_COLUMNS = ("id", "stage", "tier", "region_code", "lead_leader", "registered_at", "lists", "doc")


def _lists(summary: ProjectSummary) -> str:
    """The years and levels the project is listed for, "|2026:province|2027:city|"."""
    return "|" + "".join(f"{s.year}:{s.level.value}|" for s in summary.listings)


def _annual_plans(project: Project) -> list[AnnualPlanSummary]:
    plans = []
    for year, amount in sorted(project.annual_plans.items()):
        months = [m for m in project.progress if m.startswith(f"{year}-")]
        done = None
        if months:
            done = amounts(project.progress, max(months), project.month_investment)[1]
        plans.append(
            AnnualPlanSummary(
                year=year, amount=amount, completed=done, completion=completion_rate(done, amount)
            )
        )
    return plans


def summarise(project: Project) -> ProjectSummary:
    plan = project.plan or {}
    return ProjectSummary(
        id=project.id,
        name=project.name,
        enterprise_name=project.enterprise_name,
        enterprise_code=project.enterprise_code,
        region_code=project.region_code,
        sector=project.sector,
        total_investment=project.total_investment,
        tier=project.tier,
        stage=project.stage,
        lead_leader=project.lead_leader,
        team=list(project.team),
        milestones=[
            MilestoneSummary(
                milestone=kind,
                planned=planned,
                reached_on=project.milestones_reached.get(kind),
            )
            for kind, planned in plan.items()
        ],
        progress=[
            ProgressSummary(
                month=month,
                investment_to_date=amount,
                month_investment=project.month_investment.get(month),
                image_progress=project.image_progress.get(month, ""),
            )
            for month, amount in sorted(project.progress.items())
        ],
        commitments=commitments_of(project),
        registered_at=project.created_on,
        updated_at=project.modified_on,
        version=project.version,
        real_estate=project.real_estate,
        construction=project.construction,
        liaison=project.liaison,
        listings=[
            ListingSummary(
                year=year,
                level=listing.level,
                construction=listing.construction,
                listed_on=listing.listed_on,
            )
            for year, listing in sorted(project.listings.items())
        ],
        annual_plans=_annual_plans(project),
        weekly_updates=sorted(project.weekly_updates),
        quarter_reports=sorted(project.quarter_reports),
        carried_over_on=project.carried_over_on,
    )


class ProjectRegister(MadeByDDL):
    name = "project_register"
    subscribes = (Project.Event,)
    version = 2  # 2: the register's lists, liaison, reports and annual completion
    tables = ("project_register",)
    ddl = _DDL

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        rows = []
        for project in states_at(source, events, Project.Event):
            summary = summarise(project)
            rows.append(
                (
                    str(summary.id),
                    summary.stage.value,
                    summary.tier.value,
                    summary.region_code,
                    summary.lead_leader,
                    summary.registered_at.isoformat(),
                    _lists(summary),
                    msgspec.json.encode(summary).decode(),
                )
            )
        if rows:
            tx.upsert("project_register", _COLUMNS, "id", rows)

    @staticmethod
    def get(tx: Tx, project_id: UUID) -> ProjectSummary | None:
        rows = tx.fetchall("SELECT doc FROM project_register WHERE id = ?", [str(project_id)])
        return msgspec.json.decode(rows[0][0], type=ProjectSummary) if rows else None

    @staticmethod
    def list(tx: Tx, where: ProjectFilter, *, limit: int, offset: int) -> list[ProjectSummary]:
        clauses, params = _conditions(where)
        sql = (
            "SELECT doc FROM project_register WHERE "  # noqa: S608 - clauses are fixed strings
            + " AND ".join(clauses)
            + " ORDER BY registered_at, id LIMIT ? OFFSET ?"
        )
        rows = tx.fetchall(sql, [*params, limit, offset])
        return [msgspec.json.decode(row[0], type=ProjectSummary) for row in rows]

    @staticmethod
    def count(tx: Tx, where: ProjectFilter) -> int:
        """How many projects ``list`` finds over all its pages."""
        clauses, params = _conditions(where)
        return count_where(tx, "project_register", clauses, params)


@dataclass(frozen=True, kw_only=True)
class ProjectFilter:
    """The register's filters, and the scope of the one who asks."""

    scope: Scope
    stage: str | None = None
    tier: str | None = None
    region_code: str | None = None
    lead_leader: str | None = None
    list_year: int | None = None
    list_level: str | None = None


def _conditions(where: ProjectFilter) -> tuple[list[str], list[Any]]:
    covered, params = visible(where.scope)
    clauses = [covered]
    for column, value in (
        ("stage", where.stage),
        ("tier", where.tier),
        ("region_code", where.region_code),
        ("lead_leader", where.lead_leader),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if where.list_year is not None or where.list_level is not None:
        year = where.list_year if where.list_year is not None else "%"
        clauses.append("lists LIKE ?")
        params.append(f"%|{year}:{where.list_level or '%'}|%")
    return clauses, params
