"""Find the PEPs a piece of text refers to: in prose, in links and in ``:pep:`` roles.

Pure Python and regex-light: one left-to-right scan, every pattern linear in its input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_PEP = 9999
"""The highest number read as a PEP; ``PEP 12345`` is not a reference."""

# One scan, three kinds of token. A URL is consumed whole so that nothing inside it counts as a
# prose mention; a role is consumed whole for the same reason.
_SCAN = re.compile(
    r"""
    (?:(?<![\w:`]):pep:|\{pep\})`(?P<role>[^`]*)`
  | (?P<url>(?:\b(?:https?|ftp)://|\bwww\.|\bpeps\.python\.org/|\]\()[^\s<>()\[\]`"']*)
  | (?<![\w/#])pep(?P<plural>s)?(?:-|\s{0,4})(?P<num>[0-9]{1,4})(?![0-9]|\.[0-9])
    """,
    re.IGNORECASE | re.VERBOSE,
)

# After ``PEPs 594``: the further numbers of the list (``, 603``, ``, and 632``, `` & 632``).
_MORE = re.compile(
    r"\s{0,4}(?:,\s{0,4}(?:(?:and|or|&)\s{1,4})?|(?:and|or|&)\s{1,4})"
    r"([0-9]{1,4})(?![0-9]|\.[0-9])",
    re.IGNORECASE,
)

_URL_PEP = re.compile(r"(?:peps\.python\.org|python\.org/(?:dev/)?peps)/pep-([0-9]+)", re.I)

_ROLE_NUMBER = re.compile(r"[\s!]*(?:pep[\s-]?)?([0-9]{1,4})(?![0-9])", re.IGNORECASE)


def _role_number(target: str) -> int | None:
    """The PEP of a role's content: ``701``, ``8#section`` or ``PEP 8 <8#section>``."""
    if target.endswith(">") and "<" in target:
        target = target[target.rfind("<") + 1 : -1]
    match = _ROLE_NUMBER.match(target)
    return int(match[1]) if match else None


def _scan(text: str, *, prose_only: bool) -> Iterator[tuple[int, int, int]]:
    for match in _SCAN.finditer(text):
        number = match["num"]
        if number is not None:
            yield match.start(), match.end(), int(number)
            if match["plural"]:
                pos = match.end()
                while (more := _MORE.match(text, pos)) is not None:
                    yield more.start(1), more.end(1), int(more[1])
                    pos = more.end()
        elif prose_only:
            continue
        elif match["url"] is not None:
            found = _URL_PEP.search(text, match.start(), match.end())
            if found is not None and len(found[1]) <= 5 and int(found[1]) <= MAX_PEP:
                yield match.start(), match.end(), int(found[1])
        else:
            role = _role_number(match["role"])
            if role is not None:
                yield match.start(), match.end(), role


def iter_pep_mentions(text: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, number)`` for each PEP named in prose.

    Reads ``PEP 701``, ``PEP-701``, ``PEP701`` and ``pep 8``, and lists such as ``PEPs 594, 603
    and 632``: there the first span covers ``PEPs 594`` and the later ones only their number.
    Link text counts; URLs, link targets and ``:pep:`` roles (already links) do not.
    """
    if "pep" not in text.lower():
        return iter(())
    return _scan(text, prose_only=True)


def find_peps(text: str) -> tuple[int, ...]:
    """Every PEP the text references, sorted, unique.

    Prose mentions as :func:`iter_pep_mentions` reads them, links to ``peps.python.org`` (and
    the older ``python.org/dev/peps``), and reST/MyST ``pep`` roles.
    """
    if "pep" not in text.lower():
        return ()
    return tuple(sorted({number for _, _, number in _scan(text, prose_only=False)}))
