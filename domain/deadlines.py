"""Deadlines every aggregate may owe, and the record of the ones that passed unmet.

An aggregate lists its open deadlines (``open_deadlines``); each has a key stable within the
aggregate ("time_limit", "commitment:2", "milestone:start", "visit:2026-10"), a due date (met
until the end of that day, Asia/Shanghai) and who answers for it. A deadline is missed at most
once per due date: extending a time limit gives a new due date that can be missed in its turn.
After a miss the escalation ladder's steps (an urging notice, a circular) are taken once each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Deadline:
    key: str
    what: str
    due: date
    responsible: str

    @property
    def miss_key(self) -> str:
        return miss_key(self.key, self.due)


@dataclass
class MissedDeadline:
    key: str
    what: str
    due: date
    responsible: str
    recorded_on: date
    steps: dict[str, date] = field(default_factory=dict)


def miss_key(key: str, due: date) -> str:
    return f"{key}@{due.isoformat()}"
