"""Parsing a note's markup with the note's own parser, whatever the host page is written in.

A Markdown note is parsed by the project's Markdown parser (MyST) and a reST note by Sphinx's
reST parser, into a scratch document; its nodes are then moved into the host document with
their ids made unique there.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from copy import copy
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.transforms import references
from sphinx.util.docutils import LoggingReporter, new_document

from sphinxcontrib_releases.model import Announcement, Feature

if TYPE_CHECKING:
    from docutils.parsers import Parser
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

FILETYPES = {"markdown": "markdown", "rst": "restructuredtext"}

#: docutils' transforms that resolve a document's own hyperlinks and footnotes.
_LINKING = (
    references.PropagateTargets,
    references.AnonymousHyperlinks,
    references.IndirectHyperlinks,
    references.Footnotes,
    references.ExternalTargets,
    references.InternalTargets,
)

#: Metadata nodes that a standalone parse leaves at the top and that a host page must not get.
_METADATA = (nodes.docinfo, nodes.field_list, nodes.meta)


#: The component registry of each build environment's application, kept at ``builder-inited``
#: because directives and transforms see only the environment.
_REGISTRIES: WeakKeyDictionary[BuildEnvironment, Any] = WeakKeyDictionary()


def remember_parsers(app: Sphinx) -> None:
    _REGISTRIES[app.env] = app.registry


def _parser(env: BuildEnvironment, syntax: str) -> Parser:
    filetype = FILETYPES.get(syntax, "markdown")
    registry = _REGISTRIES[env]
    create = registry.create_source_parser
    if "env" in inspect.signature(create).parameters:  # Sphinx 9 and later
        parser: Parser = create(filetype, config=env.config, env=env)
    else:  # Sphinx 8
        parser = create(env.app, filetype)
    return parser


def _scratch(host: nodes.document, source: str) -> nodes.document:
    document = new_document(source, copy(host.settings))
    document.reporter = LoggingReporter(
        source, host.reporter.report_level, host.reporter.halt_level
    )
    return document


class _FirstHeadingLevel(logging.Filter):
    """Drops MyST's warning that a text's headings do not start at H1."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            getattr(record, "type", None) == "myst"
            and getattr(record, "subtype", None) == "header"
            and str(record.msg).startswith("Document headings start at H")
        )


_FIRST_HEADING_LEVEL = _FirstHeadingLevel()


@contextmanager
def _cut_out(note: Announcement) -> Iterator[None]:
    """While a Markdown changelog section is parsed apart from its file: its subsections
    start at H3 (under the file's H1 and the release's H2) by construction, which MyST would
    otherwise report. Every other warning of the section passes."""
    if not note.is_section or note.syntax != "markdown":
        yield
        return
    handlers = list(logging.getLogger("sphinx").handlers)
    for handler in handlers:
        handler.addFilter(_FIRST_HEADING_LEVEL)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(_FIRST_HEADING_LEVEL)


def parse_note(note: Announcement, host: nodes.document, env: BuildEnvironment) -> list[nodes.Node]:
    """The note's body as nodes for ``host``; warnings point at the note file's own lines."""
    document = _scratch(host, note.source)
    # blank lines in place of the front matter keep every line number true to the file
    with _cut_out(note):
        _parser(env, note.syntax).parse("\n" * (note.body_line - 1) + note.body, document)
        if note.is_section:  # and the node of the same warning, for keep_warnings
            for message in list(document.findall(nodes.system_message)):
                if "Document headings start at H" in message.astext():
                    message.parent.remove(message)
    _drop_metadata(document)
    for transform in _LINKING:  # the note's own links and footnotes, resolved within the note
        transform(document).apply()
    return graft(document, host)


def parse_features(
    note: Announcement, features: Sequence[Feature], host: nodes.document, env: BuildEnvironment
) -> list[list[nodes.Node]]:
    """The inline content of each feature item, parsed together in one pass."""
    if not features:
        return []
    text = "\n".join("- " + feature.markdown.replace("\n", "\n  ") for feature in features)
    document = _scratch(host, note.source)
    _parser(env, note.syntax).parse(text, document)
    items = list(document.findall(nodes.list_item))
    top = [item for item in items if not isinstance(item.parent.parent, nodes.list_item)]
    if len(top) != len(features):
        return [[nodes.Text(feature.text)] for feature in features]
    rendered: list[list[nodes.Node]] = []
    for item in top:
        children = list(item.children)
        if len(children) == 1 and isinstance(children[0], nodes.paragraph):
            children = list(children[0].children)
        for child in children:
            child.parent = None
        rendered.append(children)
    graft_ids(top, host)
    return rendered


def _drop_metadata(document: nodes.document) -> None:
    for container in (document, *document.findall(nodes.section)):
        for child in list(container.children):
            if isinstance(child, (nodes.title, nodes.subtitle)):
                continue
            if isinstance(child, _METADATA):
                container.remove(child)
            break  # only what comes first in a container can be metadata
        if container is not document:
            break


def graft(document: nodes.document, host: nodes.document) -> list[nodes.Node]:
    """Detach a scratch document's children for use in ``host``, with ids free there.

    The note's labels stay the note's own: they are not declared again in every page that
    embeds it (that would make duplicate labels); a note page declares them.
    """
    children = list(document.children)
    graft_ids(children, host)
    for child in children:
        child.parent = None
    return children


def free_id(document: nodes.document, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``...: the first id not yet used in ``document``."""
    candidate, count = base, 1
    while candidate in document.ids:
        count += 1
        candidate = f"{base}-{count}"
    return candidate


def graft_ids(roots: Sequence[nodes.Node], host: nodes.document) -> dict[str, str]:
    """Give every id under ``roots`` a name that is free in ``host``, and register it there.

    Returns the renaming, old id to new.
    """
    renamed: dict[str, str] = {}
    elements = [
        element
        for root in roots
        if isinstance(root, nodes.Element)
        for element in root.findall(nodes.Element)
    ]
    for element in elements:
        ids = []
        for old in element["ids"]:
            new = free_id(host, old)
            host.ids[new] = element
            renamed[old] = new
            ids.append(new)
        element["ids"] = ids
    if any(old != new for old, new in renamed.items()):
        for element in elements:
            if element.get("refid") in renamed:
                element["refid"] = renamed[element["refid"]]
            if element.get("backrefs"):
                element["backrefs"] = [renamed.get(b, b) for b in element["backrefs"]]
    return renamed
