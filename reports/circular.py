"""The circular (通报) for a month, a quarter or a year, as of any moment: problems received,
resolved and handled on time, by unit and in total (the accountability view's figures); the
problems overdue (the overdue board); the best and worst rated units of the review rankings;
the assessment's good list, bad circular and summonses, once the period's assessment is
published; a chart of the months' trend and one of the units' on-time rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bootstrap.services import Services
from domain.calendar import Light
from projections.periods_query import Scope, bounds
from projections.rankings import good_and_bad, rank
from reports import charts
from reports.accountability import unit_rows
from reports.assessment_section import assessment_section
from reports.documents import chinese_date, image, percent, render, template
from reports.ledger import LedgerLine, ledger_lines
from reports.overdue import unit_counts
from reports.scope import Moment, ReportScope

QUARTERS = "一二三四"
_TREND = (
    "SELECT substr(day, 1, 7), kind, unit, count(*) FROM accountability_facts WHERE {where}"
    " AND kind IN ('issue_received', 'issue_resolved') GROUP BY substr(day, 1, 7), kind, unit"
)


def period_label(period: str) -> str:
    bounds(period)  # refuses what is not a period
    year, _, part = period.partition("-")
    if not part:
        return f"{year}年度"
    if part.startswith("Q"):
        return f"{year}年第{QUARTERS[int(part[1]) - 1]}季度"
    if part.startswith("H"):
        return f"{year}年{'上' if part == 'H1' else '下'}半年"
    return f"{year}年{int(part)}月"


@dataclass(frozen=True)
class UnitLine:
    """A unit's problems in the period, counted as the accountability view counts them: time
    limits due in the period met in time, met late, or passed and still open."""

    unit: str
    received: int
    resolved: int
    on_time: int
    late: int
    missed_open: int
    overdue: int  # problems past their time limit at the moment, whenever due

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.missed_open

    @property
    def missed(self) -> int:
        return self.late + self.missed_open

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def unit_lines(
    services: Services, scope: ReportScope, moment: Moment, period: str, lines: list[LedgerLine]
) -> list[UnitLine]:
    red = {c.unit: c.red for c in unit_counts(lines)}
    found = []
    for unit, figures in unit_rows(services, scope, moment, period):
        count = {name: int(figure.value or 0) for name, figure in figures.items()}
        found.append(
            UnitLine(
                unit=unit,
                received=count["issues_received"],
                resolved=count["issues_resolved"],
                on_time=count["handled_on_time"],
                late=count["handled_late"],
                missed_open=count["time_limits_missed_open"],
                overdue=red.get(unit, 0),
            )
        )
    # a unit whose facts in the period are all of other kinds has no line in the problems' table
    active = [u for u in found if u.received or u.overdue or u.due]
    return sorted(active, key=lambda line: (-line.received, line.unit))


def trend(
    services: Services, scope: ReportScope, moment: Moment, period: str
) -> tuple[list[str], list[int], list[int]]:
    """Problems received and resolved in each month of the period's year up to its end."""
    last = min(bounds(period)[1], moment.today)
    first = date(last.year, 1, 1)
    where, params = Scope(None, None, first, last, moment.as_of).where()
    months = [f"{last.year}-{m:02d}" for m in range(1, last.month + 1)]
    counts = {(month, kind): 0 for month in months for kind in ("issue_received", "issue_resolved")}
    with services.read() as tx:
        for month, kind, unit, n in tx.fetchall(_TREND.format(where=where), params):
            if scope.covers_unit(unit) and (month, kind) in counts:
                counts[(month, kind)] += int(n)
    received = [counts[(m, "issue_received")] for m in months]
    return months, received, [counts[(m, "issue_resolved")] for m in months]


def reviews(services: Services, scope: ReportScope, moment: Moment, period: str) -> dict[str, Any]:
    """The review rankings' best and worst rated units, as the rankings route draws them for
    the reader's jurisdiction (ties all in, a minimum sample)."""
    n, least = services.documents.circular_list_length, services.office.policy.min_reviews_to_rank
    first, last = bounds(period)
    with services.read() as tx:
        ranked = rank(tx, Scope(None, None, first, last, moment.as_of, scope.units), "units", least)
    good, bad = good_and_bad(ranked, n)
    return {
        "total": sum(r.reviews for r in ranked),
        "good": "、".join(good) or "无",
        "bad": "、".join(bad) or "无",
    }


def totals(units: list[UnitLine], overdue: int) -> dict[str, Any]:
    received, resolved = sum(u.received for u in units), sum(u.resolved for u in units)
    on_time, due = sum(u.on_time for u in units), sum(u.due for u in units)
    return {
        "received": received,
        "resolved": resolved,
        "resolution_rate": percent(resolved / received if received else None),
        "on_time_rate": percent(on_time / due if due else None),
        "due": due,
        "missed": sum(u.missed for u in units),
        "overdue": overdue,
    }


def unit_table(units: list[UnitLine]) -> list[dict[str, Any]]:
    return [
        {
            "n": n,
            "unit": u.unit,
            "received": u.received,
            "resolved": u.resolved,
            "on_time_rate": percent(u.on_time_rate),
            "overdue": u.overdue,
        }
        for n, u in enumerate(units, start=1)
    ]


def overdue_table(lines: list[LedgerLine]) -> list[dict[str, Any]]:
    """The problems past their limit, the longest overdue first."""
    red = [line for line in lines if line.light is Light.RED]
    red.sort(key=lambda line: (line.working_days_left or 0, line.issue.responsible_unit or ""))
    return [
        {
            "unit": line.issue.responsible_unit,
            "description": line.issue.description,
            "enterprise": line.issue.enterprise_name,
            "limit": line.issue.time_limit,
            "days": -(line.working_days_left or 0),
        }
        for line in red
    ]


def chart_images(
    services: Services, document: Any, scope: ReportScope, moment: Moment, period: str,
    units: list[UnitLine],
) -> dict[str, Any]:  # fmt: skip
    months, received, resolved = trend(services, scope, moment, period)
    title = f"{months[0][:4]}年各月问题受理与办结情况"
    rated = [u for u in units if u.on_time_rate is not None]
    rates = charts.on_time_rates(
        [u.unit for u in rated],
        [u.on_time_rate or 0.0 for u in rated],
        f"{period_label(period)}各单位按时办结率",
    )
    return {
        "trend_chart": image(document, charts.monthly_trend(months, received, resolved, title)),
        "rates_chart": image(document, rates),
    }


def circular_document(
    services: Services, scope: ReportScope, moment: Moment, period: str, number: str = ""
) -> bytes:
    lines = ledger_lines(services, scope, moment)
    units = unit_lines(services, scope, moment, period, lines)
    overdue = overdue_table(lines)
    document = template(services.documents, "circular.docx")
    context = {
        "issuer": services.documents.issuer,
        "number": number,
        "period_label": period_label(period),
        "addressed_to": services.documents.circular_addressed_to,
        "as_of": moment.stamp(),
        "issued_on": chinese_date(moment.today),
        "totals": totals(units, len(overdue)),
        "units": unit_table(units),
        "overdue": overdue,
        "reviews": reviews(services, scope, moment, period),
        "assessment": assessment_section(services, scope, moment, period),
        **chart_images(services, document, scope, moment, period, units),
    }
    return render(document, context)
