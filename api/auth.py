"""Signed bearer tokens (Litestar's JWT support): who is acting, for which unit, in which role,
over which units. The acting official and unit of every event come from here, never from a
request body. Only the health check and the API docs answer without a valid token."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from litestar.connection import ASGIConnection
from litestar.security.jwt import JWTAuth, Token

ALGORITHM = "HS256"
PUBLIC_PATHS = ["/health", "/schema"]


class Role(StrEnum):
    OFFICER = "officer"  # acts on what its unit answers for, or what the official leads
    SUPERVISOR = "supervisor"  # the supervision office: reads and acts across its subtree
    INSPECTOR = "inspector"  # reads everything, history and verification included; no commands
    ENTERPRISE = "enterprise"  # raises issues and reviews for its own credit code; sees its own
    ADMIN = "admin"  # the directory and tokens


@dataclass(frozen=True)
class Principal:
    subject: str  # the official's id, or the enterprise's credit code
    name: str
    unit: str
    role: Role
    scope: tuple[str, ...] | None  # units it may act on or see; None: every unit
    enterprise_code: str | None = None

    def covers(self, units: set[str]) -> bool:
        return self.scope is None or bool(units & set(self.scope))


def _extras(principal: Principal) -> dict[str, Any]:
    return {
        "name": principal.name,
        "unit": principal.unit,
        "role": principal.role.value,
        "scope": list(principal.scope) if principal.scope is not None else None,
        "enterprise_code": principal.enterprise_code,
    }


def issue_token(secret: str, principal: Principal, expires_in: timedelta) -> str:
    token = Token(
        sub=principal.subject,
        exp=datetime.now(UTC) + expires_in,
        extras=_extras(principal),
    )
    return token.encode(secret, ALGORITHM)


def principal_of(token: Token, _: ASGIConnection[Any, Any, Any, Any]) -> Principal | None:
    extras = token.extras
    try:
        scope = extras.get("scope")
        return Principal(
            subject=token.sub,
            name=str(extras["name"]),
            unit=str(extras["unit"]),
            role=Role(extras["role"]),
            scope=tuple(scope) if scope is not None else None,
            enterprise_code=extras.get("enterprise_code"),
        )
    except (KeyError, ValueError):
        return None


def jwt_auth(secret: str) -> JWTAuth[Principal, Token]:
    return JWTAuth[Principal, Token](
        token_secret=secret,
        retrieve_user_handler=principal_of,
        algorithm=ALGORITHM,
        exclude=PUBLIC_PATHS,
        description="A bearer token from `duban token issue`.",
    )


def signing_secret(var: Path = Path("var")) -> str:
    """DUBAN_JWT_SECRET, or a secret made once and kept in var/jwt.secret for this install."""
    configured = os.environ.get("DUBAN_JWT_SECRET")
    if configured:
        return configured
    path = var / "jwt.secret"
    if not path.exists():
        var.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
