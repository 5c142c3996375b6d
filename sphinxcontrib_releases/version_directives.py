"""Sphinx's version directives and the releases: links, targets and lists of documented changes.

``.. versionadded:: 3.12`` (and ``versionchanged``, ``deprecated``, ``versionremoved``, in reST
or MyST) makes a :class:`sphinx.addnodes.versionmodified` node whose first paragraph opens with
a ``span.versionmodified`` label ("Added in version 3.12"), and records a changeset entry in
Sphinx's ``changeset`` domain. Here:

* :class:`VersionTargets` (read time) gives each such node a target, so that a list can link
  to it, and records the page as one that links releases;
* :class:`VersionLinks` (write time, before references are resolved) turns the version in the
  label into a ``releases:release`` reference, resolved like the ``release`` role;
* :class:`DocumentedChanges` (write time) fills the ``:with-changes:`` part of a ``feature-list``
  with the changeset entries of the docs for each listed release, when every page has been read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.changeset import ChangeSetDomain
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinxcontrib_releases.config import get_config
from sphinxcontrib_releases.domain import ChangeKey, ReleasesDomain, get_domain
from sphinxcontrib_releases.locale import N_, _
from sphinxcontrib_releases.markup import free_id

# What the lists of documented changes say (English, translated with ``_`` where shown)
# Translators: rubric over what the docs' versionadded/versionchanged/deprecated directives say
# about one release, in a feature list: "Documented changes in 3.13.0"
CHANGES_HEADING = N_("Documented changes in {release}")
"""The rubric over the changeset entries of one release."""

LABEL_CLASS = "versionmodified"
"""The class of the label Sphinx puts at the start of a version directive."""


def change_key(node: addnodes.versionmodified) -> ChangeKey:
    """The node as Sphinx's changeset data knows it (its ``ChangeSet`` has type and line)."""
    return str(node.get("type", "")), str(node.get("version", "")), node.line


class VersionTargets(SphinxTransform):
    """Put a target before each version directive and remember it; mark the page as one that
    links releases, so that it is rewritten when releases move."""

    default_priority = 600

    def apply(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        docname = self.env.docname
        found = False
        for node in list(self.document.findall(addnodes.versionmodified)):
            found = True
            parent = node.parent
            if parent is None:
                continue
            anchor = free_id(
                self.document, nodes.make_id(f"{node.get('type', '')}-{node.get('version', '')}")
            )
            target = nodes.target("", "", ids=[anchor])
            self.document.ids[anchor] = target
            parent.insert(parent.index(node), target)
            domain.note_change_anchor(docname, change_key(node), anchor)
        if found:
            domain.data["referrers"][docname] = True


class VersionLinks(SphinxPostTransform):
    """Link the version of each version directive's label to where that release is rendered."""

    default_priority = 5  # before the ReferencesResolver (10) resolves the links made here

    def run(self, **kwargs: Any) -> None:
        if not get_config(self.config).link_version_directives:
            return
        domain = get_domain(self.env)
        if not domain.data["anchors"]:
            return  # no page has a version directive (VersionTargets notes each one it finds)
        for node in list(self.document.findall(addnodes.versionmodified)):
            version = str(node.get("version", ""))
            release = domain.release_for_version(version) if version else None
            if release is None or domain.canonical(release) is None:
                continue  # no release of that version is rendered: the label stays text
            for text in _label_texts(node):
                if _link_version(text, version, release.reference):
                    break


def _label_texts(node: addnodes.versionmodified) -> Iterator[nodes.Text]:
    """The text of the label at the start of the node's first paragraph."""
    if not node.children or not isinstance(node[0], nodes.paragraph):
        return
    for child in node[0].children:
        if isinstance(child, nodes.inline) and LABEL_CLASS in child["classes"]:
            yield from (c for c in child.children if isinstance(c, nodes.Text))
            return


def _link_version(text: nodes.Text, version: str, target: str) -> bool:
    """Replace ``version`` in ``text`` with a reference to the release ``target``."""
    source = str(text)
    start = source.find(version)
    if start < 0 or text.parent is None:
        return False
    xref = addnodes.pending_xref(
        "",
        nodes.inline(version, version, classes=["releases-version"]),
        refdomain="releases",
        reftype="release",
        reftarget=target,
        refexplicit=True,
        refwarn=False,
    )
    pieces: list[nodes.Node] = []
    if start:
        pieces.append(nodes.Text(source[:start]))
    pieces.append(xref)
    if start + len(version) < len(source):
        pieces.append(nodes.Text(source[start + len(version) :]))
    text.parent.replace(text, pieces)
    return True


class changes_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils' node naming
    """Where a ``feature-list`` with ``:with-changes:`` lists the documented changes of its
    releases (``releases``: their references, in the list's order). Replaced by
    :class:`DocumentedChanges` before any writer sees it."""


def _object_name(descname: object) -> str:
    """The object a changeset entry is about: a name (Sphinx 9), or the first of the names
    tuple a description records (Sphinx 8: ``('spin', None)`` for a Python function)."""
    if isinstance(descname, (tuple, list)) and descname:
        descname = descname[0]
    return descname if isinstance(descname, str) else ""


class DocumentedChanges(SphinxPostTransform):
    """Replace each :class:`changes_placeholder` with a rubric and a list per release that the
    docs' version directives name; nothing at all for releases they do not name."""

    default_priority = 5  # before the ReferencesResolver (10) resolves the links made here

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        if not domain.data["change_lists"]:
            return  # no page asked for a list (changes_list notes each one)
        placeholders = list(self.document.findall(changes_placeholder))
        if not placeholders:
            return
        by_release = self._changes_by_release(domain)
        several = len(domain.products()) > 1
        for placeholder in placeholders:
            made: list[nodes.Node] = []
            for reference in placeholder["releases"]:
                entries = by_release.get(reference)
                release = domain.find(reference).release
                if not entries or release is None:
                    continue
                name = release.name if several else release.display
                heading = _(CHANGES_HEADING).format(release=name)
                made.append(nodes.rubric(heading, heading, classes=["releases-changes-group"]))
                items = nodes.bullet_list(classes=["releases-changes"])
                for entry in entries:
                    items += self._item(domain, *entry)
                made.append(items)
            placeholder.replace_self(made)

    def _changes_by_release(
        self, domain: ReleasesDomain
    ) -> dict[str, list[tuple[str, ChangeKey, str, str]]]:
        """Each release's changeset entries, in page and line order: ``(docname, key,
        descname, text)``."""
        changeset = cast("ChangeSetDomain", self.env.get_domain("changeset"))
        found: dict[str, list[tuple[str, ChangeKey, str, str]]] = {}
        for version in sorted(changeset.data.get("changes", {})):
            release = domain.release_for_version(version)
            if release is None:
                continue
            for change in changeset.get_changesets_for(version):
                key: ChangeKey = (change.type, version, change.lineno)
                text = " ".join(str(change.content).split())
                entry = (change.docname, key, _object_name(change.descname), text)
                found.setdefault(release.reference, []).append(entry)
        for entries in found.values():
            entries.sort(key=lambda e: (e[0], e[1][2] or 0, e[1][0], e[3]))
        return found

    def _item(
        self, domain: ReleasesDomain, docname: str, key: ChangeKey, descname: str, text: str
    ) -> nodes.list_item:
        if descname:
            where: nodes.Element = nodes.literal(descname, descname)
        else:
            title = self.env.titles.get(docname)
            shown = title.astext() if title is not None else docname
            where = nodes.inline(shown, shown)
        xref = addnodes.pending_xref(
            "",
            where,
            refdomain="releases",
            reftype="change",
            reftarget=f"{docname}#{domain.change_anchor(docname, key)}",
            refexplicit=True,
            refwarn=False,
        )
        line = nodes.paragraph("", "", xref, nodes.Text(": "), nodes.Text(text))
        return nodes.list_item("", line, classes=["releases-change"])
