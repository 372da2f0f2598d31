"""Signed bearer tokens (Litestar's JWT support). A token names only the subject (the
official's directory id, or an enterprise's credit code), the role, the unit it was issued for,
its id and its lifetime, so it stays small however wide the role reaches. The principal is
read from the directory at each request (projections/principals.py): moved, removed, revoked
or over-long tokens are refused. Only the ``Bearer`` scheme is accepted (any case)."""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from typing import Any

from anyio import to_thread
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.middleware.authentication import AuthenticationResult
from litestar.security.jwt import JWTAuth, JWTAuthenticationMiddleware, Token

from api.console.sessions import authenticate_session, is_console
from api.service_status import PUBLIC_PATHS as SERVICE_PATHS
from bootstrap.services import Services
from domain.access import Principal, Role
from infrastructure import token_revocations, tokens
from infrastructure.tokens import ALGORITHM, TokenLifetimeError, signing_secret
from projections.principals import Claims, principal_for

__all__ = ["TokenLifetimeError", "issue_token", "jwt_auth", "signing_secret"]

# anchored: a unit named "schema" is not public
PUBLIC_PATHS = [*SERVICE_PATHS, "^/schema", "^/assets/", "^/$", "^/signin$"]


def issue_token(
    secret: str, claims: Claims, expires_in: timedelta, *, max_lifetime: timedelta
) -> str:
    return tokens.issue_token(
        secret,
        subject=claims.subject,
        role=claims.role.value,
        unit_id=claims.unit_id,
        name=claims.name,
        expires_in=expires_in,
        max_lifetime=max_lifetime,
    )


def claims_of(token: Token) -> Claims | None:
    try:
        role = Role(token.extras["role"])
    except (KeyError, ValueError):
        return None
    return Claims(
        subject=token.sub,
        role=role,
        unit_id=token.extras.get("unit"),
        name=str(token.extras.get("name") or ""),
        token_id=str(token.jti or ""),
    )


def _resolve(services: Services, token: Token, max_lifetime: timedelta) -> Principal | None:
    claims = claims_of(token)
    if claims is None or token.exp - token.iat > max_lifetime:
        return None
    with services.read() as tx:
        if token_revocations.revoked_in(tx, claims.subject, claims.token_id, token.iat):
            return None
        return principal_for(tx, claims)


class DecodedTokens:
    """Tokens whose signature and claims were checked, kept by their text until they expire,
    so a client's next request skips the signature (HMAC and JSON decoding took 0.6 to 1 ms
    of the event loop a request). Revocation and the directory are still read each request.
    The least recently used are dropped past ``size``."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._tokens: OrderedDict[tuple[str, str], Token] = OrderedDict()

    def get(self, secret: str, encoded: str) -> Token | None:
        key = (secret, encoded)
        token = self._tokens.get(key)
        if token is None:
            return None
        if token.exp <= datetime.now(UTC):  # expired: checked again, and refused, as new
            del self._tokens[key]
            return None
        self._tokens.move_to_end(key)
        return token

    def put(self, secret: str, encoded: str, token: Token) -> None:
        self._tokens[(secret, encoded)] = token
        if len(self._tokens) > self._size:
            self._tokens.popitem(last=False)


DECODED = DecodedTokens()


class BearerMiddleware(JWTAuthenticationMiddleware):
    """The library's, refusing any scheme word but ``Bearer``; the console's pages are
    signed in with a session cookie instead (api/console/sessions.py)."""

    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        if is_console(connection.url.path):
            return await authenticate_session(connection)
        scheme, _, encoded = (connection.headers.get(self.auth_header) or "").partition(" ")
        if scheme.lower() != "bearer" or not encoded.strip():
            raise NotAuthorizedException("an Authorization header 'Bearer <token>' is required")
        return await self.authenticate_token(encoded_token=encoded.strip(), connection=connection)

    async def authenticate_token(
        self, encoded_token: str, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        """The library's, with the decoded token kept until it expires (DecodedTokens)."""
        token = DECODED.get(self.token_secret, encoded_token)
        if token is None:
            token = self.token_cls.decode(
                encoded_token=encoded_token,
                secret=self.token_secret,
                algorithm=self.algorithm,
                audience=self.token_audience,
                issuer=self.token_issuer,
                require_claims=self.require_claims,
                verify_exp=self.verify_expiry,
                verify_nbf=self.verify_not_before,
                strict_audience=self.strict_audience,
            )
            DECODED.put(self.token_secret, encoded_token, token)
        user = await self.retrieve_user_handler(token, connection)
        if not user:
            raise NotAuthorizedException()
        return AuthenticationResult(user=user, auth=token)


def jwt_auth(secret: str, max_lifetime: timedelta) -> JWTAuth[Principal, Token]:
    async def retrieve(token: Token, connection: ASGIConnection[Any, Any, Any, Any]) -> Any:
        services: Services = connection.app.state.services
        return await to_thread.run_sync(_resolve, services, token, max_lifetime)

    return JWTAuth[Principal, Token](
        token_secret=secret,
        retrieve_user_handler=retrieve,
        algorithm=ALGORITHM,
        exclude=PUBLIC_PATHS,
        authentication_middleware_class=BearerMiddleware,
        description="A bearer token from `duban token issue`.",
    )
