"""The coverage queries: each rule of domain/coverage.py over the facts the read side
gathers (who the city leaders and department heads are, the register, the pairings)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.coverage import (
    ENTERPRISES_PER_INDUSTRY,
    IndustryCoverage,
    Leader,
    LeaderCoverage,
    RegisteredEnterprise,
    industry_coverage,
    leader_coverage,
)


class CoverageFacts(Protocol):
    def city_leaders(self) -> Sequence[Leader]:
        """The officials of city governments, by unit and name."""

    def enterprises(self) -> Sequence[RegisteredEnterprise]:
        """The enterprise register, by credit code."""

    def head_served_codes(self) -> Sequence[str]:
        """The credit codes of enterprises in an open 厅局长 pairing of a department head."""


def leaders_coverage(facts: CoverageFacts) -> list[LeaderCoverage]:
    return leader_coverage(facts.city_leaders(), facts.enterprises())


def industries_coverage(
    facts: CoverageFacts, minimum: int = ENTERPRISES_PER_INDUSTRY
) -> list[IndustryCoverage]:
    return industry_coverage(facts.enterprises(), facts.head_served_codes(), minimum)
