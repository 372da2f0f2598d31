"""Requests no handler should see: a body JSON decoding cannot take (nested deeper than the
decoder recurses, or not UTF-8), and a URL whose path or query holds a control character.

Litestar turns a body msgspec cannot parse into a 400, but a decoder's RecursionError or a
UnicodeDecodeError escapes it as a 500; here both are a 400 ``malformed-request``. A control
character in the URL answers 422 ``control-character-in-text`` naming the parameter, as the
same character in a body field does: the read models' text columns cannot hold NUL, and no
query means one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from litestar import Request
from litestar.enums import ScopeType
from litestar.exceptions import ClientException
from litestar.types import ASGIApp, Receive, Scope, Send

from api.moments import with_moments
from domain.values import require_storable


class ReadableRequest(Request[Any, Any, Any]):
    async def json(self) -> Any:
        try:
            return await super().json()
        except (RecursionError, UnicodeDecodeError) as error:
            raise ClientException(
                detail=f"the body cannot be read as JSON: {type(error).__name__}"
            ) from None


def url_text_middleware(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            scope["query_string"] = with_moments(scope.get("query_string", b""))
            check_url(scope["path"], scope["query_string"])
        await app(scope, receive, send)

    return middleware


def check_url(path: str, query: bytes) -> None:
    """Refuses a control character in the (decoded) path, a query parameter's name or value."""
    require_storable(path, "the path")
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    for name, value in pairs:
        require_storable(name, "a query parameter's name")
        require_storable(value, f"query parameter {name!r}")
