"""Loads the documents settings file (infrastructure/config/documents.toml by default): the
issuing office, the urging notices' number pattern, the circular's addressees."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from application.policy import DocumentPolicy
from domain.documents import require_pattern

DEFAULT_DOCUMENTS = Path(__file__).parent / "config" / "documents.toml"


def load_documents(path: Path | None = None) -> DocumentPolicy:
    """A wrong number pattern is refused here, when the office starts, not at its first notice."""
    path = path or Path(os.environ.get("DUBAN_DOCUMENTS") or DEFAULT_DOCUMENTS)
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    urging, circular = raw.get("urging_notice", {}), raw.get("circular", {})
    defaults = DocumentPolicy()
    templates = str(raw.get("templates", ""))
    if templates and not Path(templates).is_absolute():
        templates = str(path.parent / templates)  # relative to the settings file
    return DocumentPolicy(
        issuer=str(raw.get("issuer", defaults.issuer)),
        templates=templates,
        urging_number=require_pattern(str(urging.get("number", defaults.urging_number))),
        urging_new_limit_working_days=int(
            urging.get("new_limit_working_days", defaults.urging_new_limit_working_days)
        ),
        head_posts=tuple(urging.get("head_posts", defaults.head_posts)),
        circular_addressed_to=str(circular.get("addressed_to", defaults.circular_addressed_to)),
        circular_list_length=int(circular.get("list_length", defaults.circular_list_length)),
    )
