"""Deadline policy: the time limits, warning and escalation settings the commands apply.

Loaded from the time-limit settings file by infrastructure; defaults follow DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    extension_min_lead_working_days: int = 1
    bad_review_answer_working_days: int = 7
    yellow_working_days: int = 3
    late_record_working_days: int = 5
    watcher_interval_seconds: float = 60.0
    escalation: tuple[EscalationStep, ...] = ()
