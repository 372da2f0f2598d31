"""The accountability view: per unit or official, per month, quarter or year — every figure
named with its formula and the facts (and so the events) behind it.

Issue figures rest on two cohorts, never on counts of events:

- the issues *received* in the period (accepted and assigned to the unit then): of those, the
  ones resolved or closed out by the moment asked are *resolved*, so the resolution rate
  (resolved ÷ received) is never above 1, however often an issue was reopened;
- the time limits *due* in the period, each with one outcome: met in time (the act that met it
  is dated on or before the due day and no miss stands), met late (dated after it, or a miss
  stands), or missed and still open (the due day has passed). A time limit extended before it
  fell due is replaced by the new one; one not yet due and still open is not yet decided. The
  on-time rate is met in time ÷ due, open overdue ones included.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import msgspec

from infrastructure.view_store import Tx
from projections.accountability_facts import COLUMNS
from projections.periods_query import Scope

COUNTS = {
    "issues_explained": "issue_explained",
    "issues_handed_on": "issue_handed_on",  # transferred (转办) or returned (退回)
    "assisting_parts_received": "assist_received",  # 协办
    "assisting_parts_completed": "assist_completed",
    "one_time_notices_given": "one_time_notice_given",  # 一次性告知
    "issues_closed_out": "issue_closed",
    "issues_reopened": "issue_reopened",
    "commitments_made": "commitment_made",
    "commitments_kept": "commitment_kept",
    "pairings_established": "pairing_established",
    "visits_logged": "visit_logged",
    "sessions_held": "session_held",
    "bad_reviews_rectified": "review_rectified",
}
DEADLINE_FACTS = (
    "deadline_set",
    "deadline_superseded",
    "deadline_met",
    "deadline_missed",
    "deadline_miss_withdrawn",
)
OUTCOMES = ("handled_on_time", "handled_late", "time_limits_missed_open")
# every kind projections/fact_rules.py records; with OUTCOMES, what evidence can be asked for
FACT_KINDS = frozenset(
    {
        "bad_review_submitted",
        "briefing_progress_reported",
        "commitment_broken",
        "commitment_kept",
        "commitment_made",
        "deadline_met",
        "deadline_miss_withdrawn",
        "deadline_missed",
        "deadline_set",
        "deadline_superseded",
        "issue_closed",
        "issue_explained",
        "issue_received",
        "issue_reopened",
        "issue_resolved",
        "milestone_late",
        "milestone_met",
        "pairing_established",
        "review_rectified",
        "review_return_visited",
        "review_set_aside",
        "review_submitted",
        "series_established",
        "series_lead_leader_named",
        "session_held",
        "veto_exempted",
        "veto_exemption_revoked",
        "visit_logged",
        "visit_month_missed",
    }
)
EVIDENCE_KINDS = FACT_KINDS | set(OUTCOMES)
RESOLVED = ("issue_resolved", "issue_closed")
STATUS_FACTS = ("issue_resolved", "issue_explained", "issue_closed", "issue_reopened")


class Figure(msgspec.Struct, kw_only=True):
    value: float | None
    facts: list[str]  # the fact kinds it rests on; see /accountability/evidence
    formula: str = ""


class Accountability(msgspec.Struct, kw_only=True):
    unit: str | None
    official: str | None
    period: str
    as_of: str | None
    figures: dict[str, Figure]
    evidence: str  # where to list the facts, with the positions of their events


@dataclass
class _Deadline:
    kinds: set[str]
    late_by: float | None = None  # days after the due day it was met (0 or less: in time)
    first: tuple[Any, ...] | None = None  # its deadline_set fact, for the evidence

    def outcome(self, due: date, today: date) -> str | None:
        if "deadline_set" not in self.kinds or "deadline_superseded" in self.kinds:
            return None
        missed = "deadline_missed" in self.kinds and "deadline_miss_withdrawn" not in self.kinds
        if self.late_by is not None:
            return "handled_late" if missed or self.late_by > 0 else "handled_on_time"
        return "time_limits_missed_open" if due < today else None


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def time_limit_outcomes(tx: Tx, scope: Scope, today: date) -> dict[str, list[tuple[Any, ...]]]:
    """Each time limit due in the scope's period, by outcome: the deadline_set fact of each."""
    where, params = scope.where()
    rows = tx.fetchall(
        f"SELECT {', '.join(COLUMNS)} FROM accountability_facts WHERE {where}"  # noqa: S608
        f" AND kind IN ({', '.join('?' * len(DEADLINE_FACTS))}) AND detail LIKE ?"
        " ORDER BY position",
        [*params, *DEADLINE_FACTS, "time_limit@%"],
    )
    deadlines: dict[tuple[str, str], _Deadline] = defaultdict(lambda: _Deadline(set()))
    for row in rows:
        fact = dict(zip(COLUMNS, row, strict=True))
        found = deadlines[(fact["aggregate_id"], fact["detail"])]
        found.kinds.add(fact["kind"])
        if fact["kind"] == "deadline_met":
            found.late_by = fact["value"]
        if fact["kind"] == "deadline_set" and found.first is None:
            found.first = tuple(row)
    outcomes: dict[str, list[tuple[Any, ...]]] = {name: [] for name in OUTCOMES}
    for (_, detail), deadline in deadlines.items():
        outcome = deadline.outcome(date.fromisoformat(detail.split("@")[1]), today)
        if outcome is not None and deadline.first is not None:
            outcomes[outcome].append(deadline.first)
    return outcomes


def cohort(tx: Tx, scope: Scope) -> tuple[int, dict[str, str]]:
    """(issues received in the period, the last status fact of each by the moment asked)."""
    where, params = scope.where()
    moment, moment_params = scope.widened().recorded_by()
    # a unit that handed the issue on (转办, 退回) after receiving it no longer answers for it
    handed_on = moment.replace("recorded_at", "h.recorded_at")
    received = (
        "SELECT DISTINCT r.aggregate_id FROM accountability_facts r"  # noqa: S608
        f" WHERE {where} AND r.kind = 'issue_received' AND NOT EXISTS (SELECT 1 FROM"
        " accountability_facts h WHERE h.aggregate_id = r.aggregate_id AND h.unit = r.unit"
        f" AND h.kind = 'issue_handed_on' AND h.position > r.position AND {handed_on})"
    )
    params = [*params, *moment_params]
    rows = tx.fetchall(
        f"SELECT aggregate_id, kind FROM accountability_facts WHERE aggregate_id IN ({received})"  # noqa: S608
        f" AND kind IN ({', '.join('?' * len(STATUS_FACTS))}) AND {moment} ORDER BY position",
        [*params, *STATUS_FACTS, *moment_params],
    )
    last: dict[str, str] = {}
    for aggregate_id, kind in rows:
        last[aggregate_id] = kind
    count = tx.fetchall(f"SELECT count(*) FROM ({received}) AS cohort", params)  # noqa: S608
    return int(count[0][0]), last


def _counts(tx: Tx, scope: Scope) -> tuple[dict[str, int], dict[str, Any]]:
    where, params = scope.where()
    kinds = sorted({*COUNTS.values(), "commitment_broken", "visit_month_missed", "issue_closed"})
    kinds += ["deadline_missed", "deadline_miss_withdrawn"]
    rows = tx.fetchall(
        "SELECT kind, CASE WHEN detail LIKE ? THEN 'time_limit' WHEN detail LIKE ?"  # noqa: S608
        " THEN 'commitment' WHEN detail LIKE ? THEN 'visit' ELSE '' END, count(*), avg(value)"
        f" FROM accountability_facts WHERE {where}"
        f" AND kind IN ({', '.join('?' * len(kinds))}) GROUP BY 1, 2",
        ["time_limit@%", "commitment:%", "visit:%", *params, *kinds],
    )
    counts: dict[str, int] = defaultdict(int)
    averages: dict[str, Any] = {}
    for kind, deadline, count, average in rows:
        counts[kind] += int(count)
        counts[f"{kind}:{deadline}"] += int(count)
        averages[kind] = average
    return counts, averages


def figures(tx: Tx, scope: Scope, today: date) -> dict[str, Figure]:
    """The view of a unit or official over the scope's period, as of ``today`` (the day asked
    about: open time limits due before it are missed)."""
    counts, averages = _counts(tx, scope)
    result = {name: Figure(value=counts[kind], facts=[kind]) for name, kind in COUNTS.items()}
    received, last = cohort(tx, scope)
    resolved = sum(1 for kind in last.values() if kind in RESOLVED)
    result["issues_received"] = Figure(
        value=received,
        facts=["issue_received"],
        formula="issues accepted and assigned in the period",
    )
    result["issues_resolved"] = Figure(
        value=resolved,
        facts=["issue_received", *STATUS_FACTS],
        formula="issues received in the period, resolved or closed out by the moment asked",
    )
    result["resolution_rate"] = Figure(
        value=_ratio(resolved, received),
        facts=["issue_received", *STATUS_FACTS],
        formula="issues received in the period and resolved or closed out by the moment asked"
        " / issues received in the period",
    )
    outcomes = {name: len(found) for name, found in time_limit_outcomes(tx, scope, today).items()}
    due = sum(outcomes.values())
    for name, text in (
        (
            "handled_on_time",
            "time limits due in the period, met on or before the due day, no miss standing",
        ),
        (
            "handled_late",
            "time limits due in the period, met after the due day or with a miss standing",
        ),
        ("time_limits_missed_open", "time limits due in the period, passed and still open"),
    ):
        result[name] = Figure(value=outcomes[name], facts=[*DEADLINE_FACTS], formula=text)
    result["time_limits_due"] = Figure(
        value=due, facts=[*DEADLINE_FACTS], formula="on time + late + missed and open"
    )
    result["on_time_rate"] = Figure(
        value=_ratio(outcomes["handled_on_time"], due),
        facts=[*DEADLINE_FACTS],
        formula="time limits due in the period met in time / time limits due in the period"
        " (open overdue ones included)",
    )
    other_misses = (
        counts["deadline_missed"]
        - counts["deadline_missed:time_limit"]
        - (counts["deadline_miss_withdrawn"] - counts["deadline_miss_withdrawn:time_limit"])
    )
    result["deadlines_missed"] = Figure(
        value=outcomes["handled_late"] + outcomes["time_limits_missed_open"] + other_misses,
        facts=["deadline_missed", "deadline_miss_withdrawn", *DEADLINE_FACTS],
        formula="time limits met late or missed and open + other deadlines missed"
        " (commitments, visits, sessions…), less misses withdrawn",
    )
    result["commitments_broken"] = Figure(
        value=counts["commitment_broken"] - counts["deadline_miss_withdrawn:commitment"],
        facts=["commitment_broken", "deadline_miss_withdrawn"],
        formula="commitments broken or missed, less misses withdrawn",
    )
    result["months_without_visit"] = Figure(
        value=counts["visit_month_missed"] - counts["deadline_miss_withdrawn:visit"],
        facts=["visit_month_missed", "deadline_miss_withdrawn"],
        formula="months a pairing went without its visits, less misses withdrawn",
    )
    average = averages.get("issue_closed")
    result["average_working_days_to_close_out"] = Figure(
        value=round(float(average), 2) if average is not None else None,
        facts=["issue_closed"],
        formula="mean working days from raised to closed out, over issues closed out",
    )
    return result


def evidence(tx: Tx, scope: Scope, kind: str, limit: int, today: date) -> list[dict[str, Any]]:
    """The facts of a kind; for a time-limit outcome, the deadline_set fact of each such
    time limit."""
    return evidence_page(tx, scope, kind, today, limit=limit, offset=0)[0]


def evidence_page(
    tx: Tx, scope: Scope, kind: str, today: date, *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """The facts of ``evidence`` from ``offset``, and how many there are in all."""
    if kind in OUTCOMES:
        outcomes = time_limit_outcomes(tx, scope, today)[kind]
        rows, total = outcomes[offset : offset + limit], len(outcomes)
    else:
        where, params = scope.where()
        where += " AND kind = ?"
        sql = f"SELECT {', '.join(COLUMNS)} FROM accountability_facts WHERE {where}"  # noqa: S608
        rows = tx.fetchall(
            sql + " ORDER BY position LIMIT ? OFFSET ?", [*params, kind, limit, offset]
        )
        counted = f"SELECT COUNT(*) FROM accountability_facts WHERE {where}"  # noqa: S608
        total = int(tx.fetchall(counted, [*params, kind])[0][0])
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows], total
