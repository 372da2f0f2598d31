"""Steering the fuzz run past the first rule, so it goes deep: generated bodies get a valid
credit code, a region code in force, dates the office records and an investment above the
reserve floor, and half of the path ids name an aggregate the run created earlier (the
coverage phase's boundary cases are left as they are). What is left random is everything
else: every text field (NUL and control characters too, in negative mode), every number,
enum and optional field, and the order commands arrive in."""

from __future__ import annotations

import re
from collections import defaultdict
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
CREATED: defaultdict[str, list[str]] = defaultdict(list)


def remember(path: str, body: Any) -> None:
    """Note the id a creating command answered with, under its collection."""
    if isinstance(body, dict) and isinstance(body.get("id"), str):
        CREATED[path].append(body["id"])


@st.composite
def _steered(draw: st.DrawFn, body: dict[str, Any]) -> dict[str, Any]:
    fixed = dict(body)
    for key, value in body.items():
        if key in _CODE_FIELDS:
            fixed[key] = draw(st.sampled_from(CODES))
        elif key == "region_code":
            fixed[key] = draw(st.sampled_from(REGIONS))
        elif key == "month":
            fixed[key] = draw(st.sampled_from(["2026-01", "2026-08", "2026-09"]))
        elif key == "period":
            fixed[key] = draw(st.sampled_from(["2026-H1", "2026-H2"]))
        elif key in ("total_investment", "investment_to_date"):
            fixed[key] = draw(st.integers(10_000_000, 10**12))
        elif key == "project_id":
            fixed[key] = draw(st.sampled_from([None, *CREATED["/projects"][-20:]]))
        elif key == "aspects":
            fixed[key] = {}
        elif isinstance(value, str) and _DATE.match(value):
            fixed[key] = draw(DATES)
        elif isinstance(value, str) and not value.strip():
            fixed[key] = "示范" + value  # past blank-text, to the next rule
    return fixed


@schemathesis.hook
def flatmap_body(ctx: Any, body: Any) -> st.SearchStrategy[Any]:
    if not isinstance(body, dict):
        return st.just(body)
    return _steered(body)


@schemathesis.hook
def flatmap_path_parameters(ctx: Any, parameters: Any) -> st.SearchStrategy[Any]:
    if not isinstance(parameters, dict):
        return st.just(parameters)
    choices = {}
    for name, value in parameters.items():
        known = CREATED.get(_COLLECTIONS.get(name, ""), [])
        choices[name] = st.sampled_from([value, *known[-20:]]) if known else st.just(value)
    return st.fixed_dictionaries(choices)
