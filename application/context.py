"""What every command carries besides its arguments: who acts, for which unit, under which id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


@dataclass(frozen=True)
class Actor:
    official: str
    unit: str


@dataclass(frozen=True)
class CommandContext:
    actor: Actor
    command_id: str
