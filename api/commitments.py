"""Commitment request structs and the calls every holder's routes share."""

from __future__ import annotations

from datetime import date
from typing import Annotated, TypeVar
from uuid import UUID

import msgspec

from application.context import CommandContext
from bootstrap.services import Services
from domain.commitments import CommitmentHolder
from domain.errors import NotFoundError

H = TypeVar("H", bound=CommitmentHolder)


class MakeCommitment(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    what: Annotated[str, msgspec.Meta(max_length=4000)]
    to_whom: Annotated[str, msgspec.Meta(max_length=200)]
    due_date: date
    business_date: date | None = None


class KeepCommitment(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    business_date: date | None = None


class BreakCommitment(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(max_length=4000)]
    business_date: date | None = None


class CommitmentMade(msgspec.Struct, kw_only=True):
    holder_id: UUID
    number: int


def make(
    services: Services,
    command: CommandContext,
    holder: type[CommitmentHolder],
    holder_id: UUID,
    not_found: type[NotFoundError],
    data: MakeCommitment,
) -> CommitmentMade:
    number = services.office.make_commitment(
        command,
        holder,
        holder_id,
        not_found,
        what=data.what,
        to_whom=data.to_whom,
        due_date=data.due_date,
        business_date=data.business_date,
    )
    return CommitmentMade(holder_id=holder_id, number=number)


def keep(
    services: Services,
    command: CommandContext,
    holder: type[H],
    holder_id: UUID,
    not_found: type[NotFoundError],
    number: int,
    data: KeepCommitment,
) -> H:
    return services.office.keep_commitment(
        command, holder, holder_id, not_found, number=number, business_date=data.business_date
    )


def break_(
    services: Services,
    command: CommandContext,
    holder: type[H],
    holder_id: UUID,
    not_found: type[NotFoundError],
    number: int,
    data: BreakCommitment,
) -> H:
    return services.office.break_commitment(
        command,
        holder,
        holder_id,
        not_found,
        number=number,
        reason=data.reason,
        business_date=data.business_date,
    )
