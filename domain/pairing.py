"""Pairing (结对帮扶): an official paired one-to-one with an enterprise under a mechanism.

Lifecycle: established (mechanism, official and unit, enterprise, cadence of at least N service
visits a month, start day) → visits logged, numbered from 1, each with its business date
(not in the future, not before the start), form, people met and findings; a finding may raise
an Issue, and the visit records which → the official may be reassigned (never to the same
person; history is the events) → ended with a reason, after which nothing changes. The pairing
owes its visits month by month: the earliest month from the start that has neither enough
visits nor a recorded miss is its open deadline, due at the month's end.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.access import Answerable, region_of_credit_code
from domain.base import DubanAggregate
from domain.deadlines import Deadline
from domain.errors import (
    InvalidCadenceError,
    OfficialUnchangedError,
    PairingEndedError,
    PairingNotFoundError,
    VisitOutsidePairingError,
)
from domain.periods import Cadence, next_period, period_end, period_of
from domain.values import (
    Envelope,
    check_business_date,
    require_credit_code,
    require_reason,
    require_text,
)


class PairingMechanism(StrEnum):
    DEPARTMENT_HEAD_ENTERPRISE = "department_head_enterprise"  # 厅局长 ↔ 企业
    LEADER_KEY_ENTERPRISE = "leader_key_enterprise"  # 领导 ↔ 重点企业
    ONE_ENTERPRISE_ONE_DEPARTMENT = "one_enterprise_one_department"  # 投产后一企一部门


class Pairing(DubanAggregate):
    not_found = PairingNotFoundError
    state_version = 2  # 2: the official's directory id

    class Established(DubanAggregate.Created):
        class_version = 2  # 2: the directory ids of the official and their unit
        mechanism: str
        official: str
        official_unit: str
        enterprise_code: str
        enterprise_name: str
        visits_per_month: int
        start: date
        official_id: UUID | None
        official_unit_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["official_id"] = None
            state["official_unit_id"] = None

    class VisitLogged(DubanAggregate.Event):
        number: int
        visited_on: date
        form: str
        people_met: list[str]
        findings: list[str]
        raised_issues: list[str]  # issue id per finding, "" where a finding raised none

        def apply(self, pairing: Pairing) -> None:
            pairing.visits.append((self.number, self.visited_on, list(self.raised_issues)))

    class OfficialReassigned(DubanAggregate.Event):
        class_version = 2  # 2: the directory ids of the official and their unit
        official: str
        official_unit: str
        official_id: UUID | None
        official_unit_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["official_id"] = None
            state["official_unit_id"] = None

        def apply(self, pairing: Pairing) -> None:
            pairing.official = self.official
            pairing.official_unit = self.official_unit
            pairing.official_id = self.official_id

    class Ended(DubanAggregate.Event):
        ended_on: date

        def apply(self, pairing: Pairing) -> None:
            pairing.ended_on = self.ended_on

    def __init__(
        self,
        *,
        mechanism: str,
        official: str,
        official_unit: str,
        enterprise_code: str,
        enterprise_name: str,
        visits_per_month: int,
        start: date,
        official_id: UUID | None = None,
    ) -> None:
        self.mechanism = PairingMechanism(mechanism)
        self.official = official
        self.official_id = official_id
        self.official_unit = official_unit
        self.enterprise_code = enterprise_code
        self.enterprise_name = enterprise_name
        self.visits_per_month = visits_per_month
        self.start = start
        self.visits: list[tuple[int, date, list[str]]] = []
        self.ended_on: date | None = None

    @classmethod
    def establish(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        mechanism: PairingMechanism,
        official: str,
        official_unit: str,
        enterprise_code: str,
        enterprise_name: str,
        start: date,
        visits_per_month: int = 1,
        official_id: UUID | None = None,
        official_unit_id: UUID | None = None,
    ) -> Pairing:
        if not 1 <= visits_per_month <= 31:
            raise InvalidCadenceError(
                f"a pairing needs 1 to 31 visits a month, not {visits_per_month}"
            )
        return cls._start(
            cls.Established,
            id=id,
            envelope=envelope,
            mechanism=mechanism.value,
            official=require_text(official, "official"),
            official_unit=require_text(official_unit, "official's unit"),
            official_id=official_id,
            official_unit_id=official_unit_id,
            enterprise_code=require_credit_code(enterprise_code),
            enterprise_name=require_text(enterprise_name, "enterprise name"),
            visits_per_month=visits_per_month,
            start=start,
        )

    def _check_open(self) -> None:
        if self.ended_on is not None:
            raise PairingEndedError(f"pairing {self.id} ended on {self.ended_on}")

    def log_visit(
        self,
        envelope: Envelope,
        *,
        form: str,
        people_met: list[str],
        findings: list[str],
        raised_issues: list[str],
    ) -> int:
        """Log a visit; ``raised_issues`` names the issue each finding raised ("" for none)."""
        self._check_open()
        check_business_date(envelope)
        if envelope.effective_date < self.start:
            raise VisitOutsidePairingError(
                f"a visit on {envelope.effective_date} precedes the pairing's start {self.start}"
            )
        if len(raised_issues) != len(findings):
            raise VisitOutsidePairingError("each finding needs its raised issue or an empty one")
        number = len(self.visits) + 1
        self._record(
            self.VisitLogged,
            envelope,
            number=number,
            visited_on=envelope.effective_date,
            form=require_text(form, "visit form"),
            people_met=[require_text(p, "person met") for p in people_met],
            findings=[require_text(f, "finding") for f in findings],
            raised_issues=list(raised_issues),
        )
        return number

    def reassign_official(
        self,
        envelope: Envelope,
        *,
        official: str,
        official_unit: str,
        official_id: UUID | None = None,
        official_unit_id: UUID | None = None,
    ) -> None:
        self._check_open()
        require_reason(envelope, "reassigning a pairing's official")
        official = require_text(official, "official")
        if official == self.official:
            raise OfficialUnchangedError(f"{official} already serves this pairing")
        self._record(
            self.OfficialReassigned,
            envelope,
            official=official,
            official_unit=require_text(official_unit, "official's unit"),
            official_id=official_id,
            official_unit_id=official_unit_id,
        )

    def end(self, envelope: Envelope) -> None:
        self._check_open()
        require_reason(envelope, "ending a pairing")
        check_business_date(envelope)
        self._record(self.Ended, envelope, ended_on=envelope.effective_date)

    def visits_in(self, month: str) -> int:
        return sum(1 for _, day, _ in self.visits if period_of(day, Cadence.MONTHLY) == month)

    def answerable(self) -> Answerable:
        return Answerable.of(
            units=[self.recorded_by_unit, self.official_unit],
            officials=[self.official],
            enterprise=self.enterprise_code,
            region=region_of_credit_code(self.enterprise_code),
        )

    def open_deadlines(self) -> list[Deadline]:
        if self.ended_on is not None:
            return []
        month = period_of(self.start, Cadence.MONTHLY)
        missed = {m.key for m in self.missed_deadlines.values()}
        while self.visits_in(month) >= self.visits_per_month or f"visit:{month}" in missed:
            month = next_period(month, Cadence.MONTHLY)
        due = period_end(month, Cadence.MONTHLY)
        what = f"{self.visits_per_month} service visit(s) in {month}"
        return [Deadline(f"visit:{month}", what, due, f"{self.official_unit} {self.official}")]
