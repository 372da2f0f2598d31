"""State-based read models: rebuild an aggregate's row from its state at the batch's last event."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import Application


def latest_versions(events: Sequence[Any], event_base: type) -> dict[UUID, int]:
    """The highest version each aggregate reaches in this batch, for events of one kind."""
    versions: dict[UUID, int] = {}
    for event in events:
        if isinstance(event, event_base):
            versions[event.originator_id] = event.originator_version  # type: ignore[attr-defined]
    return versions


def states_at(source: Application[UUID], events: Sequence[Any], event_base: type) -> list[Any]:
    return [
        source.repository.get(aggregate_id, version=version)
        for aggregate_id, version in latest_versions(events, event_base).items()
    ]
