"""EnterpriseRegister: every enterprise of the register, its marks and the leaders who
contact it — what the enterprise lists and the coverage views read."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import msgspec

from domain.enterprise import Enterprise
from projections.register import Register


class ContactSummary(msgspec.Struct, kw_only=True):
    leader_id: UUID
    leader: str
    unit: str


class EnterpriseSummary(msgspec.Struct, kw_only=True):
    id: UUID
    credit_code: str
    name: str
    region_code: str
    sector: str
    above_scale: bool
    specialised: bool
    key: bool
    marks: str  # 规上、专精特新、重点企业, as a person reads them
    contacts: list[ContactSummary]
    registered_at: datetime
    updated_at: datetime
    version: int


def marks(above_scale: bool, specialised: bool, key: bool) -> str:
    named = (("规上", above_scale), ("专精特新", specialised), ("重点企业", key))
    return "、".join(name for name, on in named if on)


def summarise(enterprise: Enterprise) -> EnterpriseSummary:
    kind = enterprise.classification
    return EnterpriseSummary(
        id=enterprise.id,
        credit_code=enterprise.credit_code,
        name=enterprise.name,
        region_code=enterprise.region_code,
        sector=kind.sector,
        above_scale=kind.above_scale,
        specialised=kind.specialised,
        key=kind.key,
        marks=marks(kind.above_scale, kind.specialised, kind.key),
        contacts=[
            ContactSummary(leader_id=c.leader_id, leader=c.leader, unit=c.unit)
            for c in enterprise.contacts
        ],
        registered_at=enterprise.created_on,
        updated_at=enterprise.modified_on,
        version=enterprise.version,
    )


def _flag(on: bool) -> str:
    return "true" if on else "false"


ENTERPRISE_REGISTER = Register(
    "enterprise_register",
    Enterprise,
    EnterpriseSummary,
    summarise,
    {
        "credit_code": lambda e: e.credit_code,
        "sector": lambda e: e.sector,
        "region_code": lambda e: e.region_code,
        "key_enterprise": lambda e: _flag(e.key),
        "above_scale": lambda e: _flag(e.above_scale),
        "specialised": lambda e: _flag(e.specialised),
    },
    sort_key=lambda e: e.credit_code,
    unindexed=("key_enterprise", "above_scale", "specialised"),
)
