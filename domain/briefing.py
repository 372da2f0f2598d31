"""SessionSeries (宣讲 and the other required sessions): a unit's series of one kind of session.

Lifecycle: established for a unit and a kind, whose cadence follows from the kind (on-site
office meetings monthly; consultation meetings, entrepreneur talks and bank–enterprise
matchmaking quarterly; policy briefings with progress reported by mid-June and mid-November)
→ sessions planned (numbered from 1), rescheduled or cancelled (with a reason) while planned,
held once (business date not in the future, attendance, questions collected — a question may
raise an Issue, recorded beside it) → on-site decisions recorded as commitments → policy
briefing progress reported once per half-year. The series owes one held session per period
from its start; a period that ends without one, unless its miss is recorded, is its open
deadline; a policy-briefing series also owes its progress reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.access import Answerable
from domain.commitments import CommitmentHolder
from domain.deadlines import Deadline
from domain.errors import (
    BriefingProgressAlreadyReportedError,
    InvalidAmountError,
    LeaderUnchangedError,
    NotAPolicyBriefingError,
    SessionNotFoundError,
    SessionNotPlannedError,
    SessionSeriesNotFoundError,
)
from domain.periods import Cadence, next_period, period_end, period_of, require_half_year
from domain.values import (
    MAX_ATTENDANCE,
    Envelope,
    check_business_date,
    require_reason,
    require_text,
)


class SessionKind(StrEnum):
    POLICY_BRIEFING = "policy_briefing"  # 政策宣讲
    CONSULTATION_MEETING = "consultation_meeting"  # 会商会
    QUARTERLY_DISPATCH_MEETING = "quarterly_dispatch_meeting"  # 季度调度推进会 (seed 000)
    ENTREPRENEUR_TALK = "entrepreneur_talk"  # 恳谈会
    ON_SITE_OFFICE_MEETING = "on_site_office_meeting"  # 现场办公会
    BANK_ENTERPRISE_MATCHMAKING = "bank_enterprise_matchmaking"  # 银企对接会

    @property
    def cadence(self) -> Cadence:
        return Cadence.MONTHLY if self is SessionKind.ON_SITE_OFFICE_MEETING else Cadence.QUARTERLY


# policy-briefing progress: by 中旬 of June and of November — 中旬 runs to the 20th (seed 000)
PROGRESS_DUE = {1: (6, 20), 2: (11, 20)}


@dataclass
class Session:
    number: int
    planned_on: date
    topic: str
    status: str = "planned"  # planned, held, cancelled
    held_on: date | None = None
    raised_issues: list[str] = field(default_factory=list)


class SessionSeries(CommitmentHolder):
    not_found = SessionSeriesNotFoundError
    state_version = 3  # 2: the owning unit's directory id; 3: its lead leader

    class Established(CommitmentHolder.Created):
        class_version = 2  # 2: the owning unit's directory id
        owner_unit: str  # "unit" alone is the envelope's acting unit
        kind: str
        title: str
        start: date
        owner_unit_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["owner_unit_id"] = None

    class SessionPlanned(CommitmentHolder.Event):
        number: int
        planned_on: date
        topic: str
        policy_area: str
        host: str
        audience: str

        def apply(self, series: SessionSeries) -> None:
            series.sessions[self.number] = Session(self.number, self.planned_on, self.topic)

    class SessionRescheduled(CommitmentHolder.Event):
        number: int
        planned_on: date

        def apply(self, series: SessionSeries) -> None:
            series.sessions[self.number].planned_on = self.planned_on

    class SessionCancelled(CommitmentHolder.Event):
        number: int

        def apply(self, series: SessionSeries) -> None:
            series.sessions[self.number].status = "cancelled"

    class SessionHeld(CommitmentHolder.Event):
        number: int
        held_on: date
        attendance: int
        questions: list[str]
        raised_issues: list[str]  # issue id per question, "" where a question raised none

        def apply(self, series: SessionSeries) -> None:
            session = series.sessions[self.number]
            session.status, session.held_on = "held", self.held_on
            session.raised_issues = list(self.raised_issues)

    class LeadLeaderNamed(CommitmentHolder.Event):
        """The leader who leads the series (each 会商会 is led by a city leader, seed 004)."""

        leader: str
        leader_id: UUID

        def apply(self, series: SessionSeries) -> None:
            series.lead_leader, series.lead_leader_id = self.leader, self.leader_id

    class BriefingProgressReported(CommitmentHolder.Event):
        period: str
        sessions_held: int
        summary: str

        def apply(self, series: SessionSeries) -> None:
            series.progress_reports[self.period] = self.sessions_held

    def __init__(
        self,
        *,
        owner_unit: str,
        kind: str,
        title: str,
        start: date,
        owner_unit_id: UUID | None = None,
    ) -> None:
        self.unit = owner_unit
        self.unit_id = owner_unit_id
        self.kind = SessionKind(kind)
        self.title = title
        self.start = start
        self.sessions: dict[int, Session] = {}
        self.progress_reports: dict[str, int] = {}
        self.commitments = {}
        self.lead_leader: str | None = None
        self.lead_leader_id: UUID | None = None

    @classmethod
    def establish(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        unit: str,
        kind: SessionKind,
        title: str,
        start: date,
        unit_id: UUID | None = None,
    ) -> SessionSeries:
        return cls._start(
            cls.Established,
            id=id,
            envelope=envelope,
            owner_unit=require_text(unit, "unit"),
            owner_unit_id=unit_id,
            kind=kind.value,
            title=require_text(title, "title"),
            start=start,
        )

    def name_lead_leader(self, envelope: Envelope, *, leader: str, leader_id: UUID) -> None:
        if leader_id == self.lead_leader_id:
            raise LeaderUnchangedError(f"{leader} already leads series {self.id}")
        self._record(
            self.LeadLeaderNamed,
            envelope,
            leader=require_text(leader, "lead leader"),
            leader_id=leader_id,
        )

    def plan_session(
        self,
        envelope: Envelope,
        *,
        planned_on: date,
        topic: str,
        policy_area: str,
        host: str,
        audience: str,
    ) -> int:
        number = len(self.sessions) + 1
        self._record(
            self.SessionPlanned,
            envelope,
            number=number,
            planned_on=planned_on,
            topic=require_text(topic, "topic"),
            policy_area=policy_area.strip(),
            host=require_text(host, "host official"),
            audience=audience.strip(),
        )
        return number

    def _planned(self, number: int) -> Session:
        session = self.sessions.get(number)
        if session is None:
            raise SessionNotFoundError(f"no session {number} in series {self.id}")
        if session.status != "planned":
            raise SessionNotPlannedError(f"session {number} is {session.status}")
        return session

    def reschedule_session(self, envelope: Envelope, *, number: int, planned_on: date) -> None:
        self._planned(number)
        require_reason(envelope, "rescheduling a session")
        self._record(self.SessionRescheduled, envelope, number=number, planned_on=planned_on)

    def cancel_session(self, envelope: Envelope, *, number: int) -> None:
        self._planned(number)
        require_reason(envelope, "cancelling a session")
        self._record(self.SessionCancelled, envelope, number=number)

    def hold_session(
        self,
        envelope: Envelope,
        *,
        number: int,
        attendance: int,
        questions: list[str],
        raised_issues: list[str],
    ) -> None:
        self._planned(number)
        check_business_date(envelope)
        if not 0 <= attendance <= MAX_ATTENDANCE:
            raise InvalidAmountError(f"attendance must be 0 to {MAX_ATTENDANCE}: {attendance}")
        if len(raised_issues) != len(questions):
            raise InvalidAmountError("each question needs its raised issue or an empty one")
        self._record(
            self.SessionHeld,
            envelope,
            number=number,
            held_on=envelope.effective_date,
            attendance=attendance,
            questions=[require_text(q, "question") for q in questions],
            raised_issues=list(raised_issues),
        )

    def report_progress(self, envelope: Envelope, *, period: str, summary: str) -> None:
        if self.kind is not SessionKind.POLICY_BRIEFING:
            raise NotAPolicyBriefingError(f"a {self.kind} series reports no briefing progress")
        year, half = require_half_year(period)
        if period in self.progress_reports:
            raise BriefingProgressAlreadyReportedError(f"progress for {period} is reported")
        held = sum(
            1
            for s in self.sessions.values()
            if s.held_on is not None
            and s.held_on.year == year
            and (s.held_on.month > 6) == (half == 2)
        )
        summary = require_text(summary, "summary")
        self.meet_deadline(envelope, key=f"progress:{period}")
        self._record(
            self.BriefingProgressReported,
            envelope,
            period=period,
            sessions_held=held,
            summary=summary,
        )

    def held_in(self, period: str) -> int:
        cadence = self.kind.cadence
        return sum(
            1
            for s in self.sessions.values()
            if s.held_on and period_of(s.held_on, cadence) == period
        )

    def answerable(self) -> Answerable:
        return Answerable.of(units=[self.recorded_by_unit, self.unit])

    def open_deadlines(self) -> list[Deadline]:
        cadence, missed = self.kind.cadence, {m.key for m in self.missed_deadlines.values()}
        period = period_of(self.start, cadence)
        while self.held_in(period) or f"session:{period}" in missed:
            period = next_period(period, cadence)
        owed = [
            Deadline(
                f"session:{period}",
                f"a {self.kind} held in {period}",
                period_end(period, cadence),
                self.unit,
            )
        ]
        return self.commitment_deadlines() + owed + self._progress_deadline(missed)

    def _progress_deadline(self, missed: set[str]) -> list[Deadline]:
        if self.kind is not SessionKind.POLICY_BRIEFING:
            return []
        year, half = self.start.year, 1 if self.start <= date(self.start.year, 6, 20) else 2
        while f"{year}-H{half}" in self.progress_reports or f"progress:{year}-H{half}" in missed:
            year, half = (year, 2) if half == 1 else (year + 1, 1)
        month, day = PROGRESS_DUE[half]
        what = f"policy briefing progress for {year}-H{half}"
        return [Deadline(f"progress:{year}-H{half}", what, date(year, month, day), self.unit)]
