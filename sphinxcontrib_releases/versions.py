"""Find the releases a title announces, and read front-matter ``version`` values.

Titles are split into a flat list of tokens by one simple regular expression (dotted numbers,
ordinals such as ``2nd``, words, single punctuation characters), and the tokens are then read
left to right. Every step looks at a bounded number of neighbouring tokens, so the work is
linear in the length of the text, and no input makes the reader raise.

A release is a product and a version. How titles are read:

* A version is a dotted number of two or three parts without leading zeros (``3.12.0``,
  ``3.3``). Longer dotted numbers (IP addresses), numbers glued to more dots (``3.3.x``,
  ``3.12.0.tar``) and ranges (``3.12.0-3.12.2``) are not versions, and neither are numbers
  without a dot (``Acme 2018 edition``). A word glued in front (``Python3.11.0``, ``v3.12.0``)
  is allowed.
* A PEP 440 tail glued to the number is kept as written and normalised by :mod:`packaging`:
  ``3.13.0RC2``, ``3.12.0a4``, ``3.12.0.dev1``, ``3.12.0.post1``. A tail without a number
  follows PEP 440 too: ``3.12.0rc`` is ``3.12.0rc0``.
* A semantic-versioning pre-release is understood: ``1.0.0-alpha``, ``1.0.0-beta.2``,
  ``2.0.0-rc.1`` (``alpha`` is ``a``, ``beta`` is ``b``, ``rc`` is ``rc``). Written after a
  hyphen without a number, a pre-release is the first one: ``1.0.0-alpha`` is ``1.0.0a1``
  (so ``1.0.0-alpha`` and ``1.0.0-alpha.1`` are the same release).
* A phase spelled after the number, optionally in brackets: ``alpha``, ``beta``, ``rc``,
  ``candidate``, ``release candidate`` and ``final``, with an optional number.
* A spelled pre-release phase without a number after a full ``x.y.z`` is the first one
  (``3.4.0 release candidate`` is ``3.4.0rc1``), unless a word such as ``final``, ``last`` or
  ``next`` comes before the version (``the final 3.7.0 beta`` names no particular release).
* An ordinal gives the number: ``second beta of Python 3.6``, ``the 3rd 3.6.0 beta``. A phase
  that opens the text names the first pre-release: ``Release Candidate for Acme 2.7.9`` is
  ``2.7.9rc1``.
* A full ``x.y.z`` with no phase is a final release; one followed by ``pre-release``
  (``Acme 1.77.0 pre-release testing``) announces nothing.
* ``x.y`` is a release only when the wording announces one: ``Announcing Acme 1.10``,
  ``Introducing Acme 2.1``, ``Release notes for Acme 4.2``, ``Acme 4.2 release notes``,
  ``Acme 3.2 released``, ``Acme 20.1 has been released``, ``Acme 2.0 is out``, ``Acme 2.0 is
  now available``, ``Acme 2.0 is here``, ``Acme 1.1 stable``, ``Acme 1.22 (and 1.22.1)``, or a
  title that is nothing but the product and the version (``acme-regex 1.9``). The words after
  a list of versions announce them all (``Acme 2.1 and 2.0.4 are out``). Otherwise ``x.y``
  (alone, with ``final``, or with a phase but no number) is a series: ``Acme 3.5 is no
  longer supported``, ``Acme 3.4 release candidate``. An announced ``x.y`` with a phase but no
  number is the first pre-release (``Acme 1.0 alpha release notes`` is ``1.0a1``). ``x.y``
  with a phase and its number (or an ordinal) is always a release: ``Python 3.3 alpha 4``.
* A version after ``before``, ``after``, ``since``, ``until``, ``than``, ``beyond``, ``from``,
  ``prior to``, ``compared to``, ``in``, ``with``, ``to``, ``using``, ``requires``... (a name and
  up to two other words may stand between, such as ``before the Python 3.9.0 release``) is
  only mentioned, and so are the versions listed right after it (``before 3.9.0 and 3.8.0``).
  So is one after a phase without an ordinal (``the final beta of 3.7.0``). ``from 3.11.4 to
  3.12.0``, ``together with``, ``along with``, ``welcome to`` and ``new in`` do not mention.

The product of a release is the name right before its version (after words such as ``version``,
``release`` or ``security release``): a capitalised name of up to three words (``Acme``,
``Visual Studio Code``) or a lowercase package name, hyphens, dots and underscores included
(``acme-regex``, ``zope.interface``), as written. Common words are no names: articles, verbs of
announcement (``Announcing``, ``Released``, ``Introducing``, ``Welcome``, ``New``),
prepositions, phase words and the like. A version without a name of its own takes the product of
the version before it (``Python 3.13.1, 3.12.8 and 3.11.11``); without any, the product is
unknown (``None``: the reader's caller supplies a default, such as the Sphinx project's name).

A version is kept as written for display (:attr:`Release.written`: ``4.2``, ``1.2rc1``,
``1.0.0-beta.2``; a spelled phase is shortened, ``3.3 alpha 4`` to ``3.3a4``) and normalised
for comparison (:attr:`Release.version`: PEP 440, with ``x.y`` padded to ``x.y.0``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from packaging.version import Version

from sphinxcontrib_releases.model import Phase, Release

__all__ = ["find_releases", "parse_release", "parse_version", "releases_in_text"]

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
_LOOKAHEAD: Final = 4
_NAME_WORDS: Final = 3
_NAME_PIECES: Final = 6
_BARE: Final = 3
"""How many punctuation tokens may open a title that is nothing but a product and a version."""

_COMPACT: Final = frozenset({"a", "alpha", "b", "beta", "c", "rc", "pre", "preview", "dev", "post"})
"""Phase words PEP 440 accepts glued to the number."""
_SEMVER_PRE: Final = frozenset({"a", "alpha", "b", "beta", "c", "rc", "pre", "preview"})
"""Pre-release words that, after a hyphen and without a number, name the first one."""
_SPELLED: Final = frozenset({"alpha", "beta", "rc", "candidate", "preview", "final"})
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
    {
        "before",
        "after",
        "since",
        "until",
        "till",
        "than",
        "beyond",
        "from",
        "vs",
        "versus",
        "in",
        "with",
        "to",
        "using",
        "via",
        "requires",
        "require",
        "requiring",
    }
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
_NOT_MENTION_PAIRS: Final = frozenset(
    {("together", "with"), ("along", "with"), ("welcome", "to"), ("hello", "to"), ("new", "in")}
)
"""A mention word after these words does not mention: ``together with 3.10.0a3``."""
_QUALIFIERS: Final = frozenset(
    {"last", "final", "next", "previous", "upcoming", "latest", "another", "penultimate"}
)
_KEYWORDS: Final = (
    _MENTION
    | {word for pair in _MENTION_PAIRS for word in pair}
    | {"of", "for", "on", "about"}
    | _ORDINALS.keys()
    | _QUALIFIERS
)
"""Words that matter before a version; any other word there may be a name, and is skipped."""
_CONNECTORS: Final = frozenset({",", "&", "/", "and", "or", "nor", "(", ")"})

_VERSION_WORDS: Final = frozenset(
    {
        "version",
        "ver",
        "v",
        "release",
        "releases",
        "security",
        "bugfix",
        "bug",
        "fix",
        "hotfix",
        "maintenance",
        "patch",
        "point",
        "feature",
        "minor",
        "major",
        "stable",
        "lts",
    }
)
"""Words that may stand between a product and its number: ``Acme version 4.2``, ``Acme
releases 4.2.1 and 4.1.9``, ``Acme security release 4.2.2``, ``Acme LTS 4.2``."""
_ANNOUNCING: Final = frozenset(
    {
        "announcing",
        "announce",
        "announces",
        "introducing",
        "introduce",
        "introduces",
        "releasing",
        "presenting",
        "unveiling",
        "welcome",
        "welcoming",
        "launching",
    }
)
"""Words before a version (and its product) that announce it: ``Announcing Acme 1.10``."""
_ARTICLES: Final = frozenset({"the", "a", "an", "new", "our", "brand", "all", "general"})
_LAUNCHES: Final = frozenset({"release", "availability", "launch", "arrival"})
_NOTES: Final = frozenset({"notes", "note", "changelog", "changes"})
_ANNOUNCED: Final = frozenset(
    {
        "released",
        "out",
        "available",
        "here",
        "stable",
        "arrived",
        "arrives",
        "landed",
        "lands",
        "shipped",
        "published",
        "launched",
        "ga",
    }
)
"""Words after a version that announce it: ``Acme 3.2 released``, ``Acme 2.0 is out``."""
_FILLERS: Final = frozenset(
    {
        "is",
        "are",
        "has",
        "have",
        "had",
        "been",
        "was",
        "were",
        "be",
        "being",
        "gets",
        "get",
        "got",
        "now",
        "finally",
        "officially",
        "just",
        "also",
        "today",
        "lts",
        "goes",
        "went",
    }
)
"""Words that may stand between a version and the words that announce it."""
_NOT_NAMES: Final = (
    _KEYWORDS
    | _VERSION_WORDS
    | _ANNOUNCING
    | _ARTICLES
    | _NOTES
    | _ANNOUNCED
    | _FILLERS
    | _COMPACT
    | _SPELLED
    | _CONNECTORS
    | frozenset(
        {
            "release",
            "releases",
            "candidate",
            "stable",
            "nightly",
            "snapshot",
            "preview",
            "edition",
            "series",
            "branch",
            "tag",
            "tagged",
            "build",
            "builds",
            "patch",
            "hotfix",
            "fix",
            "fixes",
            "fixed",
            "update",
            "updates",
            "updated",
            "updating",
            "upgrade",
            "upgrades",
            "upgraded",
            "upgrading",
            "repackaged",
            "bump",
            "bumped",
            "bumps",
            "drop",
            "dropped",
            "dropping",
            "support",
            "supports",
            "supported",
            "get",
            "download",
            "downloads",
            "try",
            "testing",
            "install",
            "installing",
            "use",
            "uses",
            "need",
            "needs",
            "required",
            "at",
            "on",
            "by",
            "as",
            "into",
            "onto",
            "about",
            "over",
            "per",
            "plus",
            "including",
            "but",
            "then",
            "this",
            "that",
            "these",
            "those",
            "its",
            "their",
            "my",
            "your",
            "we",
            "it",
            "what",
            "whats",
            "s",
            "hello",
            "together",
            "along",
            "do",
            "does",
            "did",
            "will",
            "can",
            "may",
            "not",
            "no",
            "only",
            "both",
            "each",
            "every",
            "more",
            "most",
            "some",
            "current",
            "old",
            "older",
            "newer",
            "newest",
            "recent",
            "big",
            "major",
            "minor",
            "security",
            "bugfix",
            "maintenance",
            "feature",
            "features",
            "point",
            "pre",
            "post",
            "dev",
            "made",
            "make",
            "makes",
            "ships",
            "ship",
            "shipping",
        }
    )
)
"""Words that are never a product's name (compared in lower case)."""
_NAME_GLUE: Final = frozenset({"-", ".", "_"})
_SUBTITLE_MARKS: Final = frozenset({":", "-", "–", "—", "|"})
_NOT_RELEASE_SUBTITLE: Final = (
    _SPELLED
    | _QUALIFIERS
    | {
        "pre",
        "dev",
        "schedule",
        "plan",
        "plans",
        "planning",
        "roadmap",
        "status",
        "timeline",
        "coming",
        "support",
        "supported",
        "life",
        "eol",
        "deprecated",
        "survey",
        "proposal",
        "draft",
        "peek",
    }
)
"""Words in a subtitle that say ``Acme 3.5: ...`` is about a series, not a release."""
_QUOTES: Final = {'"': '"', "“": "”", "'": "'", "«": "»"}


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
    start: int
    """The index of the number's token."""
    end: int
    """The index of the first token after the version."""
    suffix_end: int
    """The index of the first token after the number and its glued tail."""

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
    announced: bool = False
    """Whether the words before announce it (``Announcing``, ``release notes for``)."""
    bare: bool = False
    """Whether nothing but a product name (and ``version``) stands before it."""
    complement: bool = False
    """Whether it completes a noun (``the schedule for Acme 4.0``): words after it that
    announce something announce that noun, not the version."""


_NO_CONTEXT: Final = _Context()
_MENTIONED: Final = _Context(mention=True)
_COMPLEMENT: Final = _Context(complement=True)


@dataclass(frozen=True, slots=True)
class _Found:
    """A version read in the text, with what its neighbours say about it."""

    reading: _Reading
    context: _Context
    product: str | None
    head: int
    """The index of the first token of the version and its product name."""


def find_releases(text: str) -> list[Release]:
    """Every release a title (or an opening sentence) announces, each with its product (or
    ``None``), in order, without duplicates."""
    tokens = _tokenise(text)
    found = _scan(text, tokens)
    releases: list[Release] = []
    seen: set[tuple[str, str]] = set()
    product: str | None = None
    previous: _Found | None = None
    run: list[_Found] = []
    for item in [*found, None]:
        if (
            item is not None
            and previous is not None
            and _joined(tokens, previous.reading.end, item.head)
        ):
            run.append(item)
        else:
            announced = bool(run) and _run_announced(tokens, run)
            for member in run:
                product = member.product or product
                if member.context.mention:
                    continue
                release = _resolve(member.reading, member.context, announced=announced)
                if release is None:
                    continue
                written = _written(text, tokens, member.reading, release)
                named = Release(release.version, product, written)
                if named.key not in seen:
                    seen.add(named.key)
                    releases.append(named)
            run = [item] if item is not None else []
        previous = item
    return releases


def releases_in_text(text: str) -> list[Release]:
    """The versions :func:`find_releases` finds, without their products, one per version."""
    releases: list[Release] = []
    seen: set[str] = set()
    for release in find_releases(text):
        if release.version not in seen:
            seen.add(release.version)
            releases.append(Release(release.version, None, release.written))
    return releases


def parse_version(value: str) -> Release | None:
    """A front-matter ``version`` value, read leniently; ``None`` when it is not a version.

    Any PEP 440 version of two parts or more is accepted (``3.12.0a4``, ``v3.12.0``,
    ``3.13.0RC2``), and so is a version with a spelled phase (``3.12.0 alpha 4``,
    ``3.12.0 Release Candidate 2``), optionally after a name (``Python 3.12.0``, which is
    dropped: see :func:`parse_release`). Since the value is a declaration, ``x.y`` means
    ``x.y.0`` and a spelled phase without a number means the first one. The release keeps the
    value's spelling as :attr:`~Release.written`.
    """
    text = value.strip()
    if not text or len(text) > _MAX_VALUE:
        return None
    try:
        version = Version(text)
    except ValueError:
        pass
    else:
        if len(version.release) < 2:
            return None
        written = text[1:] if text[0] in "vV" else text
        return Release(str(_padded(version)), None, written)
    tokens = _tokenise(text)
    first = 1 if len(tokens) > 1 and tokens[0].kind == "word" else 0
    reading = _read_version(tokens, first) if first < len(tokens) else None
    if reading is None or reading.end != len(tokens):
        return None
    phase = reading.phase
    if reading.suffix or phase is None or phase is Phase.FINAL:
        release = _build(reading.release, reading.suffix)
    else:
        number = 1 if reading.number is None else reading.number
        release = _build(reading.release, f"{_PRE_LETTERS[phase]}{number}")
    if release is None:
        return None
    return Release(release.version, None, _written(text, tokens, reading, release))


def parse_release(value: str) -> Release | None:
    """A reference to a release, such as a role's target: a version, optionally after its
    product (``acme 1.2.0``, ``acme-regex 1.9``, ``Visual Studio Code 1.85 beta 1``).

    The version is read as :func:`parse_version` reads it (so ``4.2`` is ``4.2.0``); the
    product is everything before it, as written (``None`` when nothing stands there).
    """
    text = " ".join(value.split())
    if not text or len(text) > _MAX_VALUE:
        return None
    for split, char in enumerate(text):
        rest = text[split + 1 : split + 3]
        if char == " " and (rest[:1].isdigit() or (rest[:1] in {"v", "V"} and rest[1:].isdigit())):
            release = parse_version(text[split + 1 :])
            if release is not None:
                return release.with_product(text[:split])
    return parse_version(text)


def _tokenise(text: str) -> list[_Token]:
    return [
        _Token(match.lastgroup or "punct", match.group(), match.start(), match.end())
        for match in _TOKEN.finditer(text)
    ]


def _glued(tokens: list[_Token], i: int) -> bool:
    """Whether token ``i`` and the one after it touch."""
    return i >= 0 and i + 1 < len(tokens) and tokens[i].end == tokens[i + 1].start


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


# -- reading one version ------------------------------------------------------------------------


def _scan(text: str, tokens: list[_Token]) -> list[_Found]:
    """Every version of the text, with its product and what the words before it say."""
    found: list[_Found] = []
    previous_end, previous_mention = -1, False
    i = 0
    while i < len(tokens):
        reading = _read_version(tokens, i)
        if reading is None:
            i += 1
            continue
        start = i
        if i and tokens[i - 1].kind == "word" and _glued(tokens, i - 1):
            start = i - 1  # a word glued in front: "v3.12.0", "Python3.11.0"
        head, product = _product(text, tokens, start, glued=start < i)
        context = _context(tokens, head)
        if (
            previous_mention
            and context.ordinal is None
            and context.phase is None
            and not context.qualified
            and _joined(tokens, previous_end, head)
        ):
            context = _MENTIONED
        if reading.full and not reading.suffix and reading.phase is None:
            # "Acme 1.77.0 pre-release testing" announces no final release
            context = _MENTIONED if _prerelease_follows(tokens, reading.end) else context
        found.append(_Found(reading, context, product, head))
        previous_end, previous_mention = reading.end, context.mention
        i = reading.end
    return found


def _read_version(tokens: list[_Token], i: int) -> _Reading | None:
    token = tokens[i]
    if token.kind != "num" or not _is_release_number(token.text) or _continues_before(tokens, i):
        return None
    suffix, end = _compact_suffix(tokens, i)
    if end < 0:
        return None
    if suffix:
        return _Reading(token.text, suffix, None, None, i, end, end)
    phase, number, after = _spelled_phase(tokens, end)
    return _Reading(token.text, "", phase, number, i, after, end)


def _compact_suffix(tokens: list[_Token], i: int) -> tuple[str, int]:
    """The PEP 440 (or semantic-versioning) tail glued to the number at ``i`` and the index
    after it; -1 if the number goes on with something else."""
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
        elif (  # "-beta.2"
            _glued(tokens, j - 1)
            and tokens[j].text == "."
            and _glued(tokens, j)
            and tokens[j + 1].kind == "num"
            and tokens[j + 1].text.isdigit()
        ):
            pieces.append("." + tokens[j + 1].text)
            j += 2
        elif separator == "-" and token.key in _SEMVER_PRE:
            pieces.append("1")  # "-alpha": the first pre-release
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


def _prerelease_follows(tokens: list[_Token], j: int) -> bool:
    """``pre-release``, ``prerelease`` or ``pre release`` at ``j``."""
    if j >= len(tokens):
        return False
    if tokens[j].key == "prerelease":
        return True
    if tokens[j].key != "pre":
        return False
    k = j + 2 if j + 1 < len(tokens) and tokens[j + 1].text == "-" else j + 1
    return k < len(tokens) and tokens[k].key == "release"


# -- the product ---------------------------------------------------------------------------------


def _product(text: str, tokens: list[_Token], start: int, *, glued: bool) -> tuple[int, str | None]:
    """The product named right before the version at ``start``, and the index of the first
    token of the version with its name (``start`` when there is none)."""
    if glued and tokens[start].key not in _NOT_NAMES:  # "Python3.11.0"
        return start, tokens[start].text
    k = start - 1
    skipped = 0
    while (
        k >= 0
        and skipped < 3
        and tokens[k].kind == "word"
        and tokens[k].key in _VERSION_WORDS
        and not _glued(tokens, k - 1)  # the end of a name: "sphinxcontrib-releases 0.1.0"
    ):
        k, skipped = k - 1, skipped + 1  # "Acme version 4.2", "Acme security release 4.2.2"
    first = _name_start(tokens, k)
    if first is None:
        return start - skipped, None
    name = " ".join(text[tokens[first].start : tokens[k].end].split())
    return first, name


def _name_start(tokens: list[_Token], k: int) -> int | None:
    """The first token of a name that ends at token ``k``, or ``None`` if none does."""
    if k < 0 or tokens[k].kind not in {"word", "num"}:
        return None
    first = _piece_start(tokens, k)  # a common word alone is no name, but may end one
    if first is None:
        return None
    if not tokens[first].text[0].isupper():
        return first
    words = 1
    while words < _NAME_WORDS and first > 0 and not _glued(tokens, first - 1):
        before = tokens[first - 1]
        if before.kind != "word" or not before.text[0].isupper() or before.key in _NOT_NAMES:
            break
        start = _piece_start(tokens, first - 1)
        if start is None or not tokens[start].text[0].isupper():
            break
        first, words = start, words + 1
    return first


def _piece_start(tokens: list[_Token], k: int) -> int | None:
    """The first token of one word of a name ending at ``k``: ``acme-regex``, ``Node.js``,
    ``libfoo2``; ``None`` when it is a common word."""
    first = k
    if tokens[k].kind == "num":  # a number glued to a word: "libfoo2"
        if "." in tokens[k].text or not _glued(tokens, k - 1) or tokens[k - 1].kind != "word":
            return None
        first = k - 1
    pieces = 1
    while (
        pieces < _NAME_PIECES
        and first >= 2
        and tokens[first - 1].text in _NAME_GLUE
        and _glued(tokens, first - 1)
        and _glued(tokens, first - 2)
        and tokens[first - 2].kind in {"word", "num"}
    ):
        first, pieces = first - 2, pieces + 1
    while tokens[first].kind != "word":  # a name starts with a word
        first += 2
    if first == k and tokens[k].key in _NOT_NAMES:
        return None
    if first < k:
        return first
    return first if _nameish(tokens[first]) else None


def _nameish(token: _Token) -> bool:
    """Whether a token may end a name: a word that is no common word, or a number."""
    if token.kind == "num":
        return True
    return (
        token.kind == "word"
        and token.key not in _NOT_NAMES
        and (len(token.text) > 1 or token.text.isupper())
    )


# -- what the words around a version say ----------------------------------------------------------


def _context(tokens: list[_Token], head: int) -> _Context:
    """Read the words just before the version (and its product) that starts at token ``head``."""
    words: list[_Token] = []
    k = head - 1
    while k >= 0 and len(words) < _LOOKBACK and tokens[k].kind in {"word", "ord"}:
        words.append(tokens[k])
        k -= 1
    if not words and head <= _BARE and all(t.kind == "punct" for t in tokens[:head]):
        return _Context(bare=True)
    words.reverse()
    after_number = k >= 0 and tokens[k].kind == "num" and len(words) == 1
    keys = [word.key for word in words]
    if _announced_before(keys):
        return _Context(announced=True)
    for _ in range(2):  # skip an article or adjective: "before the Python 3.9.0 release"
        if words and words[-1].kind == "word" and words[-1].key not in _KEYWORDS:
            words.pop()
            keys.pop()
    if not words:
        return _NO_CONTEXT
    if _mentions(keys, after_number=after_number):
        return _MENTIONED
    if keys[-1] in {"of", "for"}:
        phase, before = _phase_ending_at(keys, len(keys) - 2)
        if phase is None:
            return _COMPLEMENT
        ordinal = _ordinal(words[before]) if before >= 0 else None
        if ordinal is not None:
            return _Context(ordinal=ordinal, phase=phase)
        if before < 0 and k < 0:  # the phase opens the text: "Release Candidate for Acme 2.7.9"
            return _Context(phase=phase)
        return _MENTIONED
    ordinal = _ordinal(words[-1])
    if ordinal is not None:
        return _Context(ordinal=ordinal)
    if keys[-1] in _QUALIFIERS:
        return _Context(qualified=True)
    return _COMPLEMENT if keys[-1] in {"on", "about"} else _NO_CONTEXT


def _announced_before(keys: list[str]) -> bool:
    """Whether the words end with an announcement: ``Announcing (the)``, ``notes for``."""
    end = len(keys)
    while end and keys[end - 1] in _ARTICLES:
        end -= 1
    if not end:
        return False
    if keys[end - 1] in _ANNOUNCING:
        return True
    if end >= 2 and keys[end - 1] in {"of", "for"} and keys[end - 2] in _LAUNCHES:
        end -= 2  # "announce the release of Acme 4.2"
        while end and keys[end - 1] in _ARTICLES:
            end -= 1
        return end > 0 and keys[end - 1] in _ANNOUNCING
    return end >= 2 and keys[end - 1] in {"for", "of", "on"} and keys[end - 2] in _NOTES


def _mentions(keys: list[str], *, after_number: bool) -> bool:
    if tuple(keys[-2:]) in _MENTION_PAIRS:
        return True
    if keys[-1] not in _MENTION:
        return False
    if keys[-1] == "to" and after_number:
        return False  # "from 3.11.4 to 3.12.0"
    return not (len(keys) >= 2 and (keys[-2], keys[-1]) in _NOT_MENTION_PAIRS)


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


def _run_announced(tokens: list[_Token], run: list[_Found]) -> bool:
    """Whether the wording around a list of versions announces them (which ``x.y`` needs)."""
    first, last = run[0], run[-1]
    if first.context.announced:
        return True
    if not first.context.complement and _announced_after(tokens, last.reading.end):
        return True
    if len(run) == 1:
        return (
            first.context.bare
            and first.reading.phase is None
            and _ends_title(tokens, last.reading.end)
        )
    # "Acme 1.22 (and 1.22.1)": a full release in brackets right after
    for previous, member in pairwise(run):
        between = tokens[previous.reading.end : member.head]
        if between and between[0].text == "(" and member.reading.full:
            return True
    return False


def _ends_title(tokens: list[_Token], j: int) -> bool:
    """Whether what stands at ``j`` ends a title that is only a product and a version: nothing,
    ``!``, a bracketed date (``(2023-04-02)``), or a subtitle after a colon or a dash that does
    not speak of a phase or a plan (``Acme 1.38: the fastest yet``, not ``Acme 3.5: the last
    beta``)."""
    if j < len(tokens) and tokens[j].text == "(":
        k = j + 1
        while k < len(tokens) and k < j + _LOOKBACK * 2 and tokens[k].kind in {"num", "punct"}:
            if tokens[k].text == ")":
                break
            k += 1
        if k >= len(tokens) or tokens[k].text != ")":
            return False
        j = k + 1
    while j < len(tokens) and tokens[j].text in {"!", ".", "?"}:
        j += 1
    if j == len(tokens):
        return True
    if tokens[j].text not in _SUBTITLE_MARKS:
        return False
    return not any(token.key in _NOT_RELEASE_SUBTITLE for token in tokens[j + 1 :])


def _announced_after(tokens: list[_Token], j: int) -> bool:
    """Whether the words at ``j`` announce the versions before them."""
    if j < len(tokens) and tokens[j].text == ")":
        j += 1
    if j < len(tokens) and tokens[j].text in _QUOTES:  # a code name: Acme 3.4 "Fox" released
        close = _QUOTES[tokens[j].text]
        k = j + 1
        while k < len(tokens) and k < j + _LOOKBACK and tokens[k].text != close:
            k += 1
        if k < len(tokens) and tokens[k].text == close:
            j = k + 1
    limit = min(len(tokens), j + _LOOKAHEAD)
    while j < limit and tokens[j].key in _FILLERS:
        j += 1
    if j >= len(tokens) or tokens[j].kind != "word":
        return False
    word = tokens[j].key
    following = tokens[j + 1] if j + 1 < len(tokens) else None
    if word == "out":
        return following is None or following.key != "of"
    if word in _ANNOUNCED:
        return True
    if word != "release":
        return False
    # "Acme 4.2 release notes", "the Acme 2.0 release.", "the Acme 2.0 release is out"
    if following is None or following.key in _NOTES or following.text in {",", ".", "!", ":", ";"}:
        return True
    return following.key != "release" and _announced_after(tokens, j + 1)


# -- building the release -------------------------------------------------------------------------


def _resolve(reading: _Reading, context: _Context, *, announced: bool) -> Release | None:
    """The release a version reading announces, given the words around it."""
    if reading.suffix:
        return _build(reading.release, reading.suffix)
    phase, number = reading.phase, reading.number
    if phase is None:
        phase = context.phase
    if phase is None or phase is Phase.FINAL:
        return _build(reading.release, "") if reading.full or announced else None
    if number is None:
        number = context.ordinal
    if number is None and (reading.full or announced) and not context.qualified:
        number = 1
    if number is None:
        return None
    return _build(reading.release, f"{_PRE_LETTERS[phase]}{number}")


def _written(text: str, tokens: list[_Token], reading: _Reading, release: Release) -> str:
    """The version as the text writes it: the number and its glued tail, or the number and
    the PEP 440 letters of a spelled phase (``3.3 alpha 4`` is written ``3.3a4``)."""
    number = tokens[reading.start]
    if reading.suffix:
        return text[number.start : tokens[reading.suffix_end - 1].end]
    padded = number.text + ".0" if number.text.count(".") == 1 else number.text
    # the normalised release is the padded number and the phase's letters (no parse needed)
    if not release.version.startswith(padded):
        return release.version
    return number.text + release.version[len(padded) :]


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
