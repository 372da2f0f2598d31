"""The routes every aggregate shares, generated from one table instead of copied per controller:
its history (``/events``), its timeline as recorded at any moment (``/timeline``), and, for
the aggregates that hold commitments, making, keeping and breaking one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, get_type_hints
from uuid import UUID

import msgspec
from litestar import Request
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, JSONBody

from api.audit import AuditItem, is_late
from api.history import EventRecord, history
from api.paging import Page, whole
from api.permissions import ACT, OFFICE, READ, SUPERVISION
from api.permissions import ENTERPRISE as E
from api.routing import Act, Svc, command, fields, query
from api.schemas import AsOf, Body, Name, Registered, Text
from application.back_office import BackOffice
from bootstrap.services import Services
from domain.access import Principal, Role
from domain.base import DubanAggregate
from domain.briefing import SessionSeries
from domain.enterprise import Enterprise
from domain.financing_match import FinancingMatch
from domain.issue import Issue
from domain.pairing import Pairing
from domain.project import Project
from domain.referral import Referral
from domain.review import Review
from domain.summons import Summons
from projections import (
    enterprise_register,
    financing_register,
    issue_ledger,
    pairing_register,
    project_register,
    referral_register,
    review_register,
    session_register,
    summons_register,
)
from projections.access_index import require_visible
from projections.audit_index import AuditFilter, AuditIndex


@dataclass(frozen=True)
class Resource:
    path: str  # the collection, e.g. "/issues"
    id_name: str  # its path parameter, e.g. "issue_id"
    kind: type[DubanAggregate]
    summarise: Callable[[Any], Any]  # the aggregate as its register shows it
    tag: str
    commitment_name: str | None = None  # names its commitment operations, if it holds any
    readers: frozenset[Role] = READ  # who may read its history
    owes_deadlines: bool = True  # so a recorded miss may be withdrawn

    @property
    def item(self) -> str:
        return f"{self.path}/{{{self.id_name}:uuid}}"

    @property
    def noun(self) -> str:
        return self.kind.__name__


_SESSIONS, _MATCHES = session_register.summarise, financing_register.summarise
RESOURCES = [
    Resource("/projects", "project_id", Project, project_register.summarise, "projects", "Project"),
    Resource("/issues", "issue_id", Issue, issue_ledger.summarise, "issues", "Issue", READ | {E}),
    Resource("/pairings", "pairing_id", Pairing, pairing_register.summarise, "pairings"),
    Resource("/session-series", "series_id", SessionSeries, _SESSIONS, "sessions", "Session"),
    Resource("/financing-matches", "match_id", FinancingMatch, _MATCHES, "financing"),
    Resource(
        "/reviews", "review_id", Review, review_register.summarise, "reviews", None, READ | {E}
    ),
    Resource(
        "/summonses",
        "summons_id",
        Summons,
        summons_register.summarise,
        "summonses",
        None,
        SUPERVISION,
    ),
    Resource(
        "/referrals",
        "referral_id",
        Referral,
        referral_register.summarise,
        "referrals",
        None,
        SUPERVISION,
        owes_deadlines=False,
    ),
    Resource(
        "/enterprises",
        "enterprise_id",
        Enterprise,
        enterprise_register.summarise,
        "enterprises",
        None,
        SUPERVISION,
        owes_deadlines=False,
    ),
]


class Timeline(msgspec.Struct, kw_only=True):
    aggregate_type: str
    aggregate_id: UUID
    as_of: datetime | None
    version: int
    state: dict[str, Any]
    events: list[AuditItem]


class MakeCommitment(Body):
    what: Text
    to_whom: Name
    due_date: date
    business_date: date | None = None


class KeepCommitment(Body):
    business_date: date | None = None


class BreakCommitment(Body):
    reason: Text
    business_date: date | None = None


class WithdrawMiss(Body):
    key: Name
    due: date
    reason: Text


class CommitmentMade(msgspec.Struct, kw_only=True):
    holder_id: UUID
    number: int


def timeline(
    services: Services,
    principal: Principal,
    resource: Resource,
    aggregate_id: UUID,
    as_of: datetime | None,
) -> Timeline:
    noun = resource.noun.lower()
    with services.read() as tx:
        require_visible(tx, principal.scope, aggregate_id, resource.kind)
        version = AuditIndex.version_at(
            tx, aggregate_id, as_of or datetime.max.replace(tzinfo=None)
        )
        if version is None:
            by = f" recorded by {as_of}" if as_of else ""
            raise resource.kind.not_found(f"no {noun} {aggregate_id}{by}")
        entries = AuditIndex.page(
            tx, AuditFilter(aggregate_id=aggregate_id), after=0, limit=100_000
        )
    aggregate: DubanAggregate = services.office.repository.get(aggregate_id, version=version)
    if not isinstance(aggregate, resource.kind):
        raise resource.kind.not_found(f"no {noun} {aggregate_id}")
    return Timeline(
        aggregate_type=resource.noun,
        aggregate_id=aggregate_id,
        as_of=as_of,
        version=version,
        state=msgspec.to_builtins(resource.summarise(aggregate)),
        events=[
            AuditItem(entry=e, late_record=is_late(services, e))
            for e in entries
            if e.version <= version
        ],
    )


def _shared(resource: Resource) -> list[HTTPRouteHandler]:
    def events(request: Request[Any, Any, Any], services: Svc) -> Page[EventRecord]:
        item = request.path_params[resource.id_name]
        with services.read() as tx:
            require_visible(tx, request.user.scope, item, resource.kind)
        return whole(history(services.office, item, resource.kind))

    def timeline_of(request: Request[Any, Any, Any], services: Svc, as_of: AsOf = None) -> Any:
        item = request.path_params[resource.id_name]
        return timeline(services, request.user, resource, item, as_of)

    events.__doc__ = f"""The {resource.noun.lower()}'s stored events, oldest first, each with its
    envelope (who, for which unit, under which command, recorded when, business date)."""
    timeline_of.__doc__ = f"""The {resource.noun.lower()}'s state and described events, now or as
    recorded at a past moment (as_of): what the office knew then."""
    noun, item = resource.noun, resource.item
    readers = resource.readers
    return [
        query(
            f"{item}/events", f"Get{noun}Events", roles=readers, audited=True, tags=[resource.tag]
        )(events),
        query(
            f"{item}/timeline",
            f"Get{noun}Timeline",
            roles=SUPERVISION,
            audited=True,
            tags=["timelines"],
        )(_returning(timeline_of, Timeline)),
    ]


def _withdrawal(resource: Resource) -> HTTPRouteHandler:
    def withdraw(request: Request[Any, Any, Any], data: JSONBody[WithdrawMiss], act: Act) -> Any:
        item = request.path_params[resource.id_name]
        return resource.summarise(
            act.office.withdraw_miss(act.command, resource.kind, item, **fields(data))
        )

    withdraw.__doc__ = """Withdraw a recorded miss (the supervision office's correction).

    The act met the deadline in time and was recorded late, or the delay is excused: the miss
    and its withdrawal both stay in the history. Refused with deadline-not-open (no such miss),
    miss-already-withdrawn, reason-required."""
    noun = resource.noun
    declare = command(
        f"{resource.item}/misses/withdrawal",
        f"Withdraw{noun}Miss",
        roles=OFFICE,
        tags=[resource.tag],
    )
    return declare(_returning(withdraw, get_type_hints(resource.summarise)["return"]))


def _commitments(resource: Resource, name: str) -> list[HTTPRouteHandler]:
    holder: Any = resource.kind

    def make(
        request: Request[Any, Any, Any], data: JSONBody[MakeCommitment], act: Act
    ) -> CommitmentMade:
        """Record a commitment made to an enterprise, with what, to whom and its due date."""
        holder_id = request.path_params[resource.id_name]
        number = act.office.make_commitment(act.command, holder, holder_id, **fields(data))
        return CommitmentMade(holder_id=holder_id, number=number)

    at = f"{resource.item}/commitments"
    options: dict[str, Any] = {"tags": [resource.tag], "roles": ACT}
    return [
        command(at, f"Make{name}Commitment", creates=True, **options)(make),
        command(f"{at}/{{number:int}}/kept", f"Keep{name}Commitment", **options)(
            _settling(resource, "keep", KeepCommitment, "Record that a commitment was kept.")
        ),
        command(f"{at}/{{number:int}}/broken", f"Break{name}Commitment", **options)(
            _settling(
                resource, "break", BreakCommitment, "Record that a commitment was broken, with why."
            )
        ),
    ]


def _settling(resource: Resource, verb: str, body: type[Body], summary: str) -> Callable[..., Any]:
    """Keeping or breaking a commitment: the same handler but for the command and its body."""
    settle = getattr(BackOffice, f"{verb}_commitment")

    def handler(request: Request[Any, Any, Any], number: FromPath[int], data: Any, act: Act) -> Any:
        holder_id = request.path_params[resource.id_name]
        settled = settle(
            act.office, act.command, resource.kind, holder_id, number=number, **fields(data)
        )
        return resource.summarise(settled)

    handler.__doc__ = summary
    handler.__name__ = f"{verb}_{resource.noun.lower()}_commitment"
    handler.__annotations__ = {**handler.__annotations__, "data": JSONBody[body]}  # type: ignore[valid-type,misc]
    return _returning(handler, get_type_hints(resource.summarise)["return"])


def _returning(handler: Callable[..., Any], answer: Any) -> Callable[..., Any]:
    """The generated handler's answer type, for the OpenAPI document."""
    handler.__annotations__ = {**handler.__annotations__, "return": answer}
    return handler


def resource_routes() -> list[HTTPRouteHandler]:
    routes = [route for resource in RESOURCES for route in _shared(resource)]
    routes += [_withdrawal(resource) for resource in RESOURCES if resource.owes_deadlines]
    for resource in RESOURCES:
        if resource.commitment_name:
            routes += _commitments(resource, resource.commitment_name)
    return routes


def answer_again(operation: str, aggregate: DubanAggregate) -> bytes:
    """A recorded command's answer, rebuilt from the item as the command left it (an
    idempotent retry): a commitment's number, a directory entry's id, or the item's summary."""
    if operation.startswith("Make") and operation.endswith("Commitment"):
        numbers = getattr(aggregate, "commitments", {})
        made = CommitmentMade(holder_id=aggregate.id, number=max(numbers, default=0))
        return msgspec.json.encode(made)
    for resource in RESOURCES:
        if isinstance(aggregate, resource.kind):
            return msgspec.json.encode(resource.summarise(aggregate))
    return msgspec.json.encode(Registered(id=aggregate.id, version=aggregate.version))
