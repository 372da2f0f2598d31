"""Bulk review intake on each store: rules per row, one transaction, twice imports once,
and the chain stays one unbroken chain across imported and commanded events."""

from __future__ import annotations

from datetime import date

from application.back_office import BackOffice
from application.review_import import ReviewRow, review_id_for
from domain.review import Level, ReviewStatus, SubjectKind
from infrastructure.eventstore.verify import verify_store

CODE = "91110000600037341L"


def _row(n: int, level: Level = Level.SATISFIED, **changes: object) -> ReviewRow:
    values: dict[str, object] = {
        "source_id": f"HCP-2026-{n:07d}",
        "submitted_on": date(2026, 9, 25),
        "subject_kind": SubjectKind.WINDOW,
        "subject_id": "政务服务中心 3号窗口",
        "subject_unit": "市行政审批局",
        "channel": "national-platform",
        "level": level,
        "comment": "办理很快",
        "reviewer_code": CODE,
    }
    values.update(changes)
    return ReviewRow(**values)  # type: ignore[arg-type]


def test_a_batch_is_recorded_and_each_review_is_whole(office: BackOffice, officer, target):
    rows = [_row(n) for n in range(300)] + [_row(300, Level.VERY_DISSATISFIED)]
    before = office.recorder.max_notification_id() or 0

    report = office.import_reviews(officer, rows)

    assert (report.recorded, report.rejected, report.duplicates) == (301, [], [])
    assert (office.recorder.max_notification_id() or 0) - before >= 301
    bad = office.get_review(review_id_for("HCP-2026-0000300"))
    assert bad.status is ReviewStatus.SUBMITTED
    # answered within 7 working days of the day it was submitted, not the day it was imported
    assert bad.answer_by == date(2026, 10, 12)
    first = office.repository.get(review_id_for("HCP-2026-0000000"))
    assert first.level is Level.SATISFIED
    assert first.status is ReviewStatus.GOOD
    assert verify_store(target).intact


def test_a_row_a_rule_refuses_is_reported_and_the_rest_recorded(office: BackOffice, officer):
    rows = [
        _row(1),
        _row(2, aspects={"speed": 9}),
        _row(3, reviewer_code="91110000600037341X"),
        _row(4, submitted_on=date(2026, 10, 30)),
        _row(5, subject_kind=SubjectKind.ISSUE),
        _row(6),
    ]

    report = office.import_reviews(officer, rows)

    assert [(r.index, r.rule) for r in report.rejected] == [
        (1, "invalid-review"),
        (2, "invalid-credit-code"),
        (3, "business-date-in-future"),
        (4, "invalid-review"),
    ]
    assert report.recorded == 2


def test_importing_the_same_batch_twice_records_it_once(office: BackOffice, officer, target):
    office.import_reviews(officer, [_row(n) for n in range(10)])
    after_first = office.recorder.max_notification_id()

    again = office.import_reviews(officer, [_row(n) for n in range(12)])

    assert again.recorded == 2
    assert len(again.duplicates) == 10
    assert len(office.recorder.select_notifications(start=(after_first or 0) + 1, limit=50)) == 2
    assert verify_store(target).intact


def test_an_import_and_a_command_share_one_chain(office: BackOffice, officer, target):
    office.import_reviews(officer, [_row(n) for n in range(5)])
    office.import_reviews(officer, [_row(n, Level.DISSATISFIED) for n in range(5, 8)])
    office.verify_review(officer, review_id_for("HCP-2026-0000006"))

    verdict = verify_store(target)

    assert verdict.intact, verdict.summary()
    assert verdict.head_position == office.recorder.max_notification_id()


def test_the_same_review_twice_in_one_batch_is_recorded_once(office: BackOffice, officer):
    report = office.import_reviews(officer, [_row(1), _row(2), _row(1)])

    assert report.recorded == 2
    assert report.duplicates == [str(review_id_for("HCP-2026-0000001"))]


def test_a_row_with_a_control_character_is_refused_and_the_rest_recorded(
    office: BackOffice, officer
):
    rows = [_row(1), _row(2, comment="很好\x00"), _row(3, subject_unit="市审批局\x1b[0m")]

    report = office.import_reviews(officer, rows)

    assert [(r.index, r.rule) for r in report.rejected] == [
        (1, "control-character-in-text"),
        (2, "control-character-in-text"),
    ]
    assert report.recorded == 1
