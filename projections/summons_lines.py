"""What each summons (约谈) and referral (移交纪检监察) event did, in Chinese, given the item it
did it to: the middle of an audit description, as projections/description_lines.py gives it
for the other aggregates."""

from __future__ import annotations

from typing import Any

from projections.description_lines import Line, reason


def _proposed(e: Any, it: str) -> str:
    why = "因连续两年考核排名末位" if e.grounds == "bottom_two_years" else ""
    return f"{why}提出{it}的建议，限期整改事项 {len(e.items)} 项{reason(e)}"


def _scheduled(e: Any, it: str) -> str:
    before = f"（原定 {e.previous_on}）" if e.previous_on else ""
    return f"安排{it}于 {e.on} 在{e.place}进行{before}{reason(e)}"


def _named(person: dict[str, str]) -> str:
    return f"{person['name']}（{person['post']}）" if person.get("post") else person["name"]


def _held(e: Any, it: str) -> str:
    return (
        f"于 {e.held_on} 进行{it}，约谈 {_named(e.principal_leader)}，"
        f"由 {e.conducted_by['unit']} {_named(e.conducted_by)} 主持，到会 {len(e.attendees)} 人"
    )


def _referred(e: Any, it: str) -> str:
    evidence = f"，附证据 {len(e.evidence)} 条" if e.evidence else ""
    return f"将{it}移交{e.organ}调查处理{evidence}"


SUMMONS_LINES: dict[str, Line] = {
    "Summons.Proposed": _proposed,
    "Summons.Scheduled": _scheduled,
    "Summons.Held": _held,
    "Summons.ItemCompleted": lambda e, it: (
        f"记录{it}第{e.number}项整改事项于 {e.completed_on} 完成：{e.done}"
    ),
    "Summons.RectificationAccepted": lambda e, it: f"验收{it}的整改情况，约谈事项办结{reason(e)}",
    "Summons.Withdrawn": lambda e, it: f"撤销{it}{reason(e)}",
    "Referral.Referred": _referred,
    "Referral.OutcomeRecorded": lambda e, it: (
        f"记录{it}的调查处理结果（{e.concluded_on}）：{e.disposition}"
    ),
}
