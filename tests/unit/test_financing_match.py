"""FinancingMatch: need → bank → feedback → credit → disbursement → close; bridge loans."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.financing_match import Feedback, FinancingMatch, FinancingStatus
from tests.unit.builders import CODE, names, on


def need() -> FinancingMatch:
    m = FinancingMatch.register_need(
        on(),
        id=uuid4(),
        enterprise_code=CODE,
        enterprise_name="企业",
        amount=50_000_000,
        purpose="设备购置",
        term_months=36,
    )
    m.collect_events()
    return m


def recommended() -> FinancingMatch:
    m = need()
    m.recommend(
        on(), bank="中国工商银行示范分行", bank_head="周行长", feedback_due=date(2026, 10, 15)
    )
    return m


def test_registering_refuses_a_non_positive_amount_or_implausible_term():
    with pytest.raises(errors.InvalidAmountError):
        FinancingMatch.register_need(
            on(),
            id=uuid4(),
            enterprise_code=CODE,
            enterprise_name="e",
            amount=0,
            purpose="p",
            term_months=12,
        )
    with pytest.raises(errors.InvalidAmountError):
        FinancingMatch.register_need(
            on(),
            id=uuid4(),
            enterprise_code=CODE,
            enterprise_name="e",
            amount=1,
            purpose="p",
            term_months=0,
        )


def test_a_recommended_need_owes_the_banks_feedback_by_its_due_date():
    m = recommended()
    assert [(d.key, d.due) for d in m.open_deadlines()] == [("feedback", date(2026, 10, 15))]
    m.record_feedback(
        on(), feedback=Feedback.NEEDS_INFORMATION, note="补充报表", next_due=date(2026, 10, 30)
    )
    assert m.open_deadlines()[0].due == date(2026, 10, 30)
    with pytest.raises(errors.DueDateInPastError):
        m.record_feedback(on(), feedback=Feedback.INTERESTED, note="", next_due=None)
    assert names(m.collect_events()) == ["RecommendedToBank", "FeedbackRecorded"]


def test_a_decline_needs_a_reason_and_frees_the_need_for_another_bank():
    m = recommended()
    with pytest.raises(errors.ReasonRequiredError):
        m.record_feedback(on(), feedback=Feedback.DECLINED, note="", next_due=None)
    m.record_feedback(on(reason="抵押物不足"), feedback=Feedback.DECLINED, note="", next_due=None)
    assert (m.status, m.open_deadlines()) == (FinancingStatus.DECLINED, [])
    with pytest.raises(errors.IllegalFinancingStepError):
        m.approve_credit(on(), amount=1, rate_bp=400)
    m.recommend(on(), bank="农业银行", bank_head="吴行长", feedback_due=date(2026, 10, 20))
    assert m.status is FinancingStatus.RECOMMENDED


def test_credit_is_disbursed_up_to_the_approved_amount_then_closed():
    m = recommended()
    with pytest.raises(errors.IllegalFinancingStepError):
        m.disburse(on(), amount=1)
    with pytest.raises(errors.InvalidAmountError):
        m.approve_credit(on(), amount=40_000_000, rate_bp=0)
    m.approve_credit(on(), amount=40_000_000, rate_bp=385)
    m.disburse(on(business=date(2026, 9, 20)), amount=30_000_000)
    with pytest.raises(errors.DisbursementExceedsCreditError):
        m.disburse(on(), amount=10_000_001)
    m.disburse(on(), amount=10_000_000)
    m.close(on())
    with pytest.raises(errors.IllegalFinancingStepError):
        m.close(on(reason="again"))
    assert names(m.collect_events())[-4:] == [
        "CreditApproved",
        "LoanDisbursed",
        "LoanDisbursed",
        "Closed",
    ]
    assert (m.disbursed, m.status) == (40_000_000, FinancingStatus.CLOSED)


def test_closing_without_a_disbursement_needs_a_reason():
    m = recommended()
    with pytest.raises(errors.ReasonRequiredError):
        m.close(on())
    m.close(on(reason="企业自筹解决"))
    assert m.status is FinancingStatus.CLOSED


def test_a_bridge_loan_is_granted_once_at_a_time_and_repaid_no_more_than_owed():
    m = need()
    with pytest.raises(errors.BridgeLoanError):
        m.repay_bridge_loan(on(), amount=1)
    with pytest.raises(errors.DueDateInPastError):
        m.grant_bridge_loan(on(), amount=5_000_000, due_date=date(2026, 9, 28))
    m.grant_bridge_loan(on(), amount=5_000_000, due_date=date(2026, 10, 28))
    assert [d.key for d in m.open_deadlines()] == ["bridge_loan"]
    with pytest.raises(errors.BridgeLoanError):
        m.grant_bridge_loan(on(), amount=1, due_date=date(2026, 11, 1))
    with pytest.raises(errors.BridgeLoanError):
        m.repay_bridge_loan(on(), amount=5_000_001)
    m.repay_bridge_loan(on(), amount=2_000_000)
    m.repay_bridge_loan(on(), amount=3_000_000)
    assert (m.bridge_outstanding, m.open_deadlines()) == (0, [])
    assert names(m.collect_events()) == [
        "BridgeLoanGranted",
        "BridgeLoanRepaid",
        "BridgeLoanRepaid",
    ]
