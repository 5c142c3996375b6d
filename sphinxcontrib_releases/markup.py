"""Parsing a note's markup with the note's own parser, whatever the host page is written in.

A Markdown note is parsed by the project's Markdown parser (MyST) and a reST note by Sphinx's
reST parser, into a scratch document; its nodes are then moved into the host document with
their ids made unique there.
"""

from __future__ import annotations

import inspect
import logging
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from copy import copy
from itertools import accumulate
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from docutils.transforms import references
from sphinx.util.docutils import LoggingReporter, new_document

from sphinxcontrib_releases.headings import drop_empty_headings, lift_headings
from sphinxcontrib_releases.logs import located_in
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


def myst_config(env: BuildEnvironment) -> Any:
    """MyST's configuration of the build (set by MyST when the builder starts)."""
    return getattr(env, "myst_config", None)


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
    """The note's body as nodes for ``host``; warnings point at the note file's own lines.

    Its headings are settled as on its page (:mod:`~sphinxcontrib_releases.headings`): the
    embedding gives the note its heading, so it may start at ``##``.
    """
    document = _scratch(host, note.source)
    # blank lines in place of the front matter keep every line number true to the file
    text = "\n" * (note.body_line - 1) + note.body
    config = myst_config(env)
    if config is not None and FILETYPES.get(note.syntax, "markdown") == "markdown":
        text = lift_headings(text, config) or text
    with _cut_out(note), located_in(note.source, env.docname):
        _parser(env, note.syntax).parse(text, document)
        if note.is_section:  # and the node of the same warning, for keep_warnings
            for message in list(document.findall(nodes.system_message)):
                if "Document headings start at H" in message.astext():
                    message.parent.remove(message)
    _drop_metadata(document)
    drop_empty_headings(document, document)
    for transform in _LINKING:  # the note's own links and footnotes, resolved within the note
        transform(document).apply()
    return graft(document, host)


def parse_features(
    note: Announcement, features: Sequence[Feature], host: nodes.document, env: BuildEnvironment
) -> list[list[nodes.Node]]:
    """The inline content of each feature item of a note, parsed together in one pass."""
    return parse_many_features([(note, features)], host, env)[0]


Items = Sequence[tuple[Announcement, Sequence[Feature]]]
"""Notes, each with some of its features."""


def parse_many_features(
    items: Items, host: nodes.document, env: BuildEnvironment
) -> list[list[list[nodes.Node]]]:
    """The inline content of the features of several notes, by note, then by feature.

    The features of every note in one syntax are parsed in one pass (setting a parser up costs
    more than the few items most notes have). Should that list not come out with an item per
    feature, each note of that syntax is parsed by itself, and the features of a note whose own
    list does not come out right either stay plain text.
    """
    by_syntax: dict[str, list[int]] = {}
    for position, (note, features) in enumerate(items):
        if features:
            by_syntax.setdefault(note.syntax, []).append(position)
    result: list[list[list[nodes.Node]]] = [[] for _ in items]
    for positions in by_syntax.values():
        together = _parse_items([items[p] for p in positions], host, env)
        if together is None:
            for position in positions:
                alone = _parse_items([items[position]], host, env)
                features = items[position][1]
                result[position] = alone or [[nodes.Text(f.text)] for f in features]
            continue
        for position in positions:
            count = len(items[position][1])
            result[position], together = together[:count], together[count:]
    return result


def _parse_items(
    items: Items, host: nodes.document, env: BuildEnvironment
) -> list[list[nodes.Node]] | None:
    """The features of ``items`` (notes in one syntax) as one list, parsed in one pass: each
    feature's content; ``None`` when the list does not come out with an item per feature."""
    notes = [note for note, features in items for _feature in features]
    features = [feature for _note, some in items for feature in some]
    written = ["- " + feature.markdown.replace("\n", "\n  ") for feature in features]
    starts = list(accumulate((item.count("\n") + 1 for item in written), initial=1))[:-1]

    def line_in_note(line: int) -> tuple[str, int]:
        """The note and its line for a line of the parsed list (each item starts at its own)."""
        index = max(bisect_right(starts, line) - 1, 0)
        first = features[index].line
        return notes[index].source, first + line - starts[index] if first else line

    source = notes[0].source
    document = _scratch(host, source)
    with located_in(source, env.docname, line_in_note):
        _parser(env, notes[0].syntax).parse("\n".join(written), document)
    listed = list(document.findall(nodes.list_item))
    top = [item for item in listed if not isinstance(item.parent.parent, nodes.list_item)]
    if len(top) != len(features):
        return None
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


#: The key, in Sphinx's data of the document being read, of the ids and names the extension
#: gave out in it (see :func:`handed_out`).
_HANDED_OUT = "releases:handed-out"


def handed_out(document: nodes.document) -> tuple[set[str], set[str]]:
    """The ids and the names the extension gave out in the page being read.

    A page's document does not always know them: in a MyST ``{eval-rst}`` block, directives
    fill a document of the block's own, whose nodes MyST then moves into the page. Sphinx's
    data of the document being read is the same for every block of the page.
    """
    env = getattr(document.settings, "env", None)
    if env is None:  # docutils alone: one document, which knows its ids
        return set(), set()
    current = getattr(env, "current_document", None)  # Sphinx 9; before, temp_data
    data = current if current is not None else env.temp_data
    found: tuple[set[str], set[str]] = data.setdefault(_HANDED_OUT, (set(), set()))
    return found


def free_id(document: nodes.document, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``...: the first id not yet used in ``document`` nor
    given out by the extension in the page being read; it is given out now."""
    ids, _names = handed_out(document)
    candidate, count = base, 1
    while candidate in document.ids or candidate in ids:
        count += 1
        candidate = f"{base}-{count}"
    ids.add(candidate)
    return candidate


def claim_names(node: nodes.Element, document: nodes.document) -> None:
    """Keep only the names of ``node`` that the extension did not give out yet in the page
    being read (the same note embedded twice names its sections twice), and give them out."""
    _ids, names = handed_out(document)
    node["names"] = [name for name in node["names"] if name not in names]
    names.update(node["names"])


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
