"""``as_of`` as people type it: a date (the start of that day in Asia/Shanghai), a date-time
with an offset or ``Z``, or one without (read as Shanghai time) — and the ``+08:00`` of an
offset that an unencoded URL turned into a space (``+`` means a space in a query string),
put back. What is still not a moment answers 400 ``malformed-request`` naming ``as_of``."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import quote, unquote_plus

NAMES = {"as_of"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2})(:\d{2}(?:\.\d{1,6})?)?(.*)")
_SPACED_OFFSET = re.compile(r" (\d{2}:?\d{2})")  # "+08:00" after a query decoded "+" as " "
SHANGHAI = "+08:00"


def moment_text(value: str) -> str:
    """The ISO 8601 date-time with offset a value means, or the value as it came (which the
    query's parsing then refuses if it is no moment)."""
    spelled = _spelled_out(value)
    try:  # a moment before year 1 in UTC: no moment a record can hold
        datetime.fromisoformat(spelled).astimezone(UTC)
    except OverflowError:
        return f"out of range: {value}"
    except ValueError:
        return value
    return spelled


def _spelled_out(value: str) -> str:
    if _DATE.fullmatch(value):
        return f"{value}T00:00:00{SHANGHAI}"
    found = _DATE_TIME.fullmatch(value)
    if found is None:
        return value
    clock = found[1].replace(" ", "T", 1) + (found[2] or ":00")
    offset = found[3]
    if not offset:
        return clock + SHANGHAI
    spaced = _SPACED_OFFSET.fullmatch(offset)
    return clock + ("+" + spaced[1] if spaced else offset)


def with_moments(query: bytes) -> bytes:
    """The query string with each moment parameter spelled out; the rest byte for byte."""
    if b"as_of" not in query:
        return query
    parts = query.split(b"&")
    for index, part in enumerate(parts):
        name, equals, raw = part.partition(b"=")
        if equals and unquote_plus(name.decode("latin-1"), errors="replace") in NAMES:
            value = unquote_plus(raw.decode("latin-1"), encoding="utf-8", errors="replace")
            parts[index] = name + b"=" + quote(moment_text(value), safe=":-T").encode("ascii")
    return b"&".join(parts)
