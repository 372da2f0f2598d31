"""Document numbers (文号): one series a year, numbered from 1, by a pattern an office sets."""

from __future__ import annotations

from datetime import date

import pytest

from domain.documents import DocumentNumbers, require_pattern
from domain.errors import InvalidNumberPatternError, InvalidYearError
from tests.unit.builders import on

PATTERN = "示范督〔{year}〕{sequence}号"


def test_numbers_are_taken_in_order_and_name_what_they_were_given_to():
    register = DocumentNumbers.open(on(), series="urging_notice", year=2026)
    assert register.take(on(), pattern=PATTERN, item="issue:a") == "示范督〔2026〕1号"
    assert register.take(on(), pattern=PATTERN, item="issue:b") == "示范督〔2026〕2号"
    events = register.collect_events()
    assert [(e.sequence, e.item) for e in events[1:]] == [(1, "issue:a"), (2, "issue:b")]


def test_every_office_process_finds_the_same_register_for_a_series_and_year():
    first = DocumentNumbers.open(on(), series="urging_notice", year=2026)
    assert first.id == DocumentNumbers.id_for("urging_notice", 2026)
    assert first.id != DocumentNumbers.id_for("urging_notice", 2027)
    assert first.id != DocumentNumbers.id_for("circular", 2026)


@pytest.mark.parametrize(
    "pattern", ["示范督〔{year}〕号", "督{sequence}", "{year}{sequence}{unit}", "督〔{year"]
)
def test_a_pattern_names_the_year_and_the_sequence_and_nothing_else(pattern: str):
    with pytest.raises(InvalidNumberPatternError):
        require_pattern(pattern)


def test_a_register_is_for_a_plausible_year():
    with pytest.raises(InvalidYearError):
        DocumentNumbers.open(on(date(2026, 1, 5)), series="urging_notice", year=26)
