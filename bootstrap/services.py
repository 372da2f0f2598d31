"""The resources a running API holds: the back office, its read models and their runner."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from application.back_office import BackOffice
from application.context import Clock
from application.policy import DeadlinePolicy, DocumentPolicy
from application.watcher import DeadlineWatcher, TickReport
from domain.calendar import WorkingCalendar
from domain.values import shanghai_date
from infrastructure import access_log, credentials, token_revocations
from infrastructure.assessment_schemes import load_schemes
from infrastructure.calendar import OfficialCalendar
from infrastructure.database import DatabaseTarget, parse_database_url
from infrastructure.documents import load_documents
from infrastructure.metrics import observe_tick
from infrastructure.time_limits import load_policy
from infrastructure.view_store import Tx, ViewStore
from projections.access_index import AccessIndex
from projections.accountability_facts import AccountabilityFacts
from projections.assessment_scoring import ViewScorer
from projections.assessment_views import ASSESSMENT_REGISTER
from projections.audit_index import AuditIndex
from projections.directory_view import DirectoryView
from projections.enterprise_register import ENTERPRISE_REGISTER
from projections.exemption_register import EXEMPTION_REGISTER
from projections.financing_register import FINANCING_REGISTER
from projections.issue_ledger import IssueLedger
from projections.latest import cached_copy
from projections.open_deadlines import OpenDeadlineIndex, OpenDeadlines
from projections.pairing_register import PAIRING_REGISTER
from projections.pending_deadlines import PendingDeadlines
from projections.project_register import ProjectRegister
from projections.referral_register import REFERRAL_REGISTER
from projections.review_invitations import ReviewInvitations
from projections.review_register import REVIEW_REGISTER
from projections.review_tallies import ReviewTallies
from projections.runner import ProjectionRunner, ReadModel, ReadModelsBehindError
from projections.session_register import SESSION_REGISTER
from projections.summons_register import SUMMONS_REGISTER


def read_models(calendar: WorkingCalendar) -> list[ReadModel]:
    return [
        AccountabilityFacts(calendar),  # first: it moves the shared states through the batch
        AccessIndex(),
        ProjectRegister(),
        IssueLedger(),
        OpenDeadlines(),
        PendingDeadlines(),
        PAIRING_REGISTER,
        SESSION_REGISTER,
        FINANCING_REGISTER,
        REVIEW_REGISTER,
        ASSESSMENT_REGISTER,
        EXEMPTION_REGISTER,
        SUMMONS_REGISTER,
        REFERRAL_REGISTER,
        ENTERPRISE_REGISTER,
        ReviewInvitations(),
        ReviewTallies(),
        AuditIndex(),
        DirectoryView(),
    ]


@dataclass
class Services:
    office: BackOffice
    views: ViewStore
    runner: ProjectionRunner
    clock: Clock
    documents: DocumentPolicy = field(default_factory=DocumentPolicy)
    # a command-line run catches the read models up before it reads them; a server does not:
    # its worker keeps them up, and a request that must see a position waits for it
    catch_up_on_read: bool = True
    worker_in_process: bool = False  # else another process's worker keeps them (PostgreSQL)
    read_wait_seconds: float = 5.0  # the longest a read waits for the read models
    target: DatabaseTarget | None = None  # the event store's

    @classmethod
    def open(
        cls,
        target: DatabaseTarget,
        clock: Clock,
        pool_size: int = 20,
        *,
        calendar: WorkingCalendar | None = None,
        policy: DeadlinePolicy | None = None,
        only: Sequence[str] | None = None,
        views_target: DatabaseTarget | None = None,
    ) -> Services:
        """``only``: the names of the read models this process keeps (default: all of them);
        ``views_target``: where the read models are kept, if not beside the events."""
        office = BackOffice(
            clock,
            env=target.eventsourcing_env(pool_size=pool_size),
            calendar=calendar or OfficialCalendar.from_file(),
            policy=policy or load_policy(),
        )
        views = ViewStore(views_target or target, pool_size=pool_size)
        models = read_models(office.calendar)
        if only is not None:
            models = [model for model in models if model.name in only]
        runner = ProjectionRunner(office, views, models)
        office.schemes = load_schemes()
        with views.transaction() as tx:
            tx.lock_ddl()
            tables = (access_log.DDL, token_revocations.DDL, token_revocations.INDEX)
            for statement in (*tables, *credentials.DDL):
                tx.execute(statement)
        services = cls(
            office=office,
            views=views,
            runner=runner,
            clock=clock,
            documents=load_documents(),
            target=target,
        )
        office.scorer = ViewScorer(views, services.settle)
        return services

    @cached_property
    def watcher(self) -> DeadlineWatcher:
        """One watcher for the process, so what it has said (a count of steps waiting for a
        year's calendar) is said once, not at every tick."""
        return DeadlineWatcher(self.office, OpenDeadlineIndex(self.views), self.settle, cached_copy)

    def watch_once(self) -> TickReport:
        """One tick of the deadline watcher, counted in this process's metrics."""
        report = self.watcher.tick()
        observe_tick(report.misses, report.steps)
        return report

    def lags(self) -> dict[str, int]:
        """Each read model's lag: events recorded that it has not applied yet."""
        head = self.office.recorder.max_notification_id() or 0
        return {name: head - position for name, position in self.runner.positions().items()}

    @contextmanager
    def read(self) -> Iterator[Tx]:
        """Read the read models: on the command line after applying every event recorded so
        far; in a server as the worker has left them (a request that must see its own writes
        has waited for their position first)."""
        if self.catch_up_on_read:
            self.runner.catch_up()
        with self.views.transaction(write=False) as tx:
            yield tx

    def reached(self) -> int:
        """The position every read model (a stopped one aside) has applied up to."""
        if self.worker_in_process:
            return self.runner.reached
        return self.runner.reached_in_store()

    def wait_for(self, position: int, timeout: float) -> bool:
        """Until the read models have reached ``position``, at most ``timeout`` seconds."""
        if self.worker_in_process:
            return self.runner.wait_for(position, timeout)
        deadline = time.monotonic() + timeout
        while self.runner.reached_in_store() < position:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True

    def settle(self) -> None:
        """The read models brought up to the log's head, for work that must see everything
        recorded so far (an assessment's scores, an export): caught up here on the command
        line; in a server, waited for (ReadModelsBehindError after ``read_wait_seconds``)."""
        if self.catch_up_on_read:
            self.runner.catch_up()
            return
        head = self.office.recorder.max_notification_id() or 0
        if not self.wait_for(head, self.read_wait_seconds):
            raise ReadModelsBehindError(head, self.reached())

    def today(self) -> date:
        return shanghai_date(self.clock.now())

    def close(self) -> None:
        self.views.close()
        self.office.close()


def open_services(database_url: str, pool_size: int = 4) -> Services:
    """The services a command-line entry point uses: on the store the URL names, on the
    system clock, with logging set up from the environment's settings."""
    from infrastructure.clock import SystemClock
    from infrastructure.logging import configure_logging
    from infrastructure.settings import Settings

    settings = Settings.from_env()
    configure_logging(settings.log_level, settings.log_json)
    return Services.open(parse_database_url(database_url), SystemClock(), pool_size)
