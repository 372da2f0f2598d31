"""The demo year's pairings, session series, financing matches and reviews, linked to the
demo's enterprises, projects and issues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from uuid import UUID

from application.briefings import Question
from application.context import CommandContext
from application.linked_issues import IssueRequest
from demo.data import ENTERPRISES, UNITS, credit_code
from demo.scenario import Scenario, ctx
from demo.session_plans import SERIES, SeriesPlan
from domain.briefing import SessionKind, SessionSeries
from domain.pairing import PairingMechanism
from domain.values import IssueCategory

YEAR = 2026
BUSINESS_OFFICE = "市营商环境建设局"
FINDINGS = [
    ("企业反映用工缺口约80人", IssueCategory.LABOUR, "技术工人招聘难，请求人社部门对接职业院校"),
    ("厂区道路积水影响货运", IssueCategory.LOGISTICS, "厂区外连接道路排水不畅"),
    ("技改项目备案材料反复退回", IssueCategory.PERMITS, "技改备案一次性告知不到位"),
]


def _enterprise(index: int) -> tuple[str, str]:
    name, serial = ENTERPRISES[index]
    return credit_code(serial), name


def _establish_pairing(
    s: Scenario, ids: dict[int, UUID], index: int, who: CommandContext, code: str, name: str
) -> None:
    ids[index] = s.office.establish_pairing(
        ctx("许晓燕", "市政府督查室"),
        mechanism=PairingMechanism.DEPARTMENT_HEAD_ENTERPRISE,
        official_id=s.people[who.actor.official],
        enterprise_code=code,
        enterprise_name=name,
        start=date(YEAR, 1, 5),
    ).id


def _visit(
    s: Scenario,
    ids: dict[int, UUID],
    index: int,
    who: CommandContext,
    day: date,
    finding: tuple[str, IssueCategory, str] | None,
) -> None:
    findings: list[tuple[str, IssueRequest | None]] = [("生产经营正常", None)]
    if finding:
        findings = [(finding[0], IssueRequest(finding[1], finding[2]))]
    s.office.log_visit(
        who,
        ids[index],
        form="上门走访",
        people_met=["企业负责人"],
        findings=findings,
        business_date=day,
    )


def schedule_pairings(s: Scenario) -> None:
    ids: dict[int, UUID] = {}
    for index, unit_key in enumerate(["发改", "经信", "自规", "税务", "供电", "人社"]):
        unit, official = UNITS[unit_key]
        code, name = _enterprise(index + 6)
        who = ctx(official, unit)

        def establish(
            i: int = index, u: str = unit, o: str = official, c: str = code, n: str = name
        ) -> None:
            ids[i] = s.office.establish_pairing(
                ctx("许晓燕", "市政府督查室"),
                mechanism=PairingMechanism.DEPARTMENT_HEAD_ENTERPRISE,
                official_id=s.people[o],
                enterprise_code=c,
                enterprise_name=n,
                start=date(YEAR, 1, 5),
            ).id

        s.at(date(YEAR, 1, 5), 9, establish)
        for month in range(1, 13):
            if (month + index) % 5 == 0:
                continue  # a month with no visit: the watcher records the miss
            day = s.workday(date(YEAR, month, 8 + index))
            finding = FINDINGS[(month + index) % len(FINDINGS)] if month % 4 == 0 else None
            s.at(day, 15, partial(_visit, s, ids, index, who, day, finding))
    s.at(
        date(YEAR, 6, 1),
        10,
        lambda: s.office.reassign_pairing_official(
            ctx("许晓燕", "市政府督查室"),
            ids[1],
            official_id=s.people["胡斌"],
            reason="原包联领导岗位调整",
        ),
    )


@dataclass
class _SeriesDemo:
    s: Scenario
    kind: SessionKind
    who: CommandContext
    title: str
    series_id: UUID | None = None

    @property
    def id(self) -> UUID:
        assert self.series_id is not None, "the series is established first"
        return self.series_id

    def establish(self) -> None:
        unit = self.who.actor.unit
        self.series_id = self.s.office.establish_session_series(
            self.who,
            unit_id=self.s.units[unit],
            kind=self.kind,
            title=self.title,
            start=date(YEAR, 1, 1),
        ).id

    def lead(self, leader: str) -> None:
        self.s.office.name_series_lead_leader(self.who, self.id, leader_id=self.s.people[leader])

    def plan(self, day: date) -> None:
        self.s.office.plan_session(
            self.who,
            self.id,
            planned_on=day,
            topic="惠企政策与企业诉求",
            policy_area="营商环境",
            host=self.who.actor.official,
            audience="重点企业负责人",
        )

    def reschedule(self, number: int, day: date) -> None:
        self.s.office.reschedule_session(
            self.who, self.id, number=number, planned_on=day, reason="与市委会议冲突"
        )

    def cancel(self, number: int) -> None:
        self.s.office.cancel_session(
            self.who, self.id, number=number, reason="防汛应急，现场办公会取消"
        )

    def hold(self, number: int, question: Question) -> None:
        self.s.office.hold_session(
            self.who, self.id, number=number, attendance=30 + number, questions=[question]
        )

    def decide(self) -> None:
        self.s.office.make_commitment(
            self.who,
            SessionSeries,
            self.id,
            what="现场办公会议定：一个月内完成园区道路修复",
            to_whom="园区企业",
            due_date=date(YEAR, 5, 21),
        )

    def report(self, period: str = f"{YEAR}-H1") -> None:
        half = "上半年" if period.endswith("H1") else "下半年"
        self.s.office.report_briefing_progress(
            self.who, self.id, period=period, summary=f"{half}开展政策宣讲，覆盖企业120家"
        )


def _question(number: int, month: int) -> Question:
    if number != 2:
        return Question("政策兑现进度咨询")
    code, name = _enterprise(month % len(ENTERPRISES))
    request = IssueRequest(
        IssueCategory.FINANCING, "流动资金贷款利率偏高，请求对接低成本资金", code, name
    )
    return Question("企业反映融资成本高", request)


def _series(s: Scenario, plan: SeriesPlan) -> None:
    kind = plan.kind
    demo = _SeriesDemo(s, kind, ctx(plan.host, plan.unit), plan.title)
    s.at(plan.established, 9, demo.establish)
    if plan.leader:
        s.at(plan.established, 10, partial(demo.lead, plan.leader))
    for number, month in enumerate(plan.months, start=1):
        day = s.workday(date(YEAR, month, 20))
        s.at(day - timedelta(days=10), 9, partial(demo.plan, day))
        if number == 3:
            moved = s.workday(day + timedelta(days=3))
            s.at(day - timedelta(days=2), 9, partial(demo.reschedule, number, moved))
            day = moved
        if month == 8 and kind is SessionKind.ON_SITE_OFFICE_MEETING:
            s.at(day - timedelta(days=1), 9, partial(demo.cancel, number))
            continue
        s.at(day, 15, partial(demo.hold, number, _question(number, month)))
    if kind is SessionKind.ON_SITE_OFFICE_MEETING:
        s.at(date(YEAR, 4, 21), 10, demo.decide)
    if kind is SessionKind.POLICY_BRIEFING:
        s.at(date(YEAR, 6, 12), 10, demo.report)
        s.at(date(YEAR, 11, 16), 10, partial(demo.report, f"{YEAR}-H2"))


def schedule_sessions(s: Scenario) -> None:
    for plan in SERIES:
        _series(s, plan)
