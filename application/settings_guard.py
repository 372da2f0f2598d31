"""Settings that would route events around the hash chain are refused at start-up.

The library's Application merges the process environment into its settings, and reads a
setting under the application's name first (``DUBAN_PERSISTENCE_MODULE`` before
``PERSISTENCE_MODULE``). So a variable set for some other reason can swap the chained
recorder for another, make PostgreSQL insert through the library's SQL function (which never
reaches the chained recorder's insert: events stored with no link), or encrypt or compress
stored events into bytes the verifier and the export were never told how to read.
"""

from __future__ import annotations

from collections.abc import Mapping

from eventsourcing.utils import Environment, strtobool

# each would bypass the chain or change the stored bytes; Duban sets none of them
REFUSED = (
    "POSTGRES_ENABLE_DB_FUNCTIONS",
    "CIPHER_TOPIC",
    "CIPHER_KEY",
    "COMPRESSOR_TOPIC",
    "TRANSCODER_TOPIC",
    "INFRASTRUCTURE_FACTORY",
    "FACTORY_TOPIC",
)


class UnsafeSettingError(RuntimeError):
    """A setting that would store events around the chain: the application does not start."""


def refuse_chain_bypass(environment: Environment, pinned: Mapping[str, str]) -> None:
    """``pinned``: the settings the store was opened with (infrastructure.database);
    ``environment``: what the library will actually read."""
    problems = []
    for key, value in pinned.items():
        for variable in environment.create_keys(key):
            found = dict.get(environment, variable)
            if found is not None and found != value:
                problems.append(f"{variable}={found!r} (this store is opened with {value!r})")
    for key in REFUSED:
        for variable in environment.create_keys(key):
            found = dict.get(environment, variable)
            if found and not (key == "POSTGRES_ENABLE_DB_FUNCTIONS" and not _true(found)):
                problems.append(f"{variable}={found!r}")
    if problems:
        raise UnsafeSettingError(
            "refusing to start: these settings would store events around the hash chain or"
            " in a form its verifier cannot read — unset them: " + "; ".join(problems)
        )


def _true(value: str) -> bool:
    try:
        return strtobool(value)
    except ValueError:
        return True  # not a clear "no": refused
