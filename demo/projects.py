"""The demo's six major projects as a register would hold them: two 续建 projects carried over
from 2025 (one on the province's list, one completed and in operation by October), one 新开工
on the city's list that starts in April and is suspended in August, and three still being
courted. Monthly progress is reported only while a project is being built, from its own
plan for the year, with its 形象进度; listed projects send a weekly update every Friday and a
report by each quarter's 25th, with a few sent late."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from uuid import UUID

from application.context import CommandContext
from demo.data import ENTERPRISES, INVESTMENT_BUREAU, PROJECTS, credit_code
from demo.scenario import Scenario, ctx
from domain.project_cadence import week_of
from domain.values import Construction, ListLevel, MilestoneKind, ProjectStage

YEAR = 2026
# a year's building spread over its months: little around the Spring Festival
MONTH_WEIGHTS = (4, 3, 8, 9, 10, 10, 9, 9, 10, 10, 9, 9)


@dataclass(frozen=True)
class Plan:
    construction: Construction
    start: date
    completion: date
    commissioning: date
    listed: ListLevel | None = None
    liaison: str | None = None
    year_plan: int = 0  # 2026's planned investment, yuan
    before: int = 0  # invested before 2026
    pace: float = 1.0  # share of the year's plan actually built
    building: tuple[int, int] = (0, 0)  # first and last month built in 2026
    # (day, stage) advances; MilestoneKind.START on reaching under_construction
    stages: tuple[tuple[date, ProjectStage], ...] = ()
    completed_on: date | None = None
    suspended_on: date | None = None
    image: tuple[str, ...] = ()
    late_weeks: frozenset[str] = field(default_factory=frozenset)
    late_quarters: frozenset[str] = field(default_factory=frozenset)


PLANS = {
    0: Plan(  # 锂电池正极材料产业园, 35亿: 续建 since April 2025, 省列
        Construction.CONTINUING,
        date(2025, 4, 1),
        date(2027, 12, 31),
        date(2028, 6, 30),
        listed=ListLevel.PROVINCE,
        liaison="李明",
        year_plan=800_000_000,
        before=900_000_000,
        pace=0.92,
        building=(1, 12),
        image=(
            "二期厂房桩基施工",
            "春节停工，留守人员看护",
            "1号车间主体结构施工",
            "1号车间主体结构封顶",
            "2号车间主体结构施工",
            "钢结构屋面安装",
            "2号车间主体结构封顶",
            "公用工程管网敷设",
            "生产线设备进场",
            "生产线设备安装",
            "办公楼主体结构封顶",
            "厂区道路及绿化施工",
        ),
        late_weeks=frozenset({"2026-W27", "2026-W45"}),
    ),
    4: Plan(  # 云栈数据中心二期, 8亿: 续建, completed in September, in operation in October
        Construction.CONTINUING,
        date(2025, 3, 3),
        date(2026, 9, 30),
        date(2026, 10, 31),
        listed=ListLevel.CITY,
        liaison="钱磊",
        year_plan=300_000_000,
        before=480_000_000,
        building=(1, 9),
        stages=(
            (date(2026, 9, 30), ProjectStage.COMPLETED),
            (date(2026, 10, 20), ProjectStage.OPERATING),
        ),
        completed_on=date(2026, 9, 28),
        image=(
            "机房楼主体结构施工",
            "春节停工",
            "机房楼主体结构封顶",
            "供配电系统安装",
            "制冷系统安装",
            "机柜及综合布线安装",
            "消防及安防系统安装",
            "系统联调联试",
            "竣工验收",
        ),
        late_quarters=frozenset({"2026-Q2"}),
    ),
    5: Plan(  # 绿色建材产业化项目, 1.5亿: 新开工 in April, 市列, suspended in August
        Construction.NEW_START,
        date(2026, 4, 15),
        date(2027, 6, 30),
        date(2027, 9, 30),
        listed=ListLevel.CITY,
        liaison="钱磊",
        year_plan=60_000_000,
        pace=0.8,
        building=(4, 7),
        stages=(
            (date(2026, 2, 10), ProjectStage.NEGOTIATION),
            (date(2026, 3, 16), ProjectStage.SIGNED),
            (date(2026, 4, 15), ProjectStage.UNDER_CONSTRUCTION),
        ),
        suspended_on=date(2026, 8, 10),
        image=("场地平整及临建", "桩基施工", "主体结构施工", "主体结构施工，部分停工待料"),
    ),
    1: Plan(  # 高端装备制造基地, 12亿: courted, signed in May
        Construction.NEW_START,
        date(2027, 3, 1),
        date(2028, 12, 31),
        date(2029, 3, 31),
        stages=(
            (date(2026, 2, 24), ProjectStage.NEGOTIATION),
            (date(2026, 5, 18), ProjectStage.SIGNED),
        ),
    ),
    2: Plan(  # 川陕甘冷链物流园, 6亿: in negotiation from April
        Construction.NEW_START,
        date(2027, 5, 1),
        date(2028, 10, 31),
        date(2028, 12, 31),
        stages=((date(2026, 4, 13), ProjectStage.NEGOTIATION),),
    ),
    3: Plan(  # 嘉陵江文旅康养综合体, 2.5亿: still in reserve
        Construction.NEW_START,
        date(2027, 9, 1),
        date(2029, 6, 30),
        date(2029, 9, 30),
    ),
}


def schedule_project(s: Scenario, index: int) -> None:
    name, ent, sector, investment, leader, team, _ = PROJECTS[index]
    plan = PLANS[index]
    officer = ctx("何志远", INVESTMENT_BUREAU)
    start = date(YEAR, 1, 6) + timedelta(days=index * 3)

    def pid() -> UUID:  # the id exists only once registered
        return s.project_ids[index]

    def register() -> None:
        ent_name, serial = ENTERPRISES[ent]
        s.project_ids[index] = s.office.register_project(
            officer,
            name=name,
            enterprise_name=ent_name,
            enterprise_code=credit_code(serial),
            region_code="510802",
            sector=sector,
            total_investment=investment,
            construction=plan.construction,
        ).id

    s.at(start, 9, register)
    s.at(start, 10, lambda: s.office.assign_lead_leader(officer, pid(), leader_id=s.people[leader]))
    for offset, member in enumerate(team):
        s.at(
            start,
            11 + offset,
            partial(
                lambda m: s.office.add_team_member(officer, pid(), member_id=s.people[m]), member
            ),
        )
    adopted = start + timedelta(days=7)
    s.at(
        adopted,
        10,
        lambda: s.office.adopt_plan(
            officer,
            pid(),
            start=plan.start,
            completion=plan.completion,
            commissioning=plan.commissioning,
        ),
    )
    for day, stage in plan.stages:
        s.at(day, 16, partial(lambda st: s.office.advance_stage(officer, pid(), to=st), stage))
        if stage is ProjectStage.UNDER_CONSTRUCTION:
            s.at(
                day,
                17,
                lambda: s.office.reach_milestone(
                    officer,
                    pid(),
                    milestone=MilestoneKind.START,
                    business_date=s.workday(plan.start),
                ),
            )
    if plan.construction is Construction.CONTINUING:  # begun before the register knew it
        s.at(
            adopted,
            10,
            lambda: s.office.reach_milestone(
                officer, pid(), milestone=MilestoneKind.START, business_date=plan.start
            ),
        )
    operating = _operating(plan)
    if operating is not None:
        s.at(
            operating,
            17,
            lambda: s.office.reach_milestone(officer, pid(), milestone=MilestoneKind.COMMISSIONING),
        )
    if plan.completed_on is not None:
        s.at(
            plan.completed_on,
            10,
            lambda: s.office.reach_milestone(officer, pid(), milestone=MilestoneKind.COMPLETION),
        )
    if plan.suspended_on is not None:
        s.at(
            plan.suspended_on,
            10,
            lambda: s.office.suspend_project(
                officer, pid(), reason="原材料价格大幅波动，企业申请暂缓建设"
            ),
        )
    if plan.listed is not None and plan.liaison is not None:
        _schedule_register(s, plan, officer, pid, adopted, plan.listed, plan.liaison)


def _schedule_register(
    s: Scenario,
    plan: Plan,
    officer: CommandContext,
    pid: Callable[[], UUID],
    adopted: date,
    level: ListLevel,
    liaison: str,
) -> None:
    s.at(
        adopted,
        11,
        lambda: s.office.plan_annual_investment(officer, pid(), year=YEAR, amount=plan.year_plan),
    )
    s.at(
        adopted,
        12,
        lambda: s.office.list_project(
            officer, pid(), year=YEAR, level=level, construction=plan.construction
        ),
    )
    s.at(adopted, 14, lambda: s.office.assign_liaison(officer, pid(), liaison_id=s.people[liaison]))
    _schedule_progress(s, plan, officer, pid)
    _schedule_reports(s, plan, officer, pid, adopted)


def _schedule_progress(
    s: Scenario, plan: Plan, officer: CommandContext, pid: Callable[[], UUID]
) -> None:
    first, last = plan.building
    months = range(first, last + 1)
    weights = sum(MONTH_WEIGHTS[m - 1] for m in months)
    to_date = plan.before
    for ordinal, month in enumerate(months):
        built = (
            int(plan.year_plan * plan.pace * MONTH_WEIGHTS[month - 1] / weights) // 10_000 * 10_000
        )
        to_date += built
        reported = date(YEAR + month // 12, month % 12 + 1, 5)
        s.at(
            reported,
            15,
            partial(
                lambda m, total, step, image: s.office.report_progress(
                    officer,
                    pid(),
                    month=f"{YEAR}-{m:02d}",
                    investment_to_date=total,
                    month_investment=step,
                    image_progress=image,
                ),
                month,
                to_date,
                built,
                plan.image[ordinal],
            ),
        )


def _schedule_reports(
    s: Scenario, plan: Plan, officer: CommandContext, pid: Callable[[], UUID], adopted: date
) -> None:
    """Every Friday while the project is owed updates, and each quarter by the 24th."""
    until = min(
        d for d in (plan.suspended_on, _operating(plan), date(YEAR, 12, 31)) if d is not None
    )
    friday = adopted + timedelta(days=(4 - adopted.weekday()) % 7 or 7)
    while friday < until:
        week = week_of(friday)
        day = friday + timedelta(days=3) if week in plan.late_weeks else friday
        s.at(
            day,
            16,
            partial(
                lambda w: s.office.submit_weekly_update(
                    officer, pid(), week=w, summary=f"{w} 周调度：按计划推进"
                ),
                week,
            ),
        )
        friday += timedelta(days=7)
    for quarter in range(1, 5):
        due = date(YEAR, quarter * 3, 25)
        if due >= until:
            break
        key = f"{YEAR}-Q{quarter}"
        day = due + timedelta(days=4) if key in plan.late_quarters else due - timedelta(days=1)
        s.at(
            day,
            15,
            partial(
                lambda q: s.office.submit_quarter_report(
                    officer,
                    pid(),
                    quarter=q,
                    summary=f"{q} 季度推进情况：投资完成、形象进度及存在问题",
                ),
                key,
            ),
        )


def _operating(plan: Plan) -> date | None:
    return next((day for day, stage in plan.stages if stage is ProjectStage.OPERATING), None)
