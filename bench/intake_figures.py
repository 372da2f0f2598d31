"""Issue 8's review intake: reviews imported in batches of 5,000 through the bulk path
(domain rule per row, COPY with the chain), against the library's own batched save of the
same reviews as aggregates, in the same run."""

from __future__ import annotations

import random
from datetime import date
from functools import partial
from itertools import count
from uuid import uuid4

from application.review_import import ReviewRow
from bench.fixtures import DESK, office
from bench.harness import RUNS, Figure, fresh_schema, median_of, timed
from domain.review import Level, Review, SubjectKind

BATCH = 5000
BATCHES = 20  # 100,000 reviews a run
_serial = count()
_UNITS = ("市税务局", "市市场监管局", "市行政审批局", "市人社局", "市住建局")


def review_rows(n: int, rng: random.Random) -> list[ReviewRow]:
    rows = []
    for _ in range(n):
        unit = rng.choice(_UNITS)
        level = Level(rng.choices(range(1, 6), weights=(70, 20, 6, 3, 1))[0])
        rows.append(
            ReviewRow(
                source_id=f"HCP-{next(_serial):09d}",
                submitted_on=date(2026, 9, rng.randint(1, 25)),
                subject_kind=SubjectKind.WINDOW,
                subject_id=f"{unit} {rng.randint(1, 12)}号窗口",
                subject_unit=unit,
                channel=rng.choice(("national-platform", "app", "sms", "window-pad")),
                level=level,
                comment="" if level < Level.DISSATISFIED else "等候时间太长",
                aspects={"efficiency": 6 - int(level)},
            )
        )
    return rows


def _bulk_rate() -> float:
    rng = random.Random(7)
    with fresh_schema() as target:
        app = office(target)
        batches = [review_rows(BATCH, rng) for _ in range(BATCHES)]
        spent = 0.0
        for rows in batches:
            spent += timed(partial(app.import_reviews, DESK, rows))
        app.close()
    return BATCH * BATCHES / spent


def _library_rate(batches: int = 4) -> float:
    """The library's Application.save of the same reviews, 5,000 aggregates per call."""
    rng = random.Random(7)
    with fresh_schema() as target:
        app = office(target)
        spent = 0.0
        for _ in range(batches):
            rows = review_rows(BATCH, rng)

            def save(rows: list[ReviewRow] = rows) -> None:
                env = app.envelope(DESK, business_date=date(2026, 9, 25))
                reviews = [
                    Review.submit(
                        env,
                        id=uuid4(),
                        subject_kind=r.subject_kind,
                        subject_id=r.subject_id,
                        subject_unit=r.subject_unit,
                        channel=r.channel,
                        level=r.level,
                        comment=r.comment,
                        aspects=r.aspects,
                        answer_by=date(2026, 10, 12),
                    )
                    for r in rows
                ]
                app.save(*reviews)

            spent += timed(save)
        app.close()
    return BATCH * batches / spent


def review_intake() -> list[Figure]:
    rate, runs = median_of(_bulk_rate)
    library, _ = median_of(_library_rate, RUNS)
    return [
        Figure(
            f"review intake, bulk import in batches of {BATCH:,}",
            rate,
            "events/s",
            "≥ 20,000 events/s",
            rate >= 20_000,
            f"library save, {BATCH:,} aggregates a call: {library:,.0f} events/s"
            f" (×{rate / library:.1f})",
            runs,
        )
    ]
