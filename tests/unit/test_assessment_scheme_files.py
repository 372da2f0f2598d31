"""The scheme files: the shipped ones load whole; a folder that gives one year two schemes, or
a file that is not TOML or not a sound scheme, is refused naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.errors import InvalidAssessmentSchemeError
from infrastructure.assessment_schemes import load_schemes

SMALL = """
year = {year}
version = "{version}"
title = "测试方案"
total = 10.0
separate_total = 0.0

[[indicator]]
id = "on_time"
name = "按期办结率"
weight = {weight}
figure = "on_time_rate"
formula = "rate"
"""


def write(folder: Path, name: str, year: int = 2026, version: str = "t.1", weight: float = 10.0):
    (folder / name).write_text(
        SMALL.format(year=year, version=version, weight=weight), encoding="utf-8"
    )


def test_the_shipped_schemes_load_one_per_year():
    schemes = load_schemes()
    assert sorted(schemes) == [2025, 2026]
    for year, scheme in schemes.items():
        assert scheme.year == year
        assert scheme.title.startswith("示范市")
        main = sum(i.weight for i in scheme.indicators if not i.separate)
        separate = sum(i.weight for i in scheme.indicators if i.separate)
        assert (main, separate) == (scheme.total, scheme.separate_total) == (100.0, 2.0)
    # the six 会商会 of seed 004, each a requirement with its lead leader
    consultations = [
        r for r in schemes[2026].requirements if r.session_kind == "consultation_meeting"
    ]
    assert [r.lead_leader for r in consultations] == [True] * 6


def test_a_folder_of_written_schemes_loads_each_by_its_year(tmp_path: Path):
    write(tmp_path, "a.toml", year=2026)
    write(tmp_path, "b.toml", year=2027, version="t.2")
    (tmp_path / "notes.txt").write_text("not a scheme", encoding="utf-8")
    schemes = load_schemes(tmp_path)
    assert {y: s.version for y, s in schemes.items()} == {2026: "t.1", 2027: "t.2"}


def test_two_schemes_for_one_year_are_refused_naming_both_files(tmp_path: Path):
    write(tmp_path, "2026.toml", version="t.1")
    write(tmp_path, "2026-revised.toml", version="t.2")
    with pytest.raises(InvalidAssessmentSchemeError) as refused:
        load_schemes(tmp_path)
    # "-" sorts before ".": the revised file is read first
    assert refused.value.detail == (
        "2026.toml (t.1): a second scheme for 2026, after 2026-revised.toml (t.2)"
    )


def test_a_file_that_is_not_toml_is_refused_naming_it(tmp_path: Path):
    write(tmp_path, "2026.toml")
    (tmp_path / "2027.toml").write_text("year = = 2027\n", encoding="utf-8")
    with pytest.raises(InvalidAssessmentSchemeError) as refused:
        load_schemes(tmp_path)
    assert refused.value.detail.startswith("2027.toml: not TOML: ")


def test_an_unsound_scheme_file_is_refused_naming_the_file_and_its_problem(tmp_path: Path):
    write(tmp_path, "2026.toml", weight=9.0)
    with pytest.raises(InvalidAssessmentSchemeError) as refused:
        load_schemes(tmp_path)
    assert refused.value.detail == (
        "2026.toml: assessment scheme t.1: "
        "scheme: the weights of the indicators add up to 9.0, not 10.0"
    )


def test_a_folder_that_is_not_there_is_refused(tmp_path: Path):
    with pytest.raises(InvalidAssessmentSchemeError) as refused:
        load_schemes(tmp_path / "missing")
    assert "is not a folder of assessment schemes" in refused.value.detail
