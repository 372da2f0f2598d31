"""An API answer laid out as a page's tables: field names in Chinese, enum values by their
labels (domain/labels.py), nested lists as tables of their own or counted."""

from __future__ import annotations

from typing import Any

from domain.labels import AGGREGATE_LABELS, ENUM_LABELS, event_label

FIELD_LABELS = {
    "name": "名称",
    "title": "标题",
    "unit": "单位",
    "official": "人员",
    "period": "期间",
    "status": "状态",
    "stage": "阶段",
    "tier": "投资规模",
    "sector": "行业",
    "enterprise_name": "企业",
    "enterprise_code": "信用代码",
    "region_code": "区划",
    "total_investment": "总投资（万元）",
    "lead_leader": "包抓领导",
    "team": "专班",
    "milestones": "节点",
    "progress": "进展",
    "commitments": "承诺",
    "kind": "类别",
    "kind_label": "类别",
    "mechanism": "机制",
    "visits": "走访",
    "bank": "银行",
    "amount": "金额",
    "level": "评价",
    "subject_unit": "被评单位",
    "subject_kind": "评价对象",
    "subject_name": "对象",
    "comment": "评价内容",
    "rectification": "整改",
    "red": "红灯",
    "yellow": "黄灯",
    "green": "绿灯",
    "red_issues": "红灯问题",
    "verdict": "结论",
    "requirements": "考核要求",
    "requirement": "要求",
    "figures": "指标",
    "value": "数值",
    "good_list": "好评榜",
    "bad_circular": "差评通报",
    "rank": "名次",
    "score": "得分",
    "items": "事件",
    "position": "序号",
    "aggregate_type": "对象类型",
    "event_type": "事件",
    "actor": "经办人",
    "recorded_at": "记录时间",
    "business_date": "业务日期",
    "description": "说明",
    "late_record": "补录",
    "intact": "完整",
    "summary": "结果",
    "checked": "已核验事件数",
    "head_position": "链头序号",
    "head_hash": "链头哈希",
    "break_position": "断点",
    "at": "时间",
    "subject": "主体",
    "role": "角色",
    "method": "方法",
    "path": "路径",
    "note": "备注",
    "grounds": "约谈事由",
    "summoned_on": "约谈日期",
    "deadline": "整改期限",
    "reason": "理由",
    "as_of": "截至",
    "registered_at": "登记时间",
    "updated_at": "更新时间",
    "raised_at": "提出时间",
    "planned": "计划",
    "reached_on": "完成日期",
    "state": "状态",
    "project": "项目",
    "against_plan": "对照计划",
    "held": "已召开",
    "planned_count": "计划次数",
    "months_without_visit": "未走访月份",
    "evidence": "证据",
    "failures": "未达要求",
    "entry": "事件",
    "rule": "规则",
    "subjects": "对象",
    "formula": "计算方法",
    "min_reviews": "最少评价数",
    "ranking": "排名",
    "too_few_reviews": "评价数不足",
    "bad_list": "差评榜",
    "satisfaction_rate": "满意率",
    "bad_rate": "差评率",
    "reviews": "评价数",
    "published_at": "发布时间",
    "version": "版本",
}
HIDDEN = {
    "id",
    "version",
    "doc",
    "data",
    "command_id",
    "aggregate_id",
    "originator_id",
    "next_cursor",
}
_VALUES = {
    str(value): text
    for labels in ENUM_LABELS.values()
    for value, text in labels.items()
    if isinstance(value, str)
}
MAX_ROWS = 500


def label_of_field(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return "、".join(cell(v) for v in value[:12]) + ("…" if len(value) > 12 else "")
        return f"{len(value)} 项"
    if isinstance(value, dict):
        parts = [f"{label_of_field(k)}：{cell(v)}" for k, v in list(value.items())[:6]]
        return "；".join(parts)
    text = str(value)
    if "T" in text and len(text) >= 19 and text[:4].isdigit():
        return text[:16].replace("T", " ")
    return _VALUES.get(text, text)


def _table(title: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    columns = [k for k in rows[0] if k not in HIDDEN] if rows else []
    flat = [_flatten(row) for row in rows[:MAX_ROWS]]
    return {
        "title": title,
        "columns": [label_of_field(c) for c in columns],
        "rows": [[cell(row.get(c)) for c in columns] for row in flat],
        "total": len(rows),
    }


def _flatten(row: Any) -> dict[str, Any]:
    if isinstance(row, dict) and isinstance(row.get("entry"), dict):
        row = {**row["entry"], **{k: v for k, v in row.items() if k != "entry"}}
    if not isinstance(row, dict):
        return {"value": row}
    if "aggregate_type" in row and "event_type" in row:  # an audit entry: its words in Chinese
        kind = str(row["aggregate_type"])
        row = {
            **row,
            "aggregate_type": AGGREGATE_LABELS.get(kind, kind),
            "event_type": event_label(kind, str(row["event_type"])),
        }
    flat: dict[str, Any] = row
    return flat


def rows_of(answer: Any) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """A list answers one table; an object answers its scalar fields as a summary and each
    list of objects in it as a table."""
    if isinstance(answer, list):
        rows = [_flatten(r) for r in answer]
        return [], [_table("", rows)]
    summary: list[tuple[str, str]] = []
    sections: list[dict[str, Any]] = []
    for key, value in (answer or {}).items():
        if key in HIDDEN:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            sections.append(_table(label_of_field(key), [_flatten(v) for v in value]))
        elif isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            sections.append(
                _table(label_of_field(key), [{"name": k, **v} for k, v in value.items()])
            )
        else:
            summary.append((label_of_field(key), cell(value)))
    return summary, sections
