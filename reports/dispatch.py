"""The monthly dispatch of major projects (重大项目月调度表): each project's list of the year
(省列/市列, 新开工/续建), whether it is real estate, its lead leader and service liaison, its
planned investment for the year, what it completed in the month, in the year so far and since it
began, the rate against the year's plan, where it stands (形象进度: as reported for the month,
then stage and milestones) and its open problems (存在问题).

The month's completion is the figure reported for it, else the step from the report before it;
the year's is the step from the last report before January (domain/project_progress.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from bootstrap.services import Services
from domain.errors import InvalidMonthError
from domain.labels import label_of
from domain.project_progress import amounts, completion_rate
from domain.values import Construction, IssueStatus, ListLevel, MilestoneKind, ProjectStage
from infrastructure.view_store import Tx
from projections.summaries import ProjectSummary
from reports import records
from reports.ledger import LedgerLine, ledger_lines
from reports.scope import Moment, ReportScope
from reports.workbook import Book, Column

COLUMNS = (
    Column("序号", "int"),
    Column("项目名称", "wrap", 28),
    Column("建设单位", "wrap", 24),
    Column("所属行业"),
    Column("列入年度项目表", "wrap", 16),
    Column("是否房地产"),
    Column("项目阶段"),
    Column("包抓领导"),
    Column("服务联络员"),
    Column("总投资（万元）", "money"),
    Column("年度计划投资（万元）", "money"),
    Column("本月完成（万元）", "money"),
    Column("本年累计完成（万元）", "money"),
    Column("年度完成率", "percent"),
    Column("开工以来累计完成（万元）", "money"),
    Column("形象进度", "wrap", 36),
    Column("存在问题", "wrap", 48),
)
_PLANS = (
    "SELECT aggregate_id, data FROM audit_index WHERE aggregate_type = 'Project'"
    " AND event_type = 'AnnualInvestmentPlanned' AND recorded_at <= ? ORDER BY position"
)


@dataclass(frozen=True)
class DispatchLine:
    project: ProjectSummary
    annual_plan: int | None
    this_month: int | None  # None: the month was not reported
    year_to_date: int | None
    to_date: int | None
    standing: str  # 形象进度
    problems: list[str]
    year: int

    @property
    def completion(self) -> float | None:
        return completion_rate(self.year_to_date, self.annual_plan)

    def listed(self, year: int) -> str:
        """省列重大项目（新开工） for the year's list, "未列入" when the project is on none."""
        for listing in self.project.listings:
            if listing.year == year:
                level = label_of(ListLevel, listing.level)
                return f"{level}（{label_of(Construction, listing.construction)}）"
        return "未列入"

    def cells(self, number: int) -> tuple[Any, ...]:
        p = self.project
        return (
            number,
            p.name,
            p.enterprise_name,
            p.sector,
            self.listed(self.year),
            "是" if p.real_estate else "否",
            label_of(ProjectStage, p.stage),
            p.lead_leader or "",
            p.liaison or "",
            wan(p.total_investment),
            wan(self.annual_plan),
            wan(self.this_month),
            wan(self.year_to_date),
            self.completion,
            wan(self.to_date),
            self.standing,
            "\n".join(f"{n}. {text}" for n, text in enumerate(self.problems, start=1)),
        )


def wan(yuan: int | None) -> float | None:
    """Yuan as 万元, the unit dispatch tables are kept in."""
    return None if yuan is None else yuan / 10_000


def check_month(month: str) -> str:
    year, _, part = month.partition("-")
    if not (year.isdigit() and len(year) == 4 and part.isdigit() and 1 <= int(part) <= 12):
        raise InvalidMonthError(f"month {month!r} is not of the form YYYY-MM")
    return f"{year}-{int(part):02d}"


def standing(project: ProjectSummary, month: str, reported: bool) -> str:
    told = next((p.image_progress for p in project.progress if p.month == month), "")
    parts = [told] if told else []
    parts.append(label_of(ProjectStage, project.stage))
    for m in project.milestones:
        kind = label_of(MilestoneKind, m.milestone)
        if m.reached_on is not None:
            parts.append(f"已{kind}（{m.reached_on}）")
        else:
            parts.append(f"计划{kind} {m.planned}")
    if not reported:
        parts.append(f"{month} 未报送进度")
    return "；".join(parts)


def dispatch_lines(
    services: Services, scope: ReportScope, moment: Moment, month: str
) -> list[DispatchLine]:
    month = check_month(month)
    with services.read() as tx:
        found = records.projects(services, tx, scope, moment)
        plans = annual_plans(tx, moment)
    # a project's problems are part of its row, whoever answers for them
    problems = open_problems(ledger_lines(services, ReportScope(), moment))
    lines = []
    for project in found:
        progress = {p.month: p.investment_to_date for p in project.progress}
        recorded = {
            p.month: p.month_investment for p in project.progress if p.month_investment is not None
        }
        this_month, year, to_date = amounts(progress, month, recorded)
        lines.append(
            DispatchLine(
                project=project,
                annual_plan=plans.get((str(project.id), int(month[:4]))),
                this_month=this_month,
                year_to_date=year,
                to_date=to_date,
                standing=standing(project, month, month in progress),
                problems=problems.get(str(project.id), []),
                year=int(month[:4]),
            )
        )
    return lines


def annual_plans(tx: Tx, moment: Moment) -> dict[tuple[str, int], int]:
    """Each project's planned investment by year, the latest revision recorded by then."""
    plans: dict[tuple[str, int], int] = {}
    for project_id, data in tx.fetchall(_PLANS, [moment.recorded_by() or "9999"]):
        fields = msgspec.json.decode(data)
        plans[(str(project_id), int(fields["year"]))] = int(fields["amount"])
    return plans


def open_problems(lines: list[LedgerLine]) -> dict[str, list[str]]:
    open_states = (IssueStatus.RAISED.value, IssueStatus.ASSIGNED.value)
    found: dict[str, list[str]] = {}
    for line in lines:
        issue = line.issue
        if issue.project_id is None or issue.status not in open_states:
            continue
        where = [issue.responsible_unit or label_of(IssueStatus, issue.status)]
        if line.working_days_left is not None and line.working_days_left < 0:
            where.append(f"逾期{-line.working_days_left}个工作日")
        problem = f"{issue.description}（{'，'.join(where)}）"
        found.setdefault(str(issue.project_id), []).append(problem)
    return found


def dispatch_workbook(services: Services, scope: ReportScope, moment: Moment, month: str) -> bytes:
    lines = dispatch_lines(services, scope, moment, month)
    rows = [line.cells(n) for n, line in enumerate(lines, start=1)]
    year, part = check_month(month).split("-")
    title = f"重大项目月调度表（{year}年{int(part)}月，{moment.stamp()}）"
    book = Book()
    book.sheet("月调度", title, COLUMNS, rows)
    return book.close()
