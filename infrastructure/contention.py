"""Which failures are a store too busy for now, not a fault: worth a retry, never a 500.

SQLite lets one writer in at a time: the library's connection pool gives up waiting for its
writer after a few seconds ("Timed out waiting for return of writer"), SQLite itself after its
busy timeout ("database is locked"). PostgreSQL gives up on a lock after POSTGRES_LOCK_TIMEOUT,
and may pick a transaction to break a deadlock or a serialisation conflict.
"""

from __future__ import annotations

import sqlite3

from eventsourcing.persistence import ConnectionUnavailableError
from eventsourcing.persistence import OperationalError as StoreOperationalError
from psycopg import errors as pg
from psycopg_pool import PoolTimeout, TooManyRequests

RETRY_AFTER_SECONDS = 1
_BUSY_WORDS = ("database is locked", "database table is locked", "busy")
_BUSY_TYPES = (
    ConnectionUnavailableError,
    PoolTimeout,
    TooManyRequests,
    pg.LockNotAvailable,
    pg.DeadlockDetected,
    pg.SerializationFailure,
    pg.QueryCanceled,  # statement_timeout / lock_timeout
)


def is_contention(error: BaseException) -> bool:
    """True when ``error``, or what it was raised from, is the store being busy."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, _BUSY_TYPES):
            return True
        if isinstance(current, sqlite3.OperationalError | StoreOperationalError) and any(
            word in str(current).lower() for word in _BUSY_WORDS
        ):
            return True
        current = current.__cause__ or current.__context__
    return False
