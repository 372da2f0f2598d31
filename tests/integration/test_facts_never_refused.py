"""A fact is never refused because next year's calendar is not published: a bad review or a
complaint of late December is recorded with its deadline pending, listed, and counted once
the calendar covers the year. A limit an officer chooses may still be refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from application.context import Actor, CommandContext
from bootstrap.services import Services
from domain.access import Scope
from domain.errors import CalendarYearUnknownError
from domain.review import Level, SubjectKind
from domain.values import SHANGHAI, Channel, IssueCategory
from entrypoints.cli import main
from infrastructure.calendar import OfficialCalendar, load_overrides
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget
from projections.pending_deadlines import PendingDeadlines
from tests.directory import TestDirectory, official_named

DESK = CommandContext(Actor("许晓燕", "市政府督查室"), "cmd")
CHRISTMAS_EVE = datetime(2026, 12, 24, 10, tzinfo=SHANGHAI).astimezone(UTC)
# 2027 as a jurisdiction would add it: New Year's Day off, an adjusted Sunday worked
OVERRIDE_2027 = """
[years.2027]
holidays = ["2027-01-01"]
workdays = ["2027-01-03"]
published = "test arrangement"
"""


@pytest.fixture
def services(target: DatabaseTarget) -> Iterator[Services]:
    opened = Services.open(target, FrozenClock(CHRISTMAS_EVE), pool_size=4)
    TestDirectory(opened.office)
    yield opened
    opened.close()


def test_a_bad_review_of_late_december_is_recorded_and_counted_when_the_year_is_known(
    services: Services, target: DatabaseTarget, tmp_path: Path
):
    bad = services.office.submit_review(
        DESK,
        subject_kind=SubjectKind.WINDOW,
        subject_id="窗口3",
        subject_unit="市税务局",
        channel="线上",
        level=Level.VERY_DISSATISFIED,
    )
    good = services.office.submit_review(
        DESK,
        subject_kind=SubjectKind.WINDOW,
        subject_id="窗口3",
        subject_unit="市税务局",
        channel="线上",
        level=Level.SATISFIED,
    )
    assert bad.answer_by is None
    assert [type(e).__name__ for e in services.office.events.get(bad.id)] == [
        "Submitted",
        "DeadlinePending",
    ]
    assert good.version == 1
    with services.read() as tx:
        (waiting,) = PendingDeadlines.listing(tx, Scope.all())
    assert (waiting.key, waiting.year, waiting.working_days) == ("answer", 2027, 7)
    assert services.watcher.tick().counted == 0  # 2027 is still unknown: it waits

    overrides = tmp_path / "overrides.toml"
    overrides.write_text(OVERRIDE_2027, encoding="utf-8")
    later = Services.open(
        target,
        FrozenClock(CHRISTMAS_EVE),
        pool_size=2,
        calendar=OfficialCalendar(load_overrides(overrides)),
    )
    try:
        assert later.watcher.tick().counted == 1
        # 24 Dec (Thu) + 7 working days: 25, 28, 29, 30, 31 Dec; 1 Jan off; 3 Jan (adjusted
        # Sunday), 4 Jan → 4 January 2027
        counted = later.office.get_review(bad.id)
        assert counted.answer_by == date(2027, 1, 4)
        with later.read() as tx:
            assert PendingDeadlines.listing(tx, Scope.all()) == []
    finally:
        later.close()


def test_a_complaint_of_late_december_gets_a_pending_limit_but_an_officers_count_is_refused(
    services: Services,
):
    def complaint() -> object:
        return services.office.raise_issue(
            DESK,
            channel=Channel.HOTLINE_12345,
            category=IssueCategory.UTILITIES,
            enterprise_code="91110000600037341L",
            enterprise_name="企业",
            description="停电",
        ).id

    pending = complaint()
    issue = services.office.accept_and_assign_issue(
        DESK, pending, responsible_person_id=official_named(services, "吴涛")
    )
    assert (issue.status.value, issue.time_limit) == ("assigned", None)
    chosen = complaint()
    with pytest.raises(CalendarYearUnknownError, match="give the time limit as a date"):
        services.office.accept_and_assign_issue(
            DESK, chosen, responsible_person_id=official_named(services, "吴涛"), working_days=7
        )
    dated = services.office.accept_and_assign_issue(
        DESK,
        chosen,
        responsible_person_id=official_named(services, "吴涛"),
        time_limit=date(2027, 1, 8),
    )
    assert dated.time_limit == date(2027, 1, 8)


def test_the_override_file_named_in_the_environment_is_read_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    overrides = tmp_path / "ours.toml"
    overrides.write_text(OVERRIDE_2027, encoding="utf-8")
    monkeypatch.setenv("DUBAN_CALENDAR_OVERRIDES", str(overrides))
    assert (
        OfficialCalendar.from_file().coverage()[2027] == "override ours.toml 2027 test arrangement"
    )
    (tmp_path / "duban.sqlite").touch()  # an (empty) store: the command makes none
    url = f"sqlite:///{tmp_path / 'duban.sqlite'}"
    assert main(["calendar", "check", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "–2027" in out
    assert "override ours.toml 2027 test arrangement: 2027–2027" in out
