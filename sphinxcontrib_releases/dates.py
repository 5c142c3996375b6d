"""Dates as release notes write them: one grammar, written once, for every place a date is read.

The forms (English month names, listed here: no locale is consulted):

* ISO 8601 calendar dates, ``2023-10-02`` (``2023/10/02``, ``2023-4-3`` too);
* a day, a month name and a year: ``3 April 2023``, ``2nd of October 2023``,
  ``6th December, 2024``, ``12 Mar. 2025``;
* a month name, a day and a year: ``April 3, 2023``, ``Jan. 5, 2021``, ``Sept. 5 2023``,
  ``September 30th, 2024``, ``Jul 08 2022``;
* any of them after a weekday, which becomes part of the match: ``Monday, 2023-10-02``,
  ``Mon 2 Oct 2023``, ``Thu. Dec 28, 2023``, ``Tuesday the 14th of November 2023``.

A date needs its year: ``March 12`` and ``October 2023`` name no day of a known year. A date that
the calendar does not have (``February 30``) is no date. A weekday is not checked against the
date. Day and month written as numbers in another order (``03/04/2023``) cannot be told apart
and are not read.

Who reads what:

* :func:`find_dates` (and :func:`first_date`) find every date-shaped text of a line or a
  sentence with where it stands: schedules in prose, changelog headings;
* :func:`has_date`, a quick test for long texts that are mostly without dates, and
  :func:`year_lines`, the only lines of a text where the years of its dates can stand;
* :func:`parse_date`, a text that is exactly a date: front matter values, schedule entries;
* :func:`date_line`, a line under a title that is only a date (``Released: April 3, 2023``);
* :func:`date_in_path`, a date in a path or an address (``2023/12/28/slug.md``).

One regular expression, each branch starting with a digit or a letter that opens a month or
weekday name, matched against lower-case text (:func:`lower`; :mod:`re` runs several times
slower with ``IGNORECASE``), so the work is linear in the length of the text. Nothing here
imports Sphinx; nothing raises on any text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final, NamedTuple

__all__ = [
    "LINE_YEARS",
    "MONTHS",
    "PATH_YEARS",
    "FoundDate",
    "calendar_date",
    "date_in_path",
    "date_line",
    "find_dates",
    "first_date",
    "has_date",
    "lower",
    "parse_date",
    "year_lines",
]

_MONTH_NAMES: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

#: Every spelling of a month the grammar knows (lower case, without a trailing dot).
MONTHS: Final[dict[str, int]] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}

_MONTH: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
"""The spellings of :data:`MONTHS`, grouped by their first letters (a test keeps the two in
step)."""
_WEEKDAY: Final = (
    r"(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]+"
    r"(?:the[ \t]+)?)"
)
_DAY_SUFFIX: Final = r"(?:st|nd|rd|th)?"
_DATE: Final = re.compile(
    rf"(?<![\w.-]){_WEEKDAY}?(?:"
    rf"(?P<y>[0-9]{{4}})(?P<sep>[-/])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})"
    rf"(?![-/.]?[0-9])"
    rf"|(?P<d2>[0-9]{{1,2}}){_DAY_SUFFIX}(?:[ \t]+of)?[ \t,]+(?P<m2>{_MONTH})\.?(?![a-z])"
    rf"[ \t,]+(?P<y2>[0-9]{{4}})(?![0-9])"
    rf"|(?P<m3>{_MONTH})\.?(?![a-z])[ \t]+(?P<d3>[0-9]{{1,2}}){_DAY_SUFFIX},?[ \t]+"
    rf"(?P<y3>[0-9]{{4}})(?![0-9])"
    rf")"
)
"""Matched against lower-case text (see :func:`lower`)."""

_TIME: Final = re.compile(r",?(?:[ \t]+|t)[0-9]{1,2}:[0-9]{2}")
"""What may follow a date in a front matter value: a time of day (and whatever follows it)."""

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


def calendar_date(year: int, month: int, day: int, years: tuple[int, int]) -> dt.date | None:
    """The date, if the calendar has it and its year lies within ``years``."""
    if not years[0] <= year <= years[1]:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _found(match: re.Match[str], text: str) -> FoundDate:
    if match["y"]:
        year, month, day = match["y"], int(match["m"]), match["d"]
    elif match["y2"]:
        year, month, day = match["y2"], MONTHS[match["m2"][:3]], match["d2"]
    else:
        year, month, day = match["y3"], MONTHS[match["m3"][:3]], match["d3"]
    date = calendar_date(int(year), month, int(day), (dt.MINYEAR, dt.MAXYEAR))
    return FoundDate(date, match.start(), match.end(), text[match.start() : match.end()])


# -- dates in a text -----------------------------------------------------------------------------


def find_dates(text: str) -> list[FoundDate]:
    """Every date-shaped text of ``text``, in order (see the module documentation)."""
    return [_found(match, text) for match in _DATE.finditer(lower(text))]


def first_date(text: str) -> FoundDate | None:
    """The first date-shaped text of ``text``, if any."""
    match = _DATE.search(lower(text))
    return _found(match, text) if match is not None else None


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


def year_lines(text: str) -> list[int]:
    """The 0-based lines of ``text`` that hold four digits opening with 19, 20 or 21, in order.

    Only there can :func:`has_date` find the year of a date, and a date written over several
    lines has its year on one of them: a part of the text without any of these lines (a
    paragraph, a line cut out of one) holds no date that :func:`has_date` finds.
    """
    starts: list[int] = []
    for century in _CENTURIES:
        start = text.find(century)
        while start >= 0:
            if text[start + 2 : start + 4].isdigit():
                starts.append(start)
            start = text.find(century, start + 2)
    lines: list[int] = []
    line = position = 0
    for start in sorted(starts):  # the line breaks before each, counted once over the text
        line += text.count("\n", position, start)
        position = start
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


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
    if last[:3] not in MONTHS:  # 12 March 2025
        return False
    return _DATE.search(" ".join(words) + " " + text[start:end]) is not None


# -- a text that is a date -----------------------------------------------------------------------


def parse_date(
    text: str, *, time: bool = False, years: tuple[int, int] = (1, 9999)
) -> dt.date | None:
    """``text`` read as one date in any of the forms above, surrounding spaces and a final full
    stop allowed; ``None`` when it is anything else, or a date outside ``years``.

    With ``time``, a time of day may follow the date (``Thu, 28 Dec 2023 10:00:00 +0000``).
    """
    stripped = text.strip()
    low = lower(stripped)
    match = _DATE.fullmatch(low.removesuffix(".").rstrip())
    if match is None and time:
        match = _DATE.match(low)
        if match is not None and _TIME.match(low, match.end()) is None:
            match = None
    if match is None:
        return None
    found = _found(match, stripped).date
    return found if found is not None and years[0] <= found.year <= years[1] else None


# -- a line under a title ------------------------------------------------------------------------

_LABEL: Final = re.compile(
    r"""
    (?:
        (?:release|publication|publishing|publish)[ \t]+date
      | date(?:[ \t]+of[ \t]+release)?
      | (?:released|published|posted|written)[ \t]+by[ \t]+[^,;:()\[\]]{1,60}?(?=[ \t]+on[ \t])
      | released | release | published | posted | issued
    )
    (?:[ \t]+on)?[ \t]*[:\u2014\u2013-]?[ \t]*
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""Words that may open a date line: ``Released:``, ``Release date:``, ``published on``,
``Posted by Ines Sample on``."""

_MARKUP: Final = str.maketrans("", "", "*_`\\")
"""Emphasis, literal and escape characters around or inside a date line."""
_ENDS: Final = " \t.,;:!"
_LONGEST_LINE: Final = 80
"""A date line is short: longer lines are prose and are not looked at."""

LINE_YEARS: Final = (1970, 2100)
"""The years a date under a title may have."""


def date_line(line: str) -> dt.date | None:
    """The date a line under a title states, if that line is only a date.

    Emphasis, brackets and a label may surround it: ``*April 3, 2023*``, ``April 3, 2023.``,
    ``Released: April 3, 2023``, ``(released Aug 17, 2023)``, ``**Release date:** 2023-04-03``.
    A sentence that mentions a date is not a date line.
    """
    if len(line) > _LONGEST_LINE:
        return None
    text = " ".join(line.translate(_MARKUP).split()).strip(_ENDS)
    if text[:1] in "([" and text[-1:] in ")]":
        text = text[1:-1].strip(_ENDS)
    label = _LABEL.match(text)
    if label is not None:
        text = text[label.end() :]
    return parse_date(text.strip(_ENDS), years=LINE_YEARS)


# -- a path --------------------------------------------------------------------------------------

PATH_YEARS: Final = (1990, 2100)
"""The years a date in a path may have: digits in a path are often something else."""

_PATH_DATE: Final = re.compile(r"(?<!\d)(\d{4})([-/_])(\d{1,2})\2(\d{1,2})(?!\d)")
_PATH_PARTS: Final = 4
"""How many trailing parts of a path are searched: ``2023/12/28/slug.md`` needs four."""
_DATED_PARTS: Final = 2
"""A date must end in the file name or its folder's name: a date further up names something
else (a checkout made on that day), not the note."""


def date_in_path(path: str) -> dt.date | None:
    """A date written in a path or a file name: ``2023-12-28-slug.md``, ``2023/12/28/slug.md``,
    ``2023-12-28-slug/index.md``; also an address (``/blog/2023/12/28/slug/``).

    The date must end in the file name or in its folder's name; the file name's first plausible
    date wins, then the folder's.
    """
    parts = path.replace("\\", "/").rstrip("/").rsplit("/", _PATH_PARTS)[-_PATH_PARTS:]
    tail = "/".join(parts)
    in_name = len(tail) - len(parts[-1])
    in_folder = len(tail) - len("/".join(parts[-_DATED_PARTS:]))
    in_folder_found = None
    for match in _PATH_DATE.finditer(tail):
        if match.end() <= in_folder:
            continue
        year, _, month, day = match.groups()
        found = calendar_date(int(year), int(month), int(day), PATH_YEARS)
        if found is not None and match.end() > in_name:
            return found
        in_folder_found = in_folder_found or found
    return in_folder_found
