"""Reading note files into :class:`~sphinxcontrib_releases.model.Announcement` objects.

The reader never raises on bad input: every problem becomes a :class:`Problem` with a line, and
whatever can still be used is kept. It imports neither Sphinx nor docutils.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from glob import has_magic
from pathlib import Path
from typing import Any, NamedTuple

from sphinxcontrib_releases import frontmatter, sources
from sphinxcontrib_releases.changelog import (
    FRONT_MATTER_KEY,
    Changelog,
    could_be_changelog,
    parse_override,
    read_changelog,
)
from sphinxcontrib_releases.changelog_notes import sections_as_notes
from sphinxcontrib_releases.dates import parse_date
from sphinxcontrib_releases.features import (
    DEFAULT_DROP_ITEMS,
    DEFAULT_FEATURE_HEADINGS,
    DEFAULT_STOP_HEADINGS,
    extract_features,
)
from sphinxcontrib_releases.model import Announcement, Feature, Phase, Plan, Problem, Release
from sphinxcontrib_releases.peps import find_peps
from sphinxcontrib_releases.schedule import find_schedule, plans_from_front_matter
from sphinxcontrib_releases.versions import find_releases, parse_version
from sphinxcontrib_releases.warnings_ import WarningType

#: The syntax of each note suffix when no mapping says otherwise. ``.txt`` is either: a file
#: that opens with a reST title or field list is reStructuredText, any other is Markdown.
SUFFIX_SYNTAXES: Mapping[str, str | None] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".rst": "rst",
    ".rest": "rst",
    ".txt": None,
}
NOTE_SUFFIXES = tuple(SUFFIX_SYNTAXES)
SYNTAXES = ("markdown", "rst")

#: Front matter keys the reader interprets; all others are kept in ``Announcement.extra``.
KNOWN_KEYS = frozenset(key for keys in sources.FRONT_MATTER_KEYS.values() for key in keys)


def is_known_key(key: str, options: ReaderOptions | None = None) -> bool:
    """Whether the reader interprets a front matter key (in any letter case)."""
    return key.lower() in _known_keys(options.front_matter_keys if options else ())


@lru_cache(maxsize=16)
def _known_keys(own: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(key.lower() for key in KNOWN_KEYS) | {key.lower() for key, _ in own}


@lru_cache(maxsize=16)
def _fact_keys(own: tuple[tuple[str, str], ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """The keys of each fact, the project's own first, each with its lower case form."""
    return {
        fact: tuple(
            (key, key.lower()) for key in (*(k for k, target in own if target == fact), *keys)
        )
        for fact, keys in sources.FRONT_MATTER_KEYS.items()
    }


_BINARY_SNIFF = 8192
_OPENING_LINES = 3
_SHOWN = 60


@dataclass(frozen=True)
class ReaderOptions:
    """What the reader looks for; part of the cache key, so it must stay hashable."""

    feature_headings: tuple[str, ...] = DEFAULT_FEATURE_HEADINGS
    stop_headings: tuple[str, ...] = DEFAULT_STOP_HEADINGS
    drop_items: tuple[str, ...] = DEFAULT_DROP_ITEMS
    max_bytes: int = 2_000_000
    syntaxes: tuple[tuple[str, str], ...] = ()
    """Suffix to syntax (``(".txt", "rst")``), before :data:`SUFFIX_SYNTAXES`; a Sphinx build
    passes its ``source_suffix``."""
    front_matter_keys: tuple[tuple[str, str], ...] = ()
    """A project's own front matter keys and the fact each states (``("release_date", "date")``),
    tried before the reader's own keys."""
    changelog: bool | None = None
    """Whether files are changelogs: ``None`` to let :func:`~sphinxcontrib_releases.changelog.
    detect` decide, ``True`` for files that are changelogs whatever their headings (a file's
    own ``changelog`` front matter field wins over both)."""


DEFAULT_OPTIONS = ReaderOptions()


def syntax_of(path: str | os.PathLike[str], options: ReaderOptions = DEFAULT_OPTIONS) -> str | None:
    """The syntax a note's suffix decides: the options' mapping first, then
    :data:`SUFFIX_SYNTAXES`; ``None`` when the file's opening must decide (``.txt``). Unknown
    suffixes are Markdown."""
    name = os.fspath(path).replace("\\", "/").rpartition("/")[2]
    suffix = name[name.rfind(".") :].lower() if "." in name.lstrip(".") else ""
    for known, syntax in options.syntaxes:
        if known.lower() == suffix:
            return syntax
    return SUFFIX_SYNTAXES.get(suffix, "markdown")


def guess_syntax(text: str) -> str:
    """The syntax a note's opening shows: ``rst`` for a reST title or field list."""
    return "rst" if frontmatter.looks_like_rst(text) else "markdown"


def read_note(
    path: str | os.PathLike[str],
    options: ReaderOptions = DEFAULT_OPTIONS,
    *,
    syntax: str | None = None,
) -> Announcement:
    """Read one note file. Never raises for the file's content; an unreadable file warns.

    ``syntax`` (``markdown`` or ``rst``) overrides what the suffix and the opening decide.
    """
    source = os.fspath(path)
    data = _file_bytes(source, options)
    if isinstance(data, Announcement):
        return data
    return read_bytes(data, source, syntax=syntax or syntax_of(source, options), options=options)


def _file_bytes(
    source: str, options: ReaderOptions, size: int | None = None
) -> bytes | Announcement:
    """The file's bytes, or the unusable note that says why they cannot be had; ``size`` is
    the file's, when its caller has already asked."""
    try:
        if size is None:
            size = Path(source).stat().st_size
        if size > options.max_bytes:
            return _unusable(
                source,
                syntax_of(source, options) or "markdown",
                WarningType.TOO_LARGE,
                f"note is {size} bytes, above the limit of {options.max_bytes}; skipped",
            )
        return Path(source).read_bytes()
    except OSError as error:
        return _unusable(
            source,
            syntax_of(source, options) or "markdown",
            WarningType.NOT_FOUND,
            f"cannot read note: {error.strerror}",
        )


def read_bytes(
    data: bytes,
    source: str,
    *,
    syntax: str | None = "markdown",
    options: ReaderOptions = DEFAULT_OPTIONS,
) -> Announcement:
    """Decode and read a note's bytes; with ``syntax=None`` the note's opening decides it."""
    text = _decode(data, source, syntax)
    if isinstance(text, Announcement):
        return text
    return read_text(text, source, syntax=syntax, options=options)


def _decode(data: bytes, source: str, syntax: str | None) -> str | Announcement:
    """A note's text, or the unusable note that says why its bytes are not text."""
    if b"\0" in data[:_BINARY_SNIFF]:
        return _unusable(
            source, syntax or "markdown", WarningType.ENCODING, "note is a binary file; skipped"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return _unusable(
            source,
            syntax or "markdown",
            WarningType.ENCODING,
            f"note is not valid UTF-8 (byte {data[error.start]:#04x} at offset {error.start}); "
            "skipped",
            line,
        )
    return text


def read_text(
    text: str,
    source: str,
    *,
    syntax: str | None = "markdown",
    options: ReaderOptions = DEFAULT_OPTIONS,
) -> Announcement:
    """Read a note from its text; with ``syntax=None`` the note's opening decides it."""
    return _read_text(text, source, syntax, options)[0]


def _read_text(
    text: str, source: str, syntax: str | None, options: ReaderOptions, *, features: bool = True
) -> tuple[Announcement, str | None]:
    """:func:`read_text`, and the product the front matter declares (which the sections of a
    changelog take when their headings name none). Without ``features`` the note's features
    are left for :func:`_with_features` (a changelog's sections have items of their own)."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    syntax = syntax or guess_syntax(text)
    if not text.strip():
        return _unusable(source, syntax, WarningType.EMPTY, "note is empty; skipped"), None
    header = frontmatter.split(text, syntax)
    if not header.usable:
        unusable = Announcement(
            source=source, syntax=syntax, readable=False, problems=tuple(header.problems)
        )
        return unusable, None
    meta = _Metadata(header, options)
    opening = sources.Opening(
        source=source,
        body=header.body,
        fields=header.fields,
        heading=header.title,
        stated={
            "title": meta.text("title"),
            "date": meta.date("date"),
            "updated": meta.date("updated"),
            "author": meta.people("author"),
        },
    )
    facts = sources.find_facts(opening)
    known = _known_keys(options.front_matter_keys)
    title = facts["title"].value if "title" in facts else ""
    releases = meta.releases()
    if not releases and "version" not in header.fields and "versions" not in header.fields:
        releases = _guess_releases(title, header.body)
    product = meta.text("product")
    releases = _with_product(releases, product, title)
    meta.check_phase_and_series(releases)
    peps = set(find_peps(title))
    peps.update(find_peps(header.body))
    peps.update(meta.peps())
    plans = _plans(meta, header, syntax, releases)
    note = Announcement(
        source=source,
        syntax=syntax,
        title=title,
        date=facts["date"].value if "date" in facts else None,
        updated=facts["updated"].value if "updated" in facts else None,
        author=facts["author"].value if "author" in facts else None,
        description=meta.text("description"),
        tags=meta.tags(),
        published=meta.published(),
        releases=releases,
        peps=tuple(sorted(peps)),
        plans=plans,
        extra=tuple((k, v) for k, v in header.fields.items() if k.lower() not in known),
        body=header.body,
        body_line=header.body_line,
        problems=tuple(header.problems),
        origins=tuple((fact, found.origin) for fact, found in facts.items()),
        features=_features(header.body, syntax, header.body_line, options) if features else (),
    )
    return note, product


def _with_features(note: Announcement, options: ReaderOptions) -> Announcement:
    """The note with the features of its feature sections."""
    return replace(note, features=_features(note.body, note.syntax, note.body_line, options))


def _features(
    body: str, syntax: str, first_line: int, options: ReaderOptions
) -> tuple[Feature, ...]:
    """The features of a note's feature sections."""
    features = extract_features(
        body,
        syntax=syntax,
        first_line=first_line,
        headings=options.feature_headings,
        stop_headings=options.stop_headings,
        drop_items=options.drop_items,
    )
    return tuple(features)


def _plans(
    meta: _Metadata, header: frontmatter.Header, syntax: str, releases: tuple[Release, ...]
) -> tuple[Plan, ...]:
    """What the note says is planned: its ``schedule`` front matter, then what its prose
    states of anything else. The note's newest release resolves ``the second candidate`` and
    gives phases their series; its product (else the front matter's) is that of plans that
    name none."""
    context = max(releases, key=lambda r: r.sort_key, default=None)
    product = context.product if context is not None else meta.text("product")
    stated = meta.schedule(product, context)
    said = find_schedule(
        header.body, first_line=header.body_line, syntax=syntax, product=product, context=context
    )
    keys = {plan.key for plan in stated}
    return stated + tuple(plan for plan in said if plan.key not in keys)


def _unusable(
    source: str, syntax: str, subtype: WarningType, message: str, line: int = 1
) -> Announcement:
    return Announcement(
        source=source, syntax=syntax, readable=False, problems=(Problem(subtype, message, line),)
    )


def _guess_releases(title: str, body: str) -> tuple[Release, ...]:
    """Releases named by the title; when the title names no version at all, the body's opening."""
    found = _title_releases(title)
    if found or _names_a_version(title):
        return tuple(found)
    opening: list[str] = []
    for line in body.split("\n", 60)[:60]:
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "[", "<", "!", "..", ":")):
            opening.append(stripped)
        elif opening:
            break
        if len(opening) >= _OPENING_LINES:
            break
    return tuple(find_releases(" ".join(opening)))


@lru_cache(maxsize=64)
def _title_releases(title: str) -> tuple[Release, ...]:
    """The releases a title names (:func:`find_releases`), read once for both the releases of
    a note and their products."""
    return tuple(find_releases(title))


def _with_product(
    releases: tuple[Release, ...], declared: str | None, title: str
) -> tuple[Release, ...]:
    """The releases with their products: the front matter's ``product`` for all of them, else
    the one the title names for versions declared without one (``version: 4.2`` under the
    title ``Acme 4.2 release notes``); a release keeps ``None`` when neither says."""
    product = declared
    if product is None and any(r.product is None for r in releases):
        named = {p.casefold(): p for r in _title_releases(title) if (p := r.product)}
        product = next(iter(named.values())) if len(named) == 1 else None
    if product is None:
        return releases
    chosen: dict[tuple[str, str], Release] = {}
    for release in releases:
        if declared is not None or release.product is None:
            release = release.with_product(product)
        chosen.setdefault(release.key, release)
    return tuple(chosen.values())


def _names_a_version(text: str) -> bool:
    """Whether the text holds a dotted number such as ``3.5`` (a release or a mere mention)."""
    return any(
        a.isdigit() and b == "." and c.isdigit()
        for a, b, c in zip(text, text[1:], text[2:], strict=False)
    )


class _Metadata:
    """Typed access to front matter values; every misfit becomes a problem on the key's line."""

    def __init__(
        self, header: frontmatter.Header, options: ReaderOptions = DEFAULT_OPTIONS
    ) -> None:
        self.fields: Mapping[str, Any] = header.fields
        self.lines = header.lines
        self.problems = header.problems
        self.fact_keys = _fact_keys(options.front_matter_keys)
        self.by_lower = {key.lower(): key for key in reversed(self.fields)}  # the first wins

    def warn(self, subtype: WarningType, key: str, message: str) -> None:
        self.problems.append(Problem(subtype, message, self.lines.get(key, 1)))

    def present(self, fact: str) -> Iterator[tuple[str, Any]]:
        """The (key as written, value) of each key of ``fact`` that is present, in the order
        of the keys: the project's own first, then the reader's, in any letter case."""
        fields = self.fields
        for key, lower in self.fact_keys[fact]:
            written = key if key in fields else self.by_lower.get(lower)
            if written is not None and fields[written] is not None:
                yield written, fields[written]

    def first(self, fact: str) -> tuple[str, Any] | None:
        fields = self.fields
        for key, lower in self.fact_keys[fact]:
            written = key if key in fields else self.by_lower.get(lower)
            if written is not None and fields[written] is not None:
                return written, fields[written]
        return None

    def text(self, fact: str) -> str | None:
        found = self.first(fact)
        if found is None:
            return None
        key, value = found
        if isinstance(value, (dict, list)):
            self.warn(
                WarningType.FIELD, key, f"'{key}' should be text, not a {type(value).__name__}"
            )
            return None
        return " ".join(str(value).split()) or None

    def people(self, fact: str) -> str | None:
        """Names: text, a list of names, or mappings (a list of them) with a ``name``."""
        found = self.first(fact)
        if found is None:
            return None
        key, value = found
        if isinstance(value, dict):
            value = [value]
        if isinstance(value, list):
            names = [_name(v) for v in value]
            if any(name is None and v is not None for name, v in zip(names, value, strict=True)):
                self.warn(WarningType.FIELD, key, f"'{key}' should be a list of names")
            return ", ".join(name for name in names if name) or None
        return self.text(fact)

    def date(self, fact: str) -> dt.date | None:
        """The first key of ``fact`` present; a value that is no date warns. ``published`` is
        passed over when it is not a date (it is then the publish flag)."""
        for key, value in self.present(fact):
            date = _as_date(value)
            if date is not None:
                return date
            if key.lower() in _DATE_OR_FLAG:
                continue
            self.warn(WarningType.DATE, key, f"'{key}' is not a date: {_shown(value)}")
            return None
        return None

    def tags(self) -> tuple[str, ...]:
        key, value = self.first("tags") or ("taxonomies", _taxonomy_tags(self.fields))
        if value is None:
            return ()
        if isinstance(value, str):
            items: Iterable[object] = value.split(",")
        elif isinstance(value, list):
            items = value
        else:
            self.warn(WarningType.FIELD, key, f"'tags' should be a list, not {_shown(value)}")
            return ()
        texts = [str(t).strip() for t in items if _is_scalar(t)]
        if isinstance(value, list) and len(texts) + value.count(None) < len(value):
            self.warn(WarningType.FIELD, key, "'tags' should be a list of words")
        return tuple(dict.fromkeys(text for text in texts if text))

    def published(self) -> bool:
        for fact, when_true in (("draft", False), ("published", True)):
            found = self.first(fact)
            if found is None or _as_date(found[1]) is not None:  # a date is a publication date
                continue
            key, value = found
            flag = _flag(value)
            if flag is None:
                self.warn(
                    WarningType.FIELD, key, f"'{key}' should be true or false, not {_shown(value)}"
                )
                continue
            return flag if when_true else not flag
        return True

    def releases(self) -> tuple[Release, ...]:
        found = self.first("version")
        if found is None:
            return ()
        key, value = found
        raw = _as_list(value)
        releases: list[Release] = []
        for item in raw:
            release = parse_version(str(item)) if isinstance(item, (str, int, float)) else None
            if release is None:
                self.warn(WarningType.VERSION, key, f"{_shown(item)} is not a PEP 440 version")
            elif release in releases:
                self.warn(WarningType.VERSION, key, f"version {release.version} is listed twice")
            else:
                releases.append(release)
        return tuple(releases)

    def check_phase_and_series(self, releases: tuple[Release, ...]) -> None:
        phase_key, phase_value = self.first("phase") or ("phase", None)
        if phase_value is not None:
            phase = Phase.parse(str(phase_value))
            if phase is None:
                self.warn(WarningType.PHASE, phase_key, f"unknown phase {_shown(phase_value)}")
            else:
                for release in releases:
                    if release.phase is not phase:
                        self.warn(
                            WarningType.PHASE,
                            phase_key,
                            f"phase {phase.value!r} contradicts version {release.version} "
                            f"({release.phase.value})",
                        )
        series_key, series = self.first("series") or ("series", None)
        if series is not None:
            for release in releases:
                if release.series != str(series).strip():
                    self.warn(
                        WarningType.VERSION,
                        series_key,
                        f"series {_shown(series)} contradicts version {release.version}",
                    )

    def schedule(self, product: str | None, context: Release | None) -> tuple[Plan, ...]:
        """The plans of the ``schedule`` key; each entry that is not a version (or a phase)
        and a date warns."""
        found = self.first("schedule")
        if found is None:
            return ()
        key, value = found
        plans, problems = plans_from_front_matter(
            value, self.lines.get(key, 1), product=product, context=context
        )
        self.problems.extend(problems)
        return plans

    def peps(self) -> set[int]:
        key, value = self.first("peps") or ("peps", None)
        if value is None:
            return set()
        numbers: set[int] = set()
        for item in _as_list(value):
            text = str(item).strip().upper().removeprefix("PEP").lstrip(" -")
            if text.isdigit() and int(text) <= 9999:
                numbers.add(int(text))
            else:
                self.warn(WarningType.FIELD, key, f"{_shown(item)} is not a PEP number")
        return numbers


def _shown(value: object) -> str:
    """A value for a message: its ``repr``, cut short when long."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _is_scalar(value: object) -> bool:
    return isinstance(value, (str, int, float, dt.date))


_DATE_OR_FLAG = frozenset({"published"})
"""Date keys that may also hold something else (``published: true``, the publish flag)."""


def _as_date(value: object) -> dt.date | None:
    """A front matter value as a date: a YAML or TOML date, ISO text (a time may follow), or a
    date as people write it (``Dec 28, 2023``, ``Thu, 28 Dec 2023 10:00:00 +0000``)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    candidate = value.strip()
    try:
        return dt.date.fromisoformat(candidate[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(candidate).date()
    except ValueError:
        return parse_date(candidate, time=True)


def _name(value: object) -> str | None:
    """A person's name: text, or a mapping's ``name`` (``[[authors]]`` tables); ``None`` if
    neither."""
    if isinstance(value, dict):
        value = value.get("name")
    if _is_scalar(value):
        return str(value).strip()
    return None


def _taxonomy_tags(fields: Mapping[str, Any]) -> object:
    """Tags in a ``taxonomies`` table (Zola); ``None`` when there are none."""
    taxonomies = fields.get("taxonomies")
    return taxonomies.get("tags") if isinstance(taxonomies, dict) else None


def _as_list(value: object) -> list[object]:
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [part for part in (p.strip() for p in value.split(",")) if part]
    return [value]


def _flag(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"true", "yes", "on", "1"}:
        return True
    if text in {"false", "no", "off", "0"}:
        return False
    return None


# -- finding note files -----------------------------------------------------------------------


@dataclass
class Found:
    """The note files a set of patterns matches, and what was wrong with the patterns."""

    paths: list[Path] = field(default_factory=list)
    problems: list[tuple[str, Problem]] = field(default_factory=list)
    """(pattern or path, problem) pairs."""
    refused: list[Path] = field(default_factory=list)
    """Links that lead outside their pattern's folder: not notes, and not to be shown."""


def find_notes(patterns: Iterable[str], root: str | os.PathLike[str]) -> Found:
    """Resolve glob patterns (``**`` allowed) relative to ``root`` into note files.

    Each file is listed once however many patterns or links reach it; a link that leads outside
    the folder its pattern starts from is refused, and link loops do not hang the search.
    """
    found = Found()
    chosen: dict[Path, Path] = {}  # each real file -> the path it is listed under
    refused: set[Path] = set()
    base = Path(root)
    for pattern in patterns:
        matched = False
        anchor = _anchor(base, pattern)
        for candidate in sorted(_expand(base, pattern)):
            try:
                if not candidate.is_file():
                    continue
                real = candidate.resolve()
            except (OSError, RuntimeError):  # unreadable, or a link loop met mid-way
                continue
            matched = True
            if not real.is_relative_to(anchor):
                if candidate not in refused:
                    refused.add(candidate)
                    found.refused.append(candidate.absolute())
                    message = f"{candidate} links outside {anchor}; refused"
                    found.problems.append((str(candidate), Problem(WarningType.OUTSIDE, message)))
                continue
            path = candidate.absolute()
            # the file under its own name rather than a link to it, whatever the order met
            if real not in chosen or (path == real and chosen[real] != real):
                chosen[real] = path
        if not matched:
            found.problems.append(
                (pattern, Problem(WarningType.NOT_FOUND, f"pattern {pattern!r} matches no file"))
            )
    found.paths = sorted(chosen.values())
    return found


def _anchor(base: Path, pattern: str) -> Path:
    """The folder a pattern starts from: its longest leading part without wildcards."""
    parts: list[str] = []
    for part in Path(pattern).parts:
        if has_magic(part):
            break
        parts.append(part)
    path = base.joinpath(*parts) if parts else base
    if not has_magic(pattern) and parts:
        path = path.parent
    return path.resolve()


def _expand(base: Path, pattern: str) -> Iterator[Path]:
    if not has_magic(pattern):
        yield base / pattern
        return
    path = Path(pattern)
    if path.is_absolute():
        anchor = Path(path.anchor)
        yield from anchor.glob(str(path.relative_to(anchor)))
    else:
        yield from base.glob(pattern)


class _Entry(NamedTuple):
    mtime: int
    size: int
    options: ReaderOptions
    digest: bytes
    """A hash of the file's bytes (empty for a file that could not be read)."""
    notes: tuple[Announcement, ...]
    """The note, or the sections of a changelog."""


class NoteCache:
    """Parsed notes kept by path, checked by modification time and size, then by content.

    A file whose time or size changed is read again, but parsed again only when its bytes
    changed too (a checkout that touches every file costs reads, not parses). Plain data, so it
    pickles with the Sphinx environment and survives between builds.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def read(
        self, path: str | os.PathLike[str], options: ReaderOptions = DEFAULT_OPTIONS
    ) -> Announcement:
        return self.lookup(path, options)[0]

    def lookup(
        self, path: str | os.PathLike[str], options: ReaderOptions = DEFAULT_OPTIONS
    ) -> tuple[Announcement, bool]:
        """The note and whether it was parsed afresh (``False``: it came from the cache); the
        first section, for a changelog (see :meth:`lookup_all`)."""
        notes, fresh = self.lookup_all(path, options)
        return notes[0], fresh

    def lookup_all(
        self, path: str | os.PathLike[str], options: ReaderOptions = DEFAULT_OPTIONS
    ) -> tuple[tuple[Announcement, ...], bool]:
        """What the file holds (:attr:`Reading.notes`) and whether it was parsed afresh."""
        source = os.fspath(path)
        try:
            stat = Path(source).stat()
        except OSError:
            self._entries.pop(source, None)
            return read_file(source, options).notes, True
        entry = self._entries.get(source)
        if entry and entry.options != options:
            entry = None  # read with other settings: of no use
        if entry and (entry.mtime, entry.size) == (stat.st_mtime_ns, stat.st_size):
            return entry.notes, False
        data = _file_bytes(source, options, stat.st_size)
        if isinstance(data, Announcement):
            self._entries[source] = _Entry(stat.st_mtime_ns, stat.st_size, options, b"", (data,))
            return (data,), True
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if entry and entry.digest == digest:
            self._entries[source] = entry._replace(mtime=stat.st_mtime_ns, size=stat.st_size)
            return entry.notes, False
        syntax = syntax_of(source, options)
        notes = read_file_bytes(data, source, syntax=syntax, options=options).notes
        self._entries[source] = _Entry(stat.st_mtime_ns, stat.st_size, options, digest, notes)
        return notes, True

    def forget(self, keep: Iterable[str]) -> None:
        """Drop entries of files no longer in use."""
        wanted = set(keep)
        for source in [s for s in self._entries if s not in wanted]:
            del self._entries[source]


# -- files that are changelogs ----------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What one file holds: a note, or the sections of a changelog as announcements (see
    :mod:`sphinxcontrib_releases.changelog_notes`)."""

    notes: tuple[Announcement, ...]
    """The note; for a changelog, one announcement per section, in file order."""
    changelog: Changelog | None = field(default=None, compare=False)
    """The changelog as its reader found it, when the file is one."""


def read_file(
    path: str | os.PathLike[str],
    options: ReaderOptions = DEFAULT_OPTIONS,
    *,
    syntax: str | None = None,
) -> Reading:
    """Read a note file or a changelog. Never raises for the file's content.

    ``syntax`` (``markdown`` or ``rst``) overrides what the suffix and the opening decide.
    """
    source = os.fspath(path)
    data = _file_bytes(source, options)
    if isinstance(data, Announcement):
        return Reading((data,))
    syntax = syntax or syntax_of(source, options)
    return read_file_bytes(data, source, syntax=syntax, options=options)


def read_file_bytes(
    data: bytes,
    source: str,
    *,
    syntax: str | None = "markdown",
    options: ReaderOptions = DEFAULT_OPTIONS,
) -> Reading:
    """:func:`read_file` from the file's bytes; with ``syntax=None`` the opening decides it."""
    text = _decode(data, source, syntax)
    if isinstance(text, Announcement):
        return Reading((text,))
    return read_file_text(text, source, syntax=syntax, options=options)


def read_file_text(
    text: str,
    source: str,
    *,
    syntax: str | None = "markdown",
    options: ReaderOptions = DEFAULT_OPTIONS,
) -> Reading:
    """:func:`read_file` from the file's text; with ``syntax=None`` the opening decides it."""
    note, product = _read_text(text, source, syntax, options, features=False)
    reading = as_changelog(note, options, product=product)
    if reading.changelog is not None or not note.readable:
        return reading
    # a note after all: its features (left out while a changelog's sections might have
    # replaced them)
    return Reading((_with_features(reading.notes[0], options),))


def _one_post(note: Announcement, changelog: Changelog) -> bool:
    """Whether a file that looks like a changelog is a post of one day announcing several
    releases, a heading each: it is dated as one post is, and its sections are not dated."""
    dated = dict(note.origins).get("date") in sources.ONE_POST
    return dated and not any(section.date for section in changelog.sections)


def as_changelog(
    note: Announcement, options: ReaderOptions = DEFAULT_OPTIONS, *, product: str | None = None
) -> Reading:
    """The note as read, or, when the file is a changelog, its sections.

    The file is a changelog when its front matter says ``changelog: true``; else, unless it
    says ``changelog: false``, when ``options.changelog`` is true or when
    :func:`~sphinxcontrib_releases.changelog.detect` finds it one, unless it is a post that
    announces several releases (:func:`_one_post`). A changelog without any
    release section stays a note.

    ``product`` is the one the file's front matter declares: the release of a section whose
    heading names no product is that product's, as the releases of a note are.
    """
    if not note.readable:
        return Reading((note,))
    value = dict(note.extra).get(FRONT_MATTER_KEY)
    override = parse_override(value)
    if value is not None and override is None:
        problem = Problem(
            WarningType.FIELD,
            f"'{FRONT_MATTER_KEY}' should be true or false, not {_shown(value)}",
            1,
        )
        note = replace(note, problems=(*note.problems, problem))
    wanted = options.changelog if override is None else override
    if wanted is False or (wanted is None and not could_be_changelog(note.body)):
        return Reading((note,))
    changelog = read_changelog(note.body, note.source, note.syntax, first_line=note.body_line)
    if not (wanted or changelog.is_changelog) or (wanted is None and _one_post(note, changelog)):
        return Reading((note,))
    sections = sections_as_notes(changelog, note, product)
    if not sections:
        return Reading((note,))
    return Reading(sections, changelog)
