"""The major project register: real estate and the ≥5亿 tiers, 新开工/续建, the year's list, the
service liaison, the weekly and quarter-end reports as deadlines (a due day off moves to the
next working day) and 一包到底. Expected dates are read off the 2026 holiday notice by hand."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from domain import errors
from domain.project import Project
from domain.values import Construction, ListLevel, MilestoneKind, ProjectStage, ProjectTier
from tests.unit.builders import CODE, on, project

# 国办发明电〔2025〕 holiday arrangement for 2026, as far as these tests need it
DAYS_OFF_2026 = {
    date(2026, 1, 1), date(2026, 1, 2),  # New Year; Sunday 4 January is a working day
    *(date(2026, 9, 25) + timedelta(days=n) for n in range(3)),  # Mid-Autumn, 25–27 Sept
    *(date(2026, 10, 1) + timedelta(days=n) for n in range(7)),  # National Day, 1–7 Oct
}  # fmt: skip
WORKING_WEEKENDS_2026 = {date(2026, 1, 4), date(2026, 9, 20), date(2026, 10, 10)}


class Calendar2026:
    def is_working_day(self, day: date) -> bool:
        if day.year != 2026:
            raise errors.CalendarYearUnknownError(day.year)
        if day in WORKING_WEEKENDS_2026:
            return True
        return day.weekday() < 5 and day not in DAYS_OFF_2026

    def source_for(self, year: int) -> str:
        return "test calendar 2026"


def events_of(p: Project) -> list[str]:
    return [type(e).__name__ for e in p.collect_events()]


def registered(construction: Construction, *, real_estate: bool = False, amount: int = 10**9):
    p = Project.register(
        on(),
        id=uuid4(),
        name="示范住宅小区",
        enterprise_name="示范置业有限公司",
        enterprise_code=CODE,
        region_code="510802",
        sector="房地产",
        total_investment=amount,
        real_estate=real_estate,
        construction=construction,
    )
    p.collect_events()
    return p


def listed(day: date = date(2026, 3, 2), *, construction=Construction.NEW_START) -> Project:
    p = project() if construction is Construction.NEW_START else registered(construction)
    p.list_for_year(
        on(day), year=2026, level=ListLevel.PROVINCE, construction=construction,
        calendar=Calendar2026(),
    )  # fmt: skip
    p.collect_events()
    return p


def owed(p: Project) -> dict[str, date]:
    return {d.key: d.due for d in p.open_deadlines()}


# --- tiers, 新开工/续建 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "real_estate", "tier"),
    [
        (1_200_000_000, False, ProjectTier.OVER_1_BILLION),
        (1_200_000_000, True, ProjectTier.OVER_100_MILLION),
        (500_000_000, True, ProjectTier.OVER_100_MILLION),
        (499_999_999, True, ProjectTier.OVER_100_MILLION),
        (50_000_000, True, ProjectTier.OVER_10_MILLION),
        (500_000_000, False, ProjectTier.OVER_500_MILLION),
    ],
)
def test_real_estate_never_falls_in_the_five_hundred_million_tiers(amount, real_estate, tier):
    assert registered(Construction.NEW_START, real_estate=real_estate, amount=amount).tier is tier


def test_a_continuing_project_starts_under_construction_and_a_new_one_in_reserve():
    assert registered(Construction.CONTINUING).stage is ProjectStage.UNDER_CONSTRUCTION
    assert registered(Construction.NEW_START).stage is ProjectStage.RESERVE


def test_a_registration_recorded_before_the_register_kept_them_reads_as_a_new_start():
    state: dict[str, object] = {}
    Project.Registered.upcast_v1_v2(state)
    assert state == {"real_estate": False, "construction": "new_start"}


# --- the year's list -------------------------------------------------------------------------


def test_listing_records_the_year_level_kind_and_the_due_days_that_move():
    p = project()
    p.list_for_year(
        on(date(2026, 3, 2)), year=2026, level=ListLevel.CITY,
        construction=Construction.NEW_START, calendar=Calendar2026(),
    )  # fmt: skip
    (event,) = p.collect_events()
    assert type(event).__name__ == "Listed"
    assert (event.year, event.level, event.construction) == (2026, "city", "new_start")
    # Fridays and quarter 25ths off work, each to the next working day, by hand
    assert event.moved_due == {
        "2026-01-02": "2026-01-04",
        "2026-09-25": "2026-09-28",
        "2026-10-02": "2026-10-08",
    }


def test_relisting_a_year_needs_a_reason():
    p = listed()
    with pytest.raises(errors.ReasonRequiredError):
        p.list_for_year(
            on(), year=2026, level=ListLevel.CITY, construction=Construction.NEW_START,
            calendar=Calendar2026(),
        )  # fmt: skip
    p.list_for_year(
        on(reason="调整为市列"), year=2026, level=ListLevel.CITY,
        construction=Construction.NEW_START, calendar=Calendar2026(),
    )  # fmt: skip
    assert p.listings[2026].level is ListLevel.CITY


@pytest.mark.parametrize("year", [2025, 2028])
def test_a_project_is_listed_for_this_year_or_the_next(year: int):
    with pytest.raises(errors.InvalidYearError):
        project().list_for_year(
            on(), year=year, level=ListLevel.CITY, construction=Construction.NEW_START,
            calendar=Calendar2026(),
        )  # fmt: skip


def test_a_year_the_calendar_does_not_know_cannot_be_listed_yet():
    p = project()
    with pytest.raises(errors.CalendarYearUnknownError):
        p.list_for_year(
            on(), year=2027, level=ListLevel.CITY, construction=Construction.NEW_START,
            calendar=Calendar2026(),
        )  # fmt: skip
    assert p.collect_events() == []


def test_continuing_is_only_for_a_project_under_construction():
    with pytest.raises(errors.ConstructionContradictsStageError):
        project().list_for_year(
            on(), year=2026, level=ListLevel.CITY, construction=Construction.CONTINUING,
            calendar=Calendar2026(),
        )  # fmt: skip


def test_a_new_start_is_for_a_project_not_started_before_the_year():
    p = registered(Construction.CONTINUING)
    with pytest.raises(errors.ConstructionContradictsStageError):
        p.list_for_year(
            on(), year=2026, level=ListLevel.CITY, construction=Construction.NEW_START,
            calendar=Calendar2026(),
        )  # fmt: skip


def test_a_project_in_operation_is_listed_no_more():
    p = project()
    for stage in (ProjectStage.NEGOTIATION, ProjectStage.SIGNED, ProjectStage.UNDER_CONSTRUCTION,
                  ProjectStage.COMPLETED):  # fmt: skip
        p.advance_stage(on(), to=stage)
    with pytest.raises(errors.ConstructionContradictsStageError):
        p.list_for_year(
            on(), year=2026, level=ListLevel.CITY, construction=Construction.CONTINUING,
            calendar=Calendar2026(),
        )  # fmt: skip


# --- the weekly update and the quarter-end report ------------------------------------------


def test_a_listed_project_owes_the_first_friday_after_its_listing_and_the_quarter_end():
    assert owed(listed(date(2026, 3, 2))) == {
        "weekly:2026-W10": date(2026, 3, 6),
        "quarterly:2026-Q1": date(2026, 3, 25),
    }


def test_an_unlisted_project_owes_no_reports():
    assert owed(project()) == {}


def test_a_friday_off_work_is_owed_on_the_next_working_day():
    p = listed(date(2026, 9, 21), construction=Construction.CONTINUING)
    assert owed(p) == {
        "weekly:2026-W39": date(2026, 9, 28),  # Friday 25 Sept is Mid-Autumn
        "quarterly:2026-Q3": date(2026, 9, 28),  # so is the 25th
    }
    p.submit_weekly_update(on(date(2026, 9, 24)), week="2026-W39", summary="主体结构封顶")
    assert owed(p)["weekly:2026-W40"] == date(2026, 10, 8)  # Friday 2 Oct: National Day


def test_a_weekly_update_meets_its_week_and_the_next_week_is_owed():
    p = listed()
    p.submit_weekly_update(on(date(2026, 3, 6)), week="2026-W10", summary="完成土地摘牌")
    assert events_of(p) == ["WeeklyUpdateSubmitted"]
    assert owed(p)["weekly:2026-W11"] == date(2026, 3, 13)


def test_a_late_weekly_update_records_its_own_miss():
    p = listed()
    p.submit_weekly_update(on(date(2026, 3, 9)), week="2026-W10", summary="完成土地摘牌")
    assert events_of(p) == ["DeadlineMissed", "WeeklyUpdateSubmitted"]


def test_a_week_missed_by_the_watcher_opens_the_next():
    p = listed()
    p.record_missed_deadline(on(date(2026, 3, 9)), key="weekly:2026-W10")
    assert owed(p)["weekly:2026-W11"] == date(2026, 3, 13)
    with pytest.raises(errors.DeadlineNotPassedError):
        p.record_missed_deadline(on(date(2026, 3, 13)), key="weekly:2026-W11")


@pytest.mark.parametrize(
    ("week", "error"),
    [
        ("2026-40", errors.InvalidWeekError),
        ("2026-W54", errors.InvalidWeekError),
        ("2025-W53", errors.InvalidWeekError),  # 2025 has 52 ISO weeks (2026 has 53)
        ("2026-W11", errors.ReportPeriodNotBegunError),  # begins Monday 9 March
        ("2025-W40", errors.ProjectNotListedError),
    ],
)
def test_a_weekly_update_names_a_begun_week_of_a_listed_year(week: str, error: type):
    p = listed()
    with pytest.raises(error):
        p.submit_weekly_update(on(date(2026, 3, 6)), week=week, summary="进展")
    assert p.collect_events() == []


def test_a_second_update_for_a_week_is_a_correction_with_a_reason():
    p = listed()
    p.submit_weekly_update(on(date(2026, 3, 6)), week="2026-W10", summary="进展")
    with pytest.raises(errors.WeeklyUpdateAlreadySubmittedError):
        p.submit_weekly_update(on(date(2026, 3, 6)), week="2026-W10", summary="进展")
    p.submit_weekly_update(on(date(2026, 3, 6), reason="数据更正"), week="2026-W10", summary="改")
    assert events_of(p) == ["WeeklyUpdateSubmitted"] * 2


def test_a_quarter_end_report_meets_its_quarter():
    p = listed()
    p.submit_quarter_report(on(date(2026, 3, 20)), quarter="2026-Q1", summary="一季度完成投资3亿元")
    assert owed(p)["quarterly:2026-Q2"] == date(2026, 6, 25)


@pytest.mark.parametrize(
    ("quarter", "error"),
    [
        ("2026-Q5", errors.InvalidPeriodError),
        ("2026-Q2", errors.ReportPeriodNotBegunError),
        ("2025-Q4", errors.ProjectNotListedError),
    ],
)
def test_a_quarter_end_report_names_a_begun_quarter_of_a_listed_year(quarter, error):
    with pytest.raises(error):
        listed().submit_quarter_report(on(date(2026, 3, 20)), quarter=quarter, summary="情况")


def test_a_second_quarter_report_needs_a_reason():
    p = listed()
    p.submit_quarter_report(on(date(2026, 3, 20)), quarter="2026-Q1", summary="情况")
    with pytest.raises(errors.QuarterReportAlreadySubmittedError):
        p.submit_quarter_report(on(date(2026, 3, 20)), quarter="2026-Q1", summary="情况")


def test_no_report_is_owed_while_suspended_nor_in_operation():
    p = listed(construction=Construction.CONTINUING)
    p.suspend(on(reason="资金未到位"))
    assert owed(p) == {}
    p.resume(on())
    p.advance_stage(on(), to=ProjectStage.COMPLETED)
    assert "weekly:2026-W10" in owed(p)
    p.advance_stage(on(), to=ProjectStage.OPERATING)
    assert owed(p) == {}


# --- the service liaison and 一包到底 -------------------------------------------------------


def test_the_liaison_is_named_and_answers_for_the_reports():
    p = listed()
    p.assign_lead_leader(on(), leader="王副市长")
    assert {d.responsible for d in p.open_deadlines() if d.key.startswith("weekly")} == {"王副市长"}
    p.assign_liaison(on(), liaison="李联络")
    assert {d.responsible for d in p.reporting_deadlines()} == {"李联络"}
    with pytest.raises(errors.LiaisonUnchangedError):
        p.assign_liaison(on(), liaison="李联络")
    assert "李联络" in p.answerable().officials


def test_entering_operation_carries_the_team_over_and_keeps_it():
    p = registered(Construction.CONTINUING)
    p.assign_lead_leader(on(), leader="王副市长")
    p.assign_liaison(on(), liaison="李联络")
    p.add_team_member(on(), member="赵丽")
    p.advance_stage(on(), to=ProjectStage.COMPLETED)
    p.collect_events()
    p.advance_stage(on(), to=ProjectStage.OPERATING)
    _advanced, carried = p.collect_events()
    assert type(carried).__name__ == "ServiceCarriedOver"
    assert (carried.leader, carried.liaison, carried.team) == ("王副市长", "李联络", ["赵丽"])
    for change in (
        lambda env: p.assign_lead_leader(env, leader="张副市长"),
        lambda env: p.assign_liaison(env, liaison="周联络"),
        lambda env: p.add_team_member(env, member="钱七"),
        lambda env: p.remove_team_member(env, member="赵丽"),
    ):
        with pytest.raises(errors.ServiceTeamKeptError):
            change(on())
        change(on(reason="原包抓领导工作调动"))
    assert events_of(p) == [
        "LeadLeaderAssigned", "LiaisonAssigned", "TeamMemberAdded", "TeamMemberRemoved",
    ]  # fmt: skip


def test_before_operation_the_team_changes_without_a_reason():
    p = project()
    p.add_team_member(on(), member="赵丽")
    p.remove_team_member(on(), member="赵丽")
    assert events_of(p) == ["TeamMemberAdded", "TeamMemberRemoved"]


def test_a_cancelled_project_takes_no_listing_liaison_or_report():
    p = listed()
    p.cancel(on(reason="投资方撤资"))
    with pytest.raises(errors.ProjectClosedError):
        p.assign_liaison(on(), liaison="李联络")
    with pytest.raises(errors.ProjectClosedError):
        p.submit_weekly_update(on(date(2026, 3, 6)), week="2026-W10", summary="进展")
    assert owed(p) == {}


def test_milestones_still_owed_beside_the_reports():
    p = listed()
    p.adopt_plan(on(), start=date(2026, 4, 1), completion=date(2027, 6, 1),
                 commissioning=date(2027, 9, 1))  # fmt: skip
    assert owed(p)["milestone:start"] == date(2026, 4, 1)
    assert MilestoneKind.START not in p.milestones_reached


def test_a_missed_report_counts_against_the_liaison_and_a_milestone_against_the_leader():
    from projections.fact_rules import answerable_official

    p = listed()
    p.assign_lead_leader(on(), leader="王副市长")
    assert answerable_official(p, "weekly:2026-W10") == "王副市长"  # no liaison yet
    p.assign_liaison(on(), liaison="李联络")
    assert answerable_official(p, "weekly:2026-W10") == "李联络"
    assert answerable_official(p, "quarterly:2026-Q1") == "李联络"
    assert answerable_official(p, "milestone:start") == "王副市长"


def test_reports_due_while_suspended_are_not_owed_after_resuming():
    p = listed(date(2026, 3, 2), construction=Construction.CONTINUING)
    p.suspend(on(date(2026, 3, 4), reason="资金未到位"))
    p.resume(on(date(2026, 4, 1)))
    # Fridays 6 March to 27 March and the Q1 25th fell while it stood suspended
    assert owed(p) == {"weekly:2026-W14": date(2026, 4, 3), "quarterly:2026-Q2": date(2026, 6, 25)}


def test_the_audit_log_says_what_the_register_recorded():
    from projections.description_lines import ITEM_LINES as LINES

    p = registered(Construction.CONTINUING, real_estate=True, amount=800_000_000)
    p.list_for_year(
        on(date(2026, 9, 21)), year=2026, level=ListLevel.CITY,
        construction=Construction.CONTINUING, calendar=Calendar2026(),
    )  # fmt: skip
    p.assign_liaison(on(date(2026, 9, 21)), liaison="李联络")
    p.submit_weekly_update(on(date(2026, 9, 24)), week="2026-W39", summary="主体封顶")
    p.report_progress(
        on(date(2026, 10, 9)), month="2026-09", investment_to_date=300_000_000,
        month_investment=80_000_000, image_progress="3号楼封顶",
    )  # fmt: skip
    it = "项目「示范住宅小区」"
    lines = [LINES[f"Project.{type(e).__name__}"](e, it) for e in p.collect_events()]
    assert lines == [
        "将项目「示范住宅小区」列入 2026 年市列重大项目（续建）",
        "明确 李联络 为项目「示范住宅小区」服务联络员",
        "更新项目「示范住宅小区」 2026-W39 周进展：主体封顶",
        "报送项目「示范住宅小区」截至 2026-09 累计完成投资 3亿元，"
        "本月完成 8000万元，形象进度：3号楼封顶",
    ]


def test_a_registration_says_continuing_and_real_estate():
    from projections.description_lines import ITEM_LINES

    p = Project.register(
        on(), id=uuid4(), name="示范住宅小区", enterprise_name="示范置业有限公司",
        enterprise_code=CODE, region_code="510802", sector="房地产", total_investment=8 * 10**8,
        real_estate=True, construction=Construction.CONTINUING,
    )  # fmt: skip
    (event,) = p.collect_events()
    assert ITEM_LINES["Project.Registered"](event, "项目「示范住宅小区」") == (
        "登记项目「示范住宅小区」（示范置业有限公司，总投资 8亿元，续建，房地产项目）"
    )
