"""State-based read models: an aggregate's row is rebuilt from its state at the last event of
a batch. States are carried from batch to batch in a small cache and moved forward with the
batch's own events, so a caught-up runner rarely reads the event store to rebuild one. The
cache is shared: whichever read model first moves a state to the batch's end, the others find
it there."""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import Application

CACHE_SIZE = 20_000  # states of each kind of aggregate


class _StateCache:
    """Latest states by aggregate id, the least recently used dropped first, each kind of
    aggregate in a bounded share of its own: a year's million one-event reviews must not push
    out the issues and pairings whose next events are on their way. Keyed by the id's integer,
    which hashes in C (a ``UUID`` hashes in Python, a dozen times an event here)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._kinds: dict[type, OrderedDict[int, Any]] = {}
        self._kind_of: dict[int, type] = {}  # which share holds each id

    def get(self, aggregate_id: UUID) -> Any | None:
        key = aggregate_id.int
        kind = self._kind_of.get(key)
        return None if kind is None else self._kinds[kind][key]

    def pop(self, aggregate_id: UUID) -> Any | None:
        key = aggregate_id.int
        kind = self._kind_of.pop(key, None)
        return None if kind is None else self._kinds[kind].pop(key)

    def put(self, aggregate_id: UUID, state: Any) -> None:
        self.pop(aggregate_id)  # in case its kind changed (never, for an aggregate)
        key, kind = aggregate_id.int, type(state)
        states = self._kinds.setdefault(kind, OrderedDict())
        states[key] = state
        self._kind_of[key] = kind
        if len(states) > self._size:
            dropped, _ = states.popitem(last=False)
            del self._kind_of[dropped]


_cache = _StateCache(CACHE_SIZE)
_lock = threading.Lock()


class StateStream:
    """Each event of a batch with its aggregate's state just after it, for read models that
    look at every event. It moves the shared cache's states forward event by event, so a read
    model that runs first in a batch leaves every touched aggregate's latest state there for
    the state-based read models after it (``states_at``)."""

    def after_each(
        self, source: Application[UUID], events: Sequence[Any], event_base: type
    ) -> Iterator[tuple[Any, Any]]:
        """Yields as it goes: a state is only current until the next event is taken."""
        for event in events:
            if not isinstance(event, event_base):
                continue
            aggregate_id: UUID = event.originator_id  # type: ignore[attr-defined]
            version = event.originator_version  # type: ignore[attr-defined]
            with _lock:
                state = _cache.pop(aggregate_id)
            if version == 1:
                state = None
            elif state is None or state.version != version - 1:
                state = source.repository.get(aggregate_id, version=version - 1)
            state = event.mutate(state)  # type: ignore[attr-defined]
            with _lock:
                _cache.put(aggregate_id, state)
            yield event, state


def born_in(events: Sequence[Any]) -> set[UUID]:
    """The aggregates whose first event is in ``events``: no read model has a row for them yet
    (each event is applied once), so theirs can be appended rather than replaced."""
    return {e.originator_id for e in events if getattr(e, "originator_version", 0) == 1}


def born_alone(events: Sequence[Any], kinds: tuple[type, ...]) -> tuple[list[Any], list[Any]]:
    """The creation events (of ``kinds``) of aggregates with no other event in the batch,
    whose rows are made from the event alone, without building the aggregate (a year's
    million reviews are mostly one event each); and the batch's other events."""
    counts: dict[int, int] = {}
    for event in events:
        key = event.originator_id.int
        counts[key] = counts.get(key, 0) + 1
    alone: list[Any] = []
    rest: list[Any] = []
    for event in events:
        first = event.originator_version == 1 and counts[event.originator_id.int] == 1
        (alone if first and isinstance(event, kinds) else rest).append(event)
    return alone, rest


def _events_by_aggregate(events: Sequence[Any], event_base: type) -> dict[UUID, list[Any]]:
    grouped: dict[UUID, list[Any]] = {}
    for event in events:
        if isinstance(event, event_base):
            grouped.setdefault(event.originator_id, []).append(event)  # type: ignore[attr-defined]
    return grouped


def _state(source: Application[UUID], aggregate_id: UUID, events: list[Any]) -> Any:
    first, last = events[0].originator_version, events[-1].originator_version
    cached = _cache.get(aggregate_id)
    if cached is not None and cached.version == last:
        return cached
    if first == 1:
        state = None
    elif cached is not None and cached.version == first - 1:
        state = cached
    else:
        state = source.repository.get(aggregate_id, version=first - 1)
    for event in events:
        state = event.mutate(state)
    return state


def states_at(source: Application[UUID], events: Sequence[Any], event_base: type) -> list[Any]:
    """Each aggregate of ``event_base``'s kind touched by the batch, as of its last event."""
    states = []
    with _lock:
        for aggregate_id, touched in _events_by_aggregate(events, event_base).items():
            state = _state(source, aggregate_id, touched)
            _cache.put(aggregate_id, state)
            states.append(state)
    return states


def state_after(source: Application[UUID], event: Any) -> Any:
    """The aggregate's state just after ``event``: the cache's, when it stands there (a read
    model that ran earlier in the batch moved it there), else read from the store."""
    with _lock:
        state = _cache.get(event.originator_id)
    if state is not None and state.version == event.originator_version:
        return state
    return source.repository.get(event.originator_id, version=event.originator_version)


def cached_copy(aggregate_id: UUID) -> Any | None:
    """A private copy of the latest state the read models saw, or None. It may be behind the
    store: whoever acts on it must save with its version, so a stale copy clashes and is
    reloaded rather than overwriting anything."""
    with _lock:
        state = _cache.get(aggregate_id)
        return copy.deepcopy(state) if state is not None else None
