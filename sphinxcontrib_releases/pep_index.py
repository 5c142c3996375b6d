"""``.. pep-index::``: every PEP the selected releases mention, with those releases (and, with
``releases_pep_data``, each PEP's title and status)."""

from __future__ import annotations

from docutils import nodes

from sphinxcontrib_releases.aggregate import (
    RELEASE_COUNT,
    AggregateDirective,
    Cell,
    cell_list,
    table,
)
from sphinxcontrib_releases.locale import N_, _
from sphinxcontrib_releases.model import Release
from sphinxcontrib_releases.pep_titles import note_pep_data
from sphinxcontrib_releases.peplinks import pep_reference

# What the index shows in words (English, translated with ``_`` where they are shown)
NO_PEPS = N_("No release mentions a PEP.")
NO_PEPS_SELECTED = N_("None of the selected releases mentions a PEP.")
# Translators: headers of the PEP index: a PEP, the first release that mentions it, the others
HEADERS = (N_("PEP"), N_("First mentioned in"), N_("Also in"))
# Translators: headers of the PEP index with the PEP site's data: a PEP, its title and status
# ("Final", "Draft"... as the PEP site writes them), the first release that mentions it, the others
TITLED_HEADERS = (N_("PEP"), N_("Title"), N_("Status"), N_("First mentioned in"), N_("Also in"))
"""The headers when the PEP data (``releases_pep_data``) is at hand."""


class PepIndexDirective(AggregateDirective):
    def render(self) -> list[nodes.Node]:
        chosen = self.selected()
        mentions: dict[int, list[Release]] = {}
        for release, note in sorted(chosen, key=lambda pair: pair[0].sort_key):
            for number in note.peps:
                mentions.setdefault(number, []).append(release)
        if not mentions:
            return self.nothing(chosen, NO_PEPS, NO_PEPS_SELECTED)
        data = note_pep_data(self.env)
        rows: list[list[Cell]] = []
        for number in sorted(mentions):
            first, *later = mentions[number]
            others = [self.release_link(release, with_badge=False) for release in later]
            row: list[Cell] = [pep_reference(number, self.state.document, self.lineno, index=False)]
            if data:
                info = data.peps.get(number)
                row += [info.title, info.status] if info else ["", ""]
            rows.append([*row, [self.badge_link(first)], cell_list(others, RELEASE_COUNT)])
        headers = TITLED_HEADERS if data else HEADERS
        return [table([_(h) for h in headers], rows, ["releases-peps"])]
