"""The ``releases`` domain: the note collection and where each release is rendered.

Two kinds of data live here:

* the collection (``notes``, ``pages``, ``cache``): read once per build, before any document, in
  the main process; parallel readers inherit it and never send it back;
* per-document records (``targets``, ``embeds``, ``aggregates``, ``referrers``): what each document
  rendered or asked for; cleared and merged by docname only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinxcontrib_releases.checks import duplicates
from sphinxcontrib_releases.config import get_config, reader_options
from sphinxcontrib_releases.logs import conf_location, warn
from sphinxcontrib_releases.model import Announcement, Release
from sphinxcontrib_releases.reader import NoteCache, find_notes
from sphinxcontrib_releases.versions import parse_version
from sphinxcontrib_releases.warnings_ import WarningType

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: Per-document keys of the domain data: cleared and merged by docname.
PER_DOC = ("targets", "embeds", "aggregates", "referrers")


class Target(NamedTuple):
    """A place where a release is rendered."""

    version: str
    docname: str
    anchor: str
    page: bool
    """Whether it is the release's own note page (preferred over embeddings)."""


class ReleaseRole(XRefRole):
    """``:release:`3.12.0a4``` (also ``:releases:release:``): a link to where it is rendered."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "releases", "release"
        self.classes = ["xref", "releases", "releases-release"]
        self.env.get_domain("releases").data["referrers"][self.env.docname] = True
        return self.create_xref_node()


class ReleasesDomain(Domain):
    name = "releases"
    label = "Releases"
    object_types = {"release": ObjType("release", "release")}  # noqa: RUF012
    roles = {"release": ReleaseRole()}  # noqa: RUF012
    initial_data = {  # noqa: RUF012
        "notes": {},
        "pages": {},
        "cache": None,
        "fingerprint": "",
        "targets": {},
        "embeds": {},
        "aggregates": {},
        "referrers": {},
    }
    data_version = 1
    _canonical: dict[str, Target] | None = None
    """:meth:`canonical` of every version; dropped whenever ``targets`` change."""

    # -- the collection --------------------------------------------------------------------------

    @property
    def notes(self) -> dict[str, Announcement]:
        """Every note in use, by path, in path order."""
        return cast("dict[str, Announcement]", self.data["notes"])

    @property
    def pages(self) -> dict[str, str]:
        """Docname of each note that is also a page -> its path."""
        return cast("dict[str, str]", self.data["pages"])

    def releases(self) -> Iterator[tuple[Release, Announcement]]:
        """Every release of the collection with the note announcing it, newest first.

        When several notes announce a version, the first by path speaks for it (as in
        :meth:`note_for`).
        """
        pairs = [(r, n) for n in self.notes.values() for r in n.releases]
        pairs.sort(key=lambda pair: pair[1].source)
        pairs.sort(key=lambda pair: pair[0].sort_key, reverse=True)  # stable: path order kept
        seen: set[str] = set()
        for release, note in pairs:
            if release.version not in seen:
                seen.add(release.version)
                yield release, note

    def note_for(self, version: str) -> Announcement | None:
        """The note announcing a version (the first by path when several do)."""
        for note in self.notes.values():
            if any(r.version == version for r in note.releases):
                return note
        return None

    # -- per-document records --------------------------------------------------------------------

    def add_target(self, docname: str, release: Release, anchor: str, *, page: bool) -> None:
        self._canonical = None
        self.data["targets"].setdefault(docname, []).append(
            Target(release.version, docname, anchor, page)
        )

    def note_embed(self, docname: str, source: str | None) -> None:
        """Record that a document renders a note (``None``: it asked for one that is missing)."""
        self.data["embeds"].setdefault(docname, set()).add(source or "")

    def note_aggregate(self, docname: str) -> None:
        """Record that a document lists the collection, so that it follows every note change."""
        self.data["aggregates"][docname] = True

    def canonical(self, version: str) -> Target | None:
        """The one target of a release: its note page, else its first embedding by docname."""
        if self._canonical is None:  # one pass for all versions, until the targets change
            self._canonical = {}
            for docname in sorted(self.data["targets"]):
                for t in self.data["targets"][docname]:
                    known = self._canonical.get(t.version)
                    if known is None or (not t.page, t.docname) < (not known.page, known.docname):
                        self._canonical[t.version] = t
        return self._canonical.get(version)

    def clear_doc(self, docname: str) -> None:
        self._canonical = None
        for key in PER_DOC:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._canonical = None
        for key in PER_DOC:
            theirs = otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    self.data[key][docname] = theirs[docname]

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        release = parse_version(target)
        place = self.canonical(release.version) if release else None
        if release is None or place is None:
            return None  # reported by :func:`report_missing`
        title = f"{release.version} ({release.label})"
        return make_refnode(builder, fromdocname, place.docname, place.anchor, contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        release = parse_version(target)
        if release is None or self.canonical(release.version) is None:
            return []
        found = self.resolve_xref(env, fromdocname, builder, "release", target, node, contnode)
        return [("releases:release", found)] if found is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        versions = sorted({t.version for targets in self.data["targets"].values() for t in targets})
        for version in versions:
            place = self.canonical(version)
            if place is not None:
                yield version, version, "release", place.docname, place.anchor, 1


def report_missing(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Element | None:
    """Warn once, as ``releases.reference``, and keep the text (instead of Sphinx's warning)."""
    if node.get("refdomain") != "releases":
        return None
    target = node["reftarget"]
    what = "is not a version" if parse_version(target) is None else "is not rendered anywhere"
    warn(WarningType.REFERENCE, f"release {target!r} {what}", location=node)
    return contnode


def get_domain(env: BuildEnvironment) -> ReleasesDomain:
    return cast("ReleasesDomain", env.get_domain("releases"))


# -- keeping the collection current ----------------------------------------------------------------


def collect_notes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Read the note collection before any document; return the documents it outdates."""
    domain = get_domain(env)
    config = get_config(app.config)
    if domain.data["cache"] is None:
        domain.data["cache"] = NoteCache()
    cache: NoteCache = domain.data["cache"]

    found = find_notes(config.notes, app.confdir)
    for pattern, problem in found.problems:
        # a refused link is named by its own path; a pattern that matched nothing, by conf.py
        is_file = Path(pattern).is_symlink() or Path(pattern).is_file()
        location = f"{pattern}:1" if is_file else conf_location(app.confdir, pattern)
        warn(problem.subtype, problem.message, location=location)

    options = reader_options(app.config)
    notes: dict[str, Announcement] = {}
    for path in found.paths:
        source = str(path)
        note, fresh = cache.lookup(source, options)
        if fresh:
            for problem in note.problems:
                warn(problem.subtype, problem.message, location=f"{source}:{problem.line or 1}")
        if note.readable and (note.published or config.include_drafts):
            notes[source] = note
    cache.forget(str(p) for p in found.paths)
    for finding in duplicates(notes.values()):
        warn(finding.subtype, finding.message, location=f"{finding.path}:{finding.line}")

    pages: dict[str, str] = {}
    for path in [*found.paths, *found.refused]:
        docname = env.path2doc(str(path))
        if docname is None or docname not in env.found_docs:
            continue
        if str(path) in notes:
            pages[docname] = str(path)
        else:  # unreadable, a draft or a refused link: Sphinx must not read it either
            env.found_docs.discard(docname)
            added.discard(docname)
            changed.discard(docname)
            if docname in env.all_docs:  # read by an earlier build: remove it like a deleted file
                removed.add(docname)

    previous: dict[str, Announcement] = domain.notes
    domain.data["notes"] = notes
    domain.data["pages"] = pages
    touched = {s for s in notes.keys() | previous.keys() if notes.get(s) != previous.get(s)}
    if not touched:
        return []
    outdated = set(domain.data["aggregates"])  # (links are rewritten: rewrite_dependents)
    touched.add("")  # documents that asked for a missing note try again
    outdated.update(d for d, sources in domain.data["embeds"].items() if sources & touched)
    return sorted(outdated & env.found_docs)


def rewrite_dependents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: when releases moved or changed, rewrite the pages that link or list them."""
    domain = get_domain(env)
    digest = hashlib.sha256()
    for source, note in domain.notes.items():
        digest.update(f"{source}\0{note.title}\0{[r.version for r in note.releases]}\n".encode())
    for docname in sorted(domain.data["targets"]):
        digest.update(f"{docname}\0{domain.data['targets'][docname]}\n".encode())
    fingerprint = digest.hexdigest()
    if fingerprint == domain.data["fingerprint"]:
        return []
    domain.data["fingerprint"] = fingerprint
    return sorted(set(domain.data["aggregates"]) | set(domain.data["referrers"]))
