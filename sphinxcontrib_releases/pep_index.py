"""``.. pep-index::``: every PEP the selected releases mention, with those releases."""

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
from sphinxcontrib_releases.peplinks import pep_reference

# What the index shows in words (English, translated with ``_`` where they are shown)
NO_PEPS = N_("No release mentions a PEP.")
NO_PEPS_SELECTED = N_("None of the selected releases mentions a PEP.")
# Translators: headers of the PEP index: a PEP, the first release that mentions it, the others
HEADERS = (N_("PEP"), N_("First mentioned in"), N_("Also in"))


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
                    cell_list(others, RELEASE_COUNT),
                ]
            )
        return [table([_(h) for h in HEADERS], rows, ["releases-peps"])]
