"""Splitting a note into its metadata and its body, for both note syntaxes.

Markdown notes open with a YAML block between ``---`` lines or a TOML block between ``+++``
lines; reStructuredText notes open with a field list (``:date: 2023-01-10``), before or right
after the title. Either way the result is a :class:`Header`: the raw key/value mapping, where
each key stands, and where the body begins. Nothing here interprets the values;
:mod:`sphinxcontrib_releases.reader` does.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
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
MAX_YAML_DEPTH = 50
"""How deeply a front matter's lists and mappings may nest."""

_SKIPPED = "; note skipped"

_FENCE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_CLOSING_FENCE = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?=\n|\Z)")
"""A line that is a :data:`_FENCE`, with the line break before it."""
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
    problems: list[Problem] = field(default_factory=list)
    usable: bool = True
    """False when the front matter cannot be used at all (never closed, not a YAML mapping,
    not TOML, refused): the note is skipped rather than shown without its metadata."""
    kind: str = ""
    """Where the metadata was written: ``yaml``, ``toml``, ``fields`` (a reST field list before
    the title) or ``docinfo`` (a reST field list after it); ``""`` when there is none."""
    metadata_lines: tuple[int, int] = (0, 0)
    """The 0-based, end-exclusive range of file lines that hold the metadata."""


def split(text: str, syntax: str) -> Header:
    """Separate metadata from body; ``text`` has ``\\n`` line ends and no byte-order mark."""
    if syntax == "rst":
        return _split_rst(text)
    return _split_markdown(text)


# -- Markdown + YAML ---------------------------------------------------------------------------


def _split_markdown(text: str) -> Header:
    first = text.split("\n", 1)[0]
    opening = first.rstrip()
    if opening == "+++":
        return _split_toml(text, text.split("\n"))
    if opening != "---":
        header = Header(body=text)
        _markdown_title(header)
        return header
    # the closing fence is looked for in the text, which is split only up to it
    closing = _CLOSING_FENCE.search(text, len(first))
    if closing is None:
        header = Header(body=text, usable=False)
        header.problems.append(
            Problem(
                WarningType.FRONT_MATTER,
                f"front matter opened with '---' is never closed{_SKIPPED}",
                1,
            )
        )
        return header
    lines = text[: closing.start()].split("\n")  # up to the line before the closing fence
    end = len(lines)  # the closing fence's line
    header = Header(body=text[closing.end() + 1 :], body_line=end + 2, kind="yaml")
    header.metadata_lines = (0, end + 1)
    header.lines = _yaml_key_lines(lines, end)
    fields = _load_yaml("\n".join(lines[1:end]), header.problems)
    header.fields = fields or {}
    header.usable = fields is not None
    _markdown_title(header)
    return header


def _yaml_key_lines(lines: list[str], end: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for number in range(1, end):
        match = _YAML_KEY.match(lines[number])
        if match:
            found.setdefault(match.group(1), number + 1)
    return found


def _load_yaml(source: str, problems: list[Problem]) -> dict[str, Any] | None:
    """The front matter's mapping, ``None`` if unusable; a key whose value cannot be built is
    left out alone."""
    loader = _Loader(source)
    try:
        refusal = _refusal(source)
        if refusal is not None:
            message, line = refusal
            problems.append(Problem(WarningType.FRONT_MATTER, message + _SKIPPED, line))
            return None
        node = loader.get_single_node()
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            kind = "list" if isinstance(node, yaml.SequenceNode) else "single value"
            message = f"front matter must be a mapping of keys to values, not a {kind}"
            line = node.start_mark.line + 2
            problems.append(Problem(WarningType.FRONT_MATTER, message + _SKIPPED, line))
            return None
        # entries for MyST (see _unfit_entries) when merging leaves the mapping as written
        entries: list[_Entry] | None = None
        if not any(key.tag in _REWRITTEN_TAGS for key, _ in node.value):
            entries = []
        loader.flatten_mapping(node)  # merge keys (``<<: *base``)
        fields = _build_mapping(loader, node, problems, entries)
        if entries is not None:
            _remember_entries(source, entries)
        return fields
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None and mark.line > source.count("\n"):  # past the end: say where
            mark = getattr(error, "context_mark", None) or mark  # the unfinished value began
        line = mark.line + 2 if mark is not None else 2
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        message = f"front matter is not YAML: {reason}"
        problems.append(Problem(WarningType.FRONT_MATTER, message + _SKIPPED, line))
        return None
    finally:
        loader.dispose()


_AS_WRITTEN = frozenset({"version", "versions"})
"""Keys whose numbers are kept as written: YAML reads ``version: 3.10`` as the float 3.1."""
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:float", "tag:yaml.org,2002:int"})


def _as_written(loader: _Loader, node: yaml.Node) -> Any:
    """A value with its plain numbers as text, exactly as the file writes them."""
    if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS:
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_as_written(loader, item) for item in node.value]
    return loader.construct_object(node, deep=True)


def _build_mapping(
    loader: _Loader,
    node: yaml.MappingNode,
    problems: list[Problem],
    entries: list[_Entry] | None = None,
) -> dict[str, Any]:
    """The fields of a mapping; and, given ``entries``, the lines of each entry and whether
    MyST can take it, as :func:`_unfit_entries` would find."""
    fields: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2
        try:
            key = loader.construct_object(key_node, deep=True)
            if key in _AS_WRITTEN:
                value = _as_written(loader, value_node)
            else:
                value = loader.construct_object(value_node, deep=True)
        except Exception as error:
            # PyYAML's constructors let more than YAMLError through on bad scalars:
            # ``2023-02-30`` and ``!!int x`` raise ValueError, ``!!bool x`` KeyError...
            reason = getattr(error, "problem", None) or f"{type(error).__name__}: {error}"
            problems.append(
                Problem(WarningType.FRONT_MATTER, f"front matter value left out: {reason}", line)
            )
            if entries is not None:
                entries.append((*_entry_lines(key_node, value_node), False))
            continue
        if entries is not None:
            built = value if key not in _AS_WRITTEN else _built(loader, value_node)
            entries.append((*_entry_lines(key_node, value_node), _myst_fit(built)))
        if isinstance(key, (list, dict)):
            problems.append(
                Problem(WarningType.FRONT_MATTER, "front matter key is not a name; left out", line)
            )
            continue
        fields[str(key)] = value
    return fields


def _refusal(source: str) -> tuple[str, int] | None:
    """Why the YAML must not be built (message, file line), from its events alone.

    libyaml's parser is iterative, but building the values recurses (a deep enough nesting
    crashes the interpreter) and copies what aliases and merge keys name (a few lines can
    expand to billions of values). So the events are walked first, counting each value as if
    aliases were copies, and the walk (:func:`_walk`) stops as soon as a limit is passed. A
    source that :func:`_within_limits` shows to be within them needs no walk.
    """
    return None if _within_limits(source) else _walk(source)


def _walk(source: str) -> tuple[str, int] | None:
    """:func:`_refusal` from the events of the source, each value counted as if aliases were
    copies."""
    sizes: dict[str, int] = {}  # the expanded size of each finished anchor
    stack: list[list[Any]] = []  # [size so far, anchor] of each open collection
    for event in yaml.parse(source, Loader=_Loader):
        line = event.start_mark.line + 2 if event.start_mark else 2
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_YAML_DEPTH:
                return f"front matter nests deeper than {MAX_YAML_DEPTH} levels", line
            stack.append([1, event.anchor])
            continue
        if isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for _, anchor in stack):
                return "front matter holds a value that contains itself", line
            size = sizes.get(event.anchor or "", 1)
        elif isinstance(event, yaml.ScalarEvent):
            size, anchor = 1, event.anchor
            if anchor:
                sizes[anchor] = 1
        elif isinstance(event, yaml.CollectionEndEvent):
            size, anchor = stack.pop()
            if anchor:
                sizes[anchor] = size
        else:
            continue
        if stack:
            stack[-1][0] += size
            size = stack[-1][0]
        if size > MAX_YAML_NODES:
            return f"front matter expands to more than {MAX_YAML_NODES} values", line
    return None


_SHORT_YAML = MAX_YAML_NODES // 5
"""A YAML source this long holds fewer than :data:`MAX_YAML_NODES` values: each value takes a
third of a character at least (a lone ``?`` is a mapping, its empty key and its empty value)."""
_OPENERS = "-?:[{"
"""The characters at which lists and mappings open: ``-`` (a block list entry), ``?`` and ``:``
(a mapping key and value), ``[`` and ``{``; each opens one at most."""


def _within_limits(source: str) -> bool:
    """Whether a YAML source is shown to be within the limits of :func:`_refusal` by a look at
    its characters alone: short, without aliases (``*``) or anchors (``&``), with no more
    characters that may open a list or mapping than :data:`MAX_YAML_DEPTH`, so that no value
    expands, contains itself or nests too deeply; and one document without directives (no line
    that opens with ``---``, ``...`` or ``%``), so that composing it meets every error the walk
    would have met, in the same order. Most front matters are.
    """
    if len(source) > _SHORT_YAML or "*" in source or "&" in source:
        return False
    if sum(source.count(char) for char in _OPENERS) > MAX_YAML_DEPTH:
        return False
    lines = "\n" + source
    return "\n---" not in lines and "\n..." not in lines and "\n%" not in lines


_MERGE_TAG = "tag:yaml.org,2002:merge"


def for_myst(text: str) -> str | None:
    """A Markdown note page's text as MyST may read it, or ``None`` when it may read it as is.

    MyST loads a page's front matter once more, for the page's metadata, and some of its
    versions stop the whole build where the reader only leaves a key out: on a value PyYAML
    cannot build (``date: 2024-02-30``, an unknown tag; MyST 4 lets all but syntax errors
    through, later ones a few) or one that JSON cannot write (a date inside a list, MyST 4).
    Such entries become comment lines, and a closing ``...`` or a fence with trailing blanks
    becomes ``---``, which every MyST reads the same way; the line count stays, and with it
    every line number.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if _FENCE.fullmatch(lines[i])), None)
    if end is None:
        return None  # never closed: the reader skips the note, Sphinx never reads it
    kept = lines[1:end]
    spans = _unfit_entries("\n".join(kept))
    if spans is None:
        return None  # refused or not a mapping: the note is skipped, as above
    for first, last in spans:
        kept[first : last + 1] = ["#"] * (last + 1 - first)
    if spans and not _fit_for_myst("\n".join(kept)):
        kept = ["{}"] + ["#"] * (len(kept) - 1)  # entries that hang together: hide them all
    if not spans and lines[end] == "---":
        return None
    return "\n".join(["---", *kept, "---", *lines[end + 1 :]])


def _unfit_entries(source: str) -> list[tuple[int, int]] | None:
    """The (first, last) lines of each top-level entry MyST could not take; ``None`` when the
    front matter is not a usable mapping at all.

    The reader has most often built the same source already: its entries are then taken from
    :data:`_READ_ENTRIES` rather than built again.
    """
    read = _READ_ENTRIES.get(source)
    if read is not None:
        return [(first, last) for first, last, fit in read if not fit]
    loader = _Loader(source)
    try:
        if _refusal(source) is not None:
            return None
        node = loader.get_single_node()
        if node is None:
            return []
        if not isinstance(node, yaml.MappingNode):
            return None
        spans = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                continue  # merged entries are checked where they are written
            try:
                key = loader.construct_object(key_node, deep=True)
                hash(key)
                fit = _json_fit(loader.construct_object(value_node, deep=True))
            except Exception:
                fit = False
            if not fit:
                spans.append(_entry_lines(key_node, value_node))
        return spans
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


_Entry = tuple[int, int, bool]
"""The first and last 0-based lines of a top-level front matter entry, and whether MyST can
take it."""
_UNBUILT: Any = object()
_REWRITTEN_TAGS = frozenset({_MERGE_TAG, "tag:yaml.org,2002:value"})
"""The tags of keys that merging rewrites (a merge key ``<<``, a value key ``=``): a mapping
with one is built otherwise than :func:`_unfit_entries` builds it."""
_READ_ENTRIES: dict[str, tuple[_Entry, ...]] = {}
"""The entries of each YAML source the reader built, most recent last (for :func:`for_myst`,
which reads the same front matter again when Sphinx reads the note page)."""
_READ_ENTRIES_KEPT = 4096


def _remember_entries(source: str, entries: list[_Entry]) -> None:
    _READ_ENTRIES.pop(source, None)
    if len(_READ_ENTRIES) >= _READ_ENTRIES_KEPT:
        del _READ_ENTRIES[next(iter(_READ_ENTRIES))]  # the oldest
    _READ_ENTRIES[source] = tuple(entries)


def _entry_lines(key_node: yaml.Node, value_node: yaml.Node) -> tuple[int, int]:
    """The first and last 0-based lines of a top-level entry (a value that ends at the start
    of a line ends on the line before)."""
    first, end = key_node.start_mark.line, value_node.end_mark
    return first, end.line - 1 if end.column == 0 and end.line > first else end.line


def _built(loader: _Loader, node: yaml.Node) -> Any:
    """The value of a node as YAML builds it, :data:`_UNBUILT` when it cannot be built."""
    try:
        return loader.construct_object(node, deep=True)
    except Exception:
        return _UNBUILT


def _myst_fit(value: Any) -> bool:
    return value is not _UNBUILT and _json_fit(value)


_SCALARS = (str, int, float, dt.date)  # a tuple: isinstance is slower with a union


def _json_fit(value: Any) -> bool:
    """Whether MyST 4 can write the value as page metadata (it ``json.dumps`` non-scalars)."""
    if isinstance(value, _SCALARS):
        return True
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return True  # the most common list, tags or authors
    try:
        json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        return False
    return True


def _fit_for_myst(source: str) -> bool:
    """Whether MyST's own reading (PyYAML's safe loader, as MyST calls it) takes the source."""
    try:
        data = yaml.safe_load(source)
    except Exception:
        return False
    # all entries hidden leaves no mapping, which MyST would warn about: "{}" says it
    return isinstance(data, dict) and all(_json_fit(value) for value in data.values())


_ATX_OPENING = re.compile(r" {0,3}#[ \t]+")


def _markdown_title(header: Header) -> None:
    """A leading ``# Title`` of a note without front matter title serves as its title."""
    for line in header.body.split("\n", 40)[:40]:
        if not line.strip():
            continue
        opening = _ATX_OPENING.match(line)
        title = _atx_text(line[opening.end() :]) if opening else ""
        if title:
            header.title = title
        return


def _atx_text(rest: str) -> str:
    """A heading's text without its closing ``#`` run (only when a space stands before it).

    Plain string methods, not a regular expression: a lazy group before a ``[ #]*$`` tail
    backtracks on every character of a long line of spaces and ``#``.
    """
    text = rest.strip()
    unclosed = text.rstrip("#")
    if unclosed != text:
        if not unclosed:
            return ""
        if unclosed[-1] in " \t":
            text = unclosed.rstrip()
    return text


# -- Markdown + TOML ---------------------------------------------------------------------------

_TOML_FENCE = re.compile(r"\+\+\+[ \t]*")
_TOML_NAME = r"[ \t]*(?:\"([^\"\n]*)\"|'([^'\n]*)'|([A-Za-z0-9_-]+))[ \t]*"
_TOML_KEY = re.compile(_TOML_NAME + r"[.=]")
_TOML_TABLE = re.compile(r"[ \t]*\[\[?" + _TOML_NAME)
_TOML_WHERE = re.compile(r"\s*\((?:at line (\d+), column \d+|at end of document)\)$")


def _split_toml(text: str, lines: list[str]) -> Header:
    """A TOML front matter between ``+++`` lines (Hugo, Zola); tables are kept as mappings."""
    end = next((i for i in range(1, len(lines)) if _TOML_FENCE.fullmatch(lines[i])), None)
    if end is None:
        header = Header(body=text, usable=False)
        message = f"front matter opened with '+++' is never closed{_SKIPPED}"
        header.problems.append(Problem(WarningType.FRONT_MATTER, message, 1))
        return header
    header = Header(body="\n".join(lines[end + 1 :]), body_line=end + 2, kind="toml")
    header.metadata_lines = (0, end + 1)
    header.lines = _toml_key_lines(lines, end)
    source = "\n".join(lines[1:end])
    try:
        header.fields = tomllib.loads(source)
    except RecursionError:  # tomllib recurses into nested arrays and tables
        message = f"front matter nests deeper than {MAX_YAML_DEPTH} levels{_SKIPPED}"
        header.problems.append(Problem(WarningType.FRONT_MATTER, message, 2))
        header.usable = False
        return header
    except tomllib.TOMLDecodeError as error:
        where = _TOML_WHERE.search(str(error))
        reason = str(error)[: where.start()] if where else str(error)
        if where and where.group(1):
            line = int(where.group(1)) + 1
        else:  # "at end of document": the block's last written line
            line = next((i + 1 for i in range(end - 1, 0, -1) if lines[i].strip()), 1)
        message = f"front matter is not TOML: {reason}{_SKIPPED}"
        header.problems.append(Problem(WarningType.FRONT_MATTER, message, line))
        header.usable = False
        return header
    if _deeper_than(header.fields, MAX_YAML_DEPTH):
        message = f"front matter nests deeper than {MAX_YAML_DEPTH} levels{_SKIPPED}"
        header.problems.append(Problem(WarningType.FRONT_MATTER, message, 2))
        header.usable = False
        return header
    if any(_has_float(header.fields.get(key)) for key in _AS_WRITTEN):
        # TOML reads ``version = 3.10`` as the float 3.1: keep such numbers as written
        written = tomllib.loads(source, parse_float=str)
        for key in _AS_WRITTEN & header.fields.keys():
            header.fields[key] = written[key]
    _markdown_title(header)
    return header


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether lists and mappings nest deeper than ``limit`` (walked without recursion)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth >= limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def _has_float(value: Any) -> bool:
    return isinstance(value, float) or (
        isinstance(value, list) and any(isinstance(item, float) for item in value)
    )


def _toml_key_lines(lines: list[str], end: int) -> dict[str, int]:
    """The line of each top-level key: a ``key =`` before the first table, or a table's header."""
    found: dict[str, int] = {}
    in_table = False
    for number in range(1, end):
        line = lines[number]
        table = _TOML_TABLE.match(line) if line.lstrip().startswith("[") else None
        if table:
            in_table = True
            found.setdefault(next(g for g in table.groups() if g is not None), number + 1)
            continue
        key = None if in_table else _TOML_KEY.match(line)
        if key:
            found.setdefault(next(g for g in key.groups() if g is not None), number + 1)
    return found


# -- what a Sphinx parser reads of a note page -------------------------------------------------


def page_text(text: str, syntax: str) -> str | None:
    """The text a Sphinx parser should read for a note page, when it differs from the file.

    The metadata the reader takes from a note must not reach the page as text. MyST knows YAML
    front matter only: a TOML block becomes the same keys as a YAML block (so that they become
    the page's metadata, as YAML keys do). docutils makes metadata of a field list before the
    title only: one after the title, which the reader took as metadata, becomes blank lines.
    Every other line keeps its number. ``None`` when the file can be read as it is.
    """
    text = text.removeprefix("\ufeff")
    if syntax != "rst" and not text.startswith("+++"):
        return None  # YAML or none: MyST reads it itself (and YAML need not be parsed again)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    header = split(text, syntax)
    if header.kind not in ("toml", "docinfo"):
        return None
    lines = text.split("\n")
    start, end = header.metadata_lines
    if header.kind == "toml":
        replacement = _as_yaml_block(header.fields, end - start) if header.usable else []
    else:
        replacement = []
    replacement += [""] * (end - start - len(replacement))
    return "\n".join([*lines[:start], *replacement, *lines[end:]])


_NOT_YAML_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Characters that YAML does not allow (or reads as line ends) in a double-quoted scalar."""


def _as_yaml_block(fields: dict[str, Any], size: int) -> list[str]:
    """``fields`` as a YAML front matter of at most ``size`` lines: one key a line, in JSON
    (which YAML reads), between ``---`` lines. A TOML block holds a line for every top-level
    key, so the keys always fit in the lines the block had."""
    entries = [
        _yaml_safe(json.dumps(key, ensure_ascii=False))
        + ": "
        + _yaml_safe(json.dumps(value, ensure_ascii=False, default=str))
        for key, value in fields.items()
    ]
    if len(entries) + 2 > size:  # cannot happen for TOML that parsed; never grow the block
        entries = []
    return ["---", *entries, "---"]


def _yaml_safe(text: str) -> str:
    return _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# -- which syntax a .txt note is written in -----------------------------------------------------

_OPENING_LINES = 20


def looks_like_rst(text: str) -> bool:
    """Whether a note's opening is reStructuredText: a title over- or underlined by a repeated
    punctuation character (at least as long as the title), or a field list (``:date: ...``).

    A YAML or TOML front matter opens a Markdown note: its fence is no adornment, as the line
    after it is longer (``---`` over ``title: ...``) and the line after that is no fence.
    """
    lines = text.split("\n", _OPENING_LINES)[:_OPENING_LINES]
    index = _skip_blank_and_comments(lines, 0)
    if index >= len(lines):
        return False
    if _RST_FIELD.match(lines[index]):
        return True
    return _adorned_title(lines, index)


def _adorned_title(lines: list[str], index: int) -> bool:
    first = lines[index].rstrip()
    second = lines[index + 1].rstrip() if index + 1 < len(lines) else ""
    if _RST_ADORNMENT.fullmatch(first):
        third = lines[index + 2].rstrip() if index + 2 < len(lines) else ""
        return bool(second.strip()) and third == first and len(first) >= len(second.strip())
    return (
        bool(first)
        and first[:1] not in " \t"
        and bool(_RST_ADORNMENT.fullmatch(second))
        and len(second) >= len(first)
    )


# -- reStructuredText -----------------------------------------------------------------------------


def _split_rst(text: str) -> Header:
    lines = text.split("\n")
    header = Header(body=text)
    start = _skip_blank_and_comments(lines, 0)
    index = _read_field_list(lines, start, header)
    if header.fields:
        header.kind, header.metadata_lines = "fields", (start, index)
    title_at = _skip_blank_and_comments(lines, index)
    title_end = _rst_title(lines, title_at, header)
    if title_end is not None and not header.fields:
        # docutils' docinfo position: a field list right after the document title. The body
        # starts after it, so that it is not shown as text besides the byline.
        start = _skip_blank_and_comments(lines, title_end)
        end = _read_field_list(lines, start, header)
        if header.fields:
            header.kind, header.metadata_lines = "docinfo", (start, end)
            header.body = "\n".join(lines[end:])
            header.body_line = end + 1
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
            header.title = second.strip()
            return index + 3
        return None
    underlined = first.strip() and first[:1] not in " \t" and _RST_ADORNMENT.fullmatch(second)
    if underlined and len(second.rstrip()) >= len(first.rstrip()):
        header.title = first.strip()
        return index + 2
    return None
