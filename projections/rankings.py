"""Good/bad review rankings (好差评排名) per period, for units, service windows or officials.

Formulas, stated in every answer so anyone can recompute them from the listed inputs:
satisfaction rate = reviews at levels 1–3 / reviews; bad-review rate = levels 4–5 / reviews;
rectification rate = bad reviews rectified / bad reviews; return-visit rate = bad reviews
answered by a return visit / bad reviews. Reviews set aside on appeal are left out. Ranked by
satisfaction rate, then by fewer bad reviews; the good list is the top N, the bad list the
bottom N; a unit in the bottom N of two years running is flagged for a summons (约谈)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import msgspec

from projections.periods_query import Scope
from projections.view_store import Tx

FORMULA = __doc__ or ""


class Ranked(msgspec.Struct, kw_only=True):
    rank: int
    subject: str
    reviews: int
    by_level: dict[str, int]
    satisfaction_rate: float
    bad_review_rate: float
    rectification_rate: float | None
    return_visit_rate: float | None


class Ranking(msgspec.Struct, kw_only=True):
    period: str
    subjects: str
    as_of: str | None
    formula: str
    ranking: list[Ranked]
    good_list: list[str]
    bad_list: list[str]
    summons: list[str]  # units: bottom N this year and the year before


@dataclass
class _Tally:
    by_level: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    bad: set[str] = field(default_factory=set)


def _ids(tx: Tx, scope: Scope, kind: str) -> set[str]:
    where, params = scope.where()
    sql = f"SELECT aggregate_id FROM accountability_facts WHERE {where} AND kind = ?"  # noqa: S608
    return {row[0] for row in tx.fetchall(sql, [*params, kind])}


def _subject(subjects: str, unit: str, detail: str) -> str | None:
    if subjects == "units":
        return unit
    kind, _, name = detail.partition(":")
    return name if kind == {"windows": "window", "officials": "official"}[subjects] else None


def rank(tx: Tx, scope: Scope, subjects: str) -> list[Ranked]:
    where, params = scope.where()
    sql = f"SELECT aggregate_id, unit, detail, value FROM accountability_facts WHERE {where}"  # noqa: S608
    submitted = tx.fetchall(sql + " AND kind = 'review_submitted'", params)
    set_aside = _ids(tx, scope.widened(), "review_set_aside")
    rectified = _ids(tx, scope.widened(), "review_rectified")
    visited = _ids(tx, scope.widened(), "review_return_visited")
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for review_id, unit, detail, level in submitted:
        subject = _subject(subjects, unit, detail)
        if subject is None or review_id in set_aside:
            continue
        tallies[subject].by_level[int(level)] += 1
        if level >= 4:
            tallies[subject].bad.add(review_id)
    rows = [_ranked(subject, t, rectified, visited) for subject, t in tallies.items()]
    rows.sort(key=lambda r: (-r.satisfaction_rate, r.bad_review_rate, r.subject))
    return [msgspec.structs.replace(r, rank=i) for i, r in enumerate(rows, start=1)]


def _ranked(subject: str, tally: _Tally, rectified: set[str], visited: set[str]) -> Ranked:
    total = sum(tally.by_level.values())
    bad = len(tally.bad)
    return Ranked(
        rank=0,
        subject=subject,
        reviews=total,
        by_level={str(level): tally.by_level.get(level, 0) for level in range(1, 6)},
        satisfaction_rate=round((total - bad) / total, 4),
        bad_review_rate=round(bad / total, 4),
        rectification_rate=round(len(tally.bad & rectified) / bad, 4) if bad else None,
        return_visit_rate=round(len(tally.bad & visited) / bad, 4) if bad else None,
    )
