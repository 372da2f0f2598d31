"""Principals from token claims, read against the directory as it stands now: an official
moved to another unit, or removed, keeps no right of the old unit; a subject the directory
does not know is nobody. Each role's scope is computed here, from the directory tree:

- officer: its own unit, and the items that name the official;
- supervisor: every unit of the government its office belongs to (the office's parent and
  that parent's subtree), and that government's region (problems not yet assigned);
- inspector: every item (to read);
- admin: the directory only;
- enterprise: the items of its own credit code.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.access import ENTERPRISE_UNIT, Principal, Role, Scope, region_prefix
from infrastructure.view_store import Tx


@dataclass(frozen=True)
class Claims:
    subject: str
    role: Role
    unit_id: str | None  # the unit the token was issued for (officials)
    name: str = ""  # an enterprise's display name
    token_id: str = ""


def principal_for(tx: Tx, claims: Claims) -> Principal | None:
    if claims.role is Role.ENTERPRISE:
        code = claims.subject
        scope = Scope(enterprise=code)
        name = claims.name or code
        return Principal(code, name, ENTERPRISE_UNIT, claims.role, scope, code, claims.token_id)
    rows = tx.fetchall(
        "SELECT o.name, u.id, u.name, u.path FROM directory_officials o"
        " JOIN directory_units u ON u.id = o.unit_id WHERE o.id = ?",
        [claims.subject],
    )
    if not rows:
        return None  # not (or no longer) in the directory
    name, unit_id, unit, path = rows[0]
    if claims.unit_id != unit_id:
        return None  # moved since the token was issued: the old unit's rights are gone
    scope = _scope(tx, claims.role, name, unit, path)
    return Principal(claims.subject, name, unit, claims.role, scope, None, claims.token_id)


def _scope(tx: Tx, role: Role, name: str, unit: str, path: str) -> Scope:
    if role is Role.INSPECTOR:
        return Scope.all()
    if role is Role.OFFICER:
        return Scope(units=frozenset({unit}), officials=frozenset({name}))
    if role is Role.SUPERVISOR:
        government = path.rsplit("/", 1)[0] or path
        rows = tx.fetchall(
            "SELECT name, path, region_code FROM directory_units WHERE path = ? OR path LIKE ?",
            [government, f"{government}/%"],
        )
        regions = tuple(region_prefix(r[2]) for r in rows if r[1] == government and r[2])
        return Scope(units=frozenset(r[0] for r in rows), regions=regions)
    return Scope()  # admin: the directory, nothing else
