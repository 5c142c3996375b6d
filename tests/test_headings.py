"""What a note's headings become: empty ones dropped, a Markdown note starting at ## lifted."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.config.main import MdParserConfig

from sphinxcontrib_releases.headings import drop_empty_headings, lift_headings, says_something


@pytest.mark.parametrize(
    ("text", "shows"),
    [
        ("", False),
        ("   ", False),
        ("**", False),
        ("[]()", False),
        (":", False),
        ("(, )", False),
        ("— …", False),
        ("Highlights", True),
        ("3.13", True),
        ("★", True),
        ("Änderungen", True),
        ("変更点", True),
    ],
)
def test_a_heading_says_something_with_a_letter_digit_or_symbol(text: str, shows: bool) -> None:
    assert says_something(text) is shows


def test_raw_markup_in_a_title_shows_nothing_and_an_image_alt_shows_its_text() -> None:
    title = nodes.title("", "", nodes.raw("", "<br>", format="html"))
    assert not says_something(title)
    title += nodes.image(uri="logo.png", alt="Logo")
    assert says_something(title)


def test_hidden_markup_hides_its_own_text_only() -> None:
    comment = nodes.comment("", "Draft")
    assert not says_something(nodes.title("", "", nodes.emphasis("", "", comment)))
    # the text beside it and after it still counts, however deep
    after = nodes.title("", "", nodes.emphasis("", "", comment.deepcopy()), nodes.Text(" "))
    after += nodes.strong("", "", nodes.inline("", "Go"))
    assert says_something(after)
    # and so does an image's alternative text, even in hidden markup
    image = nodes.title("", "", nodes.raw("", "", nodes.image(uri="x.png", alt="X"), format="html"))
    assert says_something(image)


def _doctree(text: str) -> nodes.document:
    return publish_doctree(text, settings_overrides={"report_level": 5, "doctitle_xform": False})


def _outline(element: nodes.Element) -> list[object]:
    """Titles and paragraphs, nested as sections nest."""
    found: list[object] = []
    for child in element.children:
        if isinstance(child, nodes.section):
            found.append([child[0].astext(), *_outline(child)])
        elif isinstance(child, nodes.paragraph):
            found.append(child.astext())
    return found


REST_NOTE = """\
Orbit 3.1 is out
================

Opening words.

Changes
-------

Faster imports.

\\\x20
--

Under an escaped blank.

Deeper
~~~~~~

Under the blank's own subsection.

`\\ <https://orbit.example/#top>`__
----------------------------------

Under an empty link.
"""


def test_empty_rest_titles_are_dropped_and_their_content_kept_in_order() -> None:
    document = _doctree(REST_NOTE)
    drop_empty_headings(document, document)
    assert _outline(document) == [
        [
            "Orbit 3.1 is out",
            "Opening words.",
            ["Changes", "Faster imports.", "Under an escaped blank."],
            ["Deeper", "Under the blank's own subsection.", "Under an empty link."],
        ]
    ]
    assert all(says_something(title) for title in document.findall(nodes.title))


def test_a_dropped_heading_keeps_its_ids_on_a_target() -> None:
    document = _doctree("Top\n===\n\n.. _kept:\n\n\\ \n--\n\nText.\n")
    drop_empty_headings(document, document)
    target = document.ids["kept"]
    assert isinstance(target, nodes.target)
    assert target.parent is document[0]


def test_a_first_empty_heading_leaves_its_content_in_place() -> None:
    document = _doctree("Top\n===\n\nLead.\n\n\\ \n--\n\nText.\n\nNext\n----\n\nMore.\n")
    drop_empty_headings(document, document)
    assert _outline(document) == [["Top", "Lead.", "Text.", ["Next", "More."]]]


CONFIG = MdParserConfig(enable_extensions={"colon_fence"})

NOTE = """\
---
title: Orbit 3.2 is out
---

## Highlights

- Smaller wheels.

#\x20\x20\x20

Fixes
-----

```text
## not a heading
```

:::{note}
## inside a directive
:::

> ## quoted
"""


def test_a_note_starting_at_h2_is_lifted_one_level_line_for_line() -> None:
    lifted = lift_headings(NOTE, CONFIG)
    assert lifted is not None
    assert lifted.count("\n") == NOTE.count("\n")
    changed = [
        (old, new)
        for old, new in zip(NOTE.split("\n"), lifted.split("\n"), strict=True)
        if old != new
    ]
    # the empty # stays (it is dropped later); code, directive content and quotes are not moved
    assert changed == [("## Highlights", "# Highlights"), ("-----", "=====")]


@pytest.mark.parametrize(
    "text",
    [
        "# Orbit 3.2\n\n## Highlights\n",  # a level 1 of its own
        "## Highlights\n\n# Orbit 3.2\n",  # a level 1 that shows, later on
        "### Deep\n\n## Less deep\n",  # starts at H3: not the extension's to lift
        "No headings at all.\n",
    ],
)
def test_notes_that_do_not_start_at_h2_are_left_as_they_are(text: str) -> None:
    assert lift_headings(text, CONFIG) is None


def test_line_ends_are_kept() -> None:
    assert lift_headings("## A\r\n\r\n### B\r\n", CONFIG) == "# A\r\n\r\n## B\r\n"
