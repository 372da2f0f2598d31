"""Project (重大项目): a major project and the people and plan answerable for it.

Lifecycle: registered in the reserve (储备) with its investment, which fixes its tier; then
negotiation (洽谈) → signed (签约) → under construction (开工) → completed (竣工) → operating
(投产运营), one step at a time. Any stage before operating may be suspended (and resumed to the
stage it left) or cancelled; cancelled and operating are final. One lead leader (包抓领导) at a
time and a team, changed only by events; one plan of start, completion and commissioning dates,
each milestone reached once; monthly progress reports, one per month unless corrected with a
reason; commitments to the owning enterprise. A cancelled project refuses every change.
"""

from __future__ import annotations

import re
from datetime import date
from uuid import UUID

from domain.access import Answerable
from domain.commitments import CommitmentHolder
from domain.deadlines import Deadline
from domain.errors import (
    IllegalStageTransitionError,
    InvalidAmountError,
    InvalidMonthError,
    InvalidPlanError,
    InvalidYearError,
    InvestmentBelowFloorError,
    LeaderUnchangedError,
    MilestoneAlreadyReachedError,
    MilestoneNotPlannedError,
    ProgressAlreadyReportedError,
    ProgressMonthInFutureError,
    ProjectClosedError,
    ProjectNotFoundError,
    TeamMemberAlreadyAddedError,
    TeamMemberNotFoundError,
)
from domain.values import (
    RESERVE_FLOOR_YUAN,
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
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class Project(CommitmentHolder):
    not_found = ProjectNotFoundError
    state_version = 2  # 2: the lead leader's directory id

    class Registered(CommitmentHolder.Created):
        name: str
        enterprise_name: str
        enterprise_code: str
        region_code: str
        sector: str
        total_investment: int

    class LeadLeaderAssigned(CommitmentHolder.Event):
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

    class TeamMemberAdded(CommitmentHolder.Event):
        class_version = 2  # 2: the member's directory id
        member: str
        member_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["member_id"] = None

        def apply(self, project: Project) -> None:
            project.team.append(self.member)

    class TeamMemberRemoved(CommitmentHolder.Event):
        class_version = 2  # 2: the member's directory id
        member: str
        member_id: UUID | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, object]) -> None:
            """Recorded before officials were named by their directory ids: ids unknown."""
            state["member_id"] = None

        def apply(self, project: Project) -> None:
            project.team.remove(self.member)

    class PlanAdopted(CommitmentHolder.Event):
        start: date
        completion: date
        commissioning: date

        def apply(self, project: Project) -> None:
            project.plan = {
                MilestoneKind.START: self.start,
                MilestoneKind.COMPLETION: self.completion,
                MilestoneKind.COMMISSIONING: self.commissioning,
            }

    class MilestoneReached(CommitmentHolder.Event):
        milestone: str
        reached_on: date

        def apply(self, project: Project) -> None:
            project.milestones_reached[MilestoneKind(self.milestone)] = self.reached_on

    class StageAdvanced(CommitmentHolder.Event):
        from_stage: str
        to_stage: str

        def apply(self, project: Project) -> None:
            project.stage = ProjectStage(self.to_stage)

    class Suspended(CommitmentHolder.Event):
        def apply(self, project: Project) -> None:
            project.stage_before_suspension = project.stage
            project.stage = ProjectStage.SUSPENDED

    class Resumed(CommitmentHolder.Event):
        to_stage: str

        def apply(self, project: Project) -> None:
            project.stage = ProjectStage(self.to_stage)
            project.stage_before_suspension = None

    class Cancelled(CommitmentHolder.Event):
        def apply(self, project: Project) -> None:
            project.stage = ProjectStage.CANCELLED

    class ProgressReported(CommitmentHolder.Event):
        month: str
        investment_to_date: int

        def apply(self, project: Project) -> None:
            project.progress[self.month] = self.investment_to_date

    class AnnualInvestmentPlanned(CommitmentHolder.Event):
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
    ) -> None:
        self.name = name
        self.enterprise_name = enterprise_name
        self.enterprise_code = enterprise_code
        self.region_code = region_code
        self.sector = sector
        self.total_investment = total_investment
        self.stage = ProjectStage.RESERVE
        self.stage_before_suspension: ProjectStage | None = None
        self.lead_leader: str | None = None
        self.lead_leader_id: UUID | None = None
        self.team: list[str] = []
        self.plan: dict[MilestoneKind, date] | None = None
        self.milestones_reached: dict[MilestoneKind, date] = {}
        self.progress: dict[str, int] = {}
        self.commitments = {}

    @property
    def annual_plans(self) -> dict[int, int]:
        """Planned investment by year (in __dict__: older snapshots lack it)."""
        found: dict[int, int] = self.__dict__.setdefault("_annual_plans", {})
        return found

    @property
    def tier(self) -> ProjectTier:
        tier = ProjectTier.for_investment(self.total_investment)
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
        )

    def answerable(self) -> Answerable:
        return Answerable.of(
            units=[self.recorded_by_unit],
            officials=[self.lead_leader, *self.team],
            enterprise=self.enterprise_code,
            region=self.region_code,
        )

    def open_deadlines(self) -> list[Deadline]:
        if self.stage is ProjectStage.CANCELLED:
            return []
        deadlines = self.commitment_deadlines()
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
        self._record(self.LeadLeaderAssigned, envelope, leader=leader, leader_id=leader_id)

    def add_team_member(
        self, envelope: Envelope, *, member: str, member_id: UUID | None = None
    ) -> None:
        self._check_can_change()
        member = require_text(member, "team member")
        if member in self.team:
            raise TeamMemberAlreadyAddedError(f"{member} is already on the team")
        self._record(self.TeamMemberAdded, envelope, member=member, member_id=member_id)

    def remove_team_member(
        self, envelope: Envelope, *, member: str, member_id: UUID | None = None
    ) -> None:
        self._check_can_change()
        if member not in self.team:
            raise TeamMemberNotFoundError(f"{member} is not on the team")
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

    def report_progress(self, envelope: Envelope, *, month: str, investment_to_date: int) -> None:
        """Report the cumulative investment for a month; a second report for it is a correction."""
        self._check_can_change()
        match = _MONTH.match(month)
        if match is None:
            raise InvalidMonthError(f"month {month!r} is not of the form YYYY-MM")
        if (int(match[1]), int(match[2])) > (envelope.today.year, envelope.today.month):
            raise ProgressMonthInFutureError(f"month {month} has not begun yet")
        first = date(max(int(match[1]), 1), int(match[2]), 1)  # the year 0000 is no date
        envelope.bounds.check(first, f"month {month}", envelope.today)
        if investment_to_date < 0:
            raise InvalidAmountError(f"investment to date cannot be negative: {investment_to_date}")
        require_yuan(investment_to_date, "investment to date")
        if month in self.progress and not (envelope.reason or "").strip():
            raise ProgressAlreadyReportedError(
                f"progress for {month} is already reported; a correction needs a reason"
            )
        self._record(
            self.ProgressReported, envelope, month=month, investment_to_date=investment_to_date
        )
