"""Project (重大项目): a major project and the people and plan answerable for it.

Lifecycle: registered in the reserve (储备) with its investment, which fixes its tier; then
negotiation (洽谈) → signed (签约) → under construction (开工) → completed (竣工) → operating
(投产运营), one step at a time. Any stage before operating may be suspended (and resumed to the
stage it left) or cancelled; cancelled and operating are final. One lead leader (包抓领导) at a
time and a team, changed only by events; one plan of start, completion and commissioning dates,
each milestone reached once; monthly progress reports, one per month unless corrected with a
reason; commitments to the owning enterprise. A cancelled project refuses every change.

Registered as 新开工 it starts in the reserve; registered as 续建 (already being built when the
register takes it) it starts under construction. A real-estate project is registered as such
and never falls in the ≥5亿 tiers (ProjectTier). The year's lists, the service liaison, the
weekly and quarter-end reports and the carry-over into operation (一包到底) are in
domain/project_cadence.py. A month's progress gives the investment to date, the month's
completed investment (the step from the month before when that was reported) and its 形象进度.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.access import Answerable
from domain.deadlines import Deadline
from domain.errors import (
    IllegalStageTransitionError,
    InvalidAmountError,
    InvalidPlanError,
    InvalidYearError,
    InvestmentBelowFloorError,
    LeaderUnchangedError,
    MilestoneAlreadyReachedError,
    MilestoneNotPlannedError,
    ProgressAlreadyReportedError,
    ProjectClosedError,
    ProjectNotFoundError,
    TeamMemberAlreadyAddedError,
    TeamMemberNotFoundError,
)
from domain.project_cadence import ScheduledProject
from domain.project_progress import check_month, month_step
from domain.values import (
    RESERVE_FLOOR_YUAN,
    Construction,
    Envelope,
    MilestoneKind,
    ProjectStage,
    ProjectTier,
    check_business_date,
    require_credit_code,
    require_reason,
    require_region_code,
    require_text,
    require_yuan,
    shanghai_date,
)

STAGE_ORDER: tuple[ProjectStage, ...] = (
    ProjectStage.RESERVE,
    ProjectStage.NEGOTIATION,
    ProjectStage.SIGNED,
    ProjectStage.UNDER_CONSTRUCTION,
    ProjectStage.COMPLETED,
    ProjectStage.OPERATING,
)
FINAL_STAGES = frozenset({ProjectStage.OPERATING, ProjectStage.CANCELLED})


class Project(ScheduledProject):
    not_found = ProjectNotFoundError
    # 2: the lead leader's directory id; 3: the register's lists, liaison, reports, 形象进度
    state_version = 3

    class Registered(ScheduledProject.Created):
        class_version = 2  # 2: real estate or not, 新开工 or 续建
        name: str
        enterprise_name: str
        enterprise_code: str
        region_code: str
        sector: str
        total_investment: int
        real_estate: bool
        construction: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Registered before the register kept them: not real estate, a new start."""
            state["real_estate"] = False
            state["construction"] = Construction.NEW_START.value

    class LeadLeaderAssigned(ScheduledProject.Event):
        class_version = 2  # 2: the leader's directory id
        leader: str
        leader_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["leader_id"] = None

        def apply(self, project: Project) -> None:
            project.lead_leader = self.leader
            project.lead_leader_id = self.leader_id

    class TeamMemberAdded(ScheduledProject.Event):
        class_version = 2  # 2: the member's directory id
        member: str
        member_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["member_id"] = None

        def apply(self, project: Project) -> None:
            project.team.append(self.member)

    class TeamMemberRemoved(ScheduledProject.Event):
        class_version = 2  # 2: the member's directory id
        member: str
        member_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["member_id"] = None

        def apply(self, project: Project) -> None:
            project.team.remove(self.member)

    class PlanAdopted(ScheduledProject.Event):
        start: date
        completion: date
        commissioning: date

        def apply(self, project: Project) -> None:
            project.plan = {
                MilestoneKind.START: self.start,
                MilestoneKind.COMPLETION: self.completion,
                MilestoneKind.COMMISSIONING: self.commissioning,
            }

    class MilestoneReached(ScheduledProject.Event):
        milestone: str
        reached_on: date

        def apply(self, project: Project) -> None:
            project.milestones_reached[MilestoneKind(self.milestone)] = self.reached_on

    class StageAdvanced(ScheduledProject.Event):
        from_stage: str
        to_stage: str

        def apply(self, project: Project) -> None:
            project.stage = ProjectStage(self.to_stage)

    class Suspended(ScheduledProject.Event):
        def apply(self, project: Project) -> None:
            project.stage_before_suspension = project.stage
            project.stage = ProjectStage.SUSPENDED
            project.paused.append((self.business_date or shanghai_date(self.timestamp), None))

    class Resumed(ScheduledProject.Event):
        to_stage: str

        def apply(self, project: Project) -> None:
            project.stage = ProjectStage(self.to_stage)
            project.stage_before_suspension = None
            if project.paused:  # reports fall due again from the day it resumed
                since, _ = project.paused[-1]
                project.paused[-1] = (since, self.business_date or shanghai_date(self.timestamp))

    class Cancelled(ScheduledProject.Event):
        def apply(self, project: Project) -> None:
            project.stage = ProjectStage.CANCELLED

    class ProgressReported(ScheduledProject.Event):
        class_version = 2  # 2: the month's completed investment and 形象进度
        month: str
        investment_to_date: int
        month_investment: int | None  # None: neither reported nor known from the month before
        image_progress: str  # 形象进度, "" when not reported

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Reported before the month's figure and 形象进度 were kept: neither known."""
            state["month_investment"] = None
            state["image_progress"] = ""

        def apply(self, project: Project) -> None:
            project.progress[self.month] = self.investment_to_date
            if self.month_investment is None:
                project.month_investment.pop(self.month, None)
            else:
                project.month_investment[self.month] = self.month_investment
            project.image_progress[self.month] = self.image_progress

    class AnnualInvestmentPlanned(ScheduledProject.Event):
        year: int
        amount: int  # yuan planned to be invested in that year (年度计划投资)

        def apply(self, project: Project) -> None:
            project.annual_plans[self.year] = self.amount

    def __init__(
        self,
        *,
        name: str,
        enterprise_name: str,
        enterprise_code: str,
        region_code: str,
        sector: str,
        total_investment: int,
        real_estate: bool,
        construction: str,
    ) -> None:
        self.name = name
        self.enterprise_name = enterprise_name
        self.enterprise_code = enterprise_code
        self.region_code = region_code
        self.sector = sector
        self.total_investment = total_investment
        self.real_estate = real_estate
        self.construction = Construction(construction)
        building = self.construction is Construction.CONTINUING
        self.stage = ProjectStage.UNDER_CONSTRUCTION if building else ProjectStage.RESERVE
        self.stage_before_suspension: ProjectStage | None = None
        self.lead_leader: str | None = None
        self.lead_leader_id: UUID | None = None
        self.team: list[str] = []
        self.plan: dict[MilestoneKind, date] | None = None
        self.milestones_reached: dict[MilestoneKind, date] = {}
        self.progress: dict[str, int] = {}
        self.month_investment: dict[str, int] = {}
        self.image_progress: dict[str, str] = {}
        self.listings = {}
        self.liaison = None
        self.liaison_id = None
        self.weekly_updates = {}
        self.quarter_reports = {}
        self.carried_over_on = None
        self.paused = []
        self.commitments = {}

    @property
    def annual_plans(self) -> dict[int, int]:
        """Planned investment by year (in __dict__: older snapshots lack it)."""
        found: dict[int, int] = self.__dict__.setdefault("_annual_plans", {})
        return found

    @property
    def tier(self) -> ProjectTier:
        tier = ProjectTier.for_investment(self.total_investment, real_estate=self.real_estate)
        assert tier is not None  # registration refuses investments below the floor
        return tier

    @classmethod
    def register(
        cls,
        envelope: Envelope,
        *,
        id: UUID,
        name: str,
        enterprise_name: str,
        enterprise_code: str,
        region_code: str,
        sector: str,
        total_investment: int,
        real_estate: bool = False,
        construction: Construction = Construction.NEW_START,
    ) -> Project:
        if ProjectTier.for_investment(total_investment) is None:
            raise InvestmentBelowFloorError(
                f"total investment {total_investment} yuan is below the reserve floor of "
                f"{RESERVE_FLOOR_YUAN} yuan (1000万)"
            )
        return cls._start(
            cls.Registered,
            id=id,
            envelope=envelope,
            name=require_text(name, "project name"),
            enterprise_name=require_text(enterprise_name, "enterprise name"),
            enterprise_code=require_credit_code(enterprise_code),
            region_code=require_region_code(region_code),
            sector=require_text(sector, "sector"),
            total_investment=require_yuan(total_investment, "total investment"),
            real_estate=bool(real_estate),
            construction=Construction(construction).value,
        )

    def answerable(self) -> Answerable:
        return Answerable.of(
            units=[self.recorded_by_unit],
            officials=[self.lead_leader, self.liaison, *self.team],
            enterprise=self.enterprise_code,
            region=self.region_code,
        )

    def open_deadlines(self) -> list[Deadline]:
        if self.stage is ProjectStage.CANCELLED:
            return []
        deadlines = self.commitment_deadlines() + self.reporting_deadlines()
        if self.plan is None or self.stage is ProjectStage.SUSPENDED:
            return deadlines  # a suspended project's plan is paused until it resumes
        responsible = self.lead_leader or "(no lead leader)"
        for kind, planned in self.plan.items():
            if kind not in self.milestones_reached:
                what = f"planned {kind.value} milestone"
                deadlines.append(Deadline(f"milestone:{kind.value}", what, planned, responsible))
        return deadlines

    def _check_can_change(self) -> None:
        if self.stage is ProjectStage.CANCELLED:
            raise ProjectClosedError(f"project {self.id} is cancelled and takes no more changes")

    def assign_lead_leader(
        self, envelope: Envelope, *, leader: str, leader_id: UUID | None = None
    ) -> None:
        self._check_can_change()
        leader = require_text(leader, "lead leader")
        if leader == self.lead_leader:
            raise LeaderUnchangedError(f"{leader} already leads project {self.id}")
        self.keep_service_team(envelope, "the lead leader")
        self._record(self.LeadLeaderAssigned, envelope, leader=leader, leader_id=leader_id)

    def add_team_member(
        self, envelope: Envelope, *, member: str, member_id: UUID | None = None
    ) -> None:
        self._check_can_change()
        member = require_text(member, "team member")
        if member in self.team:
            raise TeamMemberAlreadyAddedError(f"{member} is already on the team")
        self.keep_service_team(envelope, "the team")
        self._record(self.TeamMemberAdded, envelope, member=member, member_id=member_id)

    def remove_team_member(
        self, envelope: Envelope, *, member: str, member_id: UUID | None = None
    ) -> None:
        self._check_can_change()
        if member not in self.team:
            raise TeamMemberNotFoundError(f"{member} is not on the team")
        self.keep_service_team(envelope, "the team")
        self._record(self.TeamMemberRemoved, envelope, member=member, member_id=member_id)

    def adopt_plan(
        self, envelope: Envelope, *, start: date, completion: date, commissioning: date
    ) -> None:
        """Adopt the plan; adopting again is a revision and must give a reason."""
        self._check_can_change()
        if not start <= completion <= commissioning:
            raise InvalidPlanError(
                "planned dates must run start ≤ completion ≤ commissioning, got "
                f"{start}, {completion}, {commissioning}"
            )
        if self.plan is not None:
            require_reason(envelope, "revising an adopted plan")
        self._record(
            self.PlanAdopted,
            envelope,
            start=start,
            completion=completion,
            commissioning=commissioning,
        )

    def reach_milestone(self, envelope: Envelope, *, milestone: MilestoneKind) -> None:
        self._check_can_change()
        check_business_date(envelope)
        if self.plan is None:
            raise MilestoneNotPlannedError(f"project {self.id} has no adopted plan yet")
        if milestone in self.milestones_reached:
            raise MilestoneAlreadyReachedError(
                f"milestone {milestone} was reached on {self.milestones_reached[milestone]}"
            )
        self.meet_deadline(envelope, key=f"milestone:{milestone.value}")
        self._record(
            self.MilestoneReached,
            envelope,
            milestone=milestone.value,
            reached_on=envelope.effective_date,
        )

    def advance_stage(self, envelope: Envelope, *, to: ProjectStage) -> None:
        self._check_can_change()
        if self.stage in STAGE_ORDER[:-1]:
            following = STAGE_ORDER[STAGE_ORDER.index(self.stage) + 1]
        else:
            following = None
        if to is not following:
            raise IllegalStageTransitionError(
                f"a project in stage {self.stage} cannot advance to {to}"
                + (f"; the next stage is {following}" if following else "")
            )
        self._record(self.StageAdvanced, envelope, from_stage=self.stage.value, to_stage=to.value)
        if to is ProjectStage.OPERATING:
            self.carry_over_service(envelope)

    def suspend(self, envelope: Envelope) -> None:
        self._check_can_change()
        require_reason(envelope, "suspending a project")
        if self.stage in FINAL_STAGES or self.stage is ProjectStage.SUSPENDED:
            raise IllegalStageTransitionError(
                f"a project in stage {self.stage} cannot be suspended"
            )
        self._record(self.Suspended, envelope)

    def resume(self, envelope: Envelope) -> None:
        self._check_can_change()
        if self.stage_before_suspension is None:
            raise IllegalStageTransitionError(f"project {self.id} is not suspended")
        self._record(self.Resumed, envelope, to_stage=self.stage_before_suspension.value)

    def cancel(self, envelope: Envelope) -> None:
        self._check_can_change()
        require_reason(envelope, "cancelling a project")
        if self.stage is ProjectStage.OPERATING:
            raise IllegalStageTransitionError("an operating project cannot be cancelled")
        self._record(self.Cancelled, envelope)

    def plan_annual_investment(self, envelope: Envelope, *, year: int, amount: int) -> None:
        """Set the investment planned for a year, within the total; revising it needs a reason."""
        self._check_can_change()
        if not 2000 <= year <= 2100:
            raise InvalidYearError(f"{year} is not a plan year")
        if not 0 < amount <= self.total_investment:
            raise InvalidAmountError(
                f"a year's planned investment lies between 1 yuan and the total investment "
                f"{self.total_investment}; got {amount}"
            )
        if year in self.annual_plans:
            require_reason(envelope, "revising a year's planned investment")
        self._record(self.AnnualInvestmentPlanned, envelope, year=year, amount=amount)

    def report_progress(
        self,
        envelope: Envelope,
        *,
        month: str,
        investment_to_date: int,
        month_investment: int | None = None,
        image_progress: str | None = None,
    ) -> None:
        """Report a month: the investment to date, the month's completed investment and its
        形象进度. With the month before reported, the month's figure is the step from it (given
        or not); a second report for a month is a correction and needs a reason."""
        self._check_can_change()
        first = check_month(envelope, month)
        if investment_to_date < 0:
            raise InvalidAmountError(f"investment to date cannot be negative: {investment_to_date}")
        require_yuan(investment_to_date, "investment to date")
        if month in self.progress and not (envelope.reason or "").strip():
            raise ProgressAlreadyReportedError(
                f"progress for {month} is already reported; a correction needs a reason"
            )
        month_investment = month_step(self.progress, first, investment_to_date, month_investment)
        self._record(
            self.ProgressReported,
            envelope,
            month=month,
            investment_to_date=investment_to_date,
            month_investment=month_investment,
            image_progress=require_text(image_progress, "形象进度") if image_progress else "",
        )
