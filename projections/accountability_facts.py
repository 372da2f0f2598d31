"""AccountabilityFacts: one row per fact an event yields (an issue received, resolved on time,
a visit logged, a deadline missed, a commitment broken, a review submitted…), each with the
position of the event behind it. The accountability view, the one-vote-veto checks and the
review rankings are sums over these rows; filtered by recorded time they answer as of any
moment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from domain.base import DubanAggregate
from domain.calendar import WorkingCalendar
from domain.review import Review
from infrastructure.view_store import Tx
from projections.fact import Fact
from projections.fact_rules import facts_of, submitted_review_facts
from projections.latest import StateStream, born_alone
from projections.tables import MadeByDDL

_DDL = (
    "CREATE TABLE IF NOT EXISTS accountability_facts (position BIGINT NOT NULL,"
    " kind TEXT NOT NULL, unit TEXT NOT NULL, official TEXT NOT NULL, day TEXT NOT NULL,"
    " recorded_at TEXT NOT NULL, aggregate_type TEXT NOT NULL, aggregate_id TEXT NOT NULL,"
    " value REAL, detail TEXT NOT NULL, PRIMARY KEY (position, kind))",
    # a unit's or an official's facts of one kind: most of a unit's facts are reviews, which
    # the accountability figures and most veto rules never read
    "DROP INDEX IF EXISTS accountability_facts_unit",  # (unit, day) until kinds were indexed
    "DROP INDEX IF EXISTS accountability_facts_official",
    "CREATE INDEX IF NOT EXISTS accountability_facts_unit_kind"
    " ON accountability_facts (unit, kind, day)",
    "CREATE INDEX IF NOT EXISTS accountability_facts_official_kind"
    " ON accountability_facts (official, kind, day)",
    "CREATE INDEX IF NOT EXISTS accountability_facts_kind ON accountability_facts (kind, day)",
)
COLUMNS = (  # the order the rows are written and read in
    "position",
    "kind",
    "unit",
    "official",
    "day",
    "recorded_at",
    "aggregate_type",
    "aggregate_id",
    "value",
    "detail",
)


class AccountabilityFacts(MadeByDDL):
    name = "accountability_facts"
    tables = ("accountability_facts",)
    # 2: a bad review is also a fact of its own (bad_review_submitted); 3: a time limit's
    # outcome from its deadline facts (set, superseded, met, missed, withdrawn); misses count
    # against the official who answers, not the watcher's "unit person" text; 4: a session
    # series established and its lead leader named (the veto judges each required series); a
    # financing match's misses count against the unit that recommended it, a summons' against
    # the unit summoned; 5: a project's missed weekly update or quarter-end report counts
    # against its service liaison (the lead leader while none is named); 6: routing —
    # transfers and returns hand a problem on (its limit lapses), assisting parts answer for
    # their own misses, acceptance misses count against the unit answerable for routing
    version = 6
    ddl = _DDL

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.states = StateStream()

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        where = {id(event): position for event, position in zip(events, positions, strict=True)}
        rows = []
        submitted, rest = born_alone(events, (Review.Submitted,))
        for event in submitted:
            recorded = event.timestamp.astimezone(UTC).isoformat()
            aggregate_id = str(event.originator_id)
            position = where[id(event)]
            for fact in submitted_review_facts(event):
                rows.append(_row(position, fact, recorded, "Review", aggregate_id))
        for event, state in self.states.after_each(source, rest, DubanAggregate.Event):
            recorded = event.timestamp.astimezone(UTC).isoformat()
            aggregate_id, kind = str(event.originator_id), type(state).__name__
            position = where[id(event)]
            for fact in facts_of(event, state, self.calendar):
                rows.append(_row(position, fact, recorded, kind, aggregate_id))
        if rows:
            tx.append("accountability_facts", COLUMNS, rows)


def _row(position: int, fact: Fact, recorded: str, kind: str, aggregate_id: str) -> tuple[Any, ...]:
    return (
        position,
        fact.kind,
        fact.unit,
        fact.official,
        fact.day.isoformat(),
        recorded,
        kind,
        aggregate_id,
        fact.value,
        fact.detail,
    )
