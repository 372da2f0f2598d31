"""Clocks. Only this module reads the wall clock; everything else is handed a clock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that moves only when told to: for tests, replays and demo data."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("a frozen clock needs an aware datetime")
        self._at = at.astimezone(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._at

    def set(self, at: datetime) -> None:
        with self._lock:
            self._at = at.astimezone(UTC)

    def advance(self, by: timedelta) -> None:
        with self._lock:
            self._at += by
