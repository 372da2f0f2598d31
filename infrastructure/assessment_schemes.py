"""Loads the assessment schemes: one file per year in infrastructure/config/assessment/ (or
the folder DUBAN_ASSESSMENT_SCHEMES names). Each is validated whole when loaded; a scheme
with a problem stops the start with every problem named, file by file."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from domain.assessment_scheme import Scheme
from domain.errors import InvalidAssessmentSchemeError
from domain.scheme_reading import read_scheme

DEFAULT_FOLDER = Path(__file__).parent / "config" / "assessment"


def load_scheme(path: Path) -> Scheme:
    try:
        with path.open("rb") as handle:
            return read_scheme(tomllib.load(handle))
    except tomllib.TOMLDecodeError as error:
        raise InvalidAssessmentSchemeError(f"{path.name}: not TOML: {error}") from None
    except InvalidAssessmentSchemeError as error:
        raise InvalidAssessmentSchemeError(f"{path.name}: {error.detail}") from None


def load_schemes(folder: Path | None = None) -> dict[int, Scheme]:
    """The schemes by year; two files for one year are refused."""
    folder = folder or Path(os.environ.get("DUBAN_ASSESSMENT_SCHEMES") or DEFAULT_FOLDER)
    if not folder.is_dir():
        raise InvalidAssessmentSchemeError(f"{folder} is not a folder of assessment schemes")
    schemes: dict[int, Scheme] = {}
    files: dict[int, str] = {}
    for path in sorted(folder.glob("*.toml")):
        scheme = load_scheme(path)
        if scheme.year in schemes:
            first = f"{files[scheme.year]} ({schemes[scheme.year].version})"
            raise InvalidAssessmentSchemeError(
                f"{path.name} ({scheme.version}): a second scheme for {scheme.year}, after {first}"
            )
        schemes[scheme.year], files[scheme.year] = scheme, path.name
    return schemes
