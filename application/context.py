"""What every command carries besides its arguments: who acts, for which unit, under which id,
what the actor's scope covers, and the idempotency key to save with the command's events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from domain.access import Scope


class Clock(Protocol):
    def now(self) -> datetime: ...


@dataclass(frozen=True)
class Actor:
    official: str
    unit: str


@dataclass(frozen=True)
class CommandKey:
    """An idempotency key: saved in the same transaction as the command's events, so a retry
    of a command that was recorded finds it, whatever happened between the commit and the
    answer. ``principal`` keeps one caller's keys apart from another's; ``fingerprint`` is
    the request's, so the same key with another request is refused."""

    principal: str
    key: str
    fingerprint: str
    operation: str


class Reached:
    """The furthest log position a command's saves reached: what a client that wants to read
    its own writes waits for the read models to reach."""

    def __init__(self) -> None:
        self.position = 0

    def note(self, position: int) -> None:
        self.position = max(self.position, position)


@dataclass(frozen=True)
class CommandContext:
    actor: Actor
    command_id: str
    # the system's own work (the demo loader, the watcher, an import on the server) covers all
    scope: Scope = field(default_factory=Scope.all)
    key: CommandKey | None = None
    reached: Reached = field(default_factory=Reached, compare=False, repr=False)
