"""Periods as the views name them — a year "2026", a quarter "2026-Q3", a month "2026-09" —
and the fact-table conditions every view shares (unit or official, days, recorded by)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from domain.assessment import assessment_period
from domain.errors import InvalidPeriodError
from domain.periods import Cadence, period_end, period_start


def bounds(period: str) -> tuple[date, date]:
    try:
        if len(period) == 4:
            return date(int(period), 1, 1), date(int(period), 12, 31)
        if "-H" in period:
            _, first, last = assessment_period(period)
            return first, last
        cadence = Cadence.QUARTERLY if "-Q" in period else Cadence.MONTHLY
        return period_start(period), period_end(period, cadence)
    except (ValueError, InvalidPeriodError):
        raise InvalidPeriodError(
            f"{period!r} is not a period: a year 2026, a half-year 2026-H1, a quarter 2026-Q3"
            " or a month 2026-09"
        ) from None


@dataclass(frozen=True)
class Scope:
    """Whose facts (a unit or an official), over which days, as recorded by when."""

    unit: str | None
    official: str | None
    first: date
    last: date
    as_of: datetime | None = None
    units: frozenset[str] | None = None  # only facts of these units (a jurisdiction)

    def widened(self) -> Scope:
        """The same subject and moment, over all days: for follow-ups of the period's acts."""
        return Scope(self.unit, self.official, date.min, date.max, self.as_of, self.units)

    def recorded_by(self) -> tuple[str, list[Any]]:
        """The condition on facts recorded by the moment asked about (all of them if none)."""
        if self.as_of is None:
            return "1 = 1", []
        moment = self.as_of if self.as_of.tzinfo else self.as_of.replace(tzinfo=UTC)
        return "recorded_at <= ?", [moment.astimezone(UTC).isoformat()]

    def where(self) -> tuple[str, list[Any]]:
        clauses = ["day >= ?", "day <= ?"]
        params: list[Any] = [self.first.isoformat(), self.last.isoformat()]
        for clause, value in (("unit = ?", self.unit), ("official = ?", self.official)):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        if self.units is not None:
            clauses.append(f"unit IN ({', '.join('?' * len(self.units)) or 'NULL'})")
            params.extend(sorted(self.units))
        recorded, moment = self.recorded_by()
        clauses.append(recorded)
        params.extend(moment)
        return " AND ".join(clauses), params
