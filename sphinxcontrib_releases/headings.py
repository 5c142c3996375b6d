"""What a note's headings become where the extension places the note: on its page or embedded.

Two things are settled here, once for note pages and embeds alike:

* A heading that shows nothing (``#`` and blanks, a heading that is only an empty link, ``## **``,
  a reST title of markup only) is dropped; what stood under it stays, joined to what came
  before. Sphinx's writers assume a section has a title to show (texinfo names its nodes
  after it, and stops on an empty name).
* A Markdown note that starts at ``##`` is right to: the extension gives it its title, the
  page's first level. MyST counts levels within the file only and would warn that the
  document starts at H2, so the note's headings are read one level up (:func:`lift_headings`);
  docutils sections have no level of their own, so the tree is the same.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Unicode categories whose characters show something: letters, digits and symbols
#: (punctuation and blanks alone say nothing).
_SHOWING = ("L", "N", "S")

#: Nodes whose text is not shown as text: raw output for a writer, comments, messages.
_HIDDEN = (nodes.raw, nodes.comment, nodes.system_message, nodes.substitution_definition)


def says_something(heading: nodes.Element | str) -> bool:
    """Whether a heading (a title node or its text) shows a letter, a digit or a symbol."""
    if isinstance(heading, str):
        return _shows(heading)
    # one walk, which stops at the first text or image that shows something: the text under
    # a hidden node does not count, an image's alternative text does wherever it stands
    stack: list[tuple[Iterator[nodes.Node], bool]] = [(iter((heading,)), inside(heading, _HIDDEN))]
    while stack:
        children, hidden = stack[-1]
        for node in children:
            if isinstance(node, nodes.Text):
                if not hidden and _shows(node.astext()):
                    return True
                continue
            if isinstance(node, nodes.image) and _shows(str(node.get("alt", ""))):
                return True
            if node.children:
                stack.append((iter(node.children), hidden or isinstance(node, _HIDDEN)))
                break
        else:
            stack.pop()
    return False


def _shows(text: str) -> bool:
    return any(unicodedata.category(char)[0] in _SHOWING for char in text)


def inside(node: nodes.Node, kinds: type[nodes.Node] | tuple[type[nodes.Node], ...]) -> bool:
    """Whether one of the node's ancestors is of one of these kinds."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def drop_empty_headings(root: nodes.Element, document: nodes.document) -> None:
    """Dissolve every section under ``root`` whose title shows nothing.

    The section's body joins the end of what precedes it (the last section before it, in its
    deepest last subsection, else its parent in place), its subsections take its place, its ids
    stay on a target where its body now begins, and whatever the title showed besides text
    (an image) stays as a paragraph.
    """
    # last first: a section's subsections are settled before the section itself
    for section in reversed(list(root.findall(nodes.section))):
        title = section[0] if section.children and isinstance(section[0], nodes.title) else None
        if title is None or section.parent is None or says_something(title):
            continue
        _dissolve(section, title, document)


def _dissolve(section: nodes.section, title: nodes.title, document: nodes.document) -> None:
    parent = section.parent
    rest = section.children[1:]
    body: list[nodes.Node] = [c for c in rest if not isinstance(c, nodes.section)]
    subsections: list[nodes.Node] = [c for c in rest if isinstance(c, nodes.section)]
    if any(True for _ in title.findall(nodes.image)):
        body.insert(0, nodes.paragraph("", "", *title.children))
    if section["ids"]:
        target = nodes.target("", "", ids=list(section["ids"]))
        for anchor in section["ids"]:
            document.ids[anchor] = target
        body.insert(0, target)
    for child in section.children:
        child.parent = None
    index = parent.index(section)
    # the body cannot follow a section: it joins the last one before, if any (messages or
    # targets may stand between)
    before = next(
        (c for c in reversed(parent.children[:index]) if isinstance(c, nodes.section)), None
    )
    if before is not None:
        last = before
        while last.children and isinstance(last[-1], nodes.section):
            last = last[-1]
        last.extend(body)
        parent.replace(section, subsections)
    else:
        parent.replace(section, [*body, *subsections])


# -- Markdown notes that start at ## -------------------------------------------------------------

_NEWLINE = re.compile(r"(\r\n?|\n)")
"""Line ends as markdown-it counts them."""
_ATX_MARK = re.compile(r"^( {0,3})#")


def lift_headings(text: str, config: Any) -> str | None:
    """``text`` with its headings one level up when it starts at ``##``, level 1 being the
    extension's: no ``#`` heading of the note shows anything (an empty ``#`` stays where it is,
    and is dropped later).

    Only the headings of the document's own structure move (not those in a block quote, a
    list or a directive's content); ``config`` is MyST's configuration, so that its syntax
    extensions (colon fences...) decide what is a heading as they do when the page is read.
    Every line keeps its number. ``None`` when nothing needs to move.
    """
    headings = list(_top_headings(text, config))
    if not headings or headings[0].level != 2:  # the case MyST warns about
        return None
    if any(h.level == 1 and h.shows for h in headings):
        return None
    parts = _NEWLINE.split(text)  # line n is parts[2 * n], its line end parts[2 * n + 1]
    for heading in headings:
        if heading.level == 1:
            continue
        if heading.end > heading.line + 1:  # a setext heading: its underline decides its level
            underline = 2 * (heading.end - 1)
            parts[underline] = parts[underline].replace("-", "=")
        else:
            parts[2 * heading.line] = _ATX_MARK.sub(r"\1", parts[2 * heading.line], count=1)
    return "".join(parts)


@dataclass(frozen=True)
class _Heading:
    level: int
    line: int
    """0-based line where it starts."""
    end: int
    """0-based line after it."""
    shows: bool
    """Whether its text shows something (:func:`says_something`)."""


def _top_headings(text: str, config: Any) -> Iterator[_Heading]:
    """The headings at the top of the document's structure, in order."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.parsers.mdit import create_md_parser

    tokens = create_md_parser(config, RendererHTML).parse(text)
    for token, inline in itertools.pairwise(tokens):
        if token.type == "heading_open" and token.level == 0 and token.map:
            shown = "".join(
                child.content for child in inline.children or () if child.type != "html_inline"
            )
            yield _Heading(int(token.tag[1:]), token.map[0], token.map[1], says_something(shown))
