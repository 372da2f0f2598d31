"""Keeps read models caught up with the event log, in batches, exactly once.

Each batch is one transaction holding the read model's rows and its new position. The
position row is locked for the batch (``FOR UPDATE`` on PostgreSQL; SQLite's write lock), so
two runners — the worker and a command-line catch-up, or a second worker started by mistake —
never apply the same event twice. Queries never catch up: they read what the worker has
applied, waiting first, when asked, until it has reached a position (``wait_for``).

Each read model applies its part of a batch at a savepoint of its own. One that fails is
undone alone and tried again event by event, up to the event it cannot apply: it stops there,
with one logged error and the event written down (projections/failures.py), and the others go
on. A store that is only busy is not such a failure: the batch is given up and tried again.
"""

from __future__ import annotations

import gc
import threading
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any, Protocol
from uuid import UUID

import structlog
from eventsourcing.application import Application

from infrastructure.contention import is_contention
from infrastructure.view_store import Tx, ViewStore
from projections import failures
from projections.failures import Failure
from projections.subscriptions import Wants, subscription, topics_of

POSITIONS_DDL = (
    "CREATE TABLE IF NOT EXISTS projection_positions ("
    " name TEXT PRIMARY KEY, position BIGINT NOT NULL)"
)
# the version of each read model's rules its rows were made by (a model without a ``version``
# is at 1); rows made by other rules are dropped and made again from the start of the log
VERSIONS_DDL = (
    "CREATE TABLE IF NOT EXISTS projection_versions ("
    " name TEXT PRIMARY KEY, version INTEGER NOT NULL)"
)


# a catch-up this large (events times read models) fills the state cache with survivors
SETTLE_AFTER = 100_000
log = structlog.get_logger("duban.projections")


def _settle_heap() -> None:
    """Take back what was set aside, collect once, then set what survived aside from the
    collector (``gc.freeze``): a full collection over tens of thousands of cached aggregate
    states takes 100 to 200 ms, which every query, and every few batches of a long catch-up,
    would otherwise pay. Frozen objects are still freed when unused; only garbage in cycles
    waits, until the next settling collects it."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class ReadModelsBehindError(Exception):
    """The read models had not reached a position in the time a read may wait for them."""

    def __init__(self, position: int, reached: int) -> None:
        super().__init__(f"the read models are at position {reached}, not yet {position}")
        self.position = position
        self.reached = reached


class _Unreadable:
    """An event that cannot be decoded, and the read models that subscribe to it."""

    def __init__(self, failure: Failure, wanting: frozenset[str]) -> None:
        self.failure = failure
        self.wanting = wanting
        self.position = failure.position


class _ModelFailedError(Exception):
    """A read model failed in a batch applied without savepoints: the batch is undone."""


class ReadModel(Protocol):
    name: str

    def create_tables(self, tx: Tx) -> None: ...

    def handle(
        self, tx: Tx, events: Sequence[Any], source: Application[UUID], positions: Sequence[int]
    ) -> None:
        """Apply a batch of events; ``positions`` are their places in the global order."""
        ...


def read_position(tx: Tx, name: str, *, lock: bool = False) -> int:
    suffix = " FOR UPDATE" if lock and tx.dialect == "postgres" else ""
    rows = tx.fetchall(f"SELECT position FROM projection_positions WHERE name = ?{suffix}", [name])  # noqa: S608
    return int(rows[0][0]) if rows else 0


def _lock_positions(tx: Tx, names: Sequence[str]) -> dict[str, int]:
    """The read models' positions, their rows locked (in name order, as every runner takes
    them) for the batch: one statement, not one a read model."""
    marks = ", ".join("?" for _ in names)
    suffix = " ORDER BY name FOR UPDATE" if tx.dialect == "postgres" else ""
    rows = tx.fetchall(
        f"SELECT name, position FROM projection_positions WHERE name IN ({marks}){suffix}",  # noqa: S608
        list(names),
    )
    found = {str(r[0]): int(r[1]) for r in rows}
    return {name: found.get(name, 0) for name in names}


class ProjectionRunner:
    def __init__(
        self,
        source: Application[UUID],
        store: ViewStore,
        models: Sequence[ReadModel],
        batch_size: int = 2000,  # catch-up: 500 a batch was a fifth slower, 5,000 no faster
    ) -> None:
        self.source = source
        self.store = store
        self.models = list(models)
        self.batch_size = batch_size
        self._lock = threading.Lock()
        self._retried: set[str] = set()  # stopped models this process has tried again
        self._wants = Wants(self.models)
        self._topic_lists: dict[frozenset[str], list[str]] = {}
        self.stopped: dict[str, Failure] = {}  # as the last batch found them
        self.head = 0  # the log's head as the last catch-up found it
        # the position every read model this runner keeps (stopped ones aside) has applied
        # up to, as its last catch-up left them; waiters are woken when it moves
        self.reached = 0
        self._moved = threading.Condition()
        with store.transaction() as tx:
            tx.lock_ddl()
            tx.execute(POSITIONS_DDL)
            tx.execute(VERSIONS_DDL)
            tx.execute(failures.DDL)
            for model in self.models:
                model.create_tables(tx)
                tx.execute(
                    "INSERT INTO projection_positions (name, position) VALUES (?, 0)"
                    " ON CONFLICT (name) DO NOTHING",
                    [model.name],
                )
                self._settle_version(tx, model)

    def _settle_version(self, tx: Tx, model: ReadModel) -> None:
        """A read model whose rules changed since its rows were made starts again, its tables
        emptied and its position at 0, in the same transaction."""
        version = int(getattr(model, "version", 1))
        read_position(tx, model.name, lock=True)  # one runner at a time decides
        rows = tx.fetchall("SELECT version FROM projection_versions WHERE name = ?", [model.name])
        made_by = int(rows[0][0]) if rows else 1
        if made_by != version:
            for table in self.tables_of(model.name):
                tx.execute(f"DROP TABLE {table}")
            model.create_tables(tx)
            tx.execute("UPDATE projection_positions SET position = 0 WHERE name = ?", [model.name])
            failures.clear(tx, model.name)
        tx.execute(
            "INSERT INTO projection_versions (name, version) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET version = excluded.version",
            [model.name, version],
        )

    def catch_up(self, until: int | None = None) -> int:
        """Apply every recorded event not yet applied, up to position ``until`` if given;
        return how many were applied, summed over the read models. It stops at the head as
        it stood when it began, so under a steady stream of commands it returns rather than
        chasing new events for ever."""
        head = self.head = self.source.recorder.max_notification_id() or 0
        if until is not None:
            head = min(head, until)
        with self._lock:
            applied = 0
            while True:
                batch, moved = self._guarded_batch(until=head)
                if not moved:
                    break
                applied += batch
                if applied >= SETTLE_AFTER:
                    gc.freeze()  # full collections were a tenth of a long catch-up
        if applied >= SETTLE_AFTER:
            _settle_heap()
        self._reach(head)
        return applied

    def observe(self) -> None:
        """What another process's worker has done, for a server that keeps no read model
        itself: the log's head, how far the read models have reached, which are stopped
        (the answers' Duban-Stopped-Read-Models header reads them)."""
        self.head = self.source.recorder.max_notification_id() or 0
        self.reached_in_store()

    def _names(self) -> set[str]:
        return {m.name for m in self.models}

    def _reach(self, position: int) -> None:
        with self._moved:
            if position > self.reached:
                self.reached = position
                self._moved.notify_all()

    def wait_for(self, position: int, timeout: float) -> bool:
        """Until this process's catch-up has reached ``position``, at most ``timeout``
        seconds; whether it has."""
        with self._moved:
            return self._moved.wait_for(lambda: self.reached >= position, timeout)

    def reached_in_store(self) -> int:
        """How far every read model this runner names has applied, as recorded in the store
        (a read model stopped at an event it cannot apply aside): what another process's
        worker has done."""
        with self.store.transaction(write=False) as tx:
            stopped = failures.stopped(tx)
            self.stopped = {n: f for n, f in stopped.items() if n in self._names()}
            live = [m.name for m in self.models if m.name not in stopped]
            if not live:
                return self.source.recorder.max_notification_id() or 0
            marks = ", ".join("?" for _ in live)
            rows = tx.fetchall(
                f"SELECT MIN(position) FROM projection_positions WHERE name IN ({marks})",  # noqa: S608
                live,
            )
        found = int(rows[0][0] or 0) if rows else 0
        self._reach(found)
        return found

    def _guarded_batch(self, until: int | None) -> tuple[int, bool]:
        """A batch applied first without a savepoint a read model (two round trips each, a
        third of a small batch's); should a read model fail, the whole batch is undone and
        applied again with them, so the failing one stops alone (rare: a poison event)."""
        try:
            return self._catch_up_batch(until=until, guarded=False)
        except _ModelFailedError:
            return self._catch_up_batch(until=until, guarded=True)

    def _catch_up_batch(
        self, until: int | None = None, *, guarded: bool = True
    ) -> tuple[int, bool]:
        """One batch for every read model behind the head, in one transaction: the events are
        read once, each decoded once if some read model subscribes to it; each model takes
        those of its subscription past its own position (a rebuilt model may be behind the
        others), and each position moves with its model's rows to the end of the batch. A
        stopped model is passed over, except once in each process, which tries it again.
        Returns the events passed, summed over the models, and whether any model moved."""
        with self.store.transaction() as tx:
            # no process makes tables while a batch locks every position and writes rows: a
            # process starting (ProjectionRunner's set-up, under the same lock, exclusive)
            # takes indexes' table locks and positions one read model at a time, and the two
            # deadlocked when a worker and a watcher started together on a new schema
            tx.lock_ddl(shared=True)
            self.stopped = failures.stopped(tx)
            if not guarded and any(self._retries(m.name) for m in self.models):
                raise _ModelFailedError("a stopped read model is tried again: guarded")
            live = [m for m in self.models if self._runs(m.name)]
            if not live:
                return 0, False
            positions = _lock_positions(tx, [m.name for m in live])
            start = min(positions.values())
            topics = self._topics(live)
            notifications = self.source.recorder.select_notifications(
                start=start + 1, limit=self.batch_size, stop=until, topics=topics
            )
            end = notifications[-1].id if notifications else start
            if topics and until is not None and len(notifications) < self.batch_size:
                end = max(end, until)  # the store passed over the rest: none is wanted
            decoded, unreadable = self._decode(notifications)
            if unreadable is not None:
                end = unreadable.position - 1  # the batch ends before it
            ids = [n.id for n in notifications]
            applied, moved_any = 0, False
            moved: dict[int, list[str]] = {}  # new position -> the models that reached it
            for model in live:
                position = positions[model.name]
                if end > position:
                    mine = [
                        (e, i)
                        for e, i, wanting in decoded
                        if i > position and model.name in wanting
                    ]
                    reached = self._apply(tx, model, mine, end, guarded)
                    if reached is not None:
                        moved.setdefault(reached, []).append(model.name)
                    applied += (
                        end - position
                        if topics
                        else bisect_right(ids, end) - bisect_right(ids, position)
                    )
                    moved_any = True
                if (
                    unreadable is not None
                    and position < unreadable.position
                    and model.name in unreadable.wanting
                    and model.name not in self.stopped
                ):
                    self._stop(tx, model, unreadable.failure)  # it reached the event it cannot read
                    moved_any = True
            for position, names in moved.items():  # mostly one statement for them all
                marks = ", ".join("?" for _ in names)
                tx.execute(
                    f"UPDATE projection_positions SET position = ? WHERE name IN ({marks})",  # noqa: S608
                    [position, *names],
                )
            return applied, moved_any

    def _topics(self, live: Sequence[ReadModel]) -> list[str]:
        """The topics to read when no live model reads every event, else none (all)."""
        wanted = [subscription(model) for model in live]
        key = frozenset(model.name for model in live)
        if key not in self._topic_lists:
            if any(classes is None for classes in wanted):
                self._topic_lists[key] = []
            else:
                self._topic_lists[key] = topics_of(c for cs in wanted if cs for c in cs)
        return self._topic_lists[key]

    def _retries(self, name: str) -> bool:
        return name in self.stopped and name not in self._retried

    def _runs(self, name: str) -> bool:
        if name not in self.stopped:
            return True
        if name in self._retried:
            return False
        self._retried.add(name)
        return True

    def _decode(
        self, notifications: Sequence[Any]
    ) -> tuple[list[tuple[Any, int, frozenset[str]]], _Unreadable | None]:
        """The batch's wanted events, each with its position and the models that want it, up
        to the first one that cannot be decoded, and that one. An event no read model
        subscribes to is never decoded."""
        events: list[tuple[Any, int, frozenset[str]]] = []
        for notification in notifications:
            wanting = self._wants(notification.topic)
            if not wanting:
                continue
            try:
                event = self.source.mapper.to_domain_event(notification)
            except Exception as error:
                where = failures.describe_event(None, notification.topic)
                failure = Failure("", notification.id, where, failures.describe_error(error))
                return events, _Unreadable(failure, wanting)
            events.append((event, notification.id, wanting))
        return events, None

    def _apply(
        self,
        tx: Tx,
        model: ReadModel,
        mine: Sequence[tuple[Any, int]],
        end: int,
        guarded: bool,
    ) -> int | None:
        """Apply the model's events of the batch at a savepoint; on failure, one by one up to
        the one that fails. The position the caller is to move the model to (None: already
        moved, event by event). Unguarded, without the savepoint: a failure undoes the batch
        (_ModelFailedError). A model with no events in the batch only moves."""
        events = [event for event, _ in mine]
        ids = [position for _, position in mine]
        if not events:
            self._resumed(tx, model, end)
            return end
        if not guarded:
            try:
                model.handle(tx, events, self.source, ids)
            except Exception as error:
                if is_contention(error):
                    raise
                raise _ModelFailedError(model.name) from error
            self._resumed(tx, model, end)
            return end
        try:
            with tx.savepoint():
                model.handle(tx, events, self.source, ids)
        except Exception as error:
            if is_contention(error):
                raise
            if self._one_by_one(tx, model, events, ids):
                self._move(tx, model, end)
            return None
        self._resumed(tx, model, end)
        return end

    def _one_by_one(
        self, tx: Tx, model: ReadModel, events: Sequence[Any], ids: Sequence[int]
    ) -> bool:
        """Whether every event was applied; the model stops at the first that fails."""
        for event, position in zip(events, ids, strict=True):
            try:
                with tx.savepoint():
                    model.handle(tx, [event], self.source, [position])
            except Exception as error:
                if is_contention(error):
                    raise
                what = failures.describe_event(event)
                self._stop(tx, model, Failure("", position, what, failures.describe_error(error)))
                return False
            self._move(tx, model, position)
        return True

    def _move(self, tx: Tx, model: ReadModel, position: int) -> None:
        tx.execute(
            "UPDATE projection_positions SET position = ? WHERE name = ?", [position, model.name]
        )
        self._resumed(tx, model, position)

    def _resumed(self, tx: Tx, model: ReadModel, position: int) -> None:
        if self.stopped.pop(model.name, None) is not None:
            failures.clear(tx, model.name)
            log.info("read model resumed", model=model.name, position=position)

    def _stop(self, tx: Tx, model: ReadModel, failure: Failure) -> None:
        stopped = Failure(model.name, failure.position, failure.event, failure.error)
        failures.record(tx, stopped)
        self.stopped[model.name] = stopped
        self._retried.add(model.name)
        log.error(
            "read model stopped at an event it cannot apply",
            model=model.name,
            position=stopped.position,
            event_type=stopped.event,
            error=stopped.error,
        )

    def model(self, name: str) -> ReadModel:
        for model in self.models:
            if model.name == name:
                return model
        raise KeyError(name)

    def tables_of(self, name: str) -> tuple[str, ...]:
        """A read model's tables: its ``tables`` attribute, else one table named after it."""
        found: tuple[str, ...] = getattr(self.model(name), "tables", (name,))
        return found

    def failures(self) -> dict[str, Failure]:
        """The read models stopped at an event they cannot apply, as recorded now."""
        with self.store.transaction(write=False) as tx:
            return failures.stopped(tx)

    def positions(self) -> dict[str, int]:
        with self.store.transaction(write=False) as tx:
            return {model.name: read_position(tx, model.name) for model in self.models}
