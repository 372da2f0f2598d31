"""The register of veto exemptions (情况说明): each unit's exemptions by requirement and
period, granted or revoked, for the reader's scope."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import msgspec

from domain.veto_exemption import VetoExemption
from projections.register import Register


class ExemptionSummary(msgspec.Struct, kw_only=True):
    id: UUID
    unit_id: UUID
    unit: str
    requirement: str
    period: str
    granted: bool  # False once revoked (until granted again)
    document: str
    granted_by: str | None
    updated_at: datetime
    version: int


def summarise_exemption(e: VetoExemption) -> ExemptionSummary:
    return ExemptionSummary(
        id=e.id,
        unit_id=e.unit_id,
        unit=e.unit,
        requirement=e.requirement,
        period=e.period,
        granted=e.granted,
        document=e.document,
        granted_by=e.recorded_by_unit,
        updated_at=e.modified_on,
        version=e.version,
    )


EXEMPTION_REGISTER = Register(
    "veto_exemption_register",
    VetoExemption,
    ExemptionSummary,
    summarise_exemption,
    {"unit": lambda e: e.unit, "year": lambda e: e.period[:4]},
    sort_key=lambda e: f"{e.period}:{e.unit}:{e.requirement}",
)
