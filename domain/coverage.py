"""The coverage rules: who is linked to which enterprises, checked over the whole register.

- Every city leader contacts at least one key enterprise (seed 002: 市、县(区)政府领导每人联系
  一家以上重点企业).
- Each industry has at least ten enterprises served one-to-one by a department head (seed 000:
  每个生态产业原则上要确定不少于10家 … 由厅局长对口服务帮扶): an enterprise of the register
  counts for its sector when an open 厅局长 pairing of a department head serves it.

The rules take plain facts (who, which enterprise, which sector) and say who falls short; the
read side gathers the facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.errors import InvalidCoverageMinimumError

ENTERPRISES_PER_INDUSTRY = 10


@dataclass(frozen=True)
class Leader:
    id: str
    name: str
    unit: str
    title: str


@dataclass(frozen=True)
class RegisteredEnterprise:
    credit_code: str
    name: str
    sector: str
    key: bool
    leader_ids: frozenset[str] = frozenset()  # the leaders linked to it


@dataclass(frozen=True)
class LeaderCoverage:
    leader: Leader
    key_enterprises: list[str]  # names, in the register's order

    @property
    def met(self) -> bool:
        return bool(self.key_enterprises)


@dataclass(frozen=True)
class IndustryCoverage:
    sector: str
    minimum: int
    served: list[str]  # enterprises a department head serves, by name
    unserved: list[str] = field(default_factory=list)  # the sector's others

    @property
    def shortfall(self) -> int:
        return max(0, self.minimum - len(self.served))

    @property
    def met(self) -> bool:
        return self.shortfall == 0


def leader_coverage(
    leaders: Iterable[Leader], enterprises: Iterable[RegisteredEnterprise]
) -> list[LeaderCoverage]:
    """Each leader with the key enterprises they contact; those with none fall short."""
    key = [e for e in enterprises if e.key]
    return [
        LeaderCoverage(leader, [e.name for e in key if leader.id in e.leader_ids])
        for leader in leaders
    ]


def industry_coverage(
    enterprises: Iterable[RegisteredEnterprise],
    served_codes: Iterable[str],
    minimum: int = ENTERPRISES_PER_INDUSTRY,
) -> list[IndustryCoverage]:
    """Each sector of the register, by name, with the enterprises a department head serves
    (``served_codes``: the credit codes of enterprises in an open head's pairing)."""
    if minimum < 1:
        raise InvalidCoverageMinimumError(f"an industry needs at least 1 enterprise, not {minimum}")
    served = set(served_codes)
    sectors: dict[str, IndustryCoverage] = {}
    for e in enterprises:
        row = sectors.setdefault(e.sector, IndustryCoverage(e.sector, minimum, []))
        (row.served if e.credit_code in served else row.unserved).append(e.name)
    return [sectors[sector] for sector in sorted(sectors)]
