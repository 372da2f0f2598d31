"""Issue 19's spreadsheets: a 10,000-row ledger imported from Excel (read, rules per row,
a few hundred issues a transaction, the copy with its result column written), against the
same rows raised and assigned one API command each; and the 10,000-problem ledger exported."""

from __future__ import annotations

import tempfile
from datetime import date, datetime
from pathlib import Path
from uuid import UUID

import openpyxl

from bench.fixtures import DESK, START
from bench.harness import RUNS, Figure, fresh_schema, median_of, timed
from bootstrap.services import Services
from domain.directory import UnitLevel
from domain.values import Channel, IssueCategory
from infrastructure.clock import FrozenClock
from reports.ledger import HEADERS, ledger_workbook
from reports.ledger_import import import_ledger
from reports.scope import Moment, ReportScope

ROWS = 10_000
CODE = "91510800MA000002XH"


def ledger_file(path: Path, rows: int) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "问题台账"
    sheet.append(["问题台账"])
    sheet.append(list(HEADERS))
    for n in range(rows):
        sheet.append(
            [n + 1, "川北高端装备制造有限公司", CODE, f"第{n}件：施工许可材料反复补正",
             "行政审批", "12345热线", "市住房城乡建设局", "周敏", datetime(2026, 12, 31)]
        )  # fmt: skip
    book.save(path)
    return path


def _directory(services: Services) -> UUID:
    """The city, its housing bureau and 周敏, whom every row names: her directory id."""
    office = services.office
    city = office.register_unit(DESK, name="示范市人民政府", level=UnitLevel.CITY)
    bureau = office.register_unit(
        DESK, name="市住房城乡建设局", level=UnitLevel.DEPARTMENT, parent_id=city.id
    )
    return office.register_official(DESK, name="周敏", unit_id=bureau.id).id


def _import_and_export() -> tuple[float, float]:
    """Seconds to import the file, and to export the ledger it made."""
    with fresh_schema() as target, tempfile.TemporaryDirectory() as folder:
        services = Services.open(target, FrozenClock(START), pool_size=4)
        try:
            _directory(services)
            path = ledger_file(Path(folder) / "ledger.xlsx", ROWS)
            spent = timed(lambda: import_ledger(services, DESK, path))
            moment = Moment.of(services, None)
            services.runner.catch_up()
            exported = timed(lambda: ledger_workbook(services, ReportScope(), moment))
        finally:
            services.close()
    return spent, exported


def _one_command_each(rows: int = 1_000) -> float:
    """Rows a second raised and assigned through the two API commands, one save each."""
    with fresh_schema() as target:
        services = Services.open(target, FrozenClock(START), pool_size=4)
        office = services.office
        zhou = _directory(services)

        def commands() -> None:
            for n in range(rows):
                issue = office.raise_issue(
                    DESK, channel=Channel.HOTLINE_12345, category=IssueCategory.PERMITS,
                    enterprise_code=CODE, enterprise_name="川北高端装备制造有限公司",
                    description=f"第{n}件",
                )  # fmt: skip
                office.accept_and_assign_issue(
                    DESK, issue.id, responsible_person_id=zhou, time_limit=date(2026, 12, 31)
                )

        try:
            return rows / timed(commands)
        finally:
            services.close()


def ledger_import() -> list[Figure]:
    runs = [_import_and_export() for _ in range(RUNS)]
    imports = sorted(spent for spent, _ in runs)
    exports = sorted(exported for _, exported in runs)
    baseline, _ = median_of(_one_command_each, RUNS)
    median = imports[len(imports) // 2]
    return [
        Figure(
            f"ledger import, {ROWS:,} Excel rows (read, rules, record, result copy)",
            median,
            "s",
            "≤ 60 s",
            median <= 60,
            f"two API commands a row: {baseline:,.0f} rows/s ({ROWS / baseline:,.0f} s)",
            tuple(imports),
        ),
        Figure(
            f"ledger export, {ROWS:,} problems to .xlsx",
            exports[len(exports) // 2],
            "s",
            "≤ 10 s",
            exports[len(exports) // 2] <= 10,
            "",
            tuple(exports),
        ),
    ]
