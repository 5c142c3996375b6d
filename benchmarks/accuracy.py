"""How well the reader reads a generated collection: its findings against the ground truth.

A note counts as right for a fact when the reader finds exactly what the generator wrote:

releases
    the same set of versions (compared as PEP 440 versions, so ``4.2`` equals ``4.2.0``);
dates
    the same date, or no date for a note that has none;
authors
    the same names in the same order (the reader's ``author`` text is split at ``", "``), or
    none for a note that names none;
products, features
    only where the reader reports them (an ``Announcement.product``; a feature count where
    the generator knows one): ``None`` otherwise, never a guess.

Each note is read from its text with the syntax its truth gives (a ``.txt`` note of the
``rst-notes`` shape is reStructuredText), by :func:`sphinxcontrib_releases.reader.read_text`.
Used by ``run.py`` and by ``tests/test_shapes.py``; needs the project's dependencies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from packaging.version import InvalidVersion, Version
from shapes.common import Truth, Written

from sphinxcontrib_releases.model import Announcement
from sphinxcontrib_releases.reader import read_text

FACTS = ("releases", "dates", "authors", "products", "features")
"""What is scored, in the order tables show it."""
REQUIRED = ("releases", "dates", "authors")
"""The facts every note has, which the accuracy budget is about."""


def read(note: Written) -> Announcement:
    """What the reader makes of one generated note."""
    return read_text(note.text, note.name, syntax=note.truth.syntax)


def _versions(values: Iterable[str]) -> set[Version | str]:
    found: set[Version | str] = set()
    for value in values:
        try:
            found.add(Version(value))
        except InvalidVersion:
            found.add(value)
    return found


def authors_of(found: Announcement) -> tuple[str, ...]:
    """The authors the reader found, as a sequence of names."""
    listed = getattr(found, "authors", None)
    if isinstance(listed, (list, tuple)):
        return tuple(str(name) for name in listed)
    if not found.author:
        return ()
    return tuple(name.strip() for name in found.author.split(", ") if name.strip())


def judge(truth: Truth, found: Announcement) -> dict[str, bool | None]:
    """Per fact: right (``True``), wrong (``False``) or not scored (``None``)."""
    date = found.date.isoformat() if found.date else None
    verdict: dict[str, bool | None] = {
        "releases": _versions(r.version for r in found.releases) == _versions(truth.releases),
        "dates": date == truth.date,
        "authors": authors_of(found) == truth.authors,
        "products": None,
        "features": None,
    }
    if hasattr(found, "product"):
        verdict["products"] = getattr(found, "product", None) == truth.product
    if truth.features is not None:
        verdict["features"] = len(found.features) == truth.features
    return verdict


@dataclass(frozen=True)
class Score:
    """Shares of notes read right, per fact (``None``: the fact was not scored)."""

    notes: int
    shares: dict[str, float | None]
    wrong: dict[str, tuple[str, ...]]
    """The names of the notes read wrong, per fact."""

    def share(self, fact: str) -> float:
        value = self.shares.get(fact)
        return 0.0 if value is None else value

    def to_json(self) -> dict[str, Any]:
        return {
            "notes": self.notes,
            "shares": dict(self.shares),
            "wrong": {fact: list(names[:20]) for fact, names in self.wrong.items()},
        }


def score(notes: Sequence[Written], found: Sequence[Announcement] | None = None) -> Score:
    """How many of ``notes`` the reader reads right (``found``: already read, in order)."""
    read_notes = list(found) if found is not None else [read(note) for note in notes]
    right: dict[str, int] = dict.fromkeys(FACTS, 0)
    scored: dict[str, int] = dict.fromkeys(FACTS, 0)
    wrong: dict[str, list[str]] = {fact: [] for fact in FACTS}
    for note, announcement in zip(notes, read_notes, strict=True):
        for fact, ok in judge(note.truth, announcement).items():
            if ok is None:
                continue
            scored[fact] += 1
            if ok:
                right[fact] += 1
            else:
                wrong[fact].append(note.name)
    shares = {fact: (right[fact] / scored[fact] if scored[fact] else None) for fact in FACTS}
    return Score(len(notes), shares, {fact: tuple(names) for fact, names in wrong.items()})
