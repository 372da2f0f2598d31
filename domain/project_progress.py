"""A project's monthly progress as the monthly dispatch (月调度) reads it: the investment to
date, the month's completed investment and the year's, and the completion rate against the
year's planned investment (年度计划投资).

A progress report gives the cumulative investment to date. The month's completed investment is
the step from the month before when that month was reported (a figure given with it must agree),
else the figure given, if any. The year's completion is the step from the last report before
January (none before January: everything reported so far was invested this year)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from domain.errors import (
    InvalidAmountError,
    InvalidMonthError,
    ProgressFiguresDisagreeError,
    ProgressMonthInFutureError,
)
from domain.values import Envelope

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def check_month(envelope: Envelope, month: str) -> date:
    """The first day of a reported month that has begun and lies within the records."""
    match = _MONTH.match(month)
    if match is None:
        raise InvalidMonthError(f"month {month!r} is not of the form YYYY-MM")
    if (int(match[1]), int(match[2])) > (envelope.today.year, envelope.today.month):
        raise ProgressMonthInFutureError(f"month {month} has not begun yet")
    first = date(max(int(match[1]), 1), int(match[2]), 1)  # the year 0000 is no date
    envelope.bounds.check(first, f"month {month}", envelope.today)
    return first


def month_step(
    progress: dict[str, int], first: date, to_date: int, given: int | None
) -> int | None:
    """The month's completed investment to record, checked against the month before."""
    if given is not None and not 0 <= given <= to_date:
        raise InvalidAmountError(
            f"the month's completed investment lies between 0 and the investment to date "
            f"{to_date}; got {given}"
        )
    before = first - timedelta(days=1)
    previous = progress.get(f"{before.year:04d}-{before.month:02d}")
    if previous is None:
        return given
    if given is not None and previous + given != to_date:
        raise ProgressFiguresDisagreeError(
            f"the month before reported {previous} yuan to date; {previous} + {given} is not "
            f"the {to_date} reported now"
        )
    return to_date - previous


def amounts(
    progress: dict[str, int], month: str, recorded: dict[str, int] | None = None
) -> tuple[int | None, int | None, int | None]:
    """(this month, this year so far, to date) as of ``month``; ``recorded`` holds the months'
    completed investment as reported, which wins over the step from an earlier report."""
    reported = sorted(m for m in progress if m <= month)
    if not reported:
        return None, None, None
    to_date = progress[reported[-1]]
    before = [m for m in reported if m < month]
    this_month = None
    if reported[-1] == month:
        known = (recorded or {}).get(month)
        step = to_date - (progress[before[-1]] if before else 0)
        this_month = known if known is not None else step
    earlier = [m for m in reported if m < f"{month[:4]}-01"]
    return this_month, to_date - (progress[earlier[-1]] if earlier else 0), to_date


def completion_rate(year_to_date: int | None, annual_plan: int | None) -> float | None:
    """The year's completed investment over the year's plan, to four places (0.8125 = 81.25%)."""
    if annual_plan is None or year_to_date is None:
        return None
    return round(year_to_date / annual_plan, 4)
