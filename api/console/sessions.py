"""Who is signed in to the console: the session cookie, read on the console's own paths only
(the API keeps bearer tokens, so a cookie never authorises an API call and a forged form
cannot reach one). The session names the official, the role and the unit it was started
for; the principal is then read from the directory exactly as for a token
(projections/principals.py), so the same policy decides what each person sees and does."""

from __future__ import annotations

import re
from typing import Any

from anyio import to_thread
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.middleware.authentication import AuthenticationResult

from bootstrap.services import Services
from domain.access import Principal, Role
from infrastructure import credentials
from projections.principals import Claims, principal_for

COOKIE = "duban_session"
CONSOLE_PATHS = re.compile(r"^/console(/|$)")


class SignInRequired(NotAuthorizedException):
    """A console page asked for without a live session: the browser is sent to sign in."""


def is_console(path: str) -> bool:
    return CONSOLE_PATHS.match(path) is not None


def principal_of_session(services: Services, session_id: str) -> Principal | None:
    session = credentials.session_of(services.views, session_id)
    if session is None:
        return None
    try:
        role = Role(session.role)
    except ValueError:
        return None
    claims = Claims(session.official_id, role, session.unit_id, token_id="session")  # noqa: S106
    with services.read() as tx:
        return principal_for(tx, claims)


async def authenticate_session(
    connection: ASGIConnection[Any, Any, Any, Any],
) -> AuthenticationResult:
    session_id = connection.cookies.get(COOKIE)
    if not session_id:
        raise SignInRequired("sign in first")
    services: Services = connection.app.state.services
    principal = await to_thread.run_sync(principal_of_session, services, session_id)
    if principal is None:
        raise SignInRequired("the session has ended: sign in again")
    return AuthenticationResult(user=principal, auth=session_id)
