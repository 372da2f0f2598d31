"""The one shape every list answers: ``{items, total, next}``.

``total`` counts every item the query matches under the caller's scope, over all pages;
``next`` is the relative URL of the next page — the same query with the page moved on — or
null on the last. When there is a next page the answer also carries it as an RFC 8288
``Link: <…>; rel="next"`` header. Ledgers page by ``limit``/``offset``; the audit log by its
stable cursor. A small fixed list (the units, the read models) is one page: total = its length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlencode

import msgspec
from litestar import Request, Response

from bootstrap.services import Services
from domain.access import Scope
from projections.register import Register

T = TypeVar("T")
S = TypeVar("S", bound=msgspec.Struct)


class Page(msgspec.Struct, Generic[T], kw_only=True):
    items: list[T]
    total: int  # all the items matched under the caller's scope, over every page
    next: str | None  # the next page's relative URL (the same query), or null on the last


def whole(items: Sequence[T]) -> Page[T]:
    """A list answered in one page."""
    return Page(items=list(items), total=len(items), next=None)


def paged(
    request: Request[Any, Any, Any], items: Sequence[T], *, total: int, offset: int
) -> Response[Page[T]]:
    """A page of a ledger at ``offset``: the next page starts where this one ends."""
    end = offset + len(items)
    following = next_url(request, offset=end) if items and end < total else None
    return linked(Page(items=list(items), total=total, next=following))


def linked(page: Page[T]) -> Response[Page[T]]:
    """The page, with its next page in a ``Link`` header too when there is one."""
    headers = {"Link": f'<{page.next}>; rel="next"'} if page.next else None
    return Response(page, headers=headers)


def next_url(request: Request[Any, Any, Any], **changed: object) -> str:
    """The request's path and query, in the order it came, with ``changed`` parameters set."""
    sent = parse_qsl(request.scope.get("query_string", b"").decode(), keep_blank_values=True)
    kept = [(k, v) for k, v in sent if k not in changed]
    query = urlencode([*kept, *((k, str(v)) for k, v in changed.items())])
    return f"{request.url.path}?{query}"


def register_page(
    request: Request[Any, Any, Any],
    services: Services,
    register: Register[Any, S],
    where: Mapping[str, str | None],
    *,
    scope: Scope,
    limit: int,
    offset: int,
) -> Response[Page[S]]:
    """A page of a register, counted with the same filter and scope in the same read."""
    with services.read() as tx:
        items = register.list(tx, where, scope=scope, limit=limit, offset=offset)
        total = register.count(tx, where, scope=scope)
    return paged(request, items, total=total, offset=offset)
