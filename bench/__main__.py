"""python -m bench [NAME ...]: run benchmarks, print the table; all of them also write
bench/results/latest.md."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bench import (
    audit_figures,
    console_figures,
    deadline_figures,
    intake_figures,
    page_total_figures,
    projection_figures,
    report_figures,
    wrk_figures,
)
from bench.harness import Figure, cpu_check, machine, settle, table
from infrastructure.logging import configure_logging

BENCHMARKS: dict[str, Callable[[], list[Figure]]] = {
    "http_commands": wrk_figures.http_commands,
    "reads_under_writes": wrk_figures.reads_under_writes,
    "chain_cost": audit_figures.chain_cost,
    "verify": audit_figures.verify_speed,
    "as_of": audit_figures.as_of,
    "watcher_tick": deadline_figures.watcher_tick,
    "record_misses": deadline_figures.record_misses,
    "review_intake": intake_figures.review_intake,
    "page_totals": page_total_figures.audit_totals,
    "projections": projection_figures.catch_up_and_queries,
    "projection_lag": projection_figures.lag_under_load,
    "ledger_import": report_figures.ledger_import,
    "console_pages": console_figures.page_times,
}
RESULTS = Path(__file__).parent / "results" / "latest.md"


def main(names: list[str]) -> int:
    configure_logging("WARNING", json=False)  # a log line per command would be measured too
    chosen = names or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        print(f"usage: python -m bench [{' '.join(BENCHMARKS)}]", file=sys.stderr)
        return 0 if unknown in (["--help"], ["-h"]) else 2
    figures: list[Figure] = []
    before = cpu_check()
    started = time.perf_counter()
    for name in chosen:
        settle()
        began = time.perf_counter()
        figures.extend(BENCHMARKS[name]())
        print(f"{name}: {time.perf_counter() - began:.0f} s", file=sys.stderr)
    report = "\n".join(
        [
            f"# Duban benchmarks — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            *machine(),
            f"- whole run: {time.perf_counter() - started:.0f} s",
            f"- CPU check, a 5,000,000-step Python loop: {before:.2f} s before the run,"
            f" {cpu_check():.2f} s after (lower is faster; compare runs beside it)",
            "",
            table(figures),
            "",
        ]
    )
    print(report)
    missed = [f.name for f in figures if not f.met]
    if missed:
        print(f"{len(missed)} of {len(figures)} figures miss their aim", file=sys.stderr)
    if not names:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
    return 0  # the table says which aims are met; a completed run is a success


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
