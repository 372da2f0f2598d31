"""What the major project register adds to a project: the year's list it is on and the rhythm
of its reports (seeds 000, 001, 003).

A project is listed for a year on the province's or the city's list of major projects (省列/
市列), as 新开工 (starting that year) or 续建 (already under construction); relisting a year is a
correction and needs a reason. A listed project owes a weekly update every Friday of its list
year after the listing (周调度: 每周五更新, seed 003) and a quarter-end report by the 25th of each
quarter's last month (每季度末月25日前, seed 001), while it is being built: neither is owed once
it is operating or cancelled, nor while it is suspended. The service liaison (服务联络员, seed
003) answers for both, or the lead leader while no liaison is named.

A due day that is not a working day moves to the next working day (民法典 第二百零三条: a period
whose last day is a holiday ends on the day after the holiday), so a Friday in the National Day
week is owed on the first working day after it. Which days move is counted on the official
calendar when the project is listed, and recorded with the listing: replay and the deadline
watcher never need the calendar, and a year the calendar does not know cannot be listed yet.

一包到底: when the project enters operation its lead leader, liaison and team are carried over
(recorded once, ``ServiceCarriedOver``); from then on changing any of them needs a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from domain.calendar import WorkingCalendar
from domain.commitments import CommitmentHolder
from domain.deadlines import Deadline
from domain.errors import (
    ConstructionContradictsStageError,
    InvalidPeriodError,
    InvalidWeekError,
    InvalidYearError,
    LiaisonUnchangedError,
    ProjectNotListedError,
    QuarterReportAlreadySubmittedError,
    ReportPeriodNotBegunError,
    ServiceTeamKeptError,
    WeeklyUpdateAlreadySubmittedError,
)
from domain.values import (
    Construction,
    Envelope,
    ListLevel,
    MilestoneKind,
    ProjectStage,
    check_business_date,
    require_reason,
    require_text,
    shanghai_date,
)

_WEEK = re.compile(r"^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_BUILDING = frozenset({ProjectStage.UNDER_CONSTRUCTION})
NOT_OWED = frozenset({ProjectStage.OPERATING, ProjectStage.CANCELLED, ProjectStage.SUSPENDED})


@dataclass(frozen=True)
class Listing:
    year: int
    level: ListLevel
    construction: Construction
    listed_on: date
    moved: dict[str, date]  # a nominal due day that is no working day → the day it moves to


def friday_of(week: str) -> date:
    """The Friday of an ISO week such as 2026-W40."""
    match = _WEEK.match(week)
    if match is None:
        raise InvalidWeekError(f"week {week!r} is not of the form 2026-W40")
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 5)
    except ValueError:
        raise InvalidWeekError(f"{match[1]} has no week {int(match[2])}") from None


def week_of(friday: date) -> str:
    year, week, _ = friday.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_due(quarter: str) -> date:
    """The 25th of the quarter's last month: 2026-Q3 → 2026-09-25."""
    match = _QUARTER.match(quarter)
    if match is None:
        raise InvalidPeriodError(f"quarter {quarter!r} is not of the form 2026-Q3")
    return date(int(match[1]), int(match[2]) * 3, 25)


def nominal_due_days(year: int) -> list[date]:
    """Every Friday of the year and the 25th of March, June, September and December."""
    day = date(year, 1, 1)
    day += timedelta(days=(4 - day.weekday()) % 7)
    fridays = [day + timedelta(weeks=n) for n in range(53)]
    quarters = [date(year, month, 25) for month in (3, 6, 9, 12)]
    return sorted({d for d in fridays if d.year == year} | set(quarters))


def moved_due_days(calendar: WorkingCalendar, year: int) -> dict[str, date]:
    """The nominal due days of ``year`` that are no working days, each with the next working
    day. Raises ``CalendarYearUnknownError`` when the calendar does not cover the days."""
    moved: dict[str, date] = {}
    for day in nominal_due_days(year):
        if calendar.is_working_day(day):
            continue
        later = day + timedelta(days=1)
        while not calendar.is_working_day(later):
            later += timedelta(days=1)
        moved[day.isoformat()] = later
    return moved


class ScheduledProject(CommitmentHolder):
    """The register's part of a project; ``Project`` (domain/project.py) is the aggregate."""

    if TYPE_CHECKING:  # set by Project.__init__; a class annotation would make a dataclass
        stage: ProjectStage
        stage_before_suspension: ProjectStage | None
        construction: Construction
        lead_leader: str | None
        team: list[str]
        milestones_reached: dict[MilestoneKind, date]
        listings: dict[int, Listing]
        liaison: str | None
        liaison_id: UUID | None
        weekly_updates: dict[str, date]
        quarter_reports: dict[str, date]
        carried_over_on: date | None
        paused: list[tuple[date, date | None]]  # suspended from, resumed on (None: still)

    class Listed(CommitmentHolder.Event):
        year: int
        level: str
        construction: str
        moved_due: dict[str, str]  # nominal due day → working day it moves to, both ISO
        calendar: str  # the calendar data that decided which days move

        def apply(self, project: ScheduledProject) -> None:
            project.listings[self.year] = Listing(
                self.year,
                ListLevel(self.level),
                Construction(self.construction),
                self.business_date or shanghai_date(self.timestamp),
                {k: date.fromisoformat(v) for k, v in self.moved_due.items()},
            )

    class LiaisonAssigned(CommitmentHolder.Event):
        liaison: str
        liaison_id: UUID | None

        def apply(self, project: ScheduledProject) -> None:
            project.liaison = self.liaison
            project.liaison_id = self.liaison_id

    class WeeklyUpdateSubmitted(CommitmentHolder.Event):
        week: str
        summary: str

        def apply(self, project: ScheduledProject) -> None:
            project.weekly_updates[self.week] = self.business_date or shanghai_date(self.timestamp)

    class QuarterReportSubmitted(CommitmentHolder.Event):
        quarter: str
        summary: str

        def apply(self, project: ScheduledProject) -> None:
            day = self.business_date or shanghai_date(self.timestamp)
            project.quarter_reports[self.quarter] = day

    class ServiceCarriedOver(CommitmentHolder.Event):
        """一包到底: who served the project while it was built serves it in operation."""

        leader: str | None
        liaison: str | None
        team: list[str]

        def apply(self, project: ScheduledProject) -> None:
            project.carried_over_on = self.business_date or shanghai_date(self.timestamp)

    def _check_can_change(self) -> None:
        raise NotImplementedError

    def keep_service_team(self, envelope: Envelope, what: str) -> None:
        """一包到底: once in operation, the people who serve the project change with a reason."""
        if self.stage is ProjectStage.OPERATING and not (envelope.reason or "").strip():
            raise ServiceTeamKeptError(
                f"{what} of a project in operation is kept (一包到底); a change needs a reason"
            )

    def list_for_year(
        self,
        envelope: Envelope,
        *,
        year: int,
        level: ListLevel,
        construction: Construction,
        calendar: WorkingCalendar,
    ) -> None:
        """List the project for this year or the next; relisting a year needs a reason."""
        self._check_can_change()
        if year not in (envelope.today.year, envelope.today.year + 1):
            raise InvalidYearError(f"a project is listed for this year or the next, not {year}")
        self._check_construction(year, construction)
        if year in self.listings:
            require_reason(envelope, f"relisting the project for {year}")
        moved = moved_due_days(calendar, year)
        self._record(
            self.Listed,
            envelope,
            year=year,
            level=level.value,
            construction=construction.value,
            moved_due={k: v.isoformat() for k, v in moved.items()},
            calendar=calendar.source_for(year),
        )

    def _check_construction(self, year: int, construction: Construction) -> None:
        stage = self.stage_before_suspension or self.stage
        if stage is ProjectStage.OPERATING or stage is ProjectStage.COMPLETED:
            raise ConstructionContradictsStageError(
                f"a project in stage {stage} is no longer listed as being built"
            )
        if construction is Construction.CONTINUING and stage not in _BUILDING:
            raise ConstructionContradictsStageError(
                f"续建 is for a project under construction; this one is in stage {stage}"
            )
        started = self.milestones_reached.get(MilestoneKind.START)
        started_before = self.construction is Construction.CONTINUING or (
            started is not None and started.year < year
        )
        if construction is Construction.NEW_START and started_before:
            raise ConstructionContradictsStageError(
                f"新开工 in {year} is for a project not started before {year}"
            )

    def assign_liaison(
        self, envelope: Envelope, *, liaison: str, liaison_id: UUID | None = None
    ) -> None:
        self._check_can_change()
        liaison = require_text(liaison, "service liaison")
        if liaison == self.liaison:
            raise LiaisonUnchangedError(f"{liaison} is already the project's service liaison")
        self.keep_service_team(envelope, "the service liaison")
        self._record(self.LiaisonAssigned, envelope, liaison=liaison, liaison_id=liaison_id)

    def submit_weekly_update(self, envelope: Envelope, *, week: str, summary: str) -> None:
        """The week's update (每周五更新); a second one for the week is a correction."""
        self._check_can_change()
        check_business_date(envelope)
        friday = friday_of(week)
        if friday - timedelta(days=4) > envelope.today:
            raise ReportPeriodNotBegunError(f"week {week} has not begun yet")
        if friday.year not in self.listings:
            raise ProjectNotListedError(f"the project is not on a list of {friday.year}")
        if week in self.weekly_updates and not (envelope.reason or "").strip():
            raise WeeklyUpdateAlreadySubmittedError(
                f"the update for {week} is submitted; a correction needs a reason"
            )
        summary = require_text(summary, "weekly update")
        self.meet_deadline(envelope, key=f"weekly:{week}")
        self._record(self.WeeklyUpdateSubmitted, envelope, week=week, summary=summary)

    def submit_quarter_report(self, envelope: Envelope, *, quarter: str, summary: str) -> None:
        """The quarter-end report (季度末月25日前); a second one for it is a correction."""
        self._check_can_change()
        check_business_date(envelope)
        due = quarter_due(quarter)
        if date(due.year, due.month - 2, 1) > envelope.today:
            raise ReportPeriodNotBegunError(f"quarter {quarter} has not begun yet")
        if due.year not in self.listings:
            raise ProjectNotListedError(f"the project is not on a list of {due.year}")
        if quarter in self.quarter_reports and not (envelope.reason or "").strip():
            raise QuarterReportAlreadySubmittedError(
                f"the report for {quarter} is submitted; a correction needs a reason"
            )
        summary = require_text(summary, "quarter-end report")
        self.meet_deadline(envelope, key=f"quarterly:{quarter}")
        self._record(self.QuarterReportSubmitted, envelope, quarter=quarter, summary=summary)

    def carry_over_service(self, envelope: Envelope) -> None:
        """Called as the project enters operation (一包到底)."""
        self._record(
            self.ServiceCarriedOver,
            envelope,
            leader=self.lead_leader,
            liaison=self.liaison,
            team=list(self.team),
        )

    def reporting_deadlines(self) -> list[Deadline]:
        if self.stage in NOT_OWED or not self.listings:
            return []
        missed = {m.key for m in self.missed_deadlines.values()}
        who = self.liaison or self.lead_leader or "(no service liaison)"
        owed = []
        for friday in self._fridays():
            if self._paused_on(friday):
                continue
            week = week_of(friday)
            if week not in self.weekly_updates and f"weekly:{week}" not in missed:
                what = f"weekly update for {week}"
                owed.append(Deadline(f"weekly:{week}", what, self._due(friday), who))
                break
        for quarter, nominal in self._quarters():
            if self._paused_on(nominal):
                continue
            if quarter not in self.quarter_reports and f"quarterly:{quarter}" not in missed:
                what = f"quarter-end report for {quarter}"
                owed.append(Deadline(f"quarterly:{quarter}", what, self._due(nominal), who))
                break
        return owed

    def _paused_on(self, day: date) -> bool:
        """Reports due while the project stood suspended are not owed (nor missed)."""
        return any(since <= day and (until is None or day < until) for since, until in self.paused)

    def _due(self, nominal: date) -> date:
        listing = self.listings.get(nominal.year)
        return listing.moved.get(nominal.isoformat(), nominal) if listing else nominal

    def _fridays(self) -> Iterator[date]:
        for year, listing in sorted(self.listings.items()):
            day = max(listing.listed_on + timedelta(days=1), date(year, 1, 1))
            day += timedelta(days=(4 - day.weekday()) % 7)
            while day.year == year:
                yield day
                day += timedelta(weeks=1)

    def _quarters(self) -> Iterator[tuple[str, date]]:
        for year, listing in sorted(self.listings.items()):
            for q in range(1, 5):
                nominal = date(year, q * 3, 25)
                if nominal > listing.listed_on:
                    yield f"{year}-Q{q}", nominal
