"""GB/T 2260 region codes: the administrative divisions at county level and above in force on
a stated day, from the bundled table domain/data/gb_t_2260_<day>.txt, whose header names its
source (the Ministry of Civil Affairs' yearly code list and its change notices)."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib.resources import files

IN_FORCE_ON = date(2024, 12, 31)
_TABLE = f"gb_t_2260_{IN_FORCE_ON.isoformat()}.txt"


@cache
def region_names() -> dict[str, str]:
    """Each code in force with its division's name."""
    text = files("domain").joinpath("data", _TABLE).read_text(encoding="utf-8")
    names = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, name = line.split(" ", 1)
            names[code] = name
    return names
