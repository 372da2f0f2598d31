"""The hash chain over the event log, and the walk that checks it.

Each stored event gets a link: SHA-256 over the previous link's hash, the event's position in
the global order, its originator id and version, its topic and its stored bytes, each field
length-prefixed (8-byte big-endian length, then the bytes) so no two inputs encode alike. The
first link's predecessor is 32 zero bytes. A chain row keeps the position, the originator id
and version it was made for, the previous hash and its own hash.

The walk pairs events and chain rows by position, in order, and reports the first break:
``changed`` (the bytes no longer hash to the link), ``missing`` (an event, or a link before it,
is gone), ``reordered`` (the position holds another event than the one chained there) or
``unchained`` (an event that never went through the chain).

A position with neither event nor link, between two links that follow one another, is no
break: it was handed out to a save that was rolled back (a refused save, or a group commit
retried save by save). Had a committed event and its link been removed, the next link would
name a predecessor that is gone. The walk counts such unused positions and lists where they
are, so an auditor sees each gap explained apart from the breaks.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

GENESIS = bytes(32)
_LENGTH = struct.Struct(">Q")


def _field(value: bytes) -> bytes:
    return _LENGTH.pack(len(value)) + value


def link_hash(
    previous: bytes, position: int, originator_id: str, version: int, topic: str, state: bytes
) -> bytes:
    digest = hashlib.sha256(previous)
    digest.update(_LENGTH.pack(position))
    digest.update(_field(originator_id.encode()))
    digest.update(_LENGTH.pack(version))
    digest.update(_field(topic.encode()))
    digest.update(_field(state))
    return digest.digest()


class EventRow(NamedTuple):
    position: int
    originator_id: str  # UUID as 32 hex digits, as the chain records it
    version: int
    topic: str
    state: bytes


class ChainRow(NamedTuple):
    position: int
    originator_id: str
    version: int
    previous: bytes
    hash: bytes


@dataclass(frozen=True)
class Verdict:
    intact: bool
    checked: int  # links verified before the first break, or in all
    head_position: int  # the last intact position (0 for an empty or broken-at-first log)
    head_hash: bytes
    break_position: int | None = None
    kind: str | None = None  # changed, missing, reordered, unchained
    detail: str = ""
    unused: int = 0  # positions before the head (or the break) no committed event holds
    gaps: tuple[tuple[int, int], ...] = ()  # the first of them, as (first, last) ranges

    def summary(self) -> str:
        if self.intact:
            said = f"intact up to position {self.head_position} ({self.checked} events)"
        else:
            said = f"broken at position {self.break_position}: {self.kind} — {self.detail}"
        if not self.unused:
            return said
        ranges = ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in self.gaps)
        more = ", …" if sum(b - a + 1 for a, b in self.gaps) < self.unused else ""
        return (
            f"{said}; {self.unused} positions unused ({ranges}{more}): handed to saves that"
            " were rolled back, not events removed — the links on either side follow on"
        )


MAX_GAPS = 100  # ranges listed; all are counted


def walk(
    pairs: Iterable[tuple[EventRow | None, ChainRow | None]], until: int | None = None
) -> Verdict:
    """Check (event, chain row) pairs joined on position, in position order, to the end or
    up to and including position ``until``."""
    previous, head, checked = GENESIS, 0, 0
    gaps = _Gaps()
    for event, link in pairs:
        if until is not None and head >= until:
            break
        problem = _problem(event, link, previous)
        if problem is not None:
            position, kind, detail = problem
            return Verdict(
                False, checked, head, previous, position, kind, detail, gaps.unused, gaps.ranges()
            )
        assert link is not None
        gaps.note(head, link.position)
        previous, head, checked = link.hash, link.position, checked + 1
    return Verdict(True, checked, head, previous, unused=gaps.unused, gaps=gaps.ranges())


class _Gaps:
    def __init__(self) -> None:
        self.unused = 0
        self._ranges: list[tuple[int, int]] = []

    def note(self, head: int, position: int) -> None:
        if position > head + 1:
            self.unused += position - head - 1
            if len(self._ranges) < MAX_GAPS:
                self._ranges.append((head + 1, position - 1))

    def ranges(self) -> tuple[tuple[int, int], ...]:
        return tuple(self._ranges)


def _problem(
    event: EventRow | None, link: ChainRow | None, previous: bytes
) -> tuple[int, str, str] | None:
    if link is None:
        assert event is not None
        return event.position, "unchained", "an event with no link: written around the chain"
    if event is None:
        return link.position, "missing", "the chain has a link for an event that is gone"
    if link.previous != previous:
        return link.position, "missing", "the link before this one is gone or was replaced"
    if (event.originator_id, event.version) != (link.originator_id, link.version):
        return (
            link.position,
            "reordered",
            f"holds {event.originator_id} v{event.version}; the chain recorded "
            f"{link.originator_id} v{link.version} here",
        )
    recomputed = link_hash(
        previous, event.position, event.originator_id, event.version, event.topic, event.state
    )
    if recomputed != link.hash:
        return link.position, "changed", "the stored bytes no longer match their hash"
    return None
