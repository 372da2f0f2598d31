"""The fast mapper reads every stored event exactly as the library's own mapper does: the
whole demo year, event by event, and the stored states the fast path cannot read itself."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import (
    DatetimeAsISO,
    JSONTranscoder,
    Mapper,
    MapperDeserialisationError,
    UUIDAsHex,
)
from eventsourcing.utils import get_topic

from application.transcodings import DateAsISO
from infrastructure.database import DatabaseTarget
from infrastructure.mapper import FastMapper
from tests.integration.demo_year import demo_office


def _same(fast: Any, library: Any) -> None:
    assert type(fast) is type(library)
    assert vars(fast) == vars(library)
    for name, value in vars(library).items():  # equal is not enough: 1 == 1.0, date vs str
        assert type(vars(fast)[name]) is type(value), name


def test_the_demo_year_reads_the_same_through_both_mappers(target: DatabaseTarget) -> None:
    with demo_office(target) as office:
        assert isinstance(office.mapper, FastMapper)
        library = Mapper(office.mapper.transcoder)
        notifications = office.recorder.select_notifications(start=1, limit=1_000_000)
        assert len(notifications) > 400
        topics = set()
        for notification in notifications:
            _same(
                office.mapper.to_domain_event(notification), library.to_domain_event(notification)
            )
            topics.add(notification.topic)
        assert len(topics) > 40  # most kinds of event, not a year of one kind


class Note(Aggregate):
    class Written(Aggregate.Event):
        class_version = 2
        text: str
        score: float
        due: list[dict[str, date]]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["due"] = []


def _mappers() -> tuple[FastMapper, Mapper[Any]]:
    transcoder = JSONTranscoder()
    for transcoding in (DateAsISO(), DatetimeAsISO(), UUIDAsHex()):
        transcoder.register(transcoding)
    return FastMapper(transcoder), Mapper(transcoder)


def _stored(mapper: Mapper[Any], **values: Any) -> Any:
    event = Note.Written(
        originator_id=uuid4(),
        originator_version=1,
        timestamp=datetime(2026, 3, 1, tzinfo=UTC),
        **values,
    )
    return mapper.to_stored_event(event)


def test_nested_values_and_an_upcast_read_the_same() -> None:
    fast, library = _mappers()
    stored = _stored(library, text="甲", score=1.5, due=[{"by": date(2026, 3, 2)}])
    _same(fast.to_domain_event(stored), library.to_domain_event(stored))
    assert fast.to_domain_event(stored).due == [{"by": date(2026, 3, 2)}]

    old = type(stored)(stored.originator_id, 1, get_topic(Note.Written), b'{"text":"","score":0}')
    _same(fast.to_domain_event(old), library.to_domain_event(old))
    assert fast.to_domain_event(old).due == []


def test_what_msgspec_refuses_is_read_the_library_way() -> None:
    fast, library = _mappers()
    for score in (math.inf, -math.inf):  # json writes Infinity, which is not JSON
        stored = _stored(library, text="", score=score, due=[])
        _same(fast.to_domain_event(stored), library.to_domain_event(stored))
    stored = _stored(library, text="", score=math.nan, due=[])
    assert math.isnan(fast.to_domain_event(stored).score)


def test_an_unknown_transcoding_fails_as_the_library_fails() -> None:
    fast, library = _mappers()
    stored = _stored(library, text="", score=0.0, due=[])
    broken = type(stored)(
        stored.originator_id,
        1,
        stored.topic,
        stored.state.replace(b'"datetime_iso"', b'"no_such_type"'),
    )
    with pytest.raises(MapperDeserialisationError):
        library.to_domain_event(broken)
    with pytest.raises(MapperDeserialisationError):
        fast.to_domain_event(broken)
