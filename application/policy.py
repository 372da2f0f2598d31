"""Policies loaded from settings files: the deadline policy (time limits, warnings and
escalation the commands apply) and the one-vote-veto rules. Infrastructure loads them from
their files; the deadline policy's defaults follow DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class EscalationStep:
    step: str
    after_working_days: int
    addressed_to: tuple[str, ...]


@dataclass(frozen=True)
class DeadlinePolicy:
    complaint_answer_working_days: int = 7
    complaint_channels: tuple[str, ...] = ("hotline_12345", "mayors_mailbox", "online_platform")
    negotiation_answer_days: int = 3
    acceptance_working_days: int = 3  # a raised problem is accepted and routed within this
    extension_min_lead_working_days: int = 1
    bad_review_answer_working_days: int = 7
    yellow_working_days: int = 3
    late_record_working_days: int = 5
    watcher_interval_seconds: float = 60.0
    # missed periods one deadline gets recorded in one tick; the rest follow at the next
    watcher_backfill_periods: int = 12
    escalation: tuple[EscalationStep, ...] = ()
    min_reviews_to_rank: int = 10  # fewer reviews in the period: "too few reviews", unranked
    earliest_date: date = date(2016, 1, 1)  # 10 years before the system's start, 2026-01-01
    years_ahead: int = 10


@dataclass(frozen=True)
class VetoRule:
    """A one-vote-veto rule of the rules file: what a unit must have done, and how often."""

    id: str
    kind: str
    description: str
    session_kind: str = ""
    cadence: str = "monthly"
    fact: str = ""
    due: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentPolicy:
    """Who issues the office's documents, how they are numbered and whom they go to."""

    issuer: str = "示范市人民政府督查室"
    templates: str = ""  # a folder of edited templates; "" for the shipped ones
    urging_number: str = "示范督〔{year}〕{sequence}号"
    urging_new_limit_working_days: int = 5
    head_posts: tuple[str, ...] = ("局长", "主任")
    circular_addressed_to: str = "各县（市、区）人民政府，市政府各部门"
    circular_list_length: int = 3
