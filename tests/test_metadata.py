"""Where a note's facts come from: TOML and YAML front matter and their key aliases, reST
fields, dates in paths and under titles, the order of those sources, which syntax a ``.txt``
note is written in, what a Sphinx parser gets to read of a note page, and provenance."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases import sources
from sphinxcontrib_releases.model import Announcement
from sphinxcontrib_releases.reader import (
    NoteCache,
    ReaderOptions,
    read_note,
    read_text,
    syntax_of,
)

D = dt.date


def md(text: str, source: str = "notes/note.md", **options: object) -> Announcement:
    return read_text(text, source, options=ReaderOptions(**options))  # type: ignore[arg-type]


def rst(text: str, source: str = "notes/note.rst") -> Announcement:
    return read_text(text, source, syntax="rst")


def origins(note: Announcement) -> dict[str, str]:
    return dict(note.origins)


def problems(note: Announcement) -> list[tuple[str, int | None]]:
    return [(str(problem.subtype), problem.line) for problem in note.problems]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the shapes of real collections ----------------------------------------------------------------

BLOG_TOML = """\
+++
path = "2031/11/04/Lantern-2.7.0"
title = "Announcing Lantern 2.7.0"
authors = ["The Lantern Release Team"]
aliases = ["2031/11/04/Lantern-2.7.0.html"]
description = "Faster cold starts and a calmer scheduler."

[extra]
release = true
+++

The Lantern team is glad to ship a new version of Lantern, 2.7.0. If an earlier
version is installed through the updater, getting 2.7.0 is as easy as running the
update command again.

## Highlights

- Cold starts no longer walk the whole plugin folder.
- The scheduler stops waking idle workers every second.

The 2.6.0 release on October 21, 2031 had a regression in the updater.
"""

BLOG_TOML_TABLES = """\
+++
path = "2032/02/19/lantern-survey"
title = "What the Lantern survey told us"

[[authors]]
name = "Ines Sample"
url = "https://example.org/ines"

[[authors]]
name = "Otto Example"

[taxonomies]
tags = ["survey", "community"]
+++

Four thousand of you answered the yearly survey this winter. Thank you.
"""

PER_RELEASE_RST = """\
============================
Lantern 2.7.1 release notes
============================

*December 2, 2031*

Lantern 2.7.1 fixes a crash in the updater and two regressions in 2.7.0.

Bugfixes
========

* The updater no longer crashes on a read-only plugin folder (released in
  2.7.0 on November 4, 2031).
* Idle workers are woken again when a task is queued from a signal handler.
"""

YAML_BLOG = """\
---
title: Lantern 2.8.0 beta 1 is out
pubDate: 2032-03-14
authors:
  - name: Ines Sample
    email: ines@example.org
  - name: Otto Example
tags: [beta]
---

The first beta of the 2.8 series is ready for testing.
"""


def test_toml_blog_post_with_its_date_only_in_the_path_key() -> None:
    note = md(BLOG_TOML, "content/Lantern-2.7.0.md")
    assert note.problems == ()
    assert note.title == "Announcing Lantern 2.7.0"
    assert note.date == D(2031, 11, 4)
    assert note.author == "The Lantern Release Team"
    assert note.description == "Faster cold starts and a calmer scheduler."
    assert [r.version for r in note.releases] == ["2.7.0"]
    assert origins(note) == {
        "title": "front matter",
        "date": "front matter path",
        "author": "front matter",
    }
    assert note.body_line == 11
    assert note.body.startswith("\nThe Lantern team")
    assert [f.line for f in note.features] == [18, 19]
    # keys the reader does not interpret are kept, tables included
    assert [key for key, _ in note.extra] == ["path", "aliases", "extra"]
    assert dict(note.extra)["extra"] == {"release": True}


def test_toml_arrays_of_author_tables_and_taxonomy_tags() -> None:
    note = md(BLOG_TOML_TABLES, "content/lantern-survey.md")
    assert note.problems == ()
    assert note.author == "Ines Sample, Otto Example"
    assert note.tags == ("survey", "community")
    assert note.date == D(2032, 2, 19)
    assert not note.announces


def test_yaml_author_mappings_and_pub_date() -> None:
    note = md(YAML_BLOG)
    assert note.problems == ()
    assert note.author == "Ines Sample, Otto Example"
    assert note.date == D(2032, 3, 14)
    assert origins(note)["date"] == "front matter"


def test_per_release_rest_note_with_its_date_under_the_title() -> None:
    note = read_text(PER_RELEASE_RST, "docs/releases/2.7.1.txt", syntax=None)
    assert note.syntax == "rst"
    assert note.problems == ()
    assert note.title == "Lantern 2.7.1 release notes"
    assert note.date == D(2031, 12, 2)  # not the date deep in the prose
    assert origins(note) == {"title": "heading", "date": "date line"}
    assert [f.text[:15] for f in note.features] == []  # "Bugfixes" is no feature heading


def test_toml_dates_and_datetimes() -> None:
    note = md(
        '+++\ntitle = "Lantern 2.7.2"\ndate = 2031-12-20T09:30:00Z\nupdated = 2031-12-21\n+++\n'
    )
    assert note.date == D(2031, 12, 20)
    assert note.updated == D(2031, 12, 21)
    assert origins(note) == {
        "title": "front matter",
        "date": "front matter",
        "updated": "front matter",
    }


def test_toml_version_numbers_keep_their_digits() -> None:
    note = md('+++\ntitle = "Lantern news"\nversion = 3.10\nweight = 1.5\n+++\n\nText.\n')
    assert [r.version for r in note.releases] == ["3.10.0"]
    assert dict(note.extra)["weight"] == 1.5


# -- TOML problems ---------------------------------------------------------------------------------


def test_toml_error_is_a_located_front_matter_problem() -> None:
    note = md('+++\ntitle = "Lantern 2.7.0"\ndate = \n+++\n\nBody.\n')
    assert not note.readable
    assert problems(note) == [("front_matter", 3)]
    assert note.problems[0].message.startswith("front matter is not TOML: Invalid value")
    assert note.problems[0].message.endswith("; note skipped")


def test_toml_error_at_the_end_points_at_the_last_line_of_the_block() -> None:
    note = md('+++\ntitle = "Lantern 2.7.0\n\n+++\n')
    assert problems(note) == [("front_matter", 2)]
    assert note.problems[0].message.startswith("front matter is not TOML: ")


def test_unclosed_toml_front_matter() -> None:
    note = md('+++\ntitle = "Lantern 2.7.0"\n\nBody.\n')
    assert not note.readable
    assert problems(note) == [("front_matter", 1)]
    assert "'+++' is never closed" in note.problems[0].message


def test_toml_value_problems_point_at_their_key() -> None:
    note = md(
        '+++\ntitle = "Lantern"\n\n[extra]\nx = 1\n\n[[authors]]\nemail = "a@example.org"\n+++\n'
    )
    assert problems(note) == [("field", 7)]


def test_plus_signs_inside_a_body_are_not_front_matter() -> None:
    note = md("# Lantern 2.7.0\n\n+++\n\ntitle = 'no'\n\n+++\n")
    assert note.title == "Lantern 2.7.0"
    assert note.extra == ()


# -- key aliases -----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["date", "publishDate", "pubDate", "published", "created", "Date"])
def test_date_keys(key: str) -> None:
    note = md(f"---\ntitle: Lantern 2.7.0\n{key}: 2031-11-04\n---\nBody.\n")
    assert note.date == D(2031, 11, 4)
    assert note.published
    assert note.extra == ()


@pytest.mark.parametrize("key", ["updatedDate", "updated", "lastmod", "modified"])
def test_updated_keys(key: str) -> None:
    note = md(f"---\ntitle: Lantern 2.7.0\n{key}: 2031-11-05\n---\nBody.\n")
    assert note.updated == D(2031, 11, 5)
    assert note.extra == ()


def test_first_present_key_wins() -> None:
    note = md(
        "---\ncreated: 2031-01-01\npubDate: 2031-02-02\nlastmod: 2031-03-03\n"
        "modified: 2031-04-04\n---\nBody.\n"
    )
    assert (note.date, note.updated) == (D(2031, 2, 2), D(2031, 3, 3))


def test_published_is_a_flag_unless_it_is_a_date() -> None:
    flag = md("---\npublished: true\ncreated: 2031-05-05\n---\nBody.\n")
    assert (flag.published, flag.date) == (True, D(2031, 5, 5))
    unpublished = md("---\npublished: false\n---\nBody.\n")
    assert unpublished.published is False
    dated = md("---\npublished: 2031-05-06\n---\nBody.\n")
    assert (dated.published, dated.date, dated.problems) == (True, D(2031, 5, 6), ())
    text_date = md("---\npublished: 'May 7, 2031'\n---\nBody.\n")
    assert (text_date.published, text_date.date, text_date.problems) == (True, D(2031, 5, 7), ())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("'Dec 28, 2031'", D(2031, 12, 28)),
        ("'Sun, 28 Dec 2031 10:00:00 +0000'", D(2031, 12, 28)),
        ("'Jul 08 2031'", D(2031, 7, 8)),
        ("2031-12-28 10:00:00 +0100", D(2031, 12, 28)),
    ],
)
def test_front_matter_dates_as_people_write_them(value: str, expected: dt.date) -> None:
    note = md(f"---\ndate: {value}\n---\nBody.\n")
    assert note.date == expected
    assert note.problems == ()


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ("author: Ines Sample", "Ines Sample"),
        ("authors: Ines Sample and Otto Example", "Ines Sample and Otto Example"),
        ("authors: [Ines Sample, Otto Example]", "Ines Sample, Otto Example"),
        (
            "authors: [{name: Ines Sample}, {name: Otto Example, url: x}]",
            "Ines Sample, Otto Example",
        ),
        ("author: {name: Ines Sample, email: ines@example.org}", "Ines Sample"),
    ],
)
def test_author_shapes(authors: str, expected: str) -> None:
    note = md(f"---\n{authors}\n---\nBody.\n")
    assert note.author == expected
    assert note.problems == ()


def test_an_author_mapping_without_a_name_warns() -> None:
    note = md("---\ntitle: x\nauthors: [{email: ines@example.org}, Otto Example]\n---\nBody.\n")
    assert note.author == "Otto Example"
    assert problems(note) == [("field", 3)]


def test_rest_fields_in_any_letter_case() -> None:
    note = rst(":Date: 2031-11-04\n:Author: Ines Sample\n\nLantern 2.7.0\n=============\n\nText.\n")
    assert (note.date, note.author, note.extra) == (D(2031, 11, 4), "Ines Sample", ())


def test_rest_fields_with_dates_as_people_write_them() -> None:
    note = rst(
        "Lantern 2.7.0\n=============\n\n:date: November 4, 2031\n:authors: Ines Sample\n\nText.\n"
    )
    assert (note.date, note.author) == (D(2031, 11, 4), "Ines Sample")


# -- a project's own keys --------------------------------------------------------------------------


def test_project_keys_map_to_the_readers_own() -> None:
    keys = (("release_date", "date"), ("writers", "author"), ("headline", "title"))
    note = md(
        "---\nheadline: Lantern 2.7.0 is out\nrelease_date: 2031-11-04\n"
        "writers: [Ines Sample]\ndate: 2030-01-01\nother: 1\n---\nBody.\n",
        front_matter_keys=keys,
    )
    assert note.title == "Lantern 2.7.0 is out"
    assert note.date == D(2031, 11, 4)  # the project's key is tried first
    assert note.author == "Ines Sample"
    assert [r.version for r in note.releases] == ["2.7.0"]
    assert [key for key, _ in note.extra] == ["other"]


def test_project_keys_warn_on_their_own_line() -> None:
    note = md(
        "---\ntitle: x\nrelease_date: someday\n---\nBody.\n",
        front_matter_keys=(("release_date", "date"),),
    )
    assert problems(note) == [("date", 3)]
    assert note.problems[0].message == "'release_date' is not a date: 'someday'"


def test_project_keys_are_part_of_the_cache_key(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\nwhen: 2031-11-04\n---\nBody.\n")
    cache = NoteCache()
    assert cache.read(path).date is None
    mapped = ReaderOptions(front_matter_keys=(("when", "date"),))
    assert cache.read(path, mapped).date == D(2031, 11, 4)


# -- dates in paths --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "_posts/2031-11-04-lantern-2-7-0.md",
        "blog/2031/11/04/lantern-2-7-0.md",
        "blog/2031-11-04-lantern-2-7-0/index.md",
    ],
)
def test_date_in_the_file_path(source: str) -> None:
    note = md("---\ntitle: Lantern 2.7.0 is out\n---\n\nThe new version is here.\n", source)
    assert note.date == D(2031, 11, 4)
    assert origins(note)["date"] == "path"


@pytest.mark.parametrize("key", ["path", "url", "slug", "permalink", "aliases"])
def test_date_in_a_front_matter_path(key: str) -> None:
    value = (
        '["/old/page.html", "/2031/11/04/lantern/"]'
        if key == "aliases"
        else '"/2031/11/04/lantern/"'
    )
    note = md(f"+++\ntitle = 'Lantern'\n{key} = {value}\n+++\n\nText.\n", "content/lantern.md")
    assert note.date == D(2031, 11, 4)
    assert origins(note)["date"] == "front matter path"


def test_date_in_a_rest_notes_path() -> None:
    note = rst("Lantern 2.7.0\n=============\n\nText.\n", "news/2031-11-04-lantern.rst")
    assert (note.date, origins(note)["date"]) == (D(2031, 11, 4), "path")


def test_impossible_path_dates_are_not_dates() -> None:
    note = md("# Lantern\n\nText.\n", "_posts/2031-02-30-lantern.md")
    assert note.date is None
    assert "date" not in origins(note)


# -- date lines under the title --------------------------------------------------------------------

DATE_LINES = [
    "*April 3, 2031*",
    "April 3, 2031.",
    "3 April 2031",
    "2031-04-03",
    "Released: April 3, 2031",
    "(released Apr 3, 2031)",
    "**Release date:** April 3, 2031",
    "Apr. 3, 2031",
    "April 3rd, 2031",
]


@pytest.mark.parametrize("line", DATE_LINES)
def test_date_line_under_a_rest_title(line: str) -> None:
    note = rst(f"Lantern 2.9.0 release notes\n===========================\n\n{line}\n\nText.\n")
    assert note.date == D(2031, 4, 3)
    assert origins(note)["date"] == "date line"


@pytest.mark.parametrize("line", DATE_LINES)
def test_date_line_under_a_markdown_heading(line: str) -> None:
    note = md(f"# Lantern 2.9.0 release notes\n\n{line}\n\nText.\n")
    assert note.date == D(2031, 4, 3)
    assert origins(note)["date"] == "date line"


def test_date_line_under_an_overlined_title_after_a_target() -> None:
    note = rst(
        ".. _release-2.9.0:\n\n===========================\nLantern 2.9.0 release notes\n"
        "===========================\n\n*April 3, 2031*\n\nText.\n"
    )
    assert note.date == D(2031, 4, 3)


def test_date_line_at_the_top_of_a_body_under_a_front_matter_title() -> None:
    note = md("---\ntitle: Lantern 2.9.0\n---\n\n_Posted on April 3, 2031_\n\nText.\n")
    assert (note.date, origins(note)["date"]) == (D(2031, 4, 3), "date line")


def test_date_line_after_a_rest_docinfo_without_a_date() -> None:
    note = rst("Lantern 2.9.0\n=============\n\n:author: Ines Sample\n\n*April 3, 2031*\n\nText.\n")
    assert (note.date, note.author) == (D(2031, 4, 3), "Ines Sample")


def test_second_line_of_the_opening_may_be_the_date() -> None:
    note = md("# Lantern 2.9.0\n\nby the release team\nReleased: April 3, 2031\n\nText.\n")
    assert note.date == D(2031, 4, 3)


@pytest.mark.parametrize(
    "body",
    [
        # a date in the prose further down is not the note's date
        "Lantern 2.9.0\n=============\n\nThis release follows 2.8.0.\n\n*April 3, 2031*\n",
        "Lantern 2.9.0\n=============\n\nThe freeze began on April 3, 2031.\n",
        "Lantern 2.9.0\n=============\n\nA\nB\nApril 3, 2031\n",
        "Lantern 2.9.0\n=============\n\n\n\n\n*April 3, 2031*\n",
        "Lantern 2.9.0\n=============\n\n*Expected April 2031*\n",
        "Lantern 2.9.0\n=============\n\n*February 30, 2031*\n",
    ],
)
def test_no_date_line(body: str) -> None:
    note = rst(body)
    assert note.date is None
    assert note.problems == ()


# -- the order of the sources ----------------------------------------------------------------------


def test_front_matter_beats_path_beats_date_line() -> None:
    body = "# Lantern 2.9.0\n\n*March 1, 2031*\n\nText.\n"
    dated = md("---\ndate: 2031-01-01\n---\n" + body, "_posts/2031-02-01-lantern.md")
    assert (dated.date, origins(dated)["date"]) == (D(2031, 1, 1), "front matter")
    pathed = md(body, "_posts/2031-02-01-lantern.md")
    assert (pathed.date, origins(pathed)["date"]) == (D(2031, 2, 1), "path")
    lined = md(body, "posts/lantern.md")
    assert (lined.date, origins(lined)["date"]) == (D(2031, 3, 1), "date line")


def test_the_order_in_rest() -> None:
    body = "Lantern 2.9.0\n=============\n\n*March 1, 2031*\n\nText.\n"
    assert rst(":date: 2031-01-01\n\n" + body, "2031-02-01-x.rst").date == D(2031, 1, 1)
    assert rst(body, "2031-02-01-x.rst").date == D(2031, 2, 1)
    assert rst(body, "x.rst").date == D(2031, 3, 1)


def test_file_path_beats_front_matter_path() -> None:
    note = md("+++\npath = '2031/02/02/x'\n+++\n", "content/2031-01-01-x.md")
    assert (note.date, origins(note)["date"]) == (D(2031, 1, 1), "path")


def test_a_bad_front_matter_date_warns_and_the_next_source_speaks() -> None:
    note = md("---\ndate: someday\n---\n\n# Lantern\n", "_posts/2031-01-01-x.md")
    assert problems(note) == [("date", 2)]
    assert (note.date, origins(note)["date"]) == (D(2031, 1, 1), "path")


def test_the_order_is_written_once_as_data() -> None:
    assert [origin for origin, _ in sources.SOURCES["date"]] == [
        "front matter",
        "path",
        "front matter path",
        "date line",
    ]
    assert [origin for origin, _ in sources.SOURCES["title"]] == ["front matter", "heading"]


def test_find_facts_on_its_own() -> None:
    opening = sources.Opening(
        source="x/2031-05-06-y.md", body="# T\n\n*May 7, 2031*\n", heading="T", stated={}
    )
    found = sources.find_facts(opening)
    assert found["date"] == sources.Found(D(2031, 5, 6), "path")
    assert found["title"] == sources.Found("T", "heading")
    assert "author" not in found


# -- provenance ------------------------------------------------------------------------------------


def test_origins_pickle_and_compare() -> None:
    note = md(BLOG_TOML, "content/Lantern-2.7.0.md")
    again = pickle.loads(pickle.dumps(note))
    assert again == note
    assert again.origins == note.origins
    assert note.to_json()["origins"] == {
        "title": "front matter",
        "date": "front matter path",
        "author": "front matter",
    }


def test_a_note_without_facts_has_no_origins() -> None:
    note = md("Just a line.\n", "x.md")
    assert note.origins == ()
    assert note.to_json()["origins"] == {}


# -- the syntax of a note --------------------------------------------------------------------------


def test_syntax_by_suffix_mapping_and_opening(tmp_path: Path) -> None:
    assert syntax_of("a.md") == "markdown"
    assert syntax_of("a.RST") == "rst"
    assert syntax_of("a.txt") is None  # the opening decides
    assert syntax_of("a.mdx") == "markdown"
    mapped = ReaderOptions(syntaxes=((".txt", "rst"), (".md", "markdown")))
    assert syntax_of("notes/a.TXT", mapped) == "rst"
    rest_txt = write(tmp_path / "2.7.1.txt", PER_RELEASE_RST)
    markdown_txt = write(tmp_path / "2.8.0b1.txt", YAML_BLOG)
    assert read_note(rest_txt).syntax == "rst"
    assert read_note(markdown_txt).syntax == "markdown"
    assert read_note(rest_txt, syntax="markdown").syntax == "markdown"
    forced = ReaderOptions(syntaxes=((".txt", "markdown"),))
    assert read_note(rest_txt, forced).syntax == "markdown"
    assert NoteCache().read(rest_txt).syntax == "rst"


@settings(max_examples=80, deadline=None)
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    'title = "x"',
                    "date = 2031-11-04",
                    "[extra]",
                    "[[authors]]",
                    'name = "a"',
                    "x = [1,",
                    "]",
                    '"""',
                    "a.b = 1",
                    "+++",
                    "= 1",
                    "tags = ['a']",
                    "version = 3.10",
                ]
            ),
            st.text(max_size=20).map(lambda t: t.replace("\n", " ")),
        ),
        max_size=12,
    ),
    body=st.text(max_size=60),
)
def test_any_toml_front_matter(lines: list[str], body: str) -> None:
    text = "+++\n" + "\n".join(lines) + "\n+++\n" + body
    note = md(text)
    json.dumps(note.to_json())
    pickle.dumps(note)
    for problem in note.problems:
        assert problem.line is not None
        assert 1 <= problem.line <= text.count("\n") + 1


# -- the command line ------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_releases", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=Path(__file__).parents[1],
    )


def test_cli_shows_where_facts_came_from(tmp_path: Path) -> None:
    toml = write(tmp_path / "content" / "Lantern-2.7.0.md", BLOG_TOML)
    rest = write(tmp_path / "releases" / "2.7.1.txt", PER_RELEASE_RST)
    result = run_cli("inspect", str(toml), str(rest))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "  title:    Announcing Lantern 2.7.0 (front matter)\n" in result.stdout
    assert "  date:     2031-11-04 (front matter path)\n" in result.stdout
    assert "  author:   The Lantern Release Team (front matter)\n" in result.stdout
    assert "  date:     2031-12-02 (date line)\n" in result.stdout
    assert "  title:    Lantern 2.7.1 release notes (heading)\n" in result.stdout
    data = json.loads(run_cli("inspect", "--json", str(rest)).stdout)
    assert data[0]["origins"] == {"title": "heading", "date": "date line"}


def test_cli_syntax_option(tmp_path: Path) -> None:
    rest = write(tmp_path / "2.7.1.txt", PER_RELEASE_RST)
    as_markdown = json.loads(run_cli("inspect", "--json", "--syntax", "markdown", str(rest)).stdout)
    as_rest = json.loads(run_cli("inspect", "--json", "--syntax", "rst", str(rest)).stdout)
    assert as_rest[0]["title"] == "Lantern 2.7.1 release notes"
    assert as_markdown[0]["title"] == ""  # no "#" heading: Markdown sees none
    # read as reST, the note has its title; its date stands under it either way
    check = run_cli("check", "--syntax", "rst", str(rest))
    assert check.stdout.endswith("dated 2031-12-02, which is in the future\n")
    bad = run_cli("check", "--syntax", "html", str(rest))
    assert bad.returncode == 2
