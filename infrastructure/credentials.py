"""Console passwords and sessions, kept beside the read models (never in the event log: a
password hash is not a fact of the office's work, and must be replaceable and erasable).

A password is set by an admin for one official and one role (the role the console grants on
sign-in, as a token names one), hashed with Argon2id (argon2-cffi: the reference
implementation's bindings, with its recommended parameters). A session is a random id in an
HttpOnly cookie; only its SHA-256 is stored, so a copy of the table opens no session. It ends
on sign-out, after ``SESSION_HOURS`` or when the password is set again."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from infrastructure.view_store import ViewStore

DDL = (
    "CREATE TABLE IF NOT EXISTS console_passwords (official_id TEXT PRIMARY KEY,"
    " role TEXT NOT NULL, hash TEXT NOT NULL, set_at TEXT NOT NULL, set_by TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS console_sessions (digest TEXT PRIMARY KEY,"
    " official_id TEXT NOT NULL, role TEXT NOT NULL, unit_id TEXT NOT NULL,"
    " started_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
)
SESSION_HOURS = 8
MIN_LENGTH = 8
_HASHER = PasswordHasher()


@cache
def _dummy() -> str:
    """Verified against when the login is unknown, so a wrong name takes as long as a wrong
    password; hashed on first use, not on import (Argon2 is slow on purpose)."""
    return _HASHER.hash("not-a-password-of-anyone")


class WeakPasswordError(ValueError):
    pass


@dataclass(frozen=True)
class Session:
    official_id: str
    role: str
    unit_id: str


def _now(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).astimezone(UTC).isoformat()


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def set_password(store: ViewStore, official_id: str, role: str, password: str, *, by: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"a password has at least {MIN_LENGTH} characters")
    hashed = _HASHER.hash(password)
    with store.transaction() as tx:
        tx.execute("DELETE FROM console_passwords WHERE official_id = ?", [official_id])
        tx.execute("DELETE FROM console_sessions WHERE official_id = ?", [official_id])
        tx.execute(
            "INSERT INTO console_passwords (official_id, role, hash, set_at, set_by)"
            " VALUES (?, ?, ?, ?, ?)",
            [official_id, role, hashed, _now(None), by],
        )


def check_password(store: ViewStore, official_id: str | None, password: str) -> str | None:
    """The role the official signs in with, or None (no password set, or a wrong one)."""
    with store.transaction(write=False) as tx:
        rows = tx.fetchall(
            "SELECT role, hash FROM console_passwords WHERE official_id = ?", [official_id or ""]
        )
    role, hashed = rows[0] if rows else (None, _dummy())
    try:
        _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return None
    return str(role) if role else None


def start_session(store: ViewStore, session: Session, *, now: datetime | None = None) -> str:
    session_id = secrets.token_urlsafe(32)
    started = now or datetime.now(UTC)
    with store.transaction() as tx:
        tx.execute("DELETE FROM console_sessions WHERE expires_at < ?", [_now(started)])
        tx.execute(
            "INSERT INTO console_sessions (digest, official_id, role, unit_id, started_at,"
            " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                _digest(session_id),
                session.official_id,
                session.role,
                session.unit_id,
                _now(started),
                _now(started + timedelta(hours=SESSION_HOURS)),
            ],
        )
    return session_id


def session_of(store: ViewStore, session_id: str, *, now: datetime | None = None) -> Session | None:
    with store.transaction(write=False) as tx:
        rows = tx.fetchall(
            "SELECT official_id, role, unit_id FROM console_sessions"
            " WHERE digest = ? AND expires_at > ?",
            [_digest(session_id), _now(now)],
        )
    return Session(*rows[0]) if rows else None


def end_session(store: ViewStore, session_id: str) -> None:
    with store.transaction() as tx:
        tx.execute("DELETE FROM console_sessions WHERE digest = ?", [_digest(session_id)])
