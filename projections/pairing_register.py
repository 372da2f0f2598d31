"""PairingRegister: every pairing, its official and its visits."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from domain.pairing import Pairing, PairingMechanism
from projections.register import Register


class VisitSummary(msgspec.Struct, kw_only=True):
    number: int
    visited_on: date
    raised_issues: list[UUID]


class PairingSummary(msgspec.Struct, kw_only=True):
    id: UUID
    mechanism: PairingMechanism
    official: str
    official_unit: str
    enterprise_code: str
    enterprise_name: str
    visits_per_month: int
    start: date
    ended_on: date | None
    visits: list[VisitSummary]
    established_at: datetime
    updated_at: datetime
    version: int


def summarise(pairing: Pairing) -> PairingSummary:
    return PairingSummary(
        id=pairing.id,
        mechanism=pairing.mechanism,
        official=pairing.official,
        official_unit=pairing.official_unit,
        enterprise_code=pairing.enterprise_code,
        enterprise_name=pairing.enterprise_name,
        visits_per_month=pairing.visits_per_month,
        start=pairing.start,
        ended_on=pairing.ended_on,
        visits=[
            VisitSummary(
                number=number, visited_on=day, raised_issues=[UUID(i) for i in raised if i]
            )
            for number, day, raised in pairing.visits
        ],
        established_at=pairing.created_on,
        updated_at=pairing.modified_on,
        version=pairing.version,
    )


PAIRING_REGISTER = Register(
    "pairing_register",
    Pairing,
    PairingSummary,
    summarise,
    {
        "official": lambda p: p.official,
        "official_unit": lambda p: p.official_unit,
        "enterprise_code": lambda p: p.enterprise_code,
        "mechanism": lambda p: p.mechanism.value,
    },
    sort_key=lambda p: p.established_at.isoformat(),
)
