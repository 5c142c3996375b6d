"""Find the PEPs a piece of text refers to: in prose, in links and in ``pep`` roles.

Every reference holds the letters ``pep``; the scan finds those and looks closely only there.
Each pattern is linear in its input, so untrusted text cannot make it slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_PEP = 9999
"""The highest number read as a PEP; ``PEP 12345`` is not a reference."""

# The slow way to find the letters "pep", for text whose lower case changes its length.
_HIT = re.compile(r"[Pp][Ee][Pp]")

_MENTION = re.compile(
    r"pep(?P<plural>s)?(?:-|\s{0,4})(?P<num>[0-9]{1,4})(?![0-9]|\.[0-9])", re.IGNORECASE
)

# After ``PEPs 594``: the further numbers of the list (``, 603``, ``, and 632``, `` & 632``).
_MORE = re.compile(
    r"\s{0,4}(?:,\s{0,4}(?:(?:and|or|&)\s{1,4})?|(?:and|or|&)\s{1,4})"
    r"([0-9]{1,4})(?![0-9]|\.[0-9])",
    re.IGNORECASE,
)

_ROLE = re.compile(r"(?:(?<![\w:`]):pep:|\{pep\})`([^`]*)`", re.IGNORECASE)
_ROLE_NUMBER = re.compile(r"[\s!]*(?:pep[\s-]?)?([0-9]{1,4})(?![0-9])", re.IGNORECASE)

_URL_NUMBER = re.compile(r"pep-([0-9]{1,8})(?![0-9])", re.IGNORECASE)
_PEP_FOLDERS = ("peps.python.org/", "python.org/dev/peps/", "python.org/peps/")

# A mention right after one of these is part of a word, a path or a query, not prose.
_NOT_BEFORE = frozenset("/#.=&+%~:<@-")


def _role_number(target: str) -> int | None:
    """The PEP of a role's content: ``701``, ``8#section`` or ``PEP 8 <8#section>``."""
    if target.endswith(">") and "<" in target:
        target = target[target.rfind("<") + 1 : -1]
    match = _ROLE_NUMBER.match(target)
    return int(match[1]) if match else None


def _url_number(text: str, start: int) -> tuple[int, int] | None:
    """``(end, number)`` of a ``pep-NNNN`` path segment at ``start`` of a PEP's URL."""
    match = _URL_NUMBER.match(text, start)
    if match is None or not text.endswith(_PEP_FOLDERS, max(0, start - 20), start):
        return None
    number = int(match[1])
    return (match.end(), number) if number <= MAX_PEP else None


def _in_url(text: str, start: int) -> bool:
    """Whether ``start`` lies in a URL or link target: the word it ends has one."""
    low = max(0, start - 500)
    begin = max(text.rfind(" ", low, start), text.rfind("\n", low, start), low - 1) + 1
    word = text[begin:start]
    return "://" in word or "](" in word or word.startswith("www.")


def _hits(text: str) -> Iterator[int]:
    """Where the letters ``pep`` are, in any case."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: no shortcut
        yield from (hit.start() for hit in _HIT.finditer(text))
        return
    start = low.find("pep")
    while start >= 0:
        yield start
        start = low.find("pep", start + 3)


def _scan(text: str, *, prose_only: bool) -> Iterator[tuple[int, int, int]]:
    end = 0  # hits before this lie in a role or mention already read
    for start in _hits(text):
        if start < end:
            continue
        before = text[start - 1] if start else " "
        if before in ":{" and (role := _ROLE.match(text, start - 1)) is not None:
            end = role.end()
            number = _role_number(role[1])
            if number is not None and not prose_only:
                yield role.start(), role.end(), number
            continue
        if before == "/":
            found = _url_number(text, start)
            if found is not None and not prose_only:
                yield start, *found
            continue
        if before.isalnum() or before in _NOT_BEFORE:
            continue
        mention = _MENTION.match(text, start)
        if mention is None or _in_url(text, start):
            continue
        yield start, mention.end(), int(mention["num"])
        end = mention.end()
        if mention["plural"]:
            while (more := _MORE.match(text, end)) is not None:
                yield more.start(1), more.end(1), int(more[1])
                end = more.end()


def iter_pep_mentions(text: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, number)`` for each PEP named in prose.

    Reads ``PEP 701``, ``PEP-701``, ``PEP701`` and ``pep 8``, and lists such as ``PEPs 594, 603
    and 632``: there the first span covers ``PEPs 594`` and the later ones only their number.
    Link text counts; URLs, link targets and ``:pep:`` roles (already links) do not.
    """
    return _scan(text, prose_only=True)


def find_peps(text: str) -> tuple[int, ...]:
    """Every PEP the text references, sorted, unique.

    Prose mentions as :func:`iter_pep_mentions` reads them, links to ``peps.python.org`` (and
    the older ``python.org/dev/peps``), and reST/MyST ``pep`` roles.
    """
    return tuple(sorted({number for _, _, number in _scan(text, prose_only=False)}))
