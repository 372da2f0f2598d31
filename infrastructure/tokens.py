"""Signing bearer tokens (HS256, PyJWT: the library Litestar's JWT support decodes them with),
and the install's signing key. Kept apart from the HTTP layer so `duban token issue` starts
without loading the web framework."""

from __future__ import annotations

import os
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import jwt

ALGORITHM = "HS256"


class TokenLifetimeError(ValueError):
    pass


def issue_token(
    secret: str,
    *,
    subject: str,
    role: str,
    unit_id: str | None,
    name: str,
    expires_in: timedelta,
    max_lifetime: timedelta,
) -> str:
    """The payload Litestar's ``Token`` encodes: registered claims, the rest under ``extras``."""
    if expires_in > max_lifetime:
        raise TokenLifetimeError(
            f"a token may live at most {max_lifetime} (DUBAN_TOKEN_MAX_HOURS); asked {expires_in}"
        )
    now = datetime.now(UTC)
    extras: dict[str, Any] = {"role": role}
    if unit_id:
        extras["unit"] = unit_id
    if name:
        extras["name"] = name
    payload = {
        "exp": now + expires_in,
        "sub": subject,
        "iat": now,
        "jti": uuid4().hex,
        "extras": extras,
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM)


def signing_secret(var: Path = Path("var")) -> str:
    """DUBAN_JWT_SECRET, or the file DUBAN_JWT_SECRET_FILE names (a compose or Kubernetes
    secret), or a secret made once and kept in var/jwt.secret for this install."""
    configured = os.environ.get("DUBAN_JWT_SECRET")
    if configured:
        return configured
    if os.environ.get("DUBAN_JWT_SECRET_FILE"):
        return Path(os.environ["DUBAN_JWT_SECRET_FILE"]).read_text(encoding="utf-8").strip()
    path = var / "jwt.secret"
    if not path.exists():
        var.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()
