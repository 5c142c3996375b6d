"""``.. pep-index::``: every PEP the selected releases mention, with those releases."""

from __future__ import annotations

from docutils import nodes

from sphinxcontrib_releases.aggregate import AggregateDirective, Cell, cell_list, table
from sphinxcontrib_releases.model import Release
from sphinxcontrib_releases.peplinks import pep_reference

# What the index says when it has nothing to show (plain strings, to be made translatable)
NO_PEPS = "No release mentions a PEP."
NO_PEPS_SELECTED = "None of the selected releases mentions a PEP."
HEADERS = ("PEP", "First mentioned in", "Also in")


class PepIndexDirective(AggregateDirective):
    def run(self) -> list[nodes.Node]:
        chosen = self.selected()
        mentions: dict[int, list[Release]] = {}
        for release, note in sorted(chosen, key=lambda pair: pair[0].sort_key):
            for number in note.peps:
                mentions.setdefault(number, []).append(release)
        if not mentions:
            return self.nothing(chosen, NO_PEPS, NO_PEPS_SELECTED)
        rows: list[list[Cell]] = []
        for number in sorted(mentions):
            first, *later = mentions[number]
            others = [self.release_link(release, with_badge=False) for release in later]
            rows.append(
                [
                    pep_reference(number, self.state.document, self.lineno, index=False),
                    [self.badge_link(first)],
                    cell_list(others, "releases"),
                ]
            )
        return [table(HEADERS, rows, ["releases-peps"])]
