"""Text the stores can hold: every text an event carries refuses control characters other than
tab and newline, and lone surrogates, whichever field it is in and whoever records it."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from domain import errors
from domain.briefing import SessionKind, SessionSeries
from domain.review import Level, Review, SubjectKind
from domain.values import require_text
from tests.unit.builders import on, raised_issue

# written out by hand: C0 controls, DEL, a C1 control, and a lone surrogate
REFUSED = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x1f", "\x7f", "\x85", "\ud800"]


@pytest.mark.parametrize("character", REFUSED)
def test_text_with_a_control_character_is_refused_naming_the_field(character: str):
    with pytest.raises(errors.ControlCharacterError) as refused:
        require_text(f"示范{character}公司", "enterprise name")
    assert "enterprise name" in refused.value.detail
    assert refused.value.rule == "control-character-in-text"


def test_tab_newline_and_any_printable_text_are_kept():
    assert require_text("第一行\n\t第二行 ①②③ 😀", "note") == "第一行\n\t第二行 ①②③ 😀"


def test_an_issue_raised_with_nul_in_its_enterprise_name_records_nothing():
    with pytest.raises(errors.ControlCharacterError):
        raised_issue(enterprise_name="示范\x00公司")


def test_fields_no_text_rule_names_are_checked_too():
    series = SessionSeries.establish(
        on(),
        id=uuid4(),
        unit="市发改委",
        kind=SessionKind.POLICY_BRIEFING,
        title="宣讲",
        start=date(2026, 9, 1),
    )
    with pytest.raises(errors.ControlCharacterError) as refused:
        series.plan_session(
            on(),
            planned_on=date(2026, 10, 9),
            topic="政策",
            policy_area="税\x00费",
            host="李",
            audience="",
        )
    assert "policy_area" in refused.value.detail
    assert len(series.collect_events()) == 1  # only the series' own creation


def test_a_reason_in_the_envelope_and_a_comment_are_checked():
    with pytest.raises(errors.ControlCharacterError, match="reason"):
        raised_issue(on(reason="补录\x07"))
    with pytest.raises(errors.ControlCharacterError, match="comment"):
        Review.submit(
            on(),
            id=uuid4(),
            subject_kind=SubjectKind.WINDOW,
            subject_id="3号窗口",
            subject_unit="市行政审批局",
            channel="app",
            level=Level.SATISFIED,
            comment="很好\x00",
        )
