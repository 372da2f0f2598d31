"""总览 and 问题台账: the overview of open problems by unit and light, and the ledger with its
filters, paging, total and the Excel export of what it shows — read through the same ledger
query, scope and traffic light the API's GET /issues uses."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urlencode

from litestar import Request, Response
from litestar.response import Template

from api.audit import AuditController
from api.console.pages import answer_of, page, render
from api.deadlines import light_range
from api.issues import with_light
from api.permissions import READ
from api.projections_status import ProjectionController
from bootstrap.services import Services
from domain.access import Principal
from domain.calendar import Light
from domain.labels import label_of
from domain.values import Channel, IssueCategory, IssueStatus
from projections.issue_ledger import IssueFilter, IssueLedger
from projections.summaries import IssueSummary
from reports.ledger import lines_of, workbook_of
from reports.scope import Moment

PAGE_SIZE = 20
OPEN = {IssueStatus.RAISED.value, IssueStatus.ASSIGNED.value}
FILTERS = (
    "status",
    "unit",
    "enterprise",
    "channel",
    "category",
    "light",
    "overdue",
    "from",
    "until",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


UNASSIGNED = "（待交办）"


@dataclass(frozen=True)
class UnitRow:
    unit: str
    open: int
    red: int
    yellow: int
    green: int

    @property
    def assigned(self) -> bool:
        return self.unit != UNASSIGNED


def _all(services: Services, principal: Principal) -> list[IssueSummary]:
    with services.read() as tx:
        found = IssueLedger.list(tx, IssueFilter(scope=principal.scope), limit=100_000, offset=0)
    return [with_light(services, issue) for issue in found]


def _by_unit(issues: list[IssueSummary]) -> list[UnitRow]:
    lights: dict[str, Counter[str]] = {}
    for issue in issues:
        if issue.status in OPEN:
            unit = issue.responsible_unit or UNASSIGNED
            lights.setdefault(unit, Counter())[issue.light.value if issue.light else "none"] += 1
    return [
        UnitRow(unit, sum(c.values()), c["red"], c["yellow"], c["green"])
        for unit, c in sorted(lights.items(), key=lambda kv: (-kv[1]["red"], kv[0]))
    ]


def _this_month(issues: list[IssueSummary], today: date) -> dict[str, int]:
    month = (today.year, today.month)
    done = {IssueStatus.RESOLVED.value, IssueStatus.EXPLAINED.value, IssueStatus.CLOSED.value}
    return {
        "raised": sum((i.raised_at.year, i.raised_at.month) == month for i in issues),
        "resolved": sum(
            i.status in done and (i.updated_at.year, i.updated_at.month) == month for i in issues
        ),
        "overdue": sum(
            i.status == IssueStatus.ASSIGNED.value
            and i.time_limit is not None
            and i.time_limit < today
            for i in issues
        ),
    }


@dataclass(frozen=True)
class MonthBar:
    month: int
    raised: int
    done: int


def _trend(issues: list[IssueSummary], year: int) -> list[MonthBar]:
    """Problems raised, and problems resolved or closed (by their last change), each month."""
    done = {IssueStatus.RESOLVED.value, IssueStatus.EXPLAINED.value, IssueStatus.CLOSED.value}
    raised = Counter(i.raised_at.month for i in issues if i.raised_at.year == year)
    finished = Counter(
        i.updated_at.month for i in issues if i.status in done and i.updated_at.year == year
    )
    return [MonthBar(m, raised[m], finished[m]) for m in range(1, 13)]


@page("/console/", READ)
def overview(request: Request[Any, Any, Any]) -> Template:
    """总览: open problems by unit with lights, this month's figures, the read models' lag."""
    services: Services = request.app.state.services
    issues = _all(services, request.user)
    today = services.today()
    statuses = answer_of(ProjectionController.list_projections, services=services).items
    lag = max((s.lag for s in statuses), default=0)
    stopped = [s.name for s in statuses if s.stopped]
    return render(
        request,
        "overview.html",
        units=_by_unit(issues),
        trend=_trend(issues, today.year),
        month=_this_month(issues, today),
        today=today,
        lag=lag,
        stopped=stopped,
        total=len(issues),
        may_verify=request.user.role in AuditController.verify.opt["roles"],
    )


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _member(enum: type[StrEnum], text: str | None) -> str | None:
    """A known enum value, or None: the LIKE on the ledger's JSON takes only these."""
    return text if text in {member.value for member in enum} else None


def _filter(services: Services, principal: Principal, query: dict[str, str]) -> IssueFilter:
    status = query.get("status") or None
    light = query.get("light") or ""
    known = light in {member.value for member in Light}
    after, until = light_range(services, Light(light) if known else None)
    return IssueFilter(
        status=status if status in {s.value for s in IssueStatus} else None,
        responsible_unit=query.get("unit") or None,
        enterprise_code=query.get("enterprise") or None,
        scope=principal.scope,
        overdue_on=services.today() if query.get("overdue") == "1" else None,
        limit_after=after,
        limit_until=until,
        channel=_member(Channel, query.get("channel")),
        category=_member(IssueCategory, query.get("category")),
        raised_from=_date(query.get("from")),
        raised_until=_date(query.get("until")),
    )


def _query(request: Request[Any, Any, Any]) -> dict[str, str]:
    return {key: str(request.query_params.get(key) or "").strip() for key in FILTERS}


@page("/console/issues", READ)
def ledger(request: Request[Any, Any, Any]) -> Template:
    """问题台账: filtered, paged, with the total and the export of what is shown."""
    services: Services = request.app.state.services
    query = _query(request)
    where = _filter(services, request.user, query)
    try:
        number = max(1, int(request.query_params.get("page") or 1))
    except ValueError:
        number = 1
    with services.read() as tx:
        total = IssueLedger.count(tx, where)
        found = IssueLedger.list(tx, where, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    kept = {k: v for k, v in query.items() if v}
    return render(
        request,
        "ledger.html",
        issues=[with_light(services, issue) for issue in found],
        total=total,
        page=number,
        pages=max(1, -(-total // PAGE_SIZE)),
        query=query,
        kept=urlencode(kept),
        statuses=[(s.value, label_of(IssueStatus, s.value)) for s in IssueStatus],
        channels=[(c.value, label_of(Channel, c.value)) for c in Channel],
        categories=[(c.value, label_of(IssueCategory, c.value)) for c in IssueCategory],
        lights=[(light.value, label_of(Light, light.value)) for light in Light],
    )


@page("/console/issues.xlsx", READ, opt={"audited": True})
def ledger_export(request: Request[Any, Any, Any]) -> Response[bytes]:
    """The ledger's Excel workbook (the reports' own) of exactly the issues the filter finds."""
    services: Services = request.app.state.services
    where = _filter(services, request.user, _query(request))
    with services.read() as tx:
        found = IssueLedger.list(tx, where, limit=100_000, offset=0)
    moment = Moment.of(services, None)
    content = workbook_of(lines_of(services, found, moment), moment)
    name = quote("问题台账.xlsx")
    disposition = f"attachment; filename=\"ledger.xlsx\"; filename*=UTF-8''{name}"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": disposition})
