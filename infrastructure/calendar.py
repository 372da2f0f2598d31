"""The official Chinese working-day calendar: the `chinesecalendar` package plus an override
file for years it does not know yet. A year neither covers raises CalendarYearUnknownError."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path

import chinese_calendar

from domain.errors import CalendarYearUnknownError

DEFAULT_OVERRIDES = Path(__file__).parent / "config" / "calendar_overrides.toml"
_PACKAGE = f"chinesecalendar {metadata.version('chinesecalendar')}"


@dataclass(frozen=True)
class YearOverride:
    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str


class OfficialCalendar:
    def __init__(self, overrides: dict[int, YearOverride] | None = None) -> None:
        self._overrides = overrides or {}
        # the package scans its whole table to validate each date (~30 µs); a day's answer
        # never changes while the process runs, so each is looked up once
        self._known: dict[date, bool] = {}

    @classmethod
    def from_file(cls, path: Path | None = None) -> OfficialCalendar:
        """The override file named by DUBAN_CALENDAR_OVERRIDES, else the bundled one."""
        return cls(load_overrides(path or overrides_path()))

    def coverage(self) -> dict[int, str]:
        """Each year the calendar covers, with the data that decides it."""
        years = {day.year for day in chinese_calendar.holidays}
        years |= {day.year for day in chinese_calendar.workdays}
        found = dict.fromkeys(sorted(years), _PACKAGE)
        found.update({year: o.source for year, o in self._overrides.items()})
        return dict(sorted(found.items()))

    def is_working_day(self, day: date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = self._known[day] = self._look_up(day)
        return known

    def _look_up(self, day: date) -> bool:
        override = self._overrides.get(day.year)
        if override is not None:
            if day in override.workdays:
                return True
            return day.weekday() < 5 and day not in override.holidays
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            raise CalendarYearUnknownError(day.year) from None

    def source_for(self, year: int) -> str:
        override = self._overrides.get(year)
        return override.source if override is not None else _PACKAGE


def overrides_path() -> Path:
    configured = os.environ.get("DUBAN_CALENDAR_OVERRIDES")
    return Path(configured) if configured else DEFAULT_OVERRIDES


def load_overrides(path: Path) -> dict[int, YearOverride]:
    with path.open("rb") as handle:
        years = tomllib.load(handle).get("years", {})
    overrides = {}
    for key, entry in years.items():
        year = int(key)
        holidays = frozenset(date.fromisoformat(d) for d in entry.get("holidays", []))
        workdays = frozenset(date.fromisoformat(d) for d in entry.get("workdays", []))
        stray = [d for d in holidays | workdays if d.year != year]
        if stray:
            raise ValueError(f"{path}: dates outside {year} in its entry: {sorted(stray)}")
        published = entry.get("published", "")
        overrides[year] = YearOverride(
            year, holidays, workdays, f"override {path.name} {year} {published}".strip()
        )
    return overrides
