"""FinancingMatch (银企对接): an enterprise's financing need matched with a bank.

Lifecycle: need registered (enterprise, optional project, amount in yuan, purpose, term) →
recommended to a bank and its named head → the bank's feedback, repeatedly: interested or
needs information (each with the due date of the next feedback), or declined with a reason,
which ends that bank's part until the need is recommended to another → credit approved
(amount, rate in basis points) → loans disbursed (never more in total than approved) →
closed (a reason is required unless money was disbursed). An emergency bridge loan (应急转贷)
can be granted once at a time (amount, due date) and repaid, never more than was granted.
While a bank owes feedback, its due date is an open deadline; so is an unpaid bridge loan's.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.access import Answerable, region_of_credit_code
from domain.base import DubanAggregate
from domain.deadlines import Deadline
from domain.errors import (
    BridgeLoanError,
    DisbursementExceedsCreditError,
    DueDateInPastError,
    FinancingMatchNotFoundError,
    IllegalFinancingStepError,
    InvalidAmountError,
)
from domain.values import (
    Envelope,
    check_business_date,
    require_credit_code,
    require_positive_amount,
    require_reason,
    require_text,
)


class FinancingStatus(StrEnum):
    REGISTERED = "registered"
    RECOMMENDED = "recommended"
    DECLINED = "declined"
    APPROVED = "approved"
    CLOSED = "closed"


class Feedback(StrEnum):
    INTERESTED = "interested"
    NEEDS_INFORMATION = "needs_information"
    DECLINED = "declined"


class FinancingMatch(DubanAggregate):
    not_found = FinancingMatchNotFoundError

    class NeedRegistered(DubanAggregate.Created):
        enterprise_code: str
        enterprise_name: str
        project_id: UUID | None
        amount: int
        purpose: str
        term_months: int

    class RecommendedToBank(DubanAggregate.Event):
        bank: str
        bank_head: str
        feedback_due: date

        def apply(self, match: FinancingMatch) -> None:
            match.status = FinancingStatus.RECOMMENDED
            match.bank, match.bank_head = self.bank, self.bank_head
            match.feedback_due = self.feedback_due

    class FeedbackRecorded(DubanAggregate.Event):
        feedback: str
        note: str
        next_feedback_due: date | None

        def apply(self, match: FinancingMatch) -> None:
            match.feedback_due = self.next_feedback_due
            if self.feedback == Feedback.DECLINED.value:
                match.status = FinancingStatus.DECLINED

    class CreditApproved(DubanAggregate.Event):
        amount: int
        rate_bp: int

        def apply(self, match: FinancingMatch) -> None:
            match.status, match.approved, match.feedback_due = (
                FinancingStatus.APPROVED,
                self.amount,
                None,
            )

    class LoanDisbursed(DubanAggregate.Event):
        amount: int

        def apply(self, match: FinancingMatch) -> None:
            match.disbursed += self.amount

    class Closed(DubanAggregate.Event):
        def apply(self, match: FinancingMatch) -> None:
            match.status, match.feedback_due = FinancingStatus.CLOSED, None

    class BridgeLoanGranted(DubanAggregate.Event):
        amount: int
        due_date: date

        def apply(self, match: FinancingMatch) -> None:
            match.bridge_outstanding, match.bridge_due = self.amount, self.due_date

    class BridgeLoanRepaid(DubanAggregate.Event):
        amount: int

        def apply(self, match: FinancingMatch) -> None:
            match.bridge_outstanding -= self.amount
            if match.bridge_outstanding == 0:
                match.bridge_due = None

    def __init__(
        self,
        *,
        enterprise_code: str,
        enterprise_name: str,
        project_id: UUID | None,
        amount: int,
        purpose: str,
        term_months: int,
    ) -> None:
        self.enterprise_code = enterprise_code
        self.enterprise_name = enterprise_name
        self.project_id = project_id
        self.amount = amount
        self.purpose = purpose
        self.term_months = term_months
        self.status = FinancingStatus.REGISTERED
        self.bank: str | None = None
        self.bank_head: str | None = None
        self.feedback_due: date | None = None
        self.approved = 0
        self.disbursed = 0
        self.bridge_outstanding = 0
        self.bridge_due: date | None = None

    @classmethod
    def register_need(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        enterprise_code: str,
        enterprise_name: str,
        amount: int,
        purpose: str,
        term_months: int,
        project_id: UUID | None = None,
    ) -> FinancingMatch:
        if not 1 <= term_months <= 600:
            raise InvalidAmountError(f"a term of {term_months} months is not plausible")
        return cls._start(
            cls.NeedRegistered,
            id=id,
            envelope=envelope,
            enterprise_code=require_credit_code(enterprise_code),
            enterprise_name=require_text(enterprise_name, "enterprise name"),
            project_id=project_id,
            amount=require_positive_amount(amount, "the amount needed"),
            purpose=require_text(purpose, "purpose"),
            term_months=term_months,
        )

    def _require(self, *allowed: FinancingStatus, doing: str) -> None:
        if self.status not in allowed:
            raise IllegalFinancingStepError(f"{doing} is refused: the need is {self.status}")

    def recommend(
        self, envelope: Envelope, *, bank: str, bank_head: str, feedback_due: date
    ) -> None:
        """Recommend the need to a bank, whose first feedback is due by ``feedback_due``."""
        self._require(FinancingStatus.REGISTERED, FinancingStatus.DECLINED, doing="recommending")
        if feedback_due < envelope.today:
            raise DueDateInPastError(f"feedback due {feedback_due} is before today")
        self._record(
            self.RecommendedToBank,
            envelope,
            bank=require_text(bank, "bank"),
            bank_head=require_text(bank_head, "bank head"),
            feedback_due=feedback_due,
        )

    def record_feedback(
        self, envelope: Envelope, *, feedback: Feedback, note: str, next_due: date | None
    ) -> None:
        self._require(FinancingStatus.RECOMMENDED, doing="recording bank feedback")
        check_business_date(envelope)
        if feedback is Feedback.DECLINED:
            require_reason(envelope, "a bank's decline")
            next_due = None
        elif next_due is None or next_due < envelope.effective_date:
            raise DueDateInPastError("feedback that continues needs the next feedback's due date")
        self.meet_deadline(envelope, key="feedback")
        self._record(
            self.FeedbackRecorded,
            envelope,
            feedback=feedback.value,
            note=note.strip(),
            next_feedback_due=next_due,
        )

    def approve_credit(self, envelope: Envelope, *, amount: int, rate_bp: int) -> None:
        self._require(FinancingStatus.RECOMMENDED, doing="approving credit")
        if not 0 < rate_bp < 5000:
            raise InvalidAmountError(f"a rate of {rate_bp} basis points is not plausible")
        self._record(
            self.CreditApproved,
            envelope,
            amount=require_positive_amount(amount, "credit"),
            rate_bp=rate_bp,
        )

    def disburse(self, envelope: Envelope, *, amount: int) -> None:
        self._require(FinancingStatus.APPROVED, doing="disbursing a loan")
        check_business_date(envelope)
        require_positive_amount(amount, "a disbursement")
        if self.disbursed + amount > self.approved:
            raise DisbursementExceedsCreditError(
                f"{self.disbursed + amount} yuan disbursed would exceed "
                f"the {self.approved} approved"
            )
        self._record(self.LoanDisbursed, envelope, amount=amount)

    def close(self, envelope: Envelope) -> None:
        if self.status is FinancingStatus.CLOSED:
            raise IllegalFinancingStepError("the need is already closed")
        if not self.disbursed:
            require_reason(envelope, "closing a need with nothing disbursed")
        self._record(self.Closed, envelope)

    def grant_bridge_loan(self, envelope: Envelope, *, amount: int, due_date: date) -> None:
        if self.status is FinancingStatus.CLOSED or self.bridge_outstanding:
            raise BridgeLoanError("a bridge loan needs an open need and none outstanding")
        check_business_date(envelope)
        if due_date <= envelope.effective_date:
            raise DueDateInPastError(f"a bridge loan due {due_date} is due before it is granted")
        amount = require_positive_amount(amount, "a bridge loan")
        self._record(self.BridgeLoanGranted, envelope, amount=amount, due_date=due_date)

    def repay_bridge_loan(self, envelope: Envelope, *, amount: int) -> None:
        if not self.bridge_outstanding:
            raise BridgeLoanError("no bridge loan is outstanding")
        check_business_date(envelope)
        if require_positive_amount(amount, "a repayment") > self.bridge_outstanding:
            raise BridgeLoanError(
                f"{amount} yuan exceeds the {self.bridge_outstanding} outstanding"
            )
        if amount == self.bridge_outstanding:
            self.meet_deadline(envelope, key="bridge_loan")
        self._record(self.BridgeLoanRepaid, envelope, amount=amount)

    def answerable(self) -> Answerable:
        return Answerable.of(
            units=[self.recorded_by_unit],
            enterprise=self.enterprise_code,
            region=region_of_credit_code(self.enterprise_code),
        )

    def open_deadlines(self) -> list[Deadline]:
        deadlines = []
        if self.feedback_due is not None and self.status is FinancingStatus.RECOMMENDED:
            who = f"{self.bank} {self.bank_head}"
            deadlines.append(
                Deadline("feedback", "the bank's next feedback", self.feedback_due, who)
            )
        if self.bridge_due is not None:
            what = "repayment of the bridge loan"
            deadlines.append(Deadline("bridge_loan", what, self.bridge_due, self.enterprise_name))
        return deadlines
