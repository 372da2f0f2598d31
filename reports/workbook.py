"""Writing a sheet the way offices keep them: a title row, a frozen header with filters,
columns wide enough for Chinese text, dates as real dates, numbers as numbers."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

MAX_WIDTH = 60  # wider text wraps
FILLS = {"红灯": "#F8CBAD", "黄灯": "#FFE699", "绿灯": "#C6EFCE"}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text, wrap, date, int, money, percent, days
    width: int | None = None  # None: fit the contents


def display_width(value: Any) -> int:
    """Columns as Excel measures them: a Chinese character takes two."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Book:
    """One workbook in memory; ``sheet`` adds a titled table, ``close`` returns the bytes."""

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self.workbook: Workbook = xlsxwriter.Workbook(self._buffer, {"in_memory": True})
        add = self.workbook.add_format
        self.formats = {
            "title": add({"bold": True, "font_size": 14}),
            "header": add({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                           "valign": "vcenter", "align": "center"}),
            "text": add({"valign": "top"}),
            "wrap": add({"text_wrap": True, "valign": "top"}),
            "date": add({"num_format": "yyyy-mm-dd", "valign": "top"}),
            "int": add({"num_format": "0", "valign": "top"}),
            "money": add({"num_format": "#,##0.00", "valign": "top"}),
            "percent": add({"num_format": "0.0%", "valign": "top"}),
            # a signed count of working days reads as what it means; the cell stays a number
            "days": add({"num_format": '"剩余"0"个工作日";"逾期"0"个工作日";"今日到期"',
                         "valign": "top"}),
        }  # fmt: skip
        self._fills = {
            name: add({"bg_color": color, "valign": "top"}) for name, color in FILLS.items()
        }

    def sheet(
        self, name: str, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]]
    ) -> Worksheet:
        sheet = self.workbook.add_worksheet(name)
        sheet.write(0, 0, title, self.formats["title"])
        for col, column in enumerate(columns):
            sheet.write(1, col, column.header, self.formats["header"])
        for row_number, row in enumerate(rows, start=2):
            for col, (column, value) in enumerate(zip(columns, row, strict=True)):
                self._cell(sheet, row_number, col, column, value)
        sheet.freeze_panes(2, 0)
        sheet.autofilter(1, 0, max(1, len(rows) + 1), len(columns) - 1)
        for col, column in enumerate(columns):
            sheet.set_column(col, col, self._width(column, col, rows))
        return sheet

    def _cell(self, sheet: Worksheet, row: int, col: int, column: Column, value: Any) -> None:
        if value is None or value == "":
            sheet.write_blank(row, col, None, self.formats[column.kind])
        elif isinstance(value, date):
            sheet.write_datetime(row, col, value, self.formats["date"])
        elif isinstance(value, str) and value in self._fills:
            sheet.write_string(row, col, value, self._fills[value])
        elif isinstance(value, str):
            sheet.write_string(row, col, value, self.formats[column.kind])
        else:
            sheet.write_number(row, col, value, self.formats[column.kind])

    @staticmethod
    def _width(column: Column, col: int, rows: Sequence[Sequence[Any]]) -> int:
        if column.width is not None:
            return column.width
        widest = max(
            [display_width(column.header), *(display_width(r[col]) for r in rows if r[col])]
        )
        return min(MAX_WIDTH, max(6, widest + 2))

    def close(self) -> bytes:
        self.workbook.close()
        return self._buffer.getvalue()
