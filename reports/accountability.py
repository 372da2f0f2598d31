"""Accountability per unit as a workbook: each unit's figures for a period (problems received,
resolved on time or late, deadlines missed, commitments, visits, sessions) as the
accountability view counts them, and a sheet of the facts behind every figure, each with the
position of its event in the audit log and that event's description."""

from __future__ import annotations

from datetime import date
from typing import Any

from bootstrap.services import Services
from infrastructure.view_store import Tx
from projections.accountability import evidence, figures
from projections.periods_query import Scope, bounds
from reports.scope import Moment, ReportScope
from reports.workbook import Book, Column

FIGURES = {  # figure → column header, in the order the sheet shows them
    "issues_received": "受理问题",
    "issues_resolved": "办结",
    "issues_explained": "解释说明",
    "issues_closed_out": "销号",
    "issues_reopened": "重新交办",
    "issues_handed_on": "转办退回",
    "assisting_parts_received": "承担协办",
    "assisting_parts_completed": "协办办结",
    "one_time_notices_given": "一次性告知",
    "resolution_rate": "办结率",
    "handled_on_time": "按时办结",
    "handled_late": "超时办结",
    "time_limits_missed_open": "逾期未办结",
    "time_limits_due": "到期时限",
    "on_time_rate": "按时办结率",
    "deadlines_missed": "逾期次数",
    "commitments_made": "作出承诺",
    "commitments_kept": "兑现承诺",
    "commitments_broken": "未兑现承诺",
    "pairings_established": "新建结对",
    "visits_logged": "走访次数",
    "months_without_visit": "缺访月数",
    "sessions_held": "召开活动",
    "bad_reviews_rectified": "差评整改",
    "average_working_days_to_close_out": "平均销号用时（工作日）",
}
RATES = frozenset({"resolution_rate", "on_time_rate"})
EVIDENCE_OF = {  # the fact kinds behind the figures, as the evidence sheet names them
    "issue_received": "受理问题",
    "issue_resolved": "办结",
    "issue_explained": "解释说明",
    "issue_closed": "销号",
    "issue_reopened": "重新交办",
    "issue_handed_on": "转办退回",
    "assist_received": "承担协办",
    "assist_completed": "协办办结",
    "one_time_notice_given": "一次性告知",
    "issue_replied": "书面答复",
    "handled_on_time": "按时办结",
    "handled_late": "超时办结",
    "time_limits_missed_open": "逾期未办结",
    "deadline_missed": "逾期",
    "deadline_miss_withdrawn": "撤销逾期认定",
    "commitment_made": "作出承诺",
    "commitment_kept": "兑现承诺",
    "commitment_broken": "未兑现承诺",
    "pairing_established": "新建结对",
    "visit_logged": "走访",
    "visit_month_missed": "缺访月份",
    "session_held": "召开活动",
    "review_rectified": "差评整改",
}
EVIDENCE_LIMIT = 100_000
EVIDENCE = (
    Column("责任单位"),
    Column("事项"),
    Column("责任人"),
    Column("日期", "date", 12),
    Column("审计日志位置", "int"),
    Column("记录", "wrap", 80),
)


def units_in(tx: Tx, scope: ReportScope, period: Scope) -> list[str]:
    where, params = period.where()
    rows = tx.fetchall(
        f"SELECT DISTINCT unit FROM accountability_facts WHERE {where} AND unit <> ''",  # noqa: S608
        params,
    )
    found = {str(row[0]) for row in rows}
    return sorted(unit for unit in found if scope.covers_unit(unit))


def unit_rows(services: Services, scope: ReportScope, moment: Moment, period: str) -> list[Any]:
    first, last = bounds(period)
    with services.read() as tx:
        units = units_in(tx, scope, Scope(None, None, first, last, moment.as_of))
        return [
            (unit, figures(tx, Scope(unit, None, first, last, moment.as_of), moment.today))
            for unit in units
        ]


def evidence_rows(
    services: Services, units: list[str], moment: Moment, period: str
) -> list[tuple[Any, ...]]:
    """Each unit's facts of each kind the figures rest on, as the evidence view lists them."""
    first, last = bounds(period)
    facts = []
    with services.read() as tx:
        for unit in units:
            scope = Scope(unit, None, first, last, moment.as_of)
            for kind, label in EVIDENCE_OF.items():
                for fact in evidence(tx, scope, kind, EVIDENCE_LIMIT, moment.today):
                    facts.append((unit, label, fact))
        said = _descriptions(tx, sorted({int(fact["position"]) for _, _, fact in facts}))
    return [
        (
            unit,
            label,
            f["official"],
            _day(f["day"]),
            int(f["position"]),
            said.get(int(f["position"]), ""),
        )
        for unit, label, f in facts
    ]


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _column(figure: str) -> Column:
    kind = "percent" if figure in RATES else "money" if figure.startswith("average") else "int"
    return Column(FIGURES[figure], kind)


def _descriptions(tx: Tx, positions: list[int]) -> dict[int, str]:
    said: dict[int, str] = {}
    for start in range(0, len(positions), 500):
        chunk = positions[start : start + 500]
        sql = "SELECT position, description FROM audit_index WHERE position IN ({})"
        for position, text in tx.fetchall(sql.format(", ".join("?" * len(chunk))), chunk):
            said[int(position)] = str(text)
    return said


def accountability_workbook(
    services: Services, scope: ReportScope, moment: Moment, period: str
) -> bytes:
    found = unit_rows(services, scope, moment, period)
    columns = (Column("序号", "int"), Column("责任单位"), *map(_column, FIGURES))
    rows = [
        (n, unit, *(figs[name].value for name in FIGURES))
        for n, (unit, figs) in enumerate(found, start=1)
    ]
    book = Book()
    book.sheet("各单位统计", f"各单位办理情况统计（{period}，{moment.stamp()}）", columns, rows)
    evidence = evidence_rows(services, [unit for unit, _ in found], moment, period)
    book.sheet("统计依据", f"统计依据（{period}，共 {len(evidence)} 条）", EVIDENCE, evidence)
    return book.close()
