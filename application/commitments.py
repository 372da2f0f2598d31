"""Commitment commands, the same on every aggregate that carries commitments."""

from __future__ import annotations

from datetime import date
from typing import TypeVar
from uuid import UUID

from application.base import BackOfficeBase
from application.context import CommandContext
from domain.commitments import CommitmentHolder

H = TypeVar("H", bound=CommitmentHolder)


class CommitmentCommands(BackOfficeBase):
    def make_commitment(
        self,
        ctx: CommandContext,
        holder: type[H],
        holder_id: UUID,
        *,
        what: str,
        to_whom: str,
        due_date: date,
        business_date: date | None = None,
    ) -> int:
        env = self.envelope(ctx, business_date=business_date)
        aggregate = self.load_for(ctx, holder, holder_id)
        number = aggregate.make_commitment(env, what=what, to_whom=to_whom, due_date=due_date)
        self.store(ctx, aggregate, "make_commitment")
        return number

    def keep_commitment(
        self,
        ctx: CommandContext,
        holder: type[H],
        holder_id: UUID,
        *,
        number: int,
        business_date: date | None = None,
    ) -> H:
        env = self.envelope(ctx, business_date=business_date)
        return self.change(
            ctx,
            holder,
            holder_id,
            "keep_commitment",
            lambda h: h.keep_commitment(env, number=number),
        )

    def break_commitment(
        self,
        ctx: CommandContext,
        holder: type[H],
        holder_id: UUID,
        *,
        number: int,
        reason: str,
        business_date: date | None = None,
    ) -> H:
        env = self.envelope(ctx, business_date=business_date, reason=reason)
        return self.change(
            ctx,
            holder,
            holder_id,
            "break_commitment",
            lambda h: h.break_commitment(env, number=number),
        )
