"""Directives that build parts of this documentation from the extension's own definitions.

Nothing here copies text from the extension: the configuration table is made from
``sphinxcontrib_releases.config.OPTIONS``, the warnings table from ``WarningType``, version
examples are read by the extension's own version reader, changelog headings and subsection names
by its changelog reader, and command output is the output of the command, run at build time. The
pages cannot drift from the code.

It also builds the projects of their own that the site shows (the demo in German, as a project
has one language), each into a folder of the site, and links to their pages.
"""

from __future__ import annotations

import dataclasses as dc
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import Parser as RSTParser
from docutils.parsers.rst import directives
from sphinx.domains.std import StandardDomain
from sphinx.util import logging
from sphinx.util.docutils import ReferenceRole, SphinxDirective, new_document
from sphinx.util.osutil import relative_uri

import sphinxcontrib_releases
from sphinxcontrib_releases.changelog import KINDS, kind_of, read_changelog
from sphinxcontrib_releases.config import OPTIONS, PREFIX, reader_options
from sphinxcontrib_releases.locale import catalogs
from sphinxcontrib_releases.model import Announcement, Release
from sphinxcontrib_releases.peps import find_peps
from sphinxcontrib_releases.reader import read_note
from sphinxcontrib_releases.sources import (
    FRONT_MATTER,
    FRONT_MATTER_KEYS,
    SECTION_SOURCES,
    SOURCES,
)
from sphinxcontrib_releases.versions import find_releases, parse_version
from sphinxcontrib_releases.warnings_ import WarningType

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

#: A table cell (a node, or several) and a row (its cells, and the row's ids).
Cell = nodes.Node | list[nodes.Node]
Row = tuple[Sequence[Cell], list[str]]

REBUILD = {
    "env": "env: every page is read again",
    "html": "html: pages are written again",
}


# -- helpers ----------------------------------------------------------------------------------


def _rst_inline(text: str, directive: SphinxDirective) -> list[nodes.Node]:
    """Inline nodes of a short reST text (help strings are written in reST)."""
    document = new_document("<help>", directive.state.document.settings)
    RSTParser().parse(text, document)
    if len(document.children) == 1 and isinstance(document[0], nodes.paragraph):
        children = list(document[0].children)
    else:
        children = list(document.children)
    for child in children:
        child.parent = None
    return children


def _paragraph(*children: nodes.Node | str) -> nodes.paragraph:
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def _table(
    headers: Sequence[str],
    rows: Iterable[Row],
    widths: Sequence[int],
    classes: Sequence[str] = (),
) -> nodes.table:
    """A table; each row is its cells (a node or a list of nodes each) and the row's ids."""
    table = nodes.table(classes=["releases-docs-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head_row = nodes.row()
    head += head_row
    for header in headers:
        head_row += nodes.entry("", nodes.paragraph(header, header))
    body = nodes.tbody()
    group += body
    for cells, ids in rows:
        row = nodes.row(ids=ids)
        for cell in cells:
            entry = nodes.entry()
            for node in cell if isinstance(cell, list) else [cell]:
                entry += node if isinstance(node, nodes.Element) else _paragraph(node)
            row += entry
        body += row
    return table


def _python_literal(value: Any) -> str:
    """A default as one would write it in ``conf.py``."""
    if isinstance(value, str):
        return f'r"{value}"' if "\\" in value else f'"{value}"'
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        return f"{value:_}" if value >= 10_000 else str(value)
    return repr(value)


def _default_nodes(value: Any) -> list[nodes.Node]:
    if isinstance(value, (tuple, list)):
        if not value:
            return [_paragraph(nodes.literal("[]", "[]"))]
        items = nodes.bullet_list(classes=["simple"])
        for item in value:
            text = _python_literal(item)
            items += nodes.list_item("", _paragraph(nodes.literal(text, text)))
        return [items]
    if isinstance(value, Mapping):
        items = nodes.bullet_list(classes=["simple"])
        for key, item in value.items():
            text = f'"{key}": {_python_literal(item)}'
            items += nodes.list_item("", _paragraph(nodes.literal(text, text)))
        return [items]
    text = _python_literal(value)
    return [_paragraph(nodes.literal(text, text))]


def _type_names(types: Any) -> str:
    names = [t.__name__ for t in types] if isinstance(types, (tuple, list)) else [str(types)]
    return " or ".join(names)


def _option_default(option: dc.Field[Any]) -> Any:
    if option.default_factory is not dc.MISSING:
        return option.default_factory()
    return option.default


def _releases_text(releases: Sequence[Release]) -> str:
    if not releases:
        return "nothing"
    return ", ".join(_release_text(r) for r in releases)


def _release_text(release: Release) -> str:
    """``Acme 4.2 (final, compared as 4.2.0)``: the product, the version as written, its phase,
    and the normalised version when it differs."""
    shown = f"{release.name} ({release.label})"
    if release.display == release.version:
        return shown
    return f"{shown[:-1]}, compared as {release.version})"


def _child_environment() -> dict[str, str]:
    """The environment of a command the build runs: it runs the extension that builds these
    pages, installed or not."""
    environment = {**os.environ, "COLUMNS": "88", "PYTHONIOENCODING": "utf-8"}
    package_root = str(Path(sphinxcontrib_releases.__file__).parents[1])
    paths = [package_root, *filter(None, [os.environ.get("PYTHONPATH")])]
    environment["PYTHONPATH"] = os.pathsep.join(paths)
    return environment


# -- the configuration and warnings references ---------------------------------------------


class ConfigTable(SphinxDirective):
    """``releases-config-table``: every configuration value, from ``OPTIONS``.

    Each value is also a ``confval`` object of the standard domain, so pages can link to it
    with ``{confval}`releases_notes```.
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        std = cast("StandardDomain", self.env.get_domain("std"))
        rows: list[Row] = []
        for option in OPTIONS:
            name = PREFIX + option.name
            anchor = f"confval-{name}"
            std.note_object("confval", name, anchor, location=self.get_location())
            name_cell: list[nodes.Node] = [
                _paragraph(nodes.literal(name, name, classes=["releases-docs-confval"])),
                _paragraph(nodes.emphasis("", _type_names(option.metadata["types"]))),
            ]
            rows.append(
                (
                    [
                        name_cell,
                        _default_nodes(_option_default(option)),
                        _paragraph(REBUILD.get(option.metadata["rebuild"], "")),
                        _paragraph(*_rst_inline(option.metadata["help"], self)),
                    ],
                    [anchor],
                )
            )
        return [
            _table(
                ["Option and type", "Default", "When changed", "What it does"],
                rows,
                [22, 30, 14, 34],
                classes=["releases-config-table"],
            )
        ]


class WarningsTable(SphinxDirective):
    """``releases-warnings-table``: every warning subtype, from ``WarningType``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        rows: list[Row] = []
        for member in WarningType:
            code = f"releases.{member.value}"
            rows.append(
                (
                    [
                        _paragraph(nodes.literal(code, code)),
                        _paragraph(*_rst_inline(member.description, self)),
                    ],
                    [f"warning-{member.value}".replace("_", "-")],
                )
            )
        return [
            _table(
                ["Type and subtype", "What it means"],
                rows,
                [30, 70],
                classes=["releases-warnings-table"],
            )
        ]


class SourcesTable(SphinxDirective):
    """``releases-sources-table``: each fact and its sources in the order they are tried, from
    ``SOURCES`` (and, for the front matter, its keys from ``FRONT_MATTER_KEYS``); with
    ``:sections:``, those of a changelog section, from ``SECTION_SOURCES``."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {"sections": directives.flag}

    def run(self) -> list[nodes.Node]:
        rows: list[Row] = []
        if "sections" in self.options:
            for fact, origins in SECTION_SOURCES.items():
                cell = _paragraph()
                for index, origin in enumerate(origins):
                    if index:
                        cell += nodes.Text(", then ")
                    cell += nodes.strong(origin, origin)
                rows.append(([_paragraph(nodes.literal(fact, fact)), cell], []))
            return [
                _table(["Fact", "Sources, in order"], rows, [20, 80], classes=["releases-sources"])
            ]
        for fact, sources in SOURCES.items():
            cell = _paragraph()
            for index, (origin, _source) in enumerate(sources):
                if index:
                    cell += nodes.Text(", then ")
                cell += nodes.strong(origin, origin)
                if origin == FRONT_MATTER:
                    keys = FRONT_MATTER_KEYS[fact]
                    cell += nodes.Text(" (")
                    for position, key in enumerate(keys):
                        if position:
                            cell += nodes.Text(", ")
                        cell += nodes.literal(key, key)
                    cell += nodes.Text(")")
            rows.append(([_paragraph(nodes.literal(fact, fact)), cell], []))
        return [_table(["Fact", "Sources, in order"], rows, [20, 80], classes=["releases-sources"])]


# -- examples computed by the extension ------------------------------------------------------


class VersionsTable(SphinxDirective):
    """``releases-versions-table``: one title per content line, and what the reader makes of it.

    With ``:front-matter:`` each line is a ``version:`` value instead of a title.
    """

    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "front-matter": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        front_matter = "front-matter" in self.options
        rows: list[Row] = []
        for line in self.content:
            text = line.strip()
            if not text:
                continue
            if front_matter:
                found = parse_version(text)
                releases: list[Release] = [found] if found is not None else []
            else:
                releases = find_releases(text)
            rows.append(
                (
                    [
                        _paragraph(nodes.literal(text, text)),
                        _paragraph(_releases_text(releases)),
                    ],
                    [],
                )
            )
        header = "version: value" if front_matter else "Title"
        return [_table([header, "Announces"], rows, [55, 45], classes=["releases-versions"])]


class PepsTable(SphinxDirective):
    """``releases-peps-table``: one text per content line, and the PEPs the reader finds in it."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        rows: list[Row] = []
        for line in self.content:
            text = line.strip()
            if not text:
                continue
            found = ", ".join(str(n) for n in find_peps(text)) or "none"
            rows.append(([_paragraph(nodes.literal(text, text)), _paragraph(found)], []))
        return [_table(["Text", "PEPs found"], rows, [75, 25], classes=["releases-peps"])]


class NoteSummary(SphinxDirective):
    """``releases-note-summary PATH``: what the reader finds in a note file, as a table."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        if not Path(absolute).is_file():
            logger.warning("no such note: %s", self.arguments[0], location=self.get_location())
            return []
        note = read_note(absolute, reader_options(self.config))
        return [self._metadata(note), *self._features(note)]

    def _metadata(self, note: Announcement) -> nodes.table:
        origins = dict(note.origins)

        def text(value: str | None, fact: str = "") -> str:
            if not value:
                return "(none)"
            return f"{value} (from the {origins[fact]})" if fact in origins else value

        extra: list[nodes.Node] = []
        for index, (key, value) in enumerate(note.extra):
            if index:
                extra.append(nodes.Text(", "))
            extra.append(nodes.literal("", f"{key}: {value!r}"))  # as written: no curly quotes
        fields: list[tuple[str, str | list[nodes.Node]]] = [
            ("title", text(note.title, "title")),
            ("releases", _releases_text(note.releases)),
            ("date", text(note.date.isoformat() if note.date else None, "date")),
            ("updated", text(note.updated.isoformat() if note.updated else None, "updated")),
            ("author", text(note.author, "author")),
            ("description", text(note.description)),
            ("tags", ", ".join(note.tags) or "(none)"),
            ("published", "yes" if note.published else "no"),
            ("PEPs", ", ".join(str(n) for n in note.peps) or "(none)"),
            ("other keys", extra or "(none)"),
        ]
        fields.extend(
            (f"warning (line {p.line})", f"{p.message} [releases.{p.subtype}]")
            for p in note.problems
        )
        rows: list[Row] = [
            (
                [
                    _paragraph(name),
                    _paragraph(*value) if isinstance(value, list) else _paragraph(value),
                ],
                [],
            )
            for name, value in fields
        ]
        return _table(["Read as", "Value"], rows, [20, 80], classes=["releases-note-summary"])

    def _features(self, note: Announcement) -> list[nodes.Node]:
        if not note.features:
            return [_paragraph("Features: none found.")]
        rows: list[Row] = [
            (
                [
                    _paragraph(feature.section or "—"),
                    _paragraph(feature.text)
                    if feature.description is None
                    else _paragraph(feature.text, " — ", nodes.emphasis("", feature.description)),
                    _paragraph(", ".join(str(n) for n in feature.peps) or "—"),
                ],
                [],
            )
            for feature in note.features
        ]
        return [
            _table(
                ["Section", "Feature", "PEPs"],
                rows,
                [20, 70, 10],
                classes=["releases-note-features"],
            )
        ]


class TranslationsTable(SphinxDirective):
    """``releases-translations-table``: every message of the extension's catalog, with its
    translation in each shipped language, read from the ``.po`` files themselves."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        languages = catalogs.languages()
        translated = {}
        for language in languages:
            path = catalogs.po_path(language)
            self.env.note_dependency(str(path))
            translated[language] = catalogs.messages(catalogs.read(path, language))
        self.env.note_dependency(str(catalogs.TEMPLATE))
        rows: list[Row] = []
        for message in catalogs.read(catalogs.TEMPLATE):
            if not message.id or not isinstance(message.id, str):
                continue
            english: list[nodes.Node] = [_paragraph(nodes.literal(message.id, message.id))]
            comment = " ".join(message.auto_comments)
            if comment:
                english.append(_paragraph(nodes.emphasis(comment, comment)))
            cells: list[Cell] = [english]
            cells.extend(
                _paragraph(translated[language].get(message.id, "")) for language in languages
            )
            rows.append((cells, []))
        width = 60 // max(len(languages), 1)
        return [
            _table(
                ["English", *languages],
                rows,
                [40, *([width] * len(languages))],
                classes=["releases-translations-table"],
            )
        ]


class ChangelogHeadingsTable(SphinxDirective):
    """``releases-changelog-headings``: one heading per content line (Markdown, without its
    ``#``), and what the changelog reader makes of it."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        rows: list[Row] = []
        for line in self.content:
            text = line.strip()
            if not text:
                continue
            sections = read_changelog(f"## {text}\n\n- An item.\n", "<heading>").sections
            if not sections:
                cells = ["not a release heading", "", ""]
            else:
                section = sections[0]
                flags = (("unreleased", section.unreleased), ("yanked", section.yanked))
                status = [word for word, flag in flags if flag]
                release = section.release.version if section.release else "—"
                named = f"{section.product} {release}" if section.product else release
                cells = [
                    named if section.version else "—",
                    section.date.isoformat() if section.date else "—",
                    ", ".join(status) or "released",
                ]
            rows.append(([_paragraph(nodes.literal(text, text)), *map(_paragraph, cells)], []))
        return [
            _table(
                ["Heading", "Release", "Date", "Status"],
                rows,
                [46, 22, 16, 16],
                classes=["releases-changelog-headings"],
            )
        ]


class KindsTable(SphinxDirective):
    """``releases-kinds-table``: one subsection name per content line, and its kind."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        by_kind: dict[str, list[str]] = {kind: [] for kind in KINDS}
        for line in self.content:
            name = line.strip()
            if name:
                by_kind[kind_of(name) or "other"].append(name)
        rows: list[Row] = []
        for kind, names in by_kind.items():
            cell: list[nodes.Node] = []
            for name in names:
                if cell:
                    cell.append(nodes.Text(", "))
                cell.append(nodes.literal(name, name))
            rows.append(([_paragraph(nodes.literal(kind, kind)), _paragraph(*cell)], []))
        return [_table(["Kind", "Subsections"], rows, [20, 80], classes=["releases-kinds"])]


class CommandOutput(SphinxDirective):
    """``releases-command COMMAND``: run a command in the docs folder and show its output.

    A leading ``python`` runs the interpreter of the build. ``:exit-code:`` is the status the
    command must end with (0 unless given); ``:stderr:`` shows standard error too.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "exit-code": directives.nonnegative_int,
        "stderr": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        command = self.arguments[0]
        argv = shlex.split(command)
        if argv and argv[0] == "python":
            argv[0] = sys.executable
        srcdir = Path(self.env.srcdir)
        for argument in argv[1:]:
            if (srcdir / argument).is_file():
                self.env.note_dependency(argument)
        try:
            done = subprocess.run(
                argv,
                cwd=srcdir,
                capture_output=True,
                text=True,
                timeout=120,
                env=_child_environment(),
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            logger.warning("%s: %s", command, error, location=self.get_location())
            return []
        expected = self.options.get("exit-code", 0)
        if done.returncode != expected:
            logger.warning(
                "%s exited with %d, not %d: %s",
                command,
                done.returncode,
                expected,
                done.stderr.strip(),
                location=self.get_location(),
            )
        output = done.stdout
        if "stderr" in self.options and done.stderr:
            output += done.stderr
        text = f"$ {command}\n{output.rstrip()}"
        block = nodes.literal_block(text, text, language="console")
        self.set_source_info(block)
        return [block]


# -- projects of their own, built into a folder of the site ------------------------------------

#: The builders after which the subprojects are built (with the same builder).
SUBPROJECT_BUILDERS = ("html", "dirhtml")
#: A line of a Sphinx warning (or error) as a build without colours writes it.
_WARNING_LINE = re.compile(r"^(?:(?P<location>.+?): )?(?:WARNING|ERROR|CRITICAL): (?P<message>.*)$")


def build_subprojects(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: build each of ``docs_subprojects`` (an output folder mapped to a
    project folder, relative to ``conf.py``) into its folder of the site's output.

    Sphinx has one language per project, so the demo in German is a project of its own
    (``docs/demo-de``). It is built by ``python -m sphinx`` in a process of its own, since
    Sphinx's logging and message catalogs are global to a process. It is built with the site's
    builder, theme and ``-n``, its doctrees in a folder of the site's doctrees (so that the next
    build of the site rebuilds only what changed), and every warning it gives is a warning of
    the site's build (which ``-W`` turns into a failure).
    """
    if exception is not None or app.builder.name not in SUBPROJECT_BUILDERS:
        return
    for folder, source in app.config.docs_subprojects.items():
        _build_subproject(app, folder, Path(app.confdir, source))


def _build_subproject(app: Sphinx, folder: str, source: Path) -> None:
    logger.info("building the subproject %s into %s/", source.name, folder)
    argv = [sys.executable, "-m", "sphinx", "-q", "--no-color", "-b", app.builder.name]
    argv += ["-d", str(Path(app.doctreedir, folder))]
    if app.config.nitpicky:
        argv.append("-n")
    argv += ["-D", f"html_theme={app.config.html_theme}"]
    if app.config.html_baseurl:
        argv += ["-D", f"html_baseurl={app.config.html_baseurl.rstrip('/')}/{folder}/"]
    argv += [str(source), str(Path(app.outdir, folder))]
    try:
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=600, env=_child_environment(), check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.warning("subproject %s: %s", source.name, error)
        return
    reported = _forward_warnings(done.stderr)
    if done.returncode != 0 and not reported:
        logger.warning(
            "subproject %s: the build exited with %d: %s",
            source.name,
            done.returncode,
            done.stderr.strip(),
        )


def _forward_warnings(stderr: str) -> int:
    """Give each warning of a subproject's build to the site's logger, at its location; the
    lines that follow a warning (a traceback, an explanation) are part of it. Returns how many
    there were."""
    found: list[tuple[str | None, list[str]]] = []
    for line in stderr.splitlines():
        match = _WARNING_LINE.match(line)
        if match:
            found.append((match["location"], [match["message"]]))
        elif line.strip():
            if not found:
                found.append((None, []))
            found[-1][1].append(line)
    for location, lines in found:
        logger.warning("%s", "\n".join(lines), location=location)
    return len(found)


class SiteLink(ReferenceRole):
    """``releases-site-link``: a link to a file of the site's output that no page of this
    project makes (the root page of a subproject), by its path from the output's root:
    ``{releases-site-link}`the demo in German <de/index.html>```.

    The address is made relative to the page when the page is written, as the builder lays
    pages out (:func:`resolve_site_links`). Builders that make no such file link to the
    published site (``html_baseurl``), or keep the text alone.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        reference = nodes.reference(
            self.rawtext, self.title, refuri=self.target, classes=["releases-docs-site-link"]
        )
        reference["sitepath"] = self.target
        return [reference], []


def resolve_site_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the address of each ``releases-site-link``, relative to the page
    being written."""
    builder = app.builder
    base = app.config.html_baseurl
    for reference in list(doctree.findall(nodes.reference)):
        path = reference.get("sitepath")
        if path is None:
            continue
        if builder.name in SUBPROJECT_BUILDERS:
            reference["refuri"] = relative_uri(builder.get_target_uri(docname), path)
        elif base:
            reference["refuri"] = f"{base.rstrip('/')}/{path}"
        else:
            reference.replace_self(nodes.inline("", "", *reference.children))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("docs_subprojects", {}, "", types=(dict,))
    app.connect("build-finished", build_subprojects)
    app.add_role("releases-site-link", SiteLink())
    app.connect("doctree-resolved", resolve_site_links)
    app.add_directive("releases-config-table", ConfigTable)
    app.add_directive("releases-warnings-table", WarningsTable)
    app.add_directive("releases-versions-table", VersionsTable)
    app.add_directive("releases-peps-table", PepsTable)
    app.add_directive("releases-sources-table", SourcesTable)
    app.add_directive("releases-note-summary", NoteSummary)
    app.add_directive("releases-command", CommandOutput)
    app.add_directive("releases-translations-table", TranslationsTable)
    app.add_directive("releases-changelog-headings", ChangelogHeadingsTable)
    app.add_directive("releases-kinds-table", KindsTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
