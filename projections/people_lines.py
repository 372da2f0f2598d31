"""What each directory post and enterprise-register event did, in Chinese, given the item it
did it to: the middle of an audit description, as projections/description_lines.py gives it
for the other aggregates."""

from __future__ import annotations

from typing import Any

from domain.labels import label_of
from domain.posts import Rank
from projections.description_lines import Line, reason


def post_of(title: str, rank: str | None) -> str:
    """A post and rank as a person writes them: 科长（乡科级正职）."""
    named = "，".join(part for part in (title, label_of(Rank, rank) if rank else "") if part)
    return f"（{named}）" if named else ""


def _marks(e: Any) -> str:
    marks = [m for m, on in (("规上", e.above_scale), ("专精特新", e.specialised)) if on]
    marks += ["重点企业"] if e.key else []
    return f"，{'、'.join(marks)}" if marks else ""


PEOPLE_LINES: dict[str, Line] = {
    "Official.Registered": lambda e, it: f"登记{it}{post_of(e.title, e.rank)}",
    "Official.PostChanged": lambda e, it: (
        f"调整{it}的职务职级为{post_of(e.title, e.rank) or '（无）'}{reason(e)}"
    ),
    "Enterprise.Registered": lambda e, it: (
        f"登记{it}（{e.credit_code}，{e.sector}行业，区划 {e.region_code}{_marks(e)}）"
    ),
    "Enterprise.Reclassified": lambda e, it: (
        f"调整{it}的分类为 {e.sector}行业{_marks(e) or '，无标识'}{reason(e)}"
    ),
    "Enterprise.LeaderLinked": lambda e, it: f"明确 {e.leader_unit} {e.leader} 联系{it}",
    "Enterprise.LeaderUnlinked": lambda e, it: f"取消 {e.leader} 对{it}的联系{reason(e)}",
}
