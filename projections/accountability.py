"""The accountability view: per unit or official, per month, quarter or year — issues received,
resolved, closed out, explained, reopened; resolution and on-time rates; deadlines missed;
commitments made, kept, broken; visits and months without one; sessions held; average working
days to close out. Every figure names the facts (and so the events) behind it."""

from __future__ import annotations

from typing import Any

import msgspec

from infrastructure.view_store import Tx
from projections.accountability_facts import COLUMNS
from projections.periods_query import Scope

COUNTS = {
    "issues_received": "issue_received",
    "issues_resolved": "issue_resolved",
    "issues_explained": "issue_explained",
    "issues_closed_out": "issue_closed",
    "issues_reopened": "issue_reopened",
    "handled_on_time": "handled_on_time",
    "handled_late": "handled_late",
    "deadlines_missed": "deadline_missed",
    "commitments_made": "commitment_made",
    "commitments_kept": "commitment_kept",
    "commitments_broken": "commitment_broken",
    "pairings_established": "pairing_established",
    "visits_logged": "visit_logged",
    "months_without_visit": "visit_month_missed",
    "sessions_held": "session_held",
    "bad_reviews_rectified": "review_rectified",
}


class Figure(msgspec.Struct, kw_only=True):
    value: float | None
    facts: list[str]  # the fact kinds it sums; see /accountability/evidence
    formula: str = ""


class Accountability(msgspec.Struct, kw_only=True):
    unit: str | None
    official: str | None
    period: str
    as_of: str | None
    figures: dict[str, Figure]
    evidence: str  # where to list the facts, with the positions of their events


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def figures(tx: Tx, scope: Scope) -> dict[str, Figure]:
    where, params = scope.where()
    kinds = sorted(set(COUNTS.values()))
    rows = tx.fetchall(
        f"SELECT kind, count(*), avg(value) FROM accountability_facts WHERE {where}"  # noqa: S608
        f" AND kind IN ({', '.join('?' * len(kinds))}) GROUP BY kind",
        [*params, *kinds],
    )
    counts = {row[0]: int(row[1]) for row in rows}
    averages = {row[0]: row[2] for row in rows}
    result = {
        name: Figure(value=counts.get(kind, 0), facts=[kind]) for name, kind in COUNTS.items()
    }
    received, resolved = counts.get("issue_received", 0), counts.get("issue_resolved", 0)
    on_time, late = counts.get("handled_on_time", 0), counts.get("handled_late", 0)
    result["resolution_rate"] = Figure(
        value=_ratio(resolved, received),
        facts=["issue_resolved", "issue_received"],
        formula="issues resolved / issues received in the period",
    )
    result["on_time_rate"] = Figure(
        value=_ratio(on_time, on_time + late),
        facts=["handled_on_time", "handled_late"],
        formula="resolved or explained by the time limit / all resolved or explained",
    )
    average = averages.get("issue_closed")
    result["average_working_days_to_close_out"] = Figure(
        value=round(float(average), 2) if average is not None else None,
        facts=["issue_closed"],
        formula="mean working days from raised to closed out, over issues closed out",
    )
    return result


def evidence(tx: Tx, scope: Scope, kind: str, limit: int) -> list[dict[str, Any]]:
    where, params = scope.where()
    sql = f"SELECT {', '.join(COLUMNS)} FROM accountability_facts WHERE {where}"  # noqa: S608
    rows = tx.fetchall(sql + " AND kind = ? ORDER BY position LIMIT ?", [*params, kind, limit])
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]
