"""Pick the feature bullets out of the body of a release note.

A light line scan, not a Markdown or reST parser: it knows headings (ATX, setext, reST section
titles), list items with their continuation lines, and fenced or literal blocks to step over.
Headings are matched against patterns to find where a feature section starts and ends.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, TypeAlias

from .model import Feature
from .peps import find_peps

DEFAULT_FEATURE_HEADINGS: tuple[str, ...] = (
    r"\bnew features?\b",
    r"\bmajor (?:new )?features\b",
    r"\b(?:key|main|notable) features\b",
    r"\bhighlights?\b",
    r"\bwhat['’]?s new\b",
    r"\b(?:notable|major) changes\b",
    r"^(?:features|changes|improvements|enhancements)$",
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


class _Item:
    """A list item being read: its source chunks and the prose they hold."""

    __slots__ = ("blank", "col", "index", "open", "parts", "prose", "verbatim")

    def __init__(self, index: int, col: int, content: str) -> None:
        self.index = index
        """0-based line of the marker."""
        self.col = col
        """Column where the item's content starts; deeper lines belong to it."""
        self.parts: list[str] = [content] if content else []
        self.prose: list[str] = [content] if content else []
        self.open = bool(content)
        """The last chunk is prose that a plain continuation line extends."""
        self.blank = False
        """A blank line came since the last chunk."""
        self.verbatim = -1
        """reST: indent of the line that opened a literal block or directive, else -1."""

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
        """A line of a code block or directive: kept as is, not part of the text."""
        self.parts.append(self._sep() + rel)
        self.open = False
        self.blank = False

    @property
    def source(self) -> str:
        return "".join(self.parts).strip()

    @property
    def plain_source(self) -> str:
        return " ".join(self.prose)


_Block: TypeAlias = _Heading | _Item

_MD_MARKER = re.compile(r"(?P<m>[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")
_RST_MARKER = re.compile(r"(?P<m>[-*+•]|[0-9]{1,9}[.)]|\([0-9]{1,9}\)|#[.)])(?:[ \t]+|$)")
_MD_MARKER_START = frozenset("-*+0123456789")
_RST_MARKER_START = frozenset("-*+•(#0123456789")
_RST_ADORNMENTS = frozenset("=-~^\"'`#*+:._")


def _content_col(indent: int, match: re.Match[str]) -> int:
    """Where an item's content starts (a wide gap after the marker counts as one space)."""
    gap = match.end() - match.end("m")
    if gap == 0 or gap > 4:
        return indent + match.end("m") + 1
    return indent + match.end()


def _atx(body: str) -> _Heading | None:
    """The ATX heading on a line that starts with ``#``, if it is one."""
    level = len(body) - len(body.lstrip("#"))
    if level > 6 or (level < len(body) and body[level] not in " \t"):
        return None
    text = body[level:].strip()
    unclosed = text.rstrip("#")
    if not unclosed:
        text = ""
    elif unclosed != text and unclosed[-1] in " \t":
        text = unclosed.rstrip()
    return _Heading(level, text)


def _fence(body: str) -> str:
    """The opening run of a code fence (three or more backticks or tildes), or ``""``."""
    char = body[0]
    size = len(body) - len(body.lstrip(char))
    if size < 3 or (char == "`" and "`" in body[size:]):
        return ""
    return body[:size]


def _is_break(body: str) -> bool:
    """A thematic break: three or more of one of ``-*_``, spaces allowed between."""
    if body[-1] != body[0]:
        return False
    squeezed = body.replace(" ", "")
    return len(squeezed) >= 3 and not squeezed.strip(squeezed[0])


def _markdown_blocks(lines: list[str]) -> Iterator[_Block]:
    """Headings and top-level list items of a Markdown body, in order."""
    item: _Item | None = None
    para: list[str] = []  # the current paragraph outside items, for setext headings
    fence = ""
    fence_in_item = False
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        if "\t" in line:
            line = line.expandtabs(4)
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        if fence:
            if fence_in_item and item is not None and body and indent < item.col:
                fence = ""  # the item ends, and its fence with it: read the line anew
            else:
                if fence_in_item and item is not None:
                    if body:
                        item.code(line[item.col :])
                    else:
                        item.blank = True
                if body.startswith(fence) and not body.strip(fence[0]):
                    fence = ""
                continue
        if not body:
            para.clear()
            if item is not None:
                item.blank = True
            continue
        first = body[0]
        if item is not None and indent >= item.col:
            rel = line[item.col :]
            if first in "`~" and indent - item.col <= 3 and (run := _fence(body)):
                fence, fence_in_item = run, True
                item.code(rel)
            elif first in _MD_MARKER_START and (marker := _MD_MARKER.match(body)):
                item.block(rel, body[marker.end() :])
            elif first == "#" and (heading := _atx(body)) is not None:
                item.block(rel, heading.text, continued=False)
            else:
                item.line(rel, body)
            continue
        if indent <= 3 or item is not None:
            ends = True  # whether the line ends the item and paragraph before it
            new: _Block | None = None
            if first == "#" and (heading := _atx(body)) is not None:
                if not heading.text:
                    continue  # an empty heading: as if the line were not there
                new = heading
            elif first in "`~" and (run := _fence(body)):
                fence, fence_in_item = run, False
            elif para and item is None and first in "=-" and not body.strip(first):
                new = _Heading(1 if first == "=" else 2, " ".join(para))
            elif first in "-*_" and _is_break(body):
                pass
            elif first in _MD_MARKER_START and (marker := _MD_MARKER.match(body)):
                content = body[marker.end() :].strip()
                new = _Item(index, _content_col(indent, marker), content)
            else:
                ends = first == ">"
            if ends:
                if item is not None:
                    yield item
                para.clear()
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
        para.append(body)
    if item is not None:
        yield item


def _is_adornment(line: str) -> bool:
    return len(line) >= 2 and line[0] in _RST_ADORNMENTS and not line.strip(line[0])


def _is_explicit(body: str) -> bool:
    """A reST comment, directive, target or footnote: ``..`` then a space or nothing."""
    return body.startswith(".. ") or body == ".."


def _rst_blocks(raw_lines: list[str]) -> Iterator[_Block]:
    """Section titles and top-level list items of a reST body, in order."""
    lines = [raw.rstrip().expandtabs(8) if "\t" in raw else raw.rstrip() for raw in raw_lines]
    styles: dict[tuple[str, bool], int] = {}  # title style -> level, by first appearance
    item: _Item | None = None
    skip = -1  # outside items: lines deeper than this belong to a directive or literal block
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        index += 1
        if skip >= 0:
            if not body or indent > skip:
                continue
            skip = -1
        if not body:
            if item is not None:
                item.blank = True
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
                item.verbatim = indent
                continue
            if body[0] in _RST_MARKER_START and (marker := _RST_MARKER.match(body)):
                item.block(rel, body[marker.end() :])
            else:
                item.line(rel, body)
            if body.endswith("::"):
                item.verbatim = indent
            continue
        if item is not None:
            yield item
            item = None
        below = lines[index] if index < count else ""
        if body == "::" or _is_explicit(body):
            skip = indent  # what follows, indented, is a literal block, comment or directive
            continue
        if indent == 0 and _is_adornment(body):
            under = lines[index + 1] if index + 1 < count else ""
            title = below.strip()
            if title and not _is_adornment(title) and _is_adornment(under) and under[0] == body[0]:
                yield _Heading(styles.setdefault((body[0], True), len(styles) + 1), title)
                index += 2
            continue  # an overline title, or a transition
        if indent == 0 and _is_adornment(below) and len(below) >= min(len(body), 4):
            above = lines[index - 2] if index >= 2 else ""
            if not above or _is_adornment(above):
                yield _Heading(styles.setdefault((below[0], False), len(styles) + 1), body)
                index += 1
                continue
        if body[0] in _RST_MARKER_START and (marker := _RST_MARKER.match(body)):
            content = body[marker.end() :].strip()
            item = _Item(index - 1, _content_col(indent, marker), content)
            if content.endswith("::"):
                item.verbatim = item.col
        elif body.endswith("::"):
            skip = indent
    if item is not None:
        yield item


# --- Plain text -------------------------------------------------------------------------------

_PAREN_TARGET = r"\([^()]*(?:\([^()]*\)[^()]*)*\)"  # a link target, one level of parentheses
# Each branch starts with a plain character, lookbehinds come after it: the regex engine can
# then skip ahead to the next candidate character instead of trying every position.
_MD_IMAGE = re.compile(rf"!\[[^\[\]]*\]{_PAREN_TARGET}")
_MD_INLINE = re.compile(
    rf"""
    \[(?P<link>[^\[\]]*)\](?:{_PAREN_TARGET}|\[[^\[\]]*\])
  | <(?:(?P<auto>(?:https?|ftp|mailto):[^<>\s]*)>|/?[A-Za-z][^<>]*>|!--[^<>]*-->)
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


def _markdown_text(source: str) -> str:
    """Plain text of Markdown inline source: markup dropped, whitespace collapsed."""
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
  | `(?:`(?P<lit>(?:[^`]|`(?!`))+)``|(?<![\w`]`)(?P<interp>[^`]+)`(?:__?)?)
  | :(?<![\w`]:)(?P<role>[\w+.-]+(?::[\w+.-]+)?):`(?P<target>[^`]*)`
  | (?P<colons>::)(?=\s|$)
  | \*(?<![\w*]\*)(?:\*(?P<strong>[^*]+)\*\*|(?P<em>[^*\s][^*]*)\*)
  | \[(?:[0-9]+|\#[\w-]*|\*)\]_
    """,
    re.VERBOSE,
)
_RST_SPECIAL = re.compile(r"[\\`*\[]|::")


def _split_target(content: str) -> tuple[str, str]:
    """``title <target>`` as ``(title, target)``; plain content as ``("", content)``."""
    if content.endswith(">") and "<" in content:
        cut = content.rfind("<")
        return content[:cut].strip(), content[cut + 1 : -1]
    return "", content


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
        if title:
            return title
        target = target.lstrip("!")
        name = match["role"].rpartition(":")[2].lower()
        if name in {"pep", "rfc"}:
            return f"{name.upper()} {target.partition('#')[0].strip()}"
        if target.startswith("~"):
            return target[1:].rpartition(".")[2]
        return target
    if kind == "interp":
        title, target = _split_target(inner)
        return title or target
    return _RST_INLINE.sub(_rst_inline, inner)


def _rst_text(source: str) -> str:
    """Plain text of reST inline source: markup dropped, whitespace collapsed."""
    if _RST_SPECIAL.search(source):
        source = _RST_INLINE.sub(_rst_inline, source)
    return " ".join(source.split())


# --- Sections ---------------------------------------------------------------------------------

_SYNTAXES: dict[str, tuple[Callable[[list[str]], Iterator[_Block]], Callable[[str], str]]] = {
    "markdown": (_markdown_blocks, _markdown_text),
    "rst": (_rst_blocks, _rst_text),
}


def plain_text(source: str, syntax: str = "markdown") -> str:
    """Inline markup of either syntax reduced to its words, whitespace collapsed."""
    return _rst_text(source) if syntax == "rst" else _markdown_text(source)


def extract_features(
    body: str,
    *,
    syntax: str = "markdown",
    first_line: int = 1,
    headings: Sequence[str] = DEFAULT_FEATURE_HEADINGS,
    stop_headings: Sequence[str] = DEFAULT_STOP_HEADINGS,
    drop_items: Sequence[str] = DEFAULT_DROP_ITEMS,
) -> list[Feature]:
    """The bullet items of the feature sections of a note's body.

    A section opens at a heading matching one of ``headings`` and runs until a heading as high
    or higher that does not match, or a deeper one matching ``stop_headings``; other deeper
    headings name the ``section`` of the items below them. Items whose text matches one of
    ``drop_items`` are left out. ``first_line`` is the file line of the body's first line.
    Patterns are regular expressions, searched case-insensitively; a bad one raises
    :class:`re.error`.
    """
    try:
        blocks, plain = _SYNTAXES[syntax]
    except KeyError:
        raise ValueError(f"unknown syntax {syntax!r}: expected 'markdown' or 'rst'") from None
    is_feature = _heading_matcher(tuple(headings))
    is_stop = _heading_matcher(tuple(stop_headings))
    is_dropped = _matcher(tuple(drop_items))

    features: list[Feature] = []
    level = 0  # the level of the open feature section; 0 when none is open
    section: str | None = None
    for block in blocks(body.split("\n")):
        if isinstance(block, _Heading):
            title = plain(block.text).rstrip(" :")
            if not title:
                continue
            if level and block.level > level:
                if is_stop(title):
                    level = 0
                else:
                    section = title
            elif is_feature(title):
                level, section = block.level, None
            else:
                level = 0
            continue
        if not level:
            continue
        text = plain(block.plain_source)
        if not text or is_dropped(text):
            continue
        source = block.source
        features.append(
            Feature(
                text=text,
                markdown=source,
                section=section,
                peps=find_peps(source),
                line=first_line + block.index,
            )
        )
    return features
