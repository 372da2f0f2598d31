"""Importing an office's ledger: a round trip through the export, a broken spreadsheet reported
row by row, a wrong header, and the same file imported twice."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.access import Scope
from projections.issue_ledger import IssueFilter, IssueLedger
from reports.ledger import HEADERS, ledger_workbook
from reports.ledger_import import import_ledger
from reports.scope import Moment, ReportScope
from tests.reports.conftest import CODE, DESK, OTHER_CODE, events

ROW = {  # a row as an office types it (2026-09-28 is the frozen clock's day)
    "企业": "川北高端装备制造有限公司",
    "统一社会信用代码": OTHER_CODE,
    "问题描述": "施工许可证办理材料反复补正",
    "来源渠道": "12345热线",
    "责任单位": "市住房城乡建设局",
    "责任人": "周敏",
    "办理时限": datetime(2026, 10, 20),
}


def sheet_with(path: Path, rows: list[dict], header: tuple[str, ...] = HEADERS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "问题台账"
    sheet.append(["2026年问题台账"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)  # a title, merged
    sheet.append(list(header))
    for row in rows:
        sheet.append([row.get(name) for name in header])
    book.save(path)
    return path


def results(report: Path) -> dict[int, str]:
    sheet = openpyxl.load_workbook(report)["问题台账"]
    column = next(c.column for c in sheet[2] if c.value == "导入结果")
    return {row: sheet.cell(row, column).value for row in range(3, sheet.max_row + 1)}


def ledger(services: Services) -> list:
    with services.read() as tx:
        return IssueLedger.list(tx, IssueFilter(), limit=100, offset=0)


def test_a_good_row_is_raised_and_assigned_under_the_apis_rules(services, tmp_path):
    path = sheet_with(tmp_path / "台账.xlsx", [{**ROW, "问题类别": "行政审批"}])
    result = import_ledger(services, DESK, path)
    assert (result.recorded, result.errors) == (1, 0)
    (issue,) = ledger(services)
    assert (issue.status, issue.channel, issue.category) == ("assigned", "hotline_12345", "permits")
    assert (issue.responsible_unit, issue.responsible_person) == ("市住房城乡建设局", "周敏")
    assert issue.time_limit.isoformat() == "2026-10-20"
    assert results(result.report) == {3: f"已导入（问题编号 {issue.id}）"}
    assert events(services) == 2  # raised and assigned


def test_importing_the_same_file_twice_records_it_once(services, tmp_path):
    path = sheet_with(tmp_path / "台账.xlsx", [ROW, {**ROW, "问题描述": "消防验收排期久"}])
    assert import_ledger(services, DESK, path).recorded == 2
    again = import_ledger(services, DESK, path)
    assert (again.recorded, again.already, again.errors) == (0, 2, 0)
    assert set(results(again.report).values()) == {"已在台账中（此前已导入），未重复导入"}
    assert events(services) == 4


def test_the_same_row_twice_in_a_file_is_recorded_once(services, tmp_path):
    path = sheet_with(
        tmp_path / "台账.xlsx", [ROW, {**ROW, "问题描述": " 施工许可证办理材料反复补正 "}]
    )
    result = import_ledger(services, DESK, path)
    assert (result.recorded, result.already) == (1, 1)
    assert results(result.report)[4] == "与前面的行重复或已在台账中，未重复导入"


def test_an_exported_ledger_read_back_records_nothing_and_names_an_edited_cell(services, tmp_path):
    first = import_ledger(services, DESK, sheet_with(tmp_path / "a.xlsx", [ROW]))
    assert first.recorded == 1
    exported = tmp_path / "导出.xlsx"
    exported.write_bytes(ledger_workbook(services, ReportScope(), Moment.of(services, None)))
    book = openpyxl.load_workbook(exported)
    sheet = book["问题台账"]
    sheet.cell(3, HEADERS.index("责任人") + 1, "李四")  # the user edits one cell ...
    sheet.append(  # ... and adds a new problem at the bottom
        [None, "示范新能源科技有限公司", CODE, "二期用地指标尚未落实", "用地", "走访调研",
         "市自然资源和规划局", "赵丽", datetime(2026, 10, 12)]
    )  # fmt: skip
    book.save(exported)
    before = events(services)
    result = import_ledger(services, DESK, exported)
    assert (result.recorded, result.already, result.errors) == (1, 1, 0)
    said = results(result.report)
    assert said[3].startswith("已在台账中，未导入：表中「责任人」与台账记录不同")
    assert said[4].startswith("已导入")
    assert events(services) == before + 2
    people = {i.description: i.responsible_person for i in ledger(services)}
    assert people == {ROW["问题描述"]: "周敏", "二期用地指标尚未落实": "赵丽"}  # not edited


def test_a_broken_spreadsheet_is_reported_row_by_row_and_saves_nothing_for_bad_rows(
    services, tmp_path
):
    rows = [
        ROW,  # line 3: good
        {**ROW, "问题描述": "校验位错", "统一社会信用代码": "91110000600037341X"},  # 4
        {**ROW, "问题描述": "合并上"},  # 5 and 6 merged below
        {**ROW, "问题描述": "合并下"},
        {},  # 7: empty
        {**ROW, "问题描述": "日期是文本", "办理时限": "2026年10月20日"},  # 8
        {**ROW, "问题描述": "渠道不认识", "来源渠道": "微信群"},  # 9
        {**ROW, "问题描述": "时限已过", "办理时限": datetime(2026, 9, 1)},  # 10
        {**ROW, "问题描述": "没有责任人", "责任人": " "},  # 11
        {**ROW, "问题描述": "最后一行好的"},  # 12
    ]
    path = sheet_with(tmp_path / "坏表.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book["问题台账"].merge_cells("G5:G6")
    book.save(path)
    result = import_ledger(services, DESK, path)
    said = results(result.report)
    assert said[3].startswith("已导入")
    assert said[12].startswith("已导入")
    assert said[4] == "错误：统一社会信用代码校验不通过（invalid-credit-code）"
    assert said[5] == said[6] == "含合并单元格（G5:G6），请拆分后逐行填写"
    assert said[7] == "空行，已跳过"
    assert said[8] == "「办理时限」是文本「2026年10月20日」，请改为日期格式的单元格"
    assert said[9].startswith("「来源渠道」填写的「微信群」不在可选范围（走访调研、")
    assert said[10] == "错误：时限早于今天（due-date-in-past）"
    assert said[11] == "「责任人」为空"
    assert (result.recorded, result.errors) == (2, 7)
    assert {i.description for i in ledger(services)} == {ROW["问题描述"], "最后一行好的"}
    assert events(services) == 4


def test_a_sheet_with_the_wrong_header_imports_nothing_and_says_which_columns_are_missing(
    services, tmp_path
):
    header = tuple(h for h in HEADERS if h not in ("统一社会信用代码", "责任人"))
    path = sheet_with(tmp_path / "表头.xlsx", [ROW], header=header)
    result = import_ledger(services, DESK, path)
    assert (
        result.header_error
        == "表头不符：缺少「统一社会信用代码」「责任人」列（表头应在前 10 行内）"
    )
    assert (result.recorded, result.errors) == (0, 1)
    assert events(services) == 0
    cells = [c.value for c in openpyxl.load_workbook(result.report)["问题台账"][1]]
    assert f"未导入：{result.header_error}" in cells


def test_a_long_ledger_reports_its_progress_and_imports_every_row(services, tmp_path):
    rows = [{**ROW, "问题描述": f"第{n}件"} for n in range(1_200)]
    seen: list[tuple[int, int]] = []
    result = import_ledger(
        services, DESK, sheet_with(tmp_path / "长表.xlsx", rows),
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert seen == [(500, 1_200), (1_000, 1_200), (1_200, 1_200)]
    assert (result.recorded, result.errors) == (1_200, 0)
    assert events(services) == 2_400


def test_an_officer_imports_only_rows_their_unit_answers_for(services, tmp_path):
    officer = CommandContext(
        Actor("周敏", "市住房城乡建设局"), "cmd-officer",
        scope=Scope(units=frozenset({"市住房城乡建设局"}), officials=frozenset({"周敏"})),
    )  # fmt: skip
    other = {**ROW, "问题描述": "用电报装慢", "责任单位": "国网示范供电公司", "责任人": "刘洋"}
    result = import_ledger(services, officer, sheet_with(tmp_path / "台账.xlsx", [ROW, other]))
    said = results(result.report)
    assert said[3].startswith("已导入")
    assert said[4] == "错误：不在本单位职责范围内（out-of-scope）"
    assert [i.responsible_unit for i in ledger(services)] == ["市住房城乡建设局"]
