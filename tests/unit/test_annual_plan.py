"""A project's planned investment for a year (年度计划投资): within its total, revised with a
reason, refused once the project is cancelled."""

from __future__ import annotations

import pytest

from domain.errors import (
    InvalidAmountError,
    InvalidYearError,
    ProjectClosedError,
    ReasonRequiredError,
)
from tests.unit.builders import names, on, project


def test_a_year_is_planned_and_revised_with_a_reason():
    p = project(investment=3_500_000_000)
    p.plan_annual_investment(on(), year=2026, amount=800_000_000)
    p.plan_annual_investment(on(reason="追加投资"), year=2026, amount=900_000_000)
    p.plan_annual_investment(on(), year=2027, amount=1_000_000_000)
    assert names(p.collect_events()) == ["AnnualInvestmentPlanned"] * 3
    assert p.annual_plans == {2026: 900_000_000, 2027: 1_000_000_000}


def test_revising_without_a_reason_is_refused():
    p = project()
    p.plan_annual_investment(on(), year=2026, amount=800_000_000)
    with pytest.raises(ReasonRequiredError):
        p.plan_annual_investment(on(), year=2026, amount=700_000_000)


@pytest.mark.parametrize("amount", [0, -5, 3_500_000_001])
def test_a_plan_lies_within_the_total_investment(amount: int):
    with pytest.raises(InvalidAmountError):
        project(investment=3_500_000_000).plan_annual_investment(on(), year=2026, amount=amount)


def test_a_plan_names_a_plausible_year_and_a_live_project():
    p = project()
    with pytest.raises(InvalidYearError):
        p.plan_annual_investment(on(), year=26, amount=1)
    p.cancel(on(reason="投资方撤资"))
    with pytest.raises(ProjectClosedError):
        p.plan_annual_investment(on(), year=2026, amount=1)
