"""Which events a read model reads: ``subscribes``, a tuple of event classes (an aggregate's
``Event`` takes all of that aggregate's), or None for every event. The runner hands a read
model only the events it subscribes to and decodes an event only if some read model wants it;
when none of its read models reads every event, it asks the store for their topics alone.

A read model's ``handle`` still filters what it is given as before, so a subscription only
ever leaves out events it would have passed over."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from eventsourcing import utils
from eventsourcing.utils import resolve_topic

Subscription = tuple[type, ...] | None


def subscription(model: Any) -> Subscription:
    found: Subscription = getattr(model, "subscribes", None)
    return found


def topics_of(classes: Iterable[type]) -> list[str]:
    """The topics stored events of these classes (or their subclasses) are recorded under,
    names a renamed class was registered under (``register_topic``) included."""
    seen: set[type] = set()
    stack = list(classes)
    while stack:
        cls = stack.pop()
        if cls not in seen:
            seen.add(cls)
            stack.extend(cls.__subclasses__())
    topics = {f"{cls.__module__}:{cls.__qualname__}" for cls in seen}  # as get_topic makes them
    registered: dict[str, Any] = getattr(utils, "_topic_cache", {})
    topics.update(topic for topic, obj in list(registered.items()) if obj in seen)
    return sorted(topics)


class Wants:
    """For each stored topic, the read models that subscribe to its events (looked up once
    a topic); a topic that names no class is wanted by all, whose decoding then fails."""

    def __init__(self, models: Iterable[Any]) -> None:
        self._given = list(models)
        self._models: list[tuple[str, Subscription]] | None = None  # when first asked
        self._by_topic: dict[str, frozenset[str]] = {}

    def __call__(self, topic: str) -> frozenset[str]:
        found = self._by_topic.get(topic)
        if found is None:
            if self._models is None:
                self._models = [(model.name, subscription(model)) for model in self._given]
            try:
                cls = resolve_topic(topic)
            except Exception:
                cls = None
            if not isinstance(cls, type):
                cls = None
            found = frozenset(
                name
                for name, wanted in self._models
                if wanted is None or cls is None or issubclass(cls, wanted)
            )
            self._by_topic[topic] = found
        return found
