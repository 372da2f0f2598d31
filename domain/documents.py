"""DocumentNumbers (发文登记): the numbers (文号) one series of an office's documents takes in one
year, such as 示范督〔2026〕12号 for the twelfth urging notice of 2026.

Lifecycle: opened for a series and a year (its id follows from both, so every office process
finds the same register) → numbers taken one at a time, in order from 1, each naming the item
it was given to. Two documents never share a number: two takers at once clash on the
register's version, and the loser takes the next number on fresh state. A pattern names the
year and the sequence, ``{year}`` and ``{sequence}``, and nothing else.
"""

from __future__ import annotations

from string import Formatter
from uuid import UUID, uuid5

from domain.base import DubanAggregate
from domain.errors import InvalidNumberPatternError, InvalidYearError
from domain.values import Envelope, require_text

_NAMESPACE = UUID("0c3f6d5e-8a41-5b7e-9e2d-4f1a6b8c2d90")
_FIELDS = frozenset({"year", "sequence"})


def require_pattern(pattern: str) -> str:
    """A number pattern such as "示范督〔{year}〕{sequence}号"."""
    try:
        fields = {name for _, name, _, _ in Formatter().parse(pattern) if name is not None}
    except ValueError as error:
        raise InvalidNumberPatternError(f"{pattern!r} is not a number pattern: {error}") from None
    if fields != _FIELDS:
        raise InvalidNumberPatternError(
            f"a number pattern names {{year}} and {{sequence}} and nothing else: {pattern!r}"
        )
    return pattern


class DocumentNumbers(DubanAggregate):
    class Opened(DubanAggregate.Created):
        series: str
        year: int

    class NumberTaken(DubanAggregate.Event):
        sequence: int
        number: str
        item: str  # what the number was given to, such as "issue:<id>"

        def apply(self, register: DocumentNumbers) -> None:
            register.taken = self.sequence

    def __init__(self, *, series: str, year: int) -> None:
        self.series = series
        self.year = year
        self.taken = 0

    @staticmethod
    def id_for(series: str, year: int) -> UUID:
        return uuid5(_NAMESPACE, f"{series}:{year}")

    @classmethod
    def open(cls, envelope: Envelope, *, series: str, year: int) -> DocumentNumbers:
        if not 2000 <= year <= 2100:
            raise InvalidYearError(f"{year} is not a year documents are numbered in")
        series = require_text(series, "document series")
        return cls._start(
            cls.Opened, id=cls.id_for(series, year), envelope=envelope, series=series, year=year
        )

    def take(self, envelope: Envelope, *, pattern: str, item: str) -> str:
        """Take the next number for ``item`` and return it, formatted by ``pattern``."""
        sequence = self.taken + 1
        number = require_pattern(pattern).format(year=self.year, sequence=sequence)
        self._record(
            self.NumberTaken,
            envelope,
            sequence=sequence,
            number=number,
            item=require_text(item, "numbered item"),
        )
        return number
