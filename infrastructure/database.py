"""Which store a database URL names, and the eventsourcing environment that selects it.

``sqlite:///path`` (the embedded default) or ``postgresql://user:pass@host:port/db``;
a ``?schema=name`` query parameter on a PostgreSQL URL keeps the tables in that schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

# eventsourcing's own recorders, extended with the hash chain (infrastructure/eventstore)
SQLITE_RECORDER = "infrastructure.eventstore.sqlite:ChainedSQLiteApplicationRecorder"
POSTGRES_RECORDER = "infrastructure.eventstore.postgres:ChainedPostgresApplicationRecorder"
POSTGRES_FACTORY = "infrastructure.eventstore.postgres:DubanPostgresFactory"
# the library's mapper, reading stored events with msgspec (infrastructure/mapper.py)
MAPPER = "infrastructure.mapper:FastMapper"


class UnsupportedDatabaseURLError(ValueError):
    pass


@dataclass(frozen=True)
class DatabaseTarget:
    kind: str  # "sqlite" or "postgres"
    sqlite_path: Path | None = None
    host: str = ""
    port: int = 5432
    user: str = ""
    password: str = ""
    dbname: str = ""
    schema: str = "public"

    @property
    def is_postgres(self) -> bool:
        return self.kind == "postgres"

    def conninfo(self) -> str:
        """psycopg connection string (PostgreSQL only)."""
        parts = {"host": self.host, "port": str(self.port), "dbname": self.dbname}
        if self.user:
            parts["user"] = self.user
        if self.password:
            parts["password"] = self.password
        return " ".join(f"{key}='{value}'" for key, value in parts.items())

    def eventsourcing_env(self, pool_size: int = 10) -> dict[str, str]:
        if self.sqlite_path is not None:
            self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            return {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "APPLICATION_RECORDER_TOPIC": SQLITE_RECORDER,
                "MAPPER_TOPIC": MAPPER,
                "SQLITE_DBNAME": str(self.sqlite_path),
                "SQLITE_LOCK_TIMEOUT": "10",
            }
        return {
            "PERSISTENCE_MODULE": POSTGRES_FACTORY,
            "APPLICATION_RECORDER_TOPIC": POSTGRES_RECORDER,
            "MAPPER_TOPIC": MAPPER,
            "POSTGRES_DBNAME": self.dbname,
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
            "POSTGRES_SCHEMA": self.schema,
            "POSTGRES_POOL_SIZE": str(pool_size),
            "POSTGRES_MAX_OVERFLOW": str(pool_size),
            "POSTGRES_LOCK_TIMEOUT": "10",
            "POSTGRES_CONNECT_TIMEOUT": "10",
        }


def parse_database_url(url: str) -> DatabaseTarget:
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy spells them
        path = unquote(parts.path)[1:]
        if parts.netloc or not path:
            raise UnsupportedDatabaseURLError(f"no file path in {url!r}")
        return DatabaseTarget(kind="sqlite", sqlite_path=Path(path))
    if parts.scheme in ("postgresql", "postgres"):
        query = parse_qs(parts.query)
        return DatabaseTarget(
            kind="postgres",
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            dbname=parts.path.lstrip("/") or "postgres",
            schema=query.get("schema", ["public"])[0],
        )
    raise UnsupportedDatabaseURLError(
        f"unsupported database URL {url!r}: use sqlite:///path or postgresql://…"
    )
