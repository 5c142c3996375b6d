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
from glob import has_magic
from pathlib import Path
from typing import Any, NamedTuple

from sphinxcontrib_releases import frontmatter
from sphinxcontrib_releases.changelog import (
    FRONT_MATTER_KEY,
    Changelog,
    parse_override,
    read_changelog,
)
from sphinxcontrib_releases.changelog_notes import sections_as_notes
from sphinxcontrib_releases.features import (
    DEFAULT_DROP_ITEMS,
    DEFAULT_FEATURE_HEADINGS,
    DEFAULT_STOP_HEADINGS,
    extract_features,
)
from sphinxcontrib_releases.model import Announcement, Phase, Problem, Release
from sphinxcontrib_releases.peps import find_peps
from sphinxcontrib_releases.versions import parse_version, releases_in_text
from sphinxcontrib_releases.warnings_ import WarningType

MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
RST_SUFFIXES = (".rst", ".rest")
NOTE_SUFFIXES = MARKDOWN_SUFFIXES + RST_SUFFIXES

#: Front matter keys the reader interprets; all others are kept in ``Announcement.extra``.
KNOWN_KEYS = frozenset(
    {
        "title",
        "version",
        "versions",
        "date",
        "publishDate",
        "updatedDate",
        "updated",
        "author",
        "authors",
        "description",
        "tags",
        "published",
        "draft",
        "phase",
        "series",
        "peps",
    }
)

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
    changelog: bool | None = None
    """Whether files are changelogs: ``None`` to let :func:`~sphinxcontrib_releases.changelog.
    detect` decide, ``True`` for files that are changelogs whatever their headings (a file's
    own ``changelog`` front matter field wins over both)."""


DEFAULT_OPTIONS = ReaderOptions()


def syntax_of(path: str | os.PathLike[str]) -> str:
    """``rst`` for reStructuredText suffixes, ``markdown`` for everything else."""
    return "rst" if str(path).lower().endswith(RST_SUFFIXES) else "markdown"


def read_note(
    path: str | os.PathLike[str], options: ReaderOptions = DEFAULT_OPTIONS
) -> Announcement:
    """Read one note file. Never raises for the file's content; an unreadable file warns."""
    source = os.fspath(path)
    data = _file_bytes(source, options)
    if isinstance(data, Announcement):
        return data
    return read_bytes(data, source, syntax=syntax_of(source), options=options)


def _file_bytes(source: str, options: ReaderOptions) -> bytes | Announcement:
    """The file's bytes, or the unusable note that says why they cannot be had."""
    syntax = syntax_of(source)
    try:
        size = Path(source).stat().st_size
        if size > options.max_bytes:
            return _unusable(
                source,
                syntax,
                WarningType.TOO_LARGE,
                f"note is {size} bytes, above the limit of {options.max_bytes}; skipped",
            )
        return Path(source).read_bytes()
    except OSError as error:
        return _unusable(
            source, syntax, WarningType.NOT_FOUND, f"cannot read note: {error.strerror}"
        )


def read_bytes(
    data: bytes, source: str, *, syntax: str = "markdown", options: ReaderOptions = DEFAULT_OPTIONS
) -> Announcement:
    """Decode and read a note's bytes."""
    if b"\0" in data[:_BINARY_SNIFF]:
        return _unusable(source, syntax, WarningType.ENCODING, "note is a binary file; skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return _unusable(
            source,
            syntax,
            WarningType.ENCODING,
            f"note is not valid UTF-8 (byte {data[error.start]:#04x} at offset {error.start}); "
            "skipped",
            line,
        )
    return read_text(text, source, syntax=syntax, options=options)


def read_text(
    text: str, source: str, *, syntax: str = "markdown", options: ReaderOptions = DEFAULT_OPTIONS
) -> Announcement:
    """Read a note from its text."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return _unusable(source, syntax, WarningType.EMPTY, "note is empty; skipped")
    header = frontmatter.split(text, syntax)
    if not header.usable:
        return Announcement(
            source=source, syntax=syntax, readable=False, problems=tuple(header.problems)
        )
    meta = _Metadata(header)
    title = meta.text("title") or header.title or ""
    releases = meta.releases()
    if not releases and "version" not in header.fields and "versions" not in header.fields:
        releases = _guess_releases(title, header.body)
    meta.check_phase_and_series(releases)
    features = extract_features(
        header.body,
        syntax=syntax,
        first_line=header.body_line,
        headings=options.feature_headings,
        stop_headings=options.stop_headings,
        drop_items=options.drop_items,
    )
    peps = set(find_peps(title))
    peps.update(find_peps(header.body))
    peps.update(meta.peps())
    return Announcement(
        source=source,
        syntax=syntax,
        title=title,
        date=meta.date("date", "publishDate"),
        updated=meta.date("updatedDate", "updated"),
        author=meta.people("author", "authors"),
        description=meta.text("description"),
        tags=meta.tags(),
        published=meta.published(),
        releases=releases,
        features=tuple(features),
        peps=tuple(sorted(peps)),
        extra=tuple((k, v) for k, v in header.fields.items() if k not in KNOWN_KEYS),
        body=header.body,
        body_line=header.body_line,
        problems=tuple(header.problems),
    )


def _unusable(
    source: str, syntax: str, subtype: WarningType, message: str, line: int = 1
) -> Announcement:
    return Announcement(
        source=source, syntax=syntax, readable=False, problems=(Problem(subtype, message, line),)
    )


def _guess_releases(title: str, body: str) -> tuple[Release, ...]:
    """Releases named by the title; when the title names no version at all, the body's opening."""
    found = releases_in_text(title)
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
    return tuple(releases_in_text(" ".join(opening)))


def _names_a_version(text: str) -> bool:
    """Whether the text holds a dotted number such as ``3.5`` (a release or a mere mention)."""
    return any(
        a.isdigit() and b == "." and c.isdigit()
        for a, b, c in zip(text, text[1:], text[2:], strict=False)
    )


class _Metadata:
    """Typed access to front matter values; every misfit becomes a problem on the key's line."""

    def __init__(self, header: frontmatter.Header) -> None:
        self.fields: Mapping[str, Any] = header.fields
        self.lines = header.lines
        self.problems = header.problems

    def warn(self, subtype: WarningType, key: str, message: str) -> None:
        self.problems.append(Problem(subtype, message, self.lines.get(key, 1)))

    def first(self, *keys: str) -> tuple[str, Any] | None:
        for key in keys:
            if key in self.fields and self.fields[key] is not None:
                return key, self.fields[key]
        return None

    def text(self, key: str) -> str | None:
        value = self.fields.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            self.warn(
                WarningType.FIELD, key, f"'{key}' should be text, not a {type(value).__name__}"
            )
            return None
        return " ".join(str(value).split()) or None

    def people(self, *keys: str) -> str | None:
        found = self.first(*keys)
        if found is None:
            return None
        key, value = found
        if isinstance(value, list):
            names = [str(v).strip() for v in value if _is_scalar(v)]
            if len(names) + value.count(None) < len(value):
                self.warn(WarningType.FIELD, key, f"'{key}' should be a list of names")
            return ", ".join(name for name in names if name) or None
        return self.text(key)

    def date(self, *keys: str) -> dt.date | None:
        found = self.first(*keys)
        if found is None:
            return None
        key, value = found
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            candidate = value.strip()
            try:
                return dt.date.fromisoformat(candidate[:10])
            except ValueError:
                try:
                    return dt.datetime.fromisoformat(candidate).date()
                except ValueError:
                    pass
        self.warn(WarningType.DATE, key, f"'{key}' is not a date: {_shown(value)}")
        return None

    def tags(self) -> tuple[str, ...]:
        value = self.fields.get("tags")
        if value is None:
            return ()
        if isinstance(value, str):
            items: Iterable[object] = value.split(",")
        elif isinstance(value, list):
            items = value
        else:
            self.warn(WarningType.FIELD, "tags", f"'tags' should be a list, not {_shown(value)}")
            return ()
        texts = [str(t).strip() for t in items if _is_scalar(t)]
        if isinstance(value, list) and len(texts) + value.count(None) < len(value):
            self.warn(WarningType.FIELD, "tags", "'tags' should be a list of words")
        return tuple(dict.fromkeys(text for text in texts if text))

    def published(self) -> bool:
        for key, when_true in (("draft", False), ("published", True)):
            value = self.fields.get(key)
            if value is None:
                continue
            flag = _flag(value)
            if flag is None:
                self.warn(
                    WarningType.FIELD, key, f"'{key}' should be true or false, not {_shown(value)}"
                )
                continue
            return flag if when_true else not flag
        return True

    def releases(self) -> tuple[Release, ...]:
        found = self.first("version", "versions")
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
        phase_value = self.fields.get("phase")
        if phase_value is not None:
            phase = Phase.parse(str(phase_value))
            if phase is None:
                self.warn(WarningType.PHASE, "phase", f"unknown phase {_shown(phase_value)}")
            else:
                for release in releases:
                    if release.phase is not phase:
                        self.warn(
                            WarningType.PHASE,
                            "phase",
                            f"phase {phase.value!r} contradicts version {release.version} "
                            f"({release.phase.value})",
                        )
        series = self.fields.get("series")
        if series is not None:
            for release in releases:
                if release.series != str(series).strip():
                    self.warn(
                        WarningType.VERSION,
                        "series",
                        f"series {_shown(series)} contradicts version {release.version}",
                    )

    def peps(self) -> set[int]:
        value = self.fields.get("peps")
        if value is None:
            return set()
        numbers: set[int] = set()
        for item in _as_list(value):
            text = str(item).strip().upper().removeprefix("PEP").lstrip(" -")
            if text.isdigit() and int(text) <= 9999:
                numbers.add(int(text))
            else:
                self.warn(WarningType.FIELD, "peps", f"{_shown(item)} is not a PEP number")
        return numbers


def _shown(value: object) -> str:
    """A value for a message: its ``repr``, cut short when long."""
    text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _is_scalar(value: object) -> bool:
    return isinstance(value, (str, int, float, dt.date))


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
        data = _file_bytes(source, options)
        if isinstance(data, Announcement):
            self._entries[source] = _Entry(stat.st_mtime_ns, stat.st_size, options, b"", (data,))
            return (data,), True
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if entry and entry.digest == digest:
            self._entries[source] = entry._replace(mtime=stat.st_mtime_ns, size=stat.st_size)
            return entry.notes, False
        notes = read_file_bytes(data, source, syntax=syntax_of(source), options=options).notes
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


def read_file(path: str | os.PathLike[str], options: ReaderOptions = DEFAULT_OPTIONS) -> Reading:
    """Read a note file or a changelog. Never raises for the file's content."""
    source = os.fspath(path)
    data = _file_bytes(source, options)
    if isinstance(data, Announcement):
        return Reading((data,))
    return read_file_bytes(data, source, syntax=syntax_of(source), options=options)


def read_file_bytes(
    data: bytes, source: str, *, syntax: str = "markdown", options: ReaderOptions = DEFAULT_OPTIONS
) -> Reading:
    """:func:`read_file` from the file's bytes."""
    return as_changelog(read_bytes(data, source, syntax=syntax, options=options), options)


def read_file_text(
    text: str, source: str, *, syntax: str = "markdown", options: ReaderOptions = DEFAULT_OPTIONS
) -> Reading:
    """:func:`read_file` from the file's text."""
    return as_changelog(read_text(text, source, syntax=syntax, options=options), options)


def as_changelog(note: Announcement, options: ReaderOptions = DEFAULT_OPTIONS) -> Reading:
    """The note as read, or, when the file is a changelog, its sections.

    The file is a changelog when its front matter says ``changelog: true``; else, unless it
    says ``changelog: false``, when ``options.changelog`` is true or when
    :func:`~sphinxcontrib_releases.changelog.detect` finds it one. A changelog without any
    release section stays a note.
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
    if wanted is False:
        return Reading((note,))
    changelog = read_changelog(note.body, note.source, note.syntax, first_line=note.body_line)
    if not (wanted or changelog.is_changelog):
        return Reading((note,))
    sections = sections_as_notes(changelog, note)
    if not sections:
        return Reading((note,))
    return Reading(sections, changelog)
