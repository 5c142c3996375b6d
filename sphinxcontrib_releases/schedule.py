"""Schedules: the releases and phase boundaries a note says are planned, and what became of them.

Pure Python (no Sphinx, no docutils), like the reader it serves. Three sources, one shape
(:class:`Plan`):

:func:`find_schedule` reads a note's body
    sentence by sentence, in the prose only (fenced, indented and literal blocks, comments and
    directives other than admonitions are stepped over; Markdown links and emphasis and reST
    roles are reduced to their text first). It finds

    * *scheduled releases*: a version and a full date joined by planning wording:
      ``Acme 2.4.0 is expected on 12 March 2025``, ``3.12.0a2, currently scheduled for
      2022-11-14``, ``planned for``, ``due on``, ``targeted for``, ``slated for``,
      ``will be released on``, ``has been moved to``, ``postponed until``... The version is the
      nearest one before the wording, with only linking words, a parenthesis or an apposition
      between (``3.12.0a2, the following 3.12 preview, is currently planned for``); a list
      (``3.11.6 and 3.10.14 are due on``) gives one plan each, and so does a release that
      shares the wording of the plan before it (``..., and 3.12.0 itself on 2023-10-02``).
      Instead of a version, a phrase resolved from the note's own newest release
      (``context``): ``the second candidate``, ``the next pre-release``, ``one more
      candidate``, ``the next alpha``, ``the following 3.12 preview``, ``the next bugfix
      release``, ``the official release``, ``the third beta of 3.13``.
    * *phase boundaries*: a phase and a date, ``the start of the beta phase (2023-05-08)``,
      ``the release candidate phase (2023-07-31)``, ``feature freeze on 2024-05-07``,
      ``the beta phase begins 2023-05-08``, ``3.8 reaches end-of-life on 2024-10-07``, and the
      first release of a phase looked forward to with its date in brackets (``until the first
      release candidate (2023-07-31)``: the start of the rc phase): kinds
      :data:`BOUNDARY_KINDS`, for the series of a version in the sentence or else the
      context's.
    * under a heading such as ``Release schedule``, ``Roadmap`` or ``Upcoming releases``, any
      version and date side by side, as schedule lists and tables write them
      (``- 3.12.0rc2: Monday, 2023-09-04``), unless the sentence is in the past tense.

    Not plans: a version and a date without planning wording (``3.12.0 was released on
    2023-10-02``), planning wording in the past or denied (``was scheduled for``, ``as
    planned``, ``no longer expected``), the end of a phase (``the end of the beta phase``),
    dates without a year or a day (``March 12``, ``October 2024``), and a release named by its
    place with a date in brackets but no wording, unless it is a phase's first one looked
    forward to (``since the first release candidate (2023-07-31)``, ``the second beta
    (2023-06-06)``). Dates are those of :mod:`sphinxcontrib_releases.dates`.

:func:`plans_from_front_matter` reads the ``schedule`` front matter value
    a mapping of versions (or phases: ``beta``, ``3.13 feature freeze``) to dates; what is not
    such an entry is a ``schedule`` problem.

:func:`merge_plans` puts the statements of many notes together
    one :class:`PlanHistory` per key: the latest statement (by the stating note's date, then
    by the order given) wins, and the earlier dates are kept as the history of slips.
    :func:`outcomes` tells what became of each (:class:`Outcome`: released, planned, overdue,
    or passed) from the releases announced and the day it is; :func:`status` and :func:`slip`
    compare one history with what happened.

Every step looks at one line, one sentence or a bounded window of it, so the work is linear in
the size of the body. A body without a full date is answered from a quick look around its
four-digit numbers (:func:`.dates.has_date`); only the paragraphs on lines with such a number
(:func:`.dates.year_lines`) are read further, and the scan stops after the last of them; a
sentence with a date but without planning or phase wording is answered from a few searches.
:mod:`sphinxcontrib_releases.prose` finds the sentences. Nothing here raises on any text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, NamedTuple, TypeAlias

from sphinxcontrib_releases.dates import find_dates, has_date, lower, parse_date, year_lines
from sphinxcontrib_releases.features import plain_text
from sphinxcontrib_releases.model import (
    BOUNDARY_KINDS,
    RELEASE,
    Phase,
    Plan,
    PlanKey,
    Problem,
    Release,
    product_key,
)
from sphinxcontrib_releases.prose import SYNTAXES, Paragraph, paragraphs, sentences
from sphinxcontrib_releases.versions import parse_version
from sphinxcontrib_releases.warnings_ import WarningType

__all__ = [
    "BOUNDARY_KINDS",
    "FRONT_MATTER_KEY",
    "RELEASE",
    "Outcome",
    "Plan",
    "PlanHistory",
    "PlanKey",
    "Statement",
    "Status",
    "find_schedule",
    "merge_plans",
    "outcomes",
    "plans_from_front_matter",
    "slip",
    "status",
]

FRONT_MATTER_KEY: Final = "schedule"
"""The front matter field read by :func:`plans_from_front_matter`."""

Status: TypeAlias = Literal["planned", "overdue", "released", "passed"]
"""What became of a plan (see :func:`outcomes`)."""


# --- Sentences ----------------------------------------------------------------------------------

_MAX_SENTENCE: Final = 300
"""How much of a sentence a :class:`Plan` keeps."""


def _split(text: str, separator: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(separator))


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string, for word lists that read better as text."""
    return frozenset(_split(text))


def _dated_sentences(paragraph: Paragraph, syntax: str) -> Iterator[tuple[int, str]]:
    """The sentences of a paragraph that hold a full date: (0-based line, plain text)."""
    if not has_date(paragraph.text):
        return
    for index, raw in sentences(paragraph):
        if has_date(raw):
            yield index, plain_text(raw, syntax)


# --- Reading a sentence ---------------------------------------------------------------------------
# The patterns are matched against the sentence in lower case (:func:`.dates.lower`, offsets
# unchanged): :mod:`re` runs several times slower with ``IGNORECASE``.

_PLANNING: Final = re.compile(
    r"\b(?:"
    r"(?:re)?scheduled|planned|expected|due|target(?:t?ed|t?ing)|slated|intended"
    r"|set(?=\s+for\b)|aim(?:ed|ing|s)?(?=\s+(?:for|at)\b)|eta"
    r"|(?:will|shall|should|is\s+going\s+to|are\s+going\s+to|is\s+to|are\s+to)\s+(?:be\s+)?"
    r"(?:released|out|published|shipped|available|tagged|made\s+available|land|ship|arrive"
    r"|come\s+out|happen|follow|appear)"
    r"|(?:postponed|delayed|pushed(?:\s+back)?|moved|brought\s+forward|deferred|slipped|slips"
    r"|slid)\s+(?:to|until|till|for)"
    r")\b",
)
"""Wording that says a date lies ahead for what stands before it."""
_BOUNDARY: Final = re.compile(
    r"\b(?:(?P<edge>start|beginning|begin|onset|opening|end|close|closing)\s+of\s+(?:the\s+)?)?"
    r"(?:(?P<phase>alpha|beta|release[- ]candidate|rc|candidate|bug[- ]?fix|security(?:[- ]fix)?"
    r"(?:[- ]only)?)\s+(?:phase|period|stage)"
    r"|(?P<freeze>feature|code)[- ]freeze"
    r"|(?P<eol>end[- ]of[- ]life|eol))\b",
)
_BOUNDARY_WORDS: Final = ("phase", "period", "stage", "freeze", "life", "eol")
"""One of which every match of :data:`_BOUNDARY` holds: a quick test before it."""
_FIRST_OF_PHASE: Final = re.compile(
    r"\b(?:until|till|before)\s+(?:the\s+)?first\s+"
    r"(?P<phase>alpha|beta|release[- ]candidate|candidate|rc)(?=\s*\()",
)
"""The first release of a phase, looked forward to, with a date in brackets after it: the start
of that phase (``until the first release candidate (2023-07-31)``)."""
_BOUNDARY_PAST: Final = re.compile(
    r"\b(?:reached|entered|hit|passed|left|exited|was|were|had|ended|began|started)\s+"
    r"(?:[\w'-]+\s+){0,2}$",
)
_VERSION: Final = re.compile(
    r"(?<![\w.+-])v?(?P<num>(?:0|[1-9][0-9]{0,8})(?:\.(?:0|[1-9][0-9]{0,8})){1,2})"
    r"(?P<suffix>(?:[-_.]?(?:alpha|beta|preview|pre|rc|a|b|c|dev|post)[-_.]?[0-9]{0,6}){0,2})"
    r"(?![\w+]|\.\w)"
    r"(?:[ ]+(?P<spelled>(?:release[ ]candidate|candidate|alpha|beta|rc)(?:[ ]?[0-9]{1,3})?)"
    r"(?![\w]))?"
)
_ORDINALS: Final = {
    word: number
    for number, word in enumerate(
        _split("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"),
        start=1,
    )
}
_REFERENCE: Final = re.compile(
    r"\b(?P<qual>next|upcoming|following|coming|another|one\s+more|final|last|official"
    rf"|{'|'.join(_ORDINALS)}|[0-9]{{1,2}}(?:st|nd|rd|th))\s+"
    r"(?:(?P<name>[A-Za-z][\w+-]*)\s+)??"
    r"(?:(?P<inner>(?:0|[1-9][0-9]{0,8})\.(?:0|[1-9][0-9]{0,8}))\s+)?"
    r"(?P<what>alpha|beta|release\s+candidate|candidate|rc|pre-?release|release\s+preview|preview"
    r"|(?:(?P<flavour>bug-?fix|maintenance|patch|point|security|stable|final|feature|major|minor)"
    r"\s+)?(?:release|version))"
    r"(?:\s+(?:of|for)\s+(?:(?P<name2>[A-Za-z][\w+-]*)\s+)?"
    r"(?P<series>(?:0|[1-9][0-9]{0,8})\.(?:0|[1-9][0-9]{0,8})(?:\.(?:0|[1-9][0-9]{0,8}))?)"
    r"(?![\w.]))?\b",
)
"""Words that name a release by its place: ``the second candidate``, ``the next alpha``."""
_ARTICLE: Final = re.compile(r"\b(?:the|our|its|their)\s+$")
"""The word before such words, kept in what the plan says is written (``The second ...``)."""
_REFERENCE_WORDS: Final = ("alpha", "beta", "candidate", "rc", "release", "preview", "version")
"""One of which every match of :data:`_REFERENCE` holds: a quick test before it."""
_PHASE_WORDS: Final = {
    "alpha": Phase.ALPHA,
    "beta": Phase.BETA,
    "rc": Phase.RC,
    "candidate": Phase.RC,
    "release candidate": Phase.RC,
    "release preview": Phase.RC,
}
_PHASE_ORDER: Final = (Phase.DEV, Phase.ALPHA, Phase.BETA, Phase.RC, Phase.FINAL, Phase.POST)
_PRE_LETTERS: Final = {Phase.ALPHA: "a", Phase.BETA: "b", Phase.RC: "rc"}
_MENTION: Final = _words(
    "before after since until till than from following vs versus over like unlike "
    "replacing replaces supersedes"
)
_MENTION_PAIRS: Final = frozenset(
    {("prior", "to"), ("compared", "to"), ("compared", "with"), ("instead", "of"), ("ahead", "of")}
)
_NOT_NAMES: Final = _words(
    "the a an version versions release releases our this that these those its their next "
    "and or both then while with we it is are will be on for in of to at by monday "
    "tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december pep tbd eta"
)
_NAME: Final = re.compile(r"[A-Za-z][\w+.-]*")
_WORD: Final = re.compile(r"[A-Za-z][\w+'’-]*|[0-9][\w.'’+-]*|\S")
_SUBJECT_GAP: Final = _words(
    "is are will be been being has have now currently presently still also then "
    "tentatively provisionally officially which that and its their the release date final "
    ", : - – —"
)
"""What may stand between a release and the planning wording: ``3.12.0a2, currently
scheduled``, ``Acme 2.4.0 is expected``. Words that put the wording in the past or deny it
(``was scheduled``, ``as planned``, ``no longer expected``) are not among them."""
_PHASE_SUBJECT_GAP: Final = _SUBJECT_GAP | {"for", "of", "'s"}
_PLAN_GAP: Final = _words(
    "on for in by at around about approximately roughly circa tentatively provisionally "
    "currently now as of no later than the week release to be released published shipped "
    "out available ship land arrive come happen take place , : ( - – — ~"
)
"""What may stand between the planning wording and the date: ``scheduled for``,
``expected to be released on``."""
_BOUNDARY_GAP: Final = _words(
    "is are will be now currently tentatively expected scheduled planned set due begin "
    "begins start starts open opens commence commences kick kicks off take takes place "
    "happen happens fall falls land lands arrive arrives reach reaches on for at by in to "
    "until around about approximately the of with from date day 's , : ( - – —"
)
"""What may stand between a phase and its date: ``the beta phase (2023-05-08)``, ``feature
freeze for Python 3.13 is on``."""
_CONTINUED_BEFORE: Final = _words("and while then with followed by , ; - – —")
_CONTINUED_AFTER: Final = _words("itself then on for by in at around about the week of , : - – —")
"""What may stand around a release whose plan shares the wording of the one before it."""
_LIST_GAP: Final = re.compile(r"\s*(?:,|&|and|or|as\s+well\s+as|,\s*and|,\s*or)\s*")
_SCHEDULE_HEADING: Final = re.compile(
    r"\b(?:schedules?|roadmap|timeline|upcoming\s+releases?|planned\s+releases?"
    r"|release\s+(?:dates|calendar|plan|plans)|what'?s\s+next|coming\s+(?:up|soon))\b",
    re.IGNORECASE,
)
_PAST_SENTENCE: Final = re.compile(
    r"\b(?:was|were|had|came\s+out|went\s+out|happened|began|started|ended)\b"
    r"|(?<!be )\b(?:released|shipped|published)\b",
)
_MAX_GAP: Final = 12
"""How many words and signs a gap may hold."""
_MAX_GAP_CHARS: Final = 160
_LOOK_BACK: Final = 240
"""How far before the planning wording its subject may start (characters)."""
_ASIDE: Final = re.compile(
    r"\([^()]{0,200}\)"
    r"|,\s*(?:which|that|the|a|an|its|our|originally|previously|initially|first)\b[^,]{0,200},",
    re.IGNORECASE,
)
"""A parenthesis, an apposition or a clause between commas, stepped over between a release and
the planning wording: ``3.12.0a2, the next preview, is planned for``, ``3.12.0a2, which was
scheduled for 2022-11-14, has been moved to``."""


class _Subject(NamedTuple):
    """Something a date may be planned for: a release, or a phase boundary."""

    start: int
    end: int
    release: Release | None
    kind: str
    written: str
    product: str | None
    strong: bool
    """A full version or a resolved phrase; ``x.y`` alone is weak."""
    inferred: bool = False
    ended: bool = False
    """A boundary written as the end of a phase: it plans nothing."""


def _gap_ok(
    text: str, start: int, end: int, allowed: frozenset[str], *, names: bool = False
) -> bool:
    """Whether ``text[start:end]`` holds only words of ``allowed`` (and names and ``x.y``
    numbers, with ``names``), and not too many of them."""
    if end - start > _MAX_GAP_CHARS:
        return False
    words = _WORD.findall(text, start, end)
    if len(words) > _MAX_GAP:
        return False
    for word in words:
        key = word.lower()
        if key in allowed:
            continue
        number = word.removesuffix("'s").removesuffix("’s")
        if names and (word[0].isupper() or (word[0].isdigit() and _VERSION.fullmatch(number))):
            continue
        return False
    return True


def _words_before(text: str, end: int, count: int) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[max(0, end - 60) : end])][-count:]


class _SentenceReader:
    """Reads the plans of sentences, with what the note says about itself."""

    def __init__(self, product: str | None, context: Release | None) -> None:
        self.product = " ".join(product.split()) if product else None
        self.context = context

    # - subjects -

    def _product_before(self, text: str, start: int) -> tuple[str | None, int]:
        """The product name right before ``start``: ``Acme``, ``Acme Widget``."""
        names: list[tuple[str, int]] = []
        end = start
        for _ in range(3):
            head = text[max(0, end - 60) : end]
            stripped = head.rstrip()
            if not stripped or len(stripped) == len(head):
                break  # nothing, or no space, before
            word = stripped.rsplit(None, 1)[-1]
            if _NAME.fullmatch(word) is None or word.lower() in _NOT_NAMES | _MENTION:
                break
            known = self.product is not None and word.lower() in product_key(self.product).split()
            if not (word[0].isupper() or known):
                break
            end -= len(head) - len(stripped) + len(word)
            names.append((word, end))
        if not names:
            return None, start
        names.reverse()
        return " ".join(word for word, _ in names), names[0][1]

    def _product(self, named: str | None) -> str | None:
        if named is None:
            return None
        if self.product is not None and product_key(named) == product_key(self.product):
            return self.product
        return named

    def _mentioned(self, text: str, start: int) -> bool:
        words = _words_before(text, start, 2)
        return bool(words) and (words[-1] in _MENTION or tuple(words) in _MENTION_PAIRS)

    def versions(self, text: str, low: str) -> list[_Subject]:
        """The versions of a sentence (``text``, and ``low`` in lower case) that may be
        subjects, with the product written before them."""
        found: list[_Subject] = []
        for match in _VERSION.finditer(low):
            num, suffix, spelled = match["num"], match["suffix"], match["spelled"]
            written = num + suffix + (f" {spelled}" if spelled else "")
            release = _release(written)
            if release is None:
                continue
            full = num.count(".") == 2
            strong = full or bool(suffix) or bool(spelled and spelled[-1].isdigit())
            named, start = self._product_before(text, match.start())
            if self._mentioned(low, start):
                continue
            found.append(
                _Subject(
                    start,
                    match.end(),
                    release,
                    RELEASE,
                    text[match.start("num") : match.end()],
                    self._product(named),
                    strong,
                )
            )
        return found

    def references(self, text: str, low: str) -> tuple[list[_Subject], list[tuple[int, int]]]:
        """The releases named by their place, resolved, and the spans of every such phrase
        (resolved or not: a version inside one, ``the final beta of 3.7.0``, is no subject)."""
        found: list[_Subject] = []
        spans: list[tuple[int, int]] = []
        if not any(word in low for word in _REFERENCE_WORDS):
            return found, spans
        for match in _REFERENCE.finditer(low):
            spans.append(match.span())
            group = "name" if match["name"] else "name2"
            name = text[match.start(group) : match.end(group)] if match[group] else None
            if name is not None and (not name[0].isupper() or name.lower() in _NOT_NAMES):
                continue
            series = match["series"] or match["inner"]
            release = _resolve(
                " ".join(match["qual"].split()),
                " ".join(match["what"].split()),
                match["flavour"] or "",
                series,
                self.context,
            )
            if release is None:
                continue
            explicit = series is not None and release == _release(series)
            article = _ARTICLE.search(low, max(0, match.start() - 8), match.start())
            start = article.start() if article is not None else match.start()
            found.append(
                _Subject(
                    start,
                    match.end(),
                    release,
                    RELEASE,
                    series if explicit else text[start : match.end()],
                    self._product(name),
                    True,
                    inferred=not explicit,
                )
            )
        return found, spans

    def boundaries(self, low: str) -> list[_Subject]:
        """The phases of a sentence in lower case."""
        found: list[_Subject] = []
        if "first" in low:
            for match in _FIRST_OF_PHASE.finditer(low):
                word = match["phase"]
                kind = word if word in {"alpha", "beta"} else "rc"
                start = low.index("first", match.start())
                found.append(
                    _Subject(start, match.end(), None, kind, low[start : match.end()], None, True)
                )
        if not any(word in low for word in _BOUNDARY_WORDS):
            return found
        for match in _BOUNDARY.finditer(low):
            edge = match["edge"] or ""
            if match["phase"]:
                word = match["phase"].replace("-", " ")
                if word.startswith(("release", "rc", "candidate")):
                    kind = "rc"
                elif word.startswith("bug"):
                    kind = "bugfix"
                elif word.startswith("security"):
                    kind = "security"
                else:
                    kind = word
            elif match["freeze"]:
                kind = f"{match['freeze']}-freeze"
            else:
                kind = "end-of-life"
            ended = edge in {"end", "close", "closing"}
            past = _BOUNDARY_PAST.search(low, max(0, match.start() - 60), match.start())
            found.append(
                _Subject(
                    match.start(),
                    match.end(),
                    None,
                    kind,
                    match.group(),
                    None,
                    True,
                    ended=ended or past is not None,
                )
            )
        return found

    # - plans -

    def read(self, text: str, line: int, scheduled: bool) -> list[Plan]:
        """The plans of one sentence (plain text) on ``line`` (1-based)."""
        dates = [(found, found.date) for found in find_dates(text) if found.date is not None]
        if not dates:
            return []
        low = lower(text)
        planning = list(_PLANNING.finditer(low))
        boundaries = self.boundaries(low)
        if not planning and not boundaries and not scheduled:
            return []  # no wording that plans: most sentences with a date stop here
        planning_ends = [match.end() for match in planning]
        versions = self.versions(text, low)
        references, spans = self.references(text, low)
        span_starts = [start for start, _ in spans]
        releases = _InOrder([v for v in versions if not _inside(v.start, spans, span_starts)])
        releases.add(references)
        phases = _InOrder(boundaries)
        everything = _InOrder(releases.items + boundaries)
        named = _InOrder(versions)
        products: dict[str, str] = {}
        for version in versions:
            if version.product and version.release is not None:
                products.setdefault(version.release.series, version.product)
        past_sentence = scheduled and _PAST_SENTENCE.search(low) is not None
        sentence = text if len(text) <= _MAX_SENTENCE else text[: _MAX_SENTENCE - 3] + "..."
        plans: list[Plan] = []
        region = 0
        for position, (found, date) in enumerate(dates):
            subjects: list[_Subject] = []
            index = bisect.bisect_right(planning_ends, found.start) - 1
            wording = planning[index] if index >= 0 else None
            if (
                wording is not None
                and wording.start() >= region
                and _gap_ok(text, wording.end(), found.start, _PLAN_GAP)
            ):
                subjects = self._subjects_before(text, region, wording.start(), releases, phases)
            if not subjects:
                near = phases.within(max(region, found.start - _LOOK_BACK), found.start)
                if near and _gap_ok(text, near[-1].end, found.start, _BOUNDARY_GAP, names=True):
                    subjects = [near[-1]]
            if not subjects and plans:  # ``..., and 3.12.0 itself on Monday, 2023-10-02``
                subjects = self._continued(text, region, found.start, releases)
            if not subjects and scheduled and not past_sentence:
                following = dates[position + 1][0].start if position + 1 < len(dates) else len(text)
                before = everything.within(max(region, found.start - _LOOK_BACK), found.start)
                after = everything.within(found.end, min(following, found.end + _LOOK_BACK))
                subjects = before[-1:] or after[:1]
            if not subjects:
                continue
            region = found.end
            for subject in subjects:
                plan = self._plan(subject, date, line, found.start, named, products, sentence)
                if plan is not None:
                    plans.append(plan)
        return plans

    def _subjects_before(
        self, text: str, region: int, end: int, releases: _InOrder, phases: _InOrder
    ) -> list[_Subject]:
        """What the planning wording at ``end`` speaks of: the nearest release (and the ones
        listed with it) or phase before it, with only linking words between."""
        floor = max(region, end - _LOOK_BACK)
        window = releases.within(floor, end)
        candidates = [s for s in window if s.strong] + phases.within(floor, end)
        if not candidates:  # ``Python 3.13 is expected``: x.y alone when nothing else is there
            candidates = window
        candidates.sort(key=lambda s: s.end)
        for subject in reversed(candidates):
            between = _ASIDE.sub(" ", text[subject.end : end])
            if subject.release is None:  # a phase: ``the feature freeze for Python 3.13 is``
                if _gap_ok(between, 0, len(between), _PHASE_SUBJECT_GAP, names=True):
                    return [subject]
            elif _gap_ok(between, 0, len(between), _SUBJECT_GAP):
                return self._listed(text, subject, window)
            if subject.strong and subject.release is not None and not subject.inferred:
                break  # an explicit version too far from the wording: not its subject
        return []

    def _continued(self, text: str, region: int, end: int, releases: _InOrder) -> list[_Subject]:
        """After a plan, a release and a date that share its wording: ``[is due on Monday,
        2023-09-04], and 3.12.0 itself on Monday, 2023-10-02``."""
        window = releases.within(max(region, end - _LOOK_BACK), end)
        strong = [s for s in window if s.strong]
        if not strong:
            return []
        subject = strong[-1]
        if _gap_ok(text, region, subject.start, _CONTINUED_BEFORE) and _gap_ok(
            text, subject.end, end, _CONTINUED_AFTER
        ):
            return self._listed(text, subject, window)
        return []

    def _listed(self, text: str, subject: _Subject, window: list[_Subject]) -> list[_Subject]:
        """``subject`` and the releases listed right before it (``3.11.6 and 3.10.14``)."""
        if subject.release is None or subject.inferred:
            return [subject]
        listed = [subject]
        for before in reversed([s for s in window if s.end <= subject.start]):
            if before.inferred or not _LIST_GAP.fullmatch(text, before.end, listed[-1].start):
                break
            listed.append(before)
        listed.reverse()
        return listed

    def _plan(
        self,
        subject: _Subject,
        date: dt.date,
        line: int,
        at: int,
        named: _InOrder,
        products: dict[str, str],
        sentence: str,
    ) -> Plan | None:
        """The plan of a subject; a phase takes the series of the version nearest to it (else
        the note's), a release without a product the one :meth:`_fallback` gives."""
        if subject.ended:
            return None
        if subject.release is not None:
            series = subject.release.series
            return Plan(
                version=subject.written,
                release=subject.release,
                date=date,
                line=line,
                series=series,
                product=subject.product or self._fallback(series, products),
                inferred=subject.inferred,
                sentence=sentence,
            )
        near = sorted(
            named.within(max(0, subject.start - _LOOK_BACK), at),
            key=lambda v: min(abs(v.end - subject.start), abs(v.start - subject.end)),
        )
        if near and near[0].release is not None:
            series_of: str | None = near[0].release.series
            product = near[0].product
        else:
            series_of = self.context.series if self.context is not None else None
            product = None
        if series_of is None:
            return None
        return Plan(
            version="",
            release=None,
            date=date,
            line=line,
            kind=subject.kind,
            series=series_of,
            product=product or self._fallback(series_of, products),
            sentence=sentence,
        )

    def _fallback(self, series: str, products: dict[str, str]) -> str | None:
        """The product of what is named without one: the one the sentence gives a version of
        its series (``the next pre-release of Python 3.12 will be 3.12.0a2``), else the
        note's."""
        return products.get(series, self.product)


class _InOrder:
    """The subjects of a sentence in order, for the bounded windows the reading looks at."""

    def __init__(self, subjects: list[_Subject]) -> None:
        self.items = sorted(subjects, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.items]

    def add(self, subjects: list[_Subject]) -> None:
        self.items = sorted(self.items + subjects, key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.items]

    def within(self, floor: int, end: int) -> list[_Subject]:
        """The subjects that start at ``floor`` or later and end by ``end``."""
        low = bisect.bisect_left(self.starts, floor)
        high = bisect.bisect_left(self.starts, end)
        return [s for s in self.items[low:high] if s.end <= end]


def _inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``position`` lies in one of the ordered, separate ``spans``."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position <= spans[index][1]


_NEXT: Final = frozenset({"next", "upcoming", "following", "coming", "another", "one more"})


@functools.lru_cache(maxsize=1024)
def _resolve(
    qual: str, what: str, flavour: str, series: str | None, context: Release | None
) -> Release | None:
    """The release words such as ``the second candidate`` name, given the note's own
    (``context``) or the series named after them (``the third beta of 3.13``)."""
    if series:
        named = parse_version(series)
        if named is None:
            return None
        if context is None or _base(context) != _base(named):
            context = Release(_base(named)) if qual not in _NEXT else None
    if context is None or qual == "last":
        return None
    base = _base(context)
    phase = _PHASE_WORDS.get(what)
    if qual in _ORDINALS or qual[0].isdigit():
        number = _ORDINALS.get(qual) or int(qual[:-2])
        return Release.from_string(f"{base}{_PRE_LETTERS[phase]}{number}") if phase else None
    current = context.phase
    if qual in _NEXT:
        if phase is not None:
            if current is phase:
                return Release.from_string(f"{base}{_PRE_LETTERS[phase]}{_n(context) + 1}")
            if _PHASE_ORDER.index(current) < _PHASE_ORDER.index(phase):
                return Release.from_string(f"{base}{_PRE_LETTERS[phase]}1")
            return None
        if what in {"pre-release", "prerelease", "preview"}:
            if current in _PRE_LETTERS:
                return Release.from_string(f"{base}{_PRE_LETTERS[current]}{_n(context) + 1}")
            return None
        if flavour in {"bugfix", "bug-fix", "maintenance", "patch", "point", "security"}:
            if current in {Phase.FINAL, Phase.POST}:
                major, minor, micro = (*context.parsed.release, 0, 0)[:3]
                return Release(f"{major}.{minor}.{micro + 1}")
            return None
        if flavour in {"final", "stable"} and current.is_prerelease:
            return Release(base)
        return None
    # final, official: the final release of the series' x.y.z
    final = phase is None and flavour in {"", "final", "stable"}
    if final and (current.is_prerelease or series):
        return Release(base)
    return None


@functools.lru_cache(maxsize=1024)
def _release(written: str) -> Release | None:
    """A version of a sentence, normalised (sentences repeat their versions)."""
    return parse_version(written)


def _base(release: Release) -> str:
    """``major.minor.micro`` of a release: ``3.12.0`` for ``3.12.0rc1``."""
    parts = (*release.parsed.release, 0, 0)[:3]
    return ".".join(str(part) for part in parts)


def _n(release: Release) -> int:
    return release.number or 0


def find_schedule(
    body: str,
    *,
    first_line: int = 1,
    syntax: str = "markdown",
    product: str | None = None,
    context: Release | None = None,
) -> tuple[Plan, ...]:
    """The plans a note's body states, in the order it states them (see the module
    documentation for what is read).

    ``first_line`` is the file line of the body's first line; ``syntax`` is ``markdown`` or
    ``rst`` (anything else reads nothing); ``product`` is the note's product, given to plans
    that name none (or name it in another case); ``context`` is the note's newest release,
    which resolves ``the second candidate``, ``the next pre-release`` and gives phase
    boundaries their series when the sentence names none. A plan stated twice (same key and
    date) is kept once.
    """
    if syntax not in SYNTAXES or not has_date(body):
        return ()
    years = year_lines(body)
    reader = _SentenceReader(product, context)
    plans: list[Plan] = []
    seen: set[tuple[PlanKey, dt.date]] = set()
    schedule_level = 0  # the level of the open schedule heading; 0 when none is open
    for paragraph in paragraphs(body, syntax):
        if paragraph.first > years[-1]:
            break  # paragraphs come in order, and none from here on holds a year
        if paragraph.heading:
            if schedule_level and paragraph.heading <= schedule_level:
                schedule_level = 0
            if _SCHEDULE_HEADING.search(plain_text(paragraph.text, syntax)):
                schedule_level = paragraph.heading
        # each line of a paragraph is read from the body's line of the same number
        at = bisect.bisect_left(years, paragraph.first)
        if at == len(years) or years[at] >= paragraph.first + len(paragraph.lines):
            continue  # a paragraph without a year: no date
        scheduled = bool(schedule_level) and not paragraph.heading
        for index, sentence in _dated_sentences(paragraph, syntax):
            for plan in reader.read(sentence, first_line + index, scheduled):
                if (plan.key, plan.date) not in seen:
                    seen.add((plan.key, plan.date))
                    plans.append(plan)
    return tuple(plans)


# --- Front matter -------------------------------------------------------------------------------

_FRONT_MATTER_BOUNDARY: Final = re.compile(
    r"(?:(?P<series>(?:0|[1-9][0-9]{0,8})\.(?:0|[1-9][0-9]{0,8}))(?:\.x)?\s+)?"
    r"(?P<what>alpha|beta|rc|release[- ]candidate|candidate|bug[- ]?fix|security(?:[- ]fix)?"
    r"|feature[- ]freeze|code[- ]freeze|end[- ]of[- ]life|eol)"
    r"(?:\s+(?:phase|period|stage|begins|starts))?",
    re.IGNORECASE,
)
_FRONT_MATTER_KINDS: Final = {
    "alpha": "alpha",
    "beta": "beta",
    "rc": "rc",
    "release candidate": "rc",
    "candidate": "rc",
    "bugfix": "bugfix",
    "bug fix": "bugfix",
    "security": "security",
    "security fix": "security",
    "feature freeze": "feature-freeze",
    "code freeze": "code-freeze",
    "end of life": "end-of-life",
    "eol": "end-of-life",
}
_ENTRY_SPLIT: Final = re.compile(r"[;\n]|,(?=\s*[^,:=]{1,60}[:=])")
_ENTRY: Final = re.compile(r"(?P<key>[^:=]+?)\s*[:=]\s*(?P<when>.*)")
_NAMED_VERSION: Final = re.compile(r"(?P<name>[A-Za-z][^0-9]*?)\s+(?=[vV]?[0-9])")
"""A product name before a version: ``Acme Widget 2.4.0``."""
_SHOWN: Final = 60


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def plans_from_front_matter(
    value: object,
    line: int,
    *,
    product: str | None = None,
    context: Release | None = None,
) -> tuple[tuple[Plan, ...], list[Problem]]:
    """The plans of a ``schedule`` front matter value, and what is wrong with it.

    ``value`` is a mapping of a version (``3.12.0rc2``, ``Acme 2.4.0``) or a phase (``beta``,
    ``3.13 feature freeze``, ``end-of-life``) to a date (a YAML date, or text in any form of
    :mod:`sphinxcontrib_releases.dates`); a list of such one-entry mappings or of
    ``{version: ..., date: ...}`` mappings; or text, as reST field lists give it:
    ``3.12.0rc2: 2023-09-04, 3.12.0: 2023-10-02``. ``line`` is the line of the key. A phase
    without a series takes the series of ``context`` (the note's newest release). Every entry
    that is not a version or phase with a date is a ``schedule`` problem and is left out; a
    version YAML read as a number (``3.10`` is the number 3.1) is refused: write it in quotes.
    """
    plans: list[Plan] = []
    problems: list[Problem] = []

    def warn(message: str) -> None:
        problems.append(Problem(WarningType.SCHEDULE, message, line))

    for key, when in _entries(value, warn):
        plan = _front_matter_plan(key, when, line, product, context, warn)
        if plan is None:
            continue
        if any(p.key == plan.key for p in plans):
            warn(f"'schedule' lists {plan.subject} twice; the first date is kept")
            continue
        plans.append(plan)
    return tuple(plans), problems


def _entries(value: object, warn: Callable[[str], None]) -> Iterator[tuple[object, object]]:
    if value is None:
        return
    if isinstance(value, Mapping):
        yield from value.items()
    elif isinstance(value, list):
        for item in value:
            if (
                isinstance(item, Mapping)
                and "date" in item
                and ("version" in item or "phase" in item)
            ):
                yield item.get("version", item.get("phase")), item["date"]
            elif isinstance(item, Mapping) and len(item) == 1:
                yield from item.items()
            elif isinstance(item, str):
                yield from _entries(item, warn)
            else:
                warn(f"'schedule' entry {_shown(item)} is not a version and a date; left out")
    elif isinstance(value, str):
        for part in _ENTRY_SPLIT.split(value):
            entry = part.strip()
            if not entry:
                continue
            pair = _ENTRY.fullmatch(entry)
            if pair is None:
                warn(f"'schedule' entry {_shown(entry)} is not 'version: date'; left out")
                continue
            yield pair["key"], pair["when"]
    else:
        warn(f"'schedule' should map versions to dates, not {_shown(value)}; left out")


def _front_matter_plan(
    key: object,
    when: object,
    line: int,
    product: str | None,
    context: Release | None,
    warn: Callable[[str], None],
) -> Plan | None:
    if isinstance(key, bool) or not isinstance(key, (str, int, float)):
        warn(f"'schedule' key {_shown(key)} is not a version or a phase; left out")
        return None
    if isinstance(key, float):
        warn(
            f"'schedule' key {key!r} was read as a number; write the version in quotes "
            f"('\"3.10.0\"'); left out"
        )
        return None
    written = " ".join(str(key).split())
    date = _as_date(when)
    if date is None:
        warn(f"'schedule' date of {written} is not a date: {_shown(when)}; left out")
        return None
    plan_product = " ".join(product.split()) if product else None
    boundary = _FRONT_MATTER_BOUNDARY.fullmatch(written)
    if boundary is not None:
        kind = _FRONT_MATTER_KINDS[" ".join(boundary["what"].lower().replace("-", " ").split())]
        series = boundary["series"] or (context.series if context is not None else None)
        if series is None:
            warn(f"'schedule' phase {written!r} needs a series ('3.13 {written}'); left out")
            return None
        return Plan("", None, date, line, kind, series, plan_product, source="front matter")
    named = _NAMED_VERSION.match(written)
    if named is not None:
        name = named["name"]
        if plan_product is None or product_key(name) != product_key(plan_product):
            plan_product = name
    version = written[named.end() :] if named is not None else written
    release = parse_version(version)
    if release is None:
        warn(f"'schedule' key {written!r} is not a version or a phase; left out")
        return None
    return Plan(
        version,
        release,
        date,
        line,
        series=release.series,
        product=plan_product,
        source="front matter",
    )


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


# --- Many notes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """A plan and the date of the note that states it."""

    stated_on: dt.date | None
    plan: Plan


@dataclass(frozen=True)
class PlanHistory:
    """Every statement about one release or boundary, oldest first: the last one holds."""

    statements: tuple[Statement, ...]

    @property
    def plan(self) -> Plan:
        """The statement that holds."""
        return self.statements[-1].plan

    @property
    def key(self) -> PlanKey:
        return self.plan.key

    @property
    def date(self) -> dt.date:
        """The day it is planned for now."""
        return self.plan.date

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The days it was planned for, in the order stated, a repeat of the day before
        left out: ``(2022-11-14, 2022-11-15)`` for a release that slipped a day."""
        days: list[dt.date] = []
        for statement in self.statements:
            if not days or days[-1] != statement.plan.date:
                days.append(statement.plan.date)
        return tuple(days)

    @property
    def moved(self) -> int:
        """Days between the first date planned and the current one (negative: earlier)."""
        return (self.date - self.dates[0]).days

    def to_json(self) -> dict[str, Any]:
        return {
            **self.plan.to_json(),
            "history": [day.isoformat() for day in self.dates],
        }


def merge_plans(
    notes: Iterable[tuple[dt.date | None, Iterable[Plan]]],
) -> dict[PlanKey, PlanHistory]:
    """One history per key from the plans of many notes, given as (note date, plans).

    Statements are ordered by the stating note's date, then by the order given (notes, and
    plans within a note); an undated note counts as older than every dated one. The last
    statement of a key holds, the earlier ones are its history. Keys come in the order of
    their current dates.
    """
    ordered = sorted(
        enumerate(notes), key=lambda pair: (pair[1][0] is not None, pair[1][0] or dt.date.min)
    )
    statements: dict[PlanKey, list[Statement]] = {}
    for _, (stated_on, plans) in ordered:
        for plan in plans:
            statements.setdefault(plan.key, []).append(Statement(stated_on, plan))
    histories = {key: PlanHistory(tuple(found)) for key, found in statements.items()}
    return dict(sorted(histories.items(), key=lambda pair: (pair[1].date, pair[0])))


def status(history: PlanHistory, released_on: dt.date | None, today: dt.date) -> Status:
    """``released`` once it happened; else ``overdue`` when its day is past, ``planned``."""
    if released_on is not None:
        return "released"
    return "overdue" if history.date < today else "planned"


def slip(history: PlanHistory, released_on: dt.date | None) -> int | None:
    """Days between the last planned day and the actual one (positive: late); ``None`` when
    it has not happened."""
    if released_on is None:
        return None
    return (released_on - history.date).days


# --- What became of the plans -----------------------------------------------------------------

_BOUNDARY_PHASES: Final = {
    "alpha": Phase.ALPHA,
    "beta": Phase.BETA,
    "rc": Phase.RC,
    "bugfix": Phase.FINAL,
}
"""The boundaries that the first release of a phase reaches."""


class Outcome(NamedTuple):
    """What became of one plan, as the releases of the collection tell."""

    history: PlanHistory
    status: Status
    """``released``: it happened (the release is announced; for a phase boundary, a release of
    that phase or a later one is); ``planned`` or ``overdue``: not yet, and its day is ahead or
    past; ``passed``: a release that a later release of its series overtook (its own note is
    not in the collection), or a boundary no release marks (a freeze) whose day is past."""
    release: Release | None = None
    """The release that made it happen: the planned release itself, or the first release of
    a boundary's phase (``None`` when only a later phase's release is announced)."""
    released_on: dt.date | None = None
    """The date of :attr:`release`'s note."""

    @property
    def slip(self) -> int | None:
        """Days between the day planned last and the day it happened (positive: late)."""
        return slip(self.history, self.released_on)

    @property
    def upcoming(self) -> bool:
        """Whether it has yet to happen: planned, or overdue."""
        return self.status in {"planned", "overdue"}


def outcomes(
    histories: Mapping[PlanKey, PlanHistory],
    announced: Iterable[tuple[Release, dt.date | None]],
    today: dt.date,
) -> dict[PlanKey, Outcome]:
    """What became of each plan, given the releases announced (with their notes' dates) and
    the day it is (see :class:`Outcome`); in the order of ``histories``."""
    known: dict[tuple[str, str], tuple[Release, dt.date | None]] = {}
    newest: dict[tuple[str, str], Release] = {}
    first: dict[tuple[str, str, Phase], tuple[Release, dt.date | None]] = {}
    for release, date in announced:
        known.setdefault(release.key, (release, date))
        series = (release.key[0], release.series)
        if series not in newest or newest[series].sort_key < release.sort_key:
            newest[series] = release
        opening = (*series, release.phase)
        if opening not in first or release.sort_key < first[opening][0].sort_key:
            first[opening] = (release, date)
    found: dict[PlanKey, Outcome] = {}
    for key, history in histories.items():
        plan = history.plan
        late: Status = "overdue" if history.date < today else "planned"
        series = (product_key(plan.product), plan.series or "")
        latest = newest.get(series)
        if plan.release is not None:
            if plan.release.key in known:
                release, date = known[plan.release.key]
                found[key] = Outcome(history, "released", release, date)
            elif latest is not None and latest.sort_key > plan.release.sort_key:
                found[key] = Outcome(history, "passed")
            else:
                found[key] = Outcome(history, late)
            continue
        phase = _BOUNDARY_PHASES.get(plan.kind)
        if phase is None:
            found[key] = Outcome(history, "passed" if late == "overdue" else late)
        elif latest is not None and _PHASE_ORDER.index(latest.phase) >= _PHASE_ORDER.index(phase):
            opened = first.get((*series, phase))
            found[key] = Outcome(history, "released", *(opened or (None, None)))
        else:
            found[key] = Outcome(history, late)
    return found
