"""Group commit: concurrent saves committed together in one transaction.

The library's PostgreSQL recorder takes a table lock and a commit for every save, so saves
queue behind each other however many threads make them. Here the first save to arrive leads:
it takes every save queued behind it and inserts them all in one transaction — one lock, one
commit, one round of links for the chain — while the next ones queue; then it hands the lead
to the first of those. Each save is still its own command: the positions it gets are its own,
and if the group is refused (an aggregate version already taken — two commands raced on one
aggregate), every save in it is retried alone, so only the one that lost the race is refused,
with the library's own IntegrityError. Under no contention a save commits at once, alone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.persistence import StoredEvent

from infrastructure.metrics import observe_commit

Insert = Callable[[Sequence[StoredEvent], Sequence[Any]], Sequence[int] | None]


@dataclass(eq=False)
class _Save:
    events: Sequence[StoredEvent]
    keys: Sequence[Any]  # the idempotency keys saved with the events (see CommandKeys)
    done: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    positions: Sequence[int] | None = None
    error: BaseException | None = None

    def answer(self) -> Sequence[int] | None:
        if self.error is not None:
            raise self.error
        return self.positions


class GroupCommit:
    def __init__(self, insert: Insert, max_events: int = 5000) -> None:
        self._insert = insert
        self._max_events = max_events
        self._lock = threading.Lock()
        self._queue: list[_Save] = []
        self._leading = False
        self.groups = 0  # transactions committed, for the benchmarks
        self.saves = 0  # saves they carried

    def insert(
        self, events: Sequence[StoredEvent], keys: Sequence[Any] = ()
    ) -> Sequence[int] | None:
        with self._lock:
            alone = not self._leading
            self._leading = True
        if alone:  # nothing in flight: commit at once, with no queue to go through
            self.groups += 1
            self.saves += 1
            try:
                positions = self._insert(events, keys)
            finally:
                self._hand_on()
            observe_commit(1)
            return positions
        mine = _Save(events, keys)
        with self._lock:
            self._queue.append(mine)
            lead = not self._leading
            self._leading = True
        if not lead:
            mine.done.wait()
            if not mine.lead:
                return mine.answer()
        try:
            self._commit(self._take())
        finally:  # whatever happened, the saves queued behind get a leader
            self._hand_on()
        return mine.answer()

    def _take(self) -> list[_Save]:
        with self._lock:
            group: list[_Save] = []
            size = 0
            while self._queue and (
                not group or size + len(self._queue[0].events) <= self._max_events
            ):
                save = self._queue.pop(0)
                group.append(save)
                size += len(save.events)
            return group

    def _hand_on(self) -> None:
        with self._lock:
            if self._queue:
                successor = self._queue[0]
                successor.lead = True
                successor.done.set()
            else:
                self._leading = False

    def _commit(self, group: list[_Save]) -> None:
        self.groups += 1
        self.saves += len(group)
        try:
            events = [e for save in group for e in save.events]
            positions = self._insert(events, [k for save in group for k in save.keys]) or []
        except Exception as error:
            if len(group) == 1:
                self._answer(group[0], None, error)
                return
            for save in group:  # one refused save must not refuse the others
                try:
                    alone_positions = self._insert(save.events, save.keys)
                except Exception as alone:
                    self._answer(save, None, alone)
                else:
                    observe_commit(1)
                    self._answer(save, alone_positions, None)
            return
        observe_commit(len(group))
        start = 0
        for save in group:
            end = start + len(save.events)
            self._answer(save, positions[start:end] if positions else None, None)
            start = end

    @staticmethod
    def _answer(save: _Save, positions: Sequence[int] | None, error: BaseException | None) -> None:
        save.positions, save.error = positions, error
        save.lead = False
        save.done.set()
