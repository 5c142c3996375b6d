"""Linting a set of notes: what ``python -m sphinxcontrib_releases check`` reports.

Plain Python, like the reader: it takes :class:`~sphinxcontrib_releases.model.Announcement`
objects and returns :class:`Finding` objects. A Sphinx build reports only what the reader
finds in each note (and duplicate versions); the checks across notes below are the command's,
for pre-commit hooks and CI. The checks:

* every problem the reader found in a note (bad front matter, versions, dates, phases...);
* two notes announcing the same release, a product and a version (``duplicate``, on every note
  after the first by path); the same version of two products is no duplicate; a note and a
  changelog section of the same release are one release told twice, not a duplicate, and a
  changelog's repeated sections are reported by its reader;
* a date later than today (``chronology``; drafts may be dated ahead and are left alone);
* a release dated before the release that precedes it in its product's series, by version
  (``chronology``, on the later version);
* a pre-release (``aN``, ``bN``, ``rcN``) dated after the final release of its product it
  leads to (``chronology``, on the pre-release);
* a note without a date (``no_date``); the unreleased section of a changelog needs none.

A check that concerns a note as a whole, rather than one of its lines, points at its first
line: line 1, or the heading of a changelog section.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sphinxcontrib_releases.model import Announcement, Phase, Release
from sphinxcontrib_releases.warnings_ import WarningType


@dataclass(frozen=True, order=True)
class Finding:
    """One problem of one note file; findings sort by path, then line."""

    path: str
    line: int
    subtype: str
    """A :class:`~sphinxcontrib_releases.warnings_.WarningType` value."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.subtype}] {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "type": self.subtype, "message": self.message}


def check_notes(notes: Sequence[Announcement], *, today: dt.date | None = None) -> list[Finding]:
    """Every finding about ``notes``, sorted; ``today`` defaults to the local date."""
    found = [
        *reader_problems(notes),
        *duplicates(notes),
        *future_dates(notes, today or dt.date.today()),
        *series_chronology(notes),
        *prereleases_after_final(notes),
        *missing_dates(notes),
    ]
    return sorted(set(found))


def reader_problems(notes: Iterable[Announcement]) -> Iterator[Finding]:
    for note in notes:
        for problem in note.problems:
            yield Finding(note.source, problem.line or 1, str(problem.subtype), problem.message)


def duplicates(notes: Iterable[Announcement]) -> Iterator[Finding]:
    first: dict[tuple[bool, tuple[str, str]], str] = {}
    for note in sorted(notes, key=lambda n: (n.source, n.line)):
        for release in note.releases:
            earlier = first.setdefault((note.is_section, release.key), note.source)
            if earlier != note.source:
                yield _finding(
                    note,
                    WarningType.DUPLICATE,
                    f"{release.display} is also announced by {earlier}",
                )


def future_dates(notes: Iterable[Announcement], today: dt.date) -> Iterator[Finding]:
    for note in notes:
        if note.published and note.date is not None and note.date > today:
            yield _finding(
                note,
                WarningType.CHRONOLOGY,
                f"dated {note.date.isoformat()}, which is in the future",
            )


@dataclass(frozen=True)
class _Dated:
    release: Release
    date: dt.date
    note: Announcement


def _dated_releases(notes: Iterable[Announcement]) -> list[_Dated]:
    """Every release that has a date, by version, then path."""
    dated = [_Dated(r, n.date, n) for n in notes if n.date is not None for r in n.releases]
    dated.sort(key=lambda d: (d.release.key[0], d.release.sort_key, d.note.source))
    return dated


def series_chronology(notes: Iterable[Announcement]) -> Iterator[Finding]:
    """Releases dated before the previous dated release of their series.

    A final release dated before one of its own pre-releases is left to
    :func:`prereleases_after_final`, which blames the pre-release.
    """
    by_series: dict[tuple[str, str], list[_Dated]] = defaultdict(list)
    for dated in _dated_releases(notes):
        by_series[dated.release.key[0], dated.release.series].append(dated)
    for releases in by_series.values():
        for previous, current in pairwise(releases):
            if previous.release == current.release or current.date >= previous.date:
                continue
            if _leads_to(previous.release, current.release):
                continue
            yield _finding(
                current.note,
                WarningType.CHRONOLOGY,
                f"{current.release.version} is dated {current.date.isoformat()}, before "
                f"{previous.release.version} ({previous.date.isoformat()})",
            )


def prereleases_after_final(notes: Iterable[Announcement]) -> Iterator[Finding]:
    dated = _dated_releases(notes)
    finals = {_base(d.release): d for d in dated if d.release.phase is Phase.FINAL}
    for pre in dated:
        if pre.release.phase not in {Phase.ALPHA, Phase.BETA, Phase.RC}:
            continue
        final = finals.get(_base(pre.release))
        if final is not None and pre.date > final.date:
            yield _finding(
                pre.note,
                WarningType.CHRONOLOGY,
                f"{pre.release.version} is dated {pre.date.isoformat()}, after its final release "
                f"{final.release.version} ({final.date.isoformat()})",
            )


def missing_dates(notes: Iterable[Announcement]) -> Iterator[Finding]:
    for note in notes:
        empty = any(p.subtype == WarningType.EMPTY for p in note.problems)
        if note.date is None and note.readable and not empty and not note.unreleased:
            yield _finding(note, WarningType.NO_DATE, "the note has no date")


def _base(release: Release) -> tuple[str, str]:
    """The product and the final version a release leads to: ``("acme", "3.12.0")``."""
    return release.key[0], release.parsed.base_version


def _leads_to(pre: Release, final: Release) -> bool:
    """Whether ``pre`` is a pre-release of the final release ``final``."""
    return (
        final.phase is Phase.FINAL
        and pre.phase in {Phase.ALPHA, Phase.BETA, Phase.RC}
        and _base(pre) == _base(final)
    )


def _finding(note: Announcement, subtype: WarningType, message: str) -> Finding:
    return Finding(note.source, note.line, str(subtype), message)
