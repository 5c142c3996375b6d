"""The ``releases`` domain: the note collection and where each release is rendered.

Two kinds of data live here:

* the collection (``notes``, ``pages``, ``cache``): read once per build, before any document, in
  the main process; parallel readers inherit it and never send it back. ``notes`` holds every
  announcement by its key: a note file by its path, each section of a changelog file by its
  path, ``#`` and the section's anchor;
* per-document records (``targets``, ``embeds``, ``aggregates``, ``referrers``, ``anchors``,
  ``change_lists``): what each document rendered or asked for; cleared and merged by docname only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from packaging.version import Version
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinxcontrib_releases.badges import phase_words
from sphinxcontrib_releases.checks import duplicates
from sphinxcontrib_releases.config import get_config, reader_options
from sphinxcontrib_releases.logs import conf_location, warn
from sphinxcontrib_releases.model import Announcement, Plan, PlanKey, Release, product_key
from sphinxcontrib_releases.pages import notes_only_suffixes
from sphinxcontrib_releases.reader import Found, NoteCache, find_notes
from sphinxcontrib_releases.schedule import Outcome, PlanHistory, merge_plans, outcomes
from sphinxcontrib_releases.versions import parse_release, parse_version
from sphinxcontrib_releases.warnings_ import WarningType

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Per-document keys of the domain data: cleared and merged by docname.
PER_DOC = ("targets", "embeds", "aggregates", "referrers", "anchors", "change_lists")

ChangeKey = tuple[str, str, int | None]
"""How a version directive is known in Sphinx's changeset data: its type (``versionadded``),
its version as written and its line."""


class Target(NamedTuple):
    """A place where a release is rendered."""

    version: str
    docname: str
    anchor: str
    page: bool
    """Whether it is the release's own note page (preferred over embeddings)."""
    product: str = ""
    """The release's product key (:func:`~sphinxcontrib_releases.model.product_key`)."""
    section: bool = False
    """Whether what is rendered there is a changelog section (rather than a note)."""

    @property
    def key(self) -> tuple[str, str]:
        return self.product, self.version


class Lookup(NamedTuple):
    """What a reference to a release finds (see :meth:`ReleasesDomain.find`)."""

    wanted: Release | None
    """The reference, read: a version and perhaps a product; ``None`` when it is no version."""
    release: Release | None = None
    """The release of the collection it names, if exactly one."""
    choices: tuple[Release, ...] = ()
    """The releases of several products a bare version could mean."""

    @property
    def why(self) -> str:
        """Why nothing was found, as the end of a sentence about the reference."""
        if self.wanted is None:
            return "is not a version"
        if self.choices:
            names = ", ".join(r.product or "" for r in self.choices)
            return (
                f"is a version of several products ({names}); name one, such as "
                f"{self.choices[0].reference!r}"
            )
        return "is not rendered anywhere"


class ReleaseRole(XRefRole):
    """``:release:`3.12.0a4``` or ``:release:`acme 1.2.0``` (also ``:releases:release:``): a
    link to where the release is rendered."""

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
        "today": None,
        "targets": {},
        "embeds": {},
        "aggregates": {},
        "referrers": {},
        "anchors": {},
        "change_lists": {},
        "changes_fingerprint": "",
    }
    # 3: targets of changelog sections, announcements by path#section;
    # 4: version directive anchors and change lists
    data_version = 5
    _canonical: dict[tuple[str, str], Target] | None = None
    """:meth:`canonical` of every release; dropped whenever ``targets`` change."""
    _index: tuple[object, dict[str, list[Release]], dict[str, str]] | None = None
    _cycles: tuple[object, str, dict[Version, Release]] | None = None
    """The notes and default product it was made from, and the first release of each final
    version's cycle (``3.12.0`` -> ``3.12.0a1``): see :meth:`release_for_version`."""
    """The notes it was made from, the releases of each version and the name of each product
    (see :meth:`_lookup`)."""
    _announcing: tuple[object, dict[tuple[str, str], list[Announcement]]] | None = None
    """:meth:`announcing` of every release, and the ``notes`` it was made from."""
    _found: tuple[object, str, dict[str, Lookup]] | None = None
    """What :meth:`find` found for each reference, for the ``notes`` and default product."""
    _sections: tuple[object, dict[str, list[Announcement]]] | None = None
    """:meth:`sections_of` every changelog file, and the ``notes`` it was made from."""
    _schedule: tuple[object, dict[PlanKey, PlanHistory], dict[Plan, Announcement]] | None = None
    """The notes they were made from, the plans of the collection and the note of each plan."""
    _outcomes: tuple[object, dt.date, dict[PlanKey, Outcome]] | None = None
    """The notes and the day they were made for, and what became of each plan."""

    # -- the collection --------------------------------------------------------------------------

    @property
    def notes(self) -> dict[str, Announcement]:
        """Every note in use, by path, in path order."""
        return cast("dict[str, Announcement]", self.data["notes"])

    @property
    def pages(self) -> dict[str, str]:
        """Docname of each note or changelog file that is also a page -> its path."""
        return cast("dict[str, str]", self.data["pages"])

    def releases(self, *, sections_first: bool = False) -> Iterator[tuple[Release, Announcement]]:
        """Every release of the collection with the note announcing it, newest first.

        When several notes announce a release (a product and a version), a note file speaks
        for it before a changelog section (with ``sections_first``, the other way round), and
        then the first by path (as in :meth:`note_for`).
        """
        pairs = [(r, n) for n in self.notes.values() for r in n.releases]
        pairs.sort(key=lambda pair: (pair[1].is_section != sections_first, pair[1].source))
        pairs.sort(key=lambda pair: pair[0].sort_key, reverse=True)  # stable: path order kept
        seen: set[tuple[str, str]] = set()
        for release, note in pairs:
            if release.key not in seen:
                seen.add(release.key)
                yield release, note

    def note_for(self, release: Release) -> Announcement | None:
        """The note announcing a release: a note file before a changelog section, then the
        first by path."""
        found = self.announcing(release)
        return found[0] if found else None

    def announcing(self, release: Release) -> list[Announcement]:
        """Every announcement of a release (a product and a version): note files first, then
        changelog sections, each by path."""
        notes = self.notes
        if self._announcing is None or self._announcing[0] is not notes:
            index: dict[tuple[str, str], list[Announcement]] = {}
            for note in notes.values():
                for each in note.releases:
                    index.setdefault(each.key, []).append(note)
            for found in index.values():
                found.sort(key=lambda note: note.is_section)  # stable: path order kept
            self._announcing = (notes, index)
        return list(self._announcing[1].get(release.key, ()))

    def sections_of(self, source: str) -> list[Announcement]:
        """The sections of a changelog file in use, in file order (none for a note file)."""
        notes = self.notes
        if self._sections is None or self._sections[0] is not notes:
            index: dict[str, list[Announcement]] = {}
            for note in notes.values():
                if note.is_section:
                    index.setdefault(note.source, []).append(note)
            self._sections = (notes, index)
        return list(self._sections[1].get(source, ()))

    @property
    def default_product(self) -> str:
        """The key of the product of releases whose note names none."""
        return product_key(default_product(self.env.config))

    def products(self) -> dict[str, str]:
        """The name of each product of the collection (as its first note by path writes it),
        by product key."""
        return self._lookup()[2]

    def find(self, target: str) -> Lookup:
        """The release a reference names, or why none.

        ``acme 1.2.0`` names a product (compared case-insensitively) and a version; a bare
        ``1.2.0`` is the default product's, else that of the only product with that version.
        Versions compare normalised: ``4.2`` finds ``4.2.0``.
        """
        # a page links the same releases many times (an index, every version directive):
        # each reference is read once per collection
        notes, product = self.notes, self.default_product
        if self._found is None or self._found[0] is not notes or self._found[1] != product:
            self._found = (notes, product, {})
        known = self._found[2]
        if target not in known:
            known[target] = self._find(target)
        return known[target]

    def _find(self, target: str) -> Lookup:
        wanted = parse_release(target)
        if wanted is None:
            return Lookup(None)
        candidates = self._lookup()[1].get(wanted.version, [])
        if wanted.product:
            found = [r for r in candidates if r.key == wanted.key]
        else:
            found = [r for r in candidates if r.key[0] == self.default_product] or candidates
        if len(found) > 1:
            return Lookup(wanted, choices=tuple(sorted(found, key=lambda r: r.key)))
        return Lookup(wanted, found[0] if found else None)

    def release_for_version(self, version: str) -> Release | None:
        """The release of the default product that a version directive (``versionadded`` and
        its kin) names, or ``None``.

        ``x.y`` (or ``x.y.0``) is the ``x.y.0`` final when a note announces it, else the first
        release of ``x.y.0`` in PEP 440 order (its first pre-release, say ``x.y.0a1``); a later
        release of the series (``x.y.3``) is not where ``x.y`` changed, and is not taken. Any
        other version is that release or none.
        """
        wanted = parse_version(version)
        if wanted is None:
            return None
        product = self.default_product
        for release in self._lookup()[1].get(wanted.version, []):
            if release.key[0] == product:
                return release
        parsed = wanted.parsed
        if parsed.is_prerelease or parsed.is_postrelease or any(parsed.release[2:]):
            return None
        return self._first_of_cycles(product).get(Version(parsed.base_version))

    def _first_of_cycles(self, product: str) -> dict[Version, Release]:
        """The first release (PEP 440 order) of each final version's cycle, of one product;
        made once per collection (a large site has thousands of version directives)."""
        cycles = self._cycles
        if cycles is None or cycles[0] is not self.notes or cycles[1] != product:
            firsts: dict[Version, Release] = {}
            for release, _note in self.releases():
                if release.key[0] != product:
                    continue
                base = Version(release.parsed.base_version)
                known = firsts.get(base)
                if known is None or release.sort_key < known.sort_key:
                    firsts[base] = release
            cycles = self._cycles = (self.notes, product, firsts)
        return cycles[2]

    def _lookup(self) -> tuple[object, dict[str, list[Release]], dict[str, str]]:
        """The releases of each version and the product names, made once per collection."""
        if self._index is None or self._index[0] is not self.notes:
            versions: dict[str, list[Release]] = {}
            names: dict[str, str] = {}
            for release, _note in self.releases():
                versions.setdefault(release.version, []).append(release)
            for note in self.notes.values():
                for release in note.releases:
                    if release.product:
                        names.setdefault(release.key[0], release.product)
            self._index = (self.notes, versions, names)
        return self._index

    # -- plans -----------------------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        """The day plans are compared with: ``releases_today``, else the day of the build."""
        today: dt.date | None = self.data["today"] or get_config(self.env.config).today_date
        return today or build_day()

    def plans(self) -> dict[PlanKey, PlanHistory]:
        """What the notes say is planned: one history per release or phase boundary, the
        latest statement holding (see :func:`~sphinxcontrib_releases.schedule.merge_plans`)."""
        return self._plans()[1]

    def stated_in(self, plan: Plan) -> Announcement | None:
        """The note that states a plan (the first by path when several state the same)."""
        return self._plans()[2].get(plan)

    def outcomes(self, today: dt.date) -> dict[PlanKey, Outcome]:
        """What became of each plan on ``today`` (see
        :func:`~sphinxcontrib_releases.schedule.outcomes`)."""
        known = self._outcomes
        if known is None or known[0] is not self.notes or known[1] != today:
            announced = ((release, note.date) for release, note in self.releases())
            known = self._outcomes = (self.notes, today, outcomes(self.plans(), announced, today))
        return known[2]

    def _plans(self) -> tuple[object, dict[PlanKey, PlanHistory], dict[Plan, Announcement]]:
        if self._schedule is None or self._schedule[0] is not self.notes:
            notes = self.notes.values()
            stated: dict[Plan, Announcement] = {}
            for note in notes:
                for plan in note.plans:
                    stated.setdefault(plan, note)
            histories = merge_plans((note.date, note.plans) for note in notes)
            self._schedule = (self.notes, histories, stated)
        return self._schedule

    # -- per-document records --------------------------------------------------------------------

    def add_target(
        self, docname: str, release: Release, anchor: str, *, page: bool, section: bool = False
    ) -> None:
        self._canonical = None
        self.data["targets"].setdefault(docname, []).append(
            Target(release.version, docname, anchor, page, release.key[0], section)
        )

    def rename_anchor(self, docname: str, old: str, new: str) -> None:
        """A target of the document moved to another id (see ``render.EmbeddedIds``)."""
        targets = self.data["targets"].get(docname, [])
        for index, target in enumerate(targets):
            if target.anchor == old:
                self._canonical = None
                targets[index] = target._replace(anchor=new)

    def note_embed(self, docname: str, source: str | None) -> None:
        """Record that a document renders a note (``None``: it asked for one that is missing)."""
        self.data["embeds"].setdefault(docname, set()).add(source or "")

    def note_referrer(self, docname: str) -> None:
        """Record that a document links to releases, so that it is written again when they
        move."""
        self.data["referrers"][docname] = True

    def note_aggregate(self, docname: str) -> None:
        """Record that a document lists the collection, so that it follows every note change."""
        self.data["aggregates"][docname] = True

    def note_change_anchor(self, docname: str, key: ChangeKey, anchor: str) -> None:
        """Record the id of a version directive's target (the first, when several share a key)."""
        self.data["anchors"].setdefault(docname, {}).setdefault(key, anchor)

    def change_anchor(self, docname: str, key: ChangeKey) -> str:
        """The id of a version directive's target; ``""`` when unknown (link the page)."""
        return cast("str", self.data["anchors"].get(docname, {}).get(key, ""))

    def note_change_list(self, docname: str) -> None:
        """Record that a document lists Sphinx's changeset data, to rewrite it when that changes."""
        self.data["change_lists"][docname] = True

    def canonical(self, release: Release) -> Target | None:
        """The one target of a release: its note page, else its changelog section's page,
        else its first embedding by docname."""
        if self._canonical is None:  # one pass for all releases, until the targets change
            self._canonical = {}
            for docname in sorted(self.data["targets"]):
                for t in self.data["targets"][docname]:
                    known = self._canonical.get(t.key)
                    if known is None or _rank(t) < _rank(known):
                        self._canonical[t.key] = t
        return self._canonical.get(release.key)

    def place_of(self, release: Release, *, section: bool) -> Target | None:
        """Where a release is rendered from a changelog section (``section``), or from a
        note: its own page first, then its first embedding by docname."""
        places = [
            t
            for docname in sorted(self.data["targets"])
            for t in self.data["targets"][docname]
            if t.key == release.key and t.section == section
        ]
        return min(places, key=_rank, default=None)

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
        if typ == "change":  # a version directive: ``docname#anchor`` (see version_directives)
            docname, _hash, anchor = target.partition("#")
            if docname not in env.all_docs:
                return None
            return make_refnode(builder, fromdocname, docname, anchor, contnode)
        release = self.find(target).release
        if release is None:
            return None  # reported by :func:`report_missing`
        if typ in RELATED:
            place = self.place_of(release, section=typ == "changelog")
        else:
            place = self.canonical(release)
        if place is None:
            return None
        shown = release.name if len(self.products()) > 1 else release.display
        title = f"{shown} ({phase_words(release)})"
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
        release = self.find(target).release
        if release is None or self.canonical(release) is None:
            return []
        found = self.resolve_xref(env, fromdocname, builder, "release", target, node, contnode)
        return [("releases:release", found)] if found is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        """Each rendered release, named by its bare version when that finds it, else by its
        product and version (as the ``release`` role takes them)."""
        for release, _note in sorted(self.releases(), key=lambda pair: pair[0].key):
            place = self.canonical(release)
            if place is None:
                continue
            bare = self.find(release.version).release
            name = (
                release.version
                if bare is not None and bare.key == release.key
                else release.reference
            )
            yield name, name, "release", place.docname, place.anchor, 1


RELATED = frozenset({"changelog", "announcement"})
"""Reference types of the links between a note and the changelog section of the same release:
to the release as a changelog renders it, and as a note does."""


def _rank(target: Target) -> tuple[bool, bool, str]:
    """Note pages first, then changelog pages, then embeddings; by docname within each."""
    return (not target.page, target.section, target.docname)


def report_missing(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> Element | None:
    """Warn once, as ``releases.reference``, and keep the text (instead of Sphinx's warning)."""
    if node.get("refdomain") != "releases":
        return None
    if node.get("reftype") == "change":  # a page that went away since: keep the text
        return contnode
    if node.get("reftype") in RELATED:
        return contnode  # the other side is rendered nowhere: its name stays, as text
    target = node["reftarget"]
    found = get_domain(env).find(target)
    what = "is not rendered anywhere" if found.release is not None else found.why
    warn(WarningType.REFERENCE, f"release {target!r} {what}", location=node)
    return contnode


def default_product(config: Config) -> str:
    """The product of releases whose note names none: ``releases_product``, else the
    project's name."""
    return get_config(config).product or " ".join(str(config.project or "").split())


def build_day() -> dt.date:
    """The day of the build: what plans are compared with when ``releases_today`` is empty."""
    return dt.date.today()


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
    changelogs = find_notes(config.changelogs, app.confdir) if config.changelogs else Found()
    for pattern, problem in [*found.problems, *changelogs.problems]:
        # a refused link is named by its own path; a pattern that matched nothing, by conf.py
        is_file = Path(pattern).is_symlink() or Path(pattern).is_file()
        location = f"{pattern}:1" if is_file else conf_location(app.confdir, pattern)
        warn(problem.subtype, problem.message, location=location)
    forced = set(changelogs.paths)
    paths = sorted(set(found.paths) | forced)

    options = reader_options(app.config)
    product = default_product(app.config)
    notes: dict[str, Announcement] = {}
    for path in paths:
        source = str(path)
        wanted = replace(options, changelog=True) if path in forced else options
        read, fresh = cache.lookup_all(source, wanted)
        for note in read:
            if fresh:
                for problem in note.problems:
                    warn(problem.subtype, problem.message, location=f"{source}:{problem.line or 1}")
            if note.readable and (note.published or config.include_drafts):
                notes[note.key] = note.with_default_product(product)
    cache.forget(str(p) for p in paths)
    for finding in duplicates(notes.values()):
        warn(finding.subtype, finding.message, location=f"{finding.path}:{finding.line}")

    in_use = {note.source for note in notes.values()}
    pages: dict[str, str] = {}
    for path in [*paths, *found.refused, *changelogs.refused]:
        docname = env.path2doc(str(path))
        if docname is None or docname not in env.found_docs:
            continue
        if str(path) in in_use:
            pages[docname] = str(path)
        else:  # unreadable, a draft or a refused link: Sphinx must not read it either
            _leave_out(env, docname, added, changed, removed)
    notes_only = notes_only_suffixes(app.config)
    if notes_only:  # Markdown files are pages only as notes (see pages.py)
        for docname in sorted(env.found_docs - pages.keys()):
            if str(env.doc2path(docname)).endswith(notes_only):
                _leave_out(env, docname, added, changed, removed)

    previous: dict[str, Announcement] = domain.notes
    domain.data["notes"] = notes
    domain.data["pages"] = pages
    touched = {
        k for k in notes.keys() | previous.keys() if not _same(notes.get(k), previous.get(k))
    }
    today, domain.data["today"] = domain.data["today"], config.today_date or build_day()
    if today not in {None, domain.data["today"]} and any(n.plans for n in notes.values()):
        touched.add("")  # another day: plans may be overdue now
    # a release that gains or loses a note or a changelog section: the pages that render it
    # link to the other side, or stop doing so
    before, now = _announcers(previous), _announcers(notes)
    paired = {k for k in before.keys() | now.keys() if before.get(k) != now.get(k)}
    # (by key: an announcement need not hash, its front matter may hold lists)
    partners = {k for k, n in notes.items() if any(r.key in paired for r in n.releases)}
    if not touched and not partners:
        return []
    outdated = set(domain.data["aggregates"])  # (links are rewritten: rewrite_dependents)
    touched.update(partners)
    touched.add("")  # documents that asked for a missing note try again
    outdated.update(d for d, sources in domain.data["embeds"].items() if sources & touched)
    sources = {notes[key].source for key in partners}
    outdated.update(d for d, source in pages.items() if source in sources)
    return sorted(outdated & env.found_docs)


def _same(new: Announcement | None, old: Announcement | None) -> bool:
    """Whether an announcement is unchanged, or is a changelog section that only moved to
    other lines of its file (an edit of a section above it): what it renders is the same."""
    if new is None or old is None or new == old:
        return new == old
    if not (new.is_section and old.is_section) or len(new.features) != len(old.features):
        return False
    return _unplaced(new) == _unplaced(old)


def _unplaced(note: Announcement) -> Announcement:
    return replace(
        note, line=0, body_line=0, features=tuple(replace(f, line=0) for f in note.features)
    )


def _announcers(notes: Mapping[str, Announcement]) -> dict[tuple[str, str], tuple[bool, bool]]:
    """For each release (a product and a version): whether a note file announces it, and
    whether a changelog does."""
    found: dict[tuple[str, str], tuple[bool, bool]] = {}
    for note in notes.values():
        for release in note.releases:
            by_note, by_section = found.get(release.key, (False, False))
            found[release.key] = (by_note or not note.is_section, by_section or note.is_section)
    return found


def _leave_out(
    env: BuildEnvironment, docname: str, added: set[str], changed: set[str], removed: set[str]
) -> None:
    """Make a found document no page: Sphinx must not read it."""
    env.found_docs.discard(docname)
    added.discard(docname)
    changed.discard(docname)
    if docname in env.all_docs:  # read by an earlier build: remove it like a deleted file
        removed.add(docname)


def rewrite_dependents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: when releases moved or changed, rewrite the pages that link or list them."""
    domain = get_domain(env)
    digest = hashlib.sha256()
    for key, note in domain.notes.items():
        releases = [(r.product, r.version, r.written) for r in note.releases]
        plans = [(p.key, p.date, p.version) for p in note.plans]
        digest.update(f"{key}\0{note.title}\0{releases}\0{plans}\n".encode())
    for docname in sorted(domain.data["targets"]):
        digest.update(f"{docname}\0{domain.data['targets'][docname]}\n".encode())
    fingerprint = digest.hexdigest()
    outdated: set[str] = set()
    if fingerprint != domain.data["fingerprint"]:
        domain.data["fingerprint"] = fingerprint
        outdated.update(domain.data["aggregates"], domain.data["referrers"])
    changes = changes_fingerprint(env)
    if changes != domain.data["changes_fingerprint"]:
        domain.data["changes_fingerprint"] = changes
        outdated.update(domain.data["change_lists"])
    return sorted(outdated)


def changes_fingerprint(env: BuildEnvironment) -> str:
    """A digest of Sphinx's changeset data and of the targets of the version directives."""
    digest = hashlib.sha256()
    changesets = env.get_domain("changeset").data.get("changes", {})
    for version in sorted(changesets):
        entries = sorted(
            (c.docname, c.lineno or 0, c.type, c.descname or "", c.content)
            for c in changesets[version]
        )
        digest.update(f"{version}\0{entries}\n".encode())
    anchors = get_domain(env).data["anchors"]
    for docname in sorted(anchors):
        digest.update(f"{docname}\0{sorted(anchors[docname].items(), key=str)}\n".encode())
    return digest.hexdigest()
