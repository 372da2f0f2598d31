"""The problem ledger (问题台账) as offices keep it: one line per problem with its enterprise,
source, responsible unit and person, time limit, working days left or overdue, traffic light,
progress and close-out — as of any moment, for the caller's scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from bootstrap.services import Services
from domain.calendar import Light, traffic_light, working_days_between
from domain.errors import CalendarYearUnknownError
from domain.labels import label, label_of
from domain.values import SHANGHAI, Channel, IssueCategory, IssueStatus
from infrastructure.view_store import Tx
from projections.summaries import IssueSummary
from reports import records
from reports.scope import Moment, ReportScope
from reports.workbook import Book, Column

COLUMNS = (
    Column("序号", "int"),
    Column("企业"),
    Column("统一社会信用代码"),
    Column("问题描述", "wrap", 48),
    Column("问题类别"),
    Column("来源渠道"),
    Column("责任单位"),
    Column("责任人"),
    Column("办理时限", "date", 12),
    Column("剩余/逾期工作日", "days", 16),
    Column("红黄绿灯"),
    Column("办理进展", "wrap", 40),
    Column("是否销号"),
    Column("销号日期", "date", 12),
    Column("问题编号", width=38),
)
HEADERS = tuple(column.header for column in COLUMNS)
_CLOSED = (
    "SELECT aggregate_id, business_date, recorded_at FROM audit_index"
    " WHERE aggregate_type = 'Issue' AND event_type = 'ClosedOut' AND recorded_at <= ?"
    " ORDER BY position"
)


@dataclass(frozen=True)
class LedgerLine:
    issue: IssueSummary
    working_days_left: int | None  # negative: overdue by that many
    light: Light | None
    closed_on: date | None

    def cells(self, number: int) -> tuple[Any, ...]:
        s = self.issue
        return (
            number,
            s.enterprise_name,
            s.enterprise_code,
            s.description,
            label_of(IssueCategory, s.category),
            label_of(Channel, s.channel),
            s.responsible_unit or "",
            s.responsible_person or "",
            s.time_limit,
            self.working_days_left,
            label(self.light) if self.light else "",
            progress(s),
            "是" if s.status == IssueStatus.CLOSED.value else "否",
            self.closed_on,
            str(s.id),
        )


def progress(issue: IssueSummary) -> str:
    """办理进展: the state in the ledger's words, and the latest word on it."""
    state = label_of(IssueStatus, issue.status)
    latest = issue.outcome or issue.last_progress_note
    return f"{state}：{latest}" if latest else state


def ledger_lines(services: Services, scope: ReportScope, moment: Moment) -> list[LedgerLine]:
    with services.read() as tx:
        found = records.issues(services, tx, scope, moment)
    return lines_of(services, found, moment)


def lines_of(services: Services, found: list[IssueSummary], moment: Moment) -> list[LedgerLine]:
    """The ledger's lines for the issues given (a filtered list, as a page shows it)."""
    with services.read() as tx:
        closed = closed_days(tx, moment)
    office = services.office
    lights: dict[date, tuple[int | None, Light | None]] = {}  # many problems share a limit
    lines = []
    for issue in found:
        left, light = None, None
        if issue.status == IssueStatus.ASSIGNED.value and issue.time_limit is not None:
            if issue.time_limit not in lights:
                lights[issue.time_limit] = _standing(office, moment.today, issue.time_limit)
            left, light = lights[issue.time_limit]
        closing = closed.get(str(issue.id)) if issue.status == IssueStatus.CLOSED.value else None
        lines.append(LedgerLine(issue, left, light, closing))
    return lines


def _standing(office: Any, today: date, limit: date) -> tuple[int | None, Light | None]:
    try:
        yellow = office.policy.yellow_working_days
        light = traffic_light(office.calendar, today, limit, yellow)
        return working_days_between(office.calendar, today, limit), light
    except CalendarYearUnknownError:
        return None, Light.RED if today > limit else None


def closed_days(tx: Tx, moment: Moment) -> dict[str, date]:
    """The day each issue was closed out (its latest close-out, should it have reopened)."""
    bound = moment.recorded_by() or "9999"
    days = {}
    for issue_id, business, recorded in tx.fetchall(_CLOSED, [bound]):
        when = datetime.fromisoformat(recorded).astimezone(UTC).astimezone(SHANGHAI).date()
        days[str(issue_id)] = date.fromisoformat(business) if business else when
    return days


def ledger_workbook(services: Services, scope: ReportScope, moment: Moment) -> bytes:
    return workbook_of(ledger_lines(services, scope, moment), moment)


def workbook_of(lines: list[LedgerLine], moment: Moment) -> bytes:
    book = Book()
    rows = [line.cells(number) for number, line in enumerate(lines, start=1)]
    book.sheet("问题台账", f"问题台账（{moment.stamp()}，共 {len(rows)} 件）", COLUMNS, rows)
    return book.close()
