"""Idempotency keys saved beside the events, in the same transaction as the command's events:
a command that was recorded is found by its key whatever happened between the commit and the
answer (a crash, a lost connection), and a key is taken once per principal — a second command
racing with the same key fails on the key, so it records nothing.

A row keeps the principal, the key, the request's fingerprint, the operation, and the item and
version the command left, from which the API gives the same answer again. The table is
append-only like the log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

COLUMNS = "principal, key, fingerprint, operation, aggregate_id, version"


@dataclass(frozen=True)
class RecordedCommand:
    principal: str
    key: str
    fingerprint: str
    operation: str
    aggregate_id: str
    version: int


def rows(keyed: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Rows for ``KeyedCommand`` values (application.base), read by attribute."""
    return [
        (
            k.key.principal,
            k.key.key,
            k.key.fingerprint,
            k.key.operation,
            str(k.aggregate_id),
            k.version,
        )
        for k in keyed
    ]


def keys_of(kwargs: dict[str, Any]) -> list[Any]:
    """The keyed commands a save carries: ``command_key`` (one save) or ``command_keys``
    (a group of saves committed together)."""
    one = kwargs.pop("command_key", None)
    many = list(kwargs.pop("command_keys", None) or ())
    return [*many, *([one] if one is not None else [])]
