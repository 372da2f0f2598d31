"""Financing matches (银企对接) over HTTP."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody

from api.actor import actor_guard
from api.history import EventRecord, history
from api.issues import Limit, Name, Offset, Text
from application.context import CommandContext
from bootstrap.services import Services
from domain.errors import FinancingMatchNotFoundError
from domain.financing_match import Feedback, FinancingMatch, FinancingStatus
from projections.financing_register import FINANCING_REGISTER, FinancingSummary, summarise

Yuan = Annotated[int, msgspec.Meta(ge=1, le=10**13, description="whole yuan")]


class RegisterNeed(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    enterprise_code: Annotated[str, msgspec.Meta(max_length=18)]
    enterprise_name: Name
    amount: Yuan
    purpose: Text
    term_months: Annotated[int, msgspec.Meta(ge=1, le=600)]
    project_id: UUID | None = None


class Recommend(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    bank: Name
    bank_head: Name
    feedback_due: date


class BankFeedback(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    feedback: Feedback
    note: Text = ""
    next_due: date | None = None
    reason: Text | None = None
    business_date: date | None = None


class ApproveCredit(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    amount: Yuan
    rate_bp: Annotated[int, msgspec.Meta(ge=1, le=4999, description="basis points a year")]


class Money(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    amount: Yuan
    business_date: date | None = None


class BridgeLoan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    amount: Yuan
    due_date: date
    business_date: date | None = None


class CloseNeed(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Text | None = None


class FinancingController(Controller):
    path = "/financing-matches"
    tags = ("financing",)
    guards = (actor_guard,)

    @post("/", operation_id="RegisterFinancingNeed", sync_to_thread=True)
    def register(
        self,
        data: JSONBody[RegisterNeed],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> FinancingSummary:
        return summarise(
            services.office.register_financing_need(
                command,
                enterprise_code=data.enterprise_code,
                enterprise_name=data.enterprise_name,
                amount=data.amount,
                purpose=data.purpose,
                term_months=data.term_months,
                project_id=data.project_id,
            )
        )

    @post(
        "/{match_id:uuid}/recommendation",
        operation_id="RecommendToBank",
        sync_to_thread=True,
        status_code=200,
    )
    def recommend(
        self,
        match_id: FromPath[UUID],
        data: JSONBody[Recommend],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> FinancingSummary:
        return summarise(
            services.office.recommend_to_bank(
                command,
                match_id,
                bank=data.bank,
                bank_head=data.bank_head,
                feedback_due=data.feedback_due,
            )
        )

    @post(
        "/{match_id:uuid}/feedback",
        operation_id="RecordBankFeedback",
        sync_to_thread=True,
        status_code=200,
    )
    def feedback(
        self,
        match_id: FromPath[UUID],
        data: JSONBody[BankFeedback],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> FinancingSummary:
        return summarise(
            services.office.record_bank_feedback(
                command,
                match_id,
                feedback=data.feedback,
                note=data.note,
                next_due=data.next_due,
                reason=data.reason,
                business_date=data.business_date,
            )
        )

    @post(
        "/{match_id:uuid}/credit-approval",
        operation_id="ApproveCredit",
        sync_to_thread=True,
        status_code=200,
    )
    def approve(
        self,
        match_id: FromPath[UUID],
        data: JSONBody[ApproveCredit],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> FinancingSummary:
        return summarise(
            services.office.approve_credit(
                command, match_id, amount=data.amount, rate_bp=data.rate_bp
            )
        )

    @post(
        "/{match_id:uuid}/disbursements",
        operation_id="DisburseLoan",
        sync_to_thread=True,
        status_code=200,
    )
    def disburse(
        self,
        match_id: FromPath[UUID],
        data: JSONBody[Money],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> FinancingSummary:
        return summarise(
            services.office.disburse_loan(
                command, match_id, amount=data.amount, business_date=data.business_date
            )
        )

    @post(
        "/{match_id:uuid}/closing",
        operation_id="CloseFinancingMatch",
        sync_to_thread=True,
        status_code=200,
    )
    def close(
        self,
        match_id: FromPath[UUID],
        data: JSONBody[CloseNeed],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> FinancingSummary:
        return summarise(
            services.office.close_financing_match(command, match_id, reason=data.reason)
        )

    @post(
        "/{match_id:uuid}/bridge-loan",
        operation_id="GrantBridgeLoan",
        sync_to_thread=True,
        status_code=200,
    )
    def grant_bridge(
        self,
        match_id: FromPath[UUID],
        data: JSONBody[BridgeLoan],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> FinancingSummary:
        return summarise(
            services.office.grant_bridge_loan(
                command,
                match_id,
                amount=data.amount,
                due_date=data.due_date,
                business_date=data.business_date,
            )
        )

    @post(
        "/{match_id:uuid}/bridge-loan/repayments",
        operation_id="RepayBridgeLoan",
        sync_to_thread=True,
        status_code=200,
    )
    def repay_bridge(
        self,
        match_id: FromPath[UUID],
        data: JSONBody[Money],
        services: NamedDependency[Services],
        command: NamedDependency[CommandContext],
    ) -> FinancingSummary:
        return summarise(
            services.office.repay_bridge_loan(
                command, match_id, amount=data.amount, business_date=data.business_date
            )
        )

    @get("/", operation_id="ListFinancingMatches", sync_to_thread=True)
    def list_matches(
        self,
        services: NamedDependency[Services],
        status: FromQuery[FinancingStatus | None] = None,
        bank: FromQuery[str | None] = None,
        enterprise_code: FromQuery[str | None] = None,
        project_id: FromQuery[UUID | None] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> list[FinancingSummary]:
        where = {
            "status": status.value if status else None,
            "bank": bank,
            "enterprise_code": enterprise_code,
            "project_id": str(project_id) if project_id else None,
        }
        with services.read() as tx:
            return FINANCING_REGISTER.list(tx, where, limit=limit, offset=offset)

    @get("/{match_id:uuid}", operation_id="GetFinancingMatch", sync_to_thread=True)
    def get_match(
        self, match_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> FinancingSummary:
        with services.read() as tx:
            found = FINANCING_REGISTER.get(tx, match_id)
        if found is None:
            raise FinancingMatchNotFoundError(f"no financing match {match_id}")
        return found

    @get("/{match_id:uuid}/events", operation_id="GetFinancingMatchEvents", sync_to_thread=True)
    def get_events(
        self, match_id: FromPath[UUID], services: NamedDependency[Services]
    ) -> list[EventRecord]:
        return history(services.office, match_id, FinancingMatch.Event, FinancingMatchNotFoundError)
