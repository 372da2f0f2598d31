"""Assessment: each transition and each refusal, on plain envelopes; a refused act records
nothing. Totals and tables are worked out here by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid5

import pytest

from domain import errors
from domain.assessment import Assessment, assessment_period
from domain.assessment_results import UnitResult
from domain.assessment_scheme import PeriodKind
from domain.values import SHANGHAI
from tests.unit.assessment_builders import (
    CUTOFF,
    HEAD,
    ITSELF,
    OFFICE,
    SCHEME,
    UNITS,
    A,
    B,
    C,
    at,
    computed,
    day,
    opened,
    refused,
    result,
    scored,
    totals,
)


@pytest.mark.parametrize(
    ("period", "kind", "first", "last"),
    [
        ("2026", PeriodKind.ANNUAL, date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-H1", PeriodKind.HALF_YEAR, date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-H2", PeriodKind.HALF_YEAR, date(2026, 7, 1), date(2026, 12, 31)),
        ("2026-Q1", PeriodKind.QUARTER, date(2026, 1, 1), date(2026, 3, 31)),
        ("2024-Q1", PeriodKind.QUARTER, date(2024, 1, 1), date(2024, 3, 31)),
        ("2026-Q2", PeriodKind.QUARTER, date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q3", PeriodKind.QUARTER, date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-Q4", PeriodKind.QUARTER, date(2026, 10, 1), date(2026, 12, 31)),
        ("2000", PeriodKind.ANNUAL, date(2000, 1, 1), date(2000, 12, 31)),
        ("2100-Q4", PeriodKind.QUARTER, date(2100, 10, 1), date(2100, 12, 31)),
    ],
)
def test_an_assessment_period_is_a_year_a_half_or_a_quarter(period, kind, first, last):
    assert assessment_period(period) == (kind, first, last)


@pytest.mark.parametrize(
    "period",
    ["0", "0000", "1999", "2101", "2101-Q1", "2026-Q5", "2026-Q0", "2026-H3", "2026-08",
     "2026Q1", "2026-q1", "", " 2026", "2026-"],
)  # fmt: skip
def test_anything_else_is_not_an_assessment_period(period):
    with pytest.raises(errors.InvalidPeriodError):
        assessment_period(period)


def test_an_assessment_opens_with_its_scheme_recorded_whole_and_a_default_cut_off():
    a = Assessment.open(
        day(date(2027, 1, 4)), office=OFFICE, title="2026年度考核", period="2026",
        units=UNITS, scheme=SCHEME,
    )  # fmt: skip
    (event,) = a.collect_events()
    assert isinstance(event, Assessment.Opened)
    assert (event.scheme_version, event.scheme["version"], event.cutoff) == ("d.1", "d.1", CUTOFF)
    assert event.units == [{"id": str(i), "name": n} for i, n in UNITS.items()]
    assert a.id == Assessment.id_for(OFFICE, "2026") != Assessment.id_for(OFFICE, "2026-H1")
    assert (a.kind, a.scheme, a.draft, a.draft_version, a.results) == (
        PeriodKind.ANNUAL, SCHEME, True, 1, {},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("period", "cutoff"),
    [
        ("2026-Q3", datetime(2026, 10, 6, tzinfo=SHANGHAI)),
        ("2026-H1", datetime(2026, 7, 6, tzinfo=SHANGHAI)),
        ("2026-Q4", datetime(2027, 1, 6, tzinfo=SHANGHAI)),
    ],
)
def test_the_default_cut_off_ends_the_schemes_days_after_the_period(period, cutoff):
    assert Assessment.default_cutoff(period, SCHEME) == cutoff


def test_opening_is_refused_for_another_years_scheme_no_units_or_an_early_cut_off():
    def attempt(period: str = "2026", units: Any = UNITS, cutoff: Any = None) -> None:
        Assessment.open(
            day(date(2027, 1, 4)), office=OFFICE, title="考核", period=period, units=units,
            scheme=SCHEME, cutoff=cutoff,
        )  # fmt: skip

    with pytest.raises(errors.InvalidPeriodError, match=r"scheme d\.1 is for 2026, not 2025"):
        attempt(period="2025")
    with pytest.raises(errors.UnitNotAssessedError):
        attempt(units={})
    with pytest.raises(errors.InvalidCutoffError):
        attempt(cutoff=datetime(2026, 12, 31, 23, 59, tzinfo=SHANGHAI))
    with pytest.raises(errors.InvalidCutoffError):  # 2026-12-31 23:00 in Shanghai
        attempt(cutoff=datetime(2026, 12, 31, 15, tzinfo=UTC))
    with pytest.raises(errors.InvalidPeriodError):
        attempt(period="2026-Q5")
    with pytest.raises(errors.BlankTextError):
        Assessment.open(
            day(date(2027, 1, 4)), office=OFFICE, title=" ", period="2026", units=UNITS,
            scheme=SCHEME,
        )  # fmt: skip
    # the first moment after the period is a cut-off, wherever it is written
    first = datetime(2027, 1, 1, tzinfo=SHANGHAI)
    assert opened(cutoff=first).cutoff == first
    assert opened(cutoff=datetime(2026, 12, 31, 16, tzinfo=UTC)).cutoff == first


def test_scores_are_computed_at_the_cut_off_and_not_a_moment_before():
    a = opened()
    detail = refused(
        a,
        errors.CutoffNotReachedError,
        lambda: a.record_scores(
            day(date(2027, 1, 5), hour=23), results=computed(), source="computed"
        ),
    )
    assert "2027-01-06" in detail
    a.record_scores(at(CUTOFF), results=computed(), source="computed")
    (event,) = a.collect_events()
    assert (event.source, len(event.results)) == ("computed", 3)
    assert totals(a) == {A: 102.0, B: 76.0, C: 50.5}


def test_results_are_recorded_for_every_unit_once_each():
    a = opened()
    full = computed()
    for wrong in (
        full[:2],  # C missing
        [*full[:2], full[0]],  # A twice, C missing
        [*full, full[1]],  # B twice
        [*full, result(uuid5(UUID(int=0), "市税务局"), 1.0, 1.0, 1.0)],  # not assessed
        [],
    ):
        refused(
            a,
            errors.EnteredResultsIncompleteError,
            lambda wrong=wrong: a.record_scores(at(), results=wrong, source="computed"),
        )


def test_results_entered_from_a_paper_record_name_it_and_carry_their_totals():
    a = opened()
    given = zip(UNITS.items(), (88, 92, 61), strict=True)
    entered = [UnitResult(i, n, entered_total=t) for (i, n), t in given]
    early = day(date(2027, 1, 4))  # a record of the past: no cut-off to wait for
    refused(
        a,
        errors.BlankTextError,
        lambda: a.record_scores(early, results=entered, source="entered", document=" "),
    )
    a.record_scores(early, results=entered, source="entered", document="示范考〔2027〕1号")
    (event,) = a.collect_events()
    assert (event.source, event.document) == ("entered", "示范考〔2027〕1号")
    assert [(s.unit_id, s.total, s.rank) for s in a.table()] == [(B, 92, 1), (A, 88, 2), (C, 61, 3)]
    refused(  # an entered result has no indicators to adjust
        a,
        errors.UnknownIndicatorError,
        lambda: a.adjust_score(
            at(reason="复核"), unit_id=A, indicator="resolution", points=1.0, approver=HEAD
        ),
    )


def test_an_adjustment_sets_the_points_with_a_reason_and_another_official_approving():
    a = scored()
    a.adjust_score(
        at(reason="一件问题办结质量不达标"), unit_id=B, indicator="resolution", points=40.0,
        approver=HEAD,
    )  # fmt: skip
    (event,) = a.collect_events()
    assert (event.unit_id, event.indicator, event.points) == (B, "resolution", 40.0)
    assert (event.approver_id, event.approver, event.reason) == (
        HEAD.official_id, "主任", "一件问题办结质量不达标",
    )  # fmt: skip
    assert a.results[B].indicators["resolution"].final == 40.0
    assert totals(a)[B] == 71.0  # 40 + 30 + 1
    assert [(n.item, n.actor, n.approver) for n in a.notes] == [("resolution", "张三", "主任")]


@pytest.mark.parametrize(
    ("error", "envelope", "fields"),
    [
        (errors.ReasonRequiredError, at(), {}),
        (errors.ReasonRequiredError, at(reason="  "), {}),
        (errors.ApproverIsActorError, at(reason="复核"), {"approver": ITSELF}),
        (errors.UnknownIndicatorError, at(reason="复核"), {"indicator": "happiness"}),
        (errors.UnknownIndicatorError, at(reason="复核"), {"unit_id": C, "indicator": "sessions"}),
        (errors.PointsOutOfRangeError, at(reason="复核"), {"points": 60.01}),
        (errors.PointsOutOfRangeError, at(reason="复核"), {"points": -1.0}),
        (errors.UnitNotAssessedError, at(reason="复核"), {"unit_id": uuid5(UUID(int=0), "x")}),
    ],
)
def test_an_adjustment_is_refused_naming_the_rule(error, envelope, fields):
    a = scored()
    asked = {"unit_id": B, "indicator": "resolution", "points": 50.0, "approver": HEAD, **fields}
    refused(a, error, lambda: a.adjust_score(envelope, **asked))
    assert totals(a)[B] == 76.0


def test_an_adjustment_may_give_none_or_full_marks_but_not_before_scoring():
    a = scored()
    a.adjust_score(at(reason="复核"), unit_id=A, indicator="resolution", points=0.0, approver=HEAD)
    a.adjust_score(at(reason="复核"), unit_id=B, indicator="resolution", points=60.0, approver=HEAD)
    assert totals(a) == {A: 42.0, B: 91.0, C: 50.5}
    fresh = opened()
    refused(
        fresh,
        errors.AssessmentNotScoredError,
        lambda: fresh.adjust_score(
            at(reason="复核"), unit_id=A, indicator="resolution", points=1.0, approver=HEAD
        ),
    )
