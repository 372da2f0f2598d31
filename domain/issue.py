"""Issue (问题 / 诉求): one problem on the ledger, tracked until it is closed out (销号).

Lifecycle: raised by a channel for an enterprise (optionally naming a project, and the visit,
session or review it came from) → accepted and assigned to a responsible unit and person with a
time limit → worked (progress notes, commitments, extensions filed while the limit has not
passed, escalation to a higher level, each level once) → resolved, or explained (lawfully
impossible, explained to the enterprise) → confirmed by the enterprise and closed out. Close-out
is refused unless the issue is resolved or explained. A resolved, explained or closed issue can
be reopened when the enterprise is not satisfied (回头看): it goes back to its responsible unit
with a new time limit. A closed issue takes no other change.

Intake (seeds 002–004): a raised problem owes acceptance within a time limit of its own,
answerable by the unit first contacted (首问负责) or, after a 退回, by the unit that routed it;
领导交办 carries the leader and their instruction (批示) and is supervised one by one (一事一督办);
a unit's own rectification item (自查整改: 问题, 原因, 措施) stands without an enterprise.
Routing once assigned — 转办, 退回, 协办, the written answer owed by rule, 一次性告知 — is in
domain/issue_routing.py.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.access import Answerable, region_of_credit_code
from domain.calendar import DayCount, DueDate, PendingCount, WorkingCalendar, working_days_before
from domain.deadlines import Deadline, miss_key
from domain.errors import (
    AlreadyEscalatedError,
    CloseOutRequiresResolutionError,
    ExtensionTooLateError,
    IssueAlreadyAssignedError,
    IssueNotFoundError,
    IssueNotOpenError,
    IssueNotReopenableError,
    TimeLimitNotLaterError,
    TimeLimitPassedError,
    TimeLimitPendingError,
)
from domain.issue_intake import (
    acceptance_fields,
    enterprise_fields,
    instruction_fields,
    rectification_fields,
)
from domain.issue_routing import (
    ACCEPTANCE,
    REPLY,
    AssistingPart,
    IssueRouting,
    ReplyRule,
    check_not_past,
    limit_fields,
)
from domain.urging import URGED_LIMIT, Addressee, notice_fields
from domain.values import (
    Channel,
    Envelope,
    IssueCategory,
    IssueStatus,
    check_business_date,
    require_reason,
    require_text,
    shanghai_date,
)

OPEN_STATUSES = frozenset({IssueStatus.RAISED, IssueStatus.ASSIGNED})
REOPENABLE = frozenset({IssueStatus.RESOLVED, IssueStatus.EXPLAINED, IssueStatus.CLOSED})


class Issue(IssueRouting):
    not_found = IssueNotFoundError
    # 2: the responsible person's directory id; 3: intake and routing (first contact, the
    # acceptance limit, transfers, returns, assisting parts, the reply owed, one-time notice)
    state_version = 3

    class Raised(IssueRouting.Created):
        class_version = 2  # 2: first contact, acceptance limit, leader's instruction, rectification
        channel: str
        category: str
        enterprise_code: str
        enterprise_name: str
        project_id: UUID | None
        description: str
        source_kind: str | None
        source_ref: str | None
        first_contact_unit: str | None  # 首问负责: the unit first contacted
        first_contact_unit_id: UUID | None
        instructing_leader: str | None  # 领导交办: the leader, and their instruction (批示)
        instructing_leader_id: UUID | None
        instruction: str | None
        cause: str | None  # 自查整改: the cause (原因) and the measures (措施)
        measures: str | None
        acceptance_limit: date | None  # None: none owed, or counted into an uncovered year
        acceptance_counted_in: str
        acceptance_day_count: int
        acceptance_calendar: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Raised before intake was recorded: no first contact, no acceptance limit."""
            for name in ("first_contact_unit", "first_contact_unit_id", "instructing_leader",
                         "instructing_leader_id", "instruction", "cause", "measures",
                         "acceptance_limit"):  # fmt: skip
                state[name] = None
            state["acceptance_counted_in"] = ""
            state["acceptance_day_count"] = 0
            state["acceptance_calendar"] = ""

    class Assigned(IssueRouting.Event):
        class_version = 2  # 2: the directory ids of the responsible unit and person
        responsible_unit: str
        responsible_person: str
        time_limit: date | None  # None: counted in working days into an uncovered year
        counted_in: str  # how the limit was set: working_days, calendar_days or explicit
        day_count: int
        calendar: str  # the calendar data that decided working days, "" when none did
        responsible_unit_id: UUID | None
        responsible_person_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["responsible_unit_id"] = None
            state["responsible_person_id"] = None

        def apply(self, issue: Issue) -> None:
            issue.status = IssueStatus.ASSIGNED
            issue.responsible_unit = self.responsible_unit
            issue.responsible_person = self.responsible_person
            issue.responsible_person_id = self.responsible_person_id
            issue.time_limit = self.time_limit
            issue.assigned_by_unit = self.unit

    class ProgressNoted(IssueRouting.Event):
        note: str

        def apply(self, issue: Issue) -> None:
            # only the latest note is state; every note stays in the events
            issue.last_progress_note = self.note
            issue.progress_count += 1

    class TimeLimitExtended(IssueRouting.Event):
        class_version = 2  # 2: the approver's directory id
        previous_limit: date
        new_limit: date
        approver: str
        counted_in: str
        day_count: int
        calendar: str
        approver_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["approver_id"] = None

        def apply(self, issue: Issue) -> None:
            issue.time_limit = self.new_limit

    class Escalated(IssueRouting.Event):
        to_level: str

        def apply(self, issue: Issue) -> None:
            issue.escalations.append(self.to_level)

    class Resolved(IssueRouting.Event):
        resolution: str

        def apply(self, issue: Issue) -> None:
            issue.status = IssueStatus.RESOLVED
            issue.outcome = self.resolution
            issue.concluded(self)

    class Explained(IssueRouting.Event):
        explanation: str

        def apply(self, issue: Issue) -> None:
            issue.status = IssueStatus.EXPLAINED
            issue.outcome = self.explanation
            issue.concluded(self)

    class ClosedOut(IssueRouting.Event):
        confirmed_by: str

        def apply(self, issue: Issue) -> None:
            issue.status = IssueStatus.CLOSED
            issue.confirmed_by = self.confirmed_by

    class UrgingNoticeIssued(IssueRouting.Event):
        """A 督办通知 for the miss of ``key`` due ``due``; see domain.urging."""

        number: str  # 文号
        key: str
        due: date
        addressees: list[dict[str, str]]  # name, post, unit
        new_time_limit: date | None
        counted_in: str  # how the new limit was set, "" when the notice set none
        day_count: int
        calendar: str

        def apply(self, issue: Issue) -> None:
            issue.urging_notices[miss_key(self.key, self.due)] = self.number
            if self.new_time_limit is not None:
                issue.__dict__["_urged_limit"] = self.new_time_limit

    class Reopened(IssueRouting.Event):
        time_limit: date
        counted_in: str
        day_count: int
        calendar: str

        def apply(self, issue: Issue) -> None:
            issue.status = IssueStatus.ASSIGNED
            issue.time_limit = self.time_limit
            issue.outcome = None
            issue.confirmed_by = None
            issue.reopen_count += 1
            issue.__dict__.pop("_urged_limit", None)  # the new time limit replaces it

    def __init__(
        self,
        *,
        channel: str,
        category: str,
        enterprise_code: str,
        enterprise_name: str,
        project_id: UUID | None,
        description: str,
        source_kind: str | None,
        source_ref: str | None,
        first_contact_unit: str | None,
        first_contact_unit_id: UUID | None,
        instructing_leader: str | None,
        instructing_leader_id: UUID | None,
        instruction: str | None,
        cause: str | None,
        measures: str | None,
        acceptance_limit: date | None,
        acceptance_counted_in: str,
        acceptance_day_count: int,
        acceptance_calendar: str,
    ) -> None:
        self.channel = Channel(channel)
        self.category = IssueCategory(category)
        self.enterprise_code = enterprise_code
        self.enterprise_name = enterprise_name
        self.project_id = project_id
        self.description = description
        self.source_kind = source_kind
        self.source_ref = source_ref
        self.status = IssueStatus.RAISED
        self.responsible_unit: str | None = None
        self.responsible_person: str | None = None
        self.responsible_person_id: UUID | None = None
        self.time_limit: date | None = None
        self.escalations: list[str] = []
        self.last_progress_note: str | None = None
        self.progress_count = 0
        self.outcome: str | None = None
        self.confirmed_by: str | None = None
        self.reopen_count = 0
        self.commitments = {}
        self.first_contact_unit = first_contact_unit
        self.instructing_leader = instructing_leader
        self.instructing_leader_id = instructing_leader_id
        self.instruction = instruction
        self.cause = cause
        self.measures = measures
        self.acceptance_limit = acceptance_limit
        self.assisting: dict[int, AssistingPart] = {}
        self.transfers = 0
        self.returns = 0
        self.reply_by: date | None = None
        self.reply_rule = ""
        self.replied_on: date | None = None
        self.one_time_notice: list[str] | None = None

    @classmethod
    def raise_issue(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        channel: Channel,
        category: IssueCategory,
        enterprise_code: str,
        enterprise_name: str,
        description: str,
        project_id: UUID | None = None,
        source_kind: str | None = None,
        source_ref: str | None = None,
        first_contact_unit: str | None = None,
        first_contact_unit_id: UUID | None = None,
        leader: tuple[str, UUID | None] | None = None,
        instruction: str | None = None,
        cause: str | None = None,
        measures: str | None = None,
        acceptance_limit: DueDate | PendingCount | None = None,
    ) -> Issue:
        """``leader`` and ``instruction``: 领导交办's leader (name, directory id) and 批示,
        required on that channel and refused on others; ``cause`` and ``measures``: a unit's
        own rectification item (自查整改), which alone may name no enterprise."""
        check_business_date(envelope)
        issue = cls._start(
            cls.Raised,
            id=id,
            envelope=envelope,
            channel=channel.value,
            category=category.value,
            **enterprise_fields(channel, enterprise_code, enterprise_name),
            project_id=project_id,
            description=require_text(description, "description"),
            source_kind=source_kind,
            source_ref=source_ref,
            first_contact_unit=first_contact_unit,
            first_contact_unit_id=first_contact_unit_id,
            **instruction_fields(channel, leader, instruction),
            **rectification_fields(channel, cause, measures),
            **acceptance_fields(acceptance_limit, envelope),
        )
        if isinstance(acceptance_limit, PendingCount):
            issue.pend_deadline(envelope, key=ACCEPTANCE, what="acceptance", count=acceptance_limit)
        return issue

    def answerable(self) -> Answerable:
        """The lead's parties, and every assisting unit and its official (for their part)."""
        lead = self.lead_answerable()
        parts = self.assisting.values()
        return Answerable.of(
            units=[*lead.units, *(p.unit for p in parts)],
            officials=[*lead.officials, *(p.person for p in parts)],
            enterprise=lead.enterprise,
            region=lead.region,
        )

    def lead_answerable(self) -> Answerable:
        """Who may act on the whole problem: not an assisting unit, which acts on its part."""
        return Answerable.of(
            units=[self.recorded_by_unit, self.responsible_unit, self.routing_unit],
            officials=[self.responsible_person],
            enterprise=self.enterprise_code,
            region=region_of_credit_code(self.enterprise_code),
        )

    @property
    def one_by_one(self) -> bool:
        """一事一督办: a leader's assignment is supervised item by item (seed 004)."""
        return self.channel is Channel.LEADER_ASSIGNED

    def open_deadlines(self) -> list[Deadline]:
        if self.status is IssueStatus.CLOSED:
            return []
        deadlines = self.commitment_deadlines()
        if self.status is IssueStatus.ASSIGNED and self.time_limit is not None:
            responsible = f"{self.responsible_unit} {self.responsible_person}"
            deadlines.insert(0, Deadline("time_limit", "time limit", self.time_limit, responsible))
            if self.urged_limit is not None:
                what = "time limit set by an urging notice"
                deadlines.insert(1, Deadline(URGED_LIMIT, what, self.urged_limit, responsible))
        deadlines.extend(Deadline(*found) for found in self.routing_deadlines())
        return deadlines

    @property
    def urging_notices(self) -> dict[str, str]:
        """Each miss's urging notice number (in __dict__: older snapshots lack it)."""
        found: dict[str, str] = self.__dict__.setdefault("_urging_notices", {})
        return found

    @property
    def urged_limit(self) -> date | None:
        """The time limit the latest urging notice set, if one did."""
        return self.__dict__.get("_urged_limit")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def _check_can_change(self) -> None:
        if self.status is IssueStatus.CLOSED:
            raise IssueNotOpenError(f"issue {self.id} is closed out")

    def accept_and_assign(
        self,
        envelope: Envelope,
        *,
        responsible_unit: str,
        responsible_person: str,
        time_limit: DueDate | PendingCount,
        responsible_unit_id: UUID | None = None,
        responsible_person_id: UUID | None = None,
        reply: ReplyRule | None = None,
    ) -> None:
        """A limit counted into a year the calendar does not cover yet is recorded as pending
        and counted once it does: a complaint accepted in late December is not refused.
        Accepting meets the acceptance limit (late: its miss is recorded with it); ``reply``
        is the written answer a rule owes (a complaint, a project in negotiation)."""
        if self.status is not IssueStatus.RAISED:
            raise IssueAlreadyAssignedError(
                f"issue {self.id} is {self.status}; it was accepted and assigned already"
            )
        unit = require_text(responsible_unit, "responsible unit")
        person = require_text(responsible_person, "responsible person")
        if isinstance(time_limit, DueDate):
            check_not_past(time_limit, envelope)
        self.meet_deadline(envelope, key=ACCEPTANCE)
        self._assign(envelope, unit, person, time_limit, responsible_unit_id, responsible_person_id)
        if reply is not None:
            self._owe_reply(envelope, reply, time_limit)

    def _assign(
        self,
        envelope: Envelope,
        unit: str,
        person: str,
        time_limit: DueDate | PendingCount,
        responsible_unit_id: UUID | None,
        responsible_person_id: UUID | None,
    ) -> None:
        if isinstance(time_limit, PendingCount):
            self._record(
                self.Assigned,
                envelope,
                responsible_unit=unit,
                responsible_person=person,
                responsible_unit_id=responsible_unit_id,
                responsible_person_id=responsible_person_id,
                time_limit=None,
                counted_in=DayCount.WORKING_DAYS.value,
                day_count=time_limit.working_days,
                calendar="",
            )
            self.pend_deadline(envelope, key="time_limit", what="time limit", count=time_limit)
            return
        self._record(
            self.Assigned,
            envelope,
            responsible_unit=unit,
            responsible_person=person,
            responsible_unit_id=responsible_unit_id,
            responsible_person_id=responsible_person_id,
            **limit_fields("time_limit", time_limit),
        )

    def deadline_counted(self, key: str, due: date) -> None:
        if key == "time_limit":
            self.time_limit = due
        elif key == ACCEPTANCE:
            self.acceptance_limit = due
        elif key == REPLY:
            self.reply_by = due

    def concluded(self, event: IssueRouting.Event) -> None:
        """A resolution or explanation answers the enterprise: a reply owed is given."""
        if self.reply_by is not None and self.replied_on is None:
            self.replied_on = event.business_date or shanghai_date(event.timestamp)

    def note_progress(self, envelope: Envelope, *, note: str) -> None:
        self._require_assigned("noting progress")
        check_business_date(envelope)
        self._record(self.ProgressNoted, envelope, note=require_text(note, "progress note"))

    def extend_time_limit(
        self,
        envelope: Envelope,
        *,
        new_limit: DueDate,
        approver: str,
        calendar: WorkingCalendar,
        min_lead_working_days: int,
        approver_id: UUID | None = None,
    ) -> None:
        """An extension must be filed at least ``min_lead_working_days`` working days before
        the time limit; once that day has gone it is refused (and after the limit, too)."""
        self._require_assigned("extending the time limit")
        if self.time_limit is None:
            raise TimeLimitPendingError(
                "the time limit waits for next year's calendar; it is extended once counted"
            )
        if envelope.today > self.time_limit:
            raise TimeLimitPassedError(
                f"the time limit {self.time_limit} has passed; it can no longer be extended"
            )
        latest = working_days_before(calendar, self.time_limit, min_lead_working_days)
        if envelope.today > latest:
            raise ExtensionTooLateError(
                f"an extension of the time limit {self.time_limit} had to be filed by {latest}, "
                f"{min_lead_working_days} working day(s) before it"
            )
        if new_limit.due <= self.time_limit:
            raise TimeLimitNotLaterError(
                f"new time limit {new_limit.due} is not later than {self.time_limit}"
            )
        require_reason(envelope, "extending a time limit")
        self._record(
            self.TimeLimitExtended,
            envelope,
            previous_limit=self.time_limit,
            approver=require_text(approver, "approver"),
            approver_id=approver_id,
            **limit_fields("new_limit", new_limit),
        )

    def escalate(self, envelope: Envelope, *, to_level: str) -> None:
        if not self.is_open:
            raise IssueNotOpenError(f"issue {self.id} is {self.status}; only open issues escalate")
        to_level = require_text(to_level, "escalation level")
        if to_level in self.escalations:
            raise AlreadyEscalatedError(f"issue {self.id} was already escalated to {to_level}")
        require_reason(envelope, "escalating an issue")
        self._record(self.Escalated, envelope, to_level=to_level)

    def resolve(self, envelope: Envelope, *, resolution: str) -> None:
        self._require_assigned("resolving")
        self._require_no_open_parts("resolving")
        check_business_date(envelope)
        resolution = require_text(resolution, "resolution")
        self.meet_deadline(envelope, key="time_limit")
        self.meet_deadline(envelope, key=REPLY)
        self._record(self.Resolved, envelope, resolution=resolution)

    def explain(self, envelope: Envelope, *, explanation: str) -> None:
        self._require_assigned("explaining")
        self._require_no_open_parts("explaining")
        check_business_date(envelope)
        explanation = require_text(explanation, "explanation")
        self.meet_deadline(envelope, key="time_limit")
        self.meet_deadline(envelope, key=REPLY)
        self._record(self.Explained, envelope, explanation=explanation)

    def close_out(self, envelope: Envelope, *, confirmed_by: str) -> None:
        if self.status not in (IssueStatus.RESOLVED, IssueStatus.EXPLAINED):
            raise CloseOutRequiresResolutionError(
                f"issue {self.id} is {self.status}; only a resolved or explained issue, "
                "confirmed by the enterprise, can be closed out"
            )
        check_business_date(envelope)
        self._record(
            self.ClosedOut, envelope, confirmed_by=require_text(confirmed_by, "confirmed by")
        )

    def issue_urging_notice(
        self,
        envelope: Envelope,
        *,
        number: str,
        key: str,
        due: date,
        addressees: list[Addressee],
        new_time_limit: DueDate | None,
    ) -> None:
        """Record the urging notice (督办通知) of a missed deadline whose urging-notice step the
        escalation ladder took; refused for an issue no longer open."""
        self._require_assigned("an urging notice")
        fields = notice_fields(
            envelope, self.missed_deadlines, self.urging_notices, number, key, due, addressees,
            new_time_limit,
        )  # fmt: skip
        self._record(self.UrgingNoticeIssued, envelope, **fields)

    def reopen(self, envelope: Envelope, *, time_limit: DueDate) -> None:
        if self.status not in REOPENABLE:
            raise IssueNotReopenableError(
                f"issue {self.id} is {self.status}; "
                "only resolved, explained or closed issues reopen"
            )
        require_reason(envelope, "reopening an issue")
        check_not_past(time_limit, envelope)
        self._record(self.Reopened, envelope, **limit_fields("time_limit", time_limit))
