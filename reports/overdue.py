"""The overdue board as a workbook: open problems by responsible unit and traffic light, and
the list of those past their time limit (红灯), as of any moment, for the caller's scope."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bootstrap.services import Services
from domain.calendar import Light
from reports.ledger import LedgerLine, ledger_lines
from reports.scope import Moment, ReportScope
from reports.workbook import Book, Column

SUMMARY = (
    Column("序号", "int"),
    Column("责任单位"),
    Column("红灯（已逾期）", "int"),
    Column("黄灯（临近时限）", "int"),
    Column("绿灯", "int"),
    Column("在办合计", "int"),
)
OVERDUE = (
    Column("序号", "int"),
    Column("责任单位"),
    Column("责任人"),
    Column("企业"),
    Column("问题描述", "wrap", 48),
    Column("办理时限", "date", 12),
    Column("剩余/逾期工作日", "days", 16),
    Column("问题编号", width=38),
)


@dataclass(frozen=True)
class UnitCount:
    unit: str
    red: int
    yellow: int
    green: int


def unit_counts(lines: list[LedgerLine]) -> list[UnitCount]:
    """Ordered as the board is: most red first, then most yellow, then by name."""
    counts: dict[str, Counter[Light]] = {}
    for line in lines:
        if line.light is not None:
            counts.setdefault(line.issue.responsible_unit or "", Counter())[line.light] += 1
    found = [UnitCount(u, c[Light.RED], c[Light.YELLOW], c[Light.GREEN]) for u, c in counts.items()]
    return sorted(found, key=lambda u: (-u.red, -u.yellow, u.unit))


def overdue_workbook(services: Services, scope: ReportScope, moment: Moment) -> bytes:
    lines = ledger_lines(services, scope, moment)
    counts = unit_counts(lines)
    book = Book()
    book.sheet(
        "逾期情况汇总",
        f"在办问题红黄绿灯情况（{moment.stamp()}）",
        SUMMARY,
        [
            (n, c.unit, c.red, c.yellow, c.green, c.red + c.yellow + c.green)
            for n, c in enumerate(counts, start=1)
        ],
    )
    red = [line for line in lines if line.light is Light.RED]
    red.sort(key=lambda line: (line.issue.responsible_unit or "", line.issue.time_limit))
    book.sheet(
        "逾期问题清单",
        f"逾期未办结问题清单（{moment.stamp()}，共 {len(red)} 件）",
        OVERDUE,
        [
            (
                n,
                line.issue.responsible_unit or "",
                line.issue.responsible_person or "",
                line.issue.enterprise_name,
                line.issue.description,
                line.issue.time_limit,
                line.working_days_left,
                str(line.issue.id),
            )
            for n, line in enumerate(red, start=1)
        ],
    )
    return book.close()
