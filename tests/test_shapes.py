"""The reader on every shape of collection the benchmark generator writes (``--shape``).

For each shape, 300 generated notes are read from their text and compared with the ground
truth (``benchmarks/accuracy.py``): at least 98% of them must have exactly the right releases,
dates and authors. The shapes the reader does not read yet are expected to fail, strictly, so
that the marks go as soon as the reader work on branches meta/products/features is merged.
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
