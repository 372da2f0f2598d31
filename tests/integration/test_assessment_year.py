"""A test year assessed end to end, on each store: four units, two vetoed for the right
reasons and one exempted; every score recomputed here by hand from the acts; a correction
republished while the first version stays visible as of its date.

The scheme is written here, its numbers independent of the shipped files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from uuid import UUID

import pytest

from application.assessments import EnteredResult
from application.briefings import Question
from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.assessment_scheme import Grade
from domain.briefing import SessionKind
from domain.errors import AssessmentPublishedError
from domain.scheme_reading import read_scheme
from domain.values import SHANGHAI, Channel, IssueCategory
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from tests.directory import TestDirectory

A, B, C, D = "市发展改革委", "市经济和信息化局", "市营商环境局", "市地方金融管理局"
DESK = CommandContext(Actor("张三", "市政府督查室"), "desk")
CODE = "91110000600037341L"
SCHEME = {
    "year": 2026,
    "version": "test-2026",
    "title": "测试考核方案",
    "total": 100.0,
    "separate_total": 2.0,
    "cutoff_days": 5,
    "indicator": [
        {"id": "resolution", "name": "问题办结率", "weight": 60.0, "figure": "resolution_rate",
         "formula": "rate", "full_at": 1.0, "zero_at": 0.5},
        {"id": "sessions", "name": "会议机制运行", "weight": 40.0, "figure": "sessions_missed",
         "formula": "deduct", "per_item": 10.0},
        {"id": "close_out", "name": "清单制+责任制+销号制", "weight": 2.0,
         "figure": "close_out_rate", "formula": "rate", "full_at": 1.0, "zero_at": 0.0,
         "separate": True},
    ],
    "bonus": [{"id": "provincial", "name": "省重点项目加分", "cap": 3.0}],
    "requirement": [
        {"id": "major", "name": "重大项目困难问题会商会", "kind": "sessions",
         "session_kind": "consultation_meeting", "title_contains": "重大项目", "units": [A],
         "lead_leader": True},
        {"id": "industry", "name": "工业企业困难问题会商会", "kind": "sessions",
         "session_kind": "consultation_meeting", "title_contains": "工业", "units": [B],
         "lead_leader": True},
        {"id": "on_site", "name": "现场办公会", "kind": "sessions",
         "session_kind": "on_site_office_meeting", "cadence": "monthly", "units": [C]},
        {"id": "banks", "name": "银企对接会", "kind": "sessions",
         "session_kind": "bank_enterprise_matchmaking", "units": [D]},
    ],
    "grades": {"excellent": 90.0, "good": 80.0, "passing": 60.0},
    "lists": {"good_top": 1, "bad_bottom": 1, "bad_below": 60.0, "vetoed_on_bad": True},
    "summons": {"bottom": 2, "rectify_working_days": 20, "items": 2},
}  # fmt: skip


@pytest.fixture
def year(target: DatabaseTarget) -> Iterator[tuple[Services, FrozenClock, TestDirectory]]:
    clock = FrozenClock(datetime(2026, 1, 4, tzinfo=UTC))
    services = Services.open(target, clock, pool_size=4)
    services.office.schemes = {2026: read_scheme(SCHEME)}
    yield services, clock, TestDirectory(services.office)
    services.close()


PERSON = {A: "李明", B: "胡斌", D: "陈静"}  # who answers for each unit's problems
LEADER = "王建国"  # a city leader (示范市人民政府)


class Year:
    """Acts of the year, each on its day: the clock is set to the act's moment."""

    def __init__(self, services: Services, clock: FrozenClock, people: TestDirectory) -> None:
        self.s, self.office, self.clock, self.people = services, services.office, clock, people

    def on(self, day: date, hour: int = 10) -> None:
        self.clock.set(datetime.combine(day, time(hour), SHANGHAI))

    def problems(self, unit: str, n: int, resolved: int, closed: int) -> None:
        """``n`` problems assigned to the unit in March, ``resolved`` of them resolved in
        April, ``closed`` of those closed out (销号) in May."""
        made = []
        for k in range(n):
            self.on(date(2026, 3, 2 + k))
            issue = self.office.raise_issue(
                DESK, channel=Channel.VISIT, category=IssueCategory.LAND, enterprise_code=CODE,
                enterprise_name="企业", description=f"{unit}问题{k}",
            )  # fmt: skip
            self.office.accept_and_assign_issue(
                DESK,
                issue.id,
                responsible_person_id=self.people.id(PERSON[unit]),
                time_limit=date(2026, 6, 30),
            )
            made.append(issue.id)
        for k, issue_id in enumerate(made[:resolved]):
            self.on(date(2026, 4, 1 + k))
            self.office.resolve_issue(DESK, issue_id, resolution="已解决")
        for k, issue_id in enumerate(made[:closed]):
            self.on(date(2026, 5, 4 + k))
            self.office.close_out_issue(DESK, issue_id, confirmed_by="企业负责人")

    def series(
        self, unit: str, kind: SessionKind, title: str, held: list[date],
        leader: bool = False, cancelled: date | None = None,
    ) -> UUID:  # fmt: skip
        self.on(date(2026, 1, 5))
        made = self.office.establish_session_series(
            DESK, unit_id=self.people.units[unit], kind=kind, title=title, start=date(2026, 1, 5)
        )
        if leader:
            self.office.name_series_lead_leader(DESK, made.id, leader_id=self.people.id(LEADER))
        days = sorted([*held, *([cancelled] if cancelled else [])])
        for number, day in enumerate(days, start=1):
            self.on(day, 9)
            self.office.plan_session(
                DESK, made.id, planned_on=day, topic="企业诉求", policy_area="", host="李明",
                audience="企业",
            )  # fmt: skip
            if day == cancelled:
                self.office.cancel_session(DESK, made.id, number=number, reason="防汛应急")
            else:
                self.on(day, 15)
                self.office.hold_session(
                    DESK, made.id, number=number, attendance=20, questions=[Question("诉求")]
                )
        return made.id


def quarterly(*months: int) -> list[date]:
    return [date(2026, m, 15) for m in months]


def monthly(skip: int) -> list[date]:
    return [date(2026, m, 12) for m in range(1, 13) if m != skip]


def play(y: Year) -> None:
    """The year: A runs its 会商会 with a leader and resolves all its problems, closing one
    of two; B never sets its 会商会 up and resolves none of its one; C holds its on-site
    meeting every month but August, cancelled for a flood emergency and exempted; D holds
    its bank–enterprise matchmaking in the first two quarters only and resolves one of two."""
    y.series(
        A,
        SessionKind.CONSULTATION_MEETING,
        "重大项目困难问题会商会",
        quarterly(2, 5, 8, 11),
        leader=True,
    )
    y.series(
        C,
        SessionKind.ON_SITE_OFFICE_MEETING,
        "现场办公会",
        monthly(skip=8),
        cancelled=date(2026, 8, 12),
    )
    y.series(D, SessionKind.BANK_ENTERPRISE_MATCHMAKING, "银企对接会", quarterly(2, 5))
    y.problems(A, n=2, resolved=2, closed=1)
    y.problems(B, n=1, resolved=0, closed=0)
    y.problems(D, n=2, resolved=1, closed=0)
    y.on(date(2026, 8, 20))
    y.office.grant_veto_exemption(
        DESK, unit_id=y.people.units[C], requirement="on_site", period="2026-08",
        document="关于8月现场办公会因防汛应急取消的情况说明", approver_id=y.people.id("主任"),
        reason="8月12日全市启动防汛Ⅱ级应急响应，会议依规取消",
    )  # fmt: skip


def test_a_year_scored_by_hand_two_vetoed_one_exempted(year):
    services, clock, people = year
    y = Year(services, clock, people)
    play(y)
    units = [people.units[u] for u in (A, B, C, D)]
    y.on(date(2027, 1, 4))
    opened = y.office.open_assessment(DESK, period="2026", title="2026年度考核", unit_ids=units)
    # the cut-off: the end of the fifth day after the year (2027-01-06 00:00 in Shanghai)
    assert opened.cutoff == datetime(2027, 1, 6, tzinfo=SHANGHAI)
    y.on(date(2027, 1, 8))
    scored = y.office.compute_scores(DESK, opened.id)
    result = {r.unit: r for r in scored.results.values()}

    def points(unit: str) -> dict[str, tuple[float | None, float]]:
        return {i: (s.value, s.points) for i, s in result[unit].indicators.items()}

    # A: 2 of 2 resolved → 60; four quarters held → 40; 1 of 2 closed out → 2 × 0.5 = 1
    assert points(A) == {
        "resolution": (1.0, 60.0),
        "sessions": (0.0, 40.0),
        "close_out": (0.5, 1.0),
    }
    # B: 0 of 1 → 0; its 会商会 never set up: one failure → 40 − 10 = 30; 0 closed out
    assert points(B) == {"resolution": (0.0, 0.0), "sessions": (1.0, 30.0), "close_out": (0.0, 0.0)}
    # C: no problem received → full marks; August failed but exempted → 40; no data → 2
    assert points(C) == {
        "resolution": (None, 60.0),
        "sessions": (0.0, 40.0),
        "close_out": (None, 2.0),
    }
    # D: 1 of 2 → 0.5 → 0; Q3 and Q4 without matchmaking → 40 − 20 = 20
    assert points(D) == {"resolution": (0.5, 0.0), "sessions": (2.0, 20.0), "close_out": (0.0, 0.0)}
    assert {u: r.total(scored.scheme) for u, r in result.items()} == {
        A: 101.0, B: 30.0, C: 102.0, D: 20.0,
    }  # fmt: skip

    # two vetoed, each for its own reason; one exempted, the exemption shown
    assert {u for u, r in result.items() if r.vetoed} == {B, D}
    (industry,) = result[B].veto["requirements"]
    assert [(f["period"], f["reason"]) for f in industry["failures"]] == [
        ("2026", "未建立工业企业困难问题会商会")
    ]
    (banks,) = result[D].veto["requirements"]
    assert [f["period"] for f in banks["failures"]] == ["2026-Q3", "2026-Q4"]
    (on_site,) = result[C].veto["requirements"]
    assert (on_site["passed"], on_site["failures"]) == (True, [])
    assert [f["period"] for f in on_site["exempted"]] == ["2026-08"]
    assert on_site["exempted"][0]["exempted_by"]  # the exemption's event, for the record
    (major,) = result[A].veto["requirements"]
    assert major["passed"] is True


def _scored_and_published(y: Year, people: TestDirectory) -> UUID:
    play(y)
    units = [people.units[u] for u in (A, B, C, D)]
    y.on(date(2027, 1, 4))
    opened = y.office.open_assessment(DESK, period="2026", title="2026年度考核", unit_ids=units)
    y.on(date(2027, 1, 8))
    y.office.compute_scores(DESK, opened.id)
    y.office.adjust_score(
        DESK, opened.id, unit_id=people.units[A], indicator="resolution", points=50.0,
        approver_id=people.id("主任"), reason="一件问题经回访办结质量不达标",
    )  # fmt: skip
    y.on(date(2027, 1, 10))
    y.office.publish_assessment(DESK, opened.id, document="示范考〔2027〕1号")
    return opened.id


def test_the_published_table_ranks_and_grades_and_a_correction_keeps_the_first_version(year):
    services, clock, people = year
    y = Year(services, clock, people)
    assessment_id = _scored_and_published(y, people)
    first = y.office.get_assessment(assessment_id)
    table = [(s.unit, s.total, s.rank, s.grade) for s in first.published[0].table]
    # A: 50 + 40 = 90, plus 1 for close-out = 91; the vetoed rank below every unit not vetoed
    assert table == [
        (C, 102.0, 1, Grade.EXCELLENT),
        (A, 91.0, 2, Grade.EXCELLENT),
        (B, 30.0, 3, Grade.FAIL),
        (D, 20.0, 4, Grade.FAIL),
    ]
    with pytest.raises(AssessmentPublishedError):
        y.office.award_bonus(
            DESK, assessment_id, unit_id=people.units[A], bonus="provincial", points=2.0,
            evidence="省重点项目名单", approver_id=people.id("主任"), reason="补报",
        )  # fmt: skip

    y.on(date(2027, 1, 15))
    y.office.open_correction(DESK, assessment_id, reason="补报省重点项目加分")
    y.office.award_bonus(
        DESK, assessment_id, unit_id=people.units[A], bonus="provincial", points=2.0,
        evidence="省发展改革委2026年省重点项目名单", approver_id=people.id("主任"),
        reason="年产5万吨锂电池正极材料项目列入省重点",
    )  # fmt: skip
    y.on(date(2027, 1, 16))
    y.office.publish_assessment(DESK, assessment_id, document="示范考〔2027〕2号")

    services.runner.catch_up()
    from api.assessments import _at  # the route's own reading, as of a moment

    then = _at(services, _inspector(), assessment_id, datetime(2027, 1, 12, tzinfo=SHANGHAI))
    assert [v.version for v in then.published] == [1]
    assert [s.total for s in then.published[0].table if s.unit == A] == [91.0]
    now = _at(services, _inspector(), assessment_id, None)
    assert [(v.version, v.document) for v in now.published] == [
        (1, "示范考〔2027〕1号"),
        (2, "示范考〔2027〕2号"),
    ]
    assert [s.total for s in now.published[1].table if s.unit == A] == [93.0]
    assert [s.total for s in now.published[0].table if s.unit == A] == [91.0]  # unchanged


def _inspector():  # type: ignore[no-untyped-def]
    from domain.access import Principal, Role, Scope

    return Principal(
        subject="inspector",
        name="审计员",
        role=Role.INSPECTOR,
        unit="市政府督查室",
        scope=Scope.all(),
    )


def test_the_good_list_and_the_bad_circular_follow_the_published_result(year):
    services, clock, people = year
    y = Year(services, clock, people)
    assessment_id = _scored_and_published(y, people)
    from projections.assessment_views import lists_of

    a = y.office.get_assessment(assessment_id)
    lists = lists_of(a, a.published[0])
    assert [e.place.unit for e in lists.good_list] == [C]
    # D at the bottom; B vetoed and below 60
    assert [e.place.unit for e in lists.bad_circular] == [D, B]
    assert "工业企业困难问题会商会" in lists.bad_circular[1].why


def test_the_circular_states_the_published_lists(year):
    from io import BytesIO

    from docx import Document

    from reports.circular import circular_document
    from reports.scope import Moment, ReportScope

    services, clock, people = year
    y = Year(services, clock, people)
    _scored_and_published(y, people)
    paper = circular_document(services, ReportScope(), Moment.of(services, None), "2026")
    text = "\n".join(p.text for p in Document(BytesIO(paper)).paragraphs)
    assert (
        "根据2026年度考核结果（第1版，示范考〔2027〕1号），列入好评榜的单位："
        f"{C}（总分102.0分，排名第1名（共4个单位））；列入差评通报的单位："
        f"{D}（总分20.0分，排名第4名（共4个单位）；年度考核一票否决（银企对接会））、"
        f"{B}（总分30.0分，排名第3名（共4个单位）；年度考核一票否决（工业企业困难问题会商会））。"
    ) in text


def test_a_unit_at_the_bottom_in_2025_and_2026_is_proposed_for_a_summons(year):
    from domain.summons import Summons, SummonsGrounds

    services, clock, people = year
    services.office.schemes = {
        2025: read_scheme({**SCHEME, "year": 2025, "version": "test-2025"}),
        2026: read_scheme(SCHEME),
    }
    y = Year(services, clock, people)
    units = [people.units[u] for u in (A, B, C, D)]
    y.on(date(2026, 1, 12))
    earlier = y.office.open_assessment(DESK, period="2025", title="2025年度考核", unit_ids=units)
    totals = {A: 85.0, B: 88.0, C: 90.0, D: 70.0}  # the paper record: D and A at the bottom
    y.office.enter_results(
        DESK, earlier.id, document="示范考〔2026〕2号",
        results=[EnteredResult(people.units[u], t) for u, t in totals.items()],
    )  # fmt: skip
    y.office.publish_assessment(DESK, earlier.id)
    assert y.office.get_assessment(earlier.id).summonses == {}  # no 2024 to compare with

    assessment_id = _scored_and_published(y, people)  # 2026: B and D at the bottom
    published = y.office.get_assessment(assessment_id)
    # at the bottom both years (ranked 2nd or better from the bottom): D alone
    assert list(published.summonses) == [people.units[D]]
    summons = y.office.load(Summons, published.summonses[people.units[D]])
    assert summons.grounds is SummonsGrounds.BOTTOM_TWO_YEARS
    assert summons.basis == [f"{earlier.id}@v1", f"{assessment_id}@v1"]
    # items: the two indicators that lost most (resolution 60, sessions 20), then the failed
    # mechanism; each due 20 working days after 10 January 2027 if the calendar covers 2027
    whats = [item.what for _, item in sorted(summons.items.items())]
    assert whats == [
        "“问题办结率”失60分：查找原因，制定并落实整改措施",
        "“会议机制运行”失20分：查找原因，制定并落实整改措施",
        "“银企对接会”未达要求：补齐机制运行短板",
    ]
    keys = {item.key for item in summons.items.values()}
    owed = {d.key for d in summons.open_deadlines()} | set(summons.pending_deadlines)
    assert owed == keys  # each item owes its deadline, counted or waiting for the calendar

    # a corrected and republished result does not summon the unit again
    y.on(date(2027, 1, 20))
    y.office.open_correction(DESK, assessment_id, reason="核对数据")
    y.office.publish_assessment(DESK, assessment_id, document="示范考〔2027〕4号")
    again = y.office.get_assessment(assessment_id)
    assert again.summonses == published.summonses
