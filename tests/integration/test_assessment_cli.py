"""`duban assessment`: schemes checked (a broken folder named), and a published year read
back from the command line — its table, lists and summons."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from application.assessments import EnteredResult
from bootstrap.services import Services
from domain.errors import InvalidAssessmentSchemeError
from domain.scheme_reading import read_scheme
from entrypoints.cli import main
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from tests.directory import TestDirectory
from tests.integration.test_assessment_year import (
    DESK,
    SCHEME,
    A,
    B,
    C,
    D,
    Year,
    _scored_and_published,
)


def test_the_shipped_schemes_check_sound_and_a_broken_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assessment", "schemes"]) == 0
    said = capsys.readouterr().out
    assert "2026  2026.1  示范市2026年度政企互动工作绩效考评方案" in said
    assert "2 scheme(s) checked: sound" in said
    (tmp_path / "2026.toml").write_text('year = 2026\nversion = "x"\ntitle = "t"\n', "utf-8")
    assert main(["assessment", "schemes", "--check", str(tmp_path)]) == 1
    assert re.search(r"2026\.toml: .*at least one indicator", capsys.readouterr().err)
    with pytest.raises(InvalidAssessmentSchemeError):
        main(["--debug", "assessment", "schemes", "--check", str(tmp_path)])


def test_a_published_year_reads_back_with_its_lists_and_summons(
    sqlite_target: DatabaseTarget, capsys: pytest.CaptureFixture[str]
) -> None:
    services = Services.open(sqlite_target, FrozenClock(datetime(2026, 1, 4, tzinfo=UTC)), 2)
    services.office.schemes = {
        2025: read_scheme({**SCHEME, "year": 2025, "version": "test-2025"}),
        2026: read_scheme(SCHEME),
    }
    people = TestDirectory(services.office)
    y = Year(services, services.clock, people)  # type: ignore[arg-type]
    units = [people.units[u] for u in (A, B, C, D)]
    y.on(date(2026, 1, 12))
    earlier = y.office.open_assessment(DESK, period="2025", title="2025年度考核", unit_ids=units)
    results = [EnteredResult(people.units[u], t) for u, t in ((A, 85), (B, 88), (C, 90), (D, 70))]
    y.office.enter_results(DESK, earlier.id, document="示范考〔2026〕2号", results=results)
    y.office.publish_assessment(DESK, earlier.id)
    assessment_id = _scored_and_published(y, people)
    services.close()
    url = f"sqlite:///{sqlite_target.sqlite_path}"

    assert main(["assessment", "show", str(assessment_id), "--database-url", url]) == 0
    said = capsys.readouterr().out
    assert "2026年度考核  第1版 示范考〔2027〕1号" in said
    assert "好评榜：市营商环境局" in said
    assert "差评通报：市地方金融管理局、市经济和信息化局" in said
    assert "拟约谈：市地方金融管理局" in said
    assert main(["assessment", "summonses", "--database-url", url]) == 0
    assert "“银企对接会”未达要求：补齐机制运行短板" in capsys.readouterr().out
