"""The command line: ``inspect`` note files, for humans or (``--json``) for pipelines, and
``check`` them (exit status 1 when something is wrong)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from glob import glob, has_magic
from pathlib import Path
from typing import TextIO

from sphinxcontrib_releases import __version__
from sphinxcontrib_releases.changelog import KINDS, Changelog
from sphinxcontrib_releases.checks import Finding, check_notes
from sphinxcontrib_releases.model import Announcement
from sphinxcontrib_releases.reader import NOTE_SUFFIXES, SYNTAXES, read_file
from sphinxcontrib_releases.warnings_ import WarningType

PROG = "sphinxcontrib-releases"
"""The installed script's name; ``python -m sphinxcontrib_releases`` passes its own."""


def main(argv: Sequence[str] | None = None, prog: str = PROG) -> int:
    parser = _parser(prog)
    args = parser.parse_args(argv)
    command: int = args.run(args)
    return command


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Read release-note files the way the Sphinx extension reads them.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    inspect = commands.add_parser(
        "inspect",
        help="summarise note files (versions, phases, dates, features, PEPs)",
        description="Summarise what the reader finds in note files.",
    )
    inspect.add_argument("paths", nargs="+", metavar="PATH", help="note files, folders or globs")
    inspect.add_argument("--json", action="store_true", help="print one JSON object per note")
    inspect.add_argument("--strict", action="store_true", help="exit 1 if any note has a problem")
    _syntax_option(inspect)
    inspect.set_defaults(run=_inspect)
    check = commands.add_parser(
        "check",
        help="lint note files: reader problems, duplicates, dates out of order, missing dates",
        description="Report problems of note files as 'path:line: [type] message' lines, "
        "sorted by path and line. Exit status: 0 when clean, 1 when anything is reported.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="note files, folders or globs")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="'json': a list of {path, line, type, message} objects",
    )
    _syntax_option(check)
    check.set_defaults(run=_check)
    return parser


def _syntax_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--syntax",
        choices=SYNTAXES,
        help="read every note in this syntax (default: by suffix; a .txt note that opens with a "
        "reST title or field list is reST, any other Markdown)",
    )


def expand_paths(arguments: Iterable[str]) -> list[Path]:
    """Files, folders (searched for note files) and glob patterns, in a stable order."""
    paths: list[Path] = []
    for argument in arguments:
        candidates = (
            [Path(p) for p in sorted(glob(argument, recursive=True))]  # noqa: PTH207 - any pattern
            if has_magic(argument)
            else [Path(argument)]
        )
        for path in candidates:
            if path.is_dir():
                paths.extend(
                    sorted(
                        p
                        for p in path.rglob("*")
                        if p.is_file() and p.suffix.lower() in NOTE_SUFFIXES
                    )
                )
            else:
                paths.append(path)
    return list(dict.fromkeys(paths))


def report_problems(notes: Iterable[Announcement], stream: TextIO) -> int:
    """Write ``path:line: message`` lines; return how many there were."""
    count = 0
    for note in notes:
        for problem in note.problems:
            stream.write(f"{note.source}:{problem.line or 1}: {problem.message}\n")
            count += 1
    return count


def _inspect(args: argparse.Namespace) -> int:
    readings = [read_file(path, syntax=args.syntax) for path in expand_paths(args.paths)]
    notes = [note for reading in readings for note in reading.notes]
    if args.json:
        json.dump([note.to_json() for note in notes], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for reading in readings:
            if reading.changelog is None:
                sys.stdout.writelines(_summary(note) for note in reading.notes)
            else:
                sys.stdout.write(_changelog_summary(reading.changelog, reading.notes))
    problems = report_problems(notes, sys.stderr)
    return 1 if args.strict and problems else 0


def _check(args: argparse.Namespace) -> int:
    findings: list[Finding] = []
    paths: list[Path] = []
    for argument in args.paths:
        matched = expand_paths([argument])
        if not matched:
            findings.append(
                Finding(argument, 1, str(WarningType.NOT_FOUND), "matches no note file")
            )
        paths.extend(matched)
    notes = [
        note for path in dict.fromkeys(paths) for note in read_file(path, syntax=args.syntax).notes
    ]
    findings = sorted([*findings, *check_notes(notes)])
    if args.format == "json":
        json.dump([f.to_json() for f in findings], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.writelines(f"{finding}\n" for finding in findings)
    return 1 if findings else 0


def _summary(note: Announcement) -> str:
    if note.releases:
        versions = ", ".join(f"{r.name} ({r.label})" for r in note.releases)
    else:
        versions = "announces no release"
    origins = dict(note.origins)

    def origin(fact: str) -> str:
        return f" ({origins[fact]})" if fact in origins else ""

    lines = [
        note.source,
        f"  title:    {note.title or '(none)'}{origin('title')}",
        f"  releases: {versions}",
        f"  date:     {note.date.isoformat() if note.date else '(none)'}{origin('date')}",
        f"  author:   {note.author or '(none)'}{origin('author')}",
        f"  features: {len(note.features)}",
        f"  PEPs:     {', '.join(str(n) for n in note.peps) or '(none)'}",
        *_plan_lines(note),
    ]
    return "\n".join(lines) + "\n\n"


def _plan_lines(note: Announcement) -> list[str]:
    """One line per plan the note states: what, when, and where it says so (none for a note
    that plans nothing)."""
    lines = []
    for index, plan in enumerate(note.plans):
        where = f"line {plan.line}" if plan.source == "body" else f"{plan.source}, line {plan.line}"
        said = f": {plan.sentence}" if plan.sentence else ""
        label = "  planned:  " if index == 0 else " " * 12
        lines.append(f"{label}{plan.subject} on {plan.date.isoformat()} ({where}){said}")
    return lines


def _changelog_summary(changelog: Changelog, sections: Sequence[Announcement]) -> str:
    """A changelog in a few lines: how many releases, the newest, where the dates and the
    author come from, how many items of each kind."""
    released = [note for note in sections if note.releases]
    newest = max(released, key=lambda n: n.releases[0].sort_key, default=None)
    kinds = dict.fromkeys(KINDS, 0)
    dated_by: dict[str, int] = {}
    for note in sections:
        for feature in note.features:
            kinds[feature.kind] = kinds.get(feature.kind, 0) + 1
        origin = dict(note.origins).get("date")
        if origin is not None:
            dated_by[origin] = dated_by.get(origin, 0) + 1
    if newest is not None:
        dated = f" ({newest.date.isoformat()})" if newest.date else ""
        latest = f"{newest.releases[0].name}{dated}"
    else:
        latest = "(none)"
    first = sections[0]
    author_origin = dict(first.origins).get("author")
    author = f"{first.author} ({author_origin})" if first.author and author_origin else None
    lines = [
        changelog.source,
        f"  changelog: {changelog.summary()}",
        f"  newest:    {latest}",
        f"  dates:     {', '.join(f'{n} ({o})' for o, n in dated_by.items()) or '(none)'}",
        f"  author:    {author or first.author or '(none)'}",
        f"  items:     {', '.join(f'{n} {kind}' for kind, n in kinds.items() if n) or '(none)'}",
    ]
    return "\n".join(lines) + "\n\n"
