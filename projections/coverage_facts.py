"""The facts the coverage queries check, read from the directory, the enterprise register and
the pairing register, held to what the reader's scope covers."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from domain.access import Scope
from domain.coverage import Leader, RegisteredEnterprise
from domain.directory import UnitLevel
from domain.pairing import PairingMechanism
from domain.posts import Placement, Rank, is_department_head
from infrastructure.view_store import Tx
from projections.enterprise_register import ENTERPRISE_REGISTER, EnterpriseSummary
from projections.pairing_register import PAIRING_REGISTER, PairingSummary

_ALL = 1_000_000  # the registers are read whole: a city's enterprises and pairings


class ViewCoverageFacts:
    def __init__(self, tx: Tx, scope: Scope) -> None:
        self.tx = tx
        self.scope = scope
        self._units = {
            row[0]: (str(row[1]), int(row[2]), row[3])
            for row in tx.fetchall("SELECT id, name, level, parent_id FROM directory_units")
        }

    def _covers(self, unit: str) -> bool:
        return self.scope.everything or unit in self.scope.units

    def _officials(self) -> list[tuple[Any, ...]]:
        return list(
            self.tx.fetchall(
                "SELECT o.id, o.name, o.title, o.rank, o.unit_id FROM directory_officials o"
                " ORDER BY o.unit_id, o.name"
            )
        )

    def _placement(self, unit_id: str) -> Placement:
        name, level, parent = self._units[unit_id]
        government = level
        while government == UnitLevel.DEPARTMENT and parent in self._units:
            _, government, parent = self._units[parent]
        return Placement(
            unit_id=UUID(unit_id),
            unit_name=name,
            is_department=level == UnitLevel.DEPARTMENT,
            government_level=min(government, int(UnitLevel.COUNTY)),
        )

    def city_leaders(self) -> list[Leader]:
        found = [
            Leader(str(o_id), str(name), self._units[unit_id][0], str(title))
            for o_id, name, title, _, unit_id in self._officials()
            if self._units[unit_id][1] == UnitLevel.CITY
        ]
        return sorted(
            (leader for leader in found if self._covers(leader.unit)),
            key=lambda leader: (leader.unit, leader.name),
        )

    def enterprises(self) -> list[RegisteredEnterprise]:
        rows: list[EnterpriseSummary] = ENTERPRISE_REGISTER.list(
            self.tx, {}, scope=self.scope, limit=_ALL, offset=0
        )
        return [
            RegisteredEnterprise(
                e.credit_code,
                e.name,
                e.sector,
                e.key,
                frozenset(str(c.leader_id) for c in e.contacts),
            )
            for e in rows
        ]

    def head_served_codes(self) -> list[str]:
        heads = {
            (str(name), self._units[unit_id][0])
            for _, name, title, rank, unit_id in self._officials()
            if is_department_head(
                self._placement(unit_id), str(title), Rank(rank) if rank else None
            )
        }
        pairings: list[PairingSummary] = PAIRING_REGISTER.list(
            self.tx,
            {"mechanism": PairingMechanism.DEPARTMENT_HEAD_ENTERPRISE.value},
            scope=Scope.all(),
            limit=_ALL,
            offset=0,
        )
        return sorted(
            {
                p.enterprise_code
                for p in pairings
                if p.ended_on is None and (p.official, p.official_unit) in heads
            }
        )
