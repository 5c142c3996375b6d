"""Find the releases a title announces, and read front-matter ``version`` values.

Titles are split into a flat list of tokens by one simple regular expression (dotted numbers,
ordinals such as ``2nd``, words, single punctuation characters), and the tokens are then read
left to right. Every step looks at a bounded number of neighbouring tokens, so the work is
linear in the length of the text, and no input makes the reader raise.

How titles are read:

* A version is a dotted number of two or three parts without leading zeros (``3.12.0``,
  ``3.3``). Longer dotted numbers (IP addresses), numbers glued to more dots (``3.3.x``,
  ``3.12.0.tar``) and ranges (``3.12.0-3.12.2``) are not versions. A word glued in front
  (``Python3.11.0``, ``v3.12.0``) is allowed.
* A PEP 440 tail glued to the number is kept as written and normalised by :mod:`packaging`:
  ``3.13.0RC2``, ``3.12.0a4``, ``3.12.0.dev1``, ``3.12.0.post1``. A tail without a number
  follows PEP 440 too: ``3.12.0rc`` is ``3.12.0rc0``.
* A phase spelled after the number, optionally in brackets: ``alpha``, ``beta``, ``rc``,
  ``candidate``, ``release candidate`` and ``final``, with an optional number.
* A spelled pre-release phase without a number after a full ``x.y.z`` is the first one
  (``3.4.0 release candidate`` is ``3.4.0rc1``), unless a word such as ``final``, ``last`` or
  ``next`` comes before the version (``the final 3.7.0 beta`` names no particular release).
* An ordinal gives the number: ``second beta of Python 3.6``, ``the 3rd 3.6.0 beta``.
* ``x.y`` alone, or with ``final``, is a series, never a release. ``x.y`` with a pre-release
  phase needs its number (or an ordinal): ``Python 3.3 alpha 4`` is ``3.3.0a4``, but
  ``Python 3.4 release candidate`` announces nothing, since it usually names the phase of a
  series rather than one release. Such versions are padded to ``x.y.0``.
* A full ``x.y.z`` with no phase is a final release.
* A version after ``before``, ``after``, ``since``, ``until``, ``than``, ``beyond``, ``from``,
  ``prior to``, ``compared to``... (up to two other words may stand between, such as
  ``before the Python 3.9.0 release``) is only mentioned, and so are the versions listed
  right after it (``before 3.9.0 and 3.8.0``). So is one after a phase without an ordinal
  (``the final beta of 3.7.0``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from packaging.version import Version

from sphinxcontrib_releases.model import Phase, Release

__all__ = ["parse_version", "releases_in_text"]

_TOKEN: Final = re.compile(
    r"(?P<ord>[0-9]{1,4}(?i:st|nd|rd|th)(?![A-Za-z0-9]))"
    r"|(?P<num>[0-9]+(?:\.[0-9]+)*)"
    r"|(?P<word>[A-Za-z]+)"
    r"|(?P<punct>[^\sA-Za-z0-9])"
)

_MAX_PART_DIGITS: Final = 9
_MAX_PHASE_DIGITS: Final = 3
_MAX_SUFFIX: Final = 32
_MAX_VALUE: Final = 100
_LOOKBACK: Final = 7

_COMPACT: Final = frozenset({"a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "dev", "post"})
"""Phase words PEP 440 accepts glued to the number."""
_SPELLED: Final = frozenset({"alpha", "beta", "rc", "candidate", "final"})
"""Phase words understood after the number (plus ``release candidate``)."""
_PRE_LETTERS: Final = {Phase.ALPHA: "a", Phase.BETA: "b", Phase.RC: "rc"}

_ORDINALS: Final = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_MENTION: Final = frozenset(
    {"before", "after", "since", "until", "till", "than", "beyond", "from", "vs", "versus"}
)
_MENTION_PAIRS: Final = frozenset(
    {
        ("prior", "to"),
        ("compared", "to"),
        ("compared", "with"),
        ("up", "to"),
        ("instead", "of"),
        ("ahead", "of"),
    }
)
_QUALIFIERS: Final = frozenset(
    {"last", "final", "next", "previous", "upcoming", "latest", "another", "penultimate"}
)
_KEYWORDS: Final = (
    _MENTION
    | {word for pair in _MENTION_PAIRS for word in pair}
    | {"of", "for"}
    | _ORDINALS.keys()
    | _QUALIFIERS
)
"""Words that matter before a version; any other word there may be a name, and is skipped."""
_CONNECTORS: Final = frozenset({",", "&", "/", "and", "or", "nor"})


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    """``num``, ``ord``, ``word`` or ``punct``."""
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class _Reading:
    """A version-shaped number and what is written right after it."""

    release: str
    """The dotted number, ``3.12`` or ``3.12.0``."""
    suffix: str
    """A PEP 440 tail glued to the number (``rc2``, ``.dev1``), or empty."""
    phase: Phase | None
    """A phase spelled after the number."""
    number: int | None
    end: int
    """The index of the first token after the version."""

    @property
    def full(self) -> bool:
        return self.release.count(".") == 2


@dataclass(frozen=True, slots=True)
class _Context:
    """What the words before a version say about it."""

    mention: bool = False
    qualified: bool = False
    ordinal: int | None = None
    phase: Phase | None = None


_NO_CONTEXT: Final = _Context()
_MENTIONED: Final = _Context(mention=True)


def releases_in_text(text: str) -> list[Release]:
    """Every release a title (or an opening sentence) announces, in order, without duplicates."""
    tokens = _tokenise(text)
    releases: list[Release] = []
    seen: set[Release] = set()
    previous_end, previous_mention = -1, False
    i = 0
    while i < len(tokens):
        reading = _read_version(tokens, i)
        if reading is None:
            i += 1
            continue
        start = i - 1 if i and tokens[i - 1].kind == "word" and _glued(tokens, i - 1) else i
        context = _context(tokens, start)
        if context == _NO_CONTEXT and previous_mention and _joined(tokens, previous_end, start):
            context = _MENTIONED
        release = None if context.mention else _resolve(reading, context)
        if release is not None and release not in seen:
            seen.add(release)
            releases.append(release)
        previous_end, previous_mention = reading.end, context.mention
        i = reading.end
    return releases


def parse_version(value: str) -> Release | None:
    """A front-matter ``version`` value, read leniently; ``None`` when it is not a version.

    Any PEP 440 version of two parts or more is accepted (``3.12.0a4``, ``v3.12.0``,
    ``3.13.0RC2``), and so is a version with a spelled phase (``3.12.0 alpha 4``,
    ``3.12.0 Release Candidate 2``), optionally after a name (``Python 3.12.0``). Since the
    value is a declaration, ``x.y`` means ``x.y.0`` and a spelled phase without a number means
    the first one.
    """
    text = value.strip()
    if not text or len(text) > _MAX_VALUE:
        return None
    try:
        version = Version(text)
    except ValueError:
        pass
    else:
        return Release(str(_padded(version))) if len(version.release) >= 2 else None
    tokens = _tokenise(text)
    first = 1 if len(tokens) > 1 and tokens[0].kind == "word" else 0
    reading = _read_version(tokens, first) if first < len(tokens) else None
    if reading is None or reading.end != len(tokens):
        return None
    phase = reading.phase
    if reading.suffix or phase is None or phase is Phase.FINAL:
        return _build(reading.release, reading.suffix)
    number = 1 if reading.number is None else reading.number
    return _build(reading.release, f"{_PRE_LETTERS[phase]}{number}")


def _tokenise(text: str) -> list[_Token]:
    return [
        _Token(match.lastgroup or "punct", match.group(), match.start(), match.end())
        for match in _TOKEN.finditer(text)
    ]


def _glued(tokens: list[_Token], i: int) -> bool:
    """Whether token ``i`` and the one after it touch."""
    return i + 1 < len(tokens) and tokens[i].end == tokens[i + 1].start


def _is_release_number(text: str) -> bool:
    if text.count(".") not in {1, 2}:
        return False
    return all(
        len(part) <= _MAX_PART_DIGITS and (part == "0" or not part.startswith("0"))
        for part in text.split(".")
    )


def _continues_before(tokens: list[_Token], i: int) -> bool:
    """Whether the number at ``i`` is the end of something longer (``x.3.12.0``, a range)."""
    if i < 2 or not _glued(tokens, i - 1) or not _glued(tokens, i - 2):
        return False
    glue, before = tokens[i - 1], tokens[i - 2]
    if glue.text == ".":
        return before.kind != "punct"
    return glue.text in {"-", "–"} and before.kind == "num"


def _read_version(tokens: list[_Token], i: int) -> _Reading | None:
    token = tokens[i]
    if token.kind != "num" or not _is_release_number(token.text) or _continues_before(tokens, i):
        return None
    suffix, end = _compact_suffix(tokens, i)
    if end < 0:
        return None
    if suffix:
        return _Reading(token.text, suffix, None, None, end)
    phase, number, end = _spelled_phase(tokens, end)
    return _Reading(token.text, "", phase, number, end)


def _compact_suffix(tokens: list[_Token], i: int) -> tuple[str, int]:
    """The PEP 440 tail glued to the number at ``i`` and the index after it; -1 if not one."""
    pieces: list[str] = []
    j = i + 1
    while _glued(tokens, j - 1):
        token, separator = tokens[j], ""
        if token.kind == "punct":
            if (
                token.text not in {".", "-", "_"}
                or not _glued(tokens, j)
                or tokens[j + 1].kind == "punct"
            ):
                break  # ordinary punctuation, such as a comma or a full stop
            separator, j = token.text, j + 1
            token = tokens[j]
        if token.kind != "word" or token.key not in _COMPACT:
            return "", -1
        pieces.append(separator + token.key)
        j += 1
        if _glued(tokens, j - 1) and tokens[j].kind == "num" and "." not in tokens[j].text:
            pieces.append(tokens[j].text)
            j += 1
    return "".join(pieces), j


def _spelled_phase(tokens: list[_Token], i: int) -> tuple[Phase | None, int | None, int]:
    """A phase written out after a version: ``alpha 4``, ``(final)``, ``Release Candidate``,
    or with an ordinal: ``Python 4.4: second alpha``."""
    ordinal_phase = _ordinal_phase(tokens, i)
    if ordinal_phase is not None:
        return ordinal_phase
    j = i
    bracket = j < len(tokens) and tokens[j].text == "("
    if bracket:
        j += 1
    if j >= len(tokens) or tokens[j].kind != "word":
        return None, None, i
    word = tokens[j].key
    if word == "release" and j + 1 < len(tokens) and tokens[j + 1].key == "candidate":
        word, j = "release candidate", j + 2
    elif word in _SPELLED:
        j += 1
    else:
        return None, None, i
    phase = Phase.parse(word)
    number = None
    if (
        phase is not Phase.FINAL
        and j < len(tokens)
        and tokens[j].kind == "num"
        and tokens[j].text.isdigit()
        and len(tokens[j].text) <= _MAX_PHASE_DIGITS
    ):
        number, j = int(tokens[j].text), j + 1
    if bracket and j < len(tokens) and tokens[j].text == ")":
        j += 1
    return phase, number, j


def _ordinal_phase(tokens: list[_Token], i: int) -> tuple[Phase, int, int] | None:
    """``: second alpha`` or ``third release candidate`` right after a version."""
    j = i + 1 if i < len(tokens) and tokens[i].text in {":", "-", ",", "–"} else i
    if j + 1 >= len(tokens) or tokens[j].kind not in {"word", "ord"}:
        return None
    ordinal = _ordinal(tokens[j])
    if ordinal is None:
        return None
    k = j + 1
    if tokens[k].key == "release" and k + 1 < len(tokens) and tokens[k + 1].key == "candidate":
        return Phase.RC, ordinal, k + 2
    phase = Phase.parse(tokens[k].key) if tokens[k].key in {"alpha", "beta", "rc"} else None
    if tokens[k].key == "candidate":
        phase = Phase.RC
    return (phase, ordinal, k + 1) if phase is not None else None


def _context(tokens: list[_Token], start: int) -> _Context:
    """Read the words just before the version that starts at token ``start``."""
    words: list[_Token] = []
    k = start - 1
    while k >= 0 and len(words) < _LOOKBACK and tokens[k].kind in {"word", "ord"}:
        words.append(tokens[k])
        k -= 1
    words.reverse()
    for _ in range(2):  # skip a name or an article: "before the Python 3.9.0 release"
        if words and words[-1].kind == "word" and words[-1].key not in _KEYWORDS:
            words.pop()
    if not words:
        return _NO_CONTEXT
    keys = [word.key for word in words]
    if keys[-1] in _MENTION or tuple(keys[-2:]) in _MENTION_PAIRS:
        return _MENTIONED
    if keys[-1] in {"of", "for"}:
        phase, before = _phase_ending_at(keys, len(keys) - 2)
        if phase is None:
            return _NO_CONTEXT
        ordinal = _ordinal(words[before]) if before >= 0 else None
        return _MENTIONED if ordinal is None else _Context(ordinal=ordinal, phase=phase)
    ordinal = _ordinal(words[-1])
    if ordinal is not None:
        return _Context(ordinal=ordinal)
    if keys[-1] in _QUALIFIERS:
        return _Context(qualified=True)
    return _NO_CONTEXT


def _phase_ending_at(keys: list[str], k: int) -> tuple[Phase | None, int]:
    """A pre-release phase whose last word is ``keys[k]``, and the index before it."""
    if k < 0:
        return None, k
    if keys[k] == "candidate":
        return Phase.RC, k - 2 if k >= 1 and keys[k - 1] == "release" else k - 1
    if keys[k] in {"alpha", "beta", "rc"}:
        return Phase.parse(keys[k]), k - 1
    return None, k


def _ordinal(token: _Token) -> int | None:
    if token.kind == "ord":
        return int(token.text[:-2])
    return _ORDINALS.get(token.key)


def _joined(tokens: list[_Token], end: int, start: int) -> bool:
    """Whether only a list separator (and perhaps a name) stands between two versions."""
    if end < 0:
        return False
    names = 0
    for token in tokens[end:start]:
        if token.key in _CONNECTORS:
            continue
        if token.kind == "word" and token.text[0].isupper() and names == 0:
            names += 1
            continue
        return False
    return True


def _resolve(reading: _Reading, context: _Context) -> Release | None:
    """The release a version reading announces, given the words before it."""
    if reading.suffix:
        return _build(reading.release, reading.suffix)
    phase, number = reading.phase, reading.number
    if phase is None:
        phase = context.phase
    if phase is None or phase is Phase.FINAL:
        return _build(reading.release, "") if reading.full else None
    if number is None:
        number = context.ordinal
    if number is None and reading.full and not context.qualified:
        number = 1
    if number is None:
        return None
    return _build(reading.release, f"{_PRE_LETTERS[phase]}{number}")


def _build(release: str, suffix: str) -> Release | None:
    """A normalised release from a dotted number (padded to ``x.y.0``) and a PEP 440 tail."""
    if len(suffix) > _MAX_SUFFIX:
        return None
    if release.count(".") == 1:
        release += ".0"
    try:
        return Release(str(Version(release + suffix)))
    except ValueError:
        return None


def _padded(version: Version) -> Version:
    """``version`` with at least three release parts: ``3.12a4`` becomes ``3.12.0a4``."""
    if len(version.release) >= 3:
        return version
    parts = [f"{version.epoch}!" if version.epoch else ""]
    parts.append(".".join(str(part) for part in (*version.release, 0, 0)[:3]))
    if version.pre is not None:
        parts.append(f"{version.pre[0]}{version.pre[1]}")
    if version.post is not None:
        parts.append(f".post{version.post}")
    if version.dev is not None:
        parts.append(f".dev{version.dev}")
    if version.local is not None:
        parts.append(f"+{version.local}")
    return Version("".join(parts))
