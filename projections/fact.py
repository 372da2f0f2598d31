"""One accountability fact: what an event counts for (projections/fact_rules.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Fact:
    kind: str
    unit: str
    official: str
    day: date
    value: float | None = None
    detail: str = ""
