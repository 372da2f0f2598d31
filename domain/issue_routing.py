"""How a problem is routed once on the ledger (seeds 002, 003, 004): 转办, 退回, 协办, 答复 and
一次性告知 — the part of the Issue aggregate (domain/issue.py) that moves work between units.

- 转办 (transfer): the responsible unit, or the office, hands an assigned problem to another
  unit with a reason; the new unit gets its own time limit (and its own reply limit).
- 退回 (return): a unit returns a misrouted problem, with a reason, to the unit that routed it
  (the supervision office); the problem is raised again and that unit owes the routing anew,
  under a new acceptance time limit.
- 协办 (assistance): the lead (responsible) unit names assisting units, each answering for its
  part by its own due date, no later than the lead's limit; the lead cannot resolve or explain
  while a part is open.
- 答复 (reply): a written answer owed by rule — 7 working days to a complaint (seed 003's
  投诉 norms), 3 days to a project in negotiation — may be promised earlier, never later.
- 一次性告知 (one-time notice): everything the enterprise must supply, told once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from domain.calendar import DueDate, PendingCount, explicit
from domain.commitments import CommitmentHolder
from domain.errors import (
    AlreadyAssistingError,
    AlreadyRepliedError,
    AssistingPartAfterTimeLimitError,
    AssistingPartNotFoundError,
    AssistingPartNotOpenError,
    AssistingPartsOpenError,
    AssistingUnitIsLeadError,
    BlankTextError,
    DueDateInPastError,
    IssueNotAssignedError,
    IssueNotOpenError,
    NoEnterpriseToNotifyError,
    OneTimeNoticeAlreadyGivenError,
    ReplyAfterCapError,
    TransferToSameUnitError,
)
from domain.values import (
    Envelope,
    IssueStatus,
    check_business_date,
    require_reason,
    require_text,
    shanghai_date,
)

if TYPE_CHECKING:
    from domain.issue import Issue

ACCEPTANCE = "acceptance"
REPLY = "reply"


@dataclass
class AssistingPart:
    """One assisting unit's part (协办事项) of a problem the lead unit answers for."""

    number: int
    unit: str
    person: str
    part: str
    due: date | None  # None while counted into a year the calendar does not cover yet
    requested_on: date
    completed_on: date | None = None
    answer: str | None = None
    withdrawn: bool = False  # the problem was returned before the part was done

    @property
    def is_open(self) -> bool:
        return self.completed_on is None and not self.withdrawn


@dataclass(frozen=True)
class ReplyRule:
    """A written answer owed by rule: ``rule`` names it (complaint, negotiation), ``cap`` is
    the latest day it allows (counted, or pending a year's calendar), ``promised`` an earlier
    day the unit may set."""

    rule: str
    cap: DueDate | PendingCount
    promised: date | None = None


def limit_fields(name: str, limit: DueDate) -> dict[str, object]:
    return {
        name: limit.due,
        "counted_in": limit.counted_in.value,
        "day_count": limit.count,
        "calendar": limit.calendar,
    }


def check_not_past(limit: DueDate, envelope: Envelope) -> None:
    if limit.due < envelope.today:
        raise DueDateInPastError(f"time limit {limit.due} is before today {envelope.today}")


class IssueRouting(CommitmentHolder):
    if TYPE_CHECKING:  # the Issue's state (domain/issue.py) this part reads and changes
        status: IssueStatus
        enterprise_code: str
        responsible_unit: str | None
        responsible_person: str | None
        responsible_person_id: UUID | None
        time_limit: date | None
        assisting: dict[int, AssistingPart]
        reply_by: date | None
        reply_rule: str
        replied_on: date | None
        one_time_notice: list[str] | None
        first_contact_unit: str | None
        acceptance_limit: date | None
        transfers: int
        returns: int

    class Transferred(CommitmentHolder.Event):
        from_unit: str
        from_person: str
        previous_limit: date | None  # the old unit's limit, which the new one replaces
        responsible_unit: str
        responsible_person: str
        responsible_unit_id: UUID | None
        responsible_person_id: UUID | None
        time_limit: date | None  # None: counted in working days into an uncovered year
        counted_in: str
        day_count: int
        calendar: str

        def apply(self, issue: Issue) -> None:
            issue.responsible_unit = self.responsible_unit
            issue.responsible_person = self.responsible_person
            issue.responsible_person_id = self.responsible_person_id
            issue.time_limit = self.time_limit
            issue.transfers += 1
            issue.assigned_by_unit = self.unit
            issue.__dict__.pop("_urged_limit", None)
            issue.pending_deadlines.pop("time_limit", None)
            _drop_reply_owed(issue)

    class Returned(CommitmentHolder.Event):
        from_unit: str
        from_person: str
        previous_limit: date | None  # the returning unit's limit, which lapses
        to_unit: str  # the unit that routed it, which owes the routing anew
        acceptance_limit: date | None
        counted_in: str
        day_count: int
        calendar: str

        def apply(self, issue: Issue) -> None:
            issue.status = IssueStatus.RAISED
            issue.responsible_unit = None
            issue.responsible_person = None
            issue.responsible_person_id = None
            issue.time_limit = None
            issue.returns += 1
            issue.routing_unit = self.to_unit or issue.routing_unit
            issue.acceptance_limit = self.acceptance_limit
            for part in issue.assisting.values():
                part.withdrawn = part.withdrawn or part.completed_on is None
            issue.__dict__.pop("_urged_limit", None)
            issue.pending_deadlines.pop("time_limit", None)
            _drop_reply_owed(issue)

    class AssistanceRequested(CommitmentHolder.Event):
        number: int
        assisting_unit: str
        assisting_person: str
        assisting_unit_id: UUID | None
        assisting_person_id: UUID | None
        part: str
        due: date
        counted_in: str
        day_count: int
        calendar: str

        def apply(self, issue: Issue) -> None:
            day = self.business_date or shanghai_date(self.timestamp)
            issue.assisting[self.number] = AssistingPart(
                self.number, self.assisting_unit, self.assisting_person, self.part, self.due, day
            )

    class AssistingPartCompleted(CommitmentHolder.Event):
        number: int
        answer: str

        def apply(self, issue: Issue) -> None:
            part = issue.assisting[self.number]
            part.completed_on = self.business_date or shanghai_date(self.timestamp)
            part.answer = self.answer

    class ReplyOwed(CommitmentHolder.Event):
        rule: str  # complaint or negotiation
        reply_by: date | None  # None: counted in working days into an uncovered year
        counted_in: str
        day_count: int
        calendar: str

        def apply(self, issue: Issue) -> None:
            issue.reply_rule = self.rule
            issue.reply_by = self.reply_by
            issue.replied_on = None

    class Replied(CommitmentHolder.Event):
        answer: str

        def apply(self, issue: Issue) -> None:
            issue.replied_on = self.business_date or shanghai_date(self.timestamp)

    class OneTimeNoticeGiven(CommitmentHolder.Event):
        items: list[str]  # everything the enterprise must supply

        def apply(self, issue: Issue) -> None:
            issue.one_time_notice = list(self.items)

    @property
    def routing_unit(self) -> str | None:
        """首问负责: the unit answerable for routing the problem while it waits — the unit
        first contacted (else the one that recorded it), or the unit it was returned to."""
        found: str | None = self.__dict__.get("_routing_unit")
        return found or self.first_contact_unit or self.recorded_by_unit

    @routing_unit.setter
    def routing_unit(self, unit: str | None) -> None:
        self.__dict__["_routing_unit"] = unit

    @property
    def assigned_by_unit(self) -> str | None:
        """The unit that routed the problem to its present unit (assigned or transferred)."""
        found: str | None = self.__dict__.get("_assigned_by_unit")
        return found

    @assigned_by_unit.setter
    def assigned_by_unit(self, unit: str | None) -> None:
        self.__dict__["_assigned_by_unit"] = unit

    def _require_assigned(self, doing: str) -> None:
        if self.status is IssueStatus.RAISED:
            raise IssueNotAssignedError(f"{doing} needs the issue accepted and assigned first")
        if self.status is not IssueStatus.ASSIGNED:
            raise IssueNotOpenError(f"{doing} is refused: issue {self.id} is {self.status}")

    def open_parts(self) -> list[AssistingPart]:
        return [part for part in self.assisting.values() if part.is_open]

    def _require_no_open_parts(self, doing: str) -> None:
        waiting = self.open_parts()
        if waiting:
            units = "、".join(part.unit for part in waiting)
            raise AssistingPartsOpenError(f"{doing} waits for the assisting units' parts: {units}")

    def routing_deadlines(self) -> list[tuple[str, str, date, str]]:
        """(key, what, due, responsible) of the routing deadlines open now."""
        found: list[tuple[str, str, date, str]] = []
        if self.status is IssueStatus.RAISED and self.acceptance_limit is not None:
            found.append((ACCEPTANCE, "acceptance", self.acceptance_limit, self.routing_unit or ""))
        if self.status is not IssueStatus.ASSIGNED:
            return found
        lead = f"{self.responsible_unit} {self.responsible_person}"
        if self.reply_by is not None and self.replied_on is None:
            found.append((REPLY, f"written answer ({self.reply_rule})", self.reply_by, lead))
        for part in self.open_parts():
            if part.due is not None:
                what = f"assisting part {part.number}: {part.part}"
                found.append(
                    (f"assist:{part.number}", what, part.due, f"{part.unit} {part.person}")
                )
        return found

    def transfer(
        self,
        envelope: Envelope,
        *,
        responsible_unit: str,
        responsible_person: str,
        time_limit: DueDate | PendingCount,
        reply: ReplyRule | None = None,
        responsible_unit_id: UUID | None = None,
        responsible_person_id: UUID | None = None,
    ) -> None:
        """转办: the new unit gets its own time limit, counted from the transfer."""
        self._require_assigned("transferring")
        require_reason(envelope, "transferring an issue")
        unit = require_text(responsible_unit, "responsible unit")
        if unit == self.responsible_unit:
            raise TransferToSameUnitError(f"issue {self.id} is already with {unit}")
        person = require_text(responsible_person, "responsible person")
        fields: dict[str, object]
        if isinstance(time_limit, PendingCount):
            fields = {"time_limit": None, "counted_in": "working_days",
                      "day_count": time_limit.working_days, "calendar": ""}  # fmt: skip
        else:
            check_not_past(time_limit, envelope)
            fields = limit_fields("time_limit", time_limit)
        self.meet_deadline(envelope, key="time_limit")  # a late hand-over records the miss
        self.meet_deadline(envelope, key=REPLY)
        self._record(
            self.Transferred,
            envelope,
            from_unit=self.responsible_unit or "",
            from_person=self.responsible_person or "",
            previous_limit=self.time_limit,
            responsible_unit=unit,
            responsible_person=person,
            responsible_unit_id=responsible_unit_id,
            responsible_person_id=responsible_person_id,
            **fields,
        )
        if isinstance(time_limit, PendingCount):
            self.pend_deadline(envelope, key="time_limit", what="time limit", count=time_limit)
        if reply is not None and self.replied_on is None:
            self._owe_reply(envelope, reply, time_limit)

    def return_to_office(
        self, envelope: Envelope, *, acceptance_limit: DueDate | PendingCount | None
    ) -> None:
        """退回: the unit the problem was routed to hands it back, with a reason; the unit
        that routed it owes the routing anew, under a new acceptance time limit."""
        self._require_assigned("returning")
        require_reason(envelope, "returning a misrouted issue")
        self.meet_deadline(envelope, key="time_limit")
        to_unit = self.assigned_by_unit or self.routing_unit or ""
        fields: dict[str, object]
        if isinstance(acceptance_limit, DueDate):
            fields = limit_fields("acceptance_limit", acceptance_limit)
        else:
            days = acceptance_limit.working_days if acceptance_limit else 0
            fields = {"acceptance_limit": None, "counted_in": "working_days" if days else "",
                      "day_count": days, "calendar": ""}  # fmt: skip
        self._record(
            self.Returned,
            envelope,
            from_unit=self.responsible_unit or "",
            from_person=self.responsible_person or "",
            previous_limit=self.time_limit,
            to_unit=to_unit,
            **fields,
        )
        if isinstance(acceptance_limit, PendingCount):
            self.pend_deadline(envelope, key=ACCEPTANCE, what="acceptance", count=acceptance_limit)

    def request_assistance(
        self,
        envelope: Envelope,
        *,
        assisting_unit: str,
        assisting_person: str,
        part: str,
        due: DueDate,
        assisting_unit_id: UUID | None = None,
        assisting_person_id: UUID | None = None,
    ) -> int:
        """协办: an assisting unit answers for its part, due no later than the lead's limit."""
        self._require_assigned("asking for assistance")
        unit = require_text(assisting_unit, "assisting unit")
        if unit == self.responsible_unit:
            raise AssistingUnitIsLeadError(f"{unit} leads issue {self.id}; it cannot assist it")
        if any(p.unit == unit for p in self.open_parts()):
            raise AlreadyAssistingError(f"{unit} already has an open part of issue {self.id}")
        check_not_past(due, envelope)
        if self.time_limit is not None and due.due > self.time_limit:
            raise AssistingPartAfterTimeLimitError(
                f"the part is due {due.due}, after the lead unit's time limit {self.time_limit}"
            )
        number = len(self.assisting) + 1
        self._record(
            self.AssistanceRequested,
            envelope,
            number=number,
            assisting_unit=unit,
            assisting_person=require_text(assisting_person, "assisting person"),
            assisting_unit_id=assisting_unit_id,
            assisting_person_id=assisting_person_id,
            part=require_text(part, "assisting part"),
            **limit_fields("due", due),
        )
        return number

    def part(self, number: int) -> AssistingPart:
        found = self.assisting.get(number)
        if found is None:
            raise AssistingPartNotFoundError(f"issue {self.id} has no assisting part {number}")
        return found

    def complete_assisting_part(self, envelope: Envelope, *, number: int, answer: str) -> None:
        self._require_assigned("completing an assisting part")
        if not self.part(number).is_open:
            raise AssistingPartNotOpenError(f"assisting part {number} is done or withdrawn")
        check_business_date(envelope)
        answer = require_text(answer, "answer")
        self.meet_deadline(envelope, key=f"assist:{number}")
        self._record(self.AssistingPartCompleted, envelope, number=number, answer=answer)

    def _owe_reply(
        self, envelope: Envelope, reply: ReplyRule, time_limit: DueDate | PendingCount
    ) -> None:
        """A written answer is owed apart only when the time limit runs past the day it is
        due: a problem handled within that day answers by its resolution or explanation."""
        cap = reply.cap
        if reply.promised is not None:
            if isinstance(cap, DueDate) and reply.promised > cap.due:
                raise ReplyAfterCapError(
                    f"a {reply.rule} is answered by {cap.due} at the latest, not {reply.promised}"
                )
            promised = explicit(reply.promised, envelope.today)
            check_not_past(promised, envelope)
            if isinstance(time_limit, DueDate) and time_limit.due <= promised.due:
                return
            self._record(
                self.ReplyOwed, envelope, rule=reply.rule, **limit_fields("reply_by", promised)
            )
            return
        if isinstance(cap, DueDate):
            if isinstance(time_limit, DueDate) and time_limit.due <= cap.due:
                return
            self._record(self.ReplyOwed, envelope, rule=reply.rule, **limit_fields("reply_by", cap))
            return
        self._record(
            self.ReplyOwed, envelope, rule=reply.rule, reply_by=None,
            counted_in="working_days", day_count=cap.working_days, calendar="",
        )  # fmt: skip
        self.pend_deadline(envelope, key=REPLY, what="written answer", count=cap)

    def reply(self, envelope: Envelope, *, answer: str) -> None:
        """书面答复: the written answer to the enterprise, once."""
        self._require_assigned("replying")
        if self.replied_on is not None:
            raise AlreadyRepliedError(f"issue {self.id} was answered on {self.replied_on}")
        check_business_date(envelope)
        answer = require_text(answer, "answer")
        self.meet_deadline(envelope, key=REPLY)
        self._record(self.Replied, envelope, answer=answer)

    def give_one_time_notice(self, envelope: Envelope, *, items: list[str]) -> None:
        """一次性告知: everything the enterprise must supply, in one notice, given once."""
        if self.status not in (IssueStatus.RAISED, IssueStatus.ASSIGNED):
            raise IssueNotOpenError(f"issue {self.id} is {self.status}; it is no longer handled")
        if not self.enterprise_code:
            raise NoEnterpriseToNotifyError(f"issue {self.id} names no enterprise to tell")
        if self.one_time_notice is not None:
            raise OneTimeNoticeAlreadyGivenError(
                f"issue {self.id}'s enterprise was told once already what to supply"
            )
        listed = [require_text(item, f"notice item {n}") for n, item in enumerate(items, 1)]
        if not listed:
            raise BlankTextError("a one-time notice lists at least one thing to supply")
        self._record(self.OneTimeNoticeGiven, envelope, items=listed)


def _drop_reply_owed(issue: Issue) -> None:
    """A reply not yet given is owed anew by the next unit (its own count), or not at all."""
    if issue.replied_on is None:
        issue.reply_by = None
        issue.reply_rule = ""
    issue.pending_deadlines.pop(REPLY, None)
