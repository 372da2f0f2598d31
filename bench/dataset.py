"""A province-sized year of service work, for the benchmarks and for trying the dashboards
at scale: ``python -m bench.dataset --database-url URL [--scale 1.0]``.

At scale 1: 300 major projects (plans, a leader, monthly progress, milestones), 3,000 pairings
with their monthly visits, 30,000 issues through their lifecycle (88% resolved and closed
out, the rest open or overdue), and 1,000,000 reviews through the bulk intake — about
1.25 million events. Acts are recorded month by month, January to November 2026, on a clock
that moves with them, so as-of queries see the year unfold. Fixed seed: the same scale
gives the same year.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import uuid4

from application.back_office import BackOffice
from application.context import Actor, CommandContext
from application.review_import import ReviewRow
from demo.data import UNITS, credit_code
from domain.base import DubanAggregate
from domain.calendar import add_working_days
from domain.issue import Issue
from domain.pairing import Pairing, PairingMechanism
from domain.project import Project
from domain.review import Level, SubjectKind
from domain.values import Channel, Envelope, IssueCategory, MilestoneKind
from infrastructure.clock import FrozenClock
from infrastructure.database import DatabaseTarget

DESK = CommandContext(Actor("数据生成", "省政府督查室"), "dataset")
MONTHS = range(1, 12)
SAVE_BATCH = 500
REVIEW_BATCH = 5000


@dataclass(frozen=True)
class Scale:
    projects: int = 300
    pairings: int = 3000
    issues: int = 30_000
    reviews: int = 1_000_000

    def times(self, factor: float) -> Scale:
        return Scale(*(max(1, round(n * factor)) for n in (
            self.projects, self.pairings, self.issues, self.reviews
        )))  # fmt: skip


@dataclass
class Year:
    office: BackOffice
    clock: FrozenClock
    rng: random.Random
    projects: list[Project] = field(default_factory=list)
    pairings: list[Pairing] = field(default_factory=list)
    open_issues: list[Issue] = field(default_factory=list)
    review_serial: int = 0

    def act(self, day: date, reason: str | None = None) -> Envelope:
        return self.office.envelope(DESK, business_date=day, reason=reason)


def _units() -> list[tuple[str, str]]:
    return list(UNITS.values())


def _save(office: BackOffice, aggregates: Iterable[DubanAggregate]) -> None:
    pending = [a for a in aggregates if a.pending_events]
    for start in range(0, len(pending), SAVE_BATCH):
        office.save(*pending[start : start + SAVE_BATCH])


Agenda = dict[int, list[Callable[[date], DubanAggregate | None]]]


def _start_projects(year: Year, count: int) -> None:
    rng, day = year.rng, date(2026, 1, 5)
    for n in range(count):
        _unit, person = rng.choice(_units())
        project = Project.register(
            year.act(day),
            id=uuid4(),
            name=f"重点项目 {n + 1:04d}",
            enterprise_name=f"企业 {n + 1:04d}",
            enterprise_code=credit_code(n + 1),
            region_code="510800",
            sector=rng.choice(("新能源", "装备制造", "物流", "文旅", "数据", "食品")),
            total_investment=rng.choice((2, 6, 15, 40)) * 100_000_000,
        )
        project.assign_lead_leader(year.act(day), leader=f"{person}(分管领导)")
        project.adopt_plan(
            year.act(day),
            start=date(2026, rng.randint(2, 6), 1),
            completion=date(2027, rng.randint(1, 12), 1),
            commissioning=date(2028, rng.randint(1, 12), 1),
        )
        year.projects.append(project)


def _progress(year: Year, project: Project) -> Callable[[date], DubanAggregate]:
    def report(day: date) -> DubanAggregate:
        invested = project.total_investment * day.month // 24
        project.report_progress(
            year.act(day), month=f"2026-{day.month:02d}", investment_to_date=invested
        )
        plan = project.plan or {}
        start = plan.get(MilestoneKind.START)
        reached = MilestoneKind.START in project.milestones_reached
        if start and start <= day and not reached and year.rng.random() < 0.8:
            project.reach_milestone(year.act(day), milestone=MilestoneKind.START)
        return project

    return report


def _start_pairings(year: Year, count: int) -> None:
    rng = year.rng
    for n in range(count):
        unit, person = rng.choice(_units())
        year.pairings.append(
            Pairing.establish(
                year.act(date(2026, 1, 5)),
                id=uuid4(),
                mechanism=rng.choice(list(PairingMechanism)),
                official=f"{person}{n % 97}",
                official_unit=unit,
                enterprise_code=credit_code(10_000 + n),
                enterprise_name=f"结对企业 {n + 1:05d}",
                start=date(2026, 1, 1),
            )
        )


def _visit(year: Year, pairing: Pairing) -> Callable[[date], DubanAggregate]:
    def visit(day: date) -> DubanAggregate:
        pairing.log_visit(
            year.act(day),
            form=year.rng.choice(("on_site", "phone", "meeting")),
            people_met=["总经理"],
            findings=[],
            raised_issues=[],
        )
        return pairing

    return visit


def _raise(year: Year) -> Callable[[date], DubanAggregate]:
    def raise_and_assign(day: date) -> DubanAggregate:
        rng = year.rng
        unit, person = rng.choice(_units())
        channel = rng.choice(list(Channel))
        leader = (f"{person}(分管领导)", None) if channel is Channel.LEADER_ASSIGNED else None
        issue = Issue.raise_issue(
            year.act(day),
            id=uuid4(),
            channel=channel,
            leader=leader,
            instruction="请督办落实" if leader else None,
            cause="流程不清" if channel is Channel.SELF_RECTIFICATION else None,
            measures="明确流程" if channel is Channel.SELF_RECTIFICATION else None,
            category=rng.choice(list(IssueCategory)),
            enterprise_code=credit_code(rng.randint(1, 20_000)),
            enterprise_name="企业",
            description="企业反映的问题",
        )
        limit = add_working_days(year.office.calendar, day, rng.choice((5, 10, 15, 20)))
        issue.accept_and_assign(
            year.act(day), responsible_unit=unit, responsible_person=person, time_limit=limit
        )
        year.open_issues.append(issue)
        return issue

    return raise_and_assign


def _close(year: Year, issue: Issue) -> Callable[[date], DubanAggregate | None]:
    def resolve_and_close(day: date) -> DubanAggregate | None:
        if not issue.is_open:
            return None
        issue.resolve(year.act(day), resolution="已协调解决")
        issue.close_out(year.act(day), confirmed_by="企业负责人")
        return issue

    return resolve_and_close


def _reviews(year: Year, count: int) -> Callable[[date], None]:
    def intake(day: date) -> None:
        rng, rows = year.rng, []
        for _ in range(count):
            unit, _person = rng.choice(_units())
            level = Level(rng.choices(range(1, 6), weights=(70, 20, 6, 3, 1))[0])
            year.review_serial += 1
            rows.append(
                ReviewRow(
                    source_id=f"HCP-2026-{year.review_serial:09d}",
                    submitted_on=day,
                    subject_kind=SubjectKind.WINDOW,
                    subject_id=f"{unit} {rng.randint(1, 12)}号窗口",
                    subject_unit=unit,
                    channel=rng.choice(("national-platform", "app", "sms", "window-pad")),
                    level=level,
                    comment="" if level < Level.DISSATISFIED else "等候时间太长",
                )
            )
        for start in range(0, len(rows), REVIEW_BATCH):
            year.office.import_reviews(DESK, rows[start : start + REVIEW_BATCH])

    return intake


def _agenda(year: Year, month: int, scale: Scale) -> Agenda:
    """Each act of the month on its day: progress reports on the 25th, a visit on a day of
    each pairing's choosing (7% of months go without), issues raised every day and 88% closed
    out around their time limit, reviews every day."""
    rng = year.rng
    agenda: Agenda = {}
    days = range(1, 29)
    for d in days:
        agenda[d] = []
    for project in year.projects:
        agenda[25].append(_progress(year, project))
    for pairing in year.pairings:
        if rng.random() < 0.93:
            agenda[rng.choice(days)].append(_visit(year, pairing))
    for issue in year.open_issues:
        due = issue.time_limit
        assert due is not None
        day = due + timedelta(days=rng.randint(-10, 3))
        if (day.year, day.month) == (2026, month) and day.day <= 28 and rng.random() < 0.88:
            agenda[day.day].append(_close(year, issue))
    for _ in range(scale.issues // len(MONTHS)):
        agenda[rng.choice(days)].append(_raise(year))
    per_day = scale.reviews // len(MONTHS) // len(days)
    for d in days:
        agenda[d].append(_reviews(year, per_day))
    return agenda


def generate(
    office: BackOffice,
    clock: FrozenClock,
    scale: Scale,
    progress: Callable[[str], None] = lambda _: None,
) -> int:
    """Record the year; returns the number of events recorded."""
    before = office.recorder.max_notification_id() or 0
    year = Year(office, clock, random.Random(2026))
    clock.set(datetime(2026, 1, 5, 2, tzinfo=UTC))
    _start_projects(year, scale.projects)
    _start_pairings(year, scale.pairings)
    _save(office, [*year.projects, *year.pairings])
    for month in MONTHS:
        for day, acts in _agenda(year, month, scale).items():
            today = date(2026, month, day)
            clock.set(datetime(2026, month, day, 2, tzinfo=UTC))  # 10:00 in Shanghai
            touched = {id(a): a for a in (act(today) for act in acts) if a is not None}
            _save(office, touched.values())
        year.open_issues = [i for i in year.open_issues if i.is_open]
        done = (office.recorder.max_notification_id() or 0) - before
        progress(f"2026-{month:02d}: {done:,} events")
    return (office.recorder.max_notification_id() or 0) - before


def _fingerprint() -> str:
    """What the cached year was made by: this generator and the library that encoded it."""
    from importlib import metadata

    made_by = Path(__file__).read_bytes() + metadata.version("eventsourcing").encode()
    return hashlib.sha256(made_by).hexdigest()[:10]


def cached_year(
    base: DatabaseTarget, factor: float, progress: Callable[[str], None] = lambda _: None
) -> tuple[DatabaseTarget, int]:
    """The year at ``factor`` in a schema of its own, generated once and kept between runs
    (a schema named after the scale and the generator's fingerprint; one whose generation did
    not finish is dropped and made again): (its target, the events it holds). Benchmarks
    read it and write their read models elsewhere, so it is never changed once made."""
    import psycopg

    schema = f"duban_bench_year_{round(factor * 1000)}_{_fingerprint()}"
    target = dataclasses.replace(base, schema=schema)
    with psycopg.connect(base.conninfo(), autocommit=True) as pg:
        made = pg.execute(
            "SELECT 1 FROM information_schema.tables"
            " WHERE table_schema = %s AND table_name = 'bench_year'",
            [schema],
        ).fetchone()
        if made:
            row = pg.execute(f'SELECT events FROM "{schema}".bench_year').fetchone()  # noqa: S608
            assert row is not None
            return target, int(row[0])
        pg.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        pg.execute(f'CREATE SCHEMA "{schema}"')
    clock = FrozenClock(datetime(2026, 1, 5, 2, tzinfo=UTC))
    office = _office(target, clock)
    try:
        events = generate(office, clock, Scale().times(factor), progress)
    finally:
        office.close()
    with psycopg.connect(base.conninfo(), autocommit=True) as pg:
        pg.execute(f'CREATE TABLE "{schema}".bench_year (events BIGINT NOT NULL)')
        pg.execute(f'INSERT INTO "{schema}".bench_year VALUES (%s)', [events])  # noqa: S608
    return target, events


def _office(target: DatabaseTarget, clock: FrozenClock) -> BackOffice:
    from infrastructure.calendar import OfficialCalendar
    from infrastructure.time_limits import load_policy

    return BackOffice(
        clock,
        env=target.eventsourcing_env(pool_size=8),
        calendar=OfficialCalendar.from_file(),
        policy=load_policy(),
    )


def main(argv: list[str] | None = None) -> int:
    from infrastructure.calendar import OfficialCalendar
    from infrastructure.database import parse_database_url
    from infrastructure.time_limits import load_policy

    parser = argparse.ArgumentParser(prog="python -m bench.dataset", description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    clock = FrozenClock(datetime(2026, 1, 5, 2, tzinfo=UTC))
    office = BackOffice(
        clock,
        env=parse_database_url(args.database_url).eventsourcing_env(),
        calendar=OfficialCalendar.from_file(),
        policy=load_policy(),
    )
    try:
        events = generate(
            office, clock, Scale().times(args.scale), lambda m: print(m, file=sys.stderr)
        )
    finally:
        office.close()
    print(f"{events:,} events recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
