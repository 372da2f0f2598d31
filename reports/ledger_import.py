"""Importing an office's problem ledger (问题台账) from Excel: each good row raised and assigned
as an issue (application/ledger_import.py), each other row left out with the reason, and the
file written back as a copy with a column saying what became of every row (导入结果).

A row is on the ledger already when it names an issue (问题编号, as an exported ledger does)
or when an earlier import recorded the same enterprise and problem: it records nothing, and if
its cells differ from the record the report says which, since the ledger is changed by acts
(a progress note, an extension), not by editing a spreadsheet."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import openpyxl
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from application.context import CommandContext
from application.ledger_import import LedgerRow, RowOutcome, ledger_issue_id
from bootstrap.services import Services
from domain.labels import rule_label
from infrastructure.view_store import Tx
from projections.directory_view import DirectoryView
from projections.issue_ledger import IssueLedger
from projections.summaries import IssueSummary
from reports.ledger_sheet import HeaderError, KnownRow, LedgerSheet, Note

CHUNK = 500
RESULT_HEADER = "导入结果"
COMPARED = {  # the sheet's column → the ledger's field
    "企业": "enterprise_name",
    "统一社会信用代码": "enterprise_code",
    "问题描述": "description",
    "责任单位": "responsible_unit",
    "责任人": "responsible_person",
    "办理时限": "time_limit",
}


@dataclass
class ImportResult:
    report: Path
    notes: dict[int, tuple[str, bool]] = field(default_factory=dict)  # line → (what, error)
    recorded: int = 0
    already: int = 0
    header_error: str | None = None

    @property
    def errors(self) -> int:
        return sum(1 for _, error in self.notes.values() if error) + bool(self.header_error)

    def note(self, line: int, message: str, *, error: bool = False) -> None:
        self.notes[line] = (message, error)


def import_ledger(
    services: Services,
    ctx: CommandContext,
    path: Path,
    *,
    report: Path | None = None,
    progress: Callable[[int, int], object] = lambda done, total: None,
) -> ImportResult:
    """Import ``path``; write the copy with its result column to ``report`` (by default
    beside the file, named …导入结果.xlsx)."""
    book = openpyxl.load_workbook(path, data_only=True)
    sheet = book["问题台账"] if "问题台账" in book.sheetnames else book.worksheets[0]
    result = ImportResult(report or path.with_name(f"{path.stem}.导入结果.xlsx"))
    try:
        ledger = LedgerSheet.find(sheet)
    except HeaderError as wrong:
        result.header_error = str(wrong)
        _write(sheet, 1, {1: (f"未导入：{wrong}", True)}, result.report)
        return result
    fresh = _sort_rows(services, ledger, result)
    for start in range(0, len(fresh), CHUNK):
        outcomes = services.office.import_ledger_rows(ctx, fresh[start : start + CHUNK])
        for outcome in outcomes:
            _note_outcome(result, outcome)
        progress(min(start + CHUNK, len(fresh)), len(fresh))
    _write(sheet, ledger.header_row, result.notes, result.report)
    return result


def _sort_rows(services: Services, ledger: LedgerSheet, result: ImportResult) -> list[LedgerRow]:
    """The rows to import; every other row gets its note."""
    parsed = list(ledger.rows())
    new_rows = [row for row in parsed if isinstance(row, LedgerRow)]
    with services.read() as tx:
        recorded = _recorded(tx, [ledger_issue_id(row.source_key) for row in new_rows])
        people = {(o["unit"], o["name"]): UUID(o["id"]) for o in DirectoryView.officials(tx, None)}
        for row in parsed:
            if isinstance(row, Note):
                result.note(row.line, row.message, error=row.error)
            elif isinstance(row, KnownRow):
                _note_known(result, row, IssueLedger.get(tx, row.issue_id))
    fresh = []
    for row in new_rows:
        if ledger_issue_id(row.source_key) in recorded:
            result.already += 1
            result.note(row.line, "已在台账中（此前已导入），未重复导入")
        else:
            found = people.get((row.responsible_unit, row.responsible_person))
            fresh.append(dataclasses.replace(row, responsible_person_id=found))
    return fresh


def _recorded(tx: Tx, ids: Sequence[UUID]) -> set[UUID]:
    found: set[UUID] = set()
    wanted = [str(i) for i in ids]
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        sql = "SELECT id FROM issue_ledger WHERE id IN ({})".format(", ".join("?" * len(chunk)))  # noqa: S608
        found.update(UUID(str(row[0])) for row in tx.fetchall(sql, chunk))
    return found


def _note_known(result: ImportResult, row: KnownRow, issue: IssueSummary | None) -> None:
    if issue is None:
        result.note(row.line, f"错误：问题编号「{row.issue_id}」不在台账中", error=True)
        return
    result.already += 1
    changed = [
        name for name, attr in COMPARED.items() if _differs(row.cells.get(name), issue, attr)
    ]
    if not changed:
        result.note(row.line, "已在台账中，未导入")
        return
    columns = "".join(f"「{name}」" for name in changed)
    result.note(
        row.line,
        f"已在台账中，未导入：表中{columns}与台账记录不同；台账中的问题请在系统中办理"
        "（报送进展、申请延期等），不以表格改动",
    )


def _differs(cell: Any, issue: IssueSummary, attr: str) -> bool:
    recorded = getattr(issue, attr)
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(recorded, date) or isinstance(cell, date):
        return bool(cell != recorded)
    return " ".join(str(cell or "").split()) != " ".join(str(recorded or "").split())


def _note_outcome(result: ImportResult, outcome: RowOutcome) -> None:
    if outcome.status == "recorded":
        result.recorded += 1
        result.note(outcome.line, f"已导入（问题编号 {outcome.issue_id}）")
    elif outcome.status == "duplicate":
        result.already += 1
        result.note(outcome.line, "与前面的行重复或已在台账中，未重复导入")
    else:
        result.note(outcome.line, f"错误：{rule_label(outcome.rule)}（{outcome.rule}）", error=True)


def _write(sheet: Worksheet, header_row: int, notes: dict[int, tuple[str, bool]], to: Path) -> None:
    column = sheet.max_column + 1
    sheet.cell(header_row, column, RESULT_HEADER).font = Font(bold=True)
    red = PatternFill("solid", fgColor="F8CBAD")
    for line, (message, error) in notes.items():
        cell = sheet.cell(line, column, message)
        if error:
            cell.fill = red
    sheet.column_dimensions[sheet.cell(header_row, column).column_letter].width = 60
    assert sheet.parent is not None
    sheet.parent.save(to)
