"""Prints how many cases the fuzz run sent to each store and how they were answered."""

from __future__ import annotations

import sys
from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    fuzzed = sys.modules.get("tests.fuzz.test_openapi_fuzz")
    if fuzzed is None:  # not collected: importing it now would open both stores to serve
        return
    for store, figures in sorted(fuzzed.FIGURES.items()):
        counts = ", ".join(f"{key} {value}" for key, value in sorted(figures.items()))
        terminalreporter.write_line(f"fuzz on {store}: {counts}")
