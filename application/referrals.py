"""Referral commands (移交纪检监察): refer a unit or an official, named by directory id, to the
discipline inspection and supervision organs, and record the organ's disposition."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID, uuid4

from application.base import BackOfficeBase
from application.context import CommandContext
from domain.errors import SummonsNotFoundError, UnknownSummonsError
from domain.referral import Referral
from domain.summons import Summons


class ReferralCommands(BackOfficeBase):
    def refer_to_discipline_inspection(
        self,
        ctx: CommandContext,
        *,
        facts: str,
        organ: str,
        unit_id: UUID | None = None,
        official_id: UUID | None = None,
        evidence: Sequence[int] = (),
        summons_id: UUID | None = None,
    ) -> Referral:
        """``evidence``: positions of events in the audit log; ``summons_id``: the summons
        the referral follows from, if any."""
        unit = self.unit_named(unit_id, "unit_id") if unit_id else None
        official = self.person(official_id, "official_id") if official_id else None
        for named in (unit.name if unit else None, official.unit if official else None):
            if named is not None:
                self.require_unit(ctx, named, "referred unit")
        if summons_id is not None:
            try:
                self.load_for(ctx, Summons, summons_id)
            except SummonsNotFoundError:
                raise UnknownSummonsError(f"summons_id: no summons {summons_id}") from None
        referral = Referral.refer(
            self.envelope(ctx),
            id=uuid4(),
            unit=(unit.id, unit.name) if unit else None,
            official=official,
            facts=facts,
            evidence=list(evidence),
            log_head=self.recorder.max_notification_id() or 0,
            organ=organ,
            summons_id=summons_id,
        )
        self.store(ctx, referral, "refer_to_discipline_inspection")
        return referral

    def record_referral_outcome(
        self,
        ctx: CommandContext,
        referral_id: UUID,
        *,
        disposition: str,
        business_date: date | None = None,
    ) -> Referral:
        """The organ's disposition (处理结果), as it reported it on ``business_date``."""
        env = self.envelope(ctx, business_date=business_date)
        return self.change(
            ctx,
            Referral,
            referral_id,
            "record_referral_outcome",
            lambda r: r.record_outcome(env, disposition=disposition),
        )

    def get_referral(self, referral_id: UUID) -> Referral:
        return self.load(Referral, referral_id)
