"""The console's further pages, each a table of what one API query answers: the page calls
that query's own handler and declares that route's roles, so what a person sees here is
exactly what the API would answer them — one policy, not two."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import msgspec
from litestar import Request
from litestar.handlers import HTTPRouteHandler
from litestar.response import Template

from api.access_log import AccessLogController
from api.assessments import AssessmentController
from api.audit import AuditController, audit_filter
from api.briefings import SessionSeriesController
from api.console.cells import rows_of
from api.console.pages import NAV, answer_of, page, render
from api.financing import FinancingController
from api.judgement import JudgementController
from api.pairings import PairingController
from api.projects import ProjectController
from api.reviews import ReviewController
from api.summonses import SummonsController
from bootstrap.services import Services
from domain.access import Principal
from projections.directory_view import DirectoryView

Args = Callable[[Request[Any, Any, Any], Services], dict[str, Any]]


@dataclass(frozen=True)
class Table:
    path: str
    title: str
    handler: HTTPRouteHandler  # the API's route whose answer the page shows
    args: Args = field(default=lambda request, services: {})
    asks: tuple[str, ...] = ()  # the query fields the page's form offers: unit, period
    note: str = ""
    by_cursor: bool = False  # paged by the audit log's cursor, not by page numbers

    def fetch(self, request: Request[Any, Any, Any]) -> Any:
        services: Services = request.app.state.services
        principal: Principal = request.user
        wanted = inspect.signature(self.handler.fn).parameters
        kwargs = self.args(request, services)
        for name, value in (("request", request), ("services", services), ("principal", principal)):
            if name in wanted:
                kwargs[name] = value
        return answer_of(self.handler, **kwargs)


def _text(request: Request[Any, Any, Any], name: str, default: str = "") -> str:
    return str(request.query_params.get(name) or default).strip()


def _year(request: Request[Any, Any, Any], services: Services) -> str:
    return _text(request, "period", str(services.today().year))


def _unit(request: Request[Any, Any, Any], services: Services) -> str:
    return _text(request, "unit", request.user.unit)


PAGE_SIZE = 20  # rows a table's page shows, as the problem ledger's


def _page_number(request: Request[Any, Any, Any]) -> int:
    """The page a person asked for (``?page=``, from 1); anything else is the first."""
    text = _text(request, "page", "1")
    return int(text) if text.isdigit() and 0 < len(text) < 7 and int(text) > 0 else 1


def _page() -> Args:
    def args(request: Request[Any, Any, Any], services: Services) -> dict[str, Any]:
        return {"limit": PAGE_SIZE, "offset": (_page_number(request) - 1) * PAGE_SIZE}

    return args


def _latest_assessment(request: Request[Any, Any, Any], services: Services) -> dict[str, Any]:
    found = answer_of(
        AssessmentController.list_assessments,
        request=request,
        services=services,
        principal=request.user,
        period=None,
        kind=None,
        limit=200,
        offset=0,
    )
    found = found.items
    published = [a for a in found if a.published]
    return {"assessment_id": (published or found)[-1].id if found else None}


def _audit(request: Request[Any, Any, Any], services: Services) -> dict[str, Any]:
    unit = _text(request, "unit") or None
    actor = _text(request, "actor") or None
    where = audit_filter(request, unit=unit, actor=actor)
    return {"where": where, "cursor": _text(request, "cursor") or None, "limit": 100}


TABLES = [
    Table("/console/projects", "重大项目", ProjectController.list_projects, _page()),
    Table(
        "/console/projects/board",
        "项目月调度",
        JudgementController.projects,
        lambda request, services: {"as_of": None},
    ),
    Table("/console/pairings", "结对帮扶", PairingController.list_pairings, _page()),
    Table("/console/sessions", "政企会议", SessionSeriesController.list_series, _page()),
    Table("/console/financing", "银企对接", FinancingController.list_matches, _page()),
    Table("/console/reviews", "好差评", ReviewController.list_reviews, _page()),
    Table(
        "/console/accountability",
        "问责视图",
        JudgementController.unit_view,
        lambda request, services: {
            "unit": _unit(request, services),
            "period": _year(request, services),
            "as_of": None,
        },
        asks=("unit", "period"),
    ),
    Table(
        "/console/veto",
        "一票否决核查",
        JudgementController.veto,
        lambda request, services: {
            "unit": _unit(request, services),
            "year": None,
            "period": _year(request, services),
            "as_of": None,
        },
        asks=("unit", "period"),
    ),
    Table(
        "/console/rankings",
        "好差评排名",
        JudgementController.rankings,
        lambda request, services: {
            "period": _year(request, services),
            "subjects": "units",
            "n": 3,
            "min_reviews": None,
            "as_of": None,
        },
        asks=("period",),
    ),
    Table(
        "/console/overdue",
        "逾期看板",
        JudgementController.overdue,
        lambda request, services: {"as_of": None},
    ),
    Table(
        "/console/assessment",
        "好评榜与差评通报",
        AssessmentController.lists,
        lambda request, services: {
            **_latest_assessment(request, services),
            "version": None,
            "as_of": None,
        },
        note="最近一次考核的已发布版本。",
    ),
    Table("/console/summonses", "约谈整改", SummonsController.list_summonses, _page()),
    Table(
        "/console/audit",
        "审计日志",
        AuditController.events,
        _audit,
        asks=("unit", "actor"),
        by_cursor=True,
    ),
    Table("/console/verify", "哈希链核验", AuditController.verify),
    Table(
        "/console/access-log",
        "访问记录",
        AccessLogController.entries,
        lambda request, services: {
            "views": services.views,
            "subject": None,
            **_page()(request, services),
        },
    ),
]


def _units(request: Request[Any, Any, Any], services: Services) -> list[str]:
    with services.read() as tx:
        officials = DirectoryView.officials(tx, None)
    units = sorted({str(o["unit"]) for o in officials})
    return [u for u in units if request.user.scope.covers_unit(u)]


def _cursor_of(following: str | None) -> str | None:
    """The audit log's cursor in a page's ``next`` link (a ledger's next link moves its offset)."""
    return parse_qs(urlsplit(following).query).get("cursor", [None])[0] if following else None


def _pages(
    table: Table, request: Request[Any, Any, Any], chosen: dict[str, str], answer: dict[str, Any]
) -> dict[str, Any]:
    """The links between a list's pages: by number (上一页, 第 n / m 页, 下一页) for a ledger
    paged by offset, or 下一页 alone for the audit log, paged by its cursor."""
    more = _cursor_of(answer["next"])
    if table.by_cursor:
        following = f"{table.path}?{urlencode({**chosen, 'cursor': more})}" if more else ""
        return {"next_page": following, "previous_page": "", "page": 0, "pages": 0}
    number = _page_number(request)
    pages = max(1, -(-int(answer["total"]) // PAGE_SIZE))

    def to(n: int) -> str:
        return f"{table.path}?{urlencode({**chosen, 'page': n})}"

    return {
        "next_page": to(number + 1) if answer["next"] else "",
        "previous_page": to(number - 1) if number > 1 else "",
        "page": number,
        "pages": pages,
    }


def _declare(table: Table) -> HTTPRouteHandler:
    roles = table.handler.opt["roles"]
    audited = bool(table.handler.opt.get("audited"))

    def show(request: Request[Any, Any, Any]) -> Template:
        services: Services = request.app.state.services
        answer = msgspec.to_builtins(table.fetch(request))
        listed = isinstance(answer, dict) and answer.keys() == {"items", "total", "next"}
        summary, sections = rows_of(answer["items"] if listed else answer)
        if listed:  # 共 N 条: every item the list holds, not only those on this page
            sections[0]["total"] = answer["total"]
        chosen = {name: _text(request, name) for name in table.asks}
        pages = _pages(table, request, chosen, answer) if listed else {"next_page": ""}
        return render(
            request,
            "table.html",
            title=table.title,
            note=table.note,
            summary=summary,
            sections=sections,
            asks=table.asks,
            units=_units(request, services) if "unit" in table.asks else [],
            chosen=chosen,
            any_unit="actor" in table.asks,
            **pages,
        )

    show.__name__ = "page_" + table.path.strip("/").replace("/", "_").replace("-", "_")
    return page(table.path, roles, opt={"audited": audited})(show)


def table_pages() -> list[HTTPRouteHandler]:
    NAV[:] = [(t.path, t.title, t.handler.opt["roles"]) for t in TABLES]
    return [_declare(table) for table in TABLES]
