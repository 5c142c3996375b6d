"""Rendering one announcement: note pages and the ``release`` directive.

A note page keeps its own body; the extension gives it the announcement's title (when the body
has none of its own), badges, a date/author line, targets for its releases and PEP links. The
``release`` directive builds the same section from the note and places it in another page; it
embeds one section of a changelog the same way (:mod:`sphinxcontrib_releases.changelog_page`
decorates the changelog's own page).

A release told both by a note and by a changelog section links from each to the other: the
note shows ``Changelog: 1.2.0``, the section ``Announcement: <the note's title>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from sphinxcontrib_releases import frontmatter
from sphinxcontrib_releases.badges import badges, byline
from sphinxcontrib_releases.config import get_config
from sphinxcontrib_releases.domain import ReleasesDomain, get_domain
from sphinxcontrib_releases.headings import drop_empty_headings, lift_headings, says_something
from sphinxcontrib_releases.issues import link_issues
from sphinxcontrib_releases.locale import N_, _
from sphinxcontrib_releases.logs import warn
from sphinxcontrib_releases.markup import (
    claim_names,
    free_id,
    myst_config,
    parse_features,
    parse_note,
)
from sphinxcontrib_releases.model import Announcement, Release
from sphinxcontrib_releases.options import CheckedDirective, choice, lenient
from sphinxcontrib_releases.peplinks import link_peps
from sphinxcontrib_releases.versions import parse_release
from sphinxcontrib_releases.warnings_ import WarningType

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# Translators: before the links from a changelog section to the notes that announce its release
ANNOUNCEMENT = N_("Announcement:")
# Translators: before the links from a note to the changelog sections of its releases
CHANGELOG = N_("Changelog:")

EMBEDDED = "releases-embedded"
"""The class of the sections a ``release`` directive places in its page."""


def release_anchor(document: nodes.document, release: Release, *, with_product: bool) -> str:
    """A node id for a release, free in ``document``: ``release-3-12-0a4``, or with its
    product, for a note that announces releases of several (``release-acme-1-2-0``)."""
    name = f"{release.product} {release.version}" if with_product else release.version
    return free_id(document, nodes.make_id(f"release-{name}"))


def decorate(
    section: nodes.Element,
    note: Announcement,
    document: nodes.document,
    domain: ReleasesDomain,
    docname: str,
    *,
    page: bool,
    anchor: str | None = None,
) -> None:
    """Put badges, the byline and the links to the other side (a note's changelog section, a
    section's note) under the title; register a target for each release: on its badge, or
    ``anchor`` when the caller has placed one (a changelog page's section)."""
    if anchor is None:
        several = len(note.products) > 1
        anchors = {r.key: release_anchor(document, r, with_product=several) for r in note.releases}
    else:
        anchors = {}
    line = badges(note, anchors)
    position = 0  # after the title and anything Sphinx expects to find first
    while position < len(section.children) and isinstance(
        section[position], (nodes.title, nodes.rubric, nodes.PreBibliographic, nodes.docinfo)
    ):
        position += 1
    for node in (related(note, domain, docname), byline(note, domain.env.config), line):
        if node is not None:
            section.insert(position, node)
    if line is not None:
        for badge_node in line.findall(nodes.inline):
            for badge_id in badge_node["ids"]:
                document.ids[badge_id] = badge_node
    for release in note.releases:
        place = anchor or anchors[release.key]
        domain.add_target(docname, release, place, page=page, section=note.is_section)


def related(note: Announcement, domain: ReleasesDomain, docname: str) -> nodes.paragraph | None:
    """``Changelog: 1.2.0`` under a note whose release a changelog tells too, linked to the
    changelog's section; ``Announcement: <title>`` under a changelog section that a note
    announces, linked to the note. ``None`` when there is no other side. The note and the
    section tell the same release when they name the same product and version."""
    links: list[nodes.Node] = []
    for release in note.releases:
        others = [n for n in domain.announcing(release) if n.is_section != note.is_section]
        if not others:
            continue
        text = others[0].heading if note.is_section else release.display
        xref = addnodes.pending_xref(
            "",
            nodes.inline(text, text),
            refdomain="releases",
            reftype="announcement" if note.is_section else "changelog",
            reftarget=release.reference,
            refexplicit=True,
            refdoc=docname,
        )
        links.extend([nodes.Text(", "), xref] if links else [xref])
    if not links:
        return None
    domain.note_referrer(docname)
    label = _(ANNOUNCEMENT if note.is_section else CHANGELOG) + " "
    return nodes.paragraph("", label, *links, classes=["releases-related"])


def note_page_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: give Sphinx a note page (or a changelog page) as its parser can take it.
    The metadata the reader took must not reach the page as text (a TOML front matter, a reST
    field list after the title: :func:`~sphinxcontrib_releases.frontmatter.page_text`), MyST
    must not be given front matter entries it would stop on (the reader has warned about each
    one it could not use: :func:`~sphinxcontrib_releases.frontmatter.for_myst`), and, the
    extension giving a note page its title, a Markdown note that starts at ``##`` is read one
    level up (:func:`~sphinxcontrib_releases.headings.lift_headings`). Every line keeps its
    number."""
    domain = get_domain(app.env)
    path = domain.pages.get(docname)
    if path is None:
        return
    note = domain.notes.get(path) or next(iter(domain.sections_of(path)), None)
    if note is None:
        return
    text = frontmatter.page_text(source[0], note.syntax)
    if note.syntax == "markdown":
        text = frontmatter.for_myst(source[0] if text is None else text) or text
    if text is not None:
        source[0] = text
    config = myst_config(app.env)
    # the extension gives a note page its title, so a Markdown note may start at ## (unless
    # MyST makes the front matter's title a heading itself: myst_title_to_header); a changelog
    # page keeps its own headings
    if config is None or config.title_to_header or not note.title or note.is_section:
        return
    if _read_as_markdown(app, docname):
        lifted = lift_headings(source[0], config)
        if lifted is not None:
            source[0] = lifted


def _read_as_markdown(app: Sphinx, docname: str) -> bool:
    """Whether Sphinx reads a page with the Markdown parser (MyST), by its suffix."""
    path = str(app.env.doc2path(docname))
    return any(
        path.endswith(suffix) and filetype == "markdown"
        for suffix, filetype in app.config.source_suffix.items()
    )


class NotePage(SphinxTransform):
    """Decorate a document that is itself a note file."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        domain = get_domain(self.env)
        source = domain.pages.get(self.env.docname)
        note = domain.notes.get(source) if source else None
        if note is None:
            return
        drop_empty_headings(self.document, self.document)
        decorate(
            self._titled_section(note), note, self.document, domain, self.env.docname, page=True
        )
        if get_config(self.config).pep_links:
            link_peps(self.document, self.document)

    def _titled_section(self, note: Announcement) -> nodes.Element:
        """The page's top section, made with the announcement's title when the body's differs."""
        document = self.document
        first = next((c for c in document.children if isinstance(c, nodes.section)), None)
        if not says_something(note.title):
            return first if first is not None else document
        if first is not None and first[0].astext().strip() == note.title:
            return first
        section = nodes.section()
        section["names"].append(nodes.fully_normalize_name(note.title))
        section += nodes.title(note.title, note.title)
        keep = 0  # metadata and comments stay in front, where Sphinx looks for them
        while keep < len(document.children) and isinstance(
            document[keep], (nodes.PreBibliographic, nodes.docinfo)
        ):
            keep += 1
        for child in list(document.children[keep:]):
            document.remove(child)
            section += child
        document += section
        document.note_implicit_target(section, section)
        return section


class ReleaseDirective(CheckedDirective):
    """``.. release:: VERSION`` or ``.. release::`` with ``:file:``: render one announcement."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = lenient(
        {
            "file": directives.unchanged_required,
            "summary": directives.flag,
            "no-title": directives.flag,
            "headings": choice("section", "rubric"),
        }
    )

    def run(self) -> list[nodes.Node]:
        self.check_options()
        domain = get_domain(self.env)
        note = self._find(domain)
        if note is None:
            domain.note_embed(self.env.docname, None)
            return []
        domain.note_embed(self.env.docname, note.key)
        if not note.is_section:  # a section follows its own edits only (domain.collect_notes)
            self.env.note_dependency(note.source)

        if "summary" in self.options:
            body: list[nodes.Node] = self._summary(note)
        else:
            body = _without_own_title(parse_note(note, self.state.document, self.env), note.title)
        sectioned = self._sectioned()
        wrapper: nodes.Element = nodes.container(classes=["releases-release"])
        if "no-title" not in self.options and says_something(note.heading):
            if sectioned:
                wrapper = nodes.section(classes=["releases-release"])
                name = nodes.fully_normalize_name(note.heading)
                wrapper["names"].append(name)
                claim_names(wrapper, self.state.document)
                base = nodes.make_id(name) or "releases-note"
                wrapper["ids"].append(free_id(self.state.document, base))
                wrapper += nodes.title(note.heading, note.heading)
                self.state.document.note_implicit_target(wrapper, wrapper)
            else:
                wrapper += nodes.rubric(note.heading, note.heading)
        self.set_source_info(wrapper)
        decorate(wrapper, note, self.state.document, domain, self.env.docname, page=False)
        wrapper.extend(body)
        if note.is_section:
            link_issues(wrapper, get_config(self.config).issue_url)
        if not sectioned:
            _sections_to_rubrics(wrapper)
        if get_config(self.config).pep_links:
            link_peps(wrapper, self.state.document)
        if sectioned and "no-title" in self.options:
            # a container may not hold the body's sections: hand them over bare, marked so that
            # PlaceSections can still find them
            for child in wrapper.children:
                if isinstance(child, nodes.section):
                    child["classes"].append(EMBEDDED)
                    claim_names(child, self.state.document)
            return list(wrapper.children)
        wrapper["classes"].append(EMBEDDED)
        return [wrapper]

    def _sectioned(self) -> bool:
        """Whether sections are wanted; :class:`PlaceSections` undoes them where not allowed."""
        return self.options.get("headings") != "rubric"

    def _find(self, domain: ReleasesDomain) -> Announcement | None:
        if "file" in self.options:
            return self._find_file(domain)
        if not self.arguments:
            warn(
                WarningType.OPTION,
                "release: give a version or a :file:",
                location=self.get_location(),
            )
            return None
        if self.arguments[0].strip().lower() == "unreleased":
            return self._unreleased(domain.notes.values(), "any changelog")
        found = domain.find(self.arguments[0])
        if found.wanted is None:
            warn(
                WarningType.VERSION,
                f"release: {self.arguments[0]!r} {found.why}",
                location=self.get_location(),
            )
            return None
        if found.release is None:
            wanted = found.wanted.reference
            message = f"{wanted} {found.why}" if found.choices else f"no note announces {wanted}"
            warn(WarningType.NOT_FOUND, f"release: {message}", location=self.get_location())
            return None
        return domain.note_for(found.release)

    def _find_file(self, domain: ReleasesDomain) -> Announcement | None:
        name = self.options["file"]
        _relative, absolute = self.env.relfn2path(name, self.env.docname)
        try:
            wanted: Path | None = Path(absolute).resolve()
            exists = wanted is not None and wanted.exists()
        except (OSError, ValueError):  # a name too long for the system, a NUL character
            wanted, exists = None, False
        resolved: dict[str, Path] = {}
        found = [
            note
            for note in domain.notes.values()
            if resolved.setdefault(note.source, Path(note.source).resolve()) == wanted
        ]
        if found and not found[0].is_section:
            return found[0]
        if found:
            return self._section(found, name)
        subtype = WarningType.OUTSIDE if exists else WarningType.NOT_FOUND
        reason = "is not one of the notes matched by releases_notes" if exists else "does not exist"
        warn(subtype, f"release: {name!r} {reason}", location=self.get_location())
        return None

    def _section(self, sections: list[Announcement], name: str) -> Announcement | None:
        """The section of a changelog given by ``:file:`` that the argument names."""
        if not self.arguments:
            warn(
                WarningType.OPTION,
                f"release: {name!r} is a changelog; give the version of one of its sections "
                "(or 'unreleased')",
                location=self.get_location(),
            )
            return None
        wanted = self.arguments[0]
        if wanted.strip().lower() == "unreleased":
            return self._unreleased(sections, repr(name))
        release = parse_release(wanted)
        found = next(
            (n for n in sections for r in n.releases if release is not None and _names(release, r)),
            None,
        )
        if found is None:
            warn(
                WarningType.NOT_FOUND,
                f"release: {name!r} has no section for {wanted!r}",
                location=self.get_location(),
            )
        return found

    def _unreleased(self, notes: Iterable[Announcement], where: str) -> Announcement | None:
        found = next((note for note in notes if note.unreleased), None)
        if found is None:
            warn(
                WarningType.NOT_FOUND,
                f"release: {where} has no unreleased section",
                location=self.get_location(),
            )
        return found

    def _summary(self, note: Announcement) -> list[nodes.Node]:
        if not note.features:
            return []
        items = nodes.bullet_list(classes=["releases-features"])
        for _feature, content in zip(
            note.features,
            parse_features(note, note.features, self.state.document, self.env),
            strict=True,
        ):
            items += nodes.list_item("", nodes.paragraph("", "", *content))
        return [items]


def _names(wanted: Release, release: Release) -> bool:
    """Whether a reference (``1.2.0``, ``acme 1.2``) names a release: the same version, and the
    same product when it names one."""
    return wanted.version == release.version and (not wanted.product or wanted.key == release.key)


def _without_own_title(body: list[nodes.Node], title: str) -> list[nodes.Node]:
    """A body that opens with a section titled like the note: that section's content instead."""
    sections = [n for n in body if isinstance(n, nodes.section)]
    if len(body) == 1 and sections and sections[0][0].astext().strip() == title:
        return list(sections[0].children[1:])
    return body


def _sections_to_rubrics(container: nodes.Element) -> None:
    """Flatten sections for places where docutils allows none (a list item, an admonition)."""
    for section in list(container.findall(nodes.section)):
        if section.parent is None:
            continue
        title = section[0] if section.children and isinstance(section[0], nodes.title) else None
        replacement: list[nodes.Node] = []
        if title is not None:
            replacement.append(
                nodes.rubric(title.astext(), "", *title.children, ids=section["ids"])
            )
        replacement.extend(child for child in section.children if child is not title)
        section.parent.replace(section, replacement)


class PlaceSections(SphinxTransform):
    """Turn embedded sections that ended up inside body elements (a list, an admonition) into
    rubrics: the directive cannot see its parent from a MyST page, so this is checked here."""

    default_priority = 200

    def apply(self, **kwargs: object) -> None:
        if self.env.docname not in get_domain(self.env).data["embeds"]:
            return  # no release directive ran in this page
        for wrapper in list(self.document.findall(nodes.section)):
            if EMBEDDED not in wrapper["classes"] or wrapper.parent is None:
                continue
            if not isinstance(wrapper.parent, (nodes.section, nodes.document)):
                _sections_to_rubrics(wrapper.parent)


class EmbeddedIds(SphinxTransform):
    """Make the ids of embedded notes unique in their page, once the page is whole.

    The directive makes them unique in the document it is given; in a MyST ``{eval-rst}``
    block that is the block's own, which knows neither the page's other ids nor the page
    its own (MyST moves the nodes over). Here an id of an embed that another node of the
    page holds is renamed, within the embed and in the release targets of the page.
    """

    default_priority = 100  # before anything looks the ids up

    def apply(self, **kwargs: object) -> None:
        document = self.document
        if self.env.docname not in get_domain(self.env).data["embeds"]:
            return  # no release directive ran in this page
        for wrapper in list(document.findall(nodes.Element)):
            if EMBEDDED not in wrapper["classes"]:
                continue
            renamed = _own_ids(wrapper, document)
            if not renamed:
                continue
            for element in wrapper.findall(nodes.Element):
                if element.get("refid") in renamed:
                    element["refid"] = renamed[element["refid"]]
                if element.get("backrefs"):
                    element["backrefs"] = [renamed.get(b, b) for b in element["backrefs"]]
            for old, new in renamed.items():
                get_domain(self.env).rename_anchor(self.env.docname, old, new)


def _own_ids(root: nodes.Element, document: nodes.document) -> dict[str, str]:
    """Register every id under ``root`` in ``document``; rename those another node holds."""
    renamed: dict[str, str] = {}
    for element in root.findall(nodes.Element):
        ids = []
        for anchor in element["ids"]:
            owner = document.ids.get(anchor)
            if owner is not None and owner is not element:
                renamed[anchor] = anchor = free_id(document, anchor)
            document.ids[anchor] = element
            ids.append(anchor)
        element["ids"] = ids
    return renamed
