"""Group commit: saves that arrive while one is committing go together in the next
transaction, each answered with its own positions; a refused group is retried save by save."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from infrastructure.eventstore.group_commit import GroupCommit


def _events(n: int, originator=None, version: int = 1) -> list[StoredEvent]:
    oid = originator or uuid4()
    return [StoredEvent(oid, version + i, "t", b"{}") for i in range(n)]


class FakeLog:
    """Positions in arrival order; refuses a version already taken; the first transaction
    waits until told, so the saves behind it pile up."""

    def __init__(self) -> None:
        self.taken: set[tuple[object, int]] = set()
        self.transactions: list[int] = []
        self.release = threading.Event()
        self.entered = threading.Event()  # the first transaction has begun
        self.next = 1
        self.command_keys: set[object] = set()  # idempotency keys committed

    def insert(
        self, events: Sequence[StoredEvent], command_keys: Sequence[object] = ()
    ) -> list[int]:
        if not self.transactions:
            self.entered.set()
            self.release.wait(5)
        keys = [(e.originator_id, e.originator_version) for e in events]
        if len(set(keys)) < len(keys) or self.taken & set(keys):
            raise IntegrityError("version taken")
        if len(set(command_keys)) < len(command_keys) or self.command_keys & set(command_keys):
            raise IntegrityError("idempotency key taken")
        self.taken.update(keys)
        self.command_keys.update(command_keys)
        self.transactions.append(len(events))
        positions = list(range(self.next, self.next + len(events)))
        self.next += len(events)
        return positions


def _run_all(
    group: GroupCommit,
    saves: list[list[StoredEvent]],
    log: FakeLog,
    keys: list[list[object]] | None = None,
) -> list[object]:
    answers: list[object] = [None] * len(saves)

    def save(n: int) -> None:
        try:
            answers[n] = group.insert(saves[n], keys[n] if keys else [])
        except IntegrityError as refused:
            answers[n] = refused

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(saves))]
    threads[0].start()
    assert log.entered.wait(5)  # the first leads and is held in its transaction
    for queued, thread in enumerate(threads[1:], start=1):
        thread.start()  # the rest queue behind it, each after the one before
        deadline = time.monotonic() + 5
        while len(group._queue) < queued:
            assert time.monotonic() < deadline, "a save never queued"
            time.sleep(0.001)
    log.release.set()
    for thread in threads:
        thread.join(5)
    return answers


def test_saves_queued_behind_a_commit_share_the_next_transaction():
    log = FakeLog()
    group = GroupCommit(log.insert)
    saves = [_events(1 + n % 3) for n in range(9)]

    answers = _run_all(group, saves, log)

    assert log.transactions == [1, sum(len(s) for s in saves[1:])]
    assert [len(a) for a in answers] == [len(s) for s in saves]  # type: ignore[arg-type]
    everything = sorted(p for a in answers for p in a)  # type: ignore[union-attr]
    assert everything == list(range(1, log.next))


def test_a_save_that_lost_a_race_is_refused_alone():
    log = FakeLog()
    group = GroupCommit(log.insert)
    contested = uuid4()
    saves = [
        _events(1),
        _events(1, contested, version=1),
        _events(1),
        _events(1, contested, version=1),  # the same version of the same aggregate
        _events(1),
    ]

    answers = _run_all(group, saves, log)

    refused = [n for n, a in enumerate(answers) if isinstance(a, IntegrityError)]
    assert refused == [3]
    assert all(len(a) == 1 for n, a in enumerate(answers) if n != 3)  # type: ignore[arg-type]
    assert (contested, 1) in log.taken


def test_a_save_alone_commits_at_once_in_its_own_transaction():
    log = FakeLog()
    log.release.set()
    group = GroupCommit(log.insert)

    assert group.insert(_events(2)) == [1, 2]
    assert group.insert(_events(1)) == [3]
    assert log.transactions == [2, 1]


def test_a_group_is_capped_and_the_rest_go_in_the_next():
    log = FakeLog()
    group = GroupCommit(log.insert, max_events=4)
    saves = [_events(2) for _ in range(7)]

    answers = _run_all(group, saves, log)

    assert log.transactions == [2, 4, 4, 4]  # 14 events: the first alone, then 4 at most
    assert all(len(a) == 2 for a in answers)  # type: ignore[arg-type]


def test_each_saves_idempotency_key_commits_with_its_events_and_a_taken_key_refuses_it_alone():
    log = FakeLog()
    group = GroupCommit(log.insert)
    saves = [_events(1) for _ in range(5)]
    keys: list[list[object]] = [["k0"], [], ["k2"], ["k2"], ["k4"]]  # the fourth retries the third

    answers = _run_all(group, saves, log, keys)

    refused = [n for n, a in enumerate(answers) if isinstance(a, IntegrityError)]
    assert refused == [3]
    assert log.command_keys == {"k0", "k2", "k4"}
    assert len(log.taken) == 4  # the refused save's event went with its key: not kept


def test_an_error_other_than_a_conflict_reaches_its_save():
    def broken(events: Sequence[StoredEvent], keys: Sequence[object]) -> list[int]:
        raise RuntimeError("connection lost")

    with pytest.raises(RuntimeError, match="connection lost"):
        GroupCommit(broken).insert(_events(1))
