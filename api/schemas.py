"""The request and response types every controller shares: bounded text and numbers, paging
parameters, and the base of every request body (it refuses fields it does not know).

Every text type refuses control characters but tab and newline, and lone surrogates — the
domain's text rule (domain.values.require_storable), stated in the schema so a client sees it;
a body breaking it answers 422 ``control-character-in-text`` naming the field."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec
from litestar.params import QueryParameter

# written with \u escapes, which both Python's and ECMAScript's regular expressions read
STORABLE = r"^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff]*$"


def text(max_length: int, description: str | None = None) -> msgspec.Meta:
    """The constraints of a text field: its length, and no control characters."""
    return msgspec.Meta(max_length=max_length, pattern=STORABLE, description=description)


Text = Annotated[str, text(4000)]
Name = Annotated[str, text(200)]
CreditCode = Annotated[str, text(18, "unified social credit code, 18 characters")]
RegionCode = Annotated[str, text(6, "GB/T 2260 region code")]
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
AsOf = Annotated[
    datetime | None,
    QueryParameter(
        description="answer as recorded at this moment: a date-time with offset or Z; "
        "a date (the start of that day, Asia/Shanghai) or a date-time without offset "
        "(Shanghai time) is taken too"
    ),
]


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
