"""Commitments (承诺): what government promised an enterprise, by whom, by when; kept or broken.

Any aggregate that can carry commitments (a project, an issue, later a session) derives from
``CommitmentHolder``. Commitments are numbered from 1 within their holder. A commitment is made
once and settled once: kept (with the day it was kept) or broken (with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from domain.base import DubanAggregate
from domain.deadlines import Deadline
from domain.errors import CommitmentAlreadyKeptError, CommitmentNotFoundError, DueDateInPastError
from domain.values import (
    Envelope,
    check_business_date,
    require_reason,
    require_text,
    shanghai_date,
)


@dataclass
class Commitment:
    number: int
    what: str
    to_whom: str
    made_by: str
    due_date: date
    made_on: date
    kept_on: date | None = None
    broken_on: date | None = None
    broken_reason: str | None = None
    unit: str = ""  # the unit of the official who made it

    @property
    def status(self) -> str:
        if self.kept_on is not None:
            return "kept"
        if self.broken_on is not None:
            return "broken"
        return "open"


class CommitmentHolder(DubanAggregate):
    if TYPE_CHECKING:  # set by each holder's __init__; a class annotation would make a dataclass
        commitments: dict[int, Commitment]

    class CommitmentMade(DubanAggregate.Event):
        number: int
        what: str
        to_whom: str
        due_date: date

        def apply(self, holder: CommitmentHolder) -> None:
            made_on = self.business_date or shanghai_date(self.timestamp)
            holder.commitments[self.number] = Commitment(
                self.number,
                self.what,
                self.to_whom,
                self.actor,
                self.due_date,
                made_on,
                unit=self.unit,
            )

    class CommitmentKept(DubanAggregate.Event):
        number: int
        kept_on: date

        def apply(self, holder: CommitmentHolder) -> None:
            holder.commitments[self.number].kept_on = self.kept_on

    class CommitmentBroken(DubanAggregate.Event):
        number: int

        def apply(self, holder: CommitmentHolder) -> None:
            commitment = holder.commitments[self.number]
            commitment.broken_on = self.business_date or shanghai_date(self.timestamp)
            commitment.broken_reason = self.reason

    def _check_can_change(self) -> None:
        """Holders that close (a cancelled project, a closed-out issue) refuse here."""

    def commitment_deadlines(self) -> list[Deadline]:
        return [
            Deadline(
                f"commitment:{c.number}", f"commitment {c.number}: {c.what}", c.due_date, c.made_by
            )
            for c in self.commitments.values()
            if c.status == "open"
        ]

    def open_deadlines(self) -> list[Deadline]:
        return self.commitment_deadlines()

    def make_commitment(
        self, envelope: Envelope, *, what: str, to_whom: str, due_date: date
    ) -> int:
        self._check_can_change()
        check_business_date(envelope)
        if due_date < envelope.effective_date:
            raise DueDateInPastError(f"due date {due_date} is before the day it was promised")
        number = len(self.commitments) + 1
        self._record(
            self.CommitmentMade,
            envelope,
            number=number,
            what=require_text(what, "what was promised"),
            to_whom=require_text(to_whom, "to whom it was promised"),
            due_date=due_date,
        )
        return number

    def keep_commitment(self, envelope: Envelope, *, number: int) -> None:
        check_business_date(envelope)
        self._open_commitment(number)
        self.meet_deadline(envelope, key=f"commitment:{number}")
        self._record(self.CommitmentKept, envelope, number=number, kept_on=envelope.effective_date)

    def break_commitment(self, envelope: Envelope, *, number: int) -> None:
        check_business_date(envelope)
        require_reason(envelope, "declaring a commitment broken")
        self._open_commitment(number)
        self._record(self.CommitmentBroken, envelope, number=number)

    def _open_commitment(self, number: int) -> Commitment:
        commitment = self.commitments.get(number)
        if commitment is None:
            raise CommitmentNotFoundError(f"no commitment number {number} on {self.id}")
        if commitment.status != "open":
            raise CommitmentAlreadyKeptError(f"commitment {number} is already {commitment.status}")
        return commitment
