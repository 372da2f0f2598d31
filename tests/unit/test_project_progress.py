"""A month's progress: the investment to date, the month's completed investment (the step from
the month before, which a figure given must agree with) and 形象进度; the dispatch's amounts
and completion rate, checked against figures worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from domain import errors
from domain.project import Project
from domain.project_progress import amounts, completion_rate
from tests.unit.builders import on, project

OCTOBER = date(2026, 10, 12)


def reported(p: Project) -> list[tuple[str, int, int | None, str]]:
    return [
        (e.month, e.investment_to_date, e.month_investment, e.image_progress)
        for e in p.collect_events()
    ]


def test_the_months_figure_is_the_step_from_the_month_before():
    p = project()
    p.report_progress(on(OCTOBER), month="2026-08", investment_to_date=300_000_000)
    p.report_progress(
        on(OCTOBER), month="2026-09", investment_to_date=380_000_000, image_progress="主体封顶"
    )
    p.report_progress(
        on(OCTOBER), month="2026-10", investment_to_date=450_000_000, month_investment=70_000_000
    )
    assert reported(p) == [
        ("2026-08", 300_000_000, None, ""),
        ("2026-09", 380_000_000, 80_000_000, "主体封顶"),
        ("2026-10", 450_000_000, 70_000_000, ""),
    ]


def test_a_first_month_keeps_the_figure_given():
    p = project()
    p.report_progress(
        on(OCTOBER), month="2026-09", investment_to_date=380_000_000, month_investment=50_000_000
    )
    assert p.month_investment == {"2026-09": 50_000_000}


def test_a_figure_that_disagrees_with_the_month_before_is_refused():
    p = project()
    p.report_progress(on(OCTOBER), month="2026-08", investment_to_date=300_000_000)
    p.collect_events()
    with pytest.raises(errors.ProgressFiguresDisagreeError):
        p.report_progress(
            on(OCTOBER), month="2026-09", investment_to_date=380_000_000, month_investment=1
        )
    assert p.collect_events() == []


@pytest.mark.parametrize("figure", [-1, 380_000_001])
def test_the_months_figure_lies_between_zero_and_the_total_to_date(figure: int):
    with pytest.raises(errors.InvalidAmountError):
        project().report_progress(
            on(OCTOBER), month="2026-09", investment_to_date=380_000_000, month_investment=figure
        )


def test_a_report_recorded_before_the_figures_were_kept_reads_as_unknown():
    state: dict[str, object] = {"month": "2026-01", "investment_to_date": 5}
    Project.ProgressReported.upcast_v1_v2(state)
    assert state["month_investment"] is None
    assert state["image_progress"] == ""


# progress to date: Dec 2025 100, Aug 2026 300, Oct 2026 450 (万 left out)
PROGRESS = {"2025-12": 100, "2026-08": 300, "2026-10": 450}


@pytest.mark.parametrize(
    ("month", "recorded", "expected"),
    [
        ("2026-10", {}, (150, 350, 450)),  # September unreported: the step from August
        ("2026-10", {"2026-10": 90}, (90, 350, 450)),  # the figure reported wins
        ("2026-09", {}, (None, 200, 300)),  # September itself unreported
        ("2025-11", {}, (None, None, None)),
    ],
)
def test_the_dispatch_amounts(month, recorded, expected):
    assert amounts(PROGRESS, month, recorded) == expected


@pytest.mark.parametrize(
    ("done", "plan", "rate"), [(350, 800, 0.4375), (None, 800, None), (350, None, None)]
)
def test_the_completion_rate_against_the_years_plan(done, plan, rate):
    assert completion_rate(done, plan) == rate
