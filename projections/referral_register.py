"""ReferralRegister: every referral to the discipline inspection and supervision organs
(移交纪检监察) and the organ's disposition; listed by the unit it concerns and status."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from domain.referral import Referral, ReferralStatus, answering_unit
from projections.register import Register


class ReferralSummary(msgspec.Struct, kw_only=True):
    id: UUID
    unit_id: UUID | None
    unit: str | None
    official_id: UUID | None
    official: str | None
    official_unit: str | None
    facts: str
    evidence: list[int]  # positions in the audit log (GET /audit/events)
    organ: str
    summons_id: UUID | None
    status: ReferralStatus
    disposition: str | None
    concluded_on: date | None
    referred_at: datetime
    updated_at: datetime
    version: int


def summarise(referral: Referral) -> ReferralSummary:
    return ReferralSummary(
        id=referral.id,
        unit_id=referral.unit_id,
        unit=referral.unit_name,
        official_id=referral.official_id,
        official=referral.official_name,
        official_unit=referral.official_unit,
        facts=referral.facts,
        evidence=list(referral.evidence),
        organ=referral.organ,
        summons_id=referral.summons_id,
        status=referral.status,
        disposition=referral.disposition,
        concluded_on=referral.concluded_on,
        referred_at=referral.created_on,
        updated_at=referral.modified_on,
        version=referral.version,
    )


REFERRAL_REGISTER = Register(
    "referral_register",
    Referral,
    ReferralSummary,
    summarise,
    {"unit": lambda r: answering_unit(r.unit, r.official_unit), "status": lambda r: r.status.value},
    sort_key=lambda r: r.referred_at.isoformat(),
)
