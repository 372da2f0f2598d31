"""Financing matches (银企对接) over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response
from litestar.params import FromPath, FromQuery, JSONBody

from api.paging import Page, register_page
from api.permissions import ACT, READ
from api.routing import Act, Caller, Svc, command, fields, query
from api.schemas import Body, CreditCode, Limit, Name, Offset, OptionalReason, Text
from domain.errors import FinancingMatchNotFoundError
from domain.financing_match import Feedback, FinancingMatch, FinancingStatus
from projections.access_index import require_visible
from projections.financing_register import FINANCING_REGISTER, FinancingSummary, summarise

Yuan = Annotated[int, msgspec.Meta(ge=1, le=10**13, description="whole yuan")]


class RegisterNeed(Body):
    enterprise_code: CreditCode
    enterprise_name: Name
    amount: Yuan
    purpose: Text
    term_months: Annotated[int, msgspec.Meta(ge=1, le=600)]
    project_id: UUID | None = None


class Recommend(Body):
    bank: Name
    bank_head: Name
    feedback_due: date


class BankFeedback(Body):
    feedback: Feedback
    note: Text = ""
    next_due: date | None = None
    reason: Text | None = None
    business_date: date | None = None


class ApproveCredit(Body):
    amount: Yuan
    rate_bp: Annotated[int, msgspec.Meta(ge=1, le=4999, description="basis points a year")]


class Money(Body):
    amount: Yuan
    business_date: date | None = None


class BridgeLoan(Body):
    amount: Yuan
    due_date: date
    business_date: date | None = None


class FinancingController(Controller):
    path = "/financing-matches"
    tags = ("financing",)

    @command("/", "RegisterFinancingNeed", roles=ACT, creates=True)
    def register(self, data: JSONBody[RegisterNeed], act: Act) -> FinancingSummary:
        """Register an enterprise's financing need: amount, purpose and term.

        Refused with invalid-credit-code, invalid-amount, blank-text, unknown-project."""
        return summarise(act.office.register_financing_need(act.command, **fields(data)))

    @command("/{match_id:uuid}/recommendation", "RecommendToBank", roles=ACT)
    def recommend(
        self, match_id: FromPath[UUID], data: JSONBody[Recommend], act: Act
    ) -> FinancingSummary:
        """Recommend the need to a bank and its named head, with a date for its feedback.

        Refused with illegal-financing-step, due-date-in-past, blank-text,
        financing-match-not-found."""
        return summarise(act.office.recommend_to_bank(act.command, match_id, **fields(data)))

    @command("/{match_id:uuid}/feedback", "RecordBankFeedback", roles=ACT)
    def feedback(
        self, match_id: FromPath[UUID], data: JSONBody[BankFeedback], act: Act
    ) -> FinancingSummary:
        """Record the bank's feedback: interested, needs information, or declined (with reason).

        Refused with illegal-financing-step, reason-required, due-date-in-past,
        business-date-in-future, financing-match-not-found."""
        return summarise(act.office.record_bank_feedback(act.command, match_id, **fields(data)))

    @command("/{match_id:uuid}/credit-approval", "ApproveCredit", roles=ACT)
    def approve(
        self, match_id: FromPath[UUID], data: JSONBody[ApproveCredit], act: Act
    ) -> FinancingSummary:
        """Record the credit the bank approved, and its rate.

        Refused with illegal-financing-step, invalid-amount, financing-match-not-found."""
        return summarise(act.office.approve_credit(act.command, match_id, **fields(data)))

    @command("/{match_id:uuid}/disbursements", "DisburseLoan", roles=ACT)
    def disburse(
        self, match_id: FromPath[UUID], data: JSONBody[Money], act: Act
    ) -> FinancingSummary:
        """Record money the bank paid out under the approved credit.

        Refused with disbursement-exceeds-credit, illegal-financing-step, invalid-amount,
        business-date-in-future, financing-match-not-found."""
        return summarise(act.office.disburse_loan(act.command, match_id, **fields(data)))

    @command("/{match_id:uuid}/closing", "CloseFinancingMatch", roles=ACT)
    def close(
        self, match_id: FromPath[UUID], data: JSONBody[OptionalReason], act: Act
    ) -> FinancingSummary:
        """Close the financing match.

        Refused with illegal-financing-step, financing-match-not-found."""
        office = act.office
        return summarise(office.close_financing_match(act.command, match_id, **fields(data)))

    @command("/{match_id:uuid}/bridge-loan", "GrantBridgeLoan", roles=ACT)
    def grant_bridge(
        self, match_id: FromPath[UUID], data: JSONBody[BridgeLoan], act: Act
    ) -> FinancingSummary:
        """Grant an emergency bridge loan (应急转贷) with its due date.

        Refused with bridge-loan-state, invalid-amount, due-date-in-past,
        business-date-in-future, financing-match-not-found."""
        return summarise(act.office.grant_bridge_loan(act.command, match_id, **fields(data)))

    @command("/{match_id:uuid}/bridge-loan/repayments", "RepayBridgeLoan", roles=ACT)
    def repay_bridge(
        self, match_id: FromPath[UUID], data: JSONBody[Money], act: Act
    ) -> FinancingSummary:
        """Record a repayment of the bridge loan.

        Refused with bridge-loan-state, invalid-amount, business-date-in-future,
        financing-match-not-found."""
        return summarise(act.office.repay_bridge_loan(act.command, match_id, **fields(data)))

    @query("/", "ListFinancingMatches", roles=READ)
    def list_matches(
        self,
        request: Request[Any, Any, Any],
        services: Svc,
        principal: Caller,
        status: FromQuery[FinancingStatus | None] = None,
        bank: FromQuery[str | None] = None,
        enterprise_code: FromQuery[str | None] = None,
        project_id: FromQuery[UUID | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response[Page[FinancingSummary]]:
        """The financing matches, filtered by status, bank, enterprise or project."""
        where = {
            "status": status.value if status else None,
            "bank": bank,
            "enterprise_code": enterprise_code,
            "project_id": str(project_id) if project_id else None,
        }
        return register_page(
            request,
            services,
            FINANCING_REGISTER,
            where,
            scope=principal.scope,
            limit=limit,
            offset=offset,
        )

    @query("/{match_id:uuid}", "GetFinancingMatch", roles=READ)
    def get_match(
        self, match_id: FromPath[UUID], services: Svc, principal: Caller
    ) -> FinancingSummary:
        """One financing match as the register shows it now."""
        with services.read() as tx:
            require_visible(tx, principal.scope, match_id, FinancingMatch)
            found = FINANCING_REGISTER.get(tx, match_id)
        if found is None:
            raise FinancingMatchNotFoundError(f"no financing match {match_id}")
        return found
