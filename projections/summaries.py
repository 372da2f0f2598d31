"""The documents the register and ledger keep for each aggregate: what a query answers."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import msgspec

from domain.calendar import Light
from domain.commitments import Commitment, CommitmentHolder
from domain.values import (
    Channel,
    Construction,
    IssueCategory,
    IssueStatus,
    ListLevel,
    MilestoneKind,
    ProjectStage,
    ProjectTier,
)


class CommitmentSummary(msgspec.Struct, kw_only=True):
    number: int
    what: str
    to_whom: str
    made_by: str
    made_on: date
    due_date: date
    status: str
    kept_on: date | None = None
    broken_on: date | None = None
    broken_reason: str | None = None


def commitment_summary(commitment: Commitment) -> CommitmentSummary:
    return CommitmentSummary(
        number=commitment.number,
        what=commitment.what,
        to_whom=commitment.to_whom,
        made_by=commitment.made_by,
        made_on=commitment.made_on,
        due_date=commitment.due_date,
        status=commitment.status,
        kept_on=commitment.kept_on,
        broken_on=commitment.broken_on,
        broken_reason=commitment.broken_reason,
    )


def commitments_of(holder: CommitmentHolder) -> list[CommitmentSummary]:
    return [commitment_summary(c) for c in holder.commitments.values()]


class IssueSummary(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Fields with a default (intake and routing) are written only when they say something,
    so a document stored before them writes out again byte for byte."""

    id: UUID
    status: IssueStatus
    channel: Channel
    category: IssueCategory
    enterprise_code: str
    enterprise_name: str
    project_id: UUID | None
    description: str
    source_kind: str | None
    source_ref: str | None
    responsible_unit: str | None
    responsible_person: str | None
    time_limit: date | None
    escalations: list[str]
    progress_count: int
    last_progress_note: str | None
    outcome: str | None
    confirmed_by: str | None
    reopen_count: int
    commitments: list[CommitmentSummary]
    raised_at: datetime
    updated_at: datetime
    version: int
    light: Light | None  # green/yellow/red while assigned; computed when queried
    # intake and routing (seeds 001–004); defaults for rows written before they were kept
    first_contact_unit: str | None = None  # 首问负责
    routing_unit: str | None = None  # answers for the acceptance limit while raised
    acceptance_limit: date | None = None
    instructing_leader: str | None = None  # 领导交办 and its 批示
    instruction: str | None = None
    one_by_one: bool = False  # 一事一督办
    cause: str | None = None  # a rectification item's 原因 and 措施
    measures: str | None = None
    transfers: int = 0  # 转办
    returns: int = 0  # 退回
    assisting: list[AssistingPartSummary] = msgspec.field(default_factory=list)  # 协办
    reply_rule: str | None = None  # the written answer owed: complaint, negotiation
    reply_by: date | None = None
    replied_on: date | None = None
    one_time_notice: list[str] | None = None  # 一次性告知


class AssistingPartSummary(msgspec.Struct, kw_only=True):
    number: int
    unit: str
    person: str
    part: str
    due: date | None
    completed_on: date | None
    answer: str | None
    withdrawn: bool


class MilestoneSummary(msgspec.Struct, kw_only=True):
    milestone: MilestoneKind
    planned: date
    reached_on: date | None


class ProgressSummary(msgspec.Struct, kw_only=True):
    month: str
    investment_to_date: int
    month_investment: int | None = None  # 本月完成投资, when reported or known
    image_progress: str = ""  # 形象进度


class ListingSummary(msgspec.Struct, kw_only=True):
    year: int
    level: ListLevel
    construction: Construction
    listed_on: date


class AnnualPlanSummary(msgspec.Struct, kw_only=True):
    year: int
    amount: int  # 年度计划投资
    completed: int | None  # completed in the year by the latest report
    completion: float | None  # completed ÷ amount, to four places


class ProjectSummary(msgspec.Struct, kw_only=True):
    id: UUID
    name: str
    enterprise_name: str
    enterprise_code: str
    region_code: str
    sector: str
    total_investment: int
    tier: ProjectTier
    stage: ProjectStage
    lead_leader: str | None
    team: list[str]
    milestones: list[MilestoneSummary]
    progress: list[ProgressSummary]
    commitments: list[CommitmentSummary]
    registered_at: datetime
    updated_at: datetime
    version: int
    real_estate: bool = False
    construction: Construction = Construction.NEW_START
    liaison: str | None = None  # 服务联络员
    listings: list[ListingSummary] = msgspec.field(default_factory=list)
    annual_plans: list[AnnualPlanSummary] = msgspec.field(default_factory=list)
    weekly_updates: list[str] = msgspec.field(default_factory=list)  # weeks, 2026-W40
    quarter_reports: list[str] = msgspec.field(default_factory=list)  # quarters, 2026-Q3
    carried_over_on: date | None = None  # 一包到底: the day it entered operation
