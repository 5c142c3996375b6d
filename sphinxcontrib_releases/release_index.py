"""``.. release-index::``: the releases of the collection, as a table, a list or per series."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from sphinxcontrib_releases.aggregate import (
    AggregateDirective,
    Cell,
    date_cell,
    date_text,
    table,
)
from sphinxcontrib_releases.logs import warn
from sphinxcontrib_releases.model import Announcement, Phase, Release
from sphinxcontrib_releases.options import choice, lenient
from sphinxcontrib_releases.peplinks import pep_reference
from sphinxcontrib_releases.warnings_ import WarningType

COLUMNS = ("version", "date", "author", "features", "peps")


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
            return result + self.nothing()
        layout = self.options.get("format", "table")
        if layout == "list":
            result.append(self._list(chosen))
        elif layout == "series":
            result.append(self._series(chosen))
        else:
            result.extend(self._tables(chosen))
        return result

    def _columns(self) -> list[str]:
        if not self.options.get("columns"):
            return list(COLUMNS)
        wanted = [c.strip().lower() for c in self.options["columns"].split(",") if c.strip()]
        unknown = [c for c in wanted if c not in COLUMNS]
        if unknown:
            warn(
                WarningType.OPTION,
                f"{self.name}: unknown column(s) {', '.join(unknown)}; "
                f"choose from {', '.join(COLUMNS)}",
                location=self.get_location(),
            )
        return [c for c in wanted if c in COLUMNS] or list(COLUMNS)

    def _cell(self, column: str, release: Release, note: Announcement) -> Cell:
        if column == "version":
            return self.release_link(release)
        if column == "date":
            return date_cell(note)
        if column == "author":
            return note.author or ""
        if column == "features":
            count = sum(1 for feature in note.features if feature.kind == "feature")
            return str(count) if note.newest == release else ""
        cell: list[nodes.Node] = []
        for number in note.peps:
            if cell:
                cell.append(nodes.Text(", "))
            cell.extend(pep_reference(number, self.state.document, self.lineno, index=False))
        return cell

    def _tables(self, chosen: list[tuple[Release, Announcement]]) -> list[nodes.Node]:
        columns = self._columns()
        headers = [{"peps": "PEPs"}.get(c, c.capitalize()) for c in columns]
        result: list[nodes.Node] = []
        for series, pairs in groupby(chosen, key=lambda pair: pair[0].series):
            result.append(nodes.rubric(series, series, classes=["releases-series"]))
            rows = [[self._cell(c, release, note) for c in columns] for release, note in pairs]
            result.append(table(headers, rows, classes=["releases-index"]))
        return result

    def _list(self, chosen: list[tuple[Release, Announcement]]) -> nodes.bullet_list:
        items = nodes.bullet_list(classes=["releases-index"])
        for release, note in chosen:
            line = nodes.paragraph("", "", *self.release_link(release))
            if note.date:
                line += nodes.Text(f" — {note.date.isoformat()}")
            items += nodes.list_item("", line)
        return items

    def _series(self, chosen: list[tuple[Release, Announcement]]) -> nodes.table:
        by_series: dict[str, list[tuple[Release, Announcement]]] = {}
        for pair in chosen:
            by_series.setdefault(pair[0].series, []).append(pair)
        rows: list[list[Cell]] = []
        for series, pairs in by_series.items():
            oldest_first = sorted(pairs, key=lambda pair: pair[0].sort_key)
            row: list[Cell] = [series]
            for phase in (Phase.ALPHA, Phase.BETA, Phase.RC, Phase.FINAL):
                first = next((p for p in oldest_first if p[0].phase is phase), None)
                row.append(self._dated(first) if first else "—")
            row.append(self._dated(oldest_first[-1]))
            row.append(str(len(pairs)))
            rows.append(row)
        headers = ["Series", "First alpha", "First beta", "First RC", "Final", "Latest", "Releases"]
        return table(headers, rows, classes=["releases-series"])

    def _dated(self, pair: tuple[Release, Announcement]) -> list[nodes.Node]:
        release, note = pair
        return [*self.release_link(release, with_badge=False), nodes.Text(f" ({date_text(note)})")]

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
