"""The aggregate filters and feature de-duplication, without Sphinx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sphinxcontrib_releases.dedupe import merge_features, similarity, words
from sphinxcontrib_releases.filters import Filters, parse_filters
from sphinxcontrib_releases.model import Announcement, Phase, Release
from sphinxcontrib_releases.reader import read_note

NOTES = Path(__file__).parent / "roots" / "test-aggregates" / "notes"


@pytest.fixture(scope="module")
def pairs() -> list[tuple[Release, Announcement]]:
    notes = [read_note(p) for p in sorted(NOTES.iterdir())]
    return [(r, n) for n in notes for r in n.releases]


def versions(chosen: list[tuple[Release, Announcement]]) -> list[str]:
    return [r.version for r, _ in chosen]


def test_no_filter_selects_everything_newest_first(
    pairs: list[tuple[Release, Announcement]],
) -> None:
    chosen = Filters().select(pairs)
    assert versions(chosen)[:3] == ["5.0.1", "5.0.0", "5.0.0rc1"]
    assert versions(chosen)[-1] == "4.9.6"
    assert len(chosen) == 10


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"series": "4.9"}, ["4.9.7", "4.9.6"]),
        ({"versions": ">=5.0.0b1,<5.0.1"}, ["5.0.0", "5.0.0rc1", "5.0.0b2", "5.0.0b1"]),
        ({"phase": "alpha, rc"}, ["5.0.0rc1", "5.0.0a3", "5.0.0a2", "5.0.0a1"]),
        ({"phase": "release candidate"}, ["5.0.0rc1"]),
        ({"since": "2034-05-01", "until": "2034-07-03"}, ["5.0.0rc1", "5.0.0b2", "5.0.0b1"]),
        ({"tags": "freeze"}, ["5.0.0b1"]),
        ({"pep": "PEP 9200"}, ["4.9.6"]),
        ({"series": "5.0", "limit": "2"}, ["5.0.1", "5.0.0"]),
        ({"series": "5.0", "phase": "alpha", "reverse": None}, ["5.0.0a1", "5.0.0a2", "5.0.0a3"]),
    ],
)
def test_filters(
    pairs: list[tuple[Release, Announcement]], options: dict[str, str | None], expected: list[str]
) -> None:
    filters, problems = parse_filters(options)
    assert problems == []
    assert versions(filters.select(pairs)) == expected


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"series": "five"}, ":series:"),
        ({"versions": ">>5"}, ":versions:"),
        ({"phase": "gamma"}, ":phase:"),
        ({"since": "last week"}, ":since:"),
        ({"pep": "x"}, ":pep:"),
        ({"limit": "-1"}, ":limit:"),
    ],
)
def test_malformed_filters_are_reported(options: dict[str, str], fragment: str) -> None:
    _filters, problems = parse_filters(options)
    assert len(problems) == 1
    assert problems[0].startswith(fragment)


def test_filters_are_lenient_about_what_they_can_use() -> None:
    filters, problems = parse_filters({"phase": "alpha, gamma", "since": "2034-01-01"})
    assert filters.phases == frozenset({Phase.ALPHA})
    assert filters.since == dt.date(2034, 1, 1)
    assert len(problems) == 1


def test_words_and_similarity() -> None:
    assert words("The `ledger` modules were removed.") == {"ledg", "modul", "remov"}
    assert words("compiler compiled compiles") == {"compil"}
    short, long = words("ledger removed"), words("The ledger and abacus modules were removed")
    assert similarity(short, long) == pytest.approx(2 / 4)  # Jaccard: too few words
    three = words("The ledger module was removed")
    assert similarity(three, long) == 1.0  # contained in the longer wording
    assert similarity(frozenset(), long) == 0.0


def test_each_feature_once_with_its_first_release(
    pairs: list[tuple[Release, Announcement]],
) -> None:
    filters, _ = parse_filters({"series": "5.0"})
    merged = merge_features(filters.select(pairs))
    summary = [(m.first.version, m.reworded, m.latest.text) for m in merged]
    assert summary == [
        ("5.0.0a1", True, "The ledger and abacus modules were removed, see PEP 9202."),
        ("5.0.0a1", True, "A new --fast start-up flag that skips the plugin scan."),
        ("5.0.0a2", True, "Complete type hints for the plugin API (PEP 9201)."),
        ("5.0.0b1", False, "Colour output in the test runner."),
        ("5.0.1", False, "A crash when the plugin folder is missing was fixed."),
    ]
    ledger = merged[0]
    assert [r.version for r in ledger.reworded_in] == ["5.0.0a3"]
    assert len(ledger.appearances) == 7
    assert ledger.peps == {9202}


def test_shared_peps_lower_the_bar() -> None:
    def note(version: str, text: str, peps: tuple[int, ...]) -> tuple[Release, Announcement]:
        from sphinxcontrib_releases.model import Feature

        release = Release(version)
        feature = Feature(text=text, markdown=text, peps=peps)
        return release, Announcement(
            source=version, syntax="markdown", releases=(release,), features=(feature,)
        )

    first = note("1.0.0a1", "Faster dictionary lookups in the core (PEP 9300)", (9300,))
    second = note("1.0.0a2", "Dictionaries: cheaper hashing for many keys (PEP 9300)", (9300,))
    assert len(merge_features([first, second])) == 1
    unrelated = note("1.0.0a2", "Dictionaries: cheaper hashing for many keys", ())
    assert len(merge_features([first, unrelated])) == 2


def test_the_threshold_decides_partial_matches() -> None:
    from sphinxcontrib_releases.model import Feature

    def note(version: str, text: str) -> tuple[Release, Announcement]:
        release = Release(version)
        feature = Feature(text=text, markdown=text)
        return release, Announcement(
            source=version, syntax="markdown", releases=(release,), features=(feature,)
        )

    pair = [
        note("1.0.0a1", "Faster start-up by caching compiled imports"),
        note("1.0.0a2", "Faster start-up by caching compiled bytecode"),
    ]
    assert len(merge_features(pair, threshold=0.6)) == 1  # 4 of 5 words shared
    assert len(merge_features(pair, threshold=0.9)) == 2
