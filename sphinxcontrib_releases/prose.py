"""Where the prose of a note's body is: its paragraphs and sentences, code left out.

Pure Python (no Sphinx, no docutils). :func:`paragraphs` scans a Markdown or reST body line by
line and yields :class:`Paragraph` objects: headings, paragraphs, list items and table rows,
each the text of consecutive lines with its block markers (``-``, ``1.``, ``>``, ``|``) taken
off. Stepped over: fenced and indented code, HTML comments and link definitions in Markdown;
literal blocks (after ``::``), comments, targets and directives in reST, except the
directives whose content is prose (:data:`PROSE_DIRECTIVES`, such as ``note``).
:func:`sentences` cuts a paragraph into sentences and tells the line each starts on.

A line scan, like the feature and changelog readers, rather than markdown-it-py: it needs only
block structure, it must also read reST without docutils, and it runs on every note of every
build. Every step looks at one line and its neighbour, so the work is linear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Final, NamedTuple

from sphinxcontrib_releases.mdlines import fence as _fence

__all__ = ["PROSE_DIRECTIVES", "Paragraph", "paragraphs", "sentences"]


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


class Paragraph(NamedTuple):
    lines: tuple[str, ...]
    """The prose of consecutive file lines, block markers (list, quote) taken off."""
    first: int
    """0-based index of the first line in the body."""
    heading: int = 0
    """The level of a heading; 0 for prose."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


_MD_MARKER: Final = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
_RST_MARKER: Final = re.compile(r"(?:[-*+•]|[0-9]{1,9}[.)]|\([0-9]{1,9}\)|#[.)])(?:[ \t]+|$)")
_MD_LINK_DEF: Final = re.compile(r"\[[^\[\]]{1,999}\]:[ \t]*\S")
_TABLE_RULE: Final = re.compile(r"[|+:=\- \t]+")
_RST_DIRECTIVE: Final = re.compile(r"\.\.[ \t]+(?P<name>[\w:+-]+)[ \t]*::(?:[ \t]+(?P<arg>.*))?$")
_RST_ADORNMENTS: Final = frozenset("=-~^\"'`#*+:._")
PROSE_DIRECTIVES: Final = frozenset(
    _split(
        "admonition attention caution danger error hint important note tip warning seealso "
        "topic sidebar rubric epigraph highlights pull-quote versionadded versionchanged "
        "deprecated"
    )
)
"""reST directives whose content is prose; every other directive's content is stepped over."""


def _atx(body: str) -> tuple[int, str] | None:
    """The level and text of an ATX heading line (``## Schedule ##``), if it is one."""
    level = len(body) - len(body.lstrip("#"))
    if level > 6 or (level < len(body) and body[level] not in " \t"):
        return None
    return level, body[level:].strip().rstrip("#").strip()


def _is_break(body: str) -> bool:
    squeezed = body.replace(" ", "")
    return len(squeezed) >= 3 and not squeezed.strip(squeezed[0])


def _markdown_paragraphs(lines: list[str]) -> Iterator[Paragraph]:
    """Headings, paragraphs, list items and table rows of a Markdown body, in order."""
    para: list[str] = []
    start = 0
    item_para = False  # the open paragraph is a list item's: a ``---`` under it is no title
    fence = ""
    comment = False
    in_list = False
    after_blank = True
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        if "\t" in line:
            line = line.expandtabs(4)
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if comment:
            comment = "-->" not in line
            continue
        if fence:
            if body.startswith(fence) and not body.strip(fence[0]):
                fence = ""
            continue
        if not body:
            if para:
                yield Paragraph(tuple(para), start)
                para = []
            after_blank = True
            continue
        was_blank, after_blank = after_blank, False
        first = body[0]
        if indent >= 4 and not para and not in_list:
            continue  # an indented code block
        if indent == 0 and was_blank and not _MD_MARKER.match(body):
            in_list = False
        ends = True  # whether the line ends the open paragraph
        new: str | None = None  # the prose the line starts, if any
        if first in "`~" and (run := _fence(body)):
            fence = run
        elif first == "#" and (atx := _atx(body)) is not None:
            if para:
                yield Paragraph(tuple(para), start)
                para = []
            if atx[1]:
                yield Paragraph((atx[1],), index, atx[0])
            continue
        elif first in "=-" and para and not item_para and not body.strip(first):
            yield Paragraph(tuple(para), start, 1 if first == "=" else 2)
            para = []
            continue
        elif first in "-*_" and _is_break(body):
            pass
        elif first == "<" and body.startswith("<!--"):
            comment = "-->" not in body[4:]
        elif first == "[" and not para and _MD_LINK_DEF.match(body):
            pass
        elif first == "|":
            if not _TABLE_RULE.fullmatch(body):
                new = body
        elif first in "-*+0123456789" and (marker := _MD_MARKER.match(body)):
            in_list = True
            new = body[marker.end() :].strip()
        else:
            ends = False
            while body.startswith(">"):  # a block quote: its text is prose too
                body = body[1:].lstrip()
            if body:
                if not para:
                    start, item_para = index, False
                para.append(body)
        if ends:
            if para:
                yield Paragraph(tuple(para), start)
                para = []
            if new:
                if first == "|":
                    yield Paragraph((new,), index)
                else:
                    para, start, item_para = [new], index, True
    if para:
        yield Paragraph(tuple(para), start)


def _is_adornment(line: str) -> bool:
    return len(line) >= 2 and line[0] in _RST_ADORNMENTS and not line.strip(line[0])


def _rst_paragraphs(raw_lines: list[str]) -> Iterator[Paragraph]:
    """Section titles, paragraphs, list items and table rows of a reST body, in order."""
    lines = [raw.rstrip().expandtabs(8) if "\t" in raw else raw.rstrip() for raw in raw_lines]
    styles: dict[tuple[str, bool], int] = {}  # title style -> level, by first appearance
    para: list[str] = []
    start = 0
    para_indent = 0
    skip = -1  # lines deeper than this belong to a literal block, comment or directive
    count = len(lines)
    index = 0
    while index < count:
        current = index
        line = lines[index]
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        index += 1
        if skip >= 0:
            if not body or indent > skip:
                continue
            skip = -1
        if not body or body.startswith((".. ", "::")) or body in {"..", "::"}:
            if para:
                yield Paragraph(tuple(para), start)
                if para[-1].endswith("::"):
                    skip = para_indent  # a literal block follows
                para = []
            if not body:
                continue
            directive = _RST_DIRECTIVE.match(body)
            if directive is not None and directive["name"].lower() in PROSE_DIRECTIVES:
                arg = (directive["arg"] or "").strip()
                if arg:
                    para, start, para_indent = [arg], current, indent
                continue
            skip = indent  # a comment, target, or a directive whose content is not prose
            continue
        if not para and indent == 0 and _is_adornment(body):
            below = lines[index].strip() if index < count else ""
            under = lines[index + 1] if index + 1 < count else ""
            if below and not _is_adornment(below) and _is_adornment(under) and under[0] == body[0]:
                yield Paragraph(
                    (below,), current + 1, styles.setdefault((body[0], True), len(styles) + 1)
                )
                index += 2
            continue  # an overline title, or a transition
        below = lines[index] if index < count else ""
        if not para and indent == 0 and _is_adornment(below) and len(below) >= min(len(body), 4):
            yield Paragraph((body,), current, styles.setdefault((below[0], False), len(styles) + 1))
            index += 1
            continue
        if body[0] in "+=" and _TABLE_RULE.fullmatch(body):
            continue  # a table border
        marker = _RST_MARKER.match(body) if body[0] in "-*+•(#0123456789|" else None
        if body[0] == "|" or marker is not None:
            if para:
                yield Paragraph(tuple(para), start)
                if para[-1].endswith("::"):
                    skip = para_indent
                para = []
            if body[0] == "|" and marker is None:
                yield Paragraph((body.strip("| "),), current)
                continue
            if marker is not None:
                body = body[marker.end() :].strip()
            if body:
                para, start, para_indent = [body], current, indent
            continue
        if not para:
            start, para_indent = current, indent
        para.append(body)
    if para:
        yield Paragraph(tuple(para), start)


_SCANNERS: Final = {"markdown": _markdown_paragraphs, "rst": _rst_paragraphs}
SYNTAXES: Final = frozenset(_SCANNERS)
"""The syntaxes :func:`paragraphs` reads."""


def paragraphs(body: str, syntax: str = "markdown") -> Iterator[Paragraph]:
    """The headings, paragraphs, list items and table rows of a note's body, in order (see
    the module documentation). Raises :class:`ValueError` only for an unknown ``syntax``."""
    try:
        scanner = _SCANNERS[syntax]
    except KeyError:
        raise ValueError(f"unknown syntax {syntax!r}: expected 'markdown' or 'rst'") from None
    return scanner(body.split("\n"))


_SENTENCE_END: Final = re.compile(r"[.!?][\"'”’)\]*_`]*\s+(?=[\"'“‘(\[*_`]*[A-Z0-9])")
_ABBREVIATION: Final = re.compile(
    r"(?:^|[\s(])(?:[A-Za-z]|e\.g|i\.e|etc|vs|approx|ca|cf|al|Mr|Mrs|Ms|Dr|St|No|Fig|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)$",
    re.IGNORECASE,
)
"""A word before a full stop that does not end a sentence: an initial, ``e.g``, ``Oct``."""


def sentences(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """The sentences of a paragraph, as written (markup kept), with the 0-based line of the
    body each starts on. A sentence ends at ``.``, ``!`` or ``?`` (closing quotes, brackets
    and emphasis allowed after it) before a space and a capital letter or a digit, unless the
    word before is an abbreviation (``Oct. 2``, ``e.g. Python``)."""
    text = paragraph.text
    starts: list[int] = []
    offset = 0
    for line in paragraph.lines:
        starts.append(offset)
        offset += len(line) + 1
    cuts = [
        match.end()
        for match in _SENTENCE_END.finditer(text)
        if _ABBREVIATION.search(text, max(0, match.start() - 8), match.start()) is None
    ]
    cuts.append(len(text))
    begin = 0
    for end in cuts:
        yield paragraph.first + bisect.bisect_right(starts, begin) - 1, text[begin:end]
        begin = end
