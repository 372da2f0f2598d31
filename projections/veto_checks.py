"""One-vote-veto checks: each rule of the rules file judged for a unit and an assessment
year, from the accountability facts (as recorded by a moment, if asked). A failed rule lists
the periods that fail it and the facts behind the failure — or, where nothing happened, the
days that were searched."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

from application.policy import VetoRule
from domain.periods import Cadence, next_period, period_end, period_of, period_start
from infrastructure.view_store import Tx
from projections.periods_query import Scope


class Failure(msgspec.Struct, kw_only=True):
    period: str
    reason: str
    evidence: list[int]  # positions of the events behind it; empty when nothing happened
    searched: str = ""  # for an absence: the days searched


class RuleResult(msgspec.Struct, kw_only=True):
    id: str
    description: str
    passed: bool
    applies: bool
    failures: list[Failure]


class VetoCheck(msgspec.Struct, kw_only=True):
    unit: str
    year: int
    as_of: str | None
    verdict: str  # pass or veto
    rules: list[RuleResult]


def _facts(tx: Tx, scope: Scope, kind: str) -> list[tuple[Any, ...]]:
    """The scope's facts of a kind, in log order."""
    where, params = scope.where()
    sql = (
        f"SELECT position, day, detail, aggregate_id, value FROM accountability_facts WHERE {where}"  # noqa: S608
        " AND kind = ? ORDER BY position"
    )
    return [tuple(r) for r in tx.fetchall(sql, [*params, kind])]


def _series_starts(tx: Tx, unit: str, kind: str) -> list[date]:
    rows = tx.fetchall("SELECT doc FROM session_register WHERE unit = ? AND kind = ?", [unit, kind])
    return [date.fromisoformat(msgspec.json.decode(r[0])["start"]) for r in rows]


def _sessions(tx: Tx, rule: VetoRule, scope: Scope, until: date) -> tuple[bool, list[Failure]]:
    assert scope.unit is not None
    starts = _series_starts(tx, scope.unit, rule.session_kind)
    if not starts:
        return False, []
    cadence = Cadence(rule.cadence)
    held = {
        period_of(date.fromisoformat(r[1]), cadence)
        for r in _facts(tx, scope, "session_held")
        if r[2] == rule.session_kind
    }
    failures, period = [], period_of(max(min(starts), scope.first), cadence)
    while period_end(period, cadence) < until and period_start(period) <= scope.last:
        if period not in held:
            searched = f"{period_start(period)}..{period_end(period, cadence)}"
            failures.append(
                Failure(
                    period=period,
                    reason=f"no {rule.session_kind} held",
                    evidence=[],
                    searched=searched,
                )
            )
        period = next_period(period, cadence)
    return True, failures


def _listed(rows: list[tuple[Any, ...]], reason: str) -> list[Failure]:
    return [
        Failure(period=str(r[1])[:7], reason=f"{reason} ({r[2]})", evidence=[int(r[0])])
        for r in rows
    ]


def _briefing(tx: Tx, rule: VetoRule, scope: Scope, until: date) -> tuple[bool, list[Failure]]:
    assert scope.unit is not None
    if not _series_starts(tx, scope.unit, "policy_briefing"):
        return False, []
    reported = {
        r[2]: date.fromisoformat(r[1]) for r in _facts(tx, scope, "briefing_progress_reported")
    }
    failures = []
    for half, due_text in enumerate(rule.due, start=1):
        due = date.fromisoformat(f"{scope.first.year}-{due_text}")
        period = f"{scope.first.year}-H{half}"
        day = reported.get(period)
        if due < until and (day is None or day > due):
            failures.append(
                Failure(
                    period=period,
                    reason=f"progress not reported by {due}",
                    evidence=[],
                    searched=f"{scope.first}..{due}",
                )
            )
    return True, failures


def _bad_reviews(tx: Tx, scope: Scope) -> tuple[bool, list[Failure]]:
    bad = _facts(tx, scope, "bad_review_submitted")
    settled = {
        r[3] for kind in ("review_rectified", "review_set_aside") for r in _facts(tx, scope, kind)
    }
    return True, _listed([r for r in bad if r[3] not in settled], "bad review not rectified")


def judge(tx: Tx, rule: VetoRule, scope: Scope, until: date) -> RuleResult:
    if rule.kind == "sessions":
        applies, failures = _sessions(tx, rule, scope, until)
    elif rule.kind == "briefing_progress":
        applies, failures = _briefing(tx, rule, scope, until)
    elif rule.kind == "pairing_visits":
        applies, failures = (
            True,
            _listed(_facts(tx, scope, "visit_month_missed"), "month without a visit"),
        )
    elif rule.kind == "no_fact":
        applies, failures = True, _listed(_facts(tx, scope, rule.fact), rule.fact.replace("_", " "))
    elif rule.kind == "bad_reviews":
        applies, failures = _bad_reviews(tx, scope)
    else:
        raise ValueError(f"unknown veto rule kind {rule.kind!r} in rule {rule.id}")
    return RuleResult(
        id=rule.id,
        description=rule.description,
        passed=not failures,
        applies=applies,
        failures=failures,
    )


def veto_check(
    tx: Tx, rules: list[VetoRule], unit: str, year: int, today: date, as_of: datetime | None
) -> VetoCheck:
    scope = Scope(unit, None, date(year, 1, 1), date(year, 12, 31), as_of)
    until = min(today, date(year + 1, 1, 1))
    results = [judge(tx, rule, scope, until) for rule in rules]
    verdict = "veto" if any(not r.passed for r in results) else "pass"
    return VetoCheck(
        unit=unit,
        year=year,
        as_of=as_of.isoformat() if as_of else None,
        verdict=verdict,
        rules=results,
    )
