"""Scoring an assessment from the views as recorded at its cut-off: each indicator's figure
(the same figure the accountability view, the rankings or the veto check answer for the
unit and period as of that moment), its points by the scheme's formula, and where its facts
are listed; the unit's one-vote-veto verdict, requirement by requirement.

Figures: resolution_rate, on_time_rate, commitments_broken and months_without_visit as the
accountability view states them; close_out_rate = problems received in the period and
closed out (销号) by the cut-off ÷ problems received; satisfaction_rate and
rectification_rate as the review rankings state them for the unit; sessions_missed = the
periods a required series went without a session, less those exempted (the veto check's
failures of its session requirements); financing_feedback_missed = banks' feedback deadlines
missed on the matches the unit recommended, less misses withdrawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from urllib.parse import urlencode
from uuid import UUID

import msgspec

from domain.assessment import assessment_period
from domain.assessment_results import IndicatorScore, UnitResult
from domain.assessment_scheme import FigureName, RequirementKind, Scheme
from domain.values import shanghai_date
from infrastructure.view_store import Tx, ViewStore
from projections.accountability import cohort, figures
from projections.periods_query import Scope
from projections.rankings import rank
from projections.veto_checks import VetoCheck, veto_check

Figures = dict[FigureName, tuple[float | None, str]]  # value, where its facts are listed


def _link(path: str, **query: str) -> str:
    return f"{path}?{urlencode(query)}"


def _accountability(tx: Tx, scope: Scope, period: str, cutoff: datetime) -> Figures:
    assert scope.unit is not None
    found = figures(tx, scope, shanghai_date(cutoff))
    moment = cutoff.isoformat()

    def facts(kind: str) -> str:
        path = "/accountability/evidence"
        return _link(path, unit=scope.unit or "", period=period, kind=kind, as_of=moment)

    received, last = cohort(tx, scope)
    closed = sum(1 for kind in last.values() if kind == "issue_closed")
    return {
        FigureName.RESOLUTION_RATE: (found["resolution_rate"].value, facts("issue_received")),
        FigureName.ON_TIME_RATE: (found["on_time_rate"].value, facts("deadline_set")),
        FigureName.CLOSE_OUT_RATE: (
            round(closed / received, 4) if received else None,
            facts("issue_closed"),
        ),
        FigureName.COMMITMENTS_BROKEN: (
            found["commitments_broken"].value,
            facts("commitment_broken"),
        ),
        FigureName.MONTHS_WITHOUT_VISIT: (
            found["months_without_visit"].value,
            facts("visit_month_missed"),
        ),
    }


def _reviews(tx: Tx, scope: Scope, period: str, cutoff: datetime) -> Figures:
    assert scope.unit is not None
    units = frozenset({scope.unit})
    whole = Scope(None, None, scope.first, scope.last, cutoff, units)
    row = next((r for r in rank(tx, whole, "units") if r.subject == scope.unit), None)
    where = _link("/rankings", period=period, as_of=cutoff.isoformat())
    return {
        FigureName.SATISFACTION_RATE: (row.satisfaction_rate if row else None, where),
        FigureName.RECTIFICATION_RATE: (row.rectification_rate if row else None, where),
    }


def _financing(tx: Tx, scope: Scope, period: str, cutoff: datetime) -> Figures:
    where, params = scope.where()
    rows = tx.fetchall(
        f"SELECT kind, count(*) FROM accountability_facts WHERE {where}"  # noqa: S608
        " AND kind IN ('deadline_missed', 'deadline_miss_withdrawn') AND detail LIKE ?"
        " GROUP BY kind",
        [*params, "feedback@%"],
    )
    counts = {kind: int(n) for kind, n in rows}
    missed = counts.get("deadline_missed", 0) - counts.get("deadline_miss_withdrawn", 0)
    link = _link(
        "/accountability/evidence",
        unit=scope.unit or "",
        period=period,
        kind="deadline_missed",
        as_of=cutoff.isoformat(),
    )
    return {FigureName.FINANCING_FEEDBACK_MISSED: (float(missed), link)}


def _sessions_missed(check: VetoCheck, scheme: Scheme, period: str) -> Figures:
    sessions = {r.id for r in scheme.requirements if r.kind is RequirementKind.SESSIONS}
    missed = sum(len(r.failures) for r in check.requirements if r.id in sessions)
    link = _link(f"/veto-checks/{check.unit}", period=period, as_of=check.as_of or "")
    return {FigureName.SESSIONS_MISSED: (float(missed), link)}


def score_unit(
    tx: Tx, scheme: Scheme, unit_id: UUID, unit: str, period: str, cutoff: datetime
) -> UnitResult:
    """The unit's indicators and veto verdict for the period, as recorded at the cut-off."""
    _, first, last = assessment_period(period)
    scope = Scope(unit, None, first, last, cutoff)
    check = veto_check(tx, scheme, unit, period, first, last, cutoff)
    found: Figures = {
        **_accountability(tx, scope, period, cutoff),
        **_reviews(tx, scope, period, cutoff),
        **_financing(tx, scope, period, cutoff),
        **_sessions_missed(check, scheme, period),
    }
    scores = {}
    for indicator in scheme.indicators:
        value, evidence = found[indicator.figure]
        applies = indicator.applies(unit)
        scores[indicator.id] = IndicatorScore(
            id=indicator.id,
            value=value,
            points=indicator.points(value) if applies else 0.0,
            applies=applies,
            evidence=evidence,
        )
    return UnitResult(
        unit_id=unit_id,
        unit=unit,
        indicators=scores,
        vetoed=check.verdict == "veto",
        veto=msgspec.to_builtins(check),
    )


class ViewScorer:
    """Scores from the read models, once they hold every event recorded so far."""

    def __init__(self, views: ViewStore, catch_up: Callable[[], object]) -> None:
        self.views, self.catch_up = views, catch_up

    def score(
        self, scheme: Scheme, units: Mapping[UUID, str], period: str, cutoff: datetime
    ) -> list[UnitResult]:
        self.catch_up()
        with self.views.transaction(write=False) as tx:
            return [score_unit(tx, scheme, i, name, period, cutoff) for i, name in units.items()]
