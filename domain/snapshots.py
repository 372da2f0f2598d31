"""Snapshots that survive JSON: aggregate state holds enums, dataclasses and dicts keyed by
enums, which plain JSON would hand back as bare strings and dicts. Values are tagged with their
class topic on the way in and rebuilt on the way out. A snapshot is stamped with the time of
the aggregate's last event, so taking one never reads the wall clock.

A snapshot also records the shape of the state it holds (the aggregate class's
``state_version``): when an aggregate's state changes shape, snapshots of the old shape are
not current (``is_current``) and the application replays the events instead."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

from eventsourcing.domain import Snapshot
from eventsourcing.utils import get_topic, resolve_topic

_SKIPPED = frozenset({"_id", "_version", "_pending_events"})
SHAPE = "__shape__"


def encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return {"__enum__": get_topic(type(value)), "value": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__dataclass__": get_topic(type(value)), "fields": fields}
    if isinstance(value, dict):
        if all(type(key) is str and not key.startswith("__") for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {"__items__": [[encode(key), encode(item)] for key, item in value.items()]}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    return value


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "__enum__" in value:
        return resolve_topic(value["__enum__"])(value["value"])
    if "__dataclass__" in value:
        fields = {name: decode(item) for name, item in value["fields"].items()}
        return resolve_topic(value["__dataclass__"])(**fields)
    if "__items__" in value:
        return {decode(key): decode(item) for key, item in value["__items__"]}
    return {key: decode(item) for key, item in value.items()}


class TaggedSnapshot(Snapshot):
    @classmethod
    def take(cls, aggregate: Any) -> TaggedSnapshot:
        state = {k: encode(v) for k, v in vars(aggregate).items() if k not in _SKIPPED}
        state[SHAPE] = getattr(type(aggregate), "state_version", 1)
        return cls(
            originator_id=aggregate.id,
            originator_version=aggregate.version,
            timestamp=aggregate.modified_on,
            topic=get_topic(type(aggregate)),
            state=state,
        )

    def is_current(self) -> bool:
        """Whether the state has the shape the aggregate class has now."""
        shape = getattr(resolve_topic(self.topic), "state_version", 1)
        return bool(self.state.get(SHAPE, 1) == shape)

    def mutate(self, _: None) -> Any:
        aggregate_class = resolve_topic(self.topic)
        state = {k: decode(v) for k, v in self.state.items() if k != SHAPE}
        state.update(_id=self.originator_id, _version=self.originator_version, _pending_events=[])
        aggregate = object.__new__(aggregate_class)
        object.__setattr__(aggregate, "__dict__", state)
        return aggregate
