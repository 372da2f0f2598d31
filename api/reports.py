"""What offices hand on, over HTTP: the problem ledger, the monthly dispatch, the overdue board
and accountability per unit as Excel workbooks; urging notices and circulars as Word
documents; the Chinese label table. Every export answers ?as_of= with what was recorded by
then, for the caller's scope."""

from __future__ import annotations

from urllib.parse import quote

from litestar import Controller, Response
from litestar.params import FromQuery

from api.auth import Principal
from api.permissions import actor_guard
from api.routing import Caller, Svc, query
from api.schemas import AsOf, Period
from domain.labels import ENUM_LABELS, ESCALATION_STEPS, EVENT_LABELS
from reports.accountability import accountability_workbook
from reports.dispatch import dispatch_workbook
from reports.ledger import ledger_workbook
from reports.overdue import overdue_workbook
from reports.scope import Moment, ReportScope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_scope(principal: Principal, enterprise_code: str | None) -> ReportScope:
    """The caller's scope, built as the issue list builds its filter (one place to change)."""
    return ReportScope(units=principal.scope, enterprise_code=enterprise_code)


def attachment(content: bytes, media_type: str, name: str) -> Response[bytes]:
    """A download named in Chinese (RFC 6266), with an ASCII name for old clients."""
    fallback = name.encode("ascii", "ignore").decode() or "duban"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def _day(moment: Moment) -> str:
    return moment.today.isoformat()


class ReportController(Controller):
    path = "/"
    tags = ("reports",)
    guards = (actor_guard,)

    @query("/reports/ledger.xlsx", "ExportIssueLedger", media_type=XLSX)
    def ledger(
        self,
        services: Svc,
        principal: Caller,
        enterprise_code: FromQuery[str | None] = None,
        as_of: AsOf = None,
    ) -> Response[bytes]:
        """The problem ledger (问题台账) as an Excel workbook, for the caller's units."""
        moment = Moment.of(services, as_of)
        content = ledger_workbook(services, report_scope(principal, enterprise_code), moment)
        return attachment(content, XLSX, f"问题台账-{_day(moment)}.xlsx")

    @query("/reports/monthly-dispatch.xlsx", "ExportMonthlyDispatch", media_type=XLSX)
    def dispatch(
        self,
        services: Svc,
        principal: Caller,
        month: FromQuery[str],
        enterprise_code: FromQuery[str | None] = None,
        as_of: AsOf = None,
    ) -> Response[bytes]:
        """The monthly dispatch of major projects (月调度表) for a month YYYY-MM.

        Refused with invalid-month."""
        moment = Moment.of(services, as_of)
        scope = report_scope(principal, enterprise_code)
        content = dispatch_workbook(services, scope, moment, month)
        return attachment(content, XLSX, f"重大项目月调度表-{month}.xlsx")

    @query("/reports/overdue.xlsx", "ExportOverdueBoard", media_type=XLSX)
    def overdue(
        self,
        services: Svc,
        principal: Caller,
        enterprise_code: FromQuery[str | None] = None,
        as_of: AsOf = None,
    ) -> Response[bytes]:
        """Open problems by unit and traffic light, and those overdue, as a workbook."""
        moment = Moment.of(services, as_of)
        content = overdue_workbook(services, report_scope(principal, enterprise_code), moment)
        return attachment(content, XLSX, f"逾期问题-{_day(moment)}.xlsx")

    @query("/reports/accountability.xlsx", "ExportAccountability", media_type=XLSX)
    def accountability(
        self, services: Svc, principal: Caller, period: Period, as_of: AsOf = None
    ) -> Response[bytes]:
        """Each unit's figures for a period, with the facts behind them, as a workbook.

        Refused with invalid-period."""
        moment = Moment.of(services, as_of)
        scope = report_scope(principal, None)
        content = accountability_workbook(services, scope, moment, period)
        return attachment(content, XLSX, f"各单位办理情况-{period}.xlsx")

    @query("/labels", "GetLabels")
    def labels(self) -> dict[str, dict[str, str]]:
        """The Chinese label of every enum value, escalation step and event type."""
        table = {
            enum.__name__: {str(value): text for value, text in names.items()}
            for enum, names in ENUM_LABELS.items()
        }
        return {**table, "EscalationStep": ESCALATION_STEPS, "Event": dict(EVENT_LABELS)}
