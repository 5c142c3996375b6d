"""The reader on every shape of collection the benchmark generator writes (``--shape``).

For each note shape, 300 generated notes are read from their text and compared with the ground
truth (``benchmarks/accuracy.py``): at least 98% of them must have exactly the right releases,
dates and authors. For the changelog shape, 300 release sections in a few large Keep a Changelog
and towncrier files are read as a Sphinx build reads them, and at least 98% of the sections
must have exactly the right version, date and unreleased mark.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
N = 300
SEED = 11
BUDGET = 0.98


@pytest.fixture(scope="module")
def bench() -> tuple[ModuleType, ModuleType]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import accuracy
        import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    return generate, accuracy


def _score(bench: tuple[ModuleType, ModuleType], shape: str) -> Any:
    generate, accuracy = bench
    notes = generate.collection(N, seed=SEED, shape=shape)
    assert len(notes) == N
    return accuracy.score(notes)


def _assert_accurate(score: Any) -> None:
    shares = {fact: score.share(fact) for fact in ("releases", "dates", "authors")}
    low = {fact: share for fact, share in shares.items() if share < BUDGET}
    examples = {fact: score.wrong[fact][:5] for fact in low}
    assert not low, f"below {BUDGET:.0%}: {low}; for instance {examples}"


def test_blog_yaml(bench: tuple[ModuleType, ModuleType]) -> None:
    _assert_accurate(_score(bench, "blog-yaml"))


def test_rst_notes(bench: tuple[ModuleType, ModuleType]) -> None:
    # ``.txt`` notes are reStructuredText: read with syntax="rst" (from the truth) until the
    # reader's options map suffixes to syntaxes
    _assert_accurate(_score(bench, "rst-notes"))


def test_blog_toml(bench: tuple[ModuleType, ModuleType]) -> None:
    _assert_accurate(_score(bench, "blog-toml"))


def test_changelog(bench: tuple[ModuleType, ModuleType]) -> None:
    generate, accuracy = bench
    files = generate.collection(N, seed=SEED, shape="changelog")
    assert {file.truth.syntax for file in files} == {"markdown", "rst"}  # both conventions
    score = accuracy.score_changelogs(files)
    assert score.notes == N  # every section of the truth is scored
    shares = {fact: score.share(fact) for fact in accuracy.SECTION_FACTS}
    low = {fact: share for fact, share in shares.items() if share < BUDGET}
    examples = {fact: score.wrong[fact][:5] for fact in low}
    assert not low, f"below {BUDGET:.0%}: {low}; for instance {examples}"


def test_changelog_scoring_can_fail(bench: tuple[ModuleType, ModuleType]) -> None:
    """A section read wrong is marked wrong for that fact; a section missed, for every fact,
    and the sections after it still match their own."""
    from dataclasses import replace

    generate, accuracy = bench
    (file,) = generate.collection(12, seed=SEED, shape="changelog")
    reading = accuracy.read_changelog(file)
    assert accuracy.score_changelogs([file], [reading]).shares == dict.fromkeys(
        accuracy.SECTION_FACTS, 1.0
    )
    found = accuracy.found_sections(reading)
    dated = next(i for i, f in enumerate(found) if f.note.date is not None)
    undated = replace(found[dated], note=replace(found[dated].note, date=None))
    verdict = accuracy.judge_section(file.truth.sections[dated], undated)
    assert verdict == {"versions": True, "dates": False, "unreleased": True}
    pairs = accuracy.match_sections(file.truth.sections, found[:3] + found[4:])
    assert [found is None for _truth, found in pairs] == [i == 3 for i in range(12)]
    assert all(f is None or f.version == t.version or t.version is None for t, f in pairs)
    as_note = accuracy.read_changelog(replace(file, text="# Nothing\n\nJust text.\n"))
    missed = accuracy.score_changelogs([file], [as_note])
    assert missed.shares == dict.fromkeys(accuracy.SECTION_FACTS, 0.0)
    assert len(missed.wrong["versions"]) == 12


def test_scoring_can_fail(bench: tuple[ModuleType, ModuleType]) -> None:
    """The scoring itself: a reader that misses a fact is marked wrong for it, and only it."""
    from sphinxcontrib_releases.model import Announcement, Release

    generate, accuracy = bench
    (note,) = [n for n in generate.collection(20, seed=SEED) if n.truth.releases][:1]
    right = accuracy.read(note)
    assert accuracy.judge(note.truth, right)["releases"] is True
    other = Announcement(
        source=right.source,
        syntax=right.syntax,
        date=right.date,
        author=right.author,
        releases=(Release("99.0"),),
    )
    verdict = accuracy.judge(note.truth, other)
    assert verdict["releases"] is False
    assert verdict["dates"] is True
    assert verdict["authors"] is True
    score = accuracy.score([note], [other])
    assert score.share("releases") == 0.0
    assert score.wrong["releases"] == (note.name,)
