"""The demo's scheduler: acts scheduled on their days, then run in time order with the clock
set to each act's moment, so the recorded times read like a real year."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Protocol
from uuid import UUID

from application.back_office import BackOffice
from application.context import Actor, CommandContext
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
        moment = datetime.combine(day, time(hour, len(self.acts) % 60), SHANGHAI)
        self.acts.append((moment, len(self.acts), act))

    def run(self) -> None:
        for moment, _, act in sorted(self.acts, key=lambda item: (item[0], item[1])):
            self.clock.set(moment)
            act()


def ctx(official: str, unit: str) -> CommandContext:
    return CommandContext(Actor(official, unit), command_id=f"demo-{official}-{unit}")
