"""Turning what an officer asked for — a date, N working days, N calendar days — into a due
date that records how it was counted."""

from __future__ import annotations

from datetime import date

from domain.calendar import (
    DueDate,
    PendingCount,
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    count_or_pend,
    explicit,
)
from domain.errors import InvalidValueError, TimeLimitRequiredError


class AmbiguousTimeLimitError(InvalidValueError):
    rule = "ambiguous-time-limit"


class CalendarNotConfigured:
    """Stands in until a calendar is injected: refuses rather than count Monday to Friday."""

    def is_working_day(self, day: date) -> bool:
        raise TimeLimitRequiredError(
            "no working-day calendar is configured; give the time limit as a date"
        )

    def source_for(self, year: int) -> str:
        return "none"


def chosen_limit(
    calendar: WorkingCalendar,
    start: date,
    *,
    on: date | None = None,
    working_days: int | None = None,
    calendar_days: int | None = None,
) -> DueDate:
    """A limit the officer gives — a date, or working or calendar days — counted now; refused
    when the count reaches a year no calendar covers (a date works instead)."""
    given = [value for value in (on, working_days, calendar_days) if value is not None]
    if len(given) > 1:
        raise AmbiguousTimeLimitError(
            "give the time limit one way only: a date, working days or calendar days"
        )
    if on is not None:
        return explicit(on, start)
    if calendar_days is not None:
        return add_calendar_days(start, _positive(calendar_days))
    if working_days is None:
        raise TimeLimitRequiredError("a time limit is required: a date or a number of days")
    return add_working_days(calendar, start, _positive(working_days))


def due_date(
    calendar: WorkingCalendar,
    start: date,
    *,
    on: date | None = None,
    working_days: int | None = None,
    calendar_days: int | None = None,
    default_working_days: int | None = None,
) -> DueDate | PendingCount:
    """The officer's limit if one is given, else the policy's default (the written answer to a
    complaint): a fact of the rules, never refused — into a year no calendar covers yet it is
    recorded as pending, and counted when the calendar covers that year."""
    if default_working_days is None or any(
        v is not None for v in (on, working_days, calendar_days)
    ):
        return chosen_limit(
            calendar, start, on=on, working_days=working_days, calendar_days=calendar_days
        )
    return count_or_pend(calendar, start, _positive(default_working_days))


def _positive(days: int) -> int:
    if days <= 0:
        raise InvalidValueError(f"a time limit counts at least one day, got {days}")
    return days
