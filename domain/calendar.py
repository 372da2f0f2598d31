"""Working days, as the domain needs them: a port the application fills with the official
Chinese calendar (with its adjusted workdays, 调休), and the due dates counted on it.

A due date records how it was counted (working or calendar days) and which calendar data it
used, so an inspector can recount it. Time limits end at the end of their day, Asia/Shanghai.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from domain.errors import CalendarYearUnknownError


class DayCount(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    EXPLICIT = "explicit"  # a date the officer set, not counted


class WorkingCalendar(Protocol):
    def is_working_day(self, day: date) -> bool:
        """Raises ``CalendarYearUnknownError`` for a year no calendar data covers."""
        ...

    def source_for(self, year: int) -> str:
        """Names the calendar data that decides the given year."""
        ...


@dataclass(frozen=True)
class DueDate:
    due: date
    counted_in: DayCount
    count: int
    start: date
    calendar: str  # which data decided the working days, "" for calendar days


@dataclass(frozen=True)
class PendingCount:
    """A count of working days that reaches a year no calendar data covers yet: the act is
    recorded now, and its due date is counted once the calendar covers ``year``."""

    start: date
    working_days: int
    year: int


def count_or_pend(calendar: WorkingCalendar, start: date, days: int) -> DueDate | PendingCount:
    """The due date ``days`` working days after ``start``, or, when no calendar data covers a
    year the count reaches, the count itself, pending."""
    try:
        return add_working_days(calendar, start, days)
    except CalendarYearUnknownError as unknown:
        return PendingCount(start, days, unknown.year)


def add_working_days(calendar: WorkingCalendar, start: date, days: int) -> DueDate:
    """The day ``days`` working days after ``start`` (``start`` itself not counted)."""
    day, counted, years = start, 0, {start.year}
    while counted < days:
        day += timedelta(days=1)
        years.add(day.year)
        if calendar.is_working_day(day):
            counted += 1
    sources = "; ".join(dict.fromkeys(calendar.source_for(year) for year in sorted(years)))
    return DueDate(day, DayCount.WORKING_DAYS, days, start, sources)


def working_days_before(calendar: WorkingCalendar, end: date, days: int) -> date:
    """The ``days``-th working day before ``end`` (``end`` itself not counted)."""
    day, counted = end, 0
    while counted < days:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def explicit(due: date, start: date) -> DueDate:
    return DueDate(due, DayCount.EXPLICIT, 0, start, "")


def add_calendar_days(start: date, days: int) -> DueDate:
    return DueDate(start + timedelta(days=days), DayCount.CALENDAR_DAYS, days, start, "")


def working_days_between(calendar: WorkingCalendar, start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when end < start."""
    if end < start:
        return -working_days_between(calendar, end, start)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if calendar.is_working_day(start + timedelta(days=offset))
    )


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


def traffic_light(
    calendar: WorkingCalendar, today: date, due: date, yellow_working_days: int
) -> Light:
    """Red once the due day has passed; yellow when that many working days or fewer remain."""
    if today > due:
        return Light.RED
    day, remaining = today, 0  # counted only as far as needed: a board lights thousands
    while day < due:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            remaining += 1
            if remaining > yellow_working_days:
                return Light.GREEN
    return Light.YELLOW


def yellow_boundary(calendar: WorkingCalendar, today: date, yellow_working_days: int) -> date:
    """The last due date that still shows yellow today: later due dates are green."""
    return add_working_days(calendar, today, yellow_working_days + 1).due - timedelta(days=1)
