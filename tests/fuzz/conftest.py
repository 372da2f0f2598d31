"""Prints how many cases the fuzz run sent to each store and how they were answered."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.fuzz.test_openapi_fuzz import FIGURES

    for store, figures in sorted(FIGURES.items()):
        counts = ", ".join(f"{key} {value}" for key, value in sorted(figures.items()))
        terminalreporter.write_line(f"fuzz on {store}: {counts}")
