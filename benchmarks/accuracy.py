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

A changelog file (the ``changelog`` shape) is read as a Sphinx build reads it, by
:func:`sphinxcontrib_releases.reader.read_file_text`: one announcement per section. Each
section of the truth is scored (:func:`score_changelogs`), matched to the reader's sections in
file order, for three facts:

versions
    a released section announces exactly its version and is not marked unreleased; an
    unreleased section announces no release (and names its version, when its heading has one);
dates
    the same date, or none for a section without one;
unreleased
    marked unreleased exactly when the truth says so.

A section the reader misses (or one it makes up in its place) is wrong on every fact.
Used by ``run.py`` and by ``tests/test_shapes.py``; needs the project's dependencies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from packaging.version import InvalidVersion, Version
from shapes.common import Section, Truth, Written

from sphinxcontrib_releases.model import Announcement
from sphinxcontrib_releases.reader import Reading, read_file_text, read_text

FACTS = ("releases", "dates", "authors", "products", "features")
"""What is scored, in the order tables show it."""
REQUIRED = ("releases", "dates", "authors")
"""The facts every note has, which the accuracy budget is about."""
SECTION_FACTS = ("versions", "dates", "unreleased")
"""What is scored for each section of a changelog, and what its accuracy budget is about."""


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


# -- changelogs ---------------------------------------------------------------------------------


def read_changelog(file: Written) -> Reading:
    """What the reader makes of one generated changelog file: its sections as announcements."""
    return read_file_text(file.text, file.name, syntax=file.truth.syntax)


@dataclass(frozen=True)
class FoundSection:
    """One section as the reader found it: the announcement, and the version its heading
    names (normalised; ``None`` for a bare ``Unreleased``)."""

    note: Announcement
    version: str | None


def found_sections(reading: Reading) -> list[FoundSection]:
    """The sections of a reading, in file order (none when the file was read as a note)."""
    if reading.changelog is None:
        return []
    return [
        FoundSection(note, section.release.version if section.release else section.version)
        for note, section in zip(reading.notes, reading.changelog.sections, strict=True)
    ]


def _section_key(version: str | None) -> str:
    if version is None:
        return "unreleased"
    try:
        return str(Version(version))
    except InvalidVersion:
        return version


def judge_section(truth: Section, found: FoundSection | None) -> dict[str, bool]:
    """Per fact of one section: right or wrong (a missing section is wrong on all)."""
    if found is None:
        return dict.fromkeys(SECTION_FACTS, False)
    note = found.note
    date = note.date.isoformat() if note.date else None
    named = _section_key(found.version) == _section_key(truth.version)
    if truth.unreleased:
        versions = not note.releases and (truth.version is None or named)
    else:
        versions = (
            truth.version is not None
            and _versions(r.version for r in note.releases) == _versions([truth.version])
            and not note.unreleased
        )
    return {
        "versions": versions,
        "dates": date == truth.date,
        "unreleased": note.unreleased == truth.unreleased,
    }


def match_sections(
    truth: Sequence[Section], found: Sequence[FoundSection]
) -> list[tuple[Section, FoundSection | None]]:
    """Each section of the truth with the reader's section in its place: both in file order,
    aligned on their versions, so that one section missed or made up shifts nothing else."""
    wanted = [_section_key(section.version) for section in truth]
    got = [_section_key(section.version) for section in found]
    pairs: list[tuple[Section, FoundSection | None]] = []
    matcher = SequenceMatcher(None, wanted, got, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for offset, position in enumerate(range(i1, i2)):
            other = j1 + offset
            in_place = tag in {"equal", "replace"} and other < j2
            pairs.append((truth[position], found[other] if in_place else None))
    return pairs


def score_changelogs(files: Sequence[Written], readings: Sequence[Reading] | None = None) -> Score:
    """How many sections of the changelog ``files`` the reader reads right (``readings``:
    already read, in order). :attr:`Score.notes` counts sections."""
    readings = list(readings) if readings is not None else [read_changelog(f) for f in files]
    right = dict.fromkeys(SECTION_FACTS, 0)
    wrong: dict[str, list[str]] = {fact: [] for fact in SECTION_FACTS}
    total = 0
    for file, reading in zip(files, readings, strict=True):
        for truth, found in match_sections(file.truth.sections, found_sections(reading)):
            total += 1
            for fact, ok in judge_section(truth, found).items():
                if ok:
                    right[fact] += 1
                else:
                    wrong[fact].append(f"{file.name}#{truth.version or 'unreleased'}")
    shares: dict[str, float | None] = {
        fact: (right[fact] / total if total else None) for fact in SECTION_FACTS
    }
    return Score(total, shares, {fact: tuple(names) for fact, names in wrong.items()})
