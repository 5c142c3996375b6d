"""Changelog files, read without Sphinx: detection, sections, dates, kinds, items, links."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases.changelog import (
    GROUP_KINDS,
    KINDS,
    MAX_HEADING,
    MIN_RELEASE_HEADINGS,
    Changelog,
    Detection,
    Section,
    could_be_changelog,
    detect,
    kind_of,
    parse_override,
    read_changelog,
)
from sphinxcontrib_releases.model import Release
from sphinxcontrib_releases.warnings_ import WarningType
from tests.conftest import ANNOUNCEMENTS, finishes


def versions(log: Changelog) -> list[str | None]:
    return [section.version for section in log.sections]


def one(log: Changelog, version: str) -> Section:
    section = log.section(version)
    assert section is not None, version
    return section


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of ``text`` that starts with ``needle``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(needle):
            return number
    raise AssertionError(needle)


# --- Keep a Changelog ------------------------------------------------------------------------

KEEP_A_CHANGELOG = """\
# Changelog

All notable changes to this project will be documented in this file.

The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).

## [Unreleased]

### Added
- Support for TOML configuration (#140).

## [1.2.0] - 2024-01-15

### Added
- A `--json` option for the CLI, see GH-101.
  - nested: it prints one object per line
  - nested: with a schema
- Dark mode.
  It spans two lines.

### Changed
- Faster start-up ([#120](https://github.com/o/r/pull/120)).

### Deprecated
- The `legacy` flag.

### Removed
- Python 3.7 support.

### Fixed
- A crash on empty files. {pr}`45`

### Security
- Escape titles in feeds.

## [1.2.0rc1] - 2024-01-02

- First release candidate.

## [1.1.0] - 2023-11-01

### Added
- Feeds.

## [1.0.1] - 2024-02-01 [YANKED]

### Fixed
- A bad fix.

[unreleased]: https://github.com/o/r/compare/v1.2.0...HEAD
[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0
[1.2.0rc1]: https://github.com/o/r/compare/v1.1.0...v1.2.0rc1
[1.1.0]: https://github.com/o/r/compare/v1.0.1...v1.1.0
[1.0.1]: https://github.com/o/r/compare/v1.0.0...v1.0.1
"""


def test_keep_a_changelog_sections() -> None:
    log = read_changelog(KEEP_A_CHANGELOG, "CHANGELOG.md")
    assert log.is_changelog
    assert log.detection == Detection(level=2, headings=5, releases=5)
    assert versions(log) == [None, "1.2.0", "1.2.0rc1", "1.1.0", "1.0.1"]
    assert [s.release for s in log.sections] == [
        None,
        Release("1.2.0"),
        Release("1.2.0rc1"),
        Release("1.1.0"),
        Release("1.0.1"),
    ]
    assert [s.date for s in log.sections] == [
        None,
        dt.date(2024, 1, 15),
        dt.date(2024, 1, 2),
        dt.date(2023, 11, 1),
        dt.date(2024, 2, 1),
    ]
    assert [s.unreleased for s in log.sections] == [True, False, False, False, False]
    assert [s.yanked for s in log.sections] == [False, False, False, False, True]
    assert [s.anchor for s in log.sections] == [
        "unreleased",
        "release-1-2-0",
        "release-1-2-0rc1",
        "release-1-1-0",
        "release-1-0-1",
    ]
    assert [s.title for s in log.sections] == [
        "[Unreleased]",
        "[1.2.0] - 2024-01-15",
        "[1.2.0rc1] - 2024-01-02",
        "[1.1.0] - 2023-11-01",
        "[1.0.1] - 2024-02-01 [YANKED]",
    ]
    assert {s.level for s in log.sections} == {2}
    assert not log.problems
    assert log.summary() == "4 releases, 1 unreleased, 1 yanked"
    assert log.counts() == {"releases": 4, "unreleased": 1, "yanked": 1, "items": 11}


def test_keep_a_changelog_compare_links() -> None:
    log = read_changelog(KEEP_A_CHANGELOG, "CHANGELOG.md")
    assert [s.compare_url for s in log.sections] == [
        "https://github.com/o/r/compare/v1.2.0...HEAD",
        "https://github.com/o/r/compare/v1.1.0...v1.2.0",
        "https://github.com/o/r/compare/v1.1.0...v1.2.0rc1",
        "https://github.com/o/r/compare/v1.0.1...v1.1.0",
        "https://github.com/o/r/compare/v1.0.0...v1.0.1",
    ]
    assert log.links["unreleased"] == "https://github.com/o/r/compare/v1.2.0...HEAD"


def test_keep_a_changelog_lines() -> None:
    text = KEEP_A_CHANGELOG
    log = read_changelog(text, "CHANGELOG.md")
    unreleased, current, candidate, _older, yanked = log.sections
    assert unreleased.line == line_of(text, "## [Unreleased]")
    assert unreleased.body_line == unreleased.line + 1
    assert unreleased.end_line == line_of(text, "- Support for TOML")
    assert current.line == line_of(text, "## [1.2.0] - ")
    assert current.end_line == line_of(text, "- Escape titles")
    assert candidate.end_line == line_of(text, "- First release candidate")
    # The link definitions at the end belong to no section.
    assert yanked.end_line == line_of(text, "- A bad fix")
    assert current.items[0].line == line_of(text, "- A `--json` option")


def test_keep_a_changelog_items() -> None:
    log = read_changelog(KEEP_A_CHANGELOG, "CHANGELOG.md")
    current = one(log, "1.2.0")
    assert [(i.kind, i.group) for i in current.items] == [
        ("feature", "Added"),
        ("feature", "Added"),
        ("change", "Changed"),
        ("deprecation", "Deprecated"),
        ("removal", "Removed"),
        ("fix", "Fixed"),
        ("security", "Security"),
    ]
    cli, dark = current.items[:2]
    assert cli.markup == (
        "A `--json` option for the CLI, see GH-101.\n"
        "- nested: it prints one object per line\n"
        "- nested: with a schema"
    )
    assert cli.text == (
        "A --json option for the CLI, see GH-101. nested: it prints one object per line "
        "nested: with a schema"
    )
    assert cli.refs == ("GH-101",)
    assert dark.markup == "Dark mode.\nIt spans two lines."
    assert dark.text == "Dark mode. It spans two lines."
    assert current.items[2].text == "Faster start-up (#120)."
    assert current.items[2].refs == ("#120",)
    assert current.items[5].text == "A crash on empty files. 45"
    assert current.items[5].refs == ("{pr}`45`",)
    # No subsection: the items are changes.
    candidate = one(log, "1.2.0rc1")
    assert [(i.kind, i.group, i.text) for i in candidate.items] == [
        ("change", "", "First release candidate.")
    ]
    assert one(log, "unreleased").items[0].refs == ("#140",)


def test_lookup_by_version() -> None:
    log = read_changelog(KEEP_A_CHANGELOG, "CHANGELOG.md")
    assert one(log, "1.2.0rc1") is one(log, "1.2.0RC1")  # normalised
    assert one(log, "unreleased").unreleased
    assert log.section("9.9.9") is None
    assert [s.version for s in log.releases] == ["1.2.0", "1.2.0rc1", "1.1.0", "1.0.1"]


def test_first_line_offsets_every_line() -> None:
    plain = read_changelog(KEEP_A_CHANGELOG, "CHANGELOG.md")
    shifted = read_changelog(KEEP_A_CHANGELOG, "CHANGELOG.md", first_line=11)
    for a, b in zip(plain.sections, shifted.sections, strict=True):
        assert (b.line, b.end_line, b.body_line) == (a.line + 10, a.end_line + 10, a.body_line + 10)
        assert [i.line for i in b.items] == [i.line + 10 for i in a.items]


def test_compare_link_inside_the_heading() -> None:
    text = """\
# Changelog

## [1.2.0](https://github.com/o/r/compare/v1.1.0...v1.2.0) (2024-01-15)

### Features

* add a thing ([abc1234](https://github.com/o/r/commit/abc1234)), closes #7

## [1.1.0](https://github.com/o/r/compare/v1.0.0...v1.1.0) (2023-12-01)

### Bug Fixes

* fix a thing

## 1.0.0 (2023-11-01)

### Features

* first
"""
    log = read_changelog(text, "CHANGELOG.md")
    assert versions(log) == ["1.2.0", "1.1.0", "1.0.0"]
    assert [s.compare_url for s in log.sections] == [
        "https://github.com/o/r/compare/v1.1.0...v1.2.0",
        "https://github.com/o/r/compare/v1.0.0...v1.1.0",
        None,
    ]
    assert [s.date for s in log.sections] == [
        dt.date(2024, 1, 15),
        dt.date(2023, 12, 1),
        dt.date(2023, 11, 1),
    ]
    assert log.sections[0].items[0].refs == ("#7",)
    assert log.sections[1].items[0].kind == "fix"


# --- towncrier -------------------------------------------------------------------------------

TOWNCRIER_MD = """\
# Changelog

<!-- towncrier release notes start -->

## 2.1.0 (2024-03-10)

### Features

- Add `--strict`. ([#310](https://github.com/o/r/issues/310))

### Bugfixes

- Fix the parser on empty input. ([#305](https://github.com/o/r/issues/305))

### Improved Documentation

- Document the cache. ([#300](https://github.com/o/r/issues/300))

### Deprecations and Removals

- Drop the `--old` flag. ([#299](https://github.com/o/r/issues/299))

### Misc

- [#290](https://github.com/o/r/issues/290), [#291](https://github.com/o/r/issues/291)

## 2.0.0 (2024-01-20)

No significant changes.

## 1.9.0 (2023-12-01)

### Features

- Something new. ([#250](https://github.com/o/r/issues/250))
"""


def test_towncrier_markdown() -> None:
    log = read_changelog(TOWNCRIER_MD, "CHANGES.md")
    assert log.is_changelog
    assert versions(log) == ["2.1.0", "2.0.0", "1.9.0"]
    latest = log.sections[0]
    assert [(i.kind, i.group) for i in latest.items] == [
        ("feature", "Features"),
        ("fix", "Bugfixes"),
        ("documentation", "Improved Documentation"),
        ("deprecation", "Deprecations and Removals"),
        ("other", "Misc"),
    ]
    assert latest.items[0].text == "Add --strict. (#310)"
    assert latest.items[4].refs == ("#290", "#291")
    assert log.sections[1].items == ()  # "No significant changes." is prose, not an item


TOWNCRIER_RST = """\
pytest 3.9.0 (2018-10-15)
=========================

Deprecations and Removals
-------------------------

- `#3616 <https://github.com/pytest-dev/pytest/issues/3616>`_: The following accesses
  have been documented as deprecated for years:

  * Access of ``Module``, ``Function`` through ``Node`` instances.

Features
--------

- `#2293 <https://github.com/pytest-dev/pytest/issues/2293>`_: Improve usage errors.

Trivial/Internal Changes
------------------------

- `#3057 <https://github.com/pytest-dev/pytest/issues/3057>`_: Update the vendored ``pluggy``.


pytest 3.8.2 (2018-10-02)
=========================

Bug Fixes
---------

- `#3539 <https://github.com/pytest-dev/pytest/issues/3539>`_: Fix reload on assertion
  rewritten modules.


3.8.1 (2018-09-22)
==================

Bug Fixes
---------

- `#3286 <https://github.com/pytest-dev/pytest/issues/3286>`_: ``.pytest_cache`` directory
  is now automatically ignored.


3.8.0
=====

Improved Documentation
----------------------

- `#3902 <https://github.com/pytest-dev/pytest/issues/3902>`_: Fix pytest.org links
"""


def test_towncrier_rst_with_product_names_in_some_headings() -> None:
    log = read_changelog(TOWNCRIER_RST, "CHANGELOG.rst", "rst")
    assert log.is_changelog
    assert versions(log) == ["3.9.0", "3.8.2", "3.8.1", "3.8.0"]
    assert [s.product for s in log.sections] == ["pytest", "pytest", None, None]
    assert [s.date for s in log.sections] == [
        dt.date(2018, 10, 15),
        dt.date(2018, 10, 2),
        dt.date(2018, 9, 22),
        None,
    ]
    first = log.sections[0]
    assert [(i.kind, i.group) for i in first.items] == [
        ("deprecation", "Deprecations and Removals"),
        ("feature", "Features"),
        ("other", "Trivial/Internal Changes"),
    ]
    nested = first.items[0]
    assert nested.refs == ("#3616",)
    assert nested.markup.endswith(
        "* Access of ``Module``, ``Function`` through ``Node`` instances."
    )
    assert nested.text == (
        "#3616: The following accesses have been documented as deprecated for years: "
        "Access of Module, Function through Node instances."
    )
    assert [i.kind for s in log.sections[1:] for i in s.items] == ["fix", "fix", "documentation"]
    assert first.line == 1
    assert log.sections[1].line == line_of(TOWNCRIER_RST, "pytest 3.8.2")
    assert first.end_line == line_of(TOWNCRIER_RST, "- `#3057")


# --- Sphinx-style CHANGES.rst -----------------------------------------------------------------

SPHINX_CHANGES = """\
Release 8.0.0 beta1 (in development)
====================================

Dependencies
------------

* #11001: Drop support for Python 3.8.

Incompatible changes
--------------------

* #11002: Remove ``sphinx.util.osutil.cd``.

Deprecated
----------

* #11003: Deprecate ``sphinx.util.typing.stringify``.

Features added
--------------

* :issue:`11004`: Add ``:no-index-entry:``.
  Patch by Jane Doe.

  .. code-block:: python

     example = 1

Bugs fixed
----------

* #11005: Fix a crash.

Release 7.2.0 (released Aug 17, 2023)
=====================================

Bugs fixed
----------

* #11500: Fix *italic* in titles.

Release 7.1.2 (released Aug 02, 2023)
=====================================

Performance
-----------

* #11400: Faster builds.
"""


def test_sphinx_style_changes() -> None:
    log = read_changelog(SPHINX_CHANGES, "CHANGES.rst", "rst")
    assert log.is_changelog
    assert versions(log) == ["8.0.0 beta1", "7.2.0", "7.1.2"]
    assert [s.release for s in log.sections] == [
        Release("8.0.0b1"),
        Release("7.2.0"),
        Release("7.1.2"),
    ]
    assert [s.unreleased for s in log.sections] == [True, False, False]
    assert [s.date for s in log.sections] == [None, dt.date(2023, 8, 17), dt.date(2023, 8, 2)]
    assert [s.product for s in log.sections] == [None, None, None]
    beta = log.sections[0]
    assert (beta.line, beta.body_line, beta.level) == (1, 3, 1)
    assert beta.anchor == "release-8-0-0-beta1"
    assert [(i.kind, i.group) for i in beta.items] == [
        ("other", "Dependencies"),
        ("change", "Incompatible changes"),
        ("deprecation", "Deprecated"),
        ("feature", "Features added"),
        ("fix", "Bugs fixed"),
    ]
    feature = beta.items[3]
    assert feature.refs == (":issue:`11004`",)
    assert feature.markup == (
        ":issue:`11004`: Add ``:no-index-entry:``.\n"
        "Patch by Jane Doe.\n\n"
        ".. code-block:: python\n\n"
        "   example = 1"
    )
    assert feature.text == "11004: Add :no-index-entry:. Patch by Jane Doe."
    assert log.sections[1].items[0].text == "#11500: Fix italic in titles."
    assert log.sections[2].items[0].kind == "feature"  # Performance
    assert log.summary() == "2 releases, 1 unreleased"


# --- "Version x" with a "Released" line -------------------------------------------------------

PALLETS_RST = """\
Version 3.1.0
-------------

Unreleased

-   Drop support for Python 3.8. :pr:`5623`


Version 3.0.1
-------------

Released on May 2, 2024

-   Correct type for ``path`` argument. :issue:`5340`


Version 3.0.0
-------------

Released 2023-09-30, codename Tiger

-   Remove previously deprecated code. :pr:`5223`
-   Deprecate the ``__version__`` attribute. :issue:`5230`

    -   Use feature detection instead.


Version 2.3.3
-------------

Released 2023-08-21
"""


def test_version_headings_with_released_lines() -> None:
    log = read_changelog(PALLETS_RST, "CHANGES.rst", "rst")
    assert log.is_changelog
    assert versions(log) == ["3.1.0", "3.0.1", "3.0.0", "2.3.3"]
    assert [s.unreleased for s in log.sections] == [True, False, False, False]
    assert [s.date for s in log.sections] == [
        None,
        dt.date(2024, 5, 2),
        dt.date(2023, 9, 30),
        dt.date(2023, 8, 21),
    ]
    assert [s.codename for s in log.sections] == [None, None, "Tiger", None]
    assert log.summary() == "3 releases, 1 unreleased"
    third = log.sections[2]
    assert [(i.kind, i.group, i.refs) for i in third.items] == [
        ("change", "", (":pr:`5223`",)),
        ("change", "", (":issue:`5230`",)),
    ]
    assert third.items[1].markup == (
        "Deprecate the ``__version__`` attribute. :issue:`5230`\n\n"
        "-   Use feature detection instead."
    )
    assert log.sections[3].end_line == line_of(PALLETS_RST, "Released 2023-08-21")


def test_version_headings_with_released_lines_in_markdown() -> None:
    text = """\
# Changes

## Version 2.0.0

_Released 2024-04-01_

- Big change.

## Version 1.1.0

Released: 15 January 2024

- Small change.

## Version 1.0.0

2023-12-24

- First.
"""
    log = read_changelog(text, "CHANGES.md")
    assert [s.date for s in log.sections] == [
        dt.date(2024, 4, 1),
        dt.date(2024, 1, 15),
        dt.date(2023, 12, 24),
    ]
    assert [len(s.items) for s in log.sections] == [1, 1, 1]


# --- Heading and date spellings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "version", "release", "product", "date", "unreleased", "yanked"),
    [
        ("## [1.2.0] - 2024-01-15", "1.2.0", "1.2.0", None, (2024, 1, 15), False, False),
        ("## [1.2.0rc1] - 2024-01-02", "1.2.0rc1", "1.2.0rc1", None, (2024, 1, 2), False, False),
        ("## [Unreleased]", None, None, None, None, True, False),
        ("## Unreleased", None, None, None, None, True, False),
        ("## Upcoming changes", None, None, None, None, True, False),
        ("## 1.2.0 (2024-01-15)", "1.2.0", "1.2.0", None, (2024, 1, 15), False, False),
        ("## v1.2.0 — 15 January 2024", "1.2.0", "1.2.0", None, (2024, 1, 15), False, False),
        ("## Acme 1.2.0 (2024-01-15)", "1.2.0", "1.2.0", "Acme", (2024, 1, 15), False, False),
        ("## 1.2 (6th December, 2024)", "1.2", "1.2.0", None, (2024, 12, 6), False, False),
        ("## 1.2.0 - January 15, 2024", "1.2.0", "1.2.0", None, (2024, 1, 15), False, False),
        ("## 1.2.0 - Sept. 5 2023", "1.2.0", "1.2.0", None, (2023, 9, 5), False, False),
        ("## 1.2.0 - 2024/01/15", "1.2.0", "1.2.0", None, (2024, 1, 15), False, False),
        ("## 2024-01-15 (1.2.0)", "1.2.0", "1.2.0", None, (2024, 1, 15), False, False),
        ("## 1.3.0 (unreleased)", "1.3.0", "1.3.0", None, None, True, False),
        ("## 1.3.0 (in development)", "1.3.0", "1.3.0", None, None, True, False),
        ("## 1.3.0 - TBD", "1.3.0", "1.3.0", None, None, True, False),
        ("## [1.0.1] - 2024-02-01 [YANKED]", "1.0.1", "1.0.1", None, (2024, 2, 1), False, True),
        ("## 1.0.1 (YANKED)", "1.0.1", "1.0.1", None, None, False, True),
        (
            "## 1.0.0-beta.2 (2024-01-01)",
            "1.0.0-beta.2",
            "1.0.0b2",
            None,
            (2024, 1, 1),
            False,
            False,
        ),
        ("## Python 3.12.0 rc 1", "3.12.0 rc 1", "3.12.0rc1", "Python", None, False, False),
        ("## Changes in 1.4.0", "1.4.0", "1.4.0", None, None, False, False),
        ("## 3.8.2", "3.8.2", "3.8.2", None, None, False, False),
    ],
)
def test_heading_spellings(
    heading: str,
    version: str | None,
    release: str | None,
    product: str | None,
    date: tuple[int, int, int] | None,
    unreleased: bool,
    yanked: bool,
) -> None:
    filler = "\n\n".join(f"## {n}.0.0\n\n- item" for n in (7, 8, 9))
    log = read_changelog(f"# Changelog\n\n{heading}\n\n- An item.\n\n{filler}\n", "c.md")
    section = log.sections[0]
    assert section.title == heading.removeprefix("## ")
    assert section.version == version
    assert section.release == (Release(release) if release else None)
    assert section.product == product
    assert section.date == (dt.date(*date) if date else None)
    assert section.unreleased is unreleased
    assert section.yanked is yanked
    assert section.items[0].text == "An item."


@pytest.mark.parametrize(
    "heading",
    [
        "## Upgrading from 1.2.0",
        "## Migrating to 2.0.0",
        "## What changed since 1.2.0",
        "## Major new features of the 3.12 series, compared to 3.11",
        "## Older releases",
        "## 2.x series",
        "## Version 2",
        "## " + "x" * MAX_HEADING + " 1.2.0",
    ],
)
def test_headings_that_open_no_section_close_the_one_before(heading: str) -> None:
    text = (
        f"# Changelog\n\n## 3.0.0\n\n- three\n\n## 2.0.0\n\n- two\n\n{heading}\n\n- not an item\n"
        "\n## 1.0.0\n\n- one\n"
    )
    log = read_changelog(text, "c.md")
    assert versions(log) == ["3.0.0", "2.0.0", "1.0.0"]
    assert [i.text for s in log.sections for i in s.items] == ["three", "two", "one"]
    assert log.sections[1].end_line == line_of(text, "- two")


def test_codenames() -> None:
    text = (
        '# Changelog\n\n## 3.0.0 "Tiger" (2024-01-01)\n\n## 2.0.0 - codename Bear\n\n'
        "## 1.0.0\n\nReleased 2023-01-01, codename Lynx\n"
    )
    log = read_changelog(text, "c.md")
    assert [s.codename for s in log.sections] == ["Tiger", "Bear", "Lynx"]
    assert [s.date for s in log.sections] == [dt.date(2024, 1, 1), None, dt.date(2023, 1, 1)]


def test_setext_and_overline_headings() -> None:
    markdown = "Changelog\n=========\n\n1.2.0 (2024-01-15)\n------------------\n\n- a\n\n"
    markdown += "1.1.0\n-----\n\n- b\n\n1.0.0\n-----\n\n- c\n"
    log = read_changelog(markdown, "c.md")
    assert versions(log) == ["1.2.0", "1.1.0", "1.0.0"]
    assert [(s.line, s.body_line, s.level) for s in log.sections] == [
        (4, 6, 2),
        (9, 11, 2),
        (14, 16, 2),
    ]
    rst = "=====\n1.2.0\n=====\n\n- a\n\n=====\n1.1.0\n=====\n\n- b\n\n=====\n1.0.0\n=====\n\n- c\n"
    log = read_changelog(rst, "c.rst", "rst")
    assert versions(log) == ["1.2.0", "1.1.0", "1.0.0"]
    assert [s.line for s in log.sections] == [2, 8, 14]
    assert [s.items[0].text for s in log.sections] == ["a", "b", "c"]


def test_pre_releases_as_bare_lines_are_not_sections() -> None:
    text = """\
# Changelog

## 2.0.0 (2024-03-01)

2.0.0rc1 (2024-02-20)
2.0.0b1 (2024-02-01)

### Added

- Everything.

## 1.0.0 (2023-01-01)

- First.
"""
    log = read_changelog(text, "c.md")
    assert versions(log) == ["2.0.0", "1.0.0"]
    assert log.sections[0].date == dt.date(2024, 3, 1)
    assert [i.text for i in log.sections[0].items] == ["Everything."]


def test_version_order_is_kept_not_date_order() -> None:
    text = """\
# Changelog

## 2.0.0 (2024-01-10)
- two

## 1.9.1 (2024-02-20)
- backport, released after 2.0.0

## 1.9.0 (2023-12-01)
- one nine
"""
    log = read_changelog(text, "c.md")
    assert versions(log) == ["2.0.0", "1.9.1", "1.9.0"]
    assert [s.date for s in log.sections] == [
        dt.date(2024, 1, 10),
        dt.date(2024, 2, 20),
        dt.date(2023, 12, 1),
    ]


def test_no_dates_and_mixed_v_prefixes() -> None:
    text = "# Changes\n\n## v3.0.0\n\n- c\n\n## 2.0.0\n\n- b\n\n## V1.0.0\n\n- a\n"
    log = read_changelog(text, "c.md")
    assert versions(log) == ["3.0.0", "2.0.0", "1.0.0"]
    assert all(s.date is None for s in log.sections)
    assert not log.problems


def test_unreleased_section_anywhere() -> None:
    text = "# C\n\n## 2.0.0\n\n- b\n\n## Unreleased\n\n- pending\n\n## 1.0.0\n\n- a\n"
    log = read_changelog(text, "c.md")
    assert versions(log) == ["2.0.0", None, "1.0.0"]
    assert one(log, "unreleased").items[0].text == "pending"
    assert log.summary() == "2 releases, 1 unreleased"


# --- Problems and anchors ---------------------------------------------------------------------


def test_bad_date_and_repeated_version_are_problems() -> None:
    text = "# C\n\n## 1.2.0 - 2024-02-30\n\n- a\n\n## 1.1.0\n\n- b\n\n## 1.1.0\n\n- c\n"
    log = read_changelog(text, "c.md", first_line=3)
    assert [(p.subtype, p.line) for p in log.problems] == [
        (WarningType.DATE, 5),
        (WarningType.VERSION, 13),
    ]
    assert "2024-02-30" in log.problems[0].message
    assert "line 9" in log.problems[1].message
    assert log.sections[0].date is None
    assert [s.anchor for s in log.sections] == ["release-1-2-0", "release-1-1-0", "release-1-1-0-2"]


def test_anchors_stay_unique_when_a_suffix_is_taken() -> None:
    text = "# C\n\n## 1.0.0.2\n\n## 1.0.0\n\n## 1.0.0\n\n## 1.0.0\n"
    log = read_changelog(text, "c.md")
    anchors = [s.anchor for s in log.sections]
    assert anchors[0] == "release-1-0-0-2"
    assert len(set(anchors)) == len(anchors)


# --- Kinds, labels, subsections ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Added", "feature"),
        ("Changed", "change"),
        ("Deprecated", "deprecation"),
        ("Removed", "removal"),
        ("Fixed", "fix"),
        ("Security", "security"),
        ("Features", "feature"),
        ("Bug Fixes", "fix"),
        ("Bugfixes", "fix"),
        ("Improved Documentation", "documentation"),
        ("Documentation", "documentation"),
        ("Deprecations and Removals", "deprecation"),
        ("Misc", "other"),
        ("Trivial/Internal Changes", "other"),
        ("Features added", "feature"),
        ("Bugs fixed", "fix"),
        ("Incompatible changes", "change"),
        ("Backwards-incompatible Changes", "change"),
        ("Breaking changes", "change"),
        ("Dependencies", "other"),
        ("Vendored Libraries", "other"),
        ("Improvements", "feature"),
        ("Performance", "feature"),
        ("Other changes", "other"),
        ("Security fixes", "security"),
        ("Highlights", None),
        ("Contributors", "other"),
    ],
)
def test_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(name) == kind


def test_kind_table_names_only_known_kinds() -> None:
    assert {kind for _pattern, kind in GROUP_KINDS} <= set(KINDS)


def test_unknown_groups_nested_groups_and_labels() -> None:
    text = """\
# Changelog

## 2.0.0

- Straight under the release.

### Fixed

#### Parser

- Nested under a typed group.

### Highlights

- A highlight.

**Bug fixes**

- Under a bold label.

Bugfixes:

- Under a colon label.

For example:

- Prose ending with a colon is no label.

## 1.9.0

### Added
- x

## 1.8.0

- y
"""
    log = read_changelog(text, "c.md")
    assert [(i.kind, i.group) for i in log.sections[0].items] == [
        ("change", ""),
        ("fix", "Parser"),
        ("other", "Highlights"),
        ("fix", "Bug fixes"),
        ("fix", "Bugfixes"),
        ("fix", "Bugfixes"),
    ]


# --- What is not an item or a heading ---------------------------------------------------------


def test_code_comments_and_quotes_are_stepped_over() -> None:
    text = """\
# Changelog

<!--
## 9.9.9
- commented out
-->

## 2.0.0

```
## 8.8.8
- in a fence
```

> ## 7.7.7

    ## 6.6.6 (indented code)

- real

## 1.0.0

- one

## 0.9.0

- zero nine
"""
    log = read_changelog(text, "c.md")
    assert versions(log) == ["2.0.0", "1.0.0", "0.9.0"]
    assert [i.text for i in log.sections[0].items] == ["real"]


def test_rst_literal_blocks_and_comments_are_stepped_over() -> None:
    text = """\
2.0.0
=====

Example::

    1.5.0
    =====

.. comment
   - not an item

.. _2.0.0: https://github.com/o/r/compare/v1.0.0...v2.0.0

- real

1.0.0
=====

- one

0.9.0
=====

- zero nine
"""
    log = read_changelog(text, "c.rst", "rst")
    assert versions(log) == ["2.0.0", "1.0.0", "0.9.0"]
    assert [i.text for i in log.sections[0].items] == ["real"]
    assert log.sections[0].compare_url == "https://github.com/o/r/compare/v1.0.0...v2.0.0"


# --- Detection --------------------------------------------------------------------------------

BLOG_NOTE = """\
# Acme 2.0.0 is out

We are happy to announce Acme 2.0.0, our biggest release yet.

## Highlights

- Faster everything.

## Acme 2.0.0

The main release.

## Acme 1.9.5

A security fix for the old series.

## Upgrading from 1.9.0

Read the guide.

## Thanks

To everyone.
"""


def test_a_blog_note_with_version_headings_is_not_a_changelog() -> None:
    detection = detect(BLOG_NOTE)
    assert detection == Detection(level=2, headings=5, releases=2)
    assert not detection
    assert not read_changelog(BLOG_NOTE, "note.md").is_changelog


def test_an_announcement_of_two_releases_is_not_a_changelog() -> None:
    text = "# Security releases\n\n## Acme 2.0.1\n\n- fix\n\n## Acme 1.9.6\n\n- fix\n"
    assert detect(text) == Detection(level=2, headings=2, releases=2)
    assert not detect(text)


@pytest.mark.parametrize(
    ("text", "syntax"),
    [
        (KEEP_A_CHANGELOG, "markdown"),
        (TOWNCRIER_MD, "markdown"),
        (TOWNCRIER_RST, "rst"),
        (SPHINX_CHANGES, "rst"),
        (PALLETS_RST, "rst"),
    ],
)
def test_changelogs_are_detected(text: str, syntax: str) -> None:
    assert detect(text, syntax)
    assert could_be_changelog(text)  # the quick test lets every changelog through


def test_the_quick_test_turns_ordinary_notes_away() -> None:
    notes = sorted(ANNOUNCEMENTS.glob("*.md"))
    assert notes
    for path in notes:
        assert not could_be_changelog(path.read_text(encoding="utf-8")), path.name


def test_detection_rule_share_of_the_release_level() -> None:
    releases = "".join(f"## {n}.0.0\n\n- x\n\n" for n in range(3))
    assert detect("# C\n\n" + releases + "## Notes\n\n## Links\n\n")  # 3 of 5: 60%
    assert not detect("# C\n\n" + releases + "## A\n\n## B\n\n## C\n\n")  # 3 of 6
    # The subsections outnumber the releases: the release level is still the releases'.
    many = "".join(f"## {n}.0.0\n\n### Added\n\n### Fixed\n\n### Changed\n\n" for n in range(3))
    assert detect(many) == Detection(level=2, headings=3, releases=3)


def test_announcements_are_not_changelogs() -> None:
    notes = sorted(ANNOUNCEMENTS.glob("*.md"))
    assert notes
    for note in notes:
        assert not detect(note.read_text(encoding="utf-8")), note.name


def test_reading_a_file_without_release_headings() -> None:
    log = read_changelog("# Notes\n\n- a\n- b\n", "n.md")
    assert log.sections == ()
    assert log.detection == Detection()
    assert log.summary() == "0 releases"


@pytest.mark.parametrize(
    ("value", "wanted"),
    [(True, True), (False, False), ("yes", True), (" False ", False), ("maybe", None), (1, None)],
)
def test_parse_override(value: object, wanted: bool | None) -> None:
    assert parse_override(value) is wanted


def test_the_reader_imports_neither_sphinx_nor_docutils() -> None:
    code = (
        "import sys, sphinxcontrib_releases.changelog; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sphinx', 'docutils'}))"
    )
    root = Path(__file__).parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_unknown_syntax_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="syntax"):
        read_changelog("", "x", "asciidoc")


# --- Shapes of the data -----------------------------------------------------------------------


def test_json_and_pickle() -> None:
    log = read_changelog(KEEP_A_CHANGELOG, "CHANGELOG.md")
    data = json.loads(json.dumps(log.to_json()))
    assert data["changelog"] is True
    assert data["sections"][1]["release"] == "1.2.0"
    assert data["sections"][1]["date"] == "2024-01-15"
    assert data["sections"][1]["items"][0]["refs"] == ["GH-101"]
    assert pickle.loads(pickle.dumps(log)) == log
    assert hash(log.sections[1]) == hash(pickle.loads(pickle.dumps(log.sections[1])))


def test_crlf_and_bom() -> None:
    text = "\ufeff" + KEEP_A_CHANGELOG.replace("\n", "\r\n")
    assert read_changelog(text, "c.md") == read_changelog(KEEP_A_CHANGELOG, "c.md")


# --- Never raises, never hangs ----------------------------------------------------------------

EXAMPLES = int(os.environ.get("RELEASES_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "# ",
        "## ",
        "### ",
        "=====\n",
        "-----\n",
        "- ",
        "* ",
        "  - ",
        "1. ",
        "```\n",
        "::\n",
        ".. ",
        ".. _1.0.0: ",
        "<!-- ",
        "-->",
        "[",
        "]",
        "(",
        ")",
        "[1.2.0]",
        "[Unreleased]",
        "[1.2.0]: https://x/compare/a...b\n",
        "1.2.0",
        "v2.0",
        "3.0.0rc1",
        "8.0.0 beta",
        " - 2024-01-15",
        " (6th December, 2024)",
        "Aug 17, 2023",
        "2024-02-30",
        "Released ",
        "Unreleased",
        "(in development)",
        "[YANKED]",
        "codename ",
        '"',
        "Added",
        "Bug Fixes",
        "**Fixed**",
        "Fixed:",
        "#12",
        "GH-3",
        ":pr:`4`",
        "{issue}`5`",
        "`",
        "\t",
        " ",
        "Acme ",
        "Version ",
        "Release ",
    ]
)


def check(log: Changelog, text: str, first_line: int = 1) -> None:
    """What holds of every reading."""
    last = first_line + text.count("\n") + text.count("\r")
    anchors = [section.anchor for section in log.sections]
    assert len(set(anchors)) == len(anchors)
    previous_end = first_line - 1
    for section in log.sections:
        assert section.version is not None or section.unreleased
        assert previous_end < section.line <= section.end_line <= last
        assert section.line < section.body_line <= last + 1
        previous_end = section.end_line
        for item in section.items:
            assert item.kind in KINDS
            assert item.markup
            assert section.line < item.line <= section.end_line
    for problem in log.problems:
        assert problem.subtype in {member.value for member in WarningType}
        assert problem.line is not None
        assert first_line <= problem.line <= last
    json.dumps(log.to_json())
    assert pickle.loads(pickle.dumps(log)) == log


@FUZZ
@given(text=st.text(), syntax=st.sampled_from(["markdown", "rst"]))
def test_any_text(text: str, syntax: str) -> None:
    check(read_changelog(text, "fuzz", syntax), text)
    detect(text, syntax)


@FUZZ
@given(
    pieces=st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=80),
    syntax=st.sampled_from(["markdown", "rst"]),
    first_line=st.integers(min_value=1, max_value=50),
)
def test_changelog_shaped_text(pieces: list[str], syntax: str, first_line: int) -> None:
    text = "".join(pieces)
    check(read_changelog(text, "fuzz", syntax, first_line), text, first_line)
    if detect(text, syntax):  # the quick test never turns a changelog away
        assert could_be_changelog(text)


# The quick test as one regular expression, line by line: its definition, which the faster
# search for the same lines must agree with.
_QUICK_TEST_DEFINITION = re.compile(
    r"^ {0,3}#{1,6}[ \t][^\n]*?(?:[0-9]\.[0-9]|(?i:unreleased))"
    r"|^[^\n]*?(?:[0-9]\.[0-9]|(?i:unreleased))[^\n]*\n[=\-~^\"'`#*+:._]+[ \t]*$",
    re.MULTILINE,
)


def _quick_test_by_definition(text: str) -> bool:
    return len(_QUICK_TEST_DEFINITION.findall(text)) >= MIN_RELEASE_HEADINGS


@pytest.mark.parametrize(
    "text",
    [
        "# 1.0\n# 1.1\n# 1.2\n",
        "## 1.0\n\n## 1.1\n",
        "# 1.0\n1.1\n---\n1.2\n===\n",
        "1.0\n---\n1.1\n---\n",
        "# 1.0\n---\n# 1.1\n===\n",  # a heading over an adornment counts once
        "# 1.0\n---\n# 1.1\n===\n# Unreleased\n",
        "#1.0\n---\n#1.1\n---\n#1.2\n---\n",  # no ATX heading, but underlined
        "    # 1.0\n# 1.1\n# UNRELEASED\n",
        "1.0\n---\r\n1.1\n---\n1.2\n--- \n",
        "text 1.0\n-- \t\n\n\n2.0.1\n- item\n3.1\n~~~\n",
    ],
)
def test_the_quick_test_holds_to_its_definition(text: str) -> None:
    assert could_be_changelog(text) == _quick_test_by_definition(text)


@FUZZ
@given(
    pieces=st.lists(
        st.one_of(PIECES, st.sampled_from(["1.2", "unreleased", " 3.4.5 ", "\t", "\r"])),
        max_size=60,
    )
)
def test_the_quick_test_holds_to_its_definition_on_any_shape(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert could_be_changelog(text) == _quick_test_by_definition(text)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(KEEP_A_CHANGELOG)))
def test_truncated_changelogs(cut: int) -> None:
    for text, syntax in ((KEEP_A_CHANGELOG, "markdown"), (SPHINX_CHANGES, "rst")):
        part = text[: cut * len(text) // len(KEEP_A_CHANGELOG)]
        check(read_changelog(part, "cut", syntax), part)


HOSTILE = [
    "## " + "1." * 50_000,
    "## " + "[" * 50_000,
    "## [" + "1.2.0](" * 20_000,
    "## 1.2.0 " + "6th " * 30_000,
    "## 1.2.0 " + "Aug 1, " * 20_000,
    "## 1.2.0 " + "codename " * 20_000,
    "## Acme " * 20_000 + "1.2.0",
    "- " + "#1" * 50_000,
    "- " + ":pr:`" * 50_000,
    "- " + "{pr}" * 50_000,
    "- " + "GH-" * 50_000,
    "Released " + "2024-01-" * 30_000,
    "[" * 100_000 + "]:",
    "`" * 100_000,
    "1.2.0\n" + "=" * 100_000,
    "  " * 50_000 + "- x",
    "- x\n" + "  - y\n" * 20_000,
]


@pytest.mark.parametrize("syntax", ["markdown", "rst"])
@pytest.mark.parametrize("line", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_lines_finish(line: str, syntax: str) -> None:
    text = f"# C\n\n## 1.0.0\n\n{line}\n\n## 0.9.0\n\n{line}\n"
    finishes(lambda: read_changelog(text, "hostile", syntax))


@pytest.mark.parametrize("syntax", ["markdown", "rst"])
def test_many_headings_finish(syntax: str) -> None:
    same = "## 1.0.0\n\n- x\n\n" if syntax == "markdown" else "1.0.0\n=====\n\n- x\n\n"
    deep = "".join(f"{'#' * (n % 6 + 1)} {n}.0.0\n" for n in range(10_000))
    found: list[Changelog] = []
    finishes(lambda: found.extend(read_changelog(t, "many", syntax) for t in (same * 10_000, deep)))
    for log in found:
        anchors = [section.anchor for section in log.sections]
        assert len(set(anchors)) == len(anchors)
    assert len(found[0].sections) == 10_000


def big_changelog(size: int = 2_000_000, sections: int = 400) -> str:
    """A Keep a Changelog file of ``size`` characters with ``sections`` releases."""
    kinds = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
    per = size // sections
    parts = ["# Changelog\n\n## [Unreleased]\n\n- Pending (#1)\n\n"]
    links = []
    for n in range(sections):
        version = f"{n // 100}.{n // 10 % 10}.{n % 10}"
        parts.append(f"## [{version}] - 2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n\n")
        written, k = 0, 0
        while written < per:
            parts.append(f"### {kinds[k % len(kinds)]}\n\n")
            for j in range(6):
                item = (
                    f"- Item {j} of {version} with `code` and a [link](https://example.com/{j})"
                    f" fixes #{n * 10 + j}, {{pr}}`{j}`\n  and goes on on a second line.\n"
                )
                if j % 3 == 0:
                    item += "  - a nested item with **bold**\n"
                parts.append(item)
                written += len(item)
            parts.append("\n")
            k += 1
        links.append(f"[{version}]: https://github.com/o/r/compare/v{version}...HEAD\n")
    return "".join(parts) + "\n" + "".join(links)


def test_a_big_changelog_finishes() -> None:
    text = big_changelog()
    assert len(text) >= 2_000_000
    found: list[Changelog] = []
    started = time.perf_counter()
    finishes(lambda: found.append(read_changelog(text, "big.md")))
    elapsed = time.perf_counter() - started
    log = found[0]
    assert log.is_changelog
    assert log.counts()["releases"] == 400
    assert all(section.compare_url for section in log.releases)
    print(f"read {len(text)} characters, {len(log.sections)} sections in {elapsed:.3f} s")


def test_docs_changelog_page_is_not_a_changelog() -> None:
    """The project's own changelog page is a toctree of notes, not a changelog file."""
    page = Path(__file__).parents[1] / "docs" / "changelog.md"
    assert not detect(page.read_text(encoding="utf-8"))
