"""Totals, shared ranks and the lists drawn from them (good list, bad circular, the bottom for
a summons), against small tables written here by hand."""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID, uuid5

import pytest

from domain.assessment_lists import at_bottom, bad_list, good_list
from domain.assessment_results import IndicatorScore, Standing, UnitResult, from_bottom, standings
from domain.assessment_scheme import Grade, ListRule, PeriodKind, Scheme, SummonsRule
from tests.unit.assessment_builders import SCHEME

UNIT = {name: uuid5(UUID(int=1), name) for name in "PQRSTU"}


def entered(name: str, total: float, vetoed: bool = False) -> UnitResult:
    return UnitResult(UNIT[name], name, vetoed=vetoed, entered_total=total)


def row(name: str, total: float, rank: int, vetoed: bool = False) -> Standing:
    """A place in a published table; the grade plays no part in the lists."""
    return Standing(UNIT[name], name, total, Grade.PASS, rank, vetoed)


def names(places: list[Standing] | set[UUID]) -> list[str]:
    by_id = {v: k for k, v in UNIT.items()}
    if isinstance(places, set):
        return sorted(by_id[p] for p in places)
    return [p.unit for p in places]


def test_the_total_brings_the_applying_indicators_to_full_marks_and_adds_the_rest():
    scores = [
        IndicatorScore("resolution", None, 0.0, applies=False),
        IndicatorScore("sessions", 2.0, 25.09),
        IndicatorScore("close_out", 0.5, 1.0),
    ]
    unit = UnitResult(UNIT["P"], "P", {s.id: s for s in scores}, bonuses={"provincial": 4.0})
    # 25.09 of the 40 that apply → 62.725 → 62.73; separate 1; the bonus capped at 3
    assert (unit.main_score(SCHEME), unit.separate_score(SCHEME)) == (62.73, 1.0)
    assert (unit.bonus_score(SCHEME), unit.total(SCHEME)) == (3.0, 66.73)
    scores[1].adjusted = 40.0
    assert unit.total(SCHEME) == 104.0  # 100 + 1 + 3
    nothing = UnitResult(UNIT["Q"], "Q", {"resolution": IndicatorScore("resolution", None, 0.0)})
    nothing.indicators["resolution"].applies = False
    assert nothing.main_score(SCHEME) == 100.0  # nothing applies: full marks, not a division


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    table = standings(
        [entered("P", 70.0), entered("Q", 90.0), entered("R", 80.0), entered("S", 90.0)],
        SCHEME,
        PeriodKind.QUARTER,
    )
    assert [(s.unit, s.rank, s.grade) for s in table] == [
        ("Q", 1, Grade.EXCELLENT),
        ("S", 1, Grade.EXCELLENT),
        ("R", 3, Grade.GOOD),
        ("P", 4, Grade.PASS),
    ]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (
            PeriodKind.ANNUAL,
            [("Q", 1, Grade.GOOD), ("R", 1, Grade.GOOD), ("S", 3, Grade.PASS),
             ("P", 4, Grade.FAIL), ("T", 4, Grade.FAIL), ("U", 6, Grade.FAIL)],
        ),
        (
            PeriodKind.HALF_YEAR,
            [("P", 1, Grade.EXCELLENT), ("T", 1, Grade.EXCELLENT), ("Q", 3, Grade.GOOD),
             ("R", 3, Grade.GOOD), ("S", 5, Grade.PASS), ("U", 6, Grade.FAIL)],
        ),
    ],
)  # fmt: skip
def test_vetoed_units_rank_below_every_other_in_the_year_end_assessment_only(kind, expected):
    results = [
        entered("P", 95.0, vetoed=True), entered("Q", 85.0), entered("R", 85.0),
        entered("S", 70.0), entered("T", 95.0, vetoed=True), entered("U", 40.0, vetoed=True),
    ]  # fmt: skip
    table = standings(results, SCHEME, kind)
    assert [(s.unit, s.rank, s.grade) for s in table] == expected
    assert {s.unit for s in table if s.vetoed} == {"P", "T", "U"}


def test_ranks_from_the_bottom_are_shared_by_ties_too():
    table = [row("P", 90, 1), row("Q", 80, 2), row("R", 80, 2), row("S", 60, 4)]
    assert from_bottom(table) == {UNIT["S"]: 1, UNIT["R"]: 2, UNIT["Q"]: 2, UNIT["P"]: 4}
    tied_last = [row("P", 90, 1), row("Q", 80, 2), row("R", 50, 3), row("S", 50, 3)]
    assert from_bottom(tied_last) == {UNIT["S"]: 1, UNIT["R"]: 1, UNIT["Q"]: 3, UNIT["P"]: 4}


def rule(
    good_top: int = 1,
    bad_bottom: int = 1,
    bad_below: float = 60.0,
    vetoed_on_bad: bool = True,
    summons: int = 1,
) -> Scheme:
    return replace(
        SCHEME,
        lists=ListRule(good_top, bad_bottom, bad_below, vetoed_on_bad),
        summons=SummonsRule(bottom=summons),
    )


TABLE = [  # a quarter's table: ties at the top, in the middle and at the bottom
    row("P", 95, 1), row("Q", 95, 1), row("R", 80, 3), row("S", 80, 3),
    row("T", 65, 5), row("U", 65, 5),
]  # fmt: skip


@pytest.mark.parametrize(
    ("good_top", "good"),
    [(1, ["P", "Q"]), (2, ["P", "Q"]), (4, ["P", "Q", "R", "S"]), (5, list("PQRSTU"))],
)
def test_the_good_list_takes_every_unit_of_a_shared_rank(good_top, good):
    scheme = rule(good_top=good_top, bad_bottom=2)
    assert names(good_list(TABLE, scheme)) == good


@pytest.mark.parametrize(
    ("bad_bottom", "bad"),
    [(1, ["U", "T"]), (2, ["U", "T"]), (3, ["U", "T", "S", "R"]), (6, ["U", "T", "S", "R"])],
)
def test_the_bad_circular_takes_ties_from_the_bottom_and_never_a_unit_of_the_good_list(
    bad_bottom, bad
):
    scheme = rule(good_top=1, bad_bottom=bad_bottom)
    assert names(bad_list(TABLE, scheme)) == bad


def test_a_table_all_tied_is_all_good_and_none_bad():
    tied = [row("P", 70, 1), row("Q", 70, 1), row("R", 70, 1)]
    scheme = rule(good_top=1, bad_bottom=1)
    assert names(good_list(tied, scheme)) == ["P", "Q", "R"]
    assert bad_list(tied, scheme) == []


def test_a_total_below_the_line_puts_a_unit_on_the_bad_circular_wherever_it_ranks():
    table = [row("P", 70, 1), row("Q", 61, 2), row("R", 59.99, 3), row("S", 58, 4), row("T", 40, 5)]
    assert names(bad_list(table, rule(bad_bottom=1, bad_below=60.0))) == ["T", "S", "R"]
    assert names(bad_list(table, rule(bad_bottom=1, bad_below=0.0))) == ["T"]


def test_a_vetoed_unit_is_on_the_bad_circular_only_where_the_scheme_says_and_never_good():
    table = [row("P", 95, 1, vetoed=True), row("Q", 90, 2), row("R", 85, 3), row("S", 80, 4)]
    on = rule(good_top=2, bad_bottom=1, vetoed_on_bad=True)
    off = rule(good_top=2, bad_bottom=1, vetoed_on_bad=False)
    assert names(good_list(table, on)) == ["Q"]
    assert names(bad_list(table, on)) == ["S", "P"]
    assert names(bad_list(table, off)) == ["S"]


@pytest.mark.parametrize(
    ("bottom", "summoned"),
    [(1, ["T", "U"]), (2, ["T", "U"]), (3, list("RSTU")), (5, list("PQRSTU"))],
)  # fmt: skip
def test_the_bottom_for_a_summons_takes_every_unit_of_a_shared_rank(bottom, summoned):
    assert names(at_bottom(TABLE, rule(summons=bottom))) == summoned
