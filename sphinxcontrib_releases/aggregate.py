"""What the aggregate directives share: filters, selection, tables and links to releases.

Aggregates are built while their page is read, from the collection in the domain; links to
releases are ``pending_xref`` nodes that the domain resolves when the page is written, and the
domain re-reads or rewrites aggregate pages whenever the collection changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from sphinxcontrib_releases.badges import badge, status_badge
from sphinxcontrib_releases.collapse import collapse
from sphinxcontrib_releases.config import ReleasesConfig, get_config
from sphinxcontrib_releases.domain import ReleasesDomain, get_domain
from sphinxcontrib_releases.filters import FILTER_OPTIONS, Filters, parse_filters
from sphinxcontrib_releases.locale import N_, _, day
from sphinxcontrib_releases.logs import warn
from sphinxcontrib_releases.model import Announcement, Release
from sphinxcontrib_releases.options import CheckedDirective, lenient
from sphinxcontrib_releases.warnings_ import WarningType

if TYPE_CHECKING:
    from sphinx.config import Config

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


class AggregateDirective(CheckedDirective):
    """A directive that lists part of the collection, chosen by the shared filters."""

    has_content = False
    filters = Filters()
    """The filters of the last :meth:`selected` call."""
    sections_first = False
    """Whether a changelog section speaks for a release that a note announces too."""
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = lenient(
        {**dict.fromkeys(FILTER_OPTIONS, directives.unchanged), "reverse": directives.flag}
    )

    @property
    def domain(self) -> ReleasesDomain:
        return get_domain(self.env)

    @property
    def settings(self) -> ReleasesConfig:
        return get_config(self.config)

    def selected(self) -> list[tuple[Release, Announcement]]:
        """The releases the filters choose (newest first), recording this page as an aggregate."""
        self.domain.note_aggregate(self.env.docname)
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
