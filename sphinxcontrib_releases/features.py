"""Pick the features out of the body of a release note.

A feature is a list item of a feature section, or a sub-heading of one whose text is written
up in prose; :func:`extract_features` gives the rule.

The body is read by a line scan that follows each language's own block rules as far as
features need them: headings (ATX, setext, reST section titles), list items with their
continuation lines, paragraphs, and what holds no text to read -- code blocks (fenced or
indented) and HTML blocks, comments included, as CommonMark defines them; comments, directives
and literal blocks in reST. A scan rather than the real parsers because the reader must stay
fast: over the benchmark's notes, markdown-it-py's block pass alone reads about 1,700 notes a
second and docutils about 200, where the scan reads 7,000 to 10,000. The tests hold the
Markdown scan to markdown-it-py, configured as MyST configures it (CommonMark, tables,
strikethrough).
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, TypeAlias

from .mdlines import atx as _atx
from .mdlines import content_col as _content_col
from .mdlines import fence as _fence
from .mdlines import is_break as _is_break
from .model import Feature
from .peps import find_peps

DEFAULT_FEATURE_HEADINGS: tuple[str, ...] = (
    r"\bnew features?\b",
    r"\bmajor (?:new )?features\b",
    r"\b(?:key|main|notable|minor|other) features\b",
    r"\bhighlights?\b",
    r"\bwhat(?:['’]?s| is) new\b",
    r"^what(?:['’]?s| is) in\b",
    r"\bwhat['’]?s changed\b",
    r"^new in\b",
    r"\b(?:notable|major) changes\b",
    r"^(?:features|changes|improvements|enhancements|added)$",
)
"""Headings that open a feature section (searched, case-insensitive, in the heading text)."""

DEFAULT_STOP_HEADINGS: tuple[str, ...] = (
    r"\bresources\b",
    r"^(?:where to )?download",
    r"^enjoy\b",
    r"^thanks?\b|\bthank you\b|\backnowledge?ments\b|\bcredits\b",
    r"\bsomething completely different\b",
    r"\bcall to action\b",
    r"^install(?:ation|ing)?(?: instructions)?$|\bhow to (?:install|upgrade)\b",
    r"^(?:useful |related |more )?links$",
    r"\bfeedback\b",
    r"\brelease schedule\b",
    r"\bknown (?:issues|bugs|problems)\b",
    r"^see also\b|\bfurther reading\b",
    r"\bgetting help\b",
    r"^contributors\b",
)
"""Sub-headings that are not about changes: they end a feature section."""

DEFAULT_DROP_ITEMS: tuple[str, ...] = (
    r"\bmissing from this list\b",
    r"\blet (?:me|us|the release (?:manager|team)|(?-i:[A-Z])[\w.-]*) know\b",
)
"""Boilerplate items, such as the invitation to name a missing feature, that are left out."""


_NUMBERED_BACKREFERENCE = re.compile(r"\\[1-9]")


@functools.lru_cache(maxsize=64)
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """A case-insensitive search for any of the patterns, compiled once per tuple."""
    each = [re.compile(p, re.IGNORECASE) for p in patterns]
    if not each:
        return lambda _text: False
    if not any(_NUMBERED_BACKREFERENCE.search(p) for p in patterns):
        # One alternation is much faster than a search per pattern; it cannot hold patterns
        # with global inline flags or repeated group names, nor renumber backreferences.
        try:
            joined = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        except re.error:
            pass
        else:
            return lambda text: joined.search(text) is not None
    return lambda text: any(p.search(text) for p in each)


@functools.lru_cache(maxsize=64)
def _heading_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """:func:`_matcher` remembering its answers: notes repeat the same headings."""
    return functools.lru_cache(maxsize=1024)(_matcher(patterns))


# --- Blocks -----------------------------------------------------------------------------------


class _Heading(NamedTuple):
    level: int
    text: str
    """The heading's inline source."""
    start: int
    """0-based line of the heading's text."""


class _Paragraph(NamedTuple):
    """A paragraph outside list items (in reST, any text block that is not a list or title)."""

    start: int
    """0-based line of its first line."""
    lines: list[str]
    """Its lines, without their indentation."""


class _Item:
    """A list item being read: its source chunks and the prose they hold."""

    __slots__ = (
        "blank",
        "col",
        "cols",
        "inside",
        "open",
        "parts",
        "prose",
        "start",
        "verbatim",
        "verbatim_line",
    )

    def __init__(self, start: int, col: int, content: str) -> None:
        self.start = start
        """0-based line of the marker."""
        self.col = col
        """Column where the item's content starts; deeper lines belong to it."""
        self.cols: list[int] = []
        """Markdown: content columns of the nested items open in it, innermost last."""
        self.parts: list[str] = [content] if content else []
        self.prose: list[str] = [content] if content else []
        self.open = bool(content)
        """The last chunk is prose that a plain continuation line extends."""
        self.blank = False
        """A blank line came since the last chunk."""
        self.verbatim = -1
        """reST: indent of the line that opened a literal block or directive, else -1."""
        self.verbatim_line = False
        """reST: the explicit markup at ``verbatim`` ends at a blank line (a target)."""
        self.inside: tuple[str, re.Pattern[str] | None] | None = None
        """Markdown: a fence or HTML block that the last line opened, for the block scan."""

    def _sep(self) -> str:
        if not self.parts:
            return ""
        return "\n\n" if self.blank else "\n"

    def line(self, rel: str, body: str) -> None:
        """A line of prose: continues the last chunk or, after a blank line, starts one."""
        if self.open and not self.blank:
            # Appended, not concatenated: the joins at the end put the same single space.
            self.parts.append(" " + body)
            self.prose.append(body)
        else:
            self.parts.append(self._sep() + rel)
            self.prose.append(body)
            self.open = True
        self.blank = False

    def block(self, rel: str, content: str, *, continued: bool = True) -> None:
        """A nested list item or heading, on a line of its own; ``continued``: lines may follow."""
        self.parts.append(self._sep() + rel)
        self.prose.append(content)
        self.open = continued
        self.blank = False

    def code(self, rel: str) -> None:
        """A line of a code block, HTML block or directive: kept as is, not part of the text."""
        self.parts.append(self._sep() + rel)
        self.open = False
        self.blank = False

    @property
    def source(self) -> str:
        return "".join(self.parts).strip()

    @property
    def plain_source(self) -> str:
        return " ".join(self.prose)


_Block: TypeAlias = _Heading | _Paragraph | _Item

_MD_MARKER = re.compile(r"(?P<m>[-*+]|(?P<n>[0-9]{1,9})[.)])(?:[ \t]+|$)")
_RST_MARKER = re.compile(r"(?P<m>[-*+•]|[0-9]{1,9}[.)]|\([0-9]{1,9}\)|#[.)])(?:[ \t]+|$)")
_MD_MARKER_START = frozenset("-*+0123456789")
_RST_MARKER_START = frozenset("-*+•(#0123456789")
_RST_ADORNMENTS = frozenset("=-~^\"'`#*+:._")


# The seven kinds of CommonMark HTML blocks: how each starts and what ends it. The first five end
# on the line that holds their closing text (possibly the first line); the last two at a blank
# line, and the seventh, a lone tag, cannot interrupt a paragraph.
_UNTIL_BLANK = re.compile(r"\A\Z")
_HTML_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
    "header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|"
    "param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_HTML_VALUE = r"""(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*")"""
_HTML_ATTRIBUTE = rf"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*{_HTML_VALUE})?)"
_HTML_STARTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"<(?:script|pre|style|textarea)(?=[\s>]|$)", re.IGNORECASE | re.ASCII),
        re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE | re.ASCII),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (
        re.compile(rf"</?(?:{_HTML_BLOCK_NAMES})(?=\s|/?>|$)", re.IGNORECASE | re.ASCII),
        _UNTIL_BLANK,
    ),
)
_HTML_LONE_TAG = re.compile(
    rf"(?:<[A-Za-z][A-Za-z0-9-]*{_HTML_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"
)


def _html_block(body: str, *, in_paragraph: bool) -> re.Pattern[str] | None:
    """What ends the HTML block that ``body`` starts (``body`` begins with ``<``), or ``None``.

    The pattern is searched in each line from the first; :data:`_UNTIL_BLANK` matches only a
    blank line.
    """
    for opening, ending in _HTML_STARTS:
        if opening.match(body):
            return ending
    if not in_paragraph and _HTML_LONE_TAG.match(body):
        return _UNTIL_BLANK
    return None


_TABLE_DELIMITER = re.compile(r"[-:|](?<!-(?=[ \t]))[-:|\s]*$")
_TABLE_CELL = re.compile(r":?-+:?")
_BAR = re.compile(r"\|")
_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")


def _cells(row: str, pattern: re.Pattern[str]) -> list[str]:
    """The cells of a table row, split at ``pattern``, without empty ones at either end."""
    cells = [cell.strip() for cell in pattern.split(row.strip())]
    if cells and not cells[0]:
        del cells[0]
    if cells and not cells[-1]:
        del cells[-1]
    return cells


def _table_starts(header: str, delimiter: str) -> bool:
    """Whether two lines open a table (GFM): a header row and a delimiter row that match."""
    if "|" not in header or not _TABLE_DELIMITER.match(delimiter):
        return False
    alignments = _cells(delimiter, _BAR)
    if not all(_TABLE_CELL.fullmatch(cell) for cell in alignments):
        return False
    return len(_cells(header, _UNESCAPED_BAR)) == len(alignments)


_LINK_DEFINITION = re.compile(r"\[(?:[^\[\]\\]|\\.)+\]:(?:[ \t]|$)")
"""The start of a link reference definition, ``[label]: destination``."""


def _interrupts(marker: re.Match[str], content: str) -> bool:
    """Whether a list item can start in the middle of a paragraph (CommonMark): not empty, and
    an ordered one only from 1."""
    number = marker["n"]
    return bool(content) and (number is None or int(number) == 1)


def _item_line(item: _Item, line: str, body: str, indent: int) -> None:
    """Read a line of a Markdown item's content (``indent`` reaches the item's column).

    A line that opens a fence or an HTML block leaves it in ``item.inside``.
    """
    cols = item.cols
    depth = len(cols)  # how many nested items the line stays in
    while depth and indent < cols[depth - 1]:
        depth -= 1
    container = cols[depth - 1] if depth else item.col
    rel = line[item.col :]
    in_prose = item.open and not item.blank
    first = body[0]
    if indent - container >= 4:
        if in_prose:
            item.line(rel, body)  # a paragraph goes on, however deep
            return
        del cols[depth:]
        item.code(rel)  # an indented code block
        return
    if first in "`~" and (run := _fence(body)):
        item.inside = (run, None)
        item.code(rel)
    elif first == "<" and (end := _html_block(body, in_paragraph=in_prose)):
        if not end.search(line):
            item.inside = ("", end)
        item.code(rel)
    elif first in "-*_" and _is_break(body):
        item.code(rel)  # a thematic break, or a setext underline: no text
    elif first in _MD_MARKER_START and (marker := _MD_MARKER.match(body)):
        content = body[marker.end() :]
        if in_prose and not _interrupts(marker, content.strip()):
            item.line(rel, body)
            return
        del cols[depth:]
        cols.append(_content_col(indent, marker))
        item.block(rel, content)
        return
    elif first == "#" and (atx := _atx(body)) is not None:
        item.block(rel, atx[1], continued=False)
    elif first == ">":
        item.block(rel, body.lstrip("> "))  # a block quote: its text, not its markers
    else:
        if not in_prose:
            del cols[depth:]
        item.line(rel, body)  # a paragraph's line: lazy ones keep the nested items open
        return
    del cols[depth:]


def _markdown_blocks(lines: list[str]) -> Iterator[_Block]:
    """Headings, paragraphs and top-level list items of a Markdown body, in order.

    Code blocks and HTML blocks are no blocks of their own: outside items they are passed
    over, inside an item they are kept in its source but not in its text.
    """
    item: _Item | None = None
    para: list[str] = []  # the current paragraph outside items
    para_at = 0
    table = False  # the paragraph is a table (GFM)
    quoted = False  # a block quote is open: lazy lines belong to it
    fence = ""
    html: re.Pattern[str] | None = None  # what ends the open HTML block
    in_item = False  # whether the open fence or HTML block is in ``item``
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        if "\t" in line:
            line = line.expandtabs(4)
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if fence or html:
            if in_item and item is not None and body and indent < item.col:
                fence, html = "", None  # the item ends, and its block with it: read the line anew
            elif fence:
                if in_item and item is not None:
                    if body:
                        item.code(line[item.col :])
                    else:
                        item.blank = True
                if body.startswith(fence) and not body.strip(fence[0]):
                    fence = ""
                continue
            elif html is _UNTIL_BLANK:
                if body:
                    if in_item and item is not None:
                        item.code(line[item.col :])
                    continue
                html = None  # the blank line that ends the block is read as one
            else:
                if in_item and item is not None:
                    if body:
                        item.code(line[item.col :])
                    else:
                        item.blank = True
                if html is not None and html.search(line):
                    html = None
                continue
        if not body:
            if para:
                yield _Paragraph(para_at, para)
                para, table = [], False
            quoted = False
            if item is not None:
                if not item.parts:  # an item can start with one blank line, not hold one
                    yield item
                    item = None
                else:
                    item.blank = True
            continue
        first = body[0]
        if item is not None and indent >= item.col:
            _item_line(item, line, body, indent)
            if item.inside is not None:
                (fence, html), in_item = item.inside, True
                item.inside = None
            continue
        if indent <= 3:
            ends = True  # whether the line ends the item and paragraph before it
            new: _Block | None = None
            if first == "#" and (atx := _atx(body)) is not None:
                if not atx[1]:
                    continue  # an empty heading: as if the line were not there
                new = _Heading(atx[0], atx[1], index)
            elif first in "`~" and (run := _fence(body)):
                fence, in_item = run, False
            elif first == "<" and (
                end := _html_block(  # a lone tag cannot end a paragraph, nor a table's rows
                    body,
                    in_paragraph=bool(para)
                    or quoted
                    or (item is not None and item.open and not item.blank),
                )
            ):
                if not end.search(line):
                    html, in_item = end, False
            elif para and not table and first in "=-" and not body.strip(first):
                new = _Heading(1 if first == "=" else 2, " ".join(para), para_at)
                para = []  # the paragraph is the heading's text
            elif first in "-*_" and _is_break(body):
                pass
            elif first in _MD_MARKER_START and (marker := _MD_MARKER.match(body)):
                content = body[marker.end() :].strip()
                if para and not table and not _interrupts(marker, content):
                    ends = False
                else:
                    new = _Item(index, _content_col(indent, marker), content)
            else:
                ends = first == ">"
            if ends:
                if item is not None:
                    yield item
                if para:
                    yield _Paragraph(para_at, para)
                    para, table = [], False
                quoted = first == ">"
                item = new if isinstance(new, _Item) else None
                if isinstance(new, _Heading):
                    yield new
                continue
        if item is not None and item.open and not item.blank:
            item.line(body, body)  # a lazy continuation line
            continue
        if item is not None:
            yield item
            item = None
        if quoted:
            continue  # a lazy line of a block quote
        if not para:
            if indent >= 4:
                continue  # an indented code block
            if first == "[" and _LINK_DEFINITION.match(body):
                continue  # a link reference definition: not text
            para_at = index
        elif table:
            if indent >= 4:  # an indented code block ends the table
                yield _Paragraph(para_at, para)
                para, table = [], False
                continue
        elif first in "|-:" and _table_starts(para[-1], body):
            table = True
            if len(para) > 1:  # the table starts at the paragraph's last line
                yield _Paragraph(para_at, para[:-1])
                para, para_at = [para[-1]], index - 1
        para.append(body)
    if item is not None:
        yield item
    if para:
        yield _Paragraph(para_at, para)


def _is_adornment(line: str) -> bool:
    return len(line) >= 2 and line[0] in _RST_ADORNMENTS and not line.strip(line[0])


def _is_explicit(body: str) -> bool:
    """A reST comment, directive, target or footnote: ``..`` then a space or nothing."""
    return body.startswith(".. ") or body == ".."


def _ends_at_blank(body: str, below: str) -> bool:
    """Explicit markup that a blank line ends (what is indented after it is a block quote): a
    hyperlink target, or an empty comment (``..`` with a blank line below)."""
    if body == "..":
        return not below.strip()
    return body.startswith((".. _", ".. __:"))


def _rst_blocks(raw_lines: list[str]) -> Iterator[_Block]:
    """Section titles, paragraphs and top-level list items of a reST body, in order.

    Comments, directives, targets and literal blocks are no blocks of their own: outside items
    they are passed over, inside an item they are kept in its source but not in its text.
    """
    lines = [raw.rstrip().expandtabs(8) if "\t" in raw else raw.rstrip() for raw in raw_lines]
    styles: dict[tuple[str, bool], int] = {}  # title style -> level, by first appearance
    item: _Item | None = None
    para: list[str] = []  # the current paragraph outside items
    para_at = 0
    skip = -1  # outside items: lines deeper than this belong to a directive or literal block
    skip_line = False  # the skipped markup ends at a blank line
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        index += 1
        if skip >= 0:
            inside = indent > skip if body else not skip_line  # a blank line ends a target
            if inside:
                continue
            skip = -1
        if not body:
            if item is not None:
                item.blank = True
                if item.verbatim_line:
                    item.verbatim = -1
            if para:
                yield _Paragraph(para_at, para)
                para = []
            continue
        if item is not None and item.verbatim >= 0:
            if indent > item.verbatim:
                item.code(line[item.col :])
                continue
            item.verbatim = -1
        if item is not None and indent >= item.col:
            rel = line[item.col :]
            if _is_explicit(body):
                item.code(rel)
                below = lines[index] if index < count else ""
                item.verbatim, item.verbatim_line = indent, _ends_at_blank(body, below)
                continue
            if body[0] in _RST_MARKER_START and (marker := _RST_MARKER.match(body)):
                item.block(rel, body[marker.end() :])
            else:
                item.line(rel, body)
            if body.endswith("::"):
                item.verbatim, item.verbatim_line = indent, False
            continue
        if item is not None:
            yield item
            item = None
        below = lines[index] if index < count else ""
        if body == "::" or _is_explicit(body):
            if para:
                yield _Paragraph(para_at, para)
                para = []
            # what follows, indented, is a literal block, comment or directive
            skip, skip_line = indent, _ends_at_blank(body, below)
            continue
        if indent == 0 and _is_adornment(body):
            under = lines[index + 1] if index + 1 < count else ""
            title = below.strip()
            if title and not _is_adornment(title) and _is_adornment(under) and under[0] == body[0]:
                if para:
                    yield _Paragraph(para_at, para)
                    para = []
                yield _Heading(styles.setdefault((body[0], True), len(styles) + 1), title, index)
                index += 2
            continue  # an overline title, or a transition
        if indent == 0 and _is_adornment(below) and len(below) >= min(len(body), 4):
            above = lines[index - 2] if index >= 2 else ""
            if not above or _is_adornment(above):
                level = styles.setdefault((below[0], False), len(styles) + 1)
                yield _Heading(level, body, index - 1)
                index += 1
                continue
        if body[0] in _RST_MARKER_START and (marker := _RST_MARKER.match(body)):
            if para:
                yield _Paragraph(para_at, para)
                para = []
            content = body[marker.end() :].strip()
            item = _Item(index - 1, _content_col(indent, marker), content)
            if content.endswith("::"):
                item.verbatim = item.col
            continue
        if not para:
            para_at = index - 1
        para.append(body)
        if body.endswith("::"):
            yield _Paragraph(para_at, para)  # a literal block follows: the paragraph ends
            para = []
            skip, skip_line = indent, False
    if item is not None:
        yield item
    if para:
        yield _Paragraph(para_at, para)


# --- Plain text -------------------------------------------------------------------------------

_PAREN_TARGET = r"\([^()]*(?:\([^()]*\)[^()]*)*\)"  # a link target, one level of parentheses
# Each branch starts with a plain character, lookbehinds come after it: the regex engine can
# then skip ahead to the next candidate character instead of trying every position.
_MD_IMAGE = re.compile(rf"!\[[^\[\]]*\]{_PAREN_TARGET}")
_MD_INLINE = re.compile(
    rf"""
    \[(?P<link>[^\[\]]*)\](?:{_PAREN_TARGET}|\[[^\[\]]*\])
  | <(?:(?P<auto>(?:https?|ftp|mailto):[^<>\s]*)>|/?[A-Za-z][^<>]*>)
  | `(?:`(?P<code2>(?:[^`]|`(?!`))+)``|(?<!``)(?P<code>[^`]+)`)
  | \*(?<![*\w]\*)\*{{0,2}}(?P<star>[^*\s](?:[^*]*[^*\s])?)\*{{1,3}}
  | _(?<![_\w]_)_{{0,2}}(?P<under>[^_\s](?:[^_]*[^_\s])?)_{{1,3}}(?![_\w])
    """,
    re.VERBOSE,
)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_SPECIAL = re.compile(r"[\[<`*_&]")


def _md_inline(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind is None:
        return ""  # an HTML tag
    inner = match[kind]
    if kind in {"code", "code2", "auto"} or not _MD_SPECIAL.search(inner):
        return inner
    return _MD_INLINE.sub(_md_inline, inner)


def _without_comments(source: str) -> str:
    """``source`` without its HTML comments (``<!--`` to the next ``-->``)."""
    kept: list[str] = []
    position = 0
    while (start := source.find("<!--", position)) >= 0:
        end = source.find("-->", start + 4)
        if end < 0:
            break
        kept.append(source[position:start])
        position = end + 3
    kept.append(source[position:])
    return "".join(kept)


def _markdown_text(source: str) -> str:
    """Plain text of Markdown inline source: markup dropped, whitespace collapsed."""
    if "<!--" in source:
        source = _without_comments(source)
    if "\\" in source:
        source = _MD_ESCAPE.sub(r"\1", source)
    if "![" in source:  # first, for an image inside a link
        source = _MD_IMAGE.sub("", source)
    if _MD_SPECIAL.search(source):
        source = _MD_INLINE.sub(_md_inline, source)
        if "&" in source:
            source = html.unescape(source)
    return " ".join(source.split())


_RST_INLINE = re.compile(
    r"""
    \\(?P<esc>.)
  | `(?:`(?P<lit>(?:[^`]|`(?!`))+)``
      |(?<![\w`]`)(?P<interp>[^`]+)`(?:__?|:(?P<suffix>[\w+.-]+(?::[\w+.-]+)?):)?)
  | :(?<![\w`]:)(?P<role>[\w+.-]+(?::[\w+.-]+)?):`(?P<target>[^`]*)`
  | (?P<colons>::)(?=\s|$)
  | \*(?<![\w*]\*)(?:\*(?P<strong>[^*]+)\*\*|(?P<em>[^*\s][^*]*)\*)
  | \[(?:[0-9]+|\#[\w-]*|\*)\]_
    """,
    re.VERBOSE,
)
_RST_SPECIAL = re.compile(r"[\\`*\[]|::|_(?!\w)")


def _split_target(content: str) -> tuple[str, str]:
    """``title <target>`` as ``(title, target)``; plain content as ``("", content)``."""
    if content.endswith(">") and "<" in content:
        cut = content.rfind("<")
        return content[:cut].strip(), content[cut + 1 : -1]
    return "", content


_PYTHON_ROLES = frozenset(
    ("attr", "class", "const", "data", "exc", "func", "meth", "mod", "obj", "type")
)
"""Python domain roles: Sphinx drops a leading ``.`` of their target from the text shown."""
_SAMP_BRACE = re.compile(r"\\([{}])|[{}]")


def _role_text(role: str, target: str) -> str:
    """The text Sphinx shows for ``:role:`target``` written without an explicit title."""
    name = role.rpartition(":")[2].lower()
    if name in {"pep", "rfc"}:
        return f"{name.upper()} {target.partition('#')[0].strip()}"
    if name == "abbr":  # ``LIFO (last-in, first-out)`` shows as ``LIFO``
        return target.partition(" (")[0]
    if name == "menuselection":
        return target.replace("-->", "‣")
    if name == "guilabel":  # ``&`` marks the accelerator key; ``&&`` is an ampersand
        return "&".join(part.replace("&", "") for part in target.split("&&"))
    if name in {"samp", "file"}:  # ``{name}`` marks a variable part
        return _SAMP_BRACE.sub(lambda m: m[1] or "", target)
    target = target.lstrip("!")
    if name in _PYTHON_ROLES:
        target = target.lstrip(".")
    if target.startswith("~"):
        return target[1:].rpartition(".")[2]
    return target


def _rst_inline(match: re.Match[str]) -> str:
    kind = match.lastgroup
    if kind is None:  # a footnote reference
        return ""
    if kind == "colons":  # the ``::`` before a literal block: ``:`` after a word, else nothing
        start = match.start()
        return ":" if start and not match.string[start - 1].isspace() else ""
    inner = match[kind]
    if kind in {"esc", "lit"}:
        return "" if inner.isspace() else inner
    if kind == "target":
        title, target = _split_target(inner)
        return title or _role_text(match["role"], target)
    if kind == "suffix":  # a role written after its text
        title, target = _split_target(match["interp"])
        return title or _role_text(inner, target)
    if kind == "interp":
        title, target = _split_target(inner)
        return title or target
    return _rst_plain(inner)


_SIMPLE_REFERENCE = re.compile(r"(?<![\w.+:-])([^\W_](?:[\w.+:-]*[^\W_])?)__?(?!\w)")
"""A simple reference, ``name_`` or ``name__``: it shows as ``name``."""


def _unmarked(text: str) -> str:
    """Plain text between inline markup: simple references lose their underscores."""
    return _SIMPLE_REFERENCE.sub(r"\1", text) if "_" in text else text


def _rst_plain(source: str) -> str:
    """reST inline source with each piece of markup replaced by the text it shows."""
    if not _RST_SPECIAL.search(source):
        return source
    kept: list[str] = []
    position = 0
    for match in _RST_INLINE.finditer(source):
        kept.append(_unmarked(source[position : match.start()]))
        kept.append(_rst_inline(match))
        position = match.end()
    kept.append(_unmarked(source[position:]))
    return "".join(kept)


def _rst_text(source: str) -> str:
    """Plain text of reST inline source: markup dropped, whitespace collapsed."""
    return " ".join(_rst_plain(source).split())


# --- Sections ---------------------------------------------------------------------------------

_SYNTAXES: dict[str, tuple[Callable[[list[str]], Iterator[_Block]], Callable[[str], str]]] = {
    "markdown": (_markdown_blocks, _markdown_text),
    "rst": (_rst_blocks, _rst_text),
}


def plain_text(source: str, syntax: str = "markdown") -> str:
    """Inline markup of either syntax reduced to its words, whitespace collapsed."""
    return _rst_text(source) if syntax == "rst" else _markdown_text(source)


_PENDING, _LIST, _PROSE = "pending", "list", "prose"
_EMPTY_LINK = re.compile(r"\[\]\([^()]*\)")  # a Markdown heading's anchor link, ``[](#x)``


class _Subsection:
    """A heading under a feature heading, and what its content has shown it to be so far.

    ``pending`` until its first paragraph or list decides: ``list`` when its list items are
    features, ``prose`` when it is one feature itself.
    """

    __slots__ = ("heading", "kind", "lead", "lead_end", "level", "title")

    def __init__(self, heading: _Heading, title: str, kind: str) -> None:
        self.heading = heading
        self.level = heading.level
        self.title = title
        self.kind = kind
        self.lead: str | None = None
        """A first paragraph that ends with a colon: it may introduce a list."""
        self.lead_end = 0
        """0-based line after the lead."""


class _Collector:
    """Features from a note's blocks, one block at a time."""

    def __init__(
        self,
        lines: list[str],
        syntax: str,
        first_line: int,
        headings: Sequence[str],
        stop_headings: Sequence[str],
        drop_items: Sequence[str],
    ) -> None:
        self.lines = lines
        self.syntax = syntax
        self.plain = _SYNTAXES[syntax][1]
        self.titles: dict[str, str] = {}
        """The title of each heading text met."""
        self.first_line = first_line
        self.is_feature = _heading_matcher(tuple(headings))
        self.is_stop = _heading_matcher(tuple(stop_headings))
        self.is_dropped = _matcher(tuple(drop_items))
        self.features: list[Feature] = []
        self.level = 0
        """The level of the open feature section; 0 when none is open."""
        self.open: list[_Subsection] = []
        """Its subsections open at this point, outermost first."""

    def title(self, text: str) -> str:
        """A heading's title: its plain text, without a closing colon; each worked out once."""
        title = self.titles.get(text)
        if title is None:
            title = self.titles[text] = self.plain(text).rstrip(" :")
        return title

    def heading(self, block: _Heading) -> None:
        title = self.title(block.text)
        if not title:
            return
        if not self.level or block.level <= self.level:
            self.close()
            self.level = block.level if self.is_feature(title) else 0
            return
        self.close(block.level)
        top = self.open[-1] if self.open else None
        if top is not None and top.kind is _PROSE:
            return  # a heading inside a feature's own text
        if self.is_stop(title):
            self.close()
            self.level = 0
            return
        if top is not None and top.kind is _PENDING:
            top.kind = _LIST  # a heading over subsections, with at most an introduction
        kind = _LIST if self.is_feature(title) else _PENDING
        self.open.append(_Subsection(block, title, kind))

    def paragraph(self, block: _Paragraph) -> None:
        if self.open[-1].kind is not _PENDING:
            return
        text = self.plain(" ".join(block.lines))
        if not text:
            return
        top = self.open[-1]
        if top.lead is None and text.endswith(":"):
            top.lead = text  # may introduce a list: what follows decides
            top.lead_end = block.start + len(block.lines)
            return
        top.kind = _PROSE
        self._subsection(top, top.lead or text, len(self.open) - 1)

    def item(self, block: _Item) -> None:
        section = None
        if self.open:
            top = self.open[-1]
            if top.kind is _PENDING and top.lead is not None and not self._follows(top, block):
                top.kind = _PROSE  # the lead introduced something else first
                self._subsection(top, top.lead, len(self.open) - 1)
            if top.kind is _PROSE:
                return  # a list inside a feature's own text
            top.kind, top.lead, section = _LIST, None, top.title
        text = self.plain(block.plain_source)
        if not text or self.is_dropped(text):
            return
        source = block.source
        self.features.append(
            Feature(
                text=text,
                markdown=source,
                section=section,
                peps=find_peps(source),
                line=self.first_line + block.start,
            )
        )

    def _follows(self, subsection: _Subsection, item: _Item) -> bool:
        """Whether ``item`` comes right after the subsection's lead, blank lines apart."""
        between = self.lines[subsection.lead_end : item.start]
        return not any(line.strip() for line in between)

    def close(self, level: int = 0) -> None:
        """Close the open subsections of ``level`` or deeper (all of them for 0)."""
        while self.open and self.open[-1].level >= level:
            subsection = self.open.pop()
            if subsection.kind is _PENDING and subsection.lead is not None:
                self._subsection(subsection, subsection.lead, len(self.open))

    def _subsection(self, subsection: _Subsection, description: str, depth: int) -> None:
        """Add ``subsection``, at ``depth`` in the open ones, as one feature."""
        text = subsection.title
        if self.is_dropped(text):
            return
        source = subsection.heading.text
        if self.syntax == "markdown" and "[]" in source:
            source = _EMPTY_LINK.sub("", source).strip()
        self.features.append(
            Feature(
                text=text,
                markdown=source,
                section=self.open[depth - 1].title if depth else None,
                peps=tuple(sorted({*find_peps(source), *find_peps(description)})),
                line=self.first_line + subsection.heading.start,
                description=description,
            )
        )


# Lines that may be headings, or stand under one, whatever the blocks around them: ATX headings
# and setext underlines (Markdown), adornments (reST). Each is found from the line break before
# it (the first line of a Markdown body is looked at apart), as a search for a literal
# character is many times faster than one for ``^``; what each finds is checked as the scans
# check it.
_MD_HEADING_LINE = re.compile(r"\n {0,3}(?:#|=+[^\S\n]*$|-+[^\S\n]*$)", re.MULTILINE)
_RST_ADORNMENT_LINE = re.compile(r"\n([=\-~^\"'`#*+:._])\1")
_MAX_SETEXT_LINES = 12
"""How many lines over a setext underline are tried as its heading; over more, the scan runs."""


class _Candidates:
    """The lines that may be headings, and where the next that is a feature heading stands: a
    quick necessary test before the scan, which finds no features when none of them is a
    feature heading, and need not read past the last.

    Every line is taken as the block scans take it; a setext underline is tried with every run
    of the lines over it, as the scan may take any of them as its heading. The lines are found
    at once, their headings' texts and titles only as far as a feature heading is looked for
    (the scan takes the titles from there).
    """

    def __init__(self, body: str, lines: list[str], syntax: str, collector: _Collector) -> None:
        self.lines = lines
        self.syntax = syntax
        self.collector = collector
        self.found: list[int] = []
        """The 0-based lines that may be headings (Markdown: ATX headings and underlines;
        reST: the lines over adornments), in order."""
        self.starts: list[int] = []
        """The line each one's heading would start on at the latest (over an underline)."""
        pattern = _MD_HEADING_LINE if syntax == "markdown" else _RST_ADORNMENT_LINE
        index = position = 0
        if syntax == "markdown" and _MD_HEADING_LINE.match("\n" + lines[0]):
            self.found.append(0)
            self.starts.append(0)
        for match in pattern.finditer(body):
            index += body.count("\n", position, match.start())  # the line breaks before it
            position = match.start()
            if syntax == "markdown":  # the line after the break
                underline = lines[index + 1].lstrip(" ")[:1] != "#"
                self.found.append(index + 1)
                self.starts.append(index if underline else index + 1)
            else:  # the line over the adornment
                self.found.append(index)
                self.starts.append(index)

    def _texts(self, at: int) -> Iterator[str | None]:
        """The texts of the heading that candidate ``at`` may be; ``None`` when the scan must
        decide (a run of lines over an underline too long to try)."""
        lines, index = self.lines, self.found[at]
        if self.syntax != "markdown":
            line = lines[index].rstrip()
            yield (line.expandtabs(8) if "\t" in line else line).strip()
            return
        head = _md_body(lines[index])  # indented by three spaces at most, as found
        if head[0] == "#":
            atx = _atx(head)
            if atx is not None and atx[1]:
                yield atx[1]
            return
        if head.strip(head[0]):
            return  # not an underline
        above: list[str] = []
        for line in reversed(lines[max(0, index - _MAX_SETEXT_LINES) : index]):
            text = _md_body(line)
            if not text:
                return
            above.insert(0, text)
            yield " ".join(above)
        if index > _MAX_SETEXT_LINES:
            yield None  # a longer run may be the heading: let the scan decide

    def feature_after(self, line: int) -> bool:
        """Whether a feature heading may start after the 0-based ``line``."""
        collector = self.collector
        for at in range(bisect.bisect_right(self.starts, line), len(self.found)):
            for text in self._texts(at):
                if text is None or (
                    (title := collector.title(text)) and collector.is_feature(title)
                ):
                    self.next = self.starts[at]
                    return True
        return False

    next = -1
    """The line of the feature heading last found ahead."""


def _md_body(line: str) -> str:
    """A Markdown line as the block scan reads it: without its indentation and trailing blanks."""
    line = line.rstrip()
    if "\t" in line:
        line = line.expandtabs(4)
    return line.lstrip(" ")


def extract_features(
    body: str,
    *,
    syntax: str = "markdown",
    first_line: int = 1,
    headings: Sequence[str] = DEFAULT_FEATURE_HEADINGS,
    stop_headings: Sequence[str] = DEFAULT_STOP_HEADINGS,
    drop_items: Sequence[str] = DEFAULT_DROP_ITEMS,
) -> list[Feature]:
    """The features of the feature sections of a note's body.

    A feature section opens at a heading matching one of ``headings`` and runs until a heading
    as high or higher that does not match, or a deeper one matching ``stop_headings``. Its
    features are:

    - the top-level list items written directly under it;
    - for each deeper heading (a subsection), what its first paragraph or list decides:

      - a list, or a paragraph ending with a colon and right after it a list: the
        subsection's list items are features, with the subsection's title as their
        ``section``, and its paragraphs are not;
      - a paragraph: the subsection is one feature, its title the text, its first paragraph the
        ``description``; whatever else it holds (lists, code, deeper headings) is part of it;
      - a deeper heading first: the subsection only groups the ones below it.

      A subsection whose title is itself a feature heading (``Minor features``) always holds a
      list or groups subsections; it is never one feature.

    Code blocks, HTML blocks and comments (Markdown), and comments, directives and literal
    blocks (reST) decide nothing and hold no features. Features whose text matches one of
    ``drop_items`` are left out. ``first_line`` is the file line of the body's first line.
    Patterns are regular expressions, searched case-insensitively; a bad one raises
    :class:`re.error`.
    """
    try:
        blocks = _SYNTAXES[syntax][0]
    except KeyError:
        raise ValueError(f"unknown syntax {syntax!r}: expected 'markdown' or 'rst'") from None
    lines = body.split("\n")
    collector = _Collector(lines, syntax, first_line, headings, stop_headings, drop_items)
    candidates = _Candidates(body, lines, syntax, collector)
    if not candidates.feature_after(-1):
        return []  # no line that could be a feature heading: nothing to scan for
    for block in blocks(lines):
        if isinstance(block, _Heading):
            collector.heading(block)
            if (
                not collector.level
                and candidates.next <= block.start
                and not candidates.feature_after(block.start)
            ):
                break  # headings come in order, and none after this one opens a section
        elif not collector.level:
            continue  # outside feature sections only headings matter
        elif isinstance(block, _Item):
            collector.item(block)
        elif collector.open:
            collector.paragraph(block)
    collector.close()
    return collector.features
