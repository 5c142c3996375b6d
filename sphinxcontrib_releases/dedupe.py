"""Showing each feature once across the releases that repeat it.

Pre-release announcements repeat their feature lists, and reword items as they grow ("smtpd was
removed" becomes "smtpd and distutils were removed, see PEP 594 and PEP 632"). Two items are the
same feature when their word sets are alike enough:

* the score is the share of the smaller item's words found in the larger one (Jaccard's index
  when the smaller item has fewer than :data:`SHORT` words, so tiny items need a near match);
* they match when the score reaches the threshold (``releases_similarity``, 0.6 by default), or
  half of it when both items cite a PEP in common.

Each release's items are matched in version order, each against the best-scoring feature seen
so far; a feature is matched at most once per release, and only by an item of its own kind
(a changelog's deprecation of a switch and its later removal are two items).

Changelog items are another matter: a changelog tells each change once, and two fixes worded
alike ("Fixed a crash in X", "Fixed a crash in Y") are two fixes. An item of a changelog
section matches, and is matched by, only an item with the same words (one repeated from a
release candidate's section in the final release's).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sphinxcontrib_releases.model import Announcement, Feature, Release

SHORT = 3
"""Below this many words an item is compared by Jaccard's index."""

_WORD = re.compile(r"[a-z0-9_]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "per",
        "see",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "will",
        "with",
        "now",
        "also",
        "new",
    ]
)


_SUFFIXES = ("ing", "ed", "er", "es", "s", "e")


def stem(word: str) -> str:
    """A light stem: ``compiler``, ``compiled`` and ``compiles`` all become ``compil``."""
    if len(word) <= 4 or word.endswith("ss"):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def words(text: str) -> frozenset[str]:
    """The significant words of a text: lower case, stemmed, without stop words."""
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How alike two word sets are, from 0 to 1 (see the module's description)."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if min(len(a), len(b)) < SHORT:
        return shared / len(a | b)
    return shared / min(len(a), len(b))


@dataclass
class MergedFeature:
    """One feature as it appears across releases."""

    first: Release
    first_note: Announcement
    latest: Feature
    """The most recent wording."""
    latest_note: Announcement
    appearances: list[Release] = field(default_factory=list)
    reworded_in: list[Release] = field(default_factory=list)
    """Releases whose wording differs from the one before."""
    peps: set[int] = field(default_factory=set)
    section: str | None = None
    latest_words: frozenset[str] = frozenset()
    known_words: frozenset[str] = frozenset()
    """Every word of every wording: what the candidate index holds for it."""

    @property
    def reworded(self) -> bool:
        return bool(self.reworded_in)


def merge_features(
    releases: Iterable[tuple[Release, Announcement]], threshold: float = 0.6
) -> list[MergedFeature]:
    """Each feature once, in order of first appearance (releases are taken oldest first).

    A note's features are counted for its newest release only: a note announcing a bug-fix
    release and a preview lists the preview's features.
    """
    merged: list[MergedFeature] = []
    index: dict[str, list[int]] = {}
    ordered = sorted(releases, key=lambda pair: pair[0].sort_key)
    for release, note in ordered:
        if note.newest != release:
            continue
        taken: set[int] = set()
        for feature in note.features:
            feature_words = words(feature.text)
            found = _best_match(
                feature, feature_words, merged, index, taken, threshold, exact=note.is_section
            )
            if found is None:
                entry = MergedFeature(
                    first=release,
                    first_note=note,
                    latest=feature,
                    latest_note=note,
                    appearances=[release],
                    peps=set(feature.peps),
                    section=feature.section,
                    latest_words=feature_words,
                    known_words=feature_words,
                )
                merged.append(entry)
                found = len(merged) - 1
                for word in feature_words:
                    index.setdefault(word, []).append(found)
            else:
                entry = merged[found]
                if entry.latest_words != feature_words:
                    entry.reworded_in.append(release)
                entry.latest, entry.latest_note = feature, note
                entry.appearances.append(release)
                entry.peps.update(feature.peps)
                entry.section = feature.section or entry.section
                for word in feature_words - entry.known_words:
                    index.setdefault(word, []).append(found)
                entry.known_words |= feature_words
                entry.latest_words = feature_words
            taken.add(found)
    return merged


def _best_match(
    feature: Feature,
    feature_words: frozenset[str],
    merged: Sequence[MergedFeature],
    index: dict[str, list[int]],
    taken: set[int],
    threshold: float,
    *,
    exact: bool = False,
) -> int | None:
    # how many of the feature's words each candidate has ever had: a bound on the words it
    # shares with the candidate's latest wording, so most candidates are passed over unscored
    counts = Counter(i for word in feature_words for i in index.get(word, ()))
    size = len(feature_words)
    # a score's divisor is at least min(size, SHORT): fewer shared words than this cannot
    # reach the lowest threshold
    least = threshold / 2 * min(size, SHORT)
    peps = set(feature.peps)
    best, best_score = None, 0.0
    for candidate in sorted(i for i, n in counts.items() if n >= least and i not in taken):
        entry = merged[candidate]
        if entry.latest.kind != feature.kind:
            continue
        if (exact or entry.latest_note.is_section) and entry.latest_words != feature_words:
            continue
        other = len(entry.latest_words)
        shared = min(counts[candidate], other)
        # the largest score ``shared`` words could give (see :func:`similarity`)
        bound = shared / (max(size, other) if min(size, other) < SHORT else min(size, other))
        if bound < threshold / 2 or bound <= best_score:
            continue  # could not reach the lowest threshold, or beat the best so far
        score = similarity(feature_words, entry.latest_words)
        needed = threshold / 2 if entry.peps & peps else threshold
        if score >= needed and score > best_score:
            best, best_score = candidate, score
    return best
