"""`duban reviews import FILE`: bulk intake of reviews exported by the national evaluation
system, one JSON object per line, recorded in batches; refused rows are listed with their
rule and line, rows already imported are counted as duplicates."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import msgspec

from application.context import Actor, CommandContext
from application.review_import import ReviewRow


def read_batches(path: Path, size: int) -> Iterator[tuple[int, list[tuple[int, ReviewRow]]]]:
    """(lines read, [(line number, row)]) per batch; a malformed line is reported and skipped."""
    decoder = msgspec.json.Decoder(ReviewRow)
    batch: list[tuple[int, ReviewRow]] = []
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                batch.append((number, decoder.decode(line)))
            except msgspec.ValidationError as error:
                print(f"line {number}: malformed — {error}", file=sys.stderr)
            if len(batch) == size:
                yield number, batch
                batch = []
    if batch:
        yield number, batch


def import_reviews(args: argparse.Namespace, services: Any) -> int:
    ctx = CommandContext(Actor(args.official, args.unit), f"import-{uuid4()}")
    recorded = duplicates = rejected = 0
    for _, batch in read_batches(Path(args.file), args.batch):
        report = services.office.import_reviews(ctx, [row for _, row in batch])
        recorded += report.recorded
        duplicates += len(report.duplicates)
        for refused in report.rejected:
            rejected += 1
            line = batch[refused.index][0]
            print(f"line {line}: refused ({refused.rule}) — {refused.detail}", file=sys.stderr)
    print(f"{recorded} reviews recorded, {duplicates} already recorded, {rejected} refused")
    return 0 if not rejected else 2


def register(commands: Any, open_services: Any) -> None:
    reviews = commands.add_parser("reviews", help="bulk intake of reviews")
    reviews.add_argument("--database-url", default=None)
    actions = reviews.add_subparsers(dest="action", required=True)
    intake = actions.add_parser("import", help="import a JSON Lines export of reviews")
    intake.add_argument("file")
    intake.add_argument("--batch", type=int, default=5000, help="reviews per transaction")
    intake.add_argument("--official", required=True, help="who runs the import")
    intake.add_argument("--unit", required=True, help="the unit it is run for")

    def run(args: argparse.Namespace) -> int:
        services = open_services(args)
        try:
            return import_reviews(args, services)
        finally:
            services.close()

    reviews.set_defaults(run=run)
