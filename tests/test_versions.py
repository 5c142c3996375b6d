"""Tests for reading release versions out of titles and front matter (no Sphinx needed)."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases.model import Phase, Release
from sphinxcontrib_releases.reader import read_text
from sphinxcontrib_releases.versions import (
    find_releases,
    parse_release,
    parse_version,
    releases_in_text,
)


def versions(text: str) -> list[str]:
    return [release.version for release in releases_in_text(text)]


COMPACT = [
    ("Python 3.12.0a4 is out", ["3.12.0a4"]),
    ("Python 3.14.0rc2 ships today", ["3.14.0rc2"]),
    ("Python 3.13.0RC2 available", ["3.13.0rc2"]),
    ("Python3.11.0b3 for testers", ["3.11.0b3"]),
    ("Get 3.12.0b1 now", ["3.12.0b1"]),
    ("Python 3.12.0a1.", ["3.12.0a1"]),
    ("Nightly 3.13.0.dev1 build", ["3.13.0.dev1"]),
    ("Nightly 3.13.0dev2 build", ["3.13.0.dev2"]),
    ("Repackaged 3.12.0.post1", ["3.12.0.post1"]),
    ("Tagged 3.12.0-rc1", ["3.12.0rc1"]),
    ("Tagged 3.12.0c1", ["3.12.0rc1"]),
    ("Tagged 3.12.0alpha3", ["3.12.0a3"]),
    ("Python 3.12a4 (compact two-part form)", ["3.12.0a4"]),
    ("Tag v3.12.0 pushed", ["3.12.0"]),
    ("Sphinx 8.1.0 released", ["8.1.0"]),
    ("frobnicate 1.1.0rc1 ready for testing", ["1.1.0rc1"]),
]

SPELLED = [
    ("Python 3.12.0 alpha 4 ready", ["3.12.0a4"]),
    ("Python 3.12.0 beta 2 ready", ["3.12.0b2"]),
    ("Python 3.12.0 release candidate 1 ready", ["3.12.0rc1"]),
    ("Python 3.12.0 Release Candidate 2 ready", ["3.12.0rc2"]),
    ("Python 3.12.0 release candidate is ready", ["3.12.0rc1"]),
    ("Python 3.12.0 candidate 1 ready", ["3.12.0rc1"]),
    ("Python 3.12.0 RC 3 ready", ["3.12.0rc3"]),
    ("Python 3.12.0 RC3 ready", ["3.12.0rc3"]),
    ("Python 3.12.0 BETA 1 ready", ["3.12.0b1"]),
    ("Python 3.12.0 (final) ready", ["3.12.0"]),
    ("Python 3.12.0 final ready", ["3.12.0"]),
    ("Python 3.12.0 (beta 3) ready", ["3.12.0b3"]),
    ("Python 3.12.0 beta is ready", ["3.12.0b1"]),
    ("Python 3.3 Alpha 4 ready", ["3.3.0a4"]),
    ("Python 3.4.0 beta 3 ready", ["3.4.0b3"]),
    ("Python 3.11.1 is now available", ["3.11.1"]),
    ("Hello world: we made Python 3.12.0 alpha 7 today.", ["3.12.0a7"]),
]

ORDINALS = [
    ("First release candidate of Python 3.4", ["3.4.0rc1"]),
    ("Third release candidate for Python 3.4", ["3.4.0rc3"]),
    ("The second beta of Python 3.6 is here", ["3.6.0b2"]),
    ("Tenth alpha of 3.12", ["3.12.0a10"]),
    ("Twelfth alpha of 3.12", ["3.12.0a12"]),
    ("1st beta of Python 3.7", ["3.7.0b1"]),
    ("2nd beta of Python 3.6", ["3.6.0b2"]),
    ("3rd alpha for Python 3.8", ["3.8.0a3"]),
    ("4th release candidate of Python 3.9", ["3.9.0rc4"]),
    ("The fifth alpha of Python 3.10.0", ["3.10.0a5"]),
    ("Our second 3.6 beta is out", ["3.6.0b2"]),
    ("Our 3rd 3.6.0 beta is out", ["3.6.0b3"]),
    ("Python 4.4: second alpha released", ["4.4.0a2"]),
    ("Python 5.1 - first beta released", ["5.1.0b1"]),
    ("Python 3.4 third release candidate", ["3.4.0rc3"]),
    ("Python 3.5: the last beta", []),
]

MULTIPLE = [
    (
        "Python 3.11.1, 3.10.9, 3.9.16, 3.8.16, 3.7.16, and 3.12.0 alpha 3 are now available",
        ["3.11.1", "3.10.9", "3.9.16", "3.8.16", "3.7.16", "3.12.0a3"],
    ),
    ("Python 3.14.0rc2 and 3.13.7 are go", ["3.14.0rc2", "3.13.7"]),
    (
        "Python 3.9.1 is now available, together with 3.10.0a3 and 3.8.7rc1",
        ["3.9.1", "3.10.0a3", "3.8.7rc1"],
    ),
    ("Python 3.9.0b5, 3.8.4rc1 also available", ["3.9.0b5", "3.8.4rc1"]),
    ("Python 3.7.0 alpha 1 and 3.6.4 release candidate 1", ["3.7.0a1", "3.6.4rc1"]),
    ("Python 3.6.4 release candidate 1 and 3.7.0 alpha 1", ["3.6.4rc1", "3.7.0a1"]),
    ("Python 3.12.1/3.11.7 released", ["3.12.1", "3.11.7"]),
    ("Sphinx 8.1.0 and docutils 0.21.2 together", ["8.1.0", "0.21.2"]),
    ("Python 3.12.0 final, then Python 3.13.0 alpha 1", ["3.12.0", "3.13.0a1"]),
    ("Python 3.12.0 beta 1 (3.12.0b1) is out", ["3.12.0b1"]),
    ("3.12.0a4, 3.12.0a4 and 3.12.0 alpha 4", ["3.12.0a4"]),
]

NOTHING = [
    "Python 3.5 is no longer supported",
    "The final 3.7 beta",
    "The final 3.7.0 beta",
    "The last 3.7.0 release candidate before the final",
    "the last beta before 3.9.0",
    "prior to 3.3.x end-of-life",
    "New faulthandler module in Python 3.3",
    "Core Development Sprint 2016: 3.6 and beyond",
    "2016",
    "Posted on 2023-05-08",
    "Posted on 2023/05/08",
    "Server 192.168.10.1 is down",
    "A long dotted number 1.2.3.4.5.6",
    "3.3.x",
    "3.12.x series",
    "Python 3.4 release candidate",
    "Python 3.4 final",
    "Python 3.4 alpha",
    "Third alpha of Python",
    "The beta of Python 3.12.0 is delayed",
    "Download Python-3.12.0.tar.xz",
    "Versions 3.12.0-3.12.2 are affected",
    "Version 03.12.00 is not written like this",
    "Only 3.12.0abc here",
    "A 2.0GHz machine",
    "",
    "   ",
    "no digits at all",
]

MENTIONS = [
    ("Python 3.12.1 is out, since 3.12.0 had a bug", ["3.12.1"]),
    ("Python 3.12.0 is faster than 3.11.0", ["3.12.0"]),
    ("Python 3.12.0 is faster than 3.11.0 and 3.10.0", ["3.12.0"]),
    ("Upgrading from 3.11.4 to 3.12.0", ["3.12.0"]),
    ("Bug fixed after 3.11.4", []),
    ("Nothing changes until 3.14.0", []),
    ("Features beyond 3.13.0", []),
    ("Prior to 3.13.0 we used make", []),
    ("Compared to 3.11.0 it is fast", []),
    ("Compared with Python 3.11.0 it is fast", []),
    ("Tested up to 3.12.2", []),
    ("Changes before the Python 3.9.0 release", []),
    ("Support for versions before 3.9.0 and 3.8.0 ends", []),
    ("Support before 3.9.0, but 3.8.18 is out", ["3.8.18"]),
    ("The final beta of Python 3.7.0", []),
    ("Python 3.13.0 beta 4, the last beta before 3.13.0 rc 1", ["3.13.0b4"]),
]


@pytest.mark.parametrize(("title", "expected"), COMPACT)
def test_compact_notation(title: str, expected: list[str]) -> None:
    assert versions(title) == expected


@pytest.mark.parametrize(("title", "expected"), SPELLED)
def test_spelled_notation(title: str, expected: list[str]) -> None:
    assert versions(title) == expected


@pytest.mark.parametrize(("title", "expected"), ORDINALS)
def test_ordinals(title: str, expected: list[str]) -> None:
    assert versions(title) == expected


@pytest.mark.parametrize(("title", "expected"), MULTIPLE)
def test_several_versions(title: str, expected: list[str]) -> None:
    assert versions(title) == expected


@pytest.mark.parametrize("title", NOTHING)
def test_announces_nothing(title: str) -> None:
    assert releases_in_text(title) == []


@pytest.mark.parametrize(("title", "expected"), MENTIONS)
def test_mere_mentions(title: str, expected: list[str]) -> None:
    assert versions(title) == expected


def test_results_are_releases_with_phases() -> None:
    alpha, final, candidate = releases_in_text(
        "Python 3.12.0 alpha 4, 3.11.5 and 3.10.13 release candidate 2"
    )
    assert isinstance(alpha, Release)
    assert (alpha.phase, alpha.number, alpha.series, alpha.label) == (
        Phase.ALPHA,
        4,
        "3.12",
        "alpha 4",
    )
    assert (final.phase, final.series, final.label) == (Phase.FINAL, "3.11", "final")
    assert (candidate.phase, candidate.label) == (Phase.RC, "rc 2")
    assert releases_in_text("Python 3.3 beta 1")[0].series == "3.3"


def test_equal_notations_give_equal_releases() -> None:
    spelled = releases_in_text("Python 3.13.0 Release Candidate 2")
    assert spelled == releases_in_text("Python 3.13.0RC2")
    assert spelled == [Release("3.13.0rc2")]
    assert releases_in_text("Python 3.3 alpha 4") == releases_in_text("Python 3.3.0a4")


PARSED = [
    ("3.12.0a4", "3.12.0a4"),
    ("v3.12.0", "3.12.0"),
    ("V3.12.0", "3.12.0"),
    ("3.12.0 alpha 4", "3.12.0a4"),
    ("3.12.0 Release Candidate 2", "3.12.0rc2"),
    ("3.13.0RC2", "3.13.0rc2"),
    ("  3.12.0b1\n", "3.12.0b1"),
    ("3.12.0 (final)", "3.12.0"),
    ("3.12.0 final", "3.12.0"),
    ("3.12.0 release candidate", "3.12.0rc1"),
    ("3.4 release candidate", "3.4.0rc1"),
    ("Python 3.12.0", "3.12.0"),
    ("Python 3.12.0 beta 3", "3.12.0b3"),
    ("3.12", "3.12.0"),
    ("3.12a4", "3.12.0a4"),
    ("3.12.0.dev1", "3.12.0.dev1"),
    ("3.12.0.post2", "3.12.0.post2"),
    ("2.7.18.1", "2.7.18.1"),
    ("1!2.0", "1!2.0.0"),
]

NOT_VERSIONS = [
    "banana",
    "",
    "   ",
    "3.x",
    "3",
    "2016",
    "3.12.0 is great",
    "alpha 4",
    "Python",
    "3.12.0 alpha 4 extra",
    "3.12.0" + "a" * 200,
]


@pytest.mark.parametrize(("value", "expected"), PARSED)
def test_parse_version(value: str, expected: str) -> None:
    assert parse_version(value) == Release(expected)


@pytest.mark.parametrize("value", NOT_VERSIONS)
def test_parse_version_rejects(value: str) -> None:
    assert parse_version(value) is None


def test_parse_version_phase() -> None:
    release = parse_version("3.12.0 beta 2")
    assert release is not None
    assert (release.phase, release.number, release.series) == (Phase.BETA, 2, "3.12")


HOSTILE = [
    "3.1." * 25000,
    "alpha 1 beta " * 8000,
    "1" * 100000,
    "3.12.0 alpha 1 " * 6000,
    "3.12.0a1" * 12000,
    "3.12.0.dev" * 10000,
    "first beta of " * 7000 + "3.6",
    "before 3.9.0 and " * 6000,
    "3.12.0-" * 14000,
    "(" * 100000,
    "9" * 100000 + ".1.1",
    "3.12.0a" + "1" * 100000,
]


def test_hostile_input_is_handled() -> None:
    # A backtracking regular expression or a quadratic walk would make this hang for minutes.
    for text in HOSTILE:
        assert isinstance(releases_in_text(text), list)
        assert parse_version(text) is None
    assert versions("3.12.0 alpha 1 " * 6000) == ["3.12.0a1"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_releases(text: str) -> None:
    releases = releases_in_text(text)
    assert isinstance(releases, list)
    assert all(isinstance(release, Release) for release in releases)
    assert len(set(releases)) == len(releases)
    parsed = parse_version(text)
    assert parsed is None or isinstance(parsed, Release)


PIECES = ("3", "12", "0", ".", "-", " ", ",", "(", "a", "rc", "beta", "release", "candidate")
MORE_PIECES = ("final", "of", "2nd", "before", "and", "Python", "dev", "x")
VERSIONISH = st.lists(st.sampled_from((*PIECES, *MORE_PIECES)), max_size=20).map("".join)


@settings(max_examples=200, deadline=None)
@given(VERSIONISH)
def test_version_like_text_gives_releases(text: str) -> None:
    for release in releases_in_text(text):
        assert release.series in text  # found where it is written, never made up
        assert parse_version(release.version) == release  # already normalised


# -- products, announcing wording, display as written ---------------------------------------------


def products(text: str) -> list[tuple[str | None, str, str]]:
    """``(product, version, written)`` of each release :func:`find_releases` finds."""
    return [(r.product, r.version, r.written) for r in find_releases(text)]


PRODUCTS = [
    ("Announcing Gizmo 1.75.0", [("Gizmo", "1.75.0", "1.75.0")]),
    ("Gizmoup 1.27.0 released", [("Gizmoup", "1.27.0", "1.27.0")]),
    ("gizmo-regex 1.9", [("gizmo-regex", "1.9.0", "1.9")]),
    ("Announcing Gizmo 1.10", [("Gizmo", "1.10.0", "1.10")]),
    ("The Gizmo 2.4.1 release", [("Gizmo", "2.4.1", "2.4.1")]),
    ("Introducing Gizmo 3.0.0", [("Gizmo", "3.0.0", "3.0.0")]),
    ("Welcome Gizmo 3.1.0", [("Gizmo", "3.1.0", "3.1.0")]),
    ("New Gizmo 3.1.2 ready", [("Gizmo", "3.1.2", "3.1.2")]),
    ("Released: Gizmo 3.1.3", [("Gizmo", "3.1.3", "3.1.3")]),
    ("Frobulator 3.12.0 release candidate 1 released", [("Frobulator", "3.12.0rc1", "3.12.0rc1")]),
    ("Frobulator3.11.0b3 for testers", [("Frobulator", "3.11.0b3", "3.11.0b3")]),
    ("Frobulator v3.12.0 is out", [("Frobulator", "3.12.0", "3.12.0")]),
    ("Frobulator version 3.12.1 is out", [("Frobulator", "3.12.1", "3.12.1")]),
    ("Frobulator security release 3.12.2", [("Frobulator", "3.12.2", "3.12.2")]),
    ("Frobulator LTS 3.12 is out", [("Frobulator", "3.12.0", "3.12")]),
    (
        "Frobulator releases 3.12.3 and 3.11.9 now out",
        [("Frobulator", "3.12.3", "3.12.3"), ("Frobulator", "3.11.9", "3.11.9")],
    ),
    ("Tag v3.12.0 pushed", [(None, "3.12.0", "3.12.0")]),
    ("Nightly 3.13.0.dev1 build", [(None, "3.13.0.dev1", "3.13.0.dev1")]),
    ("Visual Widget Studio 1.85 released", [("Visual Widget Studio", "1.85.0", "1.85")]),
    ("Widget.js 20.1.0 (Current)", [("Widget.js", "20.1.0", "20.1.0")]),
    ("widget_kit 0.4.2 is on the index", [("widget_kit", "0.4.2", "0.4.2")]),
    ("gizmo-releases 0.1.0", [("gizmo-releases", "0.1.0", "0.1.0")]),
    ("gizmo-lts 0.2", [("gizmo-lts", "0.2.0", "0.2")]),
    ("Q 4.3.0 is released", [("Q", "4.3.0", "4.3.0")]),
    (
        "Frobulator 3.13.1, 3.12.8, 3.11.11 and 3.9.21 are now available",
        [
            ("Frobulator", "3.13.1", "3.13.1"),
            ("Frobulator", "3.12.8", "3.12.8"),
            ("Frobulator", "3.11.11", "3.11.11"),
            ("Frobulator", "3.9.21", "3.9.21"),
        ],
    ),
    (
        "Frobulator 3.9.1 is now available, together with 3.10.0a3",
        [("Frobulator", "3.9.1", "3.9.1"), ("Frobulator", "3.10.0a3", "3.10.0a3")],
    ),
    (
        "Gizmo 8.1.0 and gizmo-docs 0.21.2 together",
        [("Gizmo", "8.1.0", "8.1.0"), ("gizmo-docs", "0.21.2", "0.21.2")],
    ),
    ("Gizmo 2.0.0 and Gizmoup 2.0.0", [("Gizmo", "2.0.0", "2.0.0"), ("Gizmoup", "2.0.0", "2.0.0")]),
    ("Gizmo security releases issued: 4.2.4", [(None, "4.2.4", "4.2.4")]),
]


@pytest.mark.parametrize(("title", "expected"), PRODUCTS)
def test_products(title: str, expected: list[tuple[str | None, str, str]]) -> None:
    assert products(title) == expected


ANNOUNCED_SERIES = [
    ("Announcing Gizmo 1.10", ["1.10"]),
    ("Announcing the Gizmo 1.11 release", ["1.11"]),
    ("We are happy to announce Gizmo 4.2", ["4.2"]),
    ("Gizmo 4.2 release notes", ["4.2"]),
    ("Gizmo 4.2 Release Notes", ["4.2"]),
    ("Release notes for Gizmo 4.3", ["4.3"]),
    ("Gizmo 1.1 stable", ["1.1"]),
    ("Gizmo 1.22 (and 1.22.1)", ["1.22", "1.22.1"]),
    ("Gizmo 20.1 has been released", ["20.1"]),
    ("Gizmo 3.2 released", ["3.2"]),
    ("Gizmo 2.0 is out", ["2.0"]),
    ("Gizmo 2.0 is finally out!", ["2.0"]),
    ("Gizmo 2.1 is now available", ["2.1"]),
    ("Gizmo 2.2 is here", ["2.2"]),
    ("Gizmo 2.3 has landed", ["2.3"]),
    ("Gizmo 2.1 and 2.0.4 are out", ["2.1", "2.0.4"]),
    ("Gizmo 2.4 LTS released", ["2.4"]),
    ("gizmo-regex 1.9", ["1.9"]),
    ("Gizmo 1.9!", ["1.9"]),
    ("Version 4.2", ["4.2"]),
    ("Gizmo 4.3 (2040-04-02)", ["4.3"]),
    ("Gizmo 1.38: the fastest Gizmo yet", ["1.38"]),
    ("Gizmo 1.39 - what's new", ["1.39"]),
    ('Gizmo 3.4 "Quick Fox" released', ["3.4"]),
    ("We are pleased to announce the release of Gizmo 4.4", ["4.4"]),
    ("Announcing the general availability of Gizmo 4.5", ["4.5"]),
    ("Gizmo 2.0 goes stable", ["2.0"]),
    ("Frobulator 3.3 alpha 4", ["3.3a4"]),
    ("Frobulator 3.4 final released", ["3.4"]),
]

SERIES_ONLY = [
    "Gizmo 3.5 is no longer supported",
    "New module in Gizmo 3.3",
    "Gizmo 3.4 release candidate",
    "Gizmo 3.4 final",
    "Gizmo 3.4 alpha",
    "Gizmo 3.6 is out of support",
    "Plans for Gizmo 3.7",
    "Gizmo 3.7 release schedule",
    "Gizmo 3.5: the last beta",
    "What's new in Gizmo 3.8",
    "Gizmo 2018 edition",
    "The release schedule for Gizmo 4.0 is out",
    "End of life for Gizmo 3.7 is here",
    "Gizmo 1.0: status report and final timeline",
    "Gizmo 3.9: what is coming",
    "Gizmo 4.3 (LTS)",
    "Farewell, Gizmo 3.7",
]


@pytest.mark.parametrize(("title", "expected"), ANNOUNCED_SERIES)
def test_announced_series_are_releases(title: str, expected: list[str]) -> None:
    assert [r.written for r in find_releases(title)] == expected
    assert all(r.product for r in find_releases(title)) or title == "Version 4.2"


@pytest.mark.parametrize("title", SERIES_ONLY)
def test_series_that_are_not_announced(title: str) -> None:
    assert find_releases(title) == []


PHASE_FIRST = [
    ("Release Candidate for Gizmo 2.7.9", [("Gizmo", "2.7.9rc1")]),
    ("Beta of Gizmo 2.8.0", [("Gizmo", "2.8.0b1")]),
    ("Gizmo 1.0 alpha release notes", [("Gizmo", "1.0.0a1")]),
    ("Gizmo 1.0 beta 2 release notes", [("Gizmo", "1.0.0b2")]),
    ("Announcing Gizmo 5.3 Beta", [("Gizmo", "5.3.0b1")]),
    ("Announcing Gizmo 5.3 RC", [("Gizmo", "5.3.0rc1")]),
    ("Gizmo 5.4 release candidate is out", [("Gizmo", "5.4.0rc1")]),
    ("Gizmo 3.4.0 preview2 released", [("Gizmo", "3.4.0rc2")]),
    ("The beta of Gizmo 3.12.0 is delayed", []),
    ("The final beta of Gizmo 3.7.0", []),
]


@pytest.mark.parametrize(("title", "expected"), PHASE_FIRST)
def test_a_phase_without_number_is_the_first(title: str, expected: list[tuple[str, str]]) -> None:
    assert [(r.product, r.version) for r in find_releases(title)] == expected


PASSING = [
    "In Gizmo 1.88.0, the target will be demoted",
    "Updating the Linux targets to libgizmo 1.2.5",
    "Faster linking with 1.90.0 stable",
    "Changes in 1.2.0 of the tool",
    "Gizmo 1.77.0 pre-release testing",
    "Gizmo 1.78.0 prerelease",
    "Built using gizmo-cc 4.1.0",
    "Requires Frobulator 3.11.0",
]


@pytest.mark.parametrize("title", PASSING)
def test_passing_mentions(title: str) -> None:
    assert find_releases(title) == []


def test_mentions_that_announce() -> None:
    assert versions("Upgrading from 3.11.4 to 3.12.0") == ["3.12.0"]
    assert versions("Welcome to Gizmo 3.0.0") == ["3.0.0"]
    assert versions("What's new in Gizmo 3.8.1") == ["3.8.1"]
    assert versions("Gizmo 3.9.1, along with 3.8.9") == ["3.9.1", "3.8.9"]


SEMVER = [
    ("Gizmo 1.0.0-alpha is out", "1.0.0a1", "1.0.0-alpha"),
    ("Gizmo 1.0.0-alpha.1 is out", "1.0.0a1", "1.0.0-alpha.1"),
    ("Gizmo 1.0.0-beta.2 is out", "1.0.0b2", "1.0.0-beta.2"),
    ("Gizmo 2.0.0-rc.1", "2.0.0rc1", "2.0.0-rc.1"),
    ("Gizmo 2.0.0-rc", "2.0.0rc1", "2.0.0-rc"),
    ("Gizmo v2.1.0-beta, for testers", "2.1.0b1", "2.1.0-beta"),
    ("Gizmo 2.2.0-RC.3.", "2.2.0rc3", "2.2.0-RC.3"),
]


@pytest.mark.parametrize(("title", "version", "written"), SEMVER)
def test_semantic_versioning_prereleases(title: str, version: str, written: str) -> None:
    (release,) = find_releases(title)
    assert (release.version, release.written, release.product) == (version, written, "Gizmo")


def test_pep440_tails_without_a_number_stay_zero() -> None:
    # only the hyphenated (semantic versioning) spelling means the first pre-release
    assert versions("Gizmo 3.12.0rc is out") == ["3.12.0rc0"]
    assert versions("Gizmo 1.0.0-alpha.beta is out") == []


WRITTEN = [
    ("Gizmo 1.2rc1 is out", "1.2rc1", "1.2.0rc1"),
    ("Gizmo 4.2 release notes", "4.2", "4.2.0"),
    ("Gizmo 3.12.0a4 is out", "3.12.0a4", "3.12.0a4"),
    ("Gizmo 3.13.0RC2 available", "3.13.0RC2", "3.13.0rc2"),
    ("Gizmo 3.3 Alpha 4", "3.3a4", "3.3.0a4"),
    ("Gizmo 3.4.0 release candidate", "3.4.0rc1", "3.4.0rc1"),
    ("Third release candidate for Gizmo 3.4", "3.4rc3", "3.4.0rc3"),
    ("Tagged 3.12.0-rc1", "3.12.0-rc1", "3.12.0rc1"),
    ("Gizmo 3.12.0.post1", "3.12.0.post1", "3.12.0.post1"),
]


@pytest.mark.parametrize(("title", "written", "version"), WRITTEN)
def test_versions_are_shown_as_written(title: str, written: str, version: str) -> None:
    (release,) = find_releases(title)
    assert (release.written, release.display, release.version) == (written, written, version)


def test_display_is_not_identity() -> None:
    short = Release("4.2.0", "Gizmo", "4.2")
    padded = Release("4.2.0", "gizmo", "4.2.0")
    assert short == padded
    assert hash(short) == hash(padded)
    assert {short, padded} == {short}
    assert (short.display, padded.display) == ("4.2", "4.2.0")
    assert short.name == "Gizmo 4.2"
    assert short.key == ("gizmo", "4.2.0")
    assert short.reference == "Gizmo 4.2.0"
    assert Release("4.2.0").display == "4.2.0"  # nothing written: the normalised form
    # comparison is by PEP 440, whatever the spelling
    releases = [Release("4.2.0", "Gizmo", "4.2"), Release("4.2.0rc1", "Gizmo", "4.2rc1")]
    assert [r.display for r in sorted(releases, key=lambda r: r.sort_key)] == ["4.2rc1", "4.2"]
    assert Release("1.0.0a1", None, "1.0.0-alpha").parsed < Release("1.0.0a2").parsed


def test_the_same_version_of_two_products_is_two_releases() -> None:
    gizmo, gizmoup = Release("1.2.0", "Gizmo"), Release("1.2.0", "Gizmoup")
    assert gizmo != gizmoup
    assert len({gizmo, gizmoup, Release("1.2.0", "GIZMO")}) == 2
    assert gizmo != Release("1.2.0")  # an unknown product is not any product


def test_releases_pickle_with_product_and_spelling() -> None:
    release = Release("4.2.0", "Gizmo", "4.2")
    copy = pickle.loads(pickle.dumps(release))
    assert (copy.product, copy.written, copy.version) == ("Gizmo", "4.2", "4.2.0")


def test_releases_in_text_keeps_versions_only() -> None:
    assert releases_in_text("Gizmo 2.0.0 and Gizmoup 2.0.0") == [Release("2.0.0")]
    assert [r.written for r in releases_in_text("Gizmo 4.2 release notes")] == ["4.2"]


def test_parse_version_keeps_the_spelling() -> None:
    assert [parse_version(v).written for v in ("4.2", "v4.2.0", "3.12.0 alpha 4")] == [  # type: ignore[union-attr]
        "4.2",
        "4.2.0",
        "3.12.0a4",
    ]


REFERENCES = [
    ("gizmo 1.2.0", "gizmo", "1.2.0"),
    ("Gizmo 4.2", "Gizmo", "4.2.0"),
    ("gizmo-regex 1.9", "gizmo-regex", "1.9.0"),
    ("Visual Widget Studio 1.85 beta 1", "Visual Widget Studio", "1.85.0b1"),
    ("Gizmo  v3.12.0rc1", "Gizmo", "3.12.0rc1"),
    ("libgizmo2 1.2", "libgizmo2", "1.2.0"),
    ("1.2.0", None, "1.2.0"),
    ("4.2", None, "4.2.0"),
]


@pytest.mark.parametrize(("target", "product", "version"), REFERENCES)
def test_parse_release(target: str, product: str | None, version: str) -> None:
    release = parse_release(target)
    assert release is not None
    assert (release.product, release.version) == (product, version)


@pytest.mark.parametrize("target", ["gizmo", "gizmo one", "", "gizmo 1.x", "gizmo 1.2.0 extra"])
def test_parse_release_rejects(target: str) -> None:
    assert parse_release(target) is None


def test_hostile_names_are_read_in_linear_time() -> None:
    for text in (
        "gizmo-" * 30000 + "1.2.0",
        "Gizmo " * 30000 + "1.2.0",
        "version " * 30000 + "1.2",
        "a.b" * 30000 + " 1.2.0",
        "Announcing " * 20000 + "Gizmo 1.2",
        "Gizmo 1.2 and " * 8000 + "released",
    ):
        assert isinstance(find_releases(text), list)


# -- products in notes (the reader) -------------------------------------------------------------


def note_releases(text: str) -> list[tuple[str | None, str, str]]:
    note = read_text(text, "notes/x.md")
    return [(r.product, r.version, r.written) for r in note.releases]


def test_front_matter_product_names_every_release() -> None:
    text = "---\ntitle: Big day\nproduct: gizmo-regex\nversion: 1.9\n---\nBody.\n"
    assert note_releases(text) == [("gizmo-regex", "1.9.0", "1.9")]
    text = "---\ntitle: Gizmo 4.2 release notes\nproduct: Gizmo Pro\n---\nBody.\n"
    assert note_releases(text) == [("Gizmo Pro", "4.2.0", "4.2")]


def test_declared_versions_take_the_product_of_the_title() -> None:
    text = "---\ntitle: Gizmo 4.2 release notes\nversion: '4.2'\n---\nBody.\n"
    assert note_releases(text) == [("Gizmo", "4.2.0", "4.2")]
    # a title naming several products gives none
    text = "---\ntitle: Gizmo 2.0.0 and Gizmoup 1.0.0\nversion: 2.0.0\n---\nBody.\n"
    assert note_releases(text) == [(None, "2.0.0", "2.0.0")]


def test_rst_note_titled_with_product_and_series() -> None:
    note = read_text(
        "Gizmo 4.2 release notes\n=======================\n\nText.\n", "a.rst", syntax="rst"
    )
    assert [(r.product, r.version, r.display) for r in note.releases] == [("Gizmo", "4.2.0", "4.2")]
    assert note.heading == "Gizmo 4.2 release notes"


def test_notes_without_a_product_get_the_default() -> None:
    note = read_text("---\ntitle: 1.2.0 is out\n---\nBody.\n", "a.md")
    assert [r.product for r in note.releases] == [None]
    named = note.with_default_product("Gizmo")
    assert [(r.product, r.version) for r in named.releases] == [("Gizmo", "1.2.0")]
    titled = read_text("---\ntitle: Gizmoup 1.2.0 is out\n---\nBody.\n", "a.md")
    assert titled.with_default_product("Gizmo") is titled


def test_body_opening_with_a_passing_mention() -> None:
    note = read_text("---\ntitle: News\n---\nChanges in 1.2.0 of the tool.\n", "a.md")
    assert note.releases == ()
    note = read_text("---\ntitle: News\n---\nWe are proud to announce Gizmo 4.2.\n", "a.md")
    assert [(r.product, r.display) for r in note.releases] == [("Gizmo", "4.2")]
