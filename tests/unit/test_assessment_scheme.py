"""The assessment scheme as data: its formulas and grades computed here by hand, and a scheme
refused whole when read, every problem named."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from domain.assessment_scheme import (
    FigureName,
    Formula,
    Grade,
    Indicator,
    PeriodKind,
    Scheme,
)
from domain.errors import InvalidAssessmentSchemeError
from domain.scheme_reading import read_scheme

SCHEME: dict[str, Any] = {
    "year": 2026, "version": "t.1", "title": "测试方案", "total": 100.0, "separate_total": 2.0,
    "cutoff_days": 7,
    "indicator": [
        {"id": "resolution", "name": "问题办结率", "weight": 60.0, "figure": "resolution_rate",
         "formula": "rate", "full_at": 0.95, "zero_at": 0.6},
        {"id": "commitments", "name": "承诺兑现", "weight": 40.0, "figure": "commitments_broken",
         "formula": "deduct", "per_item": 5.0, "no_data": "zero", "applies_to": ["市税务局"]},
        {"id": "close_out", "name": "销号", "weight": 2.0, "figure": "close_out_rate",
         "formula": "rate", "separate": True},
    ],
    "bonus": [{"id": "provincial", "name": "省重点项目加分", "cap": 3.0}],
    "requirement": [
        {"id": "talks", "name": "企业家恳谈会", "kind": "sessions",
         "session_kind": "entrepreneur_talk", "units": ["市工商联"], "lead_leader": True},
        {"id": "briefing", "name": "政策宣讲进展报送", "kind": "briefing_progress",
         "due": ["06-20", "11-20"], "units": "all"},
        {"id": "visits", "name": "包联企业走访", "kind": "pairing_visits", "units": ["市税务局"],
         "tolerance": 2},
    ],
    "grades": {"excellent": 85.0, "good": 75.0, "passing": 55.0},
    "lists": {"good_top": 2, "bad_bottom": 1, "bad_below": 50.0, "vetoed_on_bad": False},
    "summons": {"bottom": 1, "rectify_working_days": 15, "items": 2},
}  # fmt: skip


def rate(weight: float, full_at: float = 1.0, zero_at: float = 0.0) -> Indicator:
    return Indicator("r", "率", weight, FigureName.RESOLUTION_RATE, Formula.RATE, full_at, zero_at)


def deduct(weight: float, per_item: float, no_data: str = "full") -> Indicator:
    return Indicator(
        "d", "扣分", weight, FigureName.COMMITMENTS_BROKEN, Formula.DEDUCT,
        per_item=per_item, no_data=no_data,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "points"),
    [
        (0.95, 60.0),  # full marks at full_at
        (1.0, 60.0),  # better than full_at: kept at the weight
        (0.6, 0.0),  # none at zero_at
        (0.3, 0.0),  # worse than zero_at: kept at 0
        (0.8, 34.29),  # 60 × 0.2 ÷ 0.35 = 34.2857…
        (0.7, 17.14),  # 60 × 0.1 ÷ 0.35 = 17.1428…
    ],
)
def test_a_rate_scores_in_proportion_between_zero_at_and_full_at(value, points):
    assert rate(60.0, full_at=0.95, zero_at=0.6).points(value) == points


@pytest.mark.parametrize(
    ("indicator", "value", "points"),
    [
        (rate(10.0), 0.0455, 0.46),  # 1 of 22 resolved: 0.455 → 0.46
        (rate(10.0, zero_at=0.6), 0.8462, 6.16),  # 11 of 13: 10 × 0.2462 ÷ 0.4 = 6.155
        (rate(2.0, zero_at=0.6), 0.825, 1.13),  # 33 of 40: 2 × 0.225 ÷ 0.4 = 1.125
        (rate(10.0), 0.1235, 1.24),  # 1.235
        (rate(10.0), 0.1234, 1.23),  # 1.234
        (deduct(10.0, 0.35), 3, 8.95),
        (deduct(10.0, 0.015), 1, 9.99),  # 9.985
        (deduct(10.0, 0.005), 1, 10.0),  # 9.995
    ],
)
def test_points_are_rounded_to_two_places_halves_up(indicator, value, points):
    assert indicator.points(value) == points


def test_a_deduction_takes_per_item_off_the_weight_and_never_goes_below_zero():
    indicator = deduct(10.0, 2.0)
    assert [indicator.points(n) for n in (0, 1, 4, 5, 6, 100)] == [10.0, 8.0, 2.0, 0.0, 0.0, 0.0]


def test_nothing_to_measure_scores_full_marks_or_none_as_the_indicator_says():
    assert deduct(10.0, 2.0, no_data="full").points(None) == 10.0
    assert deduct(10.0, 2.0, no_data="zero").points(None) == 0.0
    assert rate(60.0).points(None) == 60.0  # full by default


def test_an_indicator_applies_to_its_units_or_to_all():
    scheme = read_scheme(SCHEME)
    resolution, commitments, _ = scheme.indicators
    assert (resolution.applies("市税务局"), resolution.applies("任何单位")) == (True, True)
    assert (commitments.applies("市税务局"), commitments.applies("市人社局")) == (True, False)


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (100.0, Grade.EXCELLENT),
        (85.0, Grade.EXCELLENT),
        (84.99, Grade.GOOD),
        (75.0, Grade.GOOD),
        (74.99, Grade.PASS),
        (55.0, Grade.PASS),
        (54.99, Grade.FAIL),
        (0.0, Grade.FAIL),
    ],
)
def test_grades_follow_the_schemes_thresholds_each_floor_included(total, grade):
    scheme = read_scheme(SCHEME)  # 85 / 75 / 55
    for kind in PeriodKind:
        assert scheme.grade(total, vetoed=False, kind=kind) is grade


def test_a_vetoed_unit_fails_the_year_end_assessment_only():
    scheme = read_scheme(SCHEME)
    assert scheme.grade(99.0, vetoed=True, kind=PeriodKind.ANNUAL) is Grade.FAIL
    assert scheme.grade(99.0, vetoed=True, kind=PeriodKind.HALF_YEAR) is Grade.EXCELLENT
    assert scheme.grade(80.0, vetoed=True, kind=PeriodKind.QUARTER) is Grade.GOOD


def test_the_scheme_reads_as_written():
    scheme = read_scheme(SCHEME)
    assert (scheme.year, scheme.version, scheme.cutoff_days) == (2026, "t.1", 7)
    assert [i.id for i in scheme.indicators] == ["resolution", "commitments", "close_out"]
    assert [i.separate for i in scheme.indicators] == [False, False, True]
    assert scheme.requirement("briefing").units == ("all",)  # type: ignore[union-attr]
    assert scheme.requirement("visits").tolerance == 2  # type: ignore[union-attr]
    assert scheme.bonus("provincial").cap == 3.0  # type: ignore[union-attr]
    assert (scheme.lists.good_top, scheme.lists.vetoed_on_bad) == (2, False)
    assert (scheme.summons.bottom, scheme.summons.rectify_working_days) == (1, 15)
    assert (scheme.indicator("nothing"), scheme.bonus("nothing")) == (None, None)


def test_a_scheme_written_out_reads_back_the_same():
    scheme = read_scheme(SCHEME)
    again: Scheme = read_scheme(scheme.to_dict())
    assert again == scheme
    assert scheme.to_dict()["indicator"][0]["figure"] == "resolution_rate"  # plain data


DUE = "requirement 2 (briefing): due must list days of 2026 as MM-DD"


def changed(path: str, value: Any) -> dict[str, Any]:
    """The test scheme with one value changed: ``indicator.1.weight`` sets the weight of the
    second indicator; a value of ``...`` removes the key."""
    raw = copy.deepcopy(SCHEME)
    *parents, key = path.split(".")
    holder: Any = raw
    for part in parents:
        holder = holder[int(part)] if part.isdigit() else holder[part]
    if value is ...:
        del holder[key]
    else:
        holder[int(key) if key.isdigit() else key] = value
    return raw


def refusal(raw: dict[str, Any]) -> str:
    with pytest.raises(InvalidAssessmentSchemeError) as refused:
        read_scheme(raw)
    assert refused.value.rule == "invalid-assessment-scheme"
    return refused.value.detail


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ("indicator.0.weight", 50.0, "the weights of the indicators add up to 90.0, not 100.0"),
        (
            "indicator.2.weight",
            1.0,
            "the weights of the separate indicators add up to 1.0, not 2.0",
        ),
        ("indicator.1.id", "resolution", "indicator id 'resolution' is given more than once"),
        ("requirement.1.id", "talks", "requirement id 'talks' is given more than once"),
        ("indicator.0.id", "Resolution-1", "indicator id 'Resolution-1': lower-case letters"),
        ("bonus.0.id", "省重点", "bonus id '省重点': lower-case letters"),
        ("indicator.0.figure", "happiness", "indicator 1 (resolution): figure 'happiness' is not"),
        ("indicator.1.formula", "curve", "indicator 2 (commitments): formula 'curve' is not"),
        ("requirement.0.session_kind", "party", "session_kind 'party' is not a kind of session"),
        ("requirement.0.cadence", "weekly", "requirement 1 (talks): cadence 'weekly' is not"),
        ("requirement.0.kind", "dinners", "requirement 1 (talks): kind 'dinners' is not"),
        ("indicator.0.full_at", 0.6, "indicator 1 (resolution): full_at and zero_at must differ"),
        ("indicator.1.per_item", ..., "indicator 2 (commitments): a deduction needs per_item"),
        ("indicator.1.no_data", "half", "no_data must be 'full' or 'zero'"),
        ("indicator.0.weight", "sixty", "indicator 1 (resolution): weight must be given as float"),
        (
            "requirement.1.due",
            ["6-20"],
            DUE,
        ),
        (
            "requirement.1.due",
            ["13-01"],
            DUE,
        ),
        (
            "requirement.1.due",
            ["02-30"],
            DUE,
        ),
        (
            "requirement.1.due",
            ["02-29"],
            DUE,
        ),
        ("requirement.1.due", [], DUE),
        ("requirement.2.tolerance", -1, "requirement 3 (visits): tolerance must not be negative"),
        ("requirement.0.units", [], "units must be 'all' or a list of unit names"),
        ("bonus.0.cap", 0.0, "bonus 1 (provincial): cap must be above 0"),
        ("grades.good", 90.0, "grades: excellent > good > passing >= 0"),
        ("grades.passing", -1.0, "grades: excellent > good > passing >= 0"),
        ("lists.good_top", 0, "lists and summons: counts must be at least 1"),
        ("lists.bad_bottom", 0, "lists and summons: counts must be at least 1"),
        ("summons.bottom", 0, "lists and summons: counts must be at least 1"),
        ("summons.items", 0, "lists and summons: counts must be at least 1"),
        ("summons.rectify_working_days", 0, "rectify_working_days must be at least 1"),
        ("year", 1999, "year must be a year such as 2026"),
        ("version", " ", "scheme: version must not be blank"),
        ("cutoff_days", -1, "cutoff_days must not be negative"),
        ("indicator", [], "at least one indicator"),
        ("lists.vetoed_on_bad", 1, "lists: vetoed_on_bad must be given as bool"),
    ],
)
def test_a_scheme_with_a_problem_is_refused_naming_it(path, value, named):
    assert named in refusal(changed(path, value))


def test_a_leap_day_is_a_due_day_in_a_leap_year():
    raw = changed("requirement.1.due", ["02-29"])
    raw["year"] = 2028
    assert read_scheme(raw).requirement("briefing").due == ("02-29",)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ("indicator", "resolution", "indicator must be a list of tables"),
        ("indicator", ["resolution"], "indicator 1 must be a table"),
        ("requirement", [3], "requirement 1 must be a table"),
        ("grades", 90, "grades must be a table"),
    ],
)
def test_a_scheme_of_the_wrong_shape_is_refused_naming_the_part(path, value, named):
    assert named in refusal(changed(path, value))


def test_every_problem_of_a_scheme_is_named_in_one_refusal():
    raw = changed("indicator.0.figure", "happiness")
    raw["requirement"][2]["tolerance"] = -3
    raw["bonus"].append({"id": "provincial", "name": "重复", "cap": 1.0})
    raw["grades"]["excellent"] = 10.0
    detail = refusal(raw)
    assert detail.startswith("assessment scheme t.1: ")
    for named in (
        "figure 'happiness' is not one of the known values",
        "tolerance must not be negative",
        "bonus id 'provincial' is given more than once",
        "grades: excellent > good > passing >= 0",
    ):
        assert named in detail
    assert detail.count("; ") == 3
