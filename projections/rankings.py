"""Good/bad review rankings (好差评排名) per period, for units, service windows or officials.

Formulas, stated in every answer so anyone can recompute them from the listed inputs:
satisfaction rate = reviews at levels 1–3 / reviews; bad-review rate = levels 4–5 / reviews;
rectification rate = bad reviews rectified / bad reviews; return-visit rate = bad reviews
answered by a return visit / bad reviews. Reviews set aside on appeal are left out. Ranked by
satisfaction rate, then by fewer bad reviews; subjects equal on both share a rank (1, 1, 3…),
and the good list is every subject ranked N or better, the bad list every subject whose rank
counted from the bottom is N or better — ties all in or all out; only a subject with bad
reviews is on the bad list, and none is on both. A subject with fewer reviews
in the period than the minimum sample is listed as too few reviews and not ranked. A unit on
the bad list of two years running is flagged for a summons (约谈)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import msgspec

from infrastructure.view_store import Tx
from projections.periods_query import Scope

FORMULA = __doc__ or ""


class Ranked(msgspec.Struct, kw_only=True):
    rank: int | None  # None: too few reviews to rank
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
    min_reviews: int
    ranking: list[Ranked]
    too_few_reviews: list[Ranked]
    good_list: list[str]
    bad_list: list[str]


@dataclass
class _Tally:
    by_level: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    rectified: int = 0  # bad reviews rectified
    visited: int = 0  # bad reviews answered by a return visit

    @property
    def bad(self) -> int:
        return sum(n for level, n in self.by_level.items() if level >= 4)


_SUBJECT = {  # (the subject's column, which facts name one)
    "units": ("f.unit", ""),
    "windows": ("substr(f.detail, 8)", " AND substr(f.detail, 1, 7) = 'window:'"),
    "officials": ("substr(f.detail, 10)", " AND substr(f.detail, 1, 9) = 'official:'"),
}
# a review's follow-ups, at any day up to the moment asked about
_LATER = """WITH later AS (
  SELECT aggregate_id,
    MAX(CASE WHEN kind = 'review_set_aside' THEN 1 ELSE 0 END) AS set_aside,
    MAX(CASE WHEN kind = 'review_rectified' THEN 1 ELSE 0 END) AS rectified,
    MAX(CASE WHEN kind = 'review_return_visited' THEN 1 ELSE 0 END) AS visited
  FROM accountability_facts
  WHERE {wide}
    AND kind IN ('review_set_aside', 'review_rectified', 'review_return_visited')
  GROUP BY aggregate_id)
SELECT {subject}, CAST(f.value AS INTEGER), COUNT(*),
  SUM(COALESCE(l.rectified, 0)), SUM(COALESCE(l.visited, 0))
FROM accountability_facts f LEFT JOIN later l ON l.aggregate_id = f.aggregate_id
WHERE {where} AND f.kind = 'review_submitted' AND COALESCE(l.set_aside, 0) = 0{match}
GROUP BY 1, 2"""


# the same sums from the tallies kept as reviews arrive (projections.review_tallies)
_KEPT = """SELECT subject, level, SUM(reviews), SUM(rectified), SUM(visited) FROM review_tallies
WHERE subjects = ? AND month >= ? AND month <= ?{match}
GROUP BY subject, level HAVING SUM(reviews) > 0"""


def rank(tx: Tx, scope: Scope, subjects: str, min_reviews: int = 1) -> list[Ranked]:
    """Counted in the database, one row per subject and level, not one per review: for the
    present and whole months from the kept tallies, otherwise from the facts. Subjects with
    fewer than ``min_reviews`` come last, unranked (rank None)."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for name, level, count, rectified, visited in _counts(tx, scope, subjects):
        tally = tallies[name]
        tally.by_level[int(level)] += int(count)
        if level >= 4:
            tally.rectified += int(rectified)
            tally.visited += int(visited)
    rows = [_ranked(name, tally) for name, tally in tallies.items()]
    rows.sort(key=lambda r: (-r.satisfaction_rate, r.bad_review_rate, r.subject))
    unranked = [r for r in rows if r.reviews < min_reviews]
    places: list[Ranked] = []
    first_at: dict[tuple[float, float], int] = {}  # each standing's rank: its first place
    for position, row in enumerate((r for r in rows if r.reviews >= min_reviews), start=1):
        places.append(
            msgspec.structs.replace(row, rank=first_at.setdefault(_standing(row), position))
        )
    return places + unranked


def _standing(row: Ranked) -> tuple[float, float]:
    return (row.satisfaction_rate, row.bad_review_rate)


def good_and_bad(ranking: list[Ranked], n: int) -> tuple[list[str], list[str]]:
    """The subjects ranked ``n`` or better, and those ranked ``n`` or better from the bottom,
    ties all in (competition ranking from either end). Only a subject with bad reviews is on
    the bad list, and none is on both."""
    ranked = [r for r in ranking if r.rank is not None]
    good = [r.subject for r in ranked if r.rank is not None and r.rank <= n]
    from_bottom: dict[tuple[float, float], int] = {}
    for position, row in enumerate(reversed(ranked), start=1):
        from_bottom.setdefault(_standing(row), position)
    bad = [
        r.subject
        for r in reversed(ranked)
        if from_bottom[_standing(r)] <= n and r.bad_review_rate > 0 and r.subject not in good
    ]
    return good, bad


def _counts(tx: Tx, scope: Scope, subjects: str) -> list[tuple[Any, ...]]:
    if scope.as_of is None and _whole_months(scope.first, scope.last):
        match, params = "", [subjects, scope.first.isoformat()[:7], scope.last.isoformat()[:7]]
        for column, value in (("unit", scope.unit), ("official", scope.official)):
            if value is not None:
                match += f" AND {column} = ?"
                params.append(value)
        if scope.units is not None:
            match += f" AND unit IN ({', '.join('?' * len(scope.units)) or 'NULL'})"
            params.extend(sorted(scope.units))
        return tx.fetchall(_KEPT.format(match=match), params)
    subject, match = _SUBJECT[subjects]
    where, where_params = scope.where()
    wide, wide_params = scope.widened().where()
    sql = _LATER.format(wide=wide, subject=subject, where=where, match=match)
    return tx.fetchall(sql, [*wide_params, *where_params])


def _whole_months(first: date, last: date) -> bool:
    return first.day == 1 and (last + timedelta(days=1)).day == 1


def _ranked(subject: str, tally: _Tally) -> Ranked:
    total = sum(tally.by_level.values())
    bad = tally.bad
    return Ranked(
        rank=None,
        subject=subject,
        reviews=total,
        by_level={str(level): tally.by_level.get(level, 0) for level in range(1, 6)},
        satisfaction_rate=round((total - bad) / total, 4),
        bad_review_rate=round(bad / total, 4),
        rectification_rate=round(tally.rectified / bad, 4) if bad else None,
        return_visit_rate=round(tally.visited / bad, 4) if bad else None,
    )
