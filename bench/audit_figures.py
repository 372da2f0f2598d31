"""Issue 4's figures: the hash chain's cost on appends, verification speed, as-of rebuilds."""

from __future__ import annotations

import random
import statistics
from functools import partial
from uuid import UUID, uuid4

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder, StoredEvent

from application.back_office import BackOffice
from application.transcodings import DateAsISO
from bench.fixtures import new_issue, office
from bench.harness import RUNS, Figure, fresh_schema, median_of, timed
from domain.issue import Issue
from infrastructure.eventstore.verify import verify_store

APPENDS = 1500


class BareLibrary(Application[UUID]):
    """The library's own Application over the same tables: no snapshots, no extras."""

    name = "Duban"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())


def _save_each(app: BackOffice, issues: list[Issue]) -> None:
    for issue in issues:
        app.save(issue)


def _paired_appends(block: int = 25) -> tuple[float, float]:
    """Saves alternate between the chained and the plain store in small blocks, so both see
    the same disk and the same load: (plain events/s, chained events/s)."""
    with fresh_schema() as plain_target, fresh_schema() as chained_target:
        apps = {False: office(plain_target, chained=False), True: office(chained_target)}
        spent = {False: 0.0, True: 0.0}
        for _ in range(APPENDS // block):
            for chained, app in apps.items():
                issues = [new_issue(app) for _ in range(block)]
                spent[chained] += timed(partial(_save_each, app, issues))
        for app in apps.values():
            app.close()
    done = APPENDS // block * block
    return done / spent[False], done / spent[True]


def chain_cost() -> list[Figure]:
    pairs = [_paired_appends() for _ in range(RUNS)]
    costs = tuple((1 - chained / plain) * 100 for plain, chained in pairs)
    cost = statistics.median(costs)
    plain = statistics.median(p for p, _ in pairs)
    chained = statistics.median(c for _, c in pairs)
    return [
        Figure(
            "append, 1 event per save, with the hash chain",
            chained,
            "events/s",
            "-",
            True,
            f"without the chain: {plain:,.0f} events/s",
            tuple(c for _, c in pairs),
        ),
        Figure(
            "hash-chain cost on appends",
            cost,
            "%",
            "≤ 15%",
            cost <= 15,
            "the same saves without the chain, interleaved",
            costs,
        ),
    ]


def verify_speed(events: int = 1_000_000, batch: int = 5000) -> list[Figure]:
    with fresh_schema() as target:
        app = office(target)
        state = b'{"actor":"\\u5f20\\u4e09","unit":"bench","note":"' + b"x" * 120 + b'"}'
        topic = "domain.issue:Issue.ProgressNoted"
        for start in range(0, events, batch):
            app.recorder.insert_events(
                [StoredEvent(uuid4(), 1, topic, state) for _ in range(min(batch, events - start))]
            )
        app.close()
        rate, runs = median_of(lambda: events / timed(lambda: _must_be_intact(target)))
    return [
        Figure(
            f"verify the chain over {events:,} events",
            rate,
            "events/s",
            "≥ 100,000 events/s",
            rate >= 100_000,
            "-",
            runs,
        )
    ]


def _must_be_intact(target: object) -> None:
    verdict = verify_store(target)  # type: ignore[arg-type]
    assert verdict.intact, verdict.summary()


def as_of(events: int = 10_000, samples: int = 50) -> list[Figure]:
    from bench.fixtures import long_lived_issue

    with fresh_schema() as target:
        app = office(target)
        issue = long_lived_issue(app, events)
        versions = [random.randint(events // 2, events) for _ in range(samples)]
        snap, runs = median_of(
            lambda: (
                timed(lambda: [app.repository.get(issue.id, version=v) for v in versions])
                * 1000
                / samples
            )
        )
        bare = BareLibrary(env=target.eventsourcing_env())
        bare_ms = timed(lambda: bare.repository.get(issue.id)) * 1000
        bare.close()
        app.close()
    return [
        Figure(
            f"as-of reconstruction of an aggregate with {events:,} events",
            snap,
            "ms",
            "< 5 ms",
            snap < 5,
            f"bare library, no snapshot: {bare_ms:,.0f} ms",
            runs,
        )
    ]
