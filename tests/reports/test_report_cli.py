"""`duban ledger import` and `duban report …` from the command line, on the embedded store."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from bootstrap.services import open_services
from domain.directory import UnitLevel
from entrypoints.cli import main
from tests.reports.conftest import DESK
from tests.reports.test_ledger_import import ROW, sheet_with

# the wall clock runs these commands: a limit it never passes, within the years ahead the
# office records (10, infrastructure/config/time_limits.toml)
LATER = datetime.combine(date.today() + timedelta(days=5 * 365), datetime.min.time())


def test_a_ledger_imported_then_exported_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    services = open_services(url)  # the directory the rows name
    city = services.office.register_unit(DESK, name="示范市人民政府", level=UnitLevel.CITY)
    bureau = services.office.register_unit(
        DESK, name="市住房城乡建设局", level=UnitLevel.DEPARTMENT, parent_id=city.id
    )
    services.office.register_official(DESK, name="周敏", unit_id=bureau.id)
    services.close()
    rows = [{**ROW, "办理时限": LATER}, {**ROW, "问题描述": "日期是文本", "办理时限": "明年"}]
    path = sheet_with(tmp_path / "台账.xlsx", rows)
    who = ["--official", "许晓燕", "--unit", "市政府督查室", "--database-url", url]
    assert main(["ledger", "import", str(path), *who]) == 2  # a row has an error
    out = capsys.readouterr().out
    assert "1 件已导入，0 件已在台账中，1 行有错误" in out
    assert main(["ledger", "import", str(path), *who]) == 2
    assert "0 件已导入，1 件已在台账中，1 行有错误" in capsys.readouterr().out

    out_file = tmp_path / "导出.xlsx"
    assert main(["report", "ledger", "--out", str(out_file), "--database-url", url]) == 0
    sheet = openpyxl.load_workbook(out_file)["问题台账"]
    assert [c.value for c in sheet[3]][1:4] == [
        ROW["企业"],
        ROW["统一社会信用代码"],
        ROW["问题描述"],
    ]
    assert sheet.max_row == 3
    scoped = tmp_path / "别的单位.xlsx"
    argv = ["report", "ledger", "--out", str(scoped), "--unit-scope", "市税务局"]
    assert main([*argv, "--database-url", url]) == 0
    assert openpyxl.load_workbook(scoped)["问题台账"].max_row == 2  # the header alone
