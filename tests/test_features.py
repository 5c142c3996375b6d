"""Tests for picking feature bullets out of note bodies (no Sphinx needed)."""

# The sample notes keep the long lines of real announcements.
# ruff: noqa: E501

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from sphinxcontrib_releases import features as features_module
from sphinxcontrib_releases.features import (
    DEFAULT_DROP_ITEMS,
    _Heading,
    _Item,
    _markdown_blocks,
    _markdown_text,
    _Paragraph,
    _rst_blocks,
    extract_features,
)
from sphinxcontrib_releases.model import Feature
from sphinxcontrib_releases.reader import read_note
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
    (":class:`~acme.Thing` and :ref:`Text <label>`", "Thing and Text"),
    ("``x`` and :setting:`FOO`", "x and FOO"),
    (":attr:`.Panel.collapsed` and :meth:`~.Panel.open`", "Panel.collapsed and open"),
    (":ref:`.not-python`", ".not-python"),
    (":abbr:`LIFO (last-in, first-out)` order", "LIFO order"),
    (":menuselection:`File --> Save As`", "File ‣ Save As"),
    (":guilabel:`&Cancel` or :guilabel:`Save && Quit`", "Cancel or Save & Quit"),
    (":samp:`print({value})` and :file:`{name}.toml`", "print(value) and name.toml"),
    ("see psycopg_, `the docs`_ or Django__.", "see psycopg, the docs or Django."),
    ("`~acme.Thing`:class: and `PEP 8 <8>`:pep: after", "Thing and PEP 8 after"),
    ("`9110`:rfc: semantics", "RFC 9110 semantics"),
    (
        "``name_`` and __init__ and snake_case keep theirs",
        "name_ and __init__ and snake_case keep theirs",
    ),
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


# --- Subsections under a feature heading -------------------------------------------------------

BLOG_MD = """
# Announcing Tern 2.31.0

The Tern team is happy to announce a new version of Tern, 2.31.0.

## What's in 2.31.0 stable

This release brings three long-awaited additions.

### Generic closures in interfaces

Closures declared in an interface may now take type parameters, so that
callbacks can stay generic all the way down.

```tern
iface Visitor { fn visit<T>(self, item: T) }
```

- The old workaround with boxed callbacks keeps compiling.

#### Limitations

Recursive generic closures are not accepted yet.

### [](https://blog.example.org/tern-2.31#lazy)Lazy statics, as in [PEP 9123](https://peps.python.org/pep-9123/)

A `lazy static` is computed on first use instead of at start-up.

### Stabilized APIs

- [`Path::normalize`](https://docs.example.org/path#normalize)
- `Vec::split_off_front`

### Deprecations

These are deprecated and warn on use:

- `mem::forget_unchecked`

## Contributors to 2.31.0

Many people came together to create Tern 2.31.0.
"""[1:]


def test_blog_post_in_markdown() -> None:
    features = extract_features(BLOG_MD, first_line=5)
    assert [(f.section, f.text) for f in features] == [
        (None, "Generic closures in interfaces"),
        (None, "Lazy statics, as in PEP 9123"),
        ("Stabilized APIs", "Path::normalize"),
        ("Stabilized APIs", "Vec::split_off_front"),
        ("Deprecations", "mem::forget_unchecked"),
    ]
    closures, statics = features[:2]
    assert closures.description == (
        "Closures declared in an interface may now take type parameters, so that callbacks can "
        "stay generic all the way down."
    )
    assert closures.markdown == "Generic closures in interfaces"
    assert closures.line == line_of(BLOG_MD, "### Generic closures", first_line=5)
    assert statics.markdown == ("Lazy statics, as in [PEP 9123](https://peps.python.org/pep-9123/)")
    assert statics.description == "A lazy static is computed on first use instead of at start-up."
    assert statics.peps == (9123,)
    assert [f.description for f in features[2:]] == [None, None, None]


BLOG_RST = """
======================
Announcing Tern 2.31.0
======================

The Tern team is happy to announce a new version of Tern, 2.31.0.

What's in 2.31.0 stable
=======================

This release brings three long-awaited additions.

Generic closures in interfaces
------------------------------

Closures declared in an interface may now take type parameters, so that
callbacks can stay generic all the way down. For example::

    iface Visitor { fn visit<T>(self, item: T) }

- The old workaround with boxed callbacks keeps compiling.

Limitations
~~~~~~~~~~~

Recursive generic closures are not accepted yet.

Lazy statics (:pep:`9123`)
--------------------------

A ``lazy static`` is computed on first use instead of at start-up.

Stabilized APIs
---------------

- :func:`~tern.path.Path.normalize`
- :meth:`Vec.split_off_front`

Deprecations
------------

These are deprecated and warn on use:

- ``mem.forget_unchecked``

Contributors to 2.31.0
======================

Many people came together to create Tern 2.31.0.
"""[1:]


def test_blog_post_in_rst() -> None:
    features = extract_features(BLOG_RST, syntax="rst")
    assert [(f.section, f.text) for f in features] == [
        (None, "Generic closures in interfaces"),
        (None, "Lazy statics (PEP 9123)"),
        ("Stabilized APIs", "normalize"),
        ("Stabilized APIs", "Vec.split_off_front"),
        ("Deprecations", "mem.forget_unchecked"),
    ]
    closures, statics = features[:2]
    assert closures.description == (
        "Closures declared in an interface may now take type parameters, so that callbacks can "
        "stay generic all the way down. For example:"
    )
    assert closures.line == line_of(BLOG_RST, "Generic closures")
    assert statics.markdown == "Lazy statics (:pep:`9123`)"
    assert statics.peps == (9123,)


WHATS_NEW_RST = """
=======================
Acme 4.2 release notes
=======================

*June 3, 2031*

.. contents:: On this page
   :local:

Python compatibility
====================

- Not a feature: this section is not a feature section.

.. _whats-new-4.2:

What's new in Acme 4.2
======================

Streaming exports
-----------------

Exports are now written as they are produced, see :ref:`the export guide
<exports>` and :class:`~acme.export.StreamingWriter`.

Minor features
--------------

:mod:`acme.admin`
~~~~~~~~~~~~~~~~~

* The new :attr:`.Panel.collapsed` attribute hides a panel until it is clicked.
* ``Panel.title`` honours the :setting:`ACME_TITLE` setting
  (see :ref:`panels`).

.. * A bullet that was commented out.

.. A comment block:

   * whose bullets are not features either.

:mod:`acme.cache`
~~~~~~~~~~~~~~~~~

* :func:`~acme.cache.memoize` accepts a ``ttl`` argument::

      @memoize(ttl=60)
      def slow(): ...

* Keys may be tuples.

  .. code-block:: python

     cache[("a", 1)] = value

Written as a literal block::

    * a literal bullet, not a feature

Backwards incompatible changes in 4.2
=====================================

* Not a feature.

Features deprecated in 4.2
==========================

* Not a feature either.
"""[1:]


def test_whats_new_in_rst() -> None:
    features = extract_features(WHATS_NEW_RST, syntax="rst")
    assert [(f.section, f.text) for f in features] == [
        (None, "Streaming exports"),
        ("acme.admin", "The new Panel.collapsed attribute hides a panel until it is clicked."),
        ("acme.admin", "Panel.title honours the ACME_TITLE setting (see panels)."),
        ("acme.cache", "memoize accepts a ttl argument:"),
        ("acme.cache", "Keys may be tuples."),
    ]
    assert features[0].description == (
        "Exports are now written as they are produced, see the export guide and StreamingWriter."
    )
    assert features[1].markdown == (
        "The new :attr:`.Panel.collapsed` attribute hides a panel until it is clicked."
    )
    assert features[3].markdown == (
        ":func:`~acme.cache.memoize` accepts a ``ttl`` argument::\n\n"
        "    @memoize(ttl=60)\n    def slow(): ..."
    )
    assert features[4].line == line_of(WHATS_NEW_RST, "Keys may be tuples")
    for feature in features:
        assert not re.search(r":\w+:|`", feature.text)


WHATS_NEW_MD = """
# Acme 4.2 release notes

## Python compatibility

- Not a feature: this section is not a feature section.

## What's new in Acme 4.2

### Streaming exports

Exports are now written as they are produced, see [the export guide](exports.md).

### Minor features

These are the smaller changes, by component.

#### `acme.admin`

* The new `Panel.collapsed` attribute hides a panel until it is clicked.
* `Panel.title` honours the `ACME_TITLE` setting.

<!-- * A bullet that was commented out. -->

<!--
* Nor is this one,
* nor this one.
-->

#### `acme.cache`

* `memoize` accepts a `ttl` argument:

      @memoize(ttl=60)
      def slow(): ...

* Keys may be tuples.

Written as an indented code block:

    * an indented bullet, not a feature

<div class="note">
* a bullet in an HTML block, not a feature
</div>

## Backwards incompatible changes in 4.2

* Not a feature.
"""[1:]


def test_whats_new_in_markdown() -> None:
    features = extract_features(WHATS_NEW_MD)
    assert [(f.section, f.text) for f in features] == [
        (None, "Streaming exports"),
        ("acme.admin", "The new Panel.collapsed attribute hides a panel until it is clicked."),
        ("acme.admin", "Panel.title honours the ACME_TITLE setting."),
        ("acme.cache", "memoize accepts a ttl argument:"),
        ("acme.cache", "Keys may be tuples."),
    ]
    assert features[0].description == (
        "Exports are now written as they are produced, see the export guide."
    )
    assert features[3].markdown == (
        "`memoize` accepts a `ttl` argument:\n\n    @memoize(ttl=60)\n    def slow(): ..."
    )


SUBSECTION_RULE = """
# Highlights

An introduction: not a feature.

- A bullet right under the feature heading.

## A list first

- One
- Two

Closing words: not a feature.

## A lead-in, then a list

Two things changed:

- Three

## Prose first

Prose makes the subsection one feature.

- So this list belongs to it.

### And so does a deeper heading

- With its own list.

## A lead-in, then something else

It works like this:

```
code
```

- This list belongs to the feature too.

## A lead-in alone

Only this, with a colon at the end:

## Groups

### Inside a group

- Four

### A feature in a group

Written up in prose.

## New features

A subsection named like a feature heading is never one feature.

- Five

## Nothing to read

```
only code
```

## Known issues

A stop heading ends the section.
"""


def test_the_subsection_rule() -> None:
    features = extract_features(SUBSECTION_RULE)
    assert [(f.section, f.text, f.description) for f in features] == [
        (None, "A bullet right under the feature heading.", None),
        ("A list first", "One", None),
        ("A list first", "Two", None),
        ("A lead-in, then a list", "Three", None),
        (None, "Prose first", "Prose makes the subsection one feature."),
        (None, "A lead-in, then something else", "It works like this:"),
        (None, "A lead-in alone", "Only this, with a colon at the end:"),
        ("Inside a group", "Four", None),
        ("Groups", "A feature in a group", "Written up in prose."),
        ("New features", "Five", None),
    ]
    assert [f.line for f in features] == [
        line_of(SUBSECTION_RULE, needle)
        for needle in (
            "- A bullet",
            "- One",
            "- Two",
            "- Three",
            "## Prose first",
            "## A lead-in, then something else",
            "## A lead-in alone",
            "- Four",
            "### A feature in a group",
            "- Five",
        )
    ]


def test_the_subsection_rule_in_rst() -> None:
    body = (
        "Highlights\n==========\n\n"
        "Prose first\n-----------\n\nA paragraph.\n\n- A list inside.\n\n"
        "A list first\n------------\n\n- One\n\nClosing words.\n\n"
        "A lead-in\n---------\n\nLike this:\n\n- Two\n\n"
        "A literal block\n---------------\n\nLike this::\n\n    code\n\n- Inside.\n"
    )
    features = extract_features(body, syntax="rst")
    assert [(f.section, f.text, f.description) for f in features] == [
        (None, "Prose first", "A paragraph."),
        ("A list first", "One", None),
        ("A lead-in", "Two", None),
        (None, "A literal block", "Like this:"),
    ]


def test_subsections_can_be_dropped_and_stopped() -> None:
    body = (
        "# What's new\n\n## Internal: tidying\n\nNothing to see.\n\n## Kept\n\nProse.\n\n"
        "### Known issues\n\nNot a stop inside a feature.\n\n## Thanks\n\nA stop.\n\n"
        "## After the stop\n\nNot collected.\n"
    )
    features = extract_features(body, drop_items=[r"^internal:"])
    assert [(f.text, f.description) for f in features] == [("Kept", "Prose.")]


def test_subsection_json() -> None:
    (feature,) = extract_features("# Highlights\n\n## Faster\n\nIt is *faster*.\n")
    assert feature.to_json() == {
        "text": "Faster",
        "markdown": "Faster",
        "section": None,
        "peps": [],
        "kind": "feature",
        "refs": [],
        "description": "It is faster.",
    }
    (item,) = features_of("A bullet")
    assert "description" not in item.to_json()


@pytest.mark.parametrize(
    "heading",
    [
        "What's in 1.75.0 stable",
        "What’s in this release",
        "What is new in 5.1",
        "What's new in Acme 4.2",
        "What's Changed",
        "Minor features",
        "Other features",
        "New in 2.0",
        "Highlights",
        "Added",
    ],
)
def test_feature_headings(heading: str) -> None:
    assert texts(extract_features(f"## {heading}\n\n- One\n")) == ["One"]


@pytest.mark.parametrize(
    "heading",
    [
        "Backwards incompatible changes in 4.2",
        "Features deprecated in 4.2",
        "Features removed in 5.0",
        "Deprecated features",
        "Bug fixes",
        "Contributors to 1.75.0",
        "Python compatibility",
    ],
)
def test_not_feature_headings(heading: str) -> None:
    assert extract_features(f"## {heading}\n\n- One\n") == []


def test_changes_under_a_feature_heading_are_features() -> None:
    body = (
        "# Major new features\n\n## Deprecations\n\n- Old API.\n\n"
        "## Backwards incompatible changes\n\n- New default.\n\n## Features removed\n\n- Gone.\n"
    )
    assert [(f.section, f.text) for f in extract_features(body)] == [
        ("Deprecations", "Old API."),
        ("Backwards incompatible changes", "New default."),
        ("Features removed", "Gone."),
    ]


# --- Markup that holds no features ----------------------------------------------------------


@pytest.mark.parametrize(
    "hidden",
    [
        "<!-- - a commented-out bullet -->",
        "<!--\n- a bullet in a comment\n\n- across a blank line\n-->",
        "<!-- a comment\n- with a bullet --> and text after it",
        "```\n- in a fence\n```",
        "~~~~ text\n- in a tilde fence\n~~~~",
        "    - in an indented code block\n\n    - still code",
        '<div class="box">\n- in an HTML block\n</div>',
        "<details>\n<summary>More</summary>\n- in an HTML block\n</details>",
        "<script>\n\n- in a script\n\n</script>",
        "<pre>\n- preformatted\n\n- across a blank line\n</pre>",
        "<?php\n- in an instruction\n?>",
        "<![CDATA[\n- in CDATA\n]]>",
        "> - in a block quote",
    ],
)
def test_markdown_that_holds_no_features(hidden: str) -> None:
    body = f"# Highlights\n\n- Before\n\nA paragraph.\n\n{hidden}\n\n- After\n"
    assert texts(extract_features(body)) == ["Before", "After"]


def test_html_blocks_end_where_commonmark_ends_them() -> None:
    # a <details> block ends at a blank line: the list after it is Markdown again
    body = "# Highlights\n\n<details>\n<summary>More</summary>\n\n- Visible\n\n</details>\n"
    assert texts(extract_features(body)) == ["Visible"]
    # a lone inline tag cannot interrupt a paragraph, nor start an HTML block there
    body = "# Highlights\n\nSome text\n<span>\n\n- Visible\n"
    assert texts(extract_features(body)) == ["Visible"]


@pytest.mark.parametrize(
    ("item", "text", "markdown"),
    [
        (
            "One\n\n  <!--\n  - hidden\n  -->\n\n  more",
            "One more",
            "One\n\n<!--\n- hidden\n-->\n\nmore",
        ),
        ("One <!-- a note for editors --> two", "One two", None),
        ("One\n\n      indented code\n\n  more", "One more", "One\n\n    indented code\n\nmore"),
        (
            "One\n      a continuation, not code",
            "One a continuation, not code",
            "One a continuation, not code",
        ),
        ("One\n  <div>\n  - raw\n  </div>", "One", "One\n<div>\n- raw\n</div>"),
        ("One\n  > quoted", "One quoted", "One\n> quoted"),
        ("One\n  * * *\n  two", "One two", "One\n* * *\ntwo"),
    ],
)
def test_markup_inside_an_item(item: str, text: str, markdown: str | None) -> None:
    (feature,) = features_of(item)
    assert feature.text == text
    assert feature.markdown == (item if markdown is None else markdown)


@pytest.mark.parametrize(
    "hidden",
    [
        ".. - a commented-out bullet",
        "..\n   - in an empty comment's block",
        ".. note::\n\n   - in a directive",
        ".. code-block:: rst\n\n   - in a code block",
        "A paragraph::\n\n   - in a literal block",
        "::\n\n   - in a literal block after an expanded marker",
        ".. _target:\n\n.. |subst| replace:: text",
    ],
)
def test_rst_that_holds_no_features(hidden: str) -> None:
    body = f"Highlights\n==========\n\n- Before\n\n{hidden}\n\n- After\n"
    assert texts(extract_features(body, syntax="rst")) == ["Before", "After"]


def test_rst_comment_inside_an_item() -> None:
    body = "Highlights\n==========\n\n- One\n\n  .. - hidden\n     more hidden\n\n  two\n"
    (feature,) = extract_features(body, syntax="rst")
    assert feature.text == "One two"
    assert feature.markdown == "One\n\n.. - hidden\n   more hidden\n\ntwo"
    body = "Highlights\n==========\n\n- One\n\n  .. _target:\n\n     quoted, not hidden\n"
    (feature,) = extract_features(body, syntax="rst")
    assert feature.text == "One quoted, not hidden"


# --- The Markdown scan against markdown-it-py ---------------------------------------------------
# The scan stands in for markdown-it-py (too slow for the reader), configured as MyST does. It
# must find the same headings, top-level list items and paragraphs (tables count as these), on
# the same lines, and the same words in each item, code and HTML left out.

REFERENCE = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def reference_outline(body: str) -> list[tuple[str, int, tuple[str, ...]]]:
    tokens = REFERENCE.parse(body)
    outline: list[tuple[str, int, tuple[str, ...]]] = []
    words: list[str] = []
    for position, token in enumerate(tokens):
        start = token.map[0] if token.map else -1
        if token.type == "heading_open" and token.level == 0:
            if tokens[position + 1].content.strip():
                outline.append(("heading", start, ()))
        elif token.type in {"paragraph_open", "table_open"} and token.level == 0:
            outline.append(("paragraph", start, ()))
        elif token.type == "list_item_open" and token.level == 1:
            words = []
        elif token.type == "inline" and token.level >= 2:
            words.extend(token.content.split())
        elif token.type == "list_item_close" and token.level == 1:
            outline.append(("item", token_start(tokens, position), tuple(words)))
    return outline


def token_start(tokens: list[Token], close: int) -> int:
    """The first line of the list item that the token at ``close`` closes."""
    depth = 0
    for token in reversed(tokens[:close]):
        if token.type == "list_item_close":
            depth += 1
        elif token.type == "list_item_open":
            if not depth:
                return token.map[0] if token.map else -1
            depth -= 1
    raise AssertionError("an item close without its open")


def scanned_outline(body: str) -> list[tuple[str, int, tuple[str, ...]]]:
    outline: list[tuple[str, int, tuple[str, ...]]] = []
    for block in _markdown_blocks(body.split("\n")):
        if isinstance(block, _Heading):
            outline.append(("heading", block.start, ()))
        elif isinstance(block, _Item):
            outline.append(("item", block.start, tuple(block.plain_source.split())))
        else:
            outline.append(("paragraph", block.start, ()))
    return sorted(outline, key=lambda entry: entry[1])


def sorted_outline(body: str) -> list[tuple[str, int, tuple[str, ...]]]:
    return sorted(reference_outline(body), key=lambda entry: entry[1])


def markdown_bodies() -> list[tuple[str, str]]:
    """Markdown bodies to compare on: this module's, the test roots' and the docs' notes."""
    bodies = [
        (name, value)
        for name, value in globals().items()
        if name.isupper()
        and not name.endswith("RST")
        and isinstance(value, str)
        and value.count("\n") > 3
    ]
    roots = Path(__file__).parent / "roots"
    docs = Path(__file__).parents[1] / "docs"
    notes = sorted([*roots.rglob("*.md"), *(docs / "examples" / "notes").glob("*.md")])
    bodies.extend((path.name, read_note(path).body) for path in notes)
    return bodies


@pytest.mark.parametrize(("name", "body"), markdown_bodies(), ids=lambda value: str(value)[:30])
def test_scan_matches_markdown_it(name: str, body: str) -> None:
    assert scanned_outline(body) == sorted_outline(body)


def test_scan_matches_markdown_it_on_generated_notes(tmp_path: Path) -> None:
    benchmarks = Path(__file__).parents[1] / "benchmarks"
    sys.path.insert(0, str(benchmarks))
    try:
        generate = importlib.import_module("generate")
    finally:
        sys.path.remove(str(benchmarks))
    paths = generate.generate(tmp_path, 150, seed=11, rst_share=0.0)
    for path in paths:
        body = read_note(path).body
        assert scanned_outline(body) == sorted_outline(body), path.name


MARKDOWN_FRAGMENTS = [
    "# H",
    "## Sub",
    "Heading",
    "===",
    "---",
    "- item",
    "  - nested",
    "    - deeper",
    "   - three",
    "1. one",
    "2. two",
    "* star",
    "-",
    "  continued",
    "lazy text",
    "    indented",
    "      code",
    "\tx",
    "```",
    "~~~",
    "  ```",
    "> quote",
    "  > quote",
    "***",
    "  * * *",
    "<!--",
    "-->",
    "<!-- c -->",
    "  <!--",
    "<div>",
    "</div>",
    "  <div>",
    "<span>",
    "</pre>",
    "<pre>",
    "<details>",
    "<?php",
    "?>",
    "[a]: /u",
    "| a | b |",
    "|---|---|",
    "",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MARKDOWN_FRAGMENTS), max_size=14).map("\n".join))
def test_scan_matches_markdown_it_on_any_arrangement(body: str) -> None:
    assert scanned_outline(body) == sorted_outline(body)


# --- The reST scan against docutils ------------------------------------------------------------
# The same for reStructuredText, with docutils (as Sphinx sets it up: no document title
# promoted) as the reference: the same section titles and top-level list items, in order, on
# well-formed input. Directive content is not the note's own list, whatever the directive.

DOCUTILS = {"doctitle_xform": False, "report_level": 5, "halt_level": 5, "warning_stream": False}


def docutils_outline(body: str) -> list[tuple[str, str]] | None:
    """Titles and top-level items per docutils; ``None`` when docutils finds the body wrong."""
    document = publish_doctree(body, settings_overrides={**DOCUTILS, "report_level": 1})
    for message in document.findall(nodes.system_message):
        if message["level"] >= 2 and "Unknown interpreted text role" not in message.astext():
            return None
    outline: list[tuple[str, str]] = []
    passed_over = (
        nodes.comment,
        nodes.literal_block,
        nodes.system_message,
        nodes.target,
        nodes.topic,
        nodes.Admonition,
    )

    def walk(node: nodes.Element) -> None:
        for child in node.children:
            if isinstance(child, nodes.title) and isinstance(node, nodes.section):
                outline.append(("heading", child.rawsource))
            elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
                outline.extend(("item", "") for _ in child.children)
            elif isinstance(child, nodes.Element) and not isinstance(child, passed_over):
                walk(child)

    walk(document)
    return outline


def rst_outline(body: str) -> list[tuple[str, str]]:
    return [
        ("heading", block.text) if isinstance(block, _Heading) else ("item", "")
        for block in _rst_blocks(body.split("\n"))
        if not isinstance(block, _Paragraph)
    ]


def rst_bodies() -> list[tuple[str, str]]:
    bodies = [
        (name, value)
        for name, value in globals().items()
        if name.endswith("_RST") and isinstance(value, str)
    ]
    roots = Path(__file__).parent / "roots"
    docs = Path(__file__).parents[1] / "docs"
    notes = sorted([*roots.rglob("notes/*.rst"), *(docs / "examples" / "notes").glob("*.rst")])
    bodies.extend((path.name, read_note(path).body) for path in notes)
    return bodies


@pytest.mark.parametrize(("name", "body"), rst_bodies(), ids=lambda value: str(value)[:30])
def test_rst_scan_matches_docutils(name: str, body: str) -> None:
    reference = docutils_outline(body)
    if reference is None:  # docutils warns about it: no reference to hold the scan to
        assert name == "NOTE_RST"  # its three kinds of bullets, deliberately in one list
        return
    assert rst_outline(body) == reference


def test_rst_scan_matches_docutils_on_generated_notes(tmp_path: Path) -> None:
    benchmarks = Path(__file__).parents[1] / "benchmarks"
    sys.path.insert(0, str(benchmarks))
    try:
        generate = importlib.import_module("generate")
    finally:
        sys.path.remove(str(benchmarks))
    paths = generate.generate(tmp_path, 60, seed=5, rst_share=1.0)
    compared = 0
    for path in paths:
        body = read_note(path).body
        reference = docutils_outline(body)
        if reference is not None:
            assert rst_outline(body) == reference, path.name
            compared += 1
    assert compared > len(paths) // 2


@pytest.mark.parametrize(
    ("body", "items"),
    [
        (".. _target:\n\n   - a block quote after a target", 1),
        (".. _target: https://example.org\n\n   - a block quote after a target", 1),
        (".. __: https://example.org\n\n   - a block quote after an anonymous target", 1),
        ("..\n\n   - a block quote after an empty comment", 1),
        ("..\n   - a comment\n\n   - the same comment", 0),
        (".. a comment\n\n   - the same comment", 0),
        (".. note::\n\n   - directive content", 0),
        ("- item\n\n  .. _target:\n\n     - a block quote in the item", 1),
    ],
)
def test_rst_explicit_markup_ends_where_docutils_ends_it(body: str, items: int) -> None:
    outline = rst_outline(body + "\n")
    assert outline == docutils_outline(body + "\n")
    assert outline.count(("item", "")) == items


RST_BLOCKS = [
    "Title\n=====",
    "Other title\n-----------",
    "Third\n~~~~~",
    "=======\n Over\n=======",
    "plain prose\non two lines",
    "para ending::\n\n    - literal item",
    "::\n\n    - literal",
    "   indented quote",
    "- item\n- second",
    "- item\n\n  - nested\n\n- after",
    "* star\n  continued",
    "#. auto\n#. auto two",
    "1) one\n2) two",
    "(1) one",
    "• bullet",
    "- item::\n\n      - code in item",
    "- item\n\n  .. - comment in item",
    "- item\n\n  .. _target:\n\n     quoted in the item",
    ".. comment\n   - in comment",
    ".. comment\n\n   - still in the comment",
    "..\n   - in empty comment",
    "..",
    ".. note::\n\n   - in directive",
    ".. code-block:: rst\n\n   - code",
    ".. _target:",
    ".. _target: https://example.org",
    ".. |x| replace:: y",
    "   - quoted item\n   - two",
    ":field: value",
    "text with ``literal`` and :role:`x`",
    "--------",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RST_BLOCKS), min_size=1, max_size=8).map("\n\n".join))
def test_rst_scan_matches_docutils_on_any_arrangement(body: str) -> None:
    reference = docutils_outline(body + "\n")
    if reference is not None:
        assert rst_outline(body + "\n") == reference


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
        "# Highlights\n\n- " + "<!--" * 30_000,
        "# Highlights\n\n<a" + ' b="c"' * 30_000 + " /",
        "# Highlights\n\n" + "| a " * 30_000 + "\n" + "|-" * 30_000,
        "# Highlights\n\n[" + "a" * 60_000,
        "# Highlights\n\n" + "".join(" " * (2 * (i % 50)) + "- x\n" for i in range(30_000)),
        "# Highlights\n\n" + "## A\n\nText:\n\n" * 20_000,
        "Highlights\n==========\n\n- " + "a_ " * 30_000,
        "Highlights\n==========\n\n- " + "a." * 30_000 + "_",
        "# Heading\n" * 50_000,  # lines that may be headings, none a feature heading
        "# Highlights\n" + "text\n---\n" * 30_000,
        "# Highlights\n" + ("text\n" * 12 + "---\n") * 5_000,
        "Heading\n=======\n" * 30_000,
    ],
)
def test_hostile_input_stays_fast(body: str) -> None:
    for syntax in ("markdown", "rst"):
        finishes(lambda syntax=syntax: extract_features(body, syntax=syntax))


# --- The quick look for feature headings before the scan ---------------------------------------
# Features need a feature heading: a body whose lines that may be headings are none is not
# scanned, and the scan stops at the first heading past the last one that may be. Neither may
# change what is found.

QUICK_MARKDOWN = [
    *MARKDOWN_FRAGMENTS,
    "# Highlights",
    "## What's new",
    "What's *new*",
    "New",
    "features",
    "Features",
    "   # New features #",
    "\t# New features",
    "#New features",
    "- Highlights",
    "## More resources",
    "# Thanks",
    "= =",
    "---\t",
    "==  ",
]
QUICK_RST = [
    *RST_BLOCKS,
    "Highlights\n==========",
    "What's new\n----------",
    "==========\nNew features\n==========",
    "Thanks\n======",
    "- Highlights\n==",
    "  Highlights\n============",
    "Changes\n\t=======",
    "Resources\n~~~~~~~~~",
]


def _features_scanned_whole(body: str, syntax: str) -> list[Feature]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(features_module._Candidates, "feature_after", lambda _self, _line: True)
        return extract_features(body, syntax=syntax)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(QUICK_MARKDOWN), max_size=16).map("\n".join))
def test_the_quick_look_changes_nothing_in_markdown(body: str) -> None:
    assert extract_features(body) == _features_scanned_whole(body, "markdown")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(QUICK_RST), max_size=8).map("\n\n".join))
def test_the_quick_look_changes_nothing_in_rst(body: str) -> None:
    assert extract_features(body, syntax="rst") == _features_scanned_whole(body, "rst")


def test_the_quick_look_on_the_notes() -> None:
    for path in sorted(ANNOUNCEMENTS.iterdir()):
        note = read_note(path)
        assert extract_features(note.body, syntax=note.syntax) == _features_scanned_whole(
            note.body, note.syntax
        ), path.name


def test_a_body_without_a_feature_heading_is_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    def scanner(lines: list[str]) -> Iterator[_Heading]:
        raise AssertionError("scanned")

    monkeypatch.setitem(features_module._SYNTAXES, "markdown", (scanner, _markdown_text))
    body = "# Lantern 2.7.0\n\nIt is out.\n\n## Thanks\n\n- to everyone\n"
    assert extract_features(body) == []
    with pytest.raises(AssertionError, match="scanned"):
        extract_features(body.replace("Thanks", "Highlights"))


def test_the_scan_stops_after_the_last_feature_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[int] = []

    def scanner(lines: list[str]) -> Iterator[_Heading | _Item | _Paragraph]:
        for block in _markdown_blocks(lines):
            read.append(block.start)
            yield block

    monkeypatch.setitem(features_module._SYNTAXES, "markdown", (scanner, _markdown_text))
    body = (
        "Lantern 2.7.0 is out.\n\n# Highlights\n\n- Faster\n- Calmer\n\n"
        "# Thanks\n\n- to everyone\n\n" + "# Later\n\n- more\n\n" * 20
    )
    assert texts(extract_features(body)) == ["Faster", "Calmer"]
    assert read[-1] == line_of(body, "# Thanks") - 1  # the first heading past the section


def test_a_long_setext_heading_is_left_to_the_scan() -> None:
    heading = "Highlights of a release\n" + "told at length\n" * 14 + "---\n\n"
    assert texts(extract_features(heading + "- Faster\n")) == ["Faster"]
