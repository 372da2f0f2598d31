"""One-vote-veto checks (一票否决): each requirement of the year's assessment scheme that binds
a unit, judged over a period from the accountability facts as recorded by a moment.

- sessions: the unit's series of the kind (the one whose title names the requirement's
  words, where given) must exist, have its lead leader named where the scheme asks for one,
  and hold a session in every period of the requirement's cadence that ended before the
  moment judged — from the start of the period assessed, not from the series' start: a unit
  that set its series up late, or never, falls short for the periods before;
- pairing visits: the unit has pairings, and none went a month without its visits;
- briefing progress: the unit runs a policy-briefing series and reported its progress by
  each due day.

A failing period that the supervision office exempted (情况说明, a VetoExemption standing at
the moment judged) is listed with the exemption and does not count; a requirement passes
with no more counting failures than its tolerance. Every
failure names its period and the events behind it — or, where nothing happened, the days
searched.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import msgspec

from domain.assessment_scheme import Requirement, RequirementKind, Scheme
from domain.briefing import SessionKind
from domain.labels import label
from domain.periods import next_period, period_end, period_of, period_start
from domain.values import shanghai_date
from infrastructure.view_store import Tx
from projections.periods_query import Scope


class Failure(msgspec.Struct, kw_only=True):
    period: str
    reason: str
    evidence: list[int]  # positions of the events behind it; empty when nothing happened
    searched: str = ""  # for an absence: the days searched
    exempted_by: list[int] = msgspec.field(default_factory=list)  # the exemption's events


class RequirementResult(msgspec.Struct, kw_only=True):
    id: str
    name: str
    passed: bool  # no more failures than the scheme tolerates
    tolerance: int
    failures: list[Failure]  # those that count against the unit
    exempted: list[Failure]  # those the office excused


class VetoCheck(msgspec.Struct, kw_only=True):
    unit: str
    period: str
    as_of: str | None
    scheme_version: str
    verdict: str  # pass or veto
    requirements: list[RequirementResult]


def _facts(tx: Tx, scope: Scope, kind: str) -> list[tuple[Any, ...]]:
    """The scope's facts of a kind, in log order: (position, day, detail, aggregate, value)."""
    where, params = scope.where()
    sql = (
        f"SELECT position, day, detail, aggregate_id, value FROM accountability_facts WHERE {where}"  # noqa: S608
        " AND kind = ? ORDER BY position"
    )
    return [tuple(r) for r in tx.fetchall(sql, [*params, kind])]


def _absent(period: str, reason: str, first: date, last: date) -> Failure:
    return Failure(period=period, reason=reason, evidence=[], searched=f"{first}..{last}")


def _series(tx: Tx, scope: Scope, requirement: Requirement) -> list[tuple[Any, ...]]:
    """The unit's series the requirement asks for, established by the moment judged."""
    found = []
    for row in _facts(tx, scope.widened(), "series_established"):
        kind, _, title = str(row[2]).partition("|")
        if kind == requirement.session_kind and requirement.title_contains in title:
            found.append(row)
    return found


def _sessions(tx: Tx, rule: Requirement, scope: Scope, until: date) -> list[Failure]:
    series = _series(tx, scope, rule)
    kind = label(SessionKind(rule.session_kind))
    if not series:
        return [_absent(str(scope.first.year), f"未建立{rule.name}", scope.first, until)]
    failures = []
    ids = {row[3] for row in series}
    if rule.lead_leader and not any(
        r[3] in ids for r in _facts(tx, scope.widened(), "series_lead_leader_named")
    ):
        reason = f"{rule.name}未明确牵头市领导"
        failures.append(Failure(period=str(scope.first.year), reason=reason, evidence=[]))
    held = {
        period_of(date.fromisoformat(r[1]), rule.cadence): int(r[0])
        for r in _facts(tx, scope, "session_held")
        if r[3] in ids
    }
    period = period_of(scope.first, rule.cadence)
    while period_end(period, rule.cadence) < until and period_start(period) <= scope.last:
        if period not in held:
            end = period_end(period, rule.cadence)
            failures.append(_absent(period, f"本期未召开{kind}", period_start(period), end))
        period = next_period(period, rule.cadence)
    return failures


def _visits(tx: Tx, scope: Scope, until: date) -> list[Failure]:
    if not _facts(tx, scope.widened(), "pairing_established"):
        return [_absent(str(scope.first.year), "未建立包联企业关系", scope.first, until)]
    withdrawn = {r[2] for r in _facts(tx, scope, "deadline_miss_withdrawn")}
    return [
        Failure(period=str(r[2])[6:13], reason="当月未走访包联企业", evidence=[int(r[0])])
        for r in _facts(tx, scope, "visit_month_missed")
        if r[2] not in withdrawn
    ]


def _briefing(tx: Tx, rule: Requirement, scope: Scope, until: date) -> list[Failure]:
    rows = _facts(tx, scope.widened(), "series_established")
    if not any(str(r[2]).startswith(f"{SessionKind.POLICY_BRIEFING.value}|") for r in rows):
        return [_absent(str(scope.first.year), f"未建立{rule.name}", scope.first, until)]
    reported = {
        r[2]: date.fromisoformat(r[1]) for r in _facts(tx, scope, "briefing_progress_reported")
    }
    failures = []
    for half, due_text in enumerate(rule.due, start=1):
        due = date.fromisoformat(f"{scope.first.year}-{due_text}")
        period = f"{scope.first.year}-H{half}"
        day = reported.get(period)
        if scope.first <= due <= scope.last and due < until and (day is None or day > due):
            failures.append(_absent(period, f"未在{due}前报送政策宣讲进展", scope.first, due))
    return failures


def _exemptions(tx: Tx, scope: Scope) -> dict[str, list[int]]:
    """Requirement@period → the events of the exemptions standing at the moment judged."""
    granted = [(r[0], r[2], True) for r in _facts(tx, scope, "veto_exempted")]
    revoked = [(r[0], r[2], False) for r in _facts(tx, scope, "veto_exemption_revoked")]
    standing: dict[str, list[int]] = {}
    for position, detail, grant in sorted(granted + revoked):
        if grant:
            standing.setdefault(detail, []).append(int(position))
        else:
            standing.pop(detail, None)
    return standing


def judge(tx: Tx, rule: Requirement, scope: Scope, until: date) -> list[Failure]:
    if rule.kind is RequirementKind.SESSIONS:
        return _sessions(tx, rule, scope, until)
    if rule.kind is RequirementKind.PAIRING_VISITS:
        return _visits(tx, scope, until)
    return _briefing(tx, rule, scope, until)


def veto_check(
    tx: Tx, scheme: Scheme, unit: str, period: str, first: date, last: date, as_of: datetime
) -> VetoCheck:
    """The unit's verdict over ``first``..``last``, as recorded at ``as_of`` (periods that
    ended before that day are judged)."""
    scope = Scope(unit, None, first, last, as_of)
    until = min(shanghai_date(as_of), last + timedelta(days=1))
    exemptions = _exemptions(tx, scope)
    results = []
    for rule in (r for r in scheme.requirements if r.binds(unit)):
        failing, excused = [], []
        for failure in judge(tx, rule, scope, until):
            found = exemptions.get(f"{rule.id}@{failure.period}")
            if found:
                excused.append(msgspec.structs.replace(failure, exempted_by=found))
            else:
                failing.append(failure)
        results.append(
            RequirementResult(
                id=rule.id,
                name=rule.name,
                passed=len(failing) <= rule.tolerance,
                tolerance=rule.tolerance,
                failures=failing,
                exempted=excused,
            )
        )
    return VetoCheck(
        unit=unit,
        period=period,
        as_of=as_of.isoformat(),
        scheme_version=scheme.version,
        verdict="veto" if any(not r.passed for r in results) else "pass",
        requirements=results,
    )
