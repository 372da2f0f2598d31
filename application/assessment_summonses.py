"""The summons (约谈) a year-end result proposes: each unit ranked at the bottom (by the
scheme's rule, ties shared) of this result and of the latest published result of the year
before, by the same office; its rectification list — one item for each of the indicators that
lost most points, one for each mechanism that failed the veto — each due the scheme's working
days after the proposal."""

from __future__ import annotations

from uuid import UUID

from application.summonses import RectificationItem, SummonsProposal
from domain.assessment import Assessment
from domain.assessment_lists import at_bottom
from domain.assessment_results import UnitResult
from domain.assessment_scheme import PeriodKind, Scheme, two_places
from domain.summons import SummonsGrounds


def rectification_items(scheme: Scheme, result: UnitResult) -> list[RectificationItem]:
    days = scheme.summons.rectify_working_days
    lost = []
    for indicator in scheme.indicators:
        score = result.indicators.get(indicator.id)
        if score is not None and score.applies and score.final < indicator.weight:
            lost.append((two_places(indicator.weight - score.final), indicator.name))
    lost.sort(key=lambda found: -found[0])
    whats = [f"“{name}”失{points:g}分：查找原因，制定并落实整改措施" for points, name in lost]
    whats = whats[: scheme.summons.items]
    for requirement in result.veto.get("requirements", []):
        if not requirement["passed"]:
            whats.append(f"“{requirement['name']}”未达要求：补齐机制运行短板")
    if not whats:
        whats = ["针对考核结果连续两年靠后，制定整改方案并报送整改落实情况"]
    return [RectificationItem(what, working_days=days, by_rule=True) for what in whats]


def year_before(assessment: Assessment) -> UUID | None:
    """The id of the same office's assessment of the year before, for a year-end one."""
    if assessment.kind is not PeriodKind.ANNUAL:
        return None
    office_unit = assessment.recorded_by_unit or ""
    return Assessment.id_for(office_unit, str(int(assessment.period) - 1))


def bottom_two_years(assessment: Assessment, before: Assessment | None) -> list[SummonsProposal]:
    """The proposals publishing ``assessment``'s draft calls for, given last year's
    assessment (none unless it was published)."""
    if before is None or not before.published or not assessment.results:
        return []
    last = before.published[-1]
    both = at_bottom(assessment.table(), assessment.scheme) & at_bottom(last.table, before.scheme)
    basis = [f"{before.id}@v{last.version}", f"{assessment.id}@v{assessment.draft_version}"]
    return [
        SummonsProposal(
            unit_id,
            SummonsGrounds.BOTTOM_TWO_YEARS,
            rectification_items(assessment.scheme, assessment.results[unit_id]),
            basis=basis,
        )
        for unit_id in sorted(both, key=lambda u: assessment.units[u])
        if unit_id not in assessment.summonses
    ]
