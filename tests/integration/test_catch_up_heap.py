"""A long catch-up sets what survives each batch aside from the collector, and at its end
takes it all back and collects: garbage in cycles left by the batches does not stay."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Sequence
from typing import Any

import pytest

from application.back_office import BackOffice
from application.context import CommandContext
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import Tx, ViewStore
from projections import runner as runner_module
from projections.runner import ProjectionRunner
from tests.integration.test_read_models import raise_many


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


class LeavesCycles:
    """A read model that leaves a cycle of garbage behind each batch, and keeps none."""

    name = "leaves_cycles"

    def __init__(self) -> None:
        self.left: list[weakref.ref[_Node]] = []

    def create_tables(self, tx: Tx) -> None:
        pass

    def handle(self, tx: Tx, events: Sequence[Any], source: Any, positions: Sequence[int]) -> None:
        self.left.append(weakref.ref(_Node()))


def test_a_long_catch_up_freezes_as_it_goes_and_collects_at_the_end(
    office: BackOffice,
    officer: CommandContext,
    target: DatabaseTarget,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runner_module, "SETTLE_AFTER", 3)
    raise_many(office, officer, 12)
    store = ViewStore(target, pool_size=2)
    model = LeavesCycles()
    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda real=gc.freeze: (real(), frozen.append(1))[0])
    gc.disable()  # only the runner collects, so the test sees what it does
    try:
        assert ProjectionRunner(office, store, [model], batch_size=2).catch_up() == 12
    finally:
        gc.enable()
        gc.unfreeze()
        store.close()
    assert len(model.left) == 6
    assert len(frozen) > 1  # as it went, and once more after collecting
    assert [ref() for ref in model.left] == [None] * 6
