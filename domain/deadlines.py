"""Deadlines every aggregate may owe, and the record of the ones that passed unmet.

An aggregate lists its open deadlines (``open_deadlines``); each has a key stable within the
aggregate ("time_limit", "commitment:2", "milestone:start", "visit:2026-10"), a due date (met
until the end of that day, Asia/Shanghai) and who answers for it. A deadline is missed at most
once per due date: extending a time limit gives a new due date that can be missed in its turn.
After a miss the escalation ladder's steps (an urging notice, a circular) are taken once each.

Whether a deadline was missed follows from its due date and the business day of the act that
met it, not from when the watcher looked: an act that meets a deadline after its due date
records the miss itself, in the same save, unless one is recorded already; the watcher records
the misses of deadlines still open. Either way there is one miss per deadline and due date. A
recorded miss stands even when the act is later recorded with an earlier business date: only
the supervision office can withdraw it, with a reason, as an event of its own.
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
    withdrawn: bool = False  # taken back by the supervision office (MissWithdrawn)


@dataclass
class PendingDeadline:
    """A deadline recorded as a count of working days into a year the calendar does not cover
    yet; counted (DeadlineCounted) once it does."""

    key: str
    what: str
    start: date
    working_days: int
    year: int


def miss_key(key: str, due: date) -> str:
    return f"{key}@{due.isoformat()}"
