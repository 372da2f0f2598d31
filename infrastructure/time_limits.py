"""Loads the time-limit settings file (infrastructure/config/time_limits.toml by default)."""

from __future__ import annotations

import os
import tomllib
from datetime import date
from pathlib import Path

from application.policy import DeadlinePolicy, EscalationStep

DEFAULT_TIME_LIMITS = Path(__file__).parent / "config" / "time_limits.toml"


def load_policy(path: Path | None = None) -> DeadlinePolicy:
    path = path or Path(os.environ.get("DUBAN_TIME_LIMITS") or DEFAULT_TIME_LIMITS)
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    issues = raw.get("issues", {})
    bounds = raw.get("bounds", {})
    start: date = bounds.get("system_start", date(2026, 1, 1))
    before = int(bounds.get("years_before_start", 10))
    return DeadlinePolicy(
        complaint_answer_working_days=int(issues.get("complaint_answer_working_days", 7)),
        complaint_channels=tuple(issues.get("complaint_channels", ())),
        negotiation_answer_days=int(issues.get("negotiation_answer_days", 3)),
        acceptance_working_days=int(issues.get("acceptance_working_days", 3)),
        extension_min_lead_working_days=int(issues.get("extension_min_lead_working_days", 1)),
        bad_review_answer_working_days=int(
            raw.get("reviews", {}).get("bad_review_answer_working_days", 7)
        ),
        yellow_working_days=int(raw.get("traffic_light", {}).get("yellow_working_days", 3)),
        late_record_working_days=int(raw.get("late_record", {}).get("working_days", 5)),
        watcher_interval_seconds=float(raw.get("watcher", {}).get("interval_seconds", 60)),
        min_reviews_to_rank=int(raw.get("rankings", {}).get("min_reviews", 10)),
        watcher_backfill_periods=int(raw.get("watcher", {}).get("backfill_periods", 12)),
        earliest_date=date(max(start.year - before, 1), 1, 1),
        years_ahead=int(bounds.get("years_ahead", 10)),
        escalation=tuple(
            EscalationStep(e["step"], int(e["after_working_days"]), tuple(e["addressed_to"]))
            for e in raw.get("escalation", [])
        ),
    )
