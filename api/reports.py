"""What offices hand on, over HTTP: the problem ledger, the monthly dispatch, the overdue board
and accountability per unit as Excel workbooks; urging notices and circulars as Word
documents; the Chinese label table. Every export answers ?as_of= with what was recorded by
then, for the caller's scope."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote
from uuid import UUID

import msgspec
from litestar import Controller, Response
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody

from api.permissions import ANYONE_SIGNED_IN, ENTERPRISE, OFFICE, READ
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import AsOf, Body, Days, Period
from domain.issue import Issue
from domain.labels import ENUM_LABELS, ESCALATION_STEPS, EVENT_LABELS
from projections.access_index import require_visible
from reports.accountability import accountability_workbook
from reports.circular import circular_document
from reports.dispatch import dispatch_workbook
from reports.ledger import ledger_workbook
from reports.overdue import overdue_workbook
from reports.scope import Moment, ReportScope
from reports.urging_notice import issue_notice, notice_document

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def provide_scope(principal: Caller, enterprise_code: FromQuery[str | None] = None) -> ReportScope:
    """The caller's scope, built as the issue list builds its filter (one place to change)."""
    return ReportScope(access=principal.scope, enterprise_code=enterprise_code)


def provide_moment(services: Svc, as_of: AsOf = None) -> Moment:
    """What was recorded by ``as_of`` (everything, without one), read on its day."""
    return Moment.of(services, as_of)


Scoped = NamedDependency[ReportScope]
At = NamedDependency[Moment]


def attachment(content: bytes, media_type: str, name: str) -> Response[bytes]:
    """A download named in Chinese (RFC 6266), with an ASCII name for old clients."""
    fallback = name.encode("ascii", "ignore").decode() or "duban"
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


class UrgingNoticeRequest(Body):
    """The miss to urge (its due date; by default the latest awaiting a notice) and the new
    time limit: a date, or working days from today; by default the settings' working days."""

    due: date | None = None
    new_time_limit: date | None = None
    working_days: Days | None = None


class IssuedUrgingNotice(msgspec.Struct, kw_only=True):
    issue_id: UUID
    number: str  # 文号
    key: str
    due: date
    document: str  # where the Word document is rendered from the record


def _named(name: str, moment: Moment) -> str:
    return f"{name}-{moment.today.isoformat()}"


class ReportController(Controller):
    path = "/"
    tags = ("reports",)
    dependencies = {  # noqa: RUF012 - Litestar reads it from the class
        "caller_scope": Provide(provide_scope, sync_to_thread=False),
        "moment": Provide(provide_moment, sync_to_thread=False),
    }

    @query("/reports/ledger.xlsx", "ExportIssueLedger", media_type=XLSX, roles=READ, audited=True)
    def ledger(self, services: Svc, caller_scope: Scoped, moment: At) -> Response[bytes]:
        """The problem ledger (问题台账) as an Excel workbook, for the caller's units."""
        content = ledger_workbook(services, caller_scope, moment)
        return attachment(content, XLSX, f"{_named('问题台账', moment)}.xlsx")

    @query(
        "/reports/monthly-dispatch.xlsx",
        "ExportMonthlyDispatch",
        media_type=XLSX,
        roles=READ,
        audited=True,
    )
    def dispatch(
        self, services: Svc, caller_scope: Scoped, moment: At, month: FromQuery[str]
    ) -> Response[bytes]:
        """The monthly dispatch of major projects (月调度表) for a month YYYY-MM.

        Refused with invalid-month."""
        content = dispatch_workbook(services, caller_scope, moment, month)
        return attachment(content, XLSX, f"重大项目月调度表-{month}.xlsx")

    @query("/reports/overdue.xlsx", "ExportOverdueBoard", media_type=XLSX, roles=READ, audited=True)
    def overdue(self, services: Svc, caller_scope: Scoped, moment: At) -> Response[bytes]:
        """Open problems by unit and traffic light, and those overdue, as a workbook."""
        content = overdue_workbook(services, caller_scope, moment)
        return attachment(content, XLSX, f"{_named('逾期问题', moment)}.xlsx")

    @query(
        "/reports/accountability.xlsx",
        "ExportAccountability",
        media_type=XLSX,
        roles=READ,
        audited=True,
    )
    def accountability(
        self, services: Svc, caller_scope: Scoped, moment: At, period: Period
    ) -> Response[bytes]:
        """Each unit's figures for a period, with the facts behind them, as a workbook.

        Refused with invalid-period."""
        content = accountability_workbook(services, caller_scope, moment, period)
        return attachment(content, XLSX, f"各单位办理情况-{period}.xlsx")

    @query("/reports/circular.docx", "ExportCircular", media_type=DOCX, roles=READ, audited=True)
    def circular(
        self,
        services: Svc,
        caller_scope: Scoped,
        moment: At,
        period: Period,
        number: FromQuery[str] = "",
    ) -> Response[bytes]:
        """The circular (通报) of a period as a Word document: figures by unit, problems
        overdue, the good and bad lists, two charts.

        Refused with invalid-period."""
        content = circular_document(services, caller_scope, moment, period, number)
        return attachment(content, DOCX, f"通报-{period}.docx")

    @command(
        "/reports/urging-notices/{issue_id:uuid}", "IssueUrgingNotice", roles=OFFICE, creates=True
    )
    def issue_urging_notice(
        self, issue_id: FromPath[UUID], data: JSONBody[UrgingNoticeRequest], act: Act, services: Svc
    ) -> IssuedUrgingNotice:
        """Issue the urging notice (督办通知) of a missed deadline: numbered, addressed to the
        responsible official and their unit's leader from the directory, recorded on the issue.

        The supervision office's act. Refused with urging-notice-not-due (the escalation
        ladder has not taken its urging-notice step), urging-notice-already-issued,
        issue-not-open, due-date-in-past, issue-not-found."""
        issued = issue_notice(services, act.command, issue_id, **fields(data))
        return IssuedUrgingNotice(
            issue_id=issue_id,
            number=issued.number,
            key=issued.key,
            due=issued.due,
            document=f"/reports/urging-notices/{issue_id}/document.docx?due={issued.due}",
        )

    @query(
        "/reports/urging-notices/{issue_id:uuid}/document.docx",
        "GetUrgingNotice",
        media_type=DOCX,
        roles=READ,
        audited=True,
    )
    def urging_notice(
        self,
        issue_id: FromPath[UUID],
        services: Svc,
        principal: Caller,
        due: FromQuery[date | None] = None,
    ) -> Response[bytes]:
        """A recorded urging notice as a Word document (the miss due ``due``, else the latest).

        Refused with urging-notice-not-found, issue-not-found."""
        with services.read() as tx:
            require_visible(tx, principal.scope, issue_id, Issue)
        content = notice_document(services, issue_id, due)
        return attachment(content, DOCX, f"督办通知-{issue_id}.docx")

    @query("/labels", "GetLabels", roles=ANYONE_SIGNED_IN | {ENTERPRISE})
    def labels(self) -> dict[str, dict[str, str]]:
        """The Chinese label of every enum value, escalation step and event type."""
        table = {
            enum.__name__: {str(value): text for value, text in names.items()}
            for enum, names in ENUM_LABELS.items()
        }
        return {**table, "EscalationStep": ESCALATION_STEPS, "Event": dict(EVENT_LABELS)}
