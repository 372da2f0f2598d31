"""Loads the one-vote-veto rules file (infrastructure/config/veto_rules.toml by default)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from application.policy import VetoRule

DEFAULT_RULES = Path(__file__).parent / "config" / "veto_rules.toml"


def load_rules(path: Path | None = None) -> list[VetoRule]:
    path = path or Path(os.environ.get("DUBAN_VETO_RULES") or DEFAULT_RULES)
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    return [
        VetoRule(
            id=rule["id"],
            kind=rule["kind"],
            description=rule.get("description", ""),
            session_kind=rule.get("session_kind", ""),
            cadence=rule.get("cadence", "monthly"),
            fact=rule.get("fact", ""),
            due=tuple(rule.get("due", ())),
        )
        for rule in raw.get("rule", [])
    ]
