"""The request and response types every controller shares: bounded text and numbers, paging
parameters, and the base of every request body (it refuses fields it does not know)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from litestar.params import QueryParameter

Text = Annotated[str, msgspec.Meta(max_length=4000)]
Name = Annotated[str, msgspec.Meta(max_length=200)]
CreditCode = Annotated[
    str, msgspec.Meta(max_length=18, description="unified social credit code, 18 characters")
]
RegionCode = Annotated[str, msgspec.Meta(max_length=6, description="GB/T 2260 region code")]
Days = Annotated[int, msgspec.Meta(ge=1, le=3660)]
Investment = Annotated[int, msgspec.Meta(ge=0, le=10**15, description="whole yuan")]

Limit = Annotated[int, QueryParameter(ge=1, le=200, description="page size, at most 200")]
Offset = Annotated[int, QueryParameter(ge=0, le=10_000_000)]
PageSize = Annotated[int, QueryParameter(ge=1, le=500, description="items per page, at most 500")]
Period = Annotated[
    str,
    QueryParameter(
        description="a year 2026, a half-year 2026-H1, a quarter 2026-Q3, a month 2026-09"
    ),
]
AsOf = Annotated[datetime | None, QueryParameter(description="answer as recorded at this moment")]


class Body(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A request body: a field it does not declare is refused, not ignored. (Subclasses
    declare their required fields first: keyword-only is not inherited.)"""


class Reason(Body):
    reason: Text


class OptionalReason(Body):
    reason: Text | None = None


class Registered(msgspec.Struct, kw_only=True):
    id: UUID
    version: int
