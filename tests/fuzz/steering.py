"""Steering the fuzz run past the first rule, so it goes deep: generated bodies get a valid
credit code, a region code in force, dates the office records and an investment above the
reserve floor, units and officials of the directory, and half of the path ids name an
aggregate the run created earlier, and each command gets a fresh idempotency key (the
coverage phase's boundary cases are left as they are). What is left random is everything
else: every text field (NUL and control characters too, in negative mode), every number,
enum and optional field, and the order commands arrive in."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import schemathesis
from hypothesis import strategies as st

from demo.data import credit_code

CODES = [credit_code(n) for n in range(1, 6)]
REGIONS = ["510802", "510800", "110101", "650000"]
DATES = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 6, 30)).map(date.isoformat)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE_FIELDS = {"enterprise_code", "reviewer_code"}
# path parameter → the collection whose 201 answers hold such ids
_COLLECTIONS = {
    "issue_id": "/issues",
    "project_id": "/projects",
    "pairing_id": "/pairings",
    "series_id": "/session-series",
    "match_id": "/financing-matches",
    "review_id": "/reviews",
    "official_id": "/directory/officials",
}
_UNIT_FIELDS = {"unit_id", "parent_id"}


@dataclass
class Known:
    """What one store's run knows: its directory's units and officials (unit_id, official_id,
    … in bodies), and the ids its creating commands answered with, by collection."""

    units: list[str] = field(default_factory=list)
    officials: list[str] = field(default_factory=list)
    created: defaultdict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


KNOWN: dict[int, Known] = {}  # by the id of the store's schema object


def known(schema: object) -> Known:
    return KNOWN.setdefault(id(schema), Known())


def remember(schema: object, path: str, body: Any) -> None:
    """Note the id a creating command answered with, under its collection."""
    if isinstance(body, dict) and isinstance(body.get("id"), str):
        known(schema).created[path].append(body["id"])


@st.composite
def _steered(draw: st.DrawFn, body: dict[str, Any], ids: Known) -> dict[str, Any]:
    fixed = dict(body)
    for key, value in body.items():
        if key in _CODE_FIELDS:
            fixed[key] = draw(st.sampled_from(CODES))
        elif key == "region_code":
            fixed[key] = draw(st.sampled_from(REGIONS))
        elif key == "month":
            fixed[key] = draw(st.sampled_from(["2026-01", "2026-08", "2026-09"]))
        elif key == "week":
            fixed[key] = draw(st.sampled_from(["2026-W10", "2026-W39", "2026-W40"]))
        elif key == "quarter":
            fixed[key] = draw(st.sampled_from(["2026-Q1", "2026-Q3", "2026-Q4"]))
        elif key == "period":
            fixed[key] = draw(st.sampled_from(["2026-H1", "2026-H2"]))
        elif key in ("total_investment", "investment_to_date"):
            fixed[key] = draw(st.integers(10_000_000, 10**12))
        elif key == "project_id":
            fixed[key] = draw(st.sampled_from([None, *ids.created["/projects"][-20:]]))
        elif key == "aspects":
            fixed[key] = {}
        elif key in _UNIT_FIELDS and ids.units:
            fixed[key] = draw(st.sampled_from(ids.units))
        elif key.endswith("_id") and ids.officials:
            fixed[key] = draw(st.sampled_from(ids.officials))
        elif isinstance(value, str) and _DATE.match(value):
            fixed[key] = draw(DATES)
        elif isinstance(value, str) and not value.strip():
            fixed[key] = "示范" + value  # past blank-text, to the next rule
    return fixed


@schemathesis.hook
def flatmap_body(ctx: Any, body: Any) -> st.SearchStrategy[Any]:
    if not isinstance(body, dict):
        return st.just(body)
    return _steered(body, known(ctx.operation.schema))


@schemathesis.hook
def flatmap_path_parameters(ctx: Any, parameters: Any) -> st.SearchStrategy[Any]:
    if not isinstance(parameters, dict):
        return st.just(parameters)
    created = known(ctx.operation.schema).created
    choices = {}
    for name, value in parameters.items():
        ids = created.get(_COLLECTIONS.get(name, ""), [])
        choices[name] = st.sampled_from([value, *ids[-20:]]) if ids else st.just(value)
    return st.fixed_dictionaries(choices)


@schemathesis.hook
def flatmap_headers(ctx: Any, headers: Any) -> st.SearchStrategy[Any]:
    """A fresh idempotency key for each command: a generated one is reused across cases, and
    the API rightly refuses a key reused for another body (422) before anything else."""
    if not isinstance(headers, dict) or "Idempotency-Key" not in headers:
        return st.just(headers)
    return st.uuids().map(lambda key: {**headers, "Idempotency-Key": str(key)})
