"""Dates as release notes write them, and dates in file paths.

One grammar, written once: ISO (``2023-04-03``), ``Month d, yyyy`` (``April 3, 2023``,
``Jan. 5, 2021``, ``September 30th, 2024``, ``Jul 08 2022``) and ``d Month yyyy``
(``3 April 2023``, ``3rd of April, 2023``), each optionally after a weekday. Month names are
English and listed here: no locale is consulted. A date that the calendar does not have
(``February 30``) is no date. Nothing here imports Sphinx; nothing raises on any text.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTH_NAMES = (
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

#: Every spelling of a month the reader knows (lower case, without a trailing dot).
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}

_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun"
)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))  # longest first: "sept" before "sep"
_ORDINAL = r"(?:st|nd|rd|th)?"

_DATE = re.compile(
    rf"""
    (?:(?:{_WEEKDAYS})\.?,?[ \t]+)?
    (?:
        (?P<iso_y>\d{{4}})(?P<sep>[-/])(?P<iso_m>\d{{1,2}})(?P=sep)(?P<iso_d>\d{{1,2}})
      | (?P<mdy_m>{_MONTH})\.?[ \t]+(?P<mdy_d>\d{{1,2}}){_ORDINAL},?[ \t]+(?P<mdy_y>\d{{4}})
      | (?P<dmy_d>\d{{1,2}}){_ORDINAL}[ \t]+(?:of[ \t]+)?(?P<dmy_m>{_MONTH})\.?,?[ \t]+
        (?P<dmy_y>\d{{4}})
    )
    (?!\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)

_TIME = re.compile(r",?(?:[ \t]+|T)\d{1,2}:\d{2}")
"""What may follow a date in a front matter value: a time of day (and whatever follows it)."""

_LABEL = re.compile(
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

_MARKUP = str.maketrans("", "", "*_`\\")
"""Emphasis, literal and escape characters around or inside a date line."""
_ENDS = " \t.,;:!"
_LONGEST_LINE = 80
"""A date line is short: longer lines are prose and are not looked at."""

LINE_YEARS = (1970, 2100)
"""The years a date under a title may have."""
PATH_YEARS = (1990, 2100)
"""The years a date in a path may have: digits in a path are often something else."""

_PATH_DATE = re.compile(r"(?<!\d)(\d{4})([-/_])(\d{1,2})\2(\d{1,2})(?!\d)")
_PATH_PARTS = 4
"""How many trailing parts of a path are searched: ``2023/12/28/slug.md`` needs four."""
_DATED_PARTS = 2
"""A date must end in the file name or its folder's name: a date further up names something
else (a checkout made on that day), not the note."""


def calendar_date(year: int, month: int, day: int, years: tuple[int, int]) -> dt.date | None:
    """The date, if the calendar has it and its year lies within ``years``."""
    if not years[0] <= year <= years[1]:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_match(match: re.Match[str], years: tuple[int, int]) -> dt.date | None:
    group = match.group
    if group("iso_y"):
        year, month, day = int(group("iso_y")), int(group("iso_m")), int(group("iso_d"))
    elif group("mdy_m"):
        year, day = int(group("mdy_y")), int(group("mdy_d"))
        month = MONTHS[group("mdy_m").lower()]
    else:
        year, day = int(group("dmy_y")), int(group("dmy_d"))
        month = MONTHS[group("dmy_m").lower()]
    return calendar_date(year, month, day, years)


def parse_date(
    text: str, *, time: bool = False, years: tuple[int, int] = (1, 9999)
) -> dt.date | None:
    """The date that ``text`` is, as a whole; ``None`` when it is not exactly a date.

    With ``time``, a time of day may follow the date (``Thu, 28 Dec 2023 10:00:00 +0000``).
    """
    text = text.strip()
    match = _DATE.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    if rest and not (time and _TIME.match(rest)):
        return None
    return _from_match(match, years)


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
