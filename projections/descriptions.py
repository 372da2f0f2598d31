"""One Chinese sentence per event: who (the acting official), for which unit, did what, to
which item — "市发展改革委 张三 将问题「二期用地指标尚未落实」交办给 市自然资源和规划局 赵丽，
办理时限 2026-10-12". The item is named by its title (``title_of`` its creation event's data);
terms come from the label table (domain/labels.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from domain.labels import AGGREGATE_LABELS, ESCALATION_STEPS, event_label, label_of
from domain.values import Channel, IssueCategory
from projections.description_lines import ITEM_LINES, deadline_label, reason, yuan
from projections.people_lines import PEOPLE_LINES
from projections.summons_lines import SUMMONS_LINES

Describe = Callable[[Any, str], str]
TITLE_LENGTH = 40
SYSTEM_UNIT = "system"


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1] + "…"


def title_of(aggregate: str, data: Mapping[str, Any]) -> str:
    """What a person calls an item, from the data of the event that created it."""
    titles: dict[str, Callable[[], str]] = {
        "Issue": lambda: str(data["description"]),
        "Project": lambda: str(data["name"]),
        "Pairing": lambda: f"{data['official']}—{data['enterprise_name']}",
        "SessionSeries": lambda: str(data["title"]),
        "FinancingMatch": lambda: f"{data['enterprise_name']} {yuan(int(data['amount']))}",
        "Review": lambda: f"{data['subject_id']}",
        "Unit": lambda: str(data["name"]),
        "Official": lambda: str(data["name"]),
        "Enterprise": lambda: str(data["name"]),
        "DocumentNumbers": lambda: f"{data['year']}年{ESCALATION_STEPS.get(data['series'], '')}",
        "Summons": lambda: str(data["unit_name"]),
        "Referral": lambda: " ".join(
            str(n) for n in (data["unit_name"], data["official_name"]) if n
        ),
    }
    make = titles.get(aggregate)
    try:
        return _short(make()) if make else ""
    except KeyError:
        return ""


def item(aggregate: str, title: str) -> str:
    return f"{AGGREGATE_LABELS.get(aggregate, aggregate)}「{title}」"


_LINES = {**ITEM_LINES, **SUMMONS_LINES, **PEOPLE_LINES}
_SHARED: dict[str, Describe] = {
    "CommitmentMade": lambda e, it: f"就{it}向 {e.to_whom} 承诺：{e.what}，期限 {e.due_date}",
    "CommitmentKept": lambda e, it: f"记录{it}第{e.number}项承诺于 {e.kept_on} 兑现",
    "CommitmentBroken": lambda e, it: f"记录{it}第{e.number}项承诺未兑现{reason(e)}",
    "DeadlineMissed": lambda e, it: (
        f"记录{it}的{deadline_label(e.key)}（{e.due} 到期）逾期未办，责任人 {e.responsible}"
    ),
    "MissWithdrawn": lambda e, it: (
        f"撤销{it}的{deadline_label(e.key)}（{e.due} 到期）逾期认定{reason(e)}"
    ),
    "DeadlinePending": lambda e, it: (
        f"登记{it}的{deadline_label(e.key)}：自 {e.start} 起 {e.working_days} 个工作日，"
        f"待 {e.year} 年节假日安排公布后计算"
    ),
    "DeadlineCounted": lambda e, it: f"计算出{it}的{deadline_label(e.key)}为 {e.due}",
    "EscalationStepTaken": lambda e, it: (
        f"就{it}的{deadline_label(e.key)}（{e.due} 到期）逾期启动"
        f"{ESCALATION_STEPS.get(e.step, e.step)}，送 {'、'.join(e.addressed_to)}"
    ),
}


def _raised(e: Any, it: str) -> str:
    channel = label_of(Channel, e.channel)
    category = label_of(IssueCategory, e.category)
    if not e.enterprise_name:  # a unit's own rectification item (自查整改)
        return f"通过{channel}登记{it}（{category}类，原因：{e.cause}；措施：{e.measures}）"
    said = (
        f"，{e.instructing_leader}批示：{e.instruction}" if getattr(e, "instruction", None) else ""
    )
    first = getattr(e, "first_contact_unit", None)
    contact = f"，首问单位 {first}" if first else ""
    return f"通过{channel}登记{it}（{e.enterprise_name}，{category}类{contact}{said}）"


def describe(event: Any, title: str = "") -> str:
    """``title``: the item's title; a creation event names its own item."""
    aggregate, _, name = type(event).__qualname__.partition(".")
    if getattr(event, "originator_version", 0) == 1 or not title:
        title = title_of(aggregate, vars(event)) or title or str(event.originator_id)[:8]
    it = item(aggregate, title)
    if (aggregate, name) == ("Issue", "Raised"):
        what = _raised(event, it)
    else:
        line = _LINES.get(f"{aggregate}.{name}") or _SHARED.get(name)
        what = line(event, it) if line else f"对{it}{event_label(aggregate, name)}{reason(event)}"
    return f"{_who(event)} {what}"


def _who(event: Any) -> str:
    if event.unit == SYSTEM_UNIT:
        return "系统时限监测"
    return f"{event.unit} {event.actor}"
