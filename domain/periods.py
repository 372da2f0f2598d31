"""Calendar periods the mechanisms run on: months, quarters, half-years."""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

from domain.errors import InvalidPeriodError


class Cadence(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


def period_of(day: date, cadence: Cadence) -> str:
    if cadence is Cadence.MONTHLY:
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def period_start(period: str) -> date:
    year, part = period.split("-")
    if part.startswith("Q"):
        return date(int(year), (int(part[1]) - 1) * 3 + 1, 1)
    return date(int(year), int(part), 1)


def period_end(period: str, cadence: Cadence) -> date:
    start = period_start(period)
    months = 1 if cadence is Cadence.MONTHLY else 3
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def next_period(period: str, cadence: Cadence) -> str:
    return period_of(period_end(period, cadence) + timedelta(days=1), cadence)


HALF_YEAR = re.compile(r"^(\d{4})-H([12])$")


def require_half_year(period: str) -> tuple[int, int]:
    match = HALF_YEAR.match(period)
    if match is None:
        raise InvalidPeriodError(f"{period!r} is not a half-year such as 2026-H1")
    return int(match[1]), int(match[2])
