"""Full dates as people write them in prose, found with where they stand.

Pure Python (no Sphinx, no docutils). :func:`find_dates` returns every date-shaped text of a
line or sentence, in order, with its span and its :class:`datetime.date` (``None`` when the
text has the shape of a date but is none, ``2024-02-30``). The forms read:

* ISO 8601 calendar dates, ``2023-10-02`` (``2023/10/02`` too);
* a day, a month name and a year: ``12 March 2025``, ``2nd of October 2023``,
  ``6th December, 2024``, ``12 Mar. 2025``;
* a month name, a day and a year: ``March 12, 2025``, ``Oct. 2, 2023``, ``Sept. 5 2023``,
  ``March 12th, 2025``;
* any of them after a weekday, which becomes part of the match: ``Monday, 2023-10-02``,
  ``Mon 2 Oct 2023``, ``Tuesday the 14th of November 2023``.

A date needs its year: ``March 12`` and ``October 2023`` name no day of a known year and are
not read. A weekday is not checked against the date. One regular expression, each branch
starting with a digit or a letter that opens a month or weekday name, so the work is linear in
the length of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final, NamedTuple

__all__ = ["FoundDate", "find_dates", "has_date", "lower", "parse_date"]

_MONTH: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_WEEKDAY: Final = (
    r"(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ ]+"
    r"(?:the[ ]+)?)"
)
_DAY_SUFFIX: Final = r"(?:st|nd|rd|th)?"
_DATE: Final = re.compile(
    rf"(?<![\w.-]){_WEEKDAY}?(?:"
    rf"(?P<y>[0-9]{{4}})(?P<sep>[-/])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})"
    rf"(?![-/.]?[0-9])"
    rf"|(?P<d2>[0-9]{{1,2}}){_DAY_SUFFIX}(?:[ ]+of)?[ ,]+(?P<m2>{_MONTH})\.?(?![a-z])"
    rf"[ ,]+(?P<y2>[0-9]{{4}})(?![0-9])"
    rf"|(?P<m3>{_MONTH})\.?(?![a-z])[ ]+(?P<d3>[0-9]{{1,2}}){_DAY_SUFFIX},?[ ]+"
    rf"(?P<y3>[0-9]{{4}})(?![0-9])"
    rf")"
)
"""Matched against lower-case text (see :func:`lower`): :mod:`re` runs much slower with
``IGNORECASE``."""


_CENTURIES: Final = ("20", "19", "21")
_AROUND_YEAR: Final = 28
"""How far before a year a date written around it starts (``Wednesday, September 27th,``)."""


class FoundDate(NamedTuple):
    """A date-shaped text of a line."""

    date: dt.date | None
    """The date, or ``None`` when the text is shaped like one but names no day (``2024-02-30``)."""
    start: int
    end: int
    text: str
    """The text as written, a weekday before it included."""


def lower(text: str) -> str:
    """``text`` in lower case with every character in its place, so that offsets found in the
    result hold for ``text`` (a character whose lower case is longer is kept as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def find_dates(text: str) -> list[FoundDate]:
    """Every date-shaped text of ``text``, in order (see the module documentation)."""
    return [_found(match, text) for match in _DATE.finditer(lower(text))]


def has_date(text: str) -> bool:
    """Whether ``text`` holds a full date of the years 1900 to 2199, line breaks inside it
    allowed: a quick test for long texts that are mostly without dates. It looks only around
    four-digit numbers, found by their first two digits (a literal search is many times faster
    than a character class in :mod:`re`)."""
    for century in _CENTURIES:
        start = text.find(century)
        while start >= 0:
            end = start + 4
            if (
                text[start + 2 : end].isdigit()
                and not text[end : end + 1].isdigit()
                and not (start and text[start - 1].isdigit())
                and _date_at(text, start, end)
            ):
                return True
            start = text.find(century, start + 2)
    return False


def _date_at(text: str, start: int, end: int) -> bool:
    """Whether the year ``text[start:end]`` ends or starts a full date."""
    if text[end : end + 1] in {"-", "/"}:
        return _DATE.match(lower(text[max(0, start - 1) : end + 9]), min(start, 1)) is not None
    words = lower(text[max(0, start - _AROUND_YEAR) : start]).split()
    if not words:
        return False
    last = words[-1].rstrip(",.")
    if last[:1].isdigit() and len(words) >= 2:  # March 12, 2025
        last = words[-2].rstrip(",.")
    if last[:3] not in _MONTHS:  # 12 March 2025
        return False
    return _DATE.search(" ".join(words) + " " + text[start:end]) is not None


def parse_date(text: str) -> dt.date | None:
    """``text`` read as one date in any of the forms above, surrounding spaces and a final
    full stop allowed; ``None`` when it is anything else."""
    stripped = text.strip().removesuffix(".").strip()
    match = _DATE.fullmatch(lower(stripped))
    return _found(match, stripped).date if match is not None else None


def _found(match: re.Match[str], text: str) -> FoundDate:
    if match["y"]:
        year, month, day = match["y"], int(match["m"]), match["d"]
    elif match["y2"]:
        year, month, day = match["y2"], _MONTHS[match["m2"][:3]], match["d2"]
    else:
        year, month, day = match["y3"], _MONTHS[match["m3"][:3]], match["d3"]
    try:
        date: dt.date | None = dt.date(int(year), month, int(day))
    except ValueError:
        date = None
    return FoundDate(date, match.start(), match.end(), text[match.start() : match.end()])
