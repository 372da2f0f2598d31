"""Financing match commands (银企对接)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

from application.base import BackOfficeBase
from application.context import CommandContext
from domain.errors import ProjectNotFoundError, UnknownProjectError
from domain.financing_match import Feedback, FinancingMatch
from domain.project import Project


class FinancingCommands(BackOfficeBase):
    def register_financing_need(
        self,
        ctx: CommandContext,
        *,
        enterprise_code: str,
        enterprise_name: str,
        amount: int,
        purpose: str,
        term_months: int,
        project_id: UUID | None = None,
    ) -> FinancingMatch:
        if project_id is not None:
            try:
                self.load(Project, project_id)
            except ProjectNotFoundError:
                raise UnknownProjectError(f"no project {project_id}") from None
        match = FinancingMatch.register_need(
            self.envelope(ctx),
            id=uuid4(),
            enterprise_code=enterprise_code,
            enterprise_name=enterprise_name,
            amount=amount,
            purpose=purpose,
            term_months=term_months,
            project_id=project_id,
        )
        self.store(ctx, match, "register_financing_need")
        return match

    def get_financing_match(self, match_id: UUID) -> FinancingMatch:
        return self.load(FinancingMatch, match_id)

    def _match(
        self,
        ctx: CommandContext,
        match_id: UUID,
        command: str,
        act: Callable[[FinancingMatch], object],
    ) -> FinancingMatch:
        return self.change(ctx, FinancingMatch, match_id, command, act)

    def recommend_to_bank(
        self, ctx: CommandContext, match_id: UUID, *, bank: str, bank_head: str, feedback_due: date
    ) -> FinancingMatch:
        env = self.envelope(ctx)
        return self._match(
            ctx,
            match_id,
            "recommend_to_bank",
            lambda m: m.recommend(env, bank=bank, bank_head=bank_head, feedback_due=feedback_due),
        )

    def record_bank_feedback(
        self,
        ctx: CommandContext,
        match_id: UUID,
        *,
        feedback: Feedback,
        note: str,
        next_due: date | None,
        reason: str | None = None,
        business_date: date | None = None,
    ) -> FinancingMatch:
        env = self.envelope(ctx, business_date=business_date, reason=reason)
        return self._match(
            ctx,
            match_id,
            "record_bank_feedback",
            lambda m: m.record_feedback(env, feedback=feedback, note=note, next_due=next_due),
        )

    def approve_credit(
        self, ctx: CommandContext, match_id: UUID, *, amount: int, rate_bp: int
    ) -> FinancingMatch:
        env = self.envelope(ctx)
        return self._match(
            ctx,
            match_id,
            "approve_credit",
            lambda m: m.approve_credit(env, amount=amount, rate_bp=rate_bp),
        )

    def disburse_loan(
        self, ctx: CommandContext, match_id: UUID, *, amount: int, business_date: date | None = None
    ) -> FinancingMatch:
        env = self.envelope(ctx, business_date=business_date)
        return self._match(ctx, match_id, "disburse_loan", lambda m: m.disburse(env, amount=amount))

    def close_financing_match(
        self, ctx: CommandContext, match_id: UUID, *, reason: str | None = None
    ) -> FinancingMatch:
        env = self.envelope(ctx, reason=reason)
        return self._match(ctx, match_id, "close_financing_match", lambda m: m.close(env))

    def grant_bridge_loan(
        self,
        ctx: CommandContext,
        match_id: UUID,
        *,
        amount: int,
        due_date: date,
        business_date: date | None = None,
    ) -> FinancingMatch:
        env = self.envelope(ctx, business_date=business_date)
        return self._match(
            ctx,
            match_id,
            "grant_bridge_loan",
            lambda m: m.grant_bridge_loan(env, amount=amount, due_date=due_date),
        )

    def repay_bridge_loan(
        self, ctx: CommandContext, match_id: UUID, *, amount: int, business_date: date | None = None
    ) -> FinancingMatch:
        env = self.envelope(ctx, business_date=business_date)
        return self._match(
            ctx, match_id, "repay_bridge_loan", lambda m: m.repay_bridge_loan(env, amount=amount)
        )
