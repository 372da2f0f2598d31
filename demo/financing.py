"""The demo year's financing matches (银企对接) and good/bad reviews (好差评)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from uuid import UUID

from demo.data import ENTERPRISES, ISSUES, UNITS, credit_code
from demo.scenario import Scenario, ctx
from domain.financing_match import Feedback
from domain.review import Level, Rectification, SubjectKind
from domain.values import IssueCategory

YEAR = 2026
FINANCE = ctx("陈静", "市地方金融管理局")
DESK = ctx("许晓燕", "市政府督查室")
BANKS = [
    ("中国工商银行示范分行", "周建华行长"),
    ("中国农业银行示范分行", "吴海燕行长"),
    ("示范市商业银行", "郑国强行长"),
]


@dataclass
class _Need:
    s: Scenario
    enterprise: int
    amount: int
    project: int | None = None
    match_id: UUID | None = None

    @property
    def id(self) -> UUID:
        assert self.match_id is not None, "the need is registered first"
        return self.match_id

    def register(self) -> None:
        name, serial = ENTERPRISES[self.enterprise]
        project = self.s.project_ids.get(self.project) if self.project is not None else None
        self.match_id = self.s.office.register_financing_need(
            FINANCE,
            enterprise_code=credit_code(serial),
            enterprise_name=name,
            amount=self.amount,
            purpose="设备购置及流动资金",
            term_months=36,
            project_id=project,
        ).id

    def recommend(self, bank: int, due: date) -> None:
        name, head = BANKS[bank]
        self.s.office.recommend_to_bank(
            FINANCE, self.id, bank=name, bank_head=head, feedback_due=due
        )

    def feedback(self, kind: Feedback, next_due: date | None, reason: str | None = None) -> None:
        self.s.office.record_bank_feedback(
            FINANCE, self.id, feedback=kind, note="已实地调查", next_due=next_due, reason=reason
        )

    def approve(self) -> None:
        self.s.office.approve_credit(FINANCE, self.id, amount=self.amount, rate_bp=365)

    def disburse(self, amount: int) -> None:
        self.s.office.disburse_loan(FINANCE, self.id, amount=amount)

    def bridge(self, amount: int, due: date) -> None:
        self.s.office.grant_bridge_loan(FINANCE, self.id, amount=amount, due_date=due)

    def repay(self, amount: int) -> None:
        self.s.office.repay_bridge_loan(FINANCE, self.id, amount=amount)


def schedule_financing(s: Scenario) -> None:
    done = _Need(s, 0, 200_000_000, project=0)
    s.at(date(YEAR, 3, 2), 9, done.register)
    s.at(date(YEAR, 3, 20), 10, partial(done.recommend, 0, date(YEAR, 4, 10)))
    s.at(date(YEAR, 4, 8), 10, partial(done.feedback, Feedback.INTERESTED, date(YEAR, 4, 30)))
    s.at(date(YEAR, 4, 28), 10, done.approve)
    s.at(date(YEAR, 5, 15), 10, partial(done.disburse, 120_000_000))
    s.at(date(YEAR, 7, 15), 10, partial(done.disburse, 80_000_000))
    declined = _Need(s, 2, 60_000_000, project=2)
    s.at(date(YEAR, 4, 1), 9, declined.register)
    s.at(date(YEAR, 4, 16), 10, partial(declined.recommend, 1, date(YEAR, 5, 10)))
    s.at(
        date(YEAR, 5, 9),
        10,
        partial(declined.feedback, Feedback.DECLINED, None, "冷库资产抵押不足"),
    )
    s.at(date(YEAR, 5, 20), 10, partial(declined.recommend, 2, date(YEAR, 6, 15)))
    s.at(
        date(YEAR, 6, 10),
        10,
        partial(declined.feedback, Feedback.NEEDS_INFORMATION, date(YEAR, 7, 10)),
    )
    waiting = _Need(s, 9, 15_000_000)  # the bank's feedback never comes: a missed deadline
    s.at(date(YEAR, 8, 3), 9, waiting.register)
    s.at(date(YEAR, 8, 20), 10, partial(waiting.recommend, 0, date(YEAR, 9, 15)))
    bridge = _Need(s, 8, 30_000_000)
    s.at(date(YEAR, 6, 1), 9, bridge.register)
    s.at(date(YEAR, 6, 5), 10, partial(bridge.bridge, 10_000_000, date(YEAR, 7, 5)))
    s.at(date(YEAR, 7, 3), 10, partial(bridge.repay, 10_000_000))


def _review(
    s: Scenario, unit: str, level: Level, kind: SubjectKind = SubjectKind.UNIT, subject: str = ""
) -> UUID:
    return s.office.submit_review(
        ctx("评价系统", "政务服务好差评系统"),
        subject_kind=kind,
        subject_id=subject or unit,
        subject_unit=unit,
        channel="天府通办",
        level=level,
        comment="" if level < Level.DISSATISFIED else "办事需要反复跑、材料多次补正",
        aspects={"efficiency": 6 - int(level), "style": 5 if level < 3 else 2},
    ).id


def _issue_review(s: Scenario, index: int) -> None:
    _, serial = ENTERPRISES[ISSUES[index][2]]
    s.office.submit_review(
        ctx("企业评价", "政务服务好差评系统"),
        subject_kind=SubjectKind.ISSUE,
        subject_id=str(s.issue_ids[index]),
        subject_unit=None,
        channel="企业服务平台",
        level=Level.VERY_SATISFIED,
        comment="问题解决及时",
        reviewer_code=credit_code(serial),
    )


HEADS = dict(UNITS.values())  # who answers for each unit


@dataclass
class _BadReview:
    s: Scenario
    unit: str
    review_id: UUID | None = None

    @property
    def id(self) -> UUID:
        assert self.review_id is not None, "the review is submitted first"
        return self.review_id

    def submit(self) -> None:
        self.review_id = _review(self.s, self.unit, Level.VERY_DISSATISFIED)

    def verify(self) -> None:
        self.s.office.verify_review(DESK, self.id)

    def rectify(self, method: Rectification) -> None:
        ledger = method is Rectification.LEDGER
        name, serial = ENTERPRISES[1]
        self.s.office.rectify_review(
            ctx("整改责任人", self.unit),
            self.id,
            method=method,
            description="材料一次性告知清单未落实" if ledger else None,
            category=IssueCategory.PERMITS,
            responsible_person_id=self.s.people[HEADS[self.unit]] if ledger else None,
            working_days=10 if ledger else None,
            enterprise_code=credit_code(serial) if ledger else None,
            enterprise_name=name if ledger else None,
        )

    def return_visit(self) -> None:
        self.s.office.record_return_visit(DESK, self.id, satisfied=True)

    def appeal(self, upheld: bool) -> None:
        unit_desk = ctx("单位联络员", self.unit)
        self.s.office.appeal_review(unit_desk, self.id, reason="评价人未在本单位办理业务")
        self.s.office.decide_review_appeal(DESK, self.id, upheld=upheld, reason="调取办件记录核实")


def _follow_up(
    s: Scenario, day: date, unit: str, method: Rectification | None, appeal: bool | None
) -> None:
    bad = _BadReview(s, unit)
    s.at(day, 14, bad.submit)
    if appeal is not None:
        s.at(day + timedelta(days=2), 10, partial(bad.appeal, appeal))
    elif method is not None:  # otherwise left unanswered: its answer-by date passes
        s.at(day + timedelta(days=1), 10, bad.verify)
        s.at(day + timedelta(days=3), 10, partial(bad.rectify, method))
        s.at(day + timedelta(days=6), 10, bad.return_visit)


def schedule_reviews(s: Scenario) -> None:
    units = [unit for unit, _ in UNITS.values()]
    for n in range(36):
        level = Level(1 + n % 3)
        s.at(
            date(YEAR, 1, 10) + timedelta(days=8 * n),
            16,
            partial(_review, s, units[n % len(units)], level),
        )
    for index in range(len(ISSUES)):
        if index % 18 == 7:  # half the closed-out demo issues, reviewed by their enterprise
            day = date(YEAR, 2, 2) + timedelta(days=index * 8 + 16)
            s.at(day, 11, partial(_issue_review, s, index))
    cases = [
        (Rectification.FIXED_AT_ONCE, None),
        (Rectification.LEDGER, None),
        (Rectification.EXPLAINED, None),
        (None, True),
        (None, False),
        (None, None),
    ]
    for n, (method, appeal) in enumerate(cases):
        _follow_up(s, date(YEAR, 3 + n, 12), units[n], method, appeal)
