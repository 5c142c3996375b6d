"""``.. release-index::``: the releases of the collection, as a table, a list or per series.

When the selected releases are of several products, each product gets its own group, in the
chosen format: the tables' series rubrics name the product (``Acme 1.75``), a list or a series
table follows a rubric with the product's name. The project's own product
(``releases_product``, by default ``project``) comes first, the others follow by name.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from sphinxcontrib_releases.aggregate import (
    PEP_COUNT,
    AggregateDirective,
    Cell,
    cell_list,
    date_cell,
    table,
)
from sphinxcontrib_releases.locale import N_, _
from sphinxcontrib_releases.logs import warn
from sphinxcontrib_releases.model import Announcement, Phase, Release
from sphinxcontrib_releases.options import choice, lenient
from sphinxcontrib_releases.peplinks import pep_reference
from sphinxcontrib_releases.warnings_ import WarningType

COLUMNS = ("version", "date", "author", "features", "peps")

# What the index shows in words (English, translated with ``_`` where they are shown)
HEADERS = {
    "version": N_("Version"),
    "date": N_("Date"),
    "author": N_("Author"),
    # Translators: header of the column with the number of features of a release
    "features": N_("Features"),
    "peps": N_("PEPs"),
}
SERIES_HEADERS = {
    # Translators: a series of releases, such as 3.12 (3.12.0a1, ..., 3.12.0, 3.12.1, ...)
    "series": N_("Series"),
    # Translators: header of the column with the first alpha release of each series
    Phase.ALPHA: N_("First alpha"),
    Phase.BETA: N_("First beta"),
    # Translators: header of the column with the first release candidate of each series
    Phase.RC: N_("First RC"),
    # Translators: header of the column with the final release (x.y.0) of each series
    Phase.FINAL: N_("Final"),
    # Translators: header of the column with the newest release of each series
    "latest": N_("Latest"),
    # Translators: header of the column with the number of releases of each series
    "count": N_("Releases"),
}
NO_RELEASES = N_("No note announces a release.")
UNKNOWN_COLUMNS = "{directive}: unknown column(s) {unknown}; choose from {known}"
MISSING = "—"
"""A cell of the series table with nothing in it."""


class ReleaseIndexDirective(AggregateDirective):
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **AggregateDirective.option_spec,
        **lenient(
            {
                "format": choice("table", "list", "series"),
                "columns": directives.unchanged,
                "toctree": directives.flag,
            }
        ),
    }

    def run(self) -> list[nodes.Node]:
        chosen = self.selected()
        result: list[nodes.Node] = []
        if "toctree" in self.options:
            result.append(self._toctree())
        if not chosen:
            return result + self.nothing(chosen, NO_RELEASES)
        groups = self._by_product(chosen)
        layout = self.options.get("format", "table")
        for product, pairs in groups:
            name = product if len(groups) > 1 else None
            if layout == "table":
                result.extend(self._tables(pairs, name))
                continue
            if name is not None:
                result.append(nodes.rubric(name, name, classes=["releases-product"]))
            result.append(self._list(pairs) if layout == "list" else self._series(pairs))
        return result

    def _by_product(
        self, chosen: list[tuple[Release, Announcement]]
    ) -> list[tuple[str, list[tuple[Release, Announcement]]]]:
        """The releases by product (in their order): the project's product first, then the
        others by name."""
        groups: dict[str, list[tuple[Release, Announcement]]] = {}
        for pair in chosen:
            groups.setdefault(pair[0].key[0], []).append(pair)
        names = self.domain.products()
        default = self.domain.default_product
        order = sorted(groups, key=lambda key: (key != default, key))
        return [(names.get(key, key), groups[key]) for key in order]

    def _columns(self, chosen: list[tuple[Release, Announcement]]) -> list[str]:
        """The columns asked for with ``:columns:``; by default, every column that has
        something to show in at least one of the chosen rows (a collection without PEPs, authors
        or dates gets no empty column for them)."""
        if not self.options.get("columns"):
            return [c for c in COLUMNS if any(_shows(c, *pair) for pair in chosen)]
        wanted = [c.strip().lower() for c in self.options["columns"].split(",") if c.strip()]
        unknown = [c for c in wanted if c not in COLUMNS]
        if unknown:
            warn(
                WarningType.OPTION,
                UNKNOWN_COLUMNS.format(
                    directive=self.name, unknown=", ".join(unknown), known=", ".join(COLUMNS)
                ),
                location=self.get_location(),
            )
        return [c for c in wanted if c in COLUMNS] or list(COLUMNS)

    def _cell(self, column: str, release: Release, note: Announcement) -> Cell:
        if column == "version":
            return self.release_link(release, with_product=False)
        if column == "date":
            return date_cell(note, self.config)
        if column == "author":
            return note.author or ""
        if column == "features":
            count = sum(1 for feature in note.features if feature.kind == "feature")
            return str(count) if note.newest == release else ""
        document = self.state.document
        peps = [pep_reference(number, document, self.lineno, index=False) for number in note.peps]
        return cell_list(peps, PEP_COUNT)

    def _tables(
        self, chosen: list[tuple[Release, Announcement]], product: str | None = None
    ) -> list[nodes.Node]:
        """A table per series, under a rubric naming the series (and ``product``, if given)."""
        columns = self._columns(chosen)
        headers = [_(HEADERS[c]) for c in columns]
        result: list[nodes.Node] = []
        classes = (
            ["releases-series"] if product is None else ["releases-series", "releases-product"]
        )
        for series, pairs in groupby(chosen, key=lambda pair: pair[0].series):
            caption = series if product is None else f"{product} {series}"
            result.append(nodes.rubric(caption, caption, classes=classes))
            rows = [[self._cell(c, release, note) for c in columns] for release, note in pairs]
            result.append(table(headers, rows, classes=["releases-index"], columns=columns))
        return result

    def _list(self, chosen: list[tuple[Release, Announcement]]) -> nodes.bullet_list:
        items = nodes.bullet_list(classes=["releases-index"])
        for release, note in chosen:
            line = nodes.paragraph("", "", *self.release_link(release, with_product=False))
            if note.date:
                line += [nodes.Text(" — "), *date_cell(note, self.config)]
            items += nodes.list_item("", line)
        return items

    def _series(self, chosen: list[tuple[Release, Announcement]]) -> nodes.table:
        by_series: dict[str, list[tuple[Release, Announcement]]] = {}
        for pair in chosen:
            by_series.setdefault(pair[0].series, []).append(pair)
        dated = any(note.date for _release, note in chosen)
        phases = (Phase.ALPHA, Phase.BETA, Phase.RC, Phase.FINAL)
        # a phase no series has reached gets no column (a collection without pre-releases)
        shown = [p for p in phases if any(pair[0].phase is p for pair in chosen)]
        rows: list[list[Cell]] = []
        for series, pairs in by_series.items():
            oldest_first = sorted(pairs, key=lambda pair: pair[0].sort_key)
            row: list[Cell] = [series]
            for phase in shown:
                first = next((p for p in oldest_first if p[0].phase is phase), None)
                row.append(self._dated(first, dated) if first else MISSING)
            row.append(self._dated(oldest_first[-1], dated))
            row.append(str(len(pairs)))
            rows.append(row)
        keys: list[str | Phase] = ["series", *shown, "latest", "count"]
        return table([_(SERIES_HEADERS[k]) for k in keys], rows, classes=["releases-series"])

    def _dated(self, pair: tuple[Release, Announcement], dated: bool) -> list[nodes.Node]:
        """The release, linked, and its date when the table shows dates."""
        release, note = pair
        link = self.release_link(release, with_badge=False, with_product=False)
        return [*link, nodes.Text(" "), *date_cell(note, self.config)] if dated else link

    def _toctree(self) -> nodes.Node:
        """A hidden toctree of the note pages the filters select (all of them, whatever
        ``:limit:`` says), newest release first, then the notes that announce no release and
        pass the filters that concern notes (dates, tags, PEPs)."""
        order: dict[str, tuple[Any, ...]] = {}
        pages = {source: docname for docname, source in self.domain.pages.items()}
        # every announcement of each release: a changelog page also goes where its releases go
        pairs = [(r, n) for n in self.domain.notes.values() for r in n.releases]
        pairs.sort(key=lambda pair: (pair[1].is_section, pair[1].source))
        pairs.sort(key=lambda pair: pair[0].sort_key, reverse=True)
        for rank, (release, note) in enumerate(pairs):
            docname = pages.get(note.source)
            if docname and docname not in order and self.filters.accepts(release, note):
                order[docname] = (0, rank)
        for docname, source in self.domain.pages.items():
            page_note = self.domain.notes.get(source)  # (a changelog's page went by its releases)
            if page_note is None or page_note.releases:
                continue
            if self.filters.accepts_note(page_note):
                date = page_note.date.toordinal() if page_note.date else 0
                order[docname] = (1, -date, docname)
        docnames = sorted(order, key=lambda d: order[d])
        tree = addnodes.toctree()
        tree["parent"] = self.env.docname
        tree["entries"] = [(None, docname) for docname in docnames]
        tree["includefiles"] = docnames
        tree["maxdepth"] = -1
        tree["caption"] = None
        tree["glob"] = False
        tree["hidden"] = True
        tree["includehidden"] = False
        tree["numbered"] = 0
        tree["titlesonly"] = False
        tree["rawentries"] = []
        self.set_source_info(tree)
        wrapper = nodes.compound(classes=["toctree-wrapper"])
        wrapper += tree
        return wrapper


def _shows(column: str, release: Release, note: Announcement) -> bool:
    """Whether the index's cell for ``column`` has something in it for this release."""
    if column == "date":
        return note.date is not None
    if column == "author":
        return bool(note.author)
    if column == "features":
        return note.newest == release and any(f.kind == "feature" for f in note.features)
    if column == "peps":
        return bool(note.peps)
    return True
