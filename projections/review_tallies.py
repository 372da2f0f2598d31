"""ReviewTallies: good/bad review counts kept per subject, month and level as the reviews and
their follow-ups arrive, so a ranking of the present reads a few hundred rows instead of
counting every review of the period again.

A review counts once at its level, in the month of its submission, for its unit and for its
window or official; a bad review rectified or answered by a return visit adds to that row's
rectified or visited count; a review set aside on appeal is taken off. Only bad reviews have
follow-ups (a good review cannot be verified, appealed or rectified), so only bad reviews keep
a key row saying where their follow-ups count. Rankings as of a past moment still count the
accountability facts, which know when each was recorded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

from domain.review import Level, Review, SubjectKind
from infrastructure.view_store import Row, Tx
from projections.fact_rules import day_of
from projections.tables import MadeByDDL

_DDL = (
    "CREATE TABLE IF NOT EXISTS review_tallies (subjects TEXT NOT NULL, subject TEXT NOT NULL,"
    " unit TEXT NOT NULL, official TEXT NOT NULL, month TEXT NOT NULL, level INTEGER NOT NULL,"
    " reviews INTEGER NOT NULL, rectified INTEGER NOT NULL, visited INTEGER NOT NULL,"
    " PRIMARY KEY (subjects, month, subject, unit, official, level))",
    "CREATE TABLE IF NOT EXISTS review_tally_keys (review_id TEXT PRIMARY KEY,"
    " subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, unit TEXT NOT NULL,"
    " month TEXT NOT NULL, level INTEGER NOT NULL)",
)
_KEY_COLUMNS = ("review_id", "subject_kind", "subject_id", "unit", "month", "level")
_ADD = (
    "INSERT INTO review_tallies (subjects, subject, unit, official, month, level, reviews,"
    " rectified, visited) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (subjects, month, subject, unit, official, level) DO UPDATE SET"
    " reviews = review_tallies.reviews + excluded.reviews,"
    " rectified = review_tallies.rectified + excluded.rectified,"
    " visited = review_tallies.visited + excluded.visited"
)
_TALLY_COLUMNS = (
    "subjects", "subject", "unit", "official", "month", "level", "reviews", "rectified", "visited",
)  # fmt: skip
# PostgreSQL: the batch's additions go in by COPY into a staging table, then one statement
_STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS stage_review_tally_adds (LIKE review_tallies)"
    " ON COMMIT DELETE ROWS"
)
_ADD_STAGED = (
    "INSERT INTO review_tallies SELECT * FROM stage_review_tally_adds"
    " ON CONFLICT (subjects, month, subject, unit, official, level) DO UPDATE SET"
    " reviews = review_tallies.reviews + excluded.reviews,"
    " rectified = review_tallies.rectified + excluded.rectified,"
    " visited = review_tallies.visited + excluded.visited"
)
_CHUNK = 500  # ids per lookup statement

Tally = tuple[str, str, str, str, str, int]  # subjects, subject, unit, official, month, level


def tallies_of(key: Row) -> list[Tally]:
    """The rows a review counts in: its unit's, and its window's or official's."""
    _, kind, subject_id, unit, month, level = key
    official = subject_id if kind == SubjectKind.OFFICIAL.value else ""
    rows: list[Tally] = [("units", unit, unit, official, month, level)]
    if kind == SubjectKind.WINDOW.value:
        rows.append(("windows", subject_id, unit, "", month, level))
    elif kind == SubjectKind.OFFICIAL.value:
        rows.append(("officials", subject_id, unit, official, month, level))
    return rows


class ReviewTallies(MadeByDDL):
    name = "review_tallies"
    subscribes = (Review.Submitted, Review.Rectified, Review.ReturnVisited, Review.AppealDecided)
    tables = ("review_tallies", "review_tally_keys")
    ddl = _DDL

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        keys: dict[str, Row] = {}  # bad reviews submitted in this batch
        new_keys: list[Row] = []
        follow_ups = [e for e in events if _change(e) is not None]
        keys.update(_lookup(tx, {str(e.originator_id) for e in follow_ups}))
        deltas: dict[Tally, list[int]] = defaultdict(lambda: [0, 0, 0])
        for event in events:
            if isinstance(event, Review.Submitted):
                key = (
                    str(event.originator_id),
                    event.subject_kind,
                    event.subject_id,
                    event.subject_unit,
                    day_of(event).isoformat()[:7],
                    int(event.level),
                )
                _add(deltas, tallies_of(key), (1, 0, 0))
                if event.level >= Level.DISSATISFIED:
                    keys[key[0]] = key
                    new_keys.append(key)
            elif (change := _change(event)) is not None:
                _add(deltas, tallies_of(keys[str(event.originator_id)]), change)
        if new_keys:
            tx.append("review_tally_keys", _KEY_COLUMNS, new_keys)
        if deltas:
            rows = [(*tally, *delta) for tally, delta in deltas.items()]
            if tx.dialect == "postgres":
                tx.execute(_STAGE)
                tx.append("stage_review_tally_adds", _TALLY_COLUMNS, rows)
                tx.execute(_ADD_STAGED)
                tx.execute("DELETE FROM stage_review_tally_adds")  # a savepoint's next batch
            else:
                tx.executemany(_ADD, rows)


def _change(event: Any) -> tuple[int, int, int] | None:
    """What a follow-up changes in its review's rows: (reviews, rectified, visited)."""
    if isinstance(event, Review.Rectified):
        return (0, 1, 0)
    if isinstance(event, Review.ReturnVisited):
        return (0, 0, 1)
    if isinstance(event, Review.AppealDecided) and event.upheld:
        return (-1, 0, 0)  # appeals come before rectification, so nothing else to take off
    return None


def _add(deltas: dict[Tally, list[int]], tallies: Iterable[Tally], change: Sequence[int]) -> None:
    for tally in tallies:
        delta = deltas[tally]
        for i, n in enumerate(change):
            delta[i] += n


def _lookup(tx: Tx, review_ids: set[str]) -> dict[str, Row]:
    found: dict[str, Row] = {}
    ids = sorted(review_ids)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = tx.fetchall(
            f"SELECT {', '.join(_KEY_COLUMNS)} FROM review_tally_keys"  # noqa: S608 - fixed names
            f" WHERE review_id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        found.update((row[0], tuple(row)) for row in rows)
    return found
