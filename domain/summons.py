"""Summons (约谈): a unit's principal leader summoned to explain poor results, and the unit's
rectification within time limits (限期整改).

Lifecycle: proposed — automatically, when the unit is at the bottom of two consecutive
published annual assessments (the grounds cite them), or by the supervision office with a
reason — with a rectification list of at least one item, each with its due date → scheduled
(a date and a place; rescheduled with a reason while not held) → held (on a day not in the
future; the principal leader named from the directory: an official of the summoned unit
holding one of its head posts; who conducted it; who attended) → each rectification item
completed → the rectification accepted by the supervision office, which closes the summons.
A proposal may be withdrawn, with a reason, until the summons is held.

Each item still to complete is an open deadline ("rectification:N") owed by the summoned unit,
from the proposal on: a completion after the due day records the miss in the same save, and
the watcher records a miss of an item left undone, after which the escalation ladder follows.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.access import Answerable
from domain.base import DubanAggregate
from domain.calendar import DueDate, PendingCount
from domain.deadlines import Deadline
from domain.errors import (
    BusinessDateInFutureError,
    ConflictError,
    RectificationIncompleteError,
    RectificationItemAlreadyCompletedError,
    RectificationItemNotFoundError,
    SummonsAlreadyHeldError,
    SummonsBasisRequiredError,
    SummonsClosedError,
    SummonsDateInPastError,
    SummonsNotFoundError,
    SummonsNotHeldError,
    SummonsNotScheduledError,
    SummonsWithdrawnError,
)
from domain.rectification import (
    Participant,
    RectificationEntry,
    check_principal_leader,
    item_fields,
    present,
)
from domain.values import Envelope, check_business_date, require_reason, require_text


class SummonsGrounds(StrEnum):
    BOTTOM_TWO_YEARS = "bottom_two_years"  # last in two consecutive annual assessments
    SUPERVISOR = "supervisor"  # proposed by the supervision office, with its reason


class SummonsStatus(StrEnum):
    PROPOSED = "proposed"
    SCHEDULED = "scheduled"
    HELD = "held"
    CLOSED = "closed"  # the rectification was accepted
    WITHDRAWN = "withdrawn"


BEFORE_HELD = frozenset({SummonsStatus.PROPOSED, SummonsStatus.SCHEDULED})
OPEN = BEFORE_HELD | {SummonsStatus.HELD}


class Summons(DubanAggregate):
    not_found = SummonsNotFoundError

    class Proposed(DubanAggregate.Created):
        unit_id: UUID
        unit_name: str
        grounds: str
        basis: list[str]  # the published assessments the grounds rest on
        items: list[dict[str, object]]  # number, what, due, counted_in, day_count, calendar

    class Scheduled(DubanAggregate.Event):
        on: date
        place: str
        previous_on: date | None  # the date it was scheduled for before, when rescheduled

        def apply(self, summons: Summons) -> None:
            summons.status = SummonsStatus.SCHEDULED
            summons.scheduled_on, summons.place = self.on, self.place

    class Held(DubanAggregate.Event):
        held_on: date
        principal_leader: dict[str, str]  # id, name, post, unit
        conducted_by: dict[str, str]
        attendees: list[dict[str, str]]
        notes: str

        def apply(self, summons: Summons) -> None:
            summons.status = SummonsStatus.HELD
            summons.held_on = self.held_on
            summons.principal_leader = Participant.from_fields(self.principal_leader)
            summons.conducted_by = Participant.from_fields(self.conducted_by)
            summons.attendees = [Participant.from_fields(a) for a in self.attendees]
            summons.notes = self.notes

    class ItemCompleted(DubanAggregate.Event):
        number: int
        done: str  # what the unit did
        completed_on: date

        def apply(self, summons: Summons) -> None:
            item = summons.items[self.number]
            item.completed_on, item.done = self.completed_on, self.done

    class RectificationAccepted(DubanAggregate.Event):
        def apply(self, summons: Summons) -> None:
            summons.status = SummonsStatus.CLOSED
            summons.closing_reason = self.reason

    class Withdrawn(DubanAggregate.Event):
        def apply(self, summons: Summons) -> None:
            summons.status = SummonsStatus.WITHDRAWN
            summons.closing_reason = self.reason

    def __init__(
        self,
        *,
        unit_id: UUID,
        unit_name: str,
        grounds: str,
        basis: list[str],
        items: list[dict[str, object]],
        reason: str | None = None,
    ) -> None:
        self.unit_id = unit_id
        self.unit_name = unit_name
        self.grounds = SummonsGrounds(grounds)
        self.basis = list(basis)
        self.proposal_reason = reason
        self.items = {item.number: item for item in map(RectificationEntry.from_fields, items)}
        self.status = SummonsStatus.PROPOSED
        self.scheduled_on: date | None = None
        self.place: str | None = None
        self.held_on: date | None = None
        self.principal_leader: Participant | None = None
        self.conducted_by: Participant | None = None
        self.attendees: list[Participant] = []
        self.notes = ""
        self.closing_reason: str | None = None

    @classmethod
    def propose(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        unit_id: UUID,
        unit_name: str,
        grounds: SummonsGrounds,
        basis: list[str],
        items: list[tuple[str, DueDate | PendingCount]],
    ) -> Summons:
        """``items``: what is to be rectified and by when, numbered from 1 in this order; an
        item whose count waits for the calendar owes a pending deadline."""
        basis = _check_grounds(envelope, grounds, basis)
        summons = cls._start(
            cls.Proposed,
            id=id,
            envelope=envelope,
            unit_id=unit_id,
            unit_name=require_text(unit_name, "summoned unit"),
            grounds=grounds.value,
            basis=basis,
            items=item_fields(envelope, items),
        )
        for number, (_, due) in enumerate(items, start=1):
            if isinstance(due, PendingCount):
                what = f"rectification item {number}"
                summons.pend_deadline(envelope, key=f"rectification:{number}", what=what, count=due)
        return summons

    def _require(
        self,
        allowed: frozenset[SummonsStatus],
        doing: str,
        too_early: type[ConflictError] = SummonsNotHeldError,
    ) -> None:
        """Refuse ``doing`` outside the ``allowed`` states: ``too_early`` names the refusal
        while the summons has not got that far yet."""
        if self.status in allowed:
            return
        refusal = {
            SummonsStatus.HELD: SummonsAlreadyHeldError,
            SummonsStatus.CLOSED: SummonsClosedError,
            SummonsStatus.WITHDRAWN: SummonsWithdrawnError,
        }.get(self.status, too_early)
        raise refusal(f"{doing} is refused: the summons of {self.unit_name} is {self.status}")

    def schedule(self, envelope: Envelope, *, on: date, place: str) -> None:
        """Schedule the summons; a summons already scheduled is rescheduled, with a reason."""
        self._require(BEFORE_HELD, "scheduling")
        if on < envelope.today:
            raise SummonsDateInPastError(f"a summons on {on} is before today {envelope.today}")
        if self.status is SummonsStatus.SCHEDULED:
            require_reason(envelope, "rescheduling a summons")
        self._record(
            self.Scheduled,
            envelope,
            on=on,
            place=require_text(place, "place"),
            previous_on=self.scheduled_on,
        )

    def hold(
        self,
        envelope: Envelope,
        *,
        held_on: date,
        principal_leader: Participant,
        head_posts: tuple[str, ...],
        conducted_by: Participant,
        attendees: list[Participant],
        notes: str = "",
    ) -> None:
        """Record the summons held: the principal leader must be an official of the summoned
        unit holding a head post; they are counted among those who attended."""
        self._require(
            frozenset({SummonsStatus.SCHEDULED}), "recording it held", SummonsNotScheduledError
        )
        if held_on > envelope.today:
            raise BusinessDateInFutureError(f"held on {held_on}, after today {envelope.today}")
        check_principal_leader(principal_leader, self.unit_id, self.unit_name, head_posts)
        self._record(
            self.Held,
            envelope,
            held_on=held_on,
            principal_leader=principal_leader.as_fields(),
            conducted_by=conducted_by.as_fields(),
            attendees=present(principal_leader, attendees),
            notes=notes.strip(),
        )

    def complete_item(self, envelope: Envelope, *, number: int, done: str) -> None:
        """Record a rectification item done, on the envelope's business day."""
        self._require(OPEN, "completing a rectification item")
        item = self.items.get(number)
        if item is None:
            raise RectificationItemNotFoundError(
                f"the summons of {self.unit_name} has no rectification item {number}"
            )
        if item.completed_on is not None:
            raise RectificationItemAlreadyCompletedError(
                f"rectification item {number} was completed on {item.completed_on}"
            )
        check_business_date(envelope)
        done = require_text(done, "what was done")
        self.meet_deadline(envelope, key=item.key)
        self._record(
            self.ItemCompleted,
            envelope,
            number=number,
            done=done,
            completed_on=envelope.effective_date,
        )

    def accept_rectification(self, envelope: Envelope) -> None:
        """The supervision office accepts the rectification, with its reason: the summons
        closes. Refused while any item is not completed."""
        self._require(frozenset({SummonsStatus.HELD}), "accepting the rectification")
        undone = [n for n, item in sorted(self.items.items()) if item.completed_on is None]
        if undone:
            raise RectificationIncompleteError(
                f"rectification item(s) {', '.join(map(str, undone))} are not completed"
            )
        require_reason(envelope, "accepting a rectification")
        self._record(self.RectificationAccepted, envelope)

    def withdraw(self, envelope: Envelope) -> None:
        """Drop the proposal, with a reason; refused once the summons was held."""
        self._require(BEFORE_HELD, "withdrawing the summons")
        require_reason(envelope, "withdrawing a summons")
        self._record(self.Withdrawn, envelope)

    def answerable(self) -> Answerable:
        leader = self.principal_leader.name if self.principal_leader else None
        return Answerable.of(units=[self.unit_name], officials=[leader])

    def open_deadlines(self) -> list[Deadline]:
        if self.status not in OPEN:
            return []
        return [
            Deadline(item.key, f"rectification item {number}", item.due, self.unit_name)
            for number, item in sorted(self.items.items())
            if item.completed_on is None and item.due is not None
        ]

    def deadline_counted(self, key: str, due: date) -> None:
        number = int(key.split(":")[1])
        self.items[number].due = due


def _check_grounds(envelope: Envelope, grounds: SummonsGrounds, basis: list[str]) -> list[str]:
    """The basis as stored: an automatic proposal cites at least two published assessments
    ("<assessment>@v<version>"; versions of one assessment count once); the office's own
    proposal gives its reason."""
    cited = [require_text(entry, "basis") for entry in basis]
    if grounds is SummonsGrounds.SUPERVISOR:
        require_reason(envelope, "a summons proposed by the supervision office")
    elif len({entry.partition("@")[0] for entry in cited}) < 2:
        raise SummonsBasisRequiredError(
            "a summons for being last two years running cites the two published assessments"
        )
    return cited
