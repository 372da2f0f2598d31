"""FinancingRegister: every financing need and where its matching stands."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from domain.financing_match import FinancingMatch, FinancingStatus
from projections.register import Register


class FinancingSummary(msgspec.Struct, kw_only=True):
    id: UUID
    enterprise_code: str
    enterprise_name: str
    project_id: UUID | None
    amount: int
    purpose: str
    term_months: int
    status: FinancingStatus
    bank: str | None
    bank_head: str | None
    feedback_due: date | None
    approved: int
    disbursed: int
    bridge_outstanding: int
    bridge_due: date | None
    registered_at: datetime
    updated_at: datetime
    version: int


def summarise(match: FinancingMatch) -> FinancingSummary:
    return FinancingSummary(
        id=match.id,
        enterprise_code=match.enterprise_code,
        enterprise_name=match.enterprise_name,
        project_id=match.project_id,
        amount=match.amount,
        purpose=match.purpose,
        term_months=match.term_months,
        status=match.status,
        bank=match.bank,
        bank_head=match.bank_head,
        feedback_due=match.feedback_due,
        approved=match.approved,
        disbursed=match.disbursed,
        bridge_outstanding=match.bridge_outstanding,
        bridge_due=match.bridge_due,
        registered_at=match.created_on,
        updated_at=match.modified_on,
        version=match.version,
    )


FINANCING_REGISTER = Register(
    "financing_register",
    FinancingMatch,
    FinancingSummary,
    summarise,
    {
        "status": lambda m: m.status.value,
        "bank": lambda m: m.bank,
        "enterprise_code": lambda m: m.enterprise_code,
        "project_id": lambda m: str(m.project_id) if m.project_id else None,
    },
    sort_key=lambda m: m.registered_at.isoformat(),
)
