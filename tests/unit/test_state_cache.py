"""The read models' state cache: the least recently put dropped first, each kind of aggregate
within a bound of its own."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID, uuid4

from projections.latest import _StateCache


@dataclass
class Issue:
    id: UUID


@dataclass
class Review:
    id: UUID


def test_a_state_put_is_got_and_popped_once() -> None:
    cache = _StateCache(3)
    issue = Issue(uuid4())
    cache.put(issue.id, issue)
    assert cache.get(issue.id) is issue
    assert cache.pop(issue.id) is issue
    assert cache.get(issue.id) is None
    assert cache.pop(issue.id) is None


def test_each_kind_drops_its_own_least_recently_put() -> None:
    cache = _StateCache(2)
    issues = [Issue(uuid4()) for _ in range(3)]
    cache.put(issues[0].id, issues[0])
    cache.put(issues[1].id, issues[1])
    cache.put(issues[0].id, issues[0])  # put again: now the most recent
    reviews = [Review(uuid4()) for _ in range(5)]
    for review in reviews:  # a flood of reviews leaves the issues alone
        cache.put(review.id, review)
    cache.put(issues[2].id, issues[2])
    assert cache.get(issues[1].id) is None
    assert cache.get(issues[0].id) is issues[0]
    assert cache.get(issues[2].id) is issues[2]
    assert [cache.get(r.id) for r in reviews] == [None, None, None, reviews[3], reviews[4]]


def test_a_newer_state_replaces_the_older() -> None:
    cache = _StateCache(2)
    aggregate_id = uuid4()
    first, second = Issue(aggregate_id), Issue(aggregate_id)
    cache.put(aggregate_id, first)
    cache.put(aggregate_id, second)
    assert cache.get(aggregate_id) is second
    cache.pop(aggregate_id)
    assert cache.get(aggregate_id) is None
