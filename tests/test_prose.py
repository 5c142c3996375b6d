"""The prose of note bodies: paragraphs (code left out) and sentences with their lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_releases.prose import Paragraph, paragraphs, sentences
from tests.conftest import finishes

MARKDOWN = """\
# Title

First paragraph,
on two lines.

Setext title
------------

- an item
  that goes on
- another item
1. numbered

> quoted
> text

```python
code = "not prose"
```

    indented code

<!-- a comment
over lines -->

[label]: https://example.org

| cell | other |
|------|-------|
| row  | more  |

***

Last.
"""


def test_markdown() -> None:
    assert list(paragraphs(MARKDOWN, "markdown")) == [
        Paragraph(("Title",), 0, 1),
        Paragraph(("First paragraph,", "on two lines."), 2),
        Paragraph(("Setext title",), 5, 2),
        Paragraph(("an item", "that goes on"), 8),
        Paragraph(("another item",), 10),
        Paragraph(("numbered",), 11),
        Paragraph(("quoted", "text"), 13),
        Paragraph(("| cell | other |",), 27),
        Paragraph(("| row  | more  |",), 29),
        Paragraph(("Last.",), 33),
    ]


REST = """\
Title
=====

A paragraph
on two lines::

    literal = "not prose"

.. code-block:: python

   also = "not prose"

.. a comment
   over lines

.. note:: An admonition
   is prose.

Section
-------

* an item
* another

+------+-------+
| cell | other |
+------+-------+

Last.
"""


def test_rest() -> None:
    assert list(paragraphs(REST, "rst")) == [
        Paragraph(("Title",), 0, 1),
        Paragraph(("A paragraph", "on two lines::"), 3),
        Paragraph(("An admonition", "is prose."), 15),
        Paragraph(("Section",), 18, 2),
        Paragraph(("an item",), 21),
        Paragraph(("another",), 22),
        Paragraph(("cell | other",), 25),
        Paragraph(("Last.",), 28),
    ]


def test_sentences_and_their_lines() -> None:
    paragraph = Paragraph(
        ("One is here. Two starts here", "and ends here! Three, e.g. this", "one. **Four**."), 7
    )
    assert list(sentences(paragraph)) == [
        (7, "One is here. "),
        (7, "Two starts here\nand ends here! "),
        (8, "Three, e.g. this\none. "),
        (9, "**Four**."),
    ]


def test_abbreviations_and_dates_do_not_end_sentences() -> None:
    paragraph = Paragraph(("Due on Oct. 2, 2023. Mr. Smith agrees. Version 3. 3.12.1 too.",), 0)
    assert [text for _line, text in sentences(paragraph)] == [
        "Due on Oct. 2, 2023. ",
        "Mr. Smith agrees. ",
        "Version 3. ",
        "3.12.1 too.",
    ]


def test_unknown_syntax() -> None:
    with pytest.raises(ValueError, match="unknown syntax"):
        list(paragraphs("text", "asciidoc"))


@given(st.text(max_size=400), st.sampled_from(["markdown", "rst"]))
def test_any_text(body: str, syntax: str) -> None:
    count = body.count("\n") + 1
    for paragraph in paragraphs(body, syntax):
        assert 0 <= paragraph.first < count
        assert paragraph.first + len(paragraph.lines) <= count
        for line, _text in sentences(paragraph):
            assert paragraph.first <= line < paragraph.first + len(paragraph.lines)


@pytest.mark.parametrize("syntax", ["markdown", "rst"])
def test_long_bodies_finish(syntax: str) -> None:
    for body in ("- " * 200_000, "a. " * 200_000, ".. x::\n" * 50_000, "```\n" * 50_000):
        finishes(lambda body=body: [list(sentences(p)) for p in paragraphs(body, syntax)])
