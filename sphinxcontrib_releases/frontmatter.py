"""Splitting a note into its metadata and its body, for both note syntaxes.

Markdown notes open with a YAML block between ``---`` lines; reStructuredText notes open with a
field list (``:date: 2023-01-10``), before or right after the title. Either way the result is a
:class:`Header`: the raw key/value mapping, where each key stands, and where the body begins.
Nothing here interprets the values; :mod:`sphinxcontrib_releases.reader` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from sphinxcontrib_releases.model import Problem
from sphinxcontrib_releases.warnings_ import WarningType

try:  # the C loader is about ten times faster; both are safe loaders
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_YAML_NODES = 10_000
"""How many values a front matter may hold once aliases are expanded ("billion laughs" guard)."""

_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_YAML_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:")
_RST_FIELD = re.compile(r":([A-Za-z_][\w -]*?):(?:[ \t]+(.*))?$")
_RST_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1{2,}[ \t]*")


@dataclass
class Header:
    """What :func:`split` found at the top of a note."""

    fields: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """The 1-based line of each key."""
    body: str = ""
    body_line: int = 1
    title: str | None = None
    """A title written in the body's syntax (reST section title, Markdown ``#`` heading)."""
    title_line: int | None = None
    problems: list[Problem] = field(default_factory=list)


def split(text: str, syntax: str) -> Header:
    """Separate metadata from body; ``text`` has ``\\n`` line ends and no byte-order mark."""
    if syntax == "rst":
        return _split_rst(text)
    return _split_markdown(text)


# -- Markdown + YAML ---------------------------------------------------------------------------


def _split_markdown(text: str) -> Header:
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        header = Header(body=text)
        _markdown_title(header)
        return header
    end = next((i for i in range(1, len(lines)) if _FENCE.fullmatch(lines[i])), None)
    if end is None:
        header = Header(body=text)
        header.problems.append(
            Problem(WarningType.FRONT_MATTER, "front matter opened with '---' is never closed", 1)
        )
        return header
    header = Header(body="\n".join(lines[end + 1 :]), body_line=end + 2)
    header.lines = _yaml_key_lines(lines, end)
    header.fields = _load_yaml("\n".join(lines[1:end]), header.problems)
    _markdown_title(header)
    return header


def _yaml_key_lines(lines: list[str], end: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for number in range(1, end):
        match = _YAML_KEY.match(lines[number])
        if match:
            found.setdefault(match.group(1), number + 1)
    return found


def _load_yaml(source: str, problems: list[Problem]) -> dict[str, Any]:
    try:
        data = yaml.load(source, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        problems.append(
            Problem(WarningType.FRONT_MATTER, f"front matter is not YAML: {reason}", line)
        )
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(
            Problem(
                WarningType.FRONT_MATTER,
                f"front matter must be a mapping of keys to values, not a {type(data).__name__}",
                2,
            )
        )
        return {}
    if _too_many_nodes(data):
        problems.append(
            Problem(
                WarningType.FRONT_MATTER,
                f"front matter expands to more than {MAX_YAML_NODES} values; refused",
                2,
            )
        )
        return {}
    return {str(key): value for key, value in data.items()}


def _too_many_nodes(data: object) -> bool:
    """Count values as if aliases were copied, stopping as soon as the budget is spent."""
    budget = MAX_YAML_NODES
    stack = [data]
    while stack:
        budget -= 1
        if budget < 0:
            return True
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


_ATX = re.compile(r" {0,3}#[ \t]+(.*?)[ \t#]*$")


def _markdown_title(header: Header) -> None:
    """A leading ``# Title`` of a note without front matter title serves as its title."""
    for offset, line in enumerate(header.body.split("\n", 40)[:40]):
        if not line.strip():
            continue
        match = _ATX.fullmatch(line)
        if match and match.group(1).strip():
            header.title = match.group(1).strip()
            header.title_line = header.body_line + offset
        return


# -- reStructuredText -----------------------------------------------------------------------------


def _split_rst(text: str) -> Header:
    lines = text.split("\n")
    header = Header(body=text)
    index = _skip_blank_and_comments(lines, 0)
    index = _read_field_list(lines, index, header)
    title_at = _skip_blank_and_comments(lines, index)
    title_end = _rst_title(lines, title_at, header)
    if title_end is not None and not header.fields:
        # docutils' docinfo position: a field list right after the document title
        # (left in the body: it holds no bullets, so nothing downstream trips on it)
        _read_field_list(lines, _skip_blank_and_comments(lines, title_end), header)
        if header.fields:
            return header
    header.body = "\n".join(lines[index:])
    header.body_line = index + 1
    return header


def _skip_blank_and_comments(lines: list[str], index: int) -> int:
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
        elif line.startswith("..") and not line.startswith("..  ") and "::" not in line:
            index += 1
            while index < len(lines) and (not lines[index].strip() or lines[index][:1] in " \t"):
                index += 1
        else:
            break
    return index


def _read_field_list(lines: list[str], index: int, header: Header) -> int:
    while index < len(lines):
        match = _RST_FIELD.match(lines[index])
        if not match:
            break
        key = match.group(1).strip()
        parts = [(match.group(2) or "").strip()]
        header.lines.setdefault(key, index + 1)
        index += 1
        while index < len(lines) and lines[index][:1] in (" ", "\t") and lines[index].strip():
            parts.append(lines[index].strip())
            index += 1
        header.fields.setdefault(key, " ".join(p for p in parts if p))
    return index


def _rst_title(lines: list[str], index: int, header: Header) -> int | None:
    """Find a section title at ``index`` (with or without overline); return the line after it."""
    if index + 1 >= len(lines):
        return None
    first, second = lines[index], lines[index + 1]
    if _RST_ADORNMENT.fullmatch(first) and index + 2 < len(lines):
        third = lines[index + 2]
        if second.strip() and _RST_ADORNMENT.fullmatch(third):
            header.title, header.title_line = second.strip(), index + 2
            return index + 3
        return None
    underlined = first.strip() and first[:1] not in " \t" and _RST_ADORNMENT.fullmatch(second)
    if underlined and len(second.rstrip()) >= len(first.rstrip()):
        header.title, header.title_line = first.strip(), index + 1
        return index + 2
    return None
