"""VetoExemption (情况说明): the supervision office excuses a unit's failure of one required
mechanism in one period — a consultation meeting cancelled for a flood emergency, say — with
a reason and an approver, so the one-vote veto does not count that period against the unit;
the verdict shows the exemption beside the failure it excuses.

Lifecycle: granted for a unit, a requirement of the year's assessment scheme and one of its
periods (a month 2026-08, a quarter 2026-Q3 or a half-year 2026-H1) → revoked, with a reason
→ granted again. One record per unit, requirement and period: its id follows from the three.
"""

from __future__ import annotations

import re
from uuid import UUID, uuid5

from domain.access import Answerable
from domain.assessment import Approval, require_other_approver
from domain.assessment_scheme import Requirement, RequirementKind
from domain.base import DubanAggregate
from domain.errors import (
    InvalidPeriodError,
    RequirementNotBindingError,
    VetoExemptionAlreadyGrantedError,
    VetoExemptionNotFoundError,
    VetoExemptionNotGrantedError,
)
from domain.values import Envelope, require_reason, require_text

_NAMESPACE = UUID("a4e2b7c9-51d3-5f08-9b6a-2c7d8e1f0a35")
MONTH, QUARTER, HALF = r"(0[1-9]|1[0-2])", r"Q[1-4]", r"H[12]"


def require_exempted_period(requirement: Requirement, period: str, year: int) -> str:
    """A period of the requirement's own rhythm in the scheme's year: a month for monthly
    sessions and visits, a quarter for quarterly sessions, a half-year for briefing progress."""
    if requirement.kind is RequirementKind.BRIEFING_PROGRESS:
        part, example = HALF, f"{year}-H1"
    elif requirement.kind is RequirementKind.PAIRING_VISITS or requirement.cadence == "monthly":
        part, example = MONTH, f"{year}-08"
    else:
        part, example = QUARTER, f"{year}-Q3"
    if not re.fullmatch(rf"{year}-{part}", period):
        raise InvalidPeriodError(
            f"{requirement.name} is judged by periods such as {example}, not {period!r}"
        )
    return period


class VetoExemption(DubanAggregate):
    not_found = VetoExemptionNotFoundError

    class Granted(DubanAggregate.Created):
        exempt_unit_id: UUID
        exempt_unit: str
        requirement: str
        period: str
        document: str  # the written explanation (情况说明) it rests on
        approver_id: UUID
        approver: str

    class Revoked(DubanAggregate.Event):
        def apply(self, exemption: VetoExemption) -> None:
            exemption.granted = False

    class GrantedAgain(DubanAggregate.Event):
        document: str
        approver_id: UUID
        approver: str

        def apply(self, exemption: VetoExemption) -> None:
            exemption.granted = True
            exemption.document = self.document

    def __init__(
        self,
        *,
        exempt_unit_id: UUID,
        exempt_unit: str,
        requirement: str,
        period: str,
        document: str,
        approver_id: UUID,
        approver: str,
    ) -> None:
        self.unit_id = exempt_unit_id
        self.unit = exempt_unit
        self.requirement = requirement
        self.period = period
        self.document = document
        self.granted = True

    @staticmethod
    def id_for(unit_id: UUID, requirement: str, period: str) -> UUID:
        return uuid5(_NAMESPACE, f"{unit_id}:{requirement}:{period}")

    @classmethod
    def grant(
        cls,
        envelope: Envelope,
        *,
        unit_id: UUID,
        unit: str,
        requirement: Requirement,
        year: int,
        period: str,
        document: str,
        approver: Approval,
    ) -> VetoExemption:
        require_reason(envelope, "an exemption")
        require_other_approver(envelope, approver)
        if not requirement.binds(unit):
            raise RequirementNotBindingError(f"{requirement.name} does not bind {unit}")
        return cls._start(
            cls.Granted,
            id=cls.id_for(unit_id, requirement.id, period),
            envelope=envelope,
            exempt_unit_id=unit_id,
            exempt_unit=unit,
            requirement=requirement.id,
            period=require_exempted_period(requirement, period, year),
            document=require_text(document, "the written explanation (情况说明)"),
            approver_id=approver.official_id,
            approver=approver.name,
        )

    def grant_again(self, envelope: Envelope, *, document: str, approver: Approval) -> None:
        if self.granted:
            raise VetoExemptionAlreadyGrantedError(
                f"{self.unit} is already exempted from {self.requirement} for {self.period}"
            )
        require_reason(envelope, "an exemption")
        require_other_approver(envelope, approver)
        self._record(
            self.GrantedAgain,
            envelope,
            document=require_text(document, "the written explanation (情况说明)"),
            approver_id=approver.official_id,
            approver=approver.name,
        )

    def revoke(self, envelope: Envelope) -> None:
        if not self.granted:
            raise VetoExemptionNotGrantedError(f"the exemption of {self.unit} stands revoked")
        require_reason(envelope, "a revocation")
        self._record(self.Revoked, envelope)

    def answerable(self) -> Answerable:
        return Answerable.of(units=[self.recorded_by_unit, self.unit])
