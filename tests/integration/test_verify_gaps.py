"""Sequence gaps — positions handed to saves that were rolled back — are explained by the
verification apart from breaks: counted, listed, and never mistaken for a removed event."""

from __future__ import annotations

import contextlib

from application.back_office import BackOffice
from domain.errors import ConcurrentWriteError
from infrastructure.calendar import OfficialCalendar
from infrastructure.database import DatabaseTarget
from infrastructure.eventstore.chain import GENESIS, ChainRow, EventRow, link_hash, walk
from tests.integration.test_tamper import as_attacker, record_ten_events, verify_store


def _open(target: DatabaseTarget, clock) -> BackOffice:
    env = target.eventsourcing_env(pool_size=2)
    return BackOffice(clock, env=env, calendar=OfficialCalendar.from_file())


def _chained(positions: list[int]) -> list[tuple[EventRow, ChainRow]]:
    pairs, previous = [], GENESIS
    for position in positions:
        event = EventRow(position, "ab" * 16, position, "topic", b"{}")
        digest = link_hash(previous, position, event.originator_id, position, "topic", b"{}")
        pairs.append((event, ChainRow(position, event.originator_id, position, previous, digest)))
        previous = digest
    return pairs


def test_positions_no_save_kept_are_counted_and_listed_not_a_break():
    verdict = walk(_chained([1, 2, 5, 6, 9]))
    assert verdict.intact
    assert (verdict.checked, verdict.head_position) == (5, 9)
    assert (verdict.unused, verdict.gaps) == (4, ((3, 4), (7, 8)))
    assert verdict.summary() == (
        "intact up to position 9 (5 events); 4 positions unused (3–4, 7–8): handed to saves"
        " that were rolled back, not events removed — the links on either side follow on"
    )


def test_a_log_without_gaps_says_nothing_of_them():
    verdict = walk(_chained([1, 2, 3]))
    assert (verdict.unused, verdict.gaps) == (0, ())
    assert verdict.summary() == "intact up to position 3 (3 events)"


def test_a_save_refused_on_postgresql_leaves_a_gap_the_verification_explains(
    postgres_target: DatabaseTarget, clock, officer
):
    office = _open(postgres_target, clock)
    try:
        record_ten_events(office, officer)
        issue = office.repository.get(office.recorder.select_notifications(1, 1)[0].originator_id)
        stale = office.repository.get(issue.id)
        office.note_issue_progress(officer, issue.id, note="一")  # position 11
        stale.note_progress(office.envelope(officer), note="二")
        with contextlib.suppress(ConcurrentWriteError):  # refused: position 12 is spent
            office.store(officer, stale, "note_issue_progress")
        office.note_issue_progress(officer, issue.id, note="三")  # position 13
    finally:
        office.close()

    verdict = verify_store(postgres_target)  # the walk in the database and in Python agree
    assert verdict.intact
    assert (verdict.checked, verdict.head_position) == (12, 13)
    assert (verdict.unused, verdict.gaps) == (1, ((12, 12),))
    assert "1 positions unused (12)" in verdict.summary()


def test_an_event_removed_with_its_link_is_a_break_not_a_gap(
    postgres_target: DatabaseTarget, clock, officer
):
    office = _open(postgres_target, clock)
    try:
        record_ten_events(office, officer)
    finally:
        office.close()
    as_attacker(
        postgres_target,
        [
            ("DELETE FROM {events} WHERE {pos} = ?", (5,)),
            ("DELETE FROM duban_event_chain WHERE position = ?", (5,)),
        ],
    )
    verdict = verify_store(postgres_target)
    assert (verdict.intact, verdict.break_position, verdict.kind) == (False, 6, "missing")
