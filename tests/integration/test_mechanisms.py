"""The other mechanisms on each store: acts and the issues they raise are saved together."""

from __future__ import annotations

from datetime import date

import pytest

from application.back_office import BackOffice
from application.briefings import Question
from application.linked_issues import IssueRequest
from domain.briefing import SessionKind
from domain.errors import (
    ConcurrentWriteError,
    PairingEndedError,
    ReviewSubjectNotReviewableError,
)
from domain.financing_match import Feedback
from domain.issue import Issue
from domain.pairing import PairingMechanism
from domain.review import Level, Rectification, SubjectKind
from domain.values import Channel, IssueCategory

CODE = "91110000600037341L"


def test_a_visit_finding_raises_a_linked_issue_in_the_same_save(
    office: BackOffice, officer, people
):
    pairing = office.establish_pairing(
        officer,
        mechanism=PairingMechanism.LEADER_KEY_ENTERPRISE,
        official_id=people.id("王建国"),
        enterprise_code=CODE,
        enterprise_name="示范新能源科技有限公司",
        start=date(2026, 9, 1),
    )
    before = office.recorder.max_notification_id()
    visited = office.log_visit(
        officer,
        pairing.id,
        form="上门走访",
        people_met=["王总"],
        findings=[
            ("专线电力不足", IssueRequest(IssueCategory.UTILITIES, "110千伏专线未接入")),
            ("无", None),
        ],
        business_date=date(2026, 9, 25),
    )
    assert office.recorder.max_notification_id() == before + 2
    issue_id = visited.visits[0][2][0]
    issue = office.get_issue(__import__("uuid").UUID(issue_id))
    assert (issue.source_kind, issue.source_ref) == (
        "pairing_visit",
        f"pairings/{pairing.id}/visits/1/findings/1",
    )
    assert (issue.enterprise_code, issue.channel) == (CODE, Channel.VISIT)
    office.end_pairing(officer, pairing.id, reason="企业投产后转一企一部门")
    with pytest.raises(PairingEndedError):
        office.log_visit(
            officer,
            pairing.id,
            form="电话",
            people_met=[],
            findings=[("x", IssueRequest(IssueCategory.OTHER, "x"))],
        )
    assert len(list(office.events.get(pairing.id))) == 3


def test_a_session_question_raises_a_linked_issue(office: BackOffice, officer, people):
    series = office.establish_session_series(
        officer,
        unit_id=people.units["市营商环境局"],
        kind=SessionKind.ENTREPRENEUR_TALK,
        title="企业家恳谈会",
        start=date(2026, 7, 1),
    )
    office.plan_session(
        officer,
        series.id,
        planned_on=date(2026, 9, 26),
        topic="降本减负",
        policy_area="税费",
        host="李明",
        audience="民营企业",
    )
    held = office.hold_session(
        officer,
        series.id,
        number=1,
        attendance=42,
        questions=[
            Question(
                "留抵退税慢",
                IssueRequest(
                    IssueCategory.TAX_AND_FEES, "留抵退税到账慢", CODE, "利州食品股份有限公司"
                ),
            )
        ],
    )
    issue = office.get_issue(__import__("uuid").UUID(held.sessions[1].raised_issues[0]))
    assert issue.source_kind == "session_question"
    assert issue.channel is Channel.MEETING


def test_a_bad_review_on_the_ledger_raises_an_assigned_issue_linked_back(
    office: BackOffice, officer, people
):
    review = office.submit_review(
        officer,
        subject_kind=SubjectKind.UNIT,
        subject_id="市住房城乡建设局",
        subject_unit="市住房城乡建设局",
        channel="12345",
        level=Level.VERY_DISSATISFIED,
        comment="施工许可反复补正",
        reviewer_code=CODE,
    )
    assert review.answer_by == date(2026, 10, 13)  # 7 working days, across National Day
    office.verify_review(officer, review.id)
    rectified = office.rectify_review(
        officer,
        review.id,
        method=Rectification.LEDGER,
        description="施工许可材料一次性告知",
        category=IssueCategory.PERMITS,
        responsible_person_id=people.id("黄磊"),
        working_days=5,
        enterprise_name="川北高端装备制造有限公司",
    )
    issue = office.get_issue(rectified.issue_id)
    assert (issue.source_kind, issue.source_ref) == ("review", f"reviews/{review.id}")
    assert (issue.responsible_unit, issue.time_limit) == ("市住房城乡建设局", date(2026, 10, 10))
    assert [type(e).__name__ for e in office.events.get(issue.id)] == ["Raised", "Assigned"]


def test_only_the_enterprise_of_a_closed_out_issue_reviews_it(office: BackOffice, officer, people):
    issue = office.raise_issue(
        officer,
        channel=Channel.VISIT,
        category=IssueCategory.LAND,
        enterprise_code=CODE,
        enterprise_name="企业",
        description="用地",
    )
    submit = {
        "subject_kind": SubjectKind.ISSUE,
        "subject_id": str(issue.id),
        "subject_unit": None,
        "channel": "app",
        "level": Level.SATISFIED,
        "reviewer_code": CODE,
    }
    with pytest.raises(ReviewSubjectNotReviewableError):
        office.submit_review(officer, **submit)
    office.accept_and_assign_issue(
        officer, issue.id, responsible_person_id=people.id("赵丽"), working_days=5
    )
    office.resolve_issue(officer, issue.id, resolution="已供地")
    office.close_out_issue(officer, issue.id, confirmed_by="企业")
    with pytest.raises(ReviewSubjectNotReviewableError):
        office.submit_review(officer, **{**submit, "reviewer_code": "91510800MA0000018H"})
    review = office.submit_review(officer, **submit)
    assert review.subject_unit == "市自然资源和规划局"


def test_a_financing_match_runs_to_disbursement_on_each_store(office: BackOffice, officer):
    match = office.register_financing_need(
        officer,
        enterprise_code=CODE,
        enterprise_name="企业",
        amount=50_000_000,
        purpose="设备",
        term_months=36,
    )
    office.recommend_to_bank(
        officer, match.id, bank="工商银行", bank_head="周行长", feedback_due=date(2026, 10, 15)
    )
    office.record_bank_feedback(
        officer, match.id, feedback=Feedback.INTERESTED, note="", next_due=date(2026, 10, 30)
    )
    office.approve_credit(officer, match.id, amount=40_000_000, rate_bp=385)
    done = office.disburse_loan(officer, match.id, amount=40_000_000)
    assert done.disbursed == 40_000_000
    assert [type(e).__name__ for e in office.events.get(match.id)][-2:] == [
        "CreditApproved",
        "LoanDisbursed",
    ]


def test_an_issue_raised_alongside_a_visit_is_not_saved_when_the_visit_clashes(
    office: BackOffice, officer, people
):
    pairing = office.establish_pairing(
        officer,
        mechanism=PairingMechanism.DEPARTMENT_HEAD_ENTERPRISE,
        official_id=people.id("李明"),
        enterprise_code=CODE,
        enterprise_name="企业",
        start=date(2026, 9, 1),
    )
    stale = office.get_pairing(pairing.id)
    office.log_visit(officer, pairing.id, form="走访", people_met=[], findings=[])
    linked = Issue.raise_issue(
        office.envelope(officer),
        id=__import__("uuid").uuid4(),
        channel=Channel.VISIT,
        category=IssueCategory.OTHER,
        enterprise_code=CODE,
        enterprise_name="企业",
        description="x",
    )
    stale.log_visit(
        office.envelope(officer),
        form="走访",
        people_met=[],
        findings=["x"],
        raised_issues=[str(linked.id)],
    )
    with pytest.raises(ConcurrentWriteError):
        office.store(officer, stale, "log_visit", linked)
    assert list(office.events.get(linked.id)) == []
