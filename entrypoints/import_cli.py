"""`duban reviews import FILE`: bulk intake of reviews exported by the national evaluation
system, one JSON object per line, recorded in batches; refused rows are listed with their
rule and line, rows already imported are counted as duplicates."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from entrypoints.options import add_database_url

if TYPE_CHECKING:
    from application.review_import import ReviewRow


def read_batches(
    path: Path, size: int, malformed: list[int]
) -> Iterator[list[tuple[int, ReviewRow]]]:
    """[(line number, row)] per batch. A line that is not a review (not JSON, not UTF-8, or not
    the row's shape) is reported, its number appended to ``malformed``, and skipped."""
    import msgspec

    from application.review_import import ReviewRow

    decoder = msgspec.json.Decoder(ReviewRow)
    batch: list[tuple[int, ReviewRow]] = []
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                batch.append((number, decoder.decode(line)))
            except (msgspec.DecodeError, UnicodeDecodeError) as error:  # ValidationError too
                malformed.append(number)
                print(f"line {number}: malformed — {error}", file=sys.stderr)
            if len(batch) == size:
                yield batch
                batch = []
    if batch:
        yield batch


def import_reviews(args: argparse.Namespace, services: Any) -> int:
    from application.context import Actor, CommandContext

    ctx = CommandContext(Actor(args.official, args.unit), f"import-{uuid4()}")
    recorded = duplicates = 0
    malformed: list[int] = []
    rejected = 0
    for batch in read_batches(Path(args.file), args.batch, malformed):
        report = services.office.import_reviews(ctx, [row for _, row in batch])
        recorded += report.recorded
        duplicates += len(report.duplicates)
        for refused in report.rejected:
            rejected += 1
            line = batch[refused.index][0]
            print(f"line {line}: refused ({refused.rule}) — {refused.detail}", file=sys.stderr)
    rejected += len(malformed)
    print(f"{recorded} reviews recorded, {duplicates} already recorded, {rejected} refused")
    return 0 if not rejected else 2


def register(commands: Any, open_services: Any) -> None:
    reviews = commands.add_parser("reviews", help="bulk intake of reviews")
    actions = reviews.add_subparsers(dest="action", required=True, metavar="ACTION")
    intake = actions.add_parser("import", help="import a JSON Lines export of reviews")
    intake.add_argument("file", help="the export: one JSON object a line")
    add_database_url(intake)
    intake.add_argument("--batch", type=int, default=5000, help="reviews per transaction")
    intake.add_argument("--official", required=True, help="who runs the import")
    intake.add_argument("--unit", required=True, help="the unit it is run for")

    def run(args: argparse.Namespace) -> int:
        services = open_services(args)
        try:
            return import_reviews(args, services)
        finally:
            services.close()

    reviews.set_defaults(run=run, creates=True)
