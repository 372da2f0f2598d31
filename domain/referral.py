"""Referral (移交纪检监察): a unit or an official whose perfunctory work, buck-passing or
dereliction caused harm, referred to the discipline inspection and supervision organs for
investigation (移交纪检监察机关调查处理).

Lifecycle: referred — naming the unit, the official or both (as the directory names them),
the facts, the evidence (positions of events in the audit log, which must exist), the
receiving organ and, where it follows one, the summons → the organ's disposition recorded,
once. A referral is the record of the office's act; it never changes, and the disposition is
an event of its own.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.access import Answerable
from domain.base import DubanAggregate
from domain.directory import Person
from domain.errors import (
    EvidenceNotInLogError,
    ReferralNotFoundError,
    ReferralOutcomeAlreadyRecordedError,
    ReferralPartyRequiredError,
)
from domain.values import Envelope, check_business_date, require_text


class ReferralStatus(StrEnum):
    REFERRED = "referred"  # with the organ, no disposition yet
    CONCLUDED = "concluded"  # the organ's disposition is recorded


class Referral(DubanAggregate):
    not_found = ReferralNotFoundError

    class Referred(DubanAggregate.Created):
        unit_id: UUID | None
        unit_name: str | None
        official_id: UUID | None
        official_name: str | None
        official_unit: str | None
        facts: str
        evidence: list[int]  # positions in the audit log
        organ: str
        summons_id: UUID | None

    class OutcomeRecorded(DubanAggregate.Event):
        disposition: str
        concluded_on: date

        def apply(self, referral: Referral) -> None:
            referral.status = ReferralStatus.CONCLUDED
            referral.disposition, referral.concluded_on = self.disposition, self.concluded_on

    def __init__(
        self,
        *,
        unit_id: UUID | None,
        unit_name: str | None,
        official_id: UUID | None,
        official_name: str | None,
        official_unit: str | None,
        facts: str,
        evidence: list[int],
        organ: str,
        summons_id: UUID | None,
    ) -> None:
        self.unit_id, self.unit_name = unit_id, unit_name
        self.official_id, self.official_name = official_id, official_name
        self.official_unit = official_unit
        self.facts = facts
        self.evidence = list(evidence)
        self.organ = organ
        self.summons_id = summons_id
        self.status = ReferralStatus.REFERRED
        self.disposition: str | None = None
        self.concluded_on: date | None = None

    @classmethod
    def refer(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        unit: tuple[UUID, str] | None,
        official: Person | None,
        facts: str,
        evidence: list[int],
        log_head: int,
        organ: str,
        summons_id: UUID | None = None,
    ) -> Referral:
        """``unit``: the referred unit's directory id and name; ``log_head``: the audit log's
        last position, past which no evidence can lie."""
        if unit is None and official is None:
            raise ReferralPartyRequiredError("a referral names the unit, the official or both")
        return cls._start(
            cls.Referred,
            id=id,
            envelope=envelope,
            unit_id=unit[0] if unit else None,
            unit_name=unit[1] if unit else None,
            official_id=official.id if official else None,
            official_name=official.name if official else None,
            official_unit=official.unit if official else None,
            facts=require_text(facts, "facts"),
            evidence=_evidence(evidence, log_head),
            organ=require_text(organ, "receiving organ"),
            summons_id=summons_id,
        )

    def record_outcome(self, envelope: Envelope, *, disposition: str) -> None:
        """The organ's disposition (处理结果), on the envelope's business day; recorded once."""
        if self.status is ReferralStatus.CONCLUDED:
            raise ReferralOutcomeAlreadyRecordedError(
                f"the disposition of referral {self.id} was recorded on {self.concluded_on}"
            )
        check_business_date(envelope)
        self._record(
            self.OutcomeRecorded,
            envelope,
            disposition=require_text(disposition, "disposition"),
            concluded_on=envelope.effective_date,
        )

    @property
    def answering_unit(self) -> str | None:
        return answering_unit(self.unit_name, self.official_unit)

    def answerable(self) -> Answerable:
        return Answerable.of(
            units=[self.unit_name, self.official_unit], officials=[self.official_name]
        )


def _evidence(positions: list[int], log_head: int) -> list[int]:
    seen: set[int] = set()
    for position in positions:
        if not 1 <= position <= log_head or position in seen:
            raise EvidenceNotInLogError(
                f"evidence {position} is not an event of the audit log (positions 1 to "
                f"{log_head}, each once)"
            )
        seen.add(position)
    return list(positions)


def answering_unit(unit_name: str | None, official_unit: str | None) -> str | None:
    """The unit a referral concerns: the unit named, else the official's unit."""
    return unit_name or official_unit
