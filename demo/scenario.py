"""The demo's scheduler: acts scheduled on their days, then run in time order with the clock
set to each act's moment, so the recorded times read like a real year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol
from uuid import UUID

from application.back_office import BackOffice
from application.context import Actor, CommandContext
from domain.calendar import WorkingCalendar
from domain.errors import CalendarYearUnknownError
from domain.values import SHANGHAI


class SettableClock(Protocol):
    def now(self) -> datetime: ...

    def set(self, at: datetime) -> None: ...


@dataclass
class Scenario:
    office: BackOffice
    clock: SettableClock
    acts: list[tuple[datetime, int, Callable[[], object]]] = field(default_factory=list)
    project_ids: dict[int, UUID] = field(default_factory=dict)
    issue_ids: dict[int, UUID] = field(default_factory=dict)
    people: dict[str, UUID] = field(default_factory=dict)  # the directory's, by name
    units: dict[str, UUID] = field(default_factory=dict)

    def at(self, day: date, hour: int, act: Callable[[], object]) -> None:
        """Schedule ``act`` on ``day`` at ``hour`` — an act planned for a weekend or holiday
        happens on the next working day (see ``run``)."""
        moment = datetime.combine(day, time(hour, len(self.acts) % 60), SHANGHAI)
        self.acts.append((moment, len(self.acts), act))

    def workday(self, day: date) -> date:
        """``day`` if it is a working day, else the next one (a year the calendar does not
        cover yet: Monday to Friday but New Year's Day)."""
        while not _works(self.office.calendar, day):
            day += timedelta(days=1)
        return day

    def run(self) -> None:
        """The acts in the order planned, each on a working day: an act planned for a day off
        moves to the next working day, after the acts planned before it and before those
        planned after it, so the order of every chain of acts holds."""
        last: datetime | None = None
        for planned, _, act in sorted(self.acts, key=lambda item: (item[0], item[1])):
            day = self.workday(planned.date())
            moment = planned if day == planned.date() else datetime.combine(day, time(8), SHANGHAI)
            if last is not None and moment <= last:
                moment = last + timedelta(minutes=1)
            self.clock.set(moment)
            act()
            last = moment


def _works(calendar: WorkingCalendar, day: date) -> bool:
    try:
        return calendar.is_working_day(day)
    except CalendarYearUnknownError:
        return day.weekday() < 5 and (day.month, day.day) != (1, 1)


def ctx(official: str, unit: str) -> CommandContext:
    return CommandContext(Actor(official, unit), command_id=f"demo-{official}-{unit}")
