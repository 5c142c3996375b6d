"""What the aggregate directives share: filters, selection, tables and links to releases.

An aggregate is rendered when its page is written, not when it is read: while the page is read
the directive leaves a :class:`pending_aggregate` (and whatever must exist while pages are read,
such as the release index's toctree), and :class:`RenderAggregates`, the first post-transform
of the written page, replaces it with :meth:`AggregateDirective.render`, made from the
collection in the domain. The content of an aggregate is made from the notes alone, so nothing
is lost by not reading it: the read-phase transforms of Sphinx do not walk its (often large)
tables, and the pickled doctree does not hold them. Smart quotes, the one read-phase transform
that changes such content, are applied to it as it is made (:func:`educate`). Links to releases
are ``pending_xref`` nodes that the post-transforms after this one resolve; the domain re-reads or
rewrites aggregate pages whenever the collection changes.

The ``html`` and ``dirhtml`` builders then get each aggregate as HTML (:class:`AggregatesAsHTML`):
once the links of the page are resolved, the builder's own translator writes the aggregate's
nodes, and one :class:`releases_html` node takes their place. The page is the same, byte for
byte, as if the nodes had been written with the rest; but the post-transforms that come after
(sphinx-design's, Sphinx's code and image transforms, ...) and the writer no longer walk a table
of thousands of nodes that none of them has anything to do with. The node keeps the aggregate's
text, which the search index reads as it would have read the nodes'. Only aggregates made of
text, inline markup, links, lists and tables (:data:`PLAIN_NODES`) are written early: a feature
whose markup holds anything else (an image, math, a code block) keeps its aggregate as nodes,
for the post-transforms that concern them. Every other builder writes the nodes themselves.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, cast

from docutils import nodes
from docutils.frontend import Values, get_default_settings
from docutils.parsers.rst import Parser, directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.transforms import SphinxSmartQuotes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import new_document, sphinx_domains
from sphinx.util.rst import default_role

from sphinxcontrib_releases.badges import badge, color_badges, status_badge
from sphinxcontrib_releases.collapse import collapse, releases_collapsed, releases_collapsed_summary
from sphinxcontrib_releases.config import ReleasesConfig, get_config
from sphinxcontrib_releases.domain import ReleasesDomain, get_domain
from sphinxcontrib_releases.filters import FILTER_OPTIONS, Filters, parse_filters
from sphinxcontrib_releases.locale import N_, _, day
from sphinxcontrib_releases.logs import warn
from sphinxcontrib_releases.model import Announcement, Release
from sphinxcontrib_releases.options import CheckedDirective, Invalid, lenient
from sphinxcontrib_releases.pep_titles import note_pep_data, title_pep_links
from sphinxcontrib_releases.warnings_ import WarningType

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

Cell = Sequence[nodes.Node] | str
MAX_COLUMN = 40
COLLAPSE_AFTER = 3
"""A list in a table cell longer than this is collapsed behind its count in HTML."""

# What an aggregate says when it has nothing to show (translated where it is shown, with ``_``;
# the warning stays English); each directive adds its own wording for an empty result.
NO_MATCH = N_("No releases match.")
NO_MATCH_WARNING = "{directive}: no release matches the filters"
# The count a collapsed list of a table cell shows in its place (HTML only).
PEP_COUNT = N_("{count} PEPs")
RELEASE_COUNT = N_("{count} releases")


class pending_aggregate(nodes.General, nodes.Element):  # noqa: N801 (docutils' node naming)
    """Where an aggregate goes, until :class:`RenderAggregates` renders it (never written)."""


#: Each aggregate directive class by name, to render its placeholders.
AGGREGATES: dict[str, type[AggregateDirective]] = {}


class AggregateDirective(CheckedDirective):
    """A directive that lists part of the collection, chosen by the shared filters.

    Subclasses implement :meth:`render`, and :meth:`read_time` for what the page needs while
    it is read; :meth:`render` runs when the page is written (see the module's docstring).
    """

    has_content = False
    filters = Filters()
    """The filters of the last :meth:`selected` call."""
    sections_first = False
    """Whether a changelog section speaks for a release that a note announces too."""
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = lenient(
        {**dict.fromkeys(FILTER_OPTIONS, directives.unchanged), "reverse": directives.flag}
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        AGGREGATES[cls.__name__] = cls

    def run(self) -> list[nodes.Node]:
        """While the page is read: :meth:`read_time`, then a placeholder for :meth:`render`."""
        self.domain.note_aggregate(self.env.docname)
        note_pep_data(self.env)  # the PEP titles it shows come from that file, if there is one
        source, line = self.get_source_info()
        placeholder = pending_aggregate(
            "",
            directive=type(self).__name__,
            name=self.name,
            options=dict(self.options),
            lineno=self.lineno,
            docname=self.env.docname,
        )
        placeholder.source, placeholder.line = source, line
        return [*self.read_time(), placeholder]

    def read_time(self) -> list[nodes.Node]:
        """What the page must hold while pages are read (a toctree); nothing by default."""
        return []

    def render(self) -> list[nodes.Node]:
        """The aggregate, made when its page is written."""
        raise NotImplementedError

    def quiet_filters(self) -> Filters:
        """The filters of the options, without a word about bad ones (:meth:`selected` says)."""
        options = {k: v for k, v in self.options.items() if not isinstance(v, Invalid)}
        return parse_filters(options)[0]

    @property
    def domain(self) -> ReleasesDomain:
        return get_domain(self.env)

    @property
    def settings(self) -> ReleasesConfig:
        return get_config(self.config)

    def selected(self) -> list[tuple[Release, Announcement]]:
        """The releases the filters choose (newest first)."""
        self.check_options()
        filters, problems = parse_filters(self.options)
        for problem in problems:
            warn(WarningType.OPTION, f"{self.name}: {problem}", location=self.get_location())
        self.filters = filters
        chosen = filters.select(self.domain.releases(sections_first=self.sections_first))
        self.shown_products = {release.key[0] for release, _note in chosen}
        return chosen

    def nothing(
        self,
        chosen: Sequence[tuple[Release, Announcement]],
        empty: str,
        empty_selection: str | None = None,
    ) -> list[nodes.Node]:
        """What an aggregate with nothing to show shows, and says plainly.

        Only filters that leave out every release of the collection warn ("no release matches
        the filters"). Otherwise the text says what is missing: ``empty`` (say, no release
        mentions a PEP), or ``empty_selection`` when filters did select releases but none of
        them has anything to list.
        """
        announced = any(note.releases for note in self.domain.notes.values())
        if not chosen and self.filters.narrows and announced:
            warn(
                WarningType.FILTER,
                NO_MATCH_WARNING.format(directive=self.name),
                location=self.get_location(),
            )
            text = NO_MATCH
        elif chosen and self.filters.narrows and empty_selection:
            text = empty_selection
        else:
            text = empty
        text = _(text)
        return [nodes.paragraph(text, text, classes=["releases-empty"])]

    shown_products: set[str] | None = None
    """The products of the releases :meth:`selected` chose (``None`` before it ran)."""

    @property
    def several_products(self) -> bool:
        """Whether the releases shown are of more than one product (then each link names its
        product): the chosen releases, else the whole collection."""
        if self.shown_products is not None:
            return len(self.shown_products) > 1
        return len(self.domain.products()) > 1

    def release_link(
        self, release: Release, *, with_badge: bool = True, with_product: bool | None = None
    ) -> list[nodes.Node]:
        """The version as written (after its product when the collection has several, unless
        ``with_product`` says), linked to where the release is rendered, and its badge (and
        the ``yanked`` badge of a release that a changelog says was withdrawn)."""
        if with_product is None:
            with_product = self.several_products
        text = release.name if with_product else release.display
        xref = self._xref(release, nodes.inline(text, text))
        if not with_badge:
            return [xref]
        made = [xref, nodes.Text(" "), badge(release)]
        if any(note.yanked for note in self.domain.announcing(release)):
            made.extend([nodes.Text(" "), status_badge("yanked")])
        return made

    def badge_link(self, release: Release) -> nodes.Node:
        """A badge naming version and phase (and product, when there are several), linked to
        the release."""
        content = badge(release, with_version=True, with_product=self.several_products)
        return self._xref(release, content)

    def _xref(self, release: Release, content: nodes.Node) -> addnodes.pending_xref:
        """A link to the release, resolved by the domain once every page has been read."""
        xref = addnodes.pending_xref(
            "",
            content,
            refdomain="releases",
            reftype="release",
            reftarget=release.reference,
            refexplicit=True,
            refdoc=self.env.docname,
        )
        self.set_source_info(xref)
        return xref


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    classes: Sequence[str] = (),
    columns: Sequence[str] = (),
    row_classes: Sequence[Sequence[str]] = (),
) -> nodes.table:
    """A plain docutils table, which every builder can write. ``columns`` names the columns:
    each cell of one gets the class ``releases-column-<name>``, for styles that size it.
    ``row_classes`` gives the classes of each body row (``releases-upcoming``), as far as it
    goes."""
    result = nodes.table(classes=["releases-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    result += group
    names = [f"releases-column-{name}" for name in columns]
    made = [_row(headers, names), *(_row(row, names) for row in rows)]
    for row, extra in zip(made[1:], row_classes, strict=False):
        row["classes"].extend(extra)
    head = nodes.thead("", made[0])
    body = nodes.tbody("", *made[1:])
    # the text and man writers take widths as characters: size columns by what they hold
    for column in range(len(headers)):
        longest = max(len(row[column].astext()) for row in made)
        group += nodes.colspec(colwidth=max(3, min(longest, MAX_COLUMN)))
    group += head
    group += body
    return result


def _row(cells: Sequence[Cell], names: Sequence[str]) -> nodes.row:
    row = nodes.row()
    for position, cell in enumerate(cells):
        entry = nodes.entry(classes=names[position : position + 1])
        if isinstance(cell, str):
            entry += nodes.paragraph(cell, cell) if cell else nodes.paragraph()
        elif cell and not any(isinstance(node, (nodes.Inline, nodes.Text)) for node in cell):
            entry.extend(cell)  # blocks of their own (a list, a collapsed list)
        else:
            entry += nodes.paragraph("", "", *cell)
        row += entry
    return row


def cell_list(items: Sequence[Sequence[nodes.Node]], summary: str) -> list[nodes.Node]:
    """``items`` for one table cell, separated by commas, each kept on one line in HTML (so
    that "PEP 594" does not break after "PEP"). A list longer than :data:`COLLAPSE_AFTER` is
    collapsed behind its count in HTML (``summary``, a message such as ``"{count} PEPs"``,
    translated); other builders write it in full."""
    line = nodes.paragraph(classes=["releases-list"])
    for position, item in enumerate(items):
        if position:
            line += nodes.Text(" ")
        piece = nodes.inline("", "", *item, classes=["releases-item"])
        if position < len(items) - 1:
            piece += nodes.Text(",")
        line += piece
    if not items:
        return []
    if len(items) <= COLLAPSE_AFTER:
        return [line]
    return [collapse(_(summary).format(count=len(items)), line)]


def date_text(note: Announcement, config: Config) -> str:
    """The note's date as the configuration wants it (``releases_date_format``), else ``—``."""
    return day(note.date, config) if note.date else "—"


def date_cell(note: Announcement, config: Config) -> list[nodes.Node]:
    """The note's date, kept on one line in HTML."""
    text = date_text(note, config)
    return [nodes.inline(text, text, classes=["releases-date"])]


# -- rendering when the page is written --------------------------------------------------------


class _Source(NamedTuple):
    """What a directive asks its state machine: where it is (for locations)."""

    source: str
    reporter: Any

    def get_source_and_line(self, lineno: int | None = None) -> tuple[str, int | None]:
        return self.source, lineno


class _State(NamedTuple):
    document: nodes.document


class RenderAggregates(SphinxPostTransform):
    """Replace each :class:`pending_aggregate` of a page being written with its aggregate."""

    # first: before the documented changes of a feature list are filled in (5) and anything
    # resolves references or looks at the content
    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        if self.env.docname in domain.pages and self.env.docname not in domain.data["aggregates"]:
            return  # a note page, and no aggregate in it: no need to look
        as_html = _builder(self.env).name in AggregatesAsHTML.builders
        for placeholder in list(self.document.findall(pending_aggregate)):
            made = educate(render(placeholder, self.document), self.document)
            for node in made:
                title_pep_links(node, self.env)
            placeholder.replace_self(made)
            if as_html:
                _MADE.setdefault(self.document, []).extend(
                    node for node in made if isinstance(node, nodes.Element)
                )


def render(placeholder: pending_aggregate, document: nodes.document) -> list[nodes.Node]:
    """The aggregate a placeholder stands for, made by its directive in the page being written."""
    cls = AGGREGATES[placeholder["directive"]]
    # builders that assemble one document from many (man, latex, singlehtml) give it their
    # writer's settings: the parser settings the notes' markup is parsed with come back
    for name, value in vars(_parser_settings()).items():
        document.settings.setdefault(name, value)
    directive = cls(
        placeholder["name"],
        [],
        dict(placeholder["options"]),
        StringList(),
        placeholder["lineno"],
        0,
        "",
        _State(document),  # type: ignore[arg-type]
        _Source(placeholder.source or "", document.reporter),  # type: ignore[arg-type]
    )
    with _as_read(directive.env, placeholder["docname"]):
        # index targets made now (by the ``:pep:`` role) are numbered after those the page got
        # while it was read, so that no id is used twice
        following = _next_index(document)
        while following and directive.env.new_serialno("index") < following - 1:
            pass
        return directive.render()


@contextmanager
def _as_read(env: BuildEnvironment, docname: str) -> Iterator[None]:
    """The environment as while a page is read: its name, the default role and domain, and
    the roles of the domains (a note's ``:attr:`` in a feature list)."""
    current = getattr(env, "current_document", None)  # Sphinx 8.2 and later
    saved = dict(env.temp_data) if current is None else None
    env.prepare_settings(docname)
    role = env.config.default_role
    try:
        with sphinx_domains(env), default_role(docname, role) if role else nullcontext():
            yield
    finally:
        if current is not None:
            env.current_document = current
        else:
            env.temp_data.clear()  # Sphinx before 8.2: a plain dict
            for key, value in (saved or {}).items():
                env.temp_data[key] = value


_INDEX_ID = re.compile(r"index-(\d+)")


def _next_index(document: nodes.document) -> int:
    """One past the largest ``index-N`` id of the document."""
    numbers = (int(m.group(1)) for m in map(_INDEX_ID.fullmatch, document.ids) if m)
    return max(numbers, default=-1) + 1


@cache
def _parser_settings() -> Values:
    return get_default_settings(Parser)


#: What smart quotes change (with any ``smartquotes_action``): quotes, backticks, dashes,
#: ellipses, and the escapes that keep them as they are.
_EDUCATED = ("'", '"', "`", "--", "..", ". .", "\x00")


def educate(made: list[nodes.Node], document: nodes.document) -> list[nodes.Node]:
    """Smart quotes for content made after the read phase, as Sphinx gives the rest of the page.

    Only text that smart quotes could change is handed to them; most aggregates have none.
    """
    if not any(_educable(node) for node in made):
        return made
    scratch = new_document(document["source"], document.settings)
    for node in made:
        node.parent = None
        scratch += node
    SphinxSmartQuotes(scratch, None).apply()
    result = list(scratch.children)
    for node in result:
        node.parent = None
    return result


def _educable(node: nodes.Node) -> bool:
    texts: Iterable[nodes.Node] = node.findall(nodes.Text)
    return any(mark in str(text) for text in texts for mark in _EDUCATED)


# -- written as HTML ---------------------------------------------------------------------------

_MADE: weakref.WeakKeyDictionary[nodes.document, list[nodes.Element]] = weakref.WeakKeyDictionary()
"""The aggregates :class:`RenderAggregates` put into each page being written, for
:class:`AggregatesAsHTML`."""

#: The nodes an aggregate may hold to be written as HTML before the page: none of the
#: post-transforms after the references are resolved has anything to do with them, and the
#: translator writes them from the nodes alone (not so for an image, which the builder must
#: copy, or math, which the page must load a script for).
PLAIN_NODES = frozenset(
    {
        nodes.Text,
        nodes.paragraph,
        nodes.inline,
        nodes.emphasis,
        nodes.strong,
        nodes.literal,
        nodes.reference,
        nodes.title_reference,
        nodes.abbreviation,
        nodes.subscript,
        nodes.superscript,
        nodes.bullet_list,
        nodes.enumerated_list,
        nodes.list_item,
        nodes.rubric,
        nodes.table,
        nodes.tgroup,
        nodes.colspec,
        nodes.thead,
        nodes.tbody,
        nodes.row,
        nodes.entry,
        addnodes.literal_emphasis,
        addnodes.literal_strong,
        releases_collapsed,
        releases_collapsed_summary,
    }
)


def plain(node: nodes.Node) -> bool:
    """Whether ``node`` and everything in it are :data:`PLAIN_NODES`."""
    return all(type(part) in PLAIN_NODES for part in node.findall())


class AggregatesAsHTML(SphinxPostTransform):
    """Write each aggregate of a page as HTML, with the builder's translator, once the
    references in it are resolved (see the module's docstring)."""

    # after the references are resolved (10), and sphinx-design has moved what it keeps of
    # them (11 and 12); before anything else walks the page
    default_priority = 20
    builders: tuple[str, ...] = ("html", "dirhtml")

    def run(self, **kwargs: Any) -> None:
        made = _MADE.pop(self.document, None)
        if not made:
            return
        colors = get_config(self.config).phase_colors
        builder = cast("StandaloneHTMLBuilder", _builder(self.env))
        # the settings the builder writes pages with, as its ``write_doc`` gives them
        written = new_document(self.document["source"], builder.docsettings)
        translator = cast("HTML5Translator", builder.create_translator(written, builder))
        for node in made:
            # (a feature list's list of documented changes has replaced its placeholder)
            if node.parent is None or not plain(node):
                continue
            color_badges(node, colors)  # as BadgeColors does for the rest of the page, later
            translator.body = []
            node.walkabout(translator)
            text = node.astext()
            node.replace_self(releases_html(text, text, html="".join(translator.body)))


def _builder(env: BuildEnvironment) -> Builder:
    """The builder writing the pages (``env._app`` since Sphinx 9, ``env.app`` before)."""
    app = getattr(env, "_app", None) or env.app
    return app.builder


class releases_html(nodes.General, nodes.TextElement):  # noqa: N801 (docutils' node naming)
    """Part of a page already written as HTML (its ``html``), with its text for the search
    index. Only the ``html`` and ``dirhtml`` builders ever see one."""


def _visit_releases_html(self: HTML5Translator, node: releases_html) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def setup_aggregates_rendering(app: Sphinx) -> None:
    app.add_post_transform(RenderAggregates)
    app.add_post_transform(AggregatesAsHTML)
    app.add_node(releases_html, html=(_visit_releases_html, None))
