"""The enterprise register (企业名录): the enterprises the coverage rules are checked over.

An Enterprise is registered once per unified social credit code (its id derives from the code,
so a second registration of the code is refused), with its name, sector (行业), region code and
three marks: above designated size (规上), specialised and sophisticated (专精特新) and key
enterprise (重点企业). It may be reclassified (sector or marks) when something changes.

Government leaders contact key enterprises directly (seed 002: 市、县政府负责同志直接分包联系1家以上
重点企业): a leader — an official of a government, not of a department — is linked to a key
enterprise and may be unlinked with a reason. Only a key enterprise takes a leader; an
enterprise with leaders linked stays a key enterprise until they are unlinked.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.access import Answerable
from domain.base import DubanAggregate
from domain.errors import (
    ClassificationUnchangedError,
    ContactAlreadyLinkedError,
    ContactNotLinkedError,
    ContactRequiresGovernmentLeaderError,
    ContactRequiresKeyEnterpriseError,
    EnterpriseNotFoundError,
    KeyEnterpriseHasContactsError,
)
from domain.posts import Placement
from domain.values import (
    Envelope,
    require_credit_code,
    require_reason,
    require_region_code,
    require_text,
)

_NAMESPACE = uuid5(NAMESPACE_URL, "duban:enterprise")


def enterprise_id(credit_code: str) -> UUID:
    """The register's id of the enterprise with this (valid) credit code."""
    return uuid5(_NAMESPACE, credit_code)


@dataclass(frozen=True)
class Classification:
    sector: str
    above_scale: bool  # 规模以上
    specialised: bool  # 专精特新
    key: bool  # 重点企业


@dataclass(frozen=True)
class Contact:
    leader_id: UUID
    leader: str
    unit: str


class Enterprise(DubanAggregate):
    not_found = EnterpriseNotFoundError

    class Registered(DubanAggregate.Created):
        credit_code: str
        name: str
        region_code: str
        sector: str
        above_scale: bool
        specialised: bool
        key: bool

    class Reclassified(DubanAggregate.Event):
        sector: str
        above_scale: bool
        specialised: bool
        key: bool

        def apply(self, enterprise: Enterprise) -> None:
            enterprise.classification = Classification(
                self.sector, self.above_scale, self.specialised, self.key
            )

    class LeaderLinked(DubanAggregate.Event):
        leader_id: UUID
        leader: str
        leader_unit_id: UUID
        leader_unit: str

        def apply(self, enterprise: Enterprise) -> None:
            enterprise.contacts.append(Contact(self.leader_id, self.leader, self.leader_unit))

    class LeaderUnlinked(DubanAggregate.Event):
        leader_id: UUID
        leader: str

        def apply(self, enterprise: Enterprise) -> None:
            enterprise.contacts = [c for c in enterprise.contacts if c.leader_id != self.leader_id]

    def __init__(
        self,
        *,
        credit_code: str,
        name: str,
        region_code: str,
        sector: str,
        above_scale: bool,
        specialised: bool,
        key: bool,
    ) -> None:
        self.credit_code = credit_code
        self.name = name
        self.region_code = region_code
        self.classification = Classification(sector, above_scale, specialised, key)
        self.contacts: list[Contact] = []

    @classmethod
    def register(
        cls,
        envelope: Envelope,
        *,
        credit_code: str,
        name: str,
        region_code: str,
        classification: Classification,
    ) -> Enterprise:
        code = require_credit_code(credit_code)
        kind = _checked(classification)
        return cls._start(
            cls.Registered,
            id=enterprise_id(code),
            envelope=envelope,
            credit_code=code,
            name=require_text(name, "enterprise name"),
            region_code=require_region_code(region_code),
            sector=kind.sector,
            above_scale=kind.above_scale,
            specialised=kind.specialised,
            key=kind.key,
        )

    def reclassify(self, envelope: Envelope, *, classification: Classification) -> None:
        kind = _checked(classification)
        if kind == self.classification:
            raise ClassificationUnchangedError(f"{self.name} is already so classified")
        if self.classification.key and not kind.key and self.contacts:
            leaders = "、".join(c.leader for c in self.contacts)
            raise KeyEnterpriseHasContactsError(
                f"{self.name} stays a key enterprise while leaders contact it: {leaders}"
            )
        self._record(
            self.Reclassified,
            envelope,
            sector=kind.sector,
            above_scale=kind.above_scale,
            specialised=kind.specialised,
            key=kind.key,
        )

    def link_leader(
        self, envelope: Envelope, *, leader_id: UUID, leader: str, placement: Placement
    ) -> None:
        if not self.classification.key:
            raise ContactRequiresKeyEnterpriseError(
                f"{self.name} is not a key enterprise: leaders contact key enterprises"
            )
        if placement.is_department:
            raise ContactRequiresGovernmentLeaderError(
                f"{leader} serves in a department ({placement.unit_name}), not a government"
            )
        if any(c.leader_id == leader_id for c in self.contacts):
            raise ContactAlreadyLinkedError(f"{leader} already contacts {self.name}")
        self._record(
            self.LeaderLinked,
            envelope,
            leader_id=leader_id,
            leader=leader,
            leader_unit_id=placement.unit_id,
            leader_unit=placement.unit_name,
        )

    def unlink_leader(self, envelope: Envelope, *, leader_id: UUID) -> None:
        require_reason(envelope, "unlinking a leader from an enterprise")
        found = [c for c in self.contacts if c.leader_id == leader_id]
        if not found:
            raise ContactNotLinkedError(f"official {leader_id} does not contact {self.name}")
        self._record(self.LeaderUnlinked, envelope, leader_id=leader_id, leader=found[0].leader)

    def answerable(self) -> Answerable:
        return Answerable.of(
            units=[self.recorded_by_unit, *(c.unit for c in self.contacts)],
            officials=[c.leader for c in self.contacts],
            enterprise=self.credit_code,
            region=self.region_code,
        )


def _checked(kind: Classification) -> Classification:
    return Classification(
        require_text(kind.sector, "sector").strip(), kind.above_scale, kind.specialised, kind.key
    )
