"""Project: given events → when command → then events, and every refusal saves nothing."""

from __future__ import annotations

from datetime import date

import pytest

from domain import errors
from domain.project import STAGE_ORDER, Project
from domain.values import MilestoneKind, ProjectStage, ProjectTier
from tests.unit.builders import on, project


def events_of(p: Project) -> list[str]:
    return [type(e).__name__ for e in p.collect_events()]


@pytest.mark.parametrize(
    ("investment", "tier"),
    [
        (10_000_000, ProjectTier.OVER_10_MILLION),
        (99_999_999, ProjectTier.OVER_10_MILLION),
        (100_000_000, ProjectTier.OVER_100_MILLION),
        (499_999_999, ProjectTier.OVER_100_MILLION),
        (500_000_000, ProjectTier.OVER_500_MILLION),
        (999_999_999, ProjectTier.OVER_500_MILLION),
        (1_000_000_000, ProjectTier.OVER_1_BILLION),
    ],
)
def test_the_tier_follows_from_the_investment(investment: int, tier: ProjectTier):
    assert project(investment).tier is tier


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("total_investment", 9_999_999, errors.InvestmentBelowFloorError),
        ("enterprise_code", "91110000600037341X", errors.InvalidCreditCodeError),
        ("region_code", "51080", errors.InvalidRegionCodeError),
        ("name", "  ", errors.BlankTextError),
    ],
)
def test_registering_with_a_bad_value_is_refused(field: str, value: object, error: type):
    fields = {
        "name": "产业园",
        "enterprise_name": "企业",
        "enterprise_code": "91110000600037341L",
        "region_code": "510802",
        "sector": "新能源",
        "total_investment": 600_000_000,
        field: value,
    }
    with pytest.raises(error):
        Project.register(on(), id=__import__("uuid").uuid4(), **fields)  # type: ignore[arg-type]


def test_a_registered_project_starts_in_the_reserve_with_its_envelope():
    p = Project.register(
        on(),
        id=__import__("uuid").uuid4(),
        name="产业园",
        enterprise_name="企业",
        enterprise_code="91110000600037341l",
        region_code="510802",
        sector="新能源",
        total_investment=600_000_000,
    )
    (event,) = p.collect_events()
    assert type(event).__name__ == "Registered"
    assert (event.actor, event.unit, event.command_id) == ("张三", "市发改委", "cmd-1")
    assert p.stage is ProjectStage.RESERVE
    assert p.enterprise_code == "91110000600037341L"


def test_the_stages_advance_one_step_at_a_time_to_operating():
    p = project()
    for stage in STAGE_ORDER[1:]:
        p.advance_stage(on(), to=stage)
        assert p.stage is stage
    assert events_of(p) == ["StageAdvanced"] * 5 + ["ServiceCarriedOver"]  # 一包到底


@pytest.mark.parametrize(
    "target", [ProjectStage.SIGNED, ProjectStage.OPERATING, ProjectStage.RESERVE]
)
def test_skipping_or_going_back_a_stage_is_refused(target: ProjectStage):
    p = project()
    with pytest.raises(errors.IllegalStageTransitionError):
        p.advance_stage(on(), to=target)
    assert p.pending_events == []


def test_an_operating_project_advances_no_further_and_cannot_be_cancelled():
    p = project()
    for stage in STAGE_ORDER[1:]:
        p.advance_stage(on(), to=stage)
    p.collect_events()
    with pytest.raises(errors.IllegalStageTransitionError):
        p.advance_stage(on(), to=ProjectStage.OPERATING)
    with pytest.raises(errors.IllegalStageTransitionError):
        p.cancel(on(reason="不再需要"))
    with pytest.raises(errors.IllegalStageTransitionError):
        p.suspend(on(reason="停产"))
    assert p.pending_events == []


@pytest.mark.parametrize("steps", range(0, 5))
def test_a_project_is_suspended_from_any_building_stage_and_resumes_where_it_was(steps: int):
    p = project()
    for stage in STAGE_ORDER[1 : steps + 1]:
        p.advance_stage(on(), to=stage)
    before = p.stage
    p.suspend(on(reason="融资未到位"))
    assert p.stage is ProjectStage.SUSPENDED
    with pytest.raises(errors.IllegalStageTransitionError):
        p.suspend(on(reason="again"))
    with pytest.raises(errors.IllegalStageTransitionError):
        p.advance_stage(on(), to=ProjectStage.OPERATING)
    p.resume(on())
    assert p.stage is before
    assert events_of(p)[-2:] == ["Suspended", "Resumed"]


def test_suspending_and_cancelling_need_a_reason_and_resuming_needs_a_suspension():
    p = project()
    with pytest.raises(errors.ReasonRequiredError):
        p.suspend(on())
    with pytest.raises(errors.ReasonRequiredError):
        p.cancel(on(reason=" "))
    with pytest.raises(errors.IllegalStageTransitionError):
        p.resume(on())
    assert p.pending_events == []


def test_a_cancelled_project_refuses_every_change():
    p = project()
    p.cancel(on(reason="企业撤资"))
    assert events_of(p) == ["Cancelled"]
    refused = [
        lambda: p.assign_lead_leader(on(), leader="王建国"),
        lambda: p.add_team_member(on(), member="李明"),
        lambda: p.adopt_plan(
            on(),
            start=date(2026, 10, 1),
            completion=date(2027, 1, 1),
            commissioning=date(2027, 2, 1),
        ),
        lambda: p.advance_stage(on(), to=ProjectStage.NEGOTIATION),
        lambda: p.report_progress(on(), month="2026-09", investment_to_date=1),
        lambda: p.make_commitment(on(), what="w", to_whom="t", due_date=date(2026, 10, 1)),
        lambda: p.resume(on()),
        lambda: p.cancel(on(reason="again")),
    ]
    for command in refused:
        with pytest.raises(errors.ProjectClosedError):
            command()
    assert p.pending_events == []
    assert p.open_deadlines() == []


def test_the_lead_leader_is_assigned_replaced_but_not_reassigned_to_the_same_person():
    p = project()
    p.assign_lead_leader(on(), leader="王建国")
    p.assign_lead_leader(on(), leader="张伟")
    assert p.lead_leader == "张伟"
    with pytest.raises(errors.LeaderUnchangedError):
        p.assign_lead_leader(on(), leader="张伟")
    assert events_of(p) == ["LeadLeaderAssigned", "LeadLeaderAssigned"]


def test_team_members_are_added_once_and_removed_only_when_on_the_team():
    p = project()
    p.add_team_member(on(), member="李明")
    with pytest.raises(errors.TeamMemberAlreadyAddedError):
        p.add_team_member(on(), member="李明")
    with pytest.raises(errors.TeamMemberNotFoundError):
        p.remove_team_member(on(), member="赵丽")
    p.remove_team_member(on(), member="李明")
    assert p.team == []
    assert events_of(p) == ["TeamMemberAdded", "TeamMemberRemoved"]


def plan(p: Project, *, reason: str | None = None, start: date = date(2026, 10, 1)) -> None:
    p.adopt_plan(
        on(reason=reason),
        start=start,
        completion=date(2027, 6, 30),
        commissioning=date(2027, 9, 30),
    )


def test_a_plan_runs_start_completion_commissioning_and_a_revision_needs_a_reason():
    p = project()
    with pytest.raises(errors.InvalidPlanError):
        p.adopt_plan(
            on(),
            start=date(2027, 7, 1),
            completion=date(2027, 6, 30),
            commissioning=date(2027, 9, 30),
        )
    plan(p)
    with pytest.raises(errors.ReasonRequiredError):
        plan(p, start=date(2026, 11, 1))
    plan(p, start=date(2026, 11, 1), reason="审批延后")
    assert p.plan is not None
    assert p.plan[MilestoneKind.START] == date(2026, 11, 1)
    assert events_of(p) == ["PlanAdopted", "PlanAdopted"]


def test_a_milestone_is_reached_once_after_a_plan_with_its_business_date():
    p = project()
    with pytest.raises(errors.MilestoneNotPlannedError):
        p.reach_milestone(on(), milestone=MilestoneKind.START)
    plan(p)
    with pytest.raises(errors.BusinessDateInFutureError):
        p.reach_milestone(on(business=date(2026, 9, 29)), milestone=MilestoneKind.START)
    p.reach_milestone(on(business=date(2026, 9, 25)), milestone=MilestoneKind.START)
    assert p.milestones_reached == {MilestoneKind.START: date(2026, 9, 25)}
    with pytest.raises(errors.MilestoneAlreadyReachedError):
        p.reach_milestone(on(), milestone=MilestoneKind.START)
    assert events_of(p) == ["PlanAdopted", "MilestoneReached"]
    assert [d.key for d in p.open_deadlines()] == [
        "milestone:completion",
        "milestone:commissioning",
    ]


def test_monthly_progress_is_reported_once_a_month_and_corrected_with_a_reason():
    p = project()
    p.report_progress(on(), month="2026-08", investment_to_date=80_000_000)
    with pytest.raises(errors.ProgressAlreadyReportedError):
        p.report_progress(on(), month="2026-08", investment_to_date=90_000_000)
    p.report_progress(on(reason="统计口径更正"), month="2026-08", investment_to_date=90_000_000)
    for month, error in (
        ("2026-10", errors.ProgressMonthInFutureError),
        ("2026-13", errors.InvalidMonthError),
        ("Aug", errors.InvalidMonthError),
    ):
        with pytest.raises(error):
            p.report_progress(on(), month=month, investment_to_date=1)
    with pytest.raises(errors.InvalidAmountError):
        p.report_progress(on(), month="2026-09", investment_to_date=-1)
    assert p.progress == {"2026-08": 90_000_000}
    assert events_of(p) == ["ProgressReported", "ProgressReported"]


def test_replaying_the_events_rebuilds_the_same_project():
    p = project()
    p.assign_lead_leader(on(), leader="王建国")
    plan(p)
    p.advance_stage(on(), to=ProjectStage.NEGOTIATION)
    p.suspend(on(reason="暂停"))
    events = list(p.collect_events())
    rebuilt = None
    for event in [*_registered(p), *events]:
        rebuilt = event.mutate(rebuilt)
    assert rebuilt is not None
    assert (rebuilt.stage, rebuilt.stage_before_suspension, rebuilt.lead_leader) == (
        ProjectStage.SUSPENDED,
        ProjectStage.NEGOTIATION,
        "王建国",
    )


def _registered(p: Project) -> list:
    fresh = Project.register(
        on(),
        id=p.id,
        name=p.name,
        enterprise_name=p.enterprise_name,
        enterprise_code=p.enterprise_code,
        region_code=p.region_code,
        sector=p.sector,
        total_investment=p.total_investment,
    )
    return list(fresh.collect_events())
