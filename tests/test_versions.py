"""Tests for reading release versions out of titles and front matter (no Sphinx needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases.model import Phase, Release
from sphinxcontrib_releases.versions import parse_version, releases_in_text


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
