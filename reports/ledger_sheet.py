"""Reading an office's problem ledger (问题台账) from a spreadsheet: find the header row (a title
may stand above it), check the columns, and turn each row into a ledger row or a note saying
what is wrong with it — an empty row, merged cells, a date typed as text, a channel no one
knows. The rules of the domain (the credit code's check digit, a time limit not in the past)
are left to the commands, which apply them as the API does."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID

from openpyxl.worksheet.worksheet import Worksheet

from application.ledger_import import LedgerRow
from domain.labels import ENUM_LABELS, member_for
from domain.values import Channel, IssueCategory

E = TypeVar("E", bound=Enum)
REQUIRED = ("企业", "统一社会信用代码", "问题描述", "来源渠道", "责任单位", "责任人", "办理时限")
OPTIONAL = ("问题类别", "问题编号", "是否销号")
ALIASES = {  # what offices also head these columns with
    "企业名称": "企业",
    "信用代码": "统一社会信用代码",
    "问题内容": "问题描述",
    "诉求内容": "问题描述",
    "来源": "来源渠道",
    "诉求渠道": "来源渠道",
    "承办单位": "责任单位",
    "办结时限": "办理时限",
}
HEADER_SEARCH = 10  # rows a title block may take above the header


class HeaderError(ValueError):
    """The sheet has no header the ledger can be read by; nothing is imported."""


@dataclass(frozen=True)
class Note:
    """A row that is not imported, and why."""

    line: int
    message: str
    error: bool = True


@dataclass(frozen=True)
class KnownRow:
    """A row naming an issue already on the ledger (an exported ledger read back)."""

    line: int
    issue_id: UUID
    cells: dict[str, Any]


Parsed = LedgerRow | Note | KnownRow


@dataclass(frozen=True)
class LedgerSheet:
    sheet: Worksheet
    header_row: int
    columns: dict[str, int]  # column name → 1-based index

    @classmethod
    def find(cls, sheet: Worksheet) -> LedgerSheet:
        best: tuple[int, dict[str, int]] | None = None
        for row in range(1, min(sheet.max_row, HEADER_SEARCH) + 1):
            columns = _header_columns(sheet, row)
            if best is None or len(columns) > len(best[1]):
                best = (row, columns)
        row, columns = best or (1, {})
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            named = "".join(f"「{name}」" for name in missing)  # no 、 between quoted items
            raise HeaderError(f"表头不符：缺少{named}列（表头应在前 {HEADER_SEARCH} 行内）")
        return cls(sheet, row, columns)

    def last_row(self) -> int:
        """The last row holding anything: formatted empty rows below it are no rows."""
        for row in range(self.sheet.max_row, self.header_row, -1):
            if any(_text(cell.value) for cell in self.sheet[row]):
                return row
        return self.header_row

    def merged_rows(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for merged in self.sheet.merged_cells.ranges:
            for row in range(max(merged.min_row, self.header_row + 1), merged.max_row + 1):
                found[row] = merged.coord
        return found

    def rows(self) -> Iterator[Parsed]:
        merged = self.merged_rows()
        for line in range(self.header_row + 1, self.last_row() + 1):
            cells = {name: self.sheet.cell(line, col).value for name, col in self.columns.items()}
            if line in merged:
                yield Note(line, f"含合并单元格（{merged[line]}），请拆分后逐行填写")
            elif not any(_text(value) for value in cells.values()):
                yield Note(line, "空行，已跳过", error=False)
            else:
                yield parse_row(line, cells)


def _header_columns(sheet: Worksheet, row: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for cell in sheet[row]:
        name = "".join(_text(cell.value).split())
        name = ALIASES.get(name, name)
        if name in (*REQUIRED, *OPTIONAL) and name not in columns:
            columns[name] = cell.column
    return columns


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def source_key(enterprise_code: str, description: str) -> str:
    """What identifies a row in any copy of the file: the enterprise and the problem."""
    return f"{enterprise_code.strip().upper()}|{' '.join(description.split())}"


def parse_row(line: int, cells: dict[str, Any]) -> Parsed:
    known = _text(cells.get("问题编号"))
    if known:
        try:
            return KnownRow(line, UUID(known), cells)
        except ValueError:
            return Note(line, f"问题编号「{known}」格式不对；新问题请留空此列")
    if _text(cells.get("是否销号")) == "是":
        return Note(line, "已销号的问题不导入", error=False)
    for name in ("企业", "统一社会信用代码", "问题描述", "责任单位", "责任人"):
        if not _text(cells[name]):
            return Note(line, f"「{name}」为空")
    try:
        channel = _choice(Channel, "来源渠道", _text(cells["来源渠道"]))
        category = _choice(IssueCategory, "问题类别", _text(cells.get("问题类别")) or "other")
        limit = _date(cells["办理时限"])
    except ValueError as wrong:
        return Note(line, str(wrong))
    code, description = _text(cells["统一社会信用代码"]), _text(cells["问题描述"])
    return LedgerRow(
        line=line,
        source_key=source_key(code, description),
        channel=channel,
        category=category,
        enterprise_code=code.upper(),
        enterprise_name=_text(cells["企业"]),
        description=description,
        responsible_unit=_text(cells["责任单位"]),
        responsible_person=_text(cells["责任人"]),
        time_limit=limit,
    )


def _choice(enum: type[E], column: str, text: str) -> E:
    try:
        return member_for(enum, text)
    except ValueError:
        allowed = "、".join(ENUM_LABELS[enum].values())
        raise ValueError(f"「{column}」填写的「{text}」不在可选范围（{allowed}）") from None


def _date(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        raise ValueError(f"「办理时限」是文本「{value.strip()}」，请改为日期格式的单元格")
    raise ValueError(f"「办理时限」不是日期：{value!r}")
