"""Line-level Markdown syntax that the readers of note bodies share: where a list item's content
starts, ATX headings, code fences and thematic breaks, read by CommonMark's rules (the feature
scan, the changelog reader and the prose reader each walk lines with these)."""

from __future__ import annotations

import re


def content_col(indent: int, match: re.Match[str]) -> int:
    """Where an item's content starts (a wide gap after the marker counts as one space)."""
    gap = match.end() - match.end("m")
    if gap == 0 or gap > 4:
        return indent + match.end("m") + 1
    return indent + match.end()


def atx(body: str) -> tuple[int, str] | None:
    """The level and text of the ATX heading on a line that starts with ``#``, if it is one."""
    level = len(body) - len(body.lstrip("#"))
    if level > 6 or (level < len(body) and body[level] not in " \t"):
        return None
    text = body[level:].strip()
    unclosed = text.rstrip("#")
    if not unclosed:
        text = ""
    elif unclosed != text and unclosed[-1] in " \t":
        text = unclosed.rstrip()
    return level, text


def fence(body: str) -> str:
    """The opening run of a code fence (three or more backticks or tildes), or ``""``."""
    char = body[0]
    size = len(body) - len(body.lstrip(char))
    if size < 3 or (char == "`" and "`" in body[size:]):
        return ""
    return body[:size]


def is_break(body: str) -> bool:
    """A thematic break: three or more of one of ``-*_``, spaces allowed between."""
    if body[-1] != body[0]:
        return False
    squeezed = body.replace(" ", "")
    return len(squeezed) >= 3 and not squeezed.strip(squeezed[0])
