"""Turning PEP mentions and PEP links in note text into Sphinx PEP references.

Each mention goes through Sphinx's own ``:pep:`` role, so it gets the same link (honouring the
``pep_base_url`` setting) and the same index entry as a PEP written with the role by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import copy

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx import addnodes
from sphinx.roles import PEP

from sphinxcontrib_releases.headings import inside
from sphinxcontrib_releases.peps import iter_pep_mentions

_PEP_URL = re.compile(
    r"(?:peps\.python\.org|python\.org/dev/peps)/pep-0*(\d{1,4})(?:\.html)?/?(?:#(\S*))?$"
)

#: Text under these nodes is left alone: code, links that exist, and anything verbatim.
_SKIP = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.reference,
    nodes.title,
    nodes.raw,
    nodes.comment,
    nodes.target,
    nodes.title_reference,
    nodes.math,
    addnodes.pending_xref,
    addnodes.index,
    addnodes.desc_signature,
)


def link_peps(root: nodes.Element, document: nodes.document, *, index: bool = True) -> None:
    """Replace PEP mentions and PEP URLs under ``root`` (modified in place).

    With ``index=False`` the links get no index entry: for lists of releases, which would
    otherwise fill the general index with one entry per row.
    """
    links, mentions = _candidates(root)
    if not links and not mentions:
        return
    inliner = _inliner(document)
    for reference in links:
        match = _PEP_URL.search(reference.get("refuri", ""))
        if match and "pep" not in reference["classes"] and reference.parent is not None:
            target = match.group(1) + (f"#{match.group(2)}" if match.group(2) else "")
            title = reference.astext() or f"PEP {match.group(1)}"
            reference.parent.replace(reference, _role(inliner, title, target, reference, index))
    for text in mentions:
        if text.parent is None:
            continue
        pieces = _split(text, inliner, index)
        if pieces:
            text.parent.replace(text, pieces)


def _candidates(root: nodes.Element) -> tuple[list[nodes.reference], list[nodes.Text]]:
    """In one walk: every reference under ``root``, and every text outside the nodes left
    alone (:data:`_SKIP`) that has ``pep`` in it (most text mentions no PEP), in document
    order. Replacing a reference does not change which texts are left alone: what it holds
    is, and so is what replaces it."""
    links: list[nodes.reference] = []
    mentions: list[nodes.Text] = []
    stack: list[tuple[Iterator[nodes.Node], bool]] = [(iter((root,)), _skipped(root))]
    while stack:
        children, skipped = stack[-1]
        for node in children:
            if isinstance(node, nodes.Text):
                if not skipped and "pep" in node.lower():
                    mentions.append(node)
                continue
            if isinstance(node, nodes.reference):
                links.append(node)
            if node.children:
                stack.append((iter(node.children), skipped or isinstance(node, _SKIP)))
                break
        else:
            stack.pop()
    return links, mentions


def pep_reference(
    number: int, document: nodes.document, line: int = 0, *, index: bool = True
) -> list[nodes.Node]:
    """``PEP <number>`` as the ``:pep:`` role makes it: a link, and (``index``) an index entry
    with its target."""
    if not index:
        # without its index entry and target, the role's link depends on the PEP's URL alone
        key = (number, document.settings.pep_base_url)
        if key not in _LINKS:
            _LINKS[key] = _role_call(number, document, line, index=False)
        return [node.deepcopy() for node in _LINKS[key]]
    return _role_call(number, document, line, index=True)


#: The links :func:`pep_reference` made without index entries, by PEP and base URL.
_LINKS: dict[tuple[int, str], list[nodes.Node]] = {}


def _role_call(number: int, document: nodes.document, line: int, index: bool) -> list[nodes.Node]:
    made, _messages = PEP()("pep", f":pep:`{number}`", str(number), line, _inliner(document))
    return _indexed(made, index)


def _indexed(made: list[nodes.Node], index: bool) -> list[nodes.Node]:
    if index:
        return list(made)
    return [node for node in made if not isinstance(node, (addnodes.index, nodes.target))]


def _skipped(node: nodes.Node) -> bool:
    return inside(node, _SKIP)


def _split(text: nodes.Text, inliner: Inliner, index: bool) -> list[nodes.Node]:
    source = str(text)
    pieces: list[nodes.Node] = []
    position = 0
    for start, end, number in iter_pep_mentions(source):
        if start > position:
            pieces.append(nodes.Text(source[position:start]))
        pieces.extend(_role(inliner, source[start:end], str(number), text.parent, index))
        position = end
    if not pieces:
        return []
    if position < len(source):
        pieces.append(nodes.Text(source[position:]))
    return pieces


def _role(
    inliner: Inliner, title: str, target: str, near: nodes.Node | None, index: bool
) -> list[nodes.Node]:
    escaped = title.replace("<", "\x00<")  # a null byte is how docutils marks an escape
    line = near.line if near is not None and near.line else 0
    made, _messages = PEP()(
        "pep", f":pep:`{escaped} <{target}>`", f"{escaped} <{target}>", line, inliner
    )
    return _indexed(made, index)


#: Configured inliners to copy, by the settings their patterns depend on.
_INLINERS: dict[tuple[object, ...], Inliner] = {}
_INLINER_SETTINGS = ("character_level_inline_markup", "pep_references", "rfc_references")


def _inliner(document: nodes.document) -> Inliner:
    # building an inliner's patterns is costly; they depend on three settings only
    key = tuple(getattr(document.settings, name, None) for name in _INLINER_SETTINGS)
    if key not in _INLINERS:
        _INLINERS[key] = Inliner()
        _INLINERS[key].init_customizations(document.settings)
    inliner = copy(_INLINERS[key])
    inliner.document = document
    inliner.reporter = document.reporter
    inliner.parent = document
    return inliner
