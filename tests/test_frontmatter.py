"""Splitting a note into metadata and body: TOML front matter, a reST field list after the
title, what a Sphinx parser gets to read of a note page, and which syntax a ``.txt`` note is
written in. Only :mod:`sphinxcontrib_releases.frontmatter`; the reader's use of it is tested in
``test_metadata.py``."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases import frontmatter
from sphinxcontrib_releases.frontmatter import MAX_YAML_DEPTH, looks_like_rst, page_text, split
from sphinxcontrib_releases.model import Problem

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

The Lantern team is glad to ship a new version of Lantern, 2.7.0.

## Highlights

- Cold starts no longer walk the whole plugin folder.
"""

PER_RELEASE_RST = """\
============================
Lantern 2.7.1 release notes
============================

*December 2, 2031*

Lantern 2.7.1 fixes a crash in the updater.
"""


def problems(text: str) -> list[tuple[str, int | None]]:
    return [(str(p.subtype), p.line) for p in split(text, "markdown").problems]


# -- TOML ------------------------------------------------------------------------------------------


def test_toml_front_matter() -> None:
    header = split(BLOG_TOML, "markdown")
    assert header.usable
    assert header.problems == []
    assert (header.kind, header.metadata_lines, header.body_line) == ("toml", (0, 10), 11)
    assert header.fields == {
        "path": "2031/11/04/Lantern-2.7.0",
        "title": "Announcing Lantern 2.7.0",
        "authors": ["The Lantern Release Team"],
        "aliases": ["2031/11/04/Lantern-2.7.0.html"],
        "description": "Faster cold starts and a calmer scheduler.",
        "extra": {"release": True},
    }
    assert header.lines == {
        "path": 2,
        "title": 3,
        "authors": 4,
        "aliases": 5,
        "description": 6,
        "extra": 8,
    }
    assert header.body.startswith("\nThe Lantern team")
    assert header.title is None  # the body opens with a paragraph, not a heading


def test_toml_key_lines_skip_keys_inside_tables() -> None:
    header = split(
        '+++\n"quoted key" = 1\n[[authors]]\nname = "a"\ntitle = "inner"\n'
        "[[authors]]\nname = 'b'\n[taxonomies]\ntags = ['x']\n+++\n",
        "markdown",
    )
    assert header.lines == {"quoted key": 2, "authors": 3, "taxonomies": 8}
    assert header.fields["authors"] == [{"name": "a", "title": "inner"}, {"name": "b"}]


def test_toml_versions_keep_their_digits_and_other_numbers_stay_numbers() -> None:
    header = split("+++\nversion = 3.10\nversions = [3.10, '3.9']\nweight = 1.5\n+++\n", "markdown")
    assert header.fields == {"version": "3.10", "versions": ["3.10", "3.9"], "weight": 1.5}


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ('+++\ntitle = "x"\ndate = \nx = 1\n+++\n', 3, "Invalid value"),
        ('+++\ntitle = "x\n\n+++\n', 2, ""),  # at the end: the block's last written line
        ("+++\na = 1\na = 2\n+++\n", 3, "Cannot overwrite a value"),
        ("+++\n+++\n", None, None),  # empty: fine
    ],
)
def test_toml_errors_are_located(text: str, line: int | None, reason: str | None) -> None:
    header = split(text, "markdown")
    if line is None:
        assert header.usable and header.problems == []
        return
    assert not header.usable
    assert problems(text) == [("front_matter", line)]
    message = header.problems[0].message
    assert message.startswith(f"front matter is not TOML: {reason}")
    assert message.endswith("; note skipped")
    assert "(at line" not in message


@pytest.mark.parametrize("depth", [50, 990, 100_000])
def test_deeply_nested_toml_is_refused(depth: int) -> None:
    text = "+++\na = " + "[" * depth + "]" * depth + "\n+++\n"
    header = split(text, "markdown")
    assert not header.usable
    assert problems(text) == [("front_matter", 2)]
    assert "nests deeper than 50 levels" in header.problems[0].message


def test_nesting_within_the_limit_is_fine() -> None:
    assert split("+++\na = " + "[" * 49 + "]" * 49 + "\n+++\n", "markdown").usable


def test_unclosed_toml() -> None:
    header = split('+++\ntitle = "x"\n\nBody.\n', "markdown")
    assert not header.usable
    assert problems('+++\ntitle = "x"\n\nBody.\n') == [("front_matter", 1)]


def test_toml_is_front_matter_only_on_the_first_line() -> None:
    header = split("\n+++\ntitle = 'x'\n+++\n", "markdown")
    assert header.kind == "" and header.fields == {}


# -- reST field lists ------------------------------------------------------------------------------


def test_rest_field_list_after_the_title_is_not_left_in_the_body() -> None:
    header = split(
        "Lantern 2.9.0\n=============\n\n:date: 2031-04-03\n:author: Ines Sample\n\nText.\n", "rst"
    )
    assert header.fields == {"date": "2031-04-03", "author": "Ines Sample"}
    assert (header.kind, header.metadata_lines) == ("docinfo", (3, 5))
    assert ":date:" not in header.body
    assert header.body_line == 6
    assert header.body.split("\n")[1] == "Text."


def test_rest_field_list_before_the_title_stays_where_docutils_reads_it() -> None:
    header = split(":date: 2031-04-03\n\nLantern\n=======\n\nText.\n", "rst")
    assert (header.kind, header.metadata_lines, header.body_line) == ("fields", (0, 1), 2)
    assert header.title == "Lantern"


# -- what a Sphinx parser reads of a note page -----------------------------------------------------


# -- what a Sphinx parser reads of a note page -----------------------------------------------------


def test_page_text_turns_toml_into_yaml_of_the_same_length() -> None:
    text = page_text(BLOG_TOML, "markdown")
    assert text is not None
    assert text.count("\n") == BLOG_TOML.count("\n")
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    assert end < 10
    assert yaml.safe_load("\n".join(lines[1:end])) == {
        "path": "2031/11/04/Lantern-2.7.0",
        "title": "Announcing Lantern 2.7.0",
        "authors": ["The Lantern Release Team"],
        "aliases": ["2031/11/04/Lantern-2.7.0.html"],
        "description": "Faster cold starts and a calmer scheduler.",
        "extra": {"release": True},
    }
    assert lines[10:] == BLOG_TOML.split("\n")[10:]
    assert "path =" not in text


def test_page_text_of_toml_with_dates_and_awkward_text() -> None:
    source = '+++\ntitle = "A \\u2028 line\\u0085 break"\ndate = 2031-11-04T10:00:00Z\n+++\nBody.\n'
    text = page_text(source, "markdown")
    assert text is not None
    loaded = yaml.safe_load(text.split("---")[1])
    assert loaded == {"title": "A \u2028 line\u0085 break", "date": "2031-11-04 10:00:00+00:00"}


def test_page_text_blanks_a_rest_field_list_after_the_title() -> None:
    source = "Lantern 2.9.0\n=============\n\n:date: 2031-04-03\n:author: Ines Sample\n\nText.\n"
    assert page_text(source, "rst") == "Lantern 2.9.0\n=============\n\n\n\n\nText.\n"


@pytest.mark.parametrize(
    ("source", "syntax"),
    [
        ("---\ntitle: x\n---\nBody.\n", "markdown"),  # MyST reads YAML itself
        ("# Lantern\n\nBody.\n", "markdown"),
        (":date: 2031-04-03\n\nLantern\n=======\n", "rst"),  # docutils' own docinfo
        (PER_RELEASE_RST, "rst"),
    ],
)
def test_page_text_leaves_what_the_parser_handles(source: str, syntax: str) -> None:
    assert page_text(source, syntax) is None


def test_page_text_of_broken_toml_hides_the_block() -> None:
    assert page_text("+++\ntitle = \n+++\nBody.\n", "markdown") == "\n\n\nBody.\n"


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
                    "version = 3.10",
                    "\u2028",
                ]
            ),
            st.text(max_size=20).map(lambda t: t.replace("\n", " ")),
        ),
        max_size=12,
    ),
    body=st.text(max_size=60),
)
def test_page_text_of_any_toml_keeps_every_line_and_is_yaml(lines: list[str], body: str) -> None:
    text = "+++\n" + "\n".join(lines) + "\n+++\n" + body
    header = split(text, "markdown")
    for problem in header.problems:
        assert problem.line is not None
        assert 1 <= problem.line <= text.count("\n") + 1
    page = page_text(text, "markdown")
    if page is None:
        return
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    assert page.count("\n") == normal.count("\n")
    if header.kind == "toml" and header.usable:
        block = page.split("\n")[: header.metadata_lines[1]]
        assert block[0] == "---"
        loaded = yaml.safe_load("\n".join(block[1 : block.index("---", 1)]))
        assert list(loaded or {}) == list(header.fields)


# -- which syntax a .txt note is written in --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PER_RELEASE_RST, True),
        ("Lantern 2.9.0 release notes\n===========================\n\nText.\n", True),
        (".. _label:\n\nLantern 2.9.0\n-------------\n", True),
        (":date: 2031-04-03\n:author: Ines Sample\n\nLantern\n=======\n", True),
        ("---\ntitle: Lantern 2.9.0\ndate: 2031-04-03\n---\n\nText.\n", False),
        ("---\ntitle: Lantern 2.9.0 release notes\n---\n\nText.\n", False),
        ("+++\ntitle = 'Lantern'\n+++\n", False),
        ("# Lantern 2.9.0\n\nText.\n", False),
        ("Lantern 2.9.0 release notes\n====\n", False),  # underline too short for reST
        ("Some plain words.\n", False),
        ("", False),
    ],
)
def test_looks_like_rst(text: str, expected: bool) -> None:
    assert looks_like_rst(text) is expected


# -- YAML within the limits, shown without a walk of its events ------------------------------

YAML_PIECES = st.sampled_from(
    [
        "a",
        "title",
        "b: ",
        "- ",
        "? ",
        ": ",
        ":",
        "-",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "\n",
        "  ",
        "\t",
        "'x'",
        '"y\\n"',
        "!!str ",
        "!!int ",
        "!!map ",
        "&a ",
        "*a",
        "--- ",
        "...",
        "%YAML 1.1",
        " # c",
        "|\n",
        ">-\n",
        "2023-02-30",
        "2024-01-02",
        "version: 3.10",
        "versions: [3.10, !!int x]",
        "<<: ",
        "=: ",
        "[a]: ",
        "- 2024-01-02",
        "!!binary aGk=",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(YAML_PIECES, max_size=40))
def test_yaml_shown_within_the_limits_reads_as_the_walk_would(pieces: list[str]) -> None:
    source = "".join(pieces)
    quick: list[Problem] = []
    walked: list[Problem] = []
    fields = frontmatter._load_yaml(source, quick)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frontmatter, "_within_limits", lambda _source: False)
        expected = frontmatter._load_yaml(source, walked)
        unfit = frontmatter._unfit_entries(source)
    assert (repr(fields), quick) == (repr(expected), walked)
    assert frontmatter._unfit_entries(source) == unfit


def test_yaml_within_the_limits() -> None:
    plain = "title: Lantern 2.7.0\ndate: 2031-11-04\ntags: [release, lantern]\n"
    assert frontmatter._within_limits(plain)
    assert frontmatter._walk(plain) is None
    for source in (
        plain + "x: &a 1\n",  # an anchor
        plain + "y: *a\n",  # an alias
        plain + "z: " + "[" * MAX_YAML_DEPTH + "]" * MAX_YAML_DEPTH,  # may nest too deeply
        plain + "w: " + "x" * 2_000,  # long enough to hold more values than allowed
        plain + "--- other document\n",
        "%YAML 1.1\n" + plain,
    ):
        assert not frontmatter._within_limits(source), source


# -- MyST's copy of the front matter, from the reader's reading of it ------------------------


@settings(max_examples=500, deadline=None)
@given(st.lists(YAML_PIECES, max_size=40))
def test_myst_entries_from_the_reading_are_those_built_again(pieces: list[str]) -> None:
    source = "".join(pieces)
    frontmatter._READ_ENTRIES.clear()
    frontmatter._load_yaml(source, [])
    remembered = frontmatter._unfit_entries(source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frontmatter, "_READ_ENTRIES", {})
        assert remembered == frontmatter._unfit_entries(source)


@pytest.mark.parametrize(
    "source",
    [
        "title: Lantern\ndate: 2044-02-30\nauthor: I",
        "d: [2044-01-01,\n  2044-01-02]\na: 1",
        "b: !!bool maybe\nc: !!binary aGk=\nd: !!set {a: null}\ne: {when: 2044-09-01}",
        "[a, b]: payload\nversion: !!int many\nversions: [3.10, 2044-01-01]",
        "b: &b {d: 2044-02-30}\nc: *b",
    ],
)
def test_myst_reads_the_reading_rather_than_the_yaml_again(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(frontmatter, "_READ_ENTRIES", {})
    expected = frontmatter._unfit_entries(source)
    assert expected  # each has an entry MyST cannot take
    frontmatter._load_yaml(source, [])

    def loader(source: str) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(frontmatter, "_Loader", loader)
    assert frontmatter._unfit_entries(source) == expected


def test_a_merged_front_matter_is_read_again_for_myst(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(frontmatter, "_READ_ENTRIES", {})
    source = "base: &b {x: 2044-02-30}\n<<: *b\ny: 1"
    frontmatter._load_yaml(source, [])
    assert source not in frontmatter._READ_ENTRIES  # merging changed the mapping
    assert frontmatter._unfit_entries(source) == [(0, 0)]


# -- where a YAML front matter ends -------------------------------------------------------------


def _split_by_lines(text: str) -> tuple[str, int, str] | None:
    """The body, its first line and the YAML of a front matter found line by line."""
    lines = text.split("\n")
    fence = re.compile(r"(?:---|\.\.\.)[ \t]*")
    end = next((i for i in range(1, len(lines)) if fence.fullmatch(lines[i])), None)
    if end is None:
        return None
    return "\n".join(lines[end + 1 :]), end + 2, "\n".join(lines[1:end])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["---", "...", "--- ", "---\t", "----", " ---", "---x", "....", "a: 1"]),
        max_size=6,
    ),
    st.sampled_from(["", "\n", "\n\nBody\n", "\nBody", "\r\n"]),
)
def test_the_closing_fence_is_the_first_fence_line(lines: list[str], tail: str) -> None:
    text = "\n".join(["---", *lines]) + tail
    header = split(text, "markdown")
    expected = _split_by_lines(text)
    if expected is None:
        assert not header.usable
        assert header.body == text
        return
    body, body_line, source = expected
    assert (header.body, header.body_line) == (body, body_line)
    assert header.metadata_lines == (0, body_line - 1)
    problems: list[Problem] = []
    assert header.fields == (frontmatter._load_yaml(source, problems) or {})
