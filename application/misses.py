"""Taking back a recorded miss: the supervision office's correction, with its reason."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.base import A, BackOfficeBase
from application.context import CommandContext


class MissCommands(BackOfficeBase):
    def withdraw_miss(
        self,
        ctx: CommandContext,
        kind: type[A],
        aggregate_id: UUID,
        *,
        key: str,
        due: date,
        reason: str,
    ) -> A:
        """A miss recorded on ``key`` due ``due`` is taken back (the act met the deadline in
        time and was recorded late, or the delay is excused); both stay in the history."""
        env = self.envelope(ctx, reason=reason)
        return self.change(
            ctx,
            kind,
            aggregate_id,
            "withdraw_miss",
            lambda a: a.withdraw_miss(env, key=key, due=due),
        )
