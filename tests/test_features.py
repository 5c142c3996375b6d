"""Tests for picking feature bullets out of note bodies (no Sphinx needed)."""

# The sample notes keep the long lines of real announcements.
# ruff: noqa: E501

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases.features import DEFAULT_DROP_ITEMS, extract_features
from sphinxcontrib_releases.model import Feature
from tests.conftest import ANNOUNCEMENTS, finishes


def texts(features: list[Feature]) -> list[str]:
    return [feature.text for feature in features]


def line_of(body: str, needle: str, first_line: int = 1) -> int:
    """The file line of the first line of ``body`` holding ``needle``."""
    for number, line in enumerate(body.split("\n"), start=first_line):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the body")


def features_of(item: str, syntax: str = "markdown") -> list[Feature]:
    """The features of a one-item list under a feature heading."""
    heading = "# Highlights" if syntax == "markdown" else "Highlights\n=========="
    return extract_features(f"{heading}\n\n- {item}\n", syntax=syntax)


# --- Notes in the style of real announcements --------------------------------------------------

PRE_RELEASE = r"""
I'm glad to announce the third beta of Python 3.15.

[https://www.python.org/downloads/release/python-3150b3/](https://www.python.org/downloads/release/python-3150b3/)

**A preview of Python 3.15: please do not run it in production.**

# Major new features of the 3.15 series, compared to 3.14

Python 3.15 is still moving. This beta, 3.15.0b3, is the third of four; new features are frozen, fixes go on. The notable changes so far:

-   The `tomllib` module can now write files as well as read them.
-   Frame objects gained a `lineno_range` attribute, per [PEP 777](https://peps.python.org/pep-0777/).
-   Start-up is faster: the \`site\` module defers \`sysconfig\_vars\` until first use.

-   `asyncio` task groups accept a `timeout` argument (PEPs 780 and 781).
-   (Psst, **release helpers**: if your favourite change is missing from this list, [let Ada know](mailto:ada@example.org).)

The fourth beta, 3.15.0b4, is planned for a date still to be set.

# More resources

-   [Online documentation](https://docs.python.org/3.15/)
-   [PEP 790](https://peps.python.org/pep-0790/), the 3.15 release schedule

#

# Enjoy the new releases

Thanks to everyone who helped.
"""[1:]


def test_pre_release_note() -> None:
    features = extract_features(PRE_RELEASE)
    assert texts(features) == [
        "The tomllib module can now write files as well as read them.",
        "Frame objects gained a lineno_range attribute, per PEP 777.",
        "Start-up is faster: the site module defers sysconfig_vars until first use.",
        "asyncio task groups accept a timeout argument (PEPs 780 and 781).",
    ]
    assert [feature.section for feature in features] == [None] * 4
    assert [feature.peps for feature in features] == [(), (777,), (), (780, 781)]
    assert features[2].markdown == (
        r"Start-up is faster: the \`site\` module defers \`sysconfig\_vars\` until first use."
    )
    assert [feature.line for feature in features] == [
        line_of(PRE_RELEASE, "`tomllib`"),
        line_of(PRE_RELEASE, "Frame objects"),
        line_of(PRE_RELEASE, "Start-up"),
        line_of(PRE_RELEASE, "task groups"),
    ]


RELEASE_CANDIDATE = """
I'm glad to announce the first release candidate of Python 3.15.

# This is the first release candidate of Python 3.15.0

This release, **3.15.0rc1**, is the last preview but one.

## [](https://discuss.example.org/t/python-3-15-0rc1/4242#call-to-action-2)Call to action

We ask maintainers of third-party packages to build and publish 3.15 wheels now.

-   Test your package against 3.15.0rc1.
-   Report problems to the bug tracker.

# [](https://discuss.example.org/t/python-3-15-0rc1/4242#major-new-features-4)Major new features of the 3.15 series, compared to 3.14

## [](https://discuss.example.org/t/python-3-15-0rc1/4242#new-features-5)New features

-   [Lazy imports](https://docs.python.org/3.15/whatsnew/3.15.html#pep-810-lazy-imports) on demand ([PEP 810](https://peps.python.org/pep-0810/)).
-   A [sampling profiler](https://docs.python.org/3.15/library/profiling.html) in the standard library.
-   Clearer messages for `SyntaxError` in nested f-strings.

## [](https://discuss.example.org/t/python-3-15-0rc1/4242#type-annotations-6)Type annotations

-   `TypedDict` gains a closed form ([PEP 728](https://peps.python.org/pep-0728)).

## [](https://discuss.example.org/t/python-3-15-0rc1/4242#deprecations-7)Deprecations

-   The `asyncore`-style helpers left in `test.support` are gone.
-   `locale.getdefaultlocale()` is removed after a long deprecation.

(Hey, **release helpers**, if your change is missing from this list, [let Ada know](mailto:ada@example.org).)

For the details, see [What's new in Python 3.15](https://docs.python.org/3.15/whatsnew/3.15.html).

# [](https://discuss.example.org/t/python-3-15-0rc1/4242#more-resources-8)More resources

-   [Online documentation](https://docs.python.org/3.15/).
-   [PEP 790](https://peps.python.org/pep-0790/), the Python 3.15 release schedule.

# Enjoy the new release

Thanks to the many volunteers who make Python possible.
"""[1:]


def test_release_candidate_note() -> None:
    features = extract_features(RELEASE_CANDIDATE)
    assert [(feature.section, feature.text) for feature in features] == [
        ("New features", "Lazy imports on demand (PEP 810)."),
        ("New features", "A sampling profiler in the standard library."),
        ("New features", "Clearer messages for SyntaxError in nested f-strings."),
        ("Type annotations", "TypedDict gains a closed form (PEP 728)."),
        ("Deprecations", "The asyncore-style helpers left in test.support are gone."),
        ("Deprecations", "locale.getdefaultlocale() is removed after a long deprecation."),
    ]
    assert features[0].peps == (810,)
    assert features[3].peps == (728,)
    assert features[0].markdown.startswith("[Lazy imports](https://docs.python.org/")


NOTE_RST = """
========================
 Pastry 4.0 is released
========================

:date: 2031-04-01

Pastry 4.0 is out: the first release of the 4.x series.

What's new in Pastry 4.0
------------------------

Most of the work went into the kitchen: here is what changed.

- Dough can now be proofed asynchronously (:pep:`9001`).
- The ``oven`` module reads ``*.toml`` presets, see
  `the presets guide <https://example.org/presets>`_.

* A faster **croissant** layering algorithm.
+ Glazes honour :pep:`PEP 8 <8#naming>` names.
• Crumbs are counted by :func:`~pastry.counting.crumbs`.

Deprecations
~~~~~~~~~~~~

- The ``bake_legacy()`` function is *deprecated*.

Tell us what you think on the forum.

Thanks
~~~~~~

- Everyone who tested the betas.

Downloads
---------

- `Source tarball <https://example.org/pastry-4.0.tar.gz>`_
"""[1:]


def test_rst_note() -> None:
    features = extract_features(NOTE_RST, syntax="rst", first_line=10)
    assert [(feature.section, feature.text) for feature in features] == [
        (None, "Dough can now be proofed asynchronously (PEP 9001)."),
        (None, "The oven module reads *.toml presets, see the presets guide."),
        (None, "A faster croissant layering algorithm."),
        (None, "Glazes honour PEP 8 names."),
        (None, "Crumbs are counted by crumbs."),
        ("Deprecations", "The bake_legacy() function is deprecated."),
    ]
    assert features[0].peps == (9001,)
    assert features[3].peps == (8,)
    assert features[1].markdown == (
        "The ``oven`` module reads ``*.toml`` presets, see "
        "`the presets guide <https://example.org/presets>`_."
    )
    assert features[4].line == line_of(NOTE_RST, "Crumbs", first_line=10)


NO_FEATURE_HEADING = """
I'm glad to announce Python 3.14.9, a security release.

# Security content in this release

-   A crafted archive could escape its extraction folder.
-   An HTTP header could be split by a stray newline.

# More resources

-   [Online documentation](https://docs.python.org/3.14/)
"""


def test_note_without_a_feature_heading() -> None:
    assert extract_features(NO_FEATURE_HEADING) == []


CALL_TO_ACTION_ONLY = """
# This is the second release candidate of Python 3.15.0

## Call to action

-   Publish wheels for 3.15 on the package index.
-   Check that your documentation mentions 3.15.

## Core developers: time to finish the documentation

-   Are your changes in the What's new page?
"""


def test_note_with_bullets_only_under_call_to_action() -> None:
    assert extract_features(CALL_TO_ACTION_ONLY) == []


CODE_FENCE = """
# Highlights

- Alpha

```python
# More resources
- not an item
```

~~~
## Not a heading either
~~~

- Beta
"""


def test_code_fences_are_skipped() -> None:
    assert texts(extract_features(CODE_FENCE)) == ["Alpha", "Beta"]


# --- Headings and sections ---------------------------------------------------------------------

SECTIONS = """
# Highlights

- h1

## Library

- lib1

# What's new in the tools

- t1

# Bug fixes

- not collected: a heading as high that is not a feature heading

## New features

- f1

### Performance

- p1

### Useful links

- not collected: a stop heading

### Later

- not collected: the section has ended
"""


def test_sections() -> None:
    features = extract_features(SECTIONS)
    assert [(feature.section, feature.text) for feature in features] == [
        (None, "h1"),
        ("Library", "lib1"),
        (None, "t1"),
        (None, "f1"),
        ("Performance", "p1"),
    ]


def test_setext_headings() -> None:
    body = (
        "Release 2.0\n===========\n\nWhat's new\n----------\n\n- One\n- Two\n\n"
        "Packaging *changes*\n-------------------\n\n- Not a feature\n"
    )
    assert texts(extract_features(body)) == ["One", "Two"]
    body = "Highlights\n==========\n\nNotable\n  things\n----------\n\n- One\n"
    assert [(f.section, f.text) for f in extract_features(body)] == [("Notable things", "One")]


def test_heading_markup_is_cleaned() -> None:
    body = (
        "# [](https://x.org/y#a)What's *new*\n\n## [](https://x.org/y#b)`typing` changes:\n\n- A\n"
    )
    assert [(f.section, f.text) for f in extract_features(body)] == [("typing changes", "A")]
    body = "## New features ##\n\n- Closed ATX heading\n"
    assert texts(extract_features(body)) == ["Closed ATX heading"]


def test_empty_headings_are_ignored() -> None:
    body = "# Highlights\n\n#   \n\n- One\n#\n- Two\n\n## [](https://x.org/#anchor)\n\n- Three\n"
    features = extract_features(body)
    assert texts(features) == ["One", "Two", "Three"]
    assert {feature.section for feature in features} == {None}
    assert extract_features("#   \n\n- Not under a heading\n") == []


def test_hashes_that_are_not_headings() -> None:
    body = "# Highlights\n\n- One\n#hashtag is prose\n- Two\n####### seven is too many\n"
    assert texts(extract_features(body)) == [
        "One #hashtag is prose",
        "Two ####### seven is too many",
    ]


def test_custom_heading_patterns() -> None:
    body = "# Goodies\n\n- One\n\n## Sprinkles\n\n- Two\n\n## Crumbs\n\n- Three\n"
    assert extract_features(body) == []
    features = extract_features(body, headings=[r"^goodies$"], stop_headings=[r"crumbs"])
    assert [(f.section, f.text) for f in features] == [(None, "One"), ("Sprinkles", "Two")]
    assert texts(extract_features(body, headings=["goodies"], stop_headings=())) == [
        "One",
        "Two",
        "Three",
    ]


def test_unknown_syntax() -> None:
    with pytest.raises(ValueError, match="syntax"):
        extract_features("", syntax="asciidoc")


# --- Lists and items --------------------------------------------------------------------------


def test_intro_and_closing_paragraphs_are_not_features() -> None:
    body = (
        "# New features\n\nAn introduction.\nOn two lines.\n\n- One\n- Two\n\n"
        "A closing paragraph.\n\nAnother one.\n"
    )
    assert texts(extract_features(body)) == ["One", "Two"]


def test_a_list_split_by_blank_lines_is_one_list() -> None:
    body = "# New features\n\n- One\n\n\n- Two\n\n- Three\n"
    assert texts(extract_features(body)) == ["One", "Two", "Three"]


def test_every_list_of_a_section_is_collected() -> None:
    body = "# New features\n\n- One\n\nIn the library:\n\n- Two\n"
    assert texts(extract_features(body)) == ["One", "Two"]


@pytest.mark.parametrize(
    "listing",
    [
        "- One\n- Two\n",
        "* One\n* Two\n",
        "+ One\n+ Two\n",
        "1. One\n2. Two\n",
        "1) One\n2) Two\n",
        "   - One\n - Two\n",
        "-\tOne\n-\tTwo\n",
    ],
)
def test_item_markers(listing: str) -> None:
    assert texts(extract_features(f"# Highlights\n\n{listing}")) == ["One", "Two"]


def test_thematic_breaks_are_not_items() -> None:
    body = "# Highlights\n\n- One\n\n* * *\n\n- - -\n\n- Two\n"
    assert texts(extract_features(body)) == ["One", "Two"]


def test_continuation_lines() -> None:
    body = (
        "# Highlights\n\n"
        "-   A first line\n    and an indented one\nand a lazy one.\n"
        "-   Another item,\n\n    with a second paragraph.\n"
    )
    features = extract_features(body)
    assert [f.markdown for f in features] == [
        "A first line and an indented one and a lazy one.",
        "Another item,\n\nwith a second paragraph.",
    ]
    assert texts(features) == [
        "A first line and an indented one and a lazy one.",
        "Another item, with a second paragraph.",
    ]


def test_nested_lists_belong_to_their_item() -> None:
    body = (
        "# Highlights\n\n"
        "- Parent item\n  - child one\n    continued\n  - child two\n"
        "    1. grandchild\n- Sibling\n"
    )
    features = extract_features(body)
    assert texts(features) == [
        "Parent item child one continued child two grandchild",
        "Sibling",
    ]
    assert features[0].markdown == (
        "Parent item\n- child one continued\n- child two\n  1. grandchild"
    )
    assert features[1].line == 8


def test_a_heading_inside_an_item_belongs_to_it() -> None:
    body = "# Highlights\n\n- One\n  ## Detail\n  more\n## Library\n- Two\n"
    features = extract_features(body)
    assert [(f.section, f.text) for f in features] == [
        (None, "One Detail more"),
        ("Library", "Two"),
    ]
    assert features[0].markdown == "One\n## Detail\nmore"


def test_windows_line_ends() -> None:
    assert extract_features(RELEASE_CANDIDATE.replace("\n", "\r\n")) == extract_features(
        RELEASE_CANDIDATE
    )
    assert extract_features(NOTE_RST.replace("\n", "\r\n"), syntax="rst") == extract_features(
        NOTE_RST, syntax="rst"
    )


def test_a_fence_inside_an_item_stays_in_its_markdown() -> None:
    body = "# Highlights\n\n- New syntax:\n\n  ```python\n  # a comment\n  x = 1\n  ```\n- Two\n"
    features = extract_features(body)
    assert texts(features) == ["New syntax:", "Two"]
    assert features[0].markdown == "New syntax:\n\n```python\n# a comment\nx = 1\n```"


def test_empty_items_are_skipped() -> None:
    body = "# Highlights\n\n-\n-   \n- ![badge](badge.svg)\n1.\n- One\n"
    assert texts(extract_features(body)) == ["One"]


def test_an_empty_marker_with_indented_content() -> None:
    body = "# Highlights\n\n-\n  Content on the next line\n"
    assert [(f.text, f.line) for f in extract_features(body)] == [("Content on the next line", 3)]


def test_line_numbers_count_from_first_line() -> None:
    body = "# Highlights\n\nIntro.\n\n- One\n  more\n- Two\n"
    assert [f.line for f in extract_features(body, first_line=12)] == [16, 18]


# --- Plain text -------------------------------------------------------------------------------

MARKDOWN_TEXT = [
    ("[the docs](https://x.org/a_(b)) say", "the docs say"),
    ("[ref style][1] link", "ref style link"),
    ("![logo](logo.png) Logo dropped", "Logo dropped"),
    ("[![badge](b.svg)](https://x.org) badge link dropped", "badge link dropped"),
    ("`code` and ``two `ticks` `` spans", "code and two `ticks` spans"),
    ("**bold**, *italic*, _under_, ***both***", "bold, italic, under, both"),
    ("snake_case_name and 2 * 3 * 4 stay", "snake_case_name and 2 * 3 * 4 stay"),
    (r"wstr\_length and \*not emphasis\*", "wstr_length and not emphasis"),
    (r"\`wstr\` was escaped", "wstr was escaped"),
    ("<b>tags</b> go, <https://x.org> stays", "tags go, https://x.org stays"),
    ("AT&amp;T &lt;3", "AT&T <3"),
    ("lots   of\u00a0 space", "lots of space"),
    ("[`perf` profiling](https://x.org/perf)", "perf profiling"),
]


@pytest.mark.parametrize(("item", "text"), MARKDOWN_TEXT)
def test_markdown_text(item: str, text: str) -> None:
    (feature,) = features_of(item)
    assert feature.text == text
    assert feature.markdown == item.strip()


RST_TEXT = [
    ("``literal *stars*`` stay", "literal *stars* stay"),
    (
        "`the guide <https://x.org/guide>`_ and `anonymous <https://x.org>`__",
        "the guide and anonymous",
    ),
    ("`<https://x.org/bare>`_ link", "https://x.org/bare link"),
    (":pep:`701` and :PEP:`8#naming`", "PEP 701 and PEP 8"),
    (":pep:`PEP 8 <8#section>` names", "PEP 8 names"),
    (":rfc:`9110` semantics", "RFC 9110 semantics"),
    (":func:`~os.path.join` and :py:class:`pathlib.Path`", "join and pathlib.Path"),
    (":doc:`the tutorial <tutorial/index>`", "the tutorial"),
    ("*emphasis* and **strong**", "emphasis and strong"),
    (r"escaped \*stars\*", "escaped *stars*"),
    ("a footnote [1]_ reference", "a footnote reference"),
    ("C++ `default role` text", "C++ default role text"),
]


@pytest.mark.parametrize(("item", "text"), RST_TEXT)
def test_rst_text(item: str, text: str) -> None:
    (feature,) = features_of(item, syntax="rst")
    assert feature.text == text


def test_rst_literal_block_in_an_item() -> None:
    body = "Highlights\n==========\n\n- Write it like this::\n\n      x = 1\n      y = 2\n\n- Two\n"
    features = extract_features(body, syntax="rst")
    assert texts(features) == ["Write it like this:", "Two"]
    assert features[0].markdown == "Write it like this::\n\n    x = 1\n    y = 2"


def test_rst_levels_follow_the_order_of_styles() -> None:
    body = (
        "Highlights\n~~~~~~~~~~\n\n- One\n\n"
        "Library\n=======\n\n- Two\n\n"
        "Tools\n~~~~~\n\n- Not collected\n"
    )
    features = extract_features(body, syntax="rst")
    assert [(f.section, f.text) for f in features] == [(None, "One"), ("Library", "Two")]


def test_rst_overlined_titles_and_directives() -> None:
    body = (
        "=============\n New features\n=============\n\n"
        ".. note::\n\n   - Inside a directive: not a feature\n\n"
        "- One\n  continued\n"
        "- Two\n\n  .. code-block:: python\n\n     x = 1\n\n"
        "Downloads\n=========\n\n- Not collected\n"
    )
    features = extract_features(body, syntax="rst")
    assert texts(features) == ["One continued", "Two"]
    assert features[1].markdown == "Two\n\n.. code-block:: python\n\n   x = 1"


def test_rst_unindented_text_ends_an_item() -> None:
    body = "Highlights\n==========\n\n- One\nNot part of it.\n\n- Two\n"
    assert texts(extract_features(body, syntax="rst")) == ["One", "Two"]


# --- Dropping boilerplate ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        "(Hey, if a change you like is missing from this list, tell the team.)",
        "Something important not here? [Let Grace know](mailto:grace@example.org).",
        "Found a gap? Let us know on the forum.",
    ],
)
def test_boilerplate_items_are_dropped(item: str) -> None:
    assert features_of(item) == []
    (feature,) = extract_features(f"# Highlights\n\n- {item}\n", drop_items=())
    assert feature.text


def test_features_that_let_you_know_are_kept() -> None:
    item = "The REPL will let you know which name you probably meant."
    assert texts(features_of(item)) == [item]


def test_custom_drop_patterns() -> None:
    body = "# Highlights\n\n- Keep me\n- Internal: skip me\n"
    assert texts(extract_features(body, drop_items=[r"^internal:"])) == ["Keep me"]
    assert texts(extract_features(body, drop_items=(*DEFAULT_DROP_ITEMS, "keep"))) == [
        "Internal: skip me"
    ]


# --- Announcements in the shape of real ones -------------------------------------------------


def announcement_body(name: str) -> tuple[str, int]:
    """The body of ``tests/fixtures/announcements/{name}.md``, and its first line."""
    path = ANNOUNCEMENTS / f"{name}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    closing = [index for index, line in enumerate(lines) if line.strip() == "---"][1]
    return "\n".join(lines[closing + 1 :]), closing + 2


@pytest.mark.parametrize(
    ("name", "count"), [("alpha-1", 4), ("alpha-4", 6), ("alpha-6", 8), ("rc-1", 15)]
)
def test_announcements(name: str, count: int) -> None:
    body, first_line = announcement_body(name)
    features = extract_features(body, first_line=first_line)
    assert len(features) == count
    lines = body.split("\n")
    for feature in features:
        assert feature.text
        assert "\\" not in feature.text
        assert "](" not in feature.text
        assert lines[feature.line - first_line].lstrip().startswith("-")
        assert not any(word in feature.text for word in ("let Thomas know", "missing from"))


def test_alpha_1_texts_lose_their_escapes() -> None:
    body, first_line = announcement_body("alpha-1")
    features = extract_features(body, first_line=first_line)
    assert {feature.section for feature in features} == {None}
    assert "wstr and wstr_length" in features[0].text
    assert features[0].peps == (623,)


def test_alpha_6_keeps_both_halves_of_its_list() -> None:
    body, first_line = announcement_body("alpha-6")
    features = extract_features(body, first_line=first_line)
    assert "SyntaxWarning" in features[6].text
    assert "Cython" in features[7].text
    assert features[6].line == features[5].line + 2
    assert features[4].peps == (594, 632)


def test_rc_1_sections() -> None:
    body, first_line = announcement_body("rc-1")
    features = extract_features(body, first_line=first_line)
    sections = [feature.section for feature in features]
    assert list(dict.fromkeys(sections)) == ["New features", "Type annotations", "Deprecations"]
    assert sections.count("Type annotations") == 2
    assert features[0].peps == (701,)
    assert "PEP 701" in features[0].text
    assert features[0].markdown.startswith("[A more flexible f-string grammar](https://")


# --- Robustness -------------------------------------------------------------------------------

FRAGMENTS = [
    "# New features",
    "## Sub",
    "### More resources",
    "#",
    "Highlights",
    "==========",
    "----",
    "~~~~",
    "- item",
    "  - nested",
    "1. one",
    "* ",
    "```",
    "~~~",
    "    indented",
    "",
    "plain prose",
    "..",
    ".. note::",
    "para::",
    "- [PEP 701](https://peps.python.org/pep-0701/) `x`",
    "- :pep:`8` ``lit`` `t <u>`_",
    "\t- tab",
    "> quote",
]


@settings(max_examples=200, deadline=None)
@given(
    body=st.text() | st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8)).map("\n".join),
    syntax=st.sampled_from(["markdown", "rst"]),
    first_line=st.integers(min_value=1, max_value=1000),
)
def test_any_text(body: str, syntax: str, first_line: int) -> None:
    features = extract_features(body, syntax=syntax, first_line=first_line)
    last = first_line + body.count("\n")
    for feature in features:
        assert feature.text
        assert feature.text == " ".join(feature.text.split())
        assert first_line <= feature.line <= last


@pytest.mark.parametrize(
    "body",
    [
        "# Highlights\n\n- " + "[" * 50_000,
        "# Highlights\n\n- " + "*a " * 30_000,
        "# Highlights\n\n- " + "_a " * 30_000,
        "# Highlights\n\n- " + "`" * 50_000 + "x",
        "# Highlights\n\n- " + "](" * 30_000,
        "# Highlights\n\n- " + "<a" * 30_000,
        "# " + "#" * 50_000 + "x",
        "# Highlights\n\n" + "- x\n  " * 20_000,
        "# Highlights\n\n- x\n" + "a lazy line\n" * 100_000,
        "# Highlights\n\n- x\n" + "  an indented line\n" * 100_000,
        "Highlights\n==========\n\n- " + ":a:" * 30_000 + "`",
        "Highlights\n==========\n\n- " + "``a`" * 30_000,
    ],
)
def test_hostile_input_stays_fast(body: str) -> None:
    for syntax in ("markdown", "rst"):
        finishes(lambda syntax=syntax: extract_features(body, syntax=syntax))
