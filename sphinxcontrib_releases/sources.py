"""Where each fact of a note comes from, and in which order the places are looked at.

A note's title, date and author can be stated in several places: the front matter, the file's
path, a line right under the title, the title itself. Each place is a small function of the
note's :class:`Opening`; :data:`SOURCES` lists, for each fact, the places in the order they are
tried, and the first that yields a value wins. Its name is the fact's origin, which
:attr:`Announcement.origins <sphinxcontrib_releases.model.Announcement.origins>` keeps and
``inspect`` shows. A new shape of note is a new function and a new row, not an edit.

The front matter keys of each fact are data too (:data:`FRONT_MATTER_KEYS`). Reading their
values, and warning about the wrong ones, is the reader's part; it hands the values it accepted
to the sources as :attr:`Opening.stated`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sphinxcontrib_releases.dates import date_in_path, date_line

# -- origins -------------------------------------------------------------------------------------

FRONT_MATTER = "front matter"
"""A key of the front matter (YAML, TOML or a reST field list)."""
PATH = "path"
"""The note file's path or name (``2023-12-28-slug.md``, ``2023/12/28/slug.md``)."""
FRONT_MATTER_PATH = "front matter path"
"""A path or address in the front matter (``path = "2023/12/28/slug"``)."""
DATE_LINE = "date line"
"""A line that is only a date, right under the title (``*April 3, 2023*``)."""
HEADING = "heading"
"""The body's own title (a Markdown ``#`` heading, a reST section title)."""
SECTION_HEADING = "section heading"
"""A changelog section's heading (``## [1.2.0] - 2024-01-15``)."""
RELEASED_LINE = "released line"
"""The paragraph under a changelog section's heading (``Released on 2024-01-15``)."""

ONE_POST = frozenset({FRONT_MATTER, PATH, FRONT_MATTER_PATH, DATE_LINE})
"""Where a file's date comes from when the file is one post, of one day. Such a file with a
heading per release and no date in its sections announces those releases: it is not taken for a
changelog, whose sections would lose the post's date."""

# -- front matter keys ---------------------------------------------------------------------------

#: The front matter keys of each fact, in the order they are tried: the first one present wins.
#: Keys match in any letter case (``Date`` is ``date``). ``published`` is a date only when its
#: value is one; ``published: true`` is the publish flag.
FRONT_MATTER_KEYS: Mapping[str, tuple[str, ...]] = {
    "title": ("title",),
    "version": ("version", "versions"),
    "date": ("date", "publishDate", "pubDate", "published", "created"),
    "updated": ("updatedDate", "updated", "lastmod", "modified"),
    "author": ("author", "authors"),
    "description": ("description",),
    "tags": ("tags",),
    "draft": ("draft",),
    "published": ("published",),
    "phase": ("phase",),
    "series": ("series",),
    "peps": ("peps",),
    "product": ("product",),
    "schedule": ("schedule",),
}

#: Front matter keys whose value is a path or an address that may hold the note's date.
PATH_KEYS = ("path", "url", "slug", "permalink", "aliases")

# -- what the sources look at --------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    """The parts of a note that the sources of its facts look at."""

    source: str
    """The note file's path."""
    body: str = ""
    """The text after the front matter."""
    fields: Mapping[str, Any] = field(default_factory=dict)
    """The raw front matter."""
    stated: Mapping[str, Any] = field(default_factory=dict)
    """The facts the front matter states, as the reader accepted them (``None`` when absent)."""
    heading: str | None = None
    """The body's own title."""


Source = Callable[[Opening], Any]
"""A place a fact may come from: the value found there, or ``None``."""


def front_matter(fact: str) -> Source:
    """The source that is the front matter's key(s) for ``fact``."""

    def stated(note: Opening) -> Any:
        return note.stated.get(fact)

    stated.__name__ = f"front_matter_{fact}"
    return stated


def heading(note: Opening) -> str | None:
    """The title written in the body itself."""
    return note.heading


def date_in_file_path(note: Opening) -> dt.date | None:
    """A date in the note's path or file name."""
    return date_in_path(note.source)


def date_in_path_keys(note: Opening) -> dt.date | None:
    """A date in a front matter path or address: ``path``, ``url``, ``slug``, ``permalink``,
    ``aliases`` (a list, the first with a date wins)."""
    for key in PATH_KEYS:
        value = note.fields.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                found = date_in_path(item)
                if found is not None:
                    return found
    return None


def date_under_title(note: Opening) -> dt.date | None:
    """A date line right under the title (or at the top of a body without one)."""
    for line in lines_under_title(note.body):
        found = date_line(line)
        if found is not None:
            return found
    return None


#: For each fact, where it may come from, in order: (origin, source).
SOURCES: Mapping[str, tuple[tuple[str, Source], ...]] = {
    "title": ((FRONT_MATTER, front_matter("title")), (HEADING, heading)),
    "date": (
        (FRONT_MATTER, front_matter("date")),
        (PATH, date_in_file_path),
        (FRONT_MATTER_PATH, date_in_path_keys),
        (DATE_LINE, date_under_title),
    ),
    "updated": ((FRONT_MATTER, front_matter("updated")),),
    "author": ((FRONT_MATTER, front_matter("author")),),
}


#: Where the facts of a changelog section come from, in order. A section is one release of a
#: file of many: its title and date are its own, never the file's; its author, like the facts
#: not listed here, is the file's, found as a note's.
SECTION_SOURCES: Mapping[str, tuple[str, ...]] = {
    "title": (SECTION_HEADING,),
    "date": (SECTION_HEADING, RELEASED_LINE),
}


@dataclass(frozen=True)
class Found:
    """A fact's value and its origin."""

    value: Any
    origin: str


def find_facts(note: Opening) -> dict[str, Found]:
    """Each fact that some source yields, from the first source that yields it."""
    found: dict[str, Found] = {}
    for fact, sources in SOURCES.items():
        for origin, source in sources:
            value = source(note)
            if value is not None and value != "":
                found[fact] = Found(value, origin)
                break
    return found


# -- the lines under a title ---------------------------------------------------------------------

_SCANNED = 12
"""How many lines at the top of the body are looked at, at most."""
_GAP = 2
"""How many blank lines may stand between the title and a date line."""
_UNDER = 2
"""How many lines right under the title may be a date line."""

_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1{2,}[ \t]*")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


def lines_under_title(body: str) -> list[str]:
    """The first lines right under the body's title (under nothing when it has no title of its
    own: the title is then shown above the body). At most two lines, after at most two blank
    lines; a date further down is part of the prose, not the note's date."""
    lines = body.split("\n", _SCANNED)[:_SCANNED]
    index = _skip_comments(lines, 0)
    index = _past_title(lines, index)
    gap = 0
    while index < len(lines) and not lines[index].strip():
        index, gap = index + 1, gap + 1
    if gap > _GAP:
        return []
    under: list[str] = []
    while index < len(lines) and lines[index].strip() and len(under) < _UNDER:
        under.append(lines[index])
        index += 1
    return under


def _skip_comments(lines: list[str], index: int) -> int:
    """Past blank lines, and reST comments and targets (``.. _label:``) before the title."""
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
        elif line.startswith("..") and "::" not in line:
            index += 1
            while index < len(lines) and lines[index][:1] in (" ", "\t") and lines[index].strip():
                index += 1
        else:
            break
    return index


def _past_title(lines: list[str], index: int) -> int:
    """The line after a title standing at ``index`` (ATX, underlined or over- and underlined);
    ``index`` itself when none stands there."""
    if index >= len(lines):
        return index
    first = lines[index]
    if _ATX.match(first):
        return index + 1
    second = lines[index + 1] if index + 1 < len(lines) else ""
    if _ADORNMENT.fullmatch(first):
        third = lines[index + 2] if index + 2 < len(lines) else ""
        if second.strip() and _ADORNMENT.fullmatch(third):
            return index + 3
        return index
    if first[:1] not in " \t" and _ADORNMENT.fullmatch(second):
        return index + 2
    return index
