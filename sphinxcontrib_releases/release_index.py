"""``.. release-index::``: the releases of the collection, as a table, a list or per series.

Releases that a note plans and none announces yet are shown too, as rows of their own with a
``planned`` badge (``overdue`` once their day is past) and the day planned; the series table
shows the days planned for what is still ahead, and the day planned next to the day a release
came when the two differ (see :mod:`sphinxcontrib_releases.plans`).

When the selected releases are of several products, each product gets its own group, in the
chosen format: the tables' series rubrics name the product (``Acme 1.75``), a list or a series
table follows a rubric with the product's name. The project's own product
(``releases_product``, by default ``project``) comes first, the others follow by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import Any, ClassVar, TypeAlias

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
from sphinxcontrib_releases.badges import plan_badge
from sphinxcontrib_releases.locale import N_, _, day
from sphinxcontrib_releases.logs import warn
from sphinxcontrib_releases.model import Announcement, Phase, Release, product_key
from sphinxcontrib_releases.options import choice, lenient
from sphinxcontrib_releases.peplinks import pep_reference
from sphinxcontrib_releases.plans import (
    BOUNDARY_OF_PHASE,
    Upcoming,
    planned_for,
    planned_on,
    series_order,
    upcoming,
    upcoming_boundaries,
)
from sphinxcontrib_releases.schedule import Outcome
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

Pair: TypeAlias = tuple[Release, Announcement]
Row: TypeAlias = Pair | Upcoming
"""A release announced, with its note, or a release planned."""


def _release(row: Row) -> Release:
    return row.release if isinstance(row, Upcoming) else row[0]


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

    def read_time(self) -> list[nodes.Node]:
        if "toctree" not in self.options:
            return []
        self.filters = self.quiet_filters()
        return [self._toctree()]

    def render(self) -> list[nodes.Node]:
        chosen = self.selected()
        ahead = upcoming(self.domain, self.filters)
        result: list[nodes.Node] = []
        if not chosen and not ahead:
            return result + self.nothing(chosen, NO_RELEASES)
        groups = self._by_product([*chosen, *ahead])
        layout = self.options.get("format", "table")
        for product, rows in groups:
            name = product if len(groups) > 1 else None
            if layout == "table":
                result.extend(self._tables(rows, name))
                continue
            if name is not None:
                result.append(nodes.rubric(name, name, classes=["releases-product"]))
            result.append(self._list(rows) if layout == "list" else self._series(rows))
        return result

    def _by_product(self, chosen: list[Row]) -> list[tuple[str, list[Row]]]:
        """The releases by product, announced and planned ones in version order: the
        project's product first, then the others by name."""
        groups: dict[str, list[Row]] = {}
        names = dict(self.domain.products())
        for row in chosen:
            release = _release(row)
            groups.setdefault(release.key[0], []).append(row)
            names.setdefault(release.key[0], release.product or "")
        default = self.domain.default_product
        order = sorted(groups, key=lambda key: (key != default, key))
        newest_first = not self.filters.reverse
        return [
            (
                names.get(key) or key,
                sorted(groups[key], key=lambda r: _release(r).sort_key, reverse=newest_first),
            )
            for key in order
        ]

    def _columns(self, chosen: Sequence[Row]) -> list[str]:
        """The columns asked for with ``:columns:``; by default, every column that has
        something to show in at least one of the chosen rows (a collection without PEPs, authors
        or dates gets no empty column for them)."""
        if not self.options.get("columns"):
            return [c for c in COLUMNS if any(_shows(c, row) for row in chosen)]
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

    def _cell(self, column: str, row: Row) -> Cell:
        if isinstance(row, Upcoming):
            return self._planned_cell(column, row)
        release, note = row
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

    def _planned_cell(self, column: str, row: Upcoming) -> Cell:
        """A cell of a planned release's row: its version (not linked: it is rendered
        nowhere yet) and badge, and the day planned."""
        if column == "version":
            text = row.release.display
            return [
                nodes.inline(text, text, classes=["releases-planned-version"]),
                nodes.Text(" "),
                plan_badge(row.status),
            ]
        if column == "date":
            return self._planned_date(row.date)
        return ""

    def _planned_date(self, date: dt.date) -> list[nodes.Node]:
        """A day planned, as the configuration writes dates, kept on one line in HTML."""
        text = day(date, self.config)
        return [nodes.inline(text, text, classes=["releases-date", "releases-planned-date"])]

    def _tables(self, chosen: list[Row], product: str | None = None) -> list[nodes.Node]:
        """A table per series, under a rubric naming the series (and ``product``, if given)."""
        columns = self._columns(chosen)
        headers = [_(HEADERS[c]) for c in columns]
        result: list[nodes.Node] = []
        classes = (
            ["releases-series"] if product is None else ["releases-series", "releases-product"]
        )
        for series, grouped in groupby(chosen, key=lambda row: _release(row).series):
            caption = series if product is None else f"{product} {series}"
            result.append(nodes.rubric(caption, caption, classes=classes))
            rows = list(grouped)
            cells = [[self._cell(c, row) for c in columns] for row in rows]
            row_classes = [_row_classes(row) for row in rows]
            result.append(
                table(headers, cells, ["releases-index"], columns=columns, row_classes=row_classes)
            )
        return result

    def _list(self, chosen: list[Row]) -> nodes.bullet_list:
        items = nodes.bullet_list(classes=["releases-index"])
        for row in chosen:
            if isinstance(row, Upcoming):
                line = nodes.paragraph("", "", *self._planned_cell("version", row))
                line += [nodes.Text(" — "), *self._planned_date(row.date)]
                items += nodes.list_item("", line, classes=_row_classes(row))
                continue
            release, note = row
            line = nodes.paragraph("", "", *self.release_link(release, with_product=False))
            if note.date:
                line += [nodes.Text(" — "), *date_cell(note, self.config)]
            items += nodes.list_item("", line)
        return items

    def _series(self, chosen: list[Row]) -> nodes.table:
        """A row per series: the first release of each phase, the latest and how many. A
        phase still ahead shows its planned release, else the day its start is planned for;
        a release that came on another day than planned shows both days."""
        announced: dict[str, list[Pair]] = {}
        planned: dict[str, list[Upcoming]] = {}
        for item in sorted(chosen, key=lambda item: _release(item).sort_key):
            if isinstance(item, Upcoming):
                planned.setdefault(item.release.series, []).append(item)
            else:
                announced.setdefault(item[0].series, []).append(item)
        product = _release(chosen[0]).key[0]
        starts: dict[tuple[str, str], Outcome] = {
            (outcome.history.plan.series or "", outcome.history.plan.kind): outcome
            for outcome in upcoming_boundaries(self.domain, self.filters)
            if product_key(outcome.history.plan.product) == product
            and outcome.history.plan.series in announced.keys() | planned.keys()
        }
        dates = bool(planned) or any(
            note.date for pairs in announced.values() for _r, note in pairs
        )
        phases = (Phase.ALPHA, Phase.BETA, Phase.RC, Phase.FINAL)
        # a phase no series has reached or planned gets no column (a collection without
        # pre-releases)
        shown = [
            p
            for p in phases
            if any(_release(item).phase is p for item in chosen)
            or any(kind == BOUNDARY_OF_PHASE.get(p) for _series, kind in starts)
        ]
        rows: list[list[Cell]] = []
        for series in series_order([*announced, *planned], reverse=self.filters.reverse):
            pairs, ahead = announced.get(series, []), planned.get(series, [])
            row: list[Cell] = [series]
            for phase in shown:
                first = next((p for p in pairs if p[0].phase is phase), None)
                coming = next((u for u in ahead if u.release.phase is phase), None)
                start = starts.get((series, BOUNDARY_OF_PHASE.get(phase, "")))
                if first is not None:
                    row.append(self._dated(first, dates))
                elif coming is not None:
                    row.append(self._planned_dated(coming))
                elif start is not None:
                    row.append(self._planned_start(start))
                else:
                    row.append(MISSING)
            row.append(self._dated(pairs[-1], dates) if pairs else MISSING)
            row.append(str(len(pairs)))
            rows.append(row)
        keys: list[str | Phase] = ["series", *shown, "latest", "count"]
        return table([_(SERIES_HEADERS[k]) for k in keys], rows, classes=["releases-series"])

    def _dated(self, pair: Pair, dates: bool) -> list[nodes.Node]:
        """The release, linked, and its date when the table shows dates, followed by the day
        it was planned for when it came on another day."""
        release, note = pair
        link = self.release_link(release, with_badge=False, with_product=False)
        if not dates:
            return link
        cell = [*link, nodes.Text(" "), *date_cell(note, self.config)]
        planned = planned_for(self.domain, release)
        if planned is not None and planned != note.date:
            cell += [nodes.Text(" "), planned_on(planned, self.config)]
        return cell

    def _planned_dated(self, row: Upcoming) -> list[nodes.Node]:
        """A planned release, its badge, and the day planned."""
        return [*self._planned_cell("version", row), nodes.Text(" "), *self._planned_date(row.date)]

    def _planned_start(self, outcome: Outcome) -> list[nodes.Node]:
        """The badge of a phase whose start is planned, and the day."""
        badge = plan_badge(outcome.status)
        return [badge, nodes.Text(" "), *self._planned_date(outcome.history.date)]

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


def _shows(column: str, row: Row) -> bool:
    """Whether the index's cell for ``column`` has something in it for this row."""
    if isinstance(row, Upcoming):
        return column in {"version", "date"}
    release, note = row
    if column == "date":
        return note.date is not None
    if column == "author":
        return bool(note.author)
    if column == "features":
        return note.newest == release and any(f.kind == "feature" for f in note.features)
    if column == "peps":
        return bool(note.peps)
    return True


def _row_classes(row: Row) -> list[str]:
    """The classes of a row of the index: planned releases are marked."""
    return ["releases-upcoming", f"releases-{row.status}"] if isinstance(row, Upcoming) else []
