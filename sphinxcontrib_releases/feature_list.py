"""``.. feature-list::``: each feature of the selected releases once, with where it first came.

``:kinds:`` chooses the kinds of items (:data:`~sphinxcontrib_releases.changelog.KINDS`):
``feature`` by default, ``all``, or a comma-separated list (``deprecation, removal``). Notes
hold features only; changelog sections hold every kind, and speak for their release here when a
note announces it too (a changelog lists every change, a note its highlights).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from sphinxcontrib_releases.aggregate import (
    PEP_COUNT,
    AggregateDirective,
    Cell,
    cell_list,
    table,
)
from sphinxcontrib_releases.changelog import KINDS
from sphinxcontrib_releases.dedupe import MergedFeature, merge_features
from sphinxcontrib_releases.issues import link_issues
from sphinxcontrib_releases.locale import N_, _
from sphinxcontrib_releases.markup import parse_many_features
from sphinxcontrib_releases.model import Announcement, Release
from sphinxcontrib_releases.options import choice, lenient
from sphinxcontrib_releases.peplinks import link_peps, pep_reference
from sphinxcontrib_releases.version_directives import changes_placeholder

# What the list shows besides the features (English, translated with ``_`` where shown)
# Translators: the group of features that stand under no sub-heading of their note
GENERAL = N_("General")
"""The group of features that stand under no sub-heading."""
NO_FEATURES = N_("No release lists any features.")
NO_FEATURES_SELECTED = N_("None of the selected releases lists any features.")
# Translators: headers of the table of features: a feature, the sub-heading it stands under, the
# release that brought it, the PEPs it mentions
HEADERS = (N_("Feature"), N_("Section"), N_("First release"), N_("PEPs"))
# Translators: after a feature whose wording changed in later releases: "(reworded in 3.12.0b1)"
REWORDED = N_("(reworded in {releases})")

KIND_HEADINGS = {
    "feature": "Features",
    "change": "Changes",
    "deprecation": "Deprecations",
    "removal": "Removals",
    "fix": "Fixes",
    "security": "Security",
    "documentation": "Documentation",
    "other": "Other",
}
"""The heading of each kind's group with ``:group-by: kind``."""


def kinds(value: str) -> frozenset[str]:
    """The ``:kinds:`` option: ``all``, or kinds separated by commas."""
    words = [w.strip().lower() for w in value.replace(";", ",").split(",") if w.strip()]
    if words == ["all"]:
        return frozenset(KINDS)
    unknown = [w for w in words if w not in KINDS]
    if unknown or not words:
        raise ValueError(
            f"{', '.join(map(repr, unknown)) or 'nothing'} is not a kind; use 'all' or some of "
            + ", ".join(KINDS)
        )
    return frozenset(words)


def of_kinds(
    chosen: Sequence[tuple[Release, Announcement]], wanted: frozenset[str]
) -> list[tuple[Release, Announcement]]:
    """The pairs, each note keeping only the items of the wanted kinds."""
    if wanted == {"feature"} and not any(note.is_section for _release, note in chosen):
        return list(chosen)  # notes hold features only
    return [
        (release, replace(note, features=tuple(f for f in note.features if f.kind in wanted)))
        for release, note in chosen
    ]


class FeatureListDirective(AggregateDirective):
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        **AggregateDirective.option_spec,
        **lenient(
            {
                "group-by": choice("section", "kind", "release", "none"),
                "format": choice("list", "table"),
                "kinds": kinds,
                "with-changes": directives.flag,
            }
        ),
    }
    sections_first = True

    def read_time(self) -> list[nodes.Node]:
        if "with-changes" in self.options:
            # the page is rewritten when the docs' version directives change
            self.domain.note_change_list(self.env.docname)
        return []

    def render(self) -> list[nodes.Node]:
        chosen = of_kinds(self.selected(), self.options.get("kinds", frozenset({"feature"})))
        result = self._features(chosen)
        if "with-changes" in self.options:
            # filled next, from what every page recorded: see version_directives.DocumentedChanges
            references = [release.reference for release, _note in chosen]
            result.append(changes_placeholder("", releases=references))
        return result

    def _features(self, chosen: list[tuple[Release, Announcement]]) -> list[nodes.Node]:
        merged = merge_features(chosen, self.settings.similarity)
        if not merged:
            return self.nothing(chosen, NO_FEATURES, NO_FEATURES_SELECTED)
        content = self._render(merged)
        if self.options.get("format") == "table":
            result: list[nodes.Node] = [self._table(merged, content)]
        else:
            result = self._lists(merged, content)
        for node in result:
            if isinstance(node, nodes.Element):
                if self.settings.pep_links:
                    link_peps(node, self.state.document, index=False)
                # index entries belong to the notes (``:pep:`` in a reST item makes one)
                for entry in list(node.findall(addnodes.index)):
                    entry.parent.remove(entry)
        return result

    def _content(self, feature: MergedFeature, content: list[nodes.Node]) -> list[nodes.Node]:
        """A changelog item's markup gets its issue links (notes keep theirs as written)."""
        if feature.latest_note.is_section and self.settings.issue_url:
            holder = nodes.inline("", "", *content)
            link_issues(holder, self.settings.issue_url)
            return list(holder.children)
        return content

    def _render(self, merged: list[MergedFeature]) -> list[list[nodes.Node]]:
        """Each feature's latest wording, with its markup (parsed together)."""
        by_note: dict[str, list[int]] = {}
        for position, feature in enumerate(merged):
            by_note.setdefault(feature.latest_note.source, []).append(position)
        items = [
            (merged[positions[0]].latest_note, [merged[p].latest for p in positions])
            for positions in by_note.values()
        ]
        content: list[list[nodes.Node]] = [[] for _ in merged]
        parsed = parse_many_features(items, self.state.document, self.env)
        for positions, rendered in zip(by_note.values(), parsed, strict=True):
            for position, nodes_ in zip(positions, rendered, strict=True):
                content[position] = nodes_
        return content

    def _item(self, feature: MergedFeature, content: list[nodes.Node]) -> nodes.list_item:
        line = nodes.paragraph("", "", *self._content(feature, content))
        line += nodes.Text(" ")
        line += self.badge_link(feature.first)
        if feature.reworded:
            later = ", ".join(self._name(r) for r in feature.reworded_in)
            line += nodes.Text(" ")
            text = _(REWORDED).format(releases=later)
            line += nodes.emphasis(text, text, classes=["releases-reworded"])
        return nodes.list_item("", line, classes=["releases-feature"])

    def _name(self, release: Release) -> str:
        """The version as written, after its product when the collection has several."""
        return release.name if self.several_products else release.display

    def _lists(
        self, merged: list[MergedFeature], content: list[list[nodes.Node]]
    ) -> list[nodes.Node]:
        grouping = self.options.get("group-by", "section")
        groups: dict[str, list[int]] = {}
        for position, feature in enumerate(merged):
            if grouping == "release":
                key = self._name(feature.first)
            elif grouping == "kind":
                key = KIND_HEADINGS.get(feature.latest.kind, feature.latest.kind)
            elif grouping == "section":
                key = feature.section or _(GENERAL)
            else:
                key = ""
            groups.setdefault(key, []).append(position)
        if grouping == "kind":
            order = list(KIND_HEADINGS.values())
            groups = dict(
                sorted(groups.items(), key=lambda g: order.index(g[0]) if g[0] in order else 99)
            )
        result: list[nodes.Node] = []
        for key, positions in groups.items():
            if key:
                result.append(nodes.rubric(key, key, classes=["releases-feature-group"]))
            items = nodes.bullet_list(classes=["releases-features"])
            for position in positions:
                items += self._item(merged[position], content[position])
            result.append(items)
        return result

    def _table(self, merged: list[MergedFeature], content: list[list[nodes.Node]]) -> nodes.table:
        rows: list[list[Cell]] = []
        for feature, cell in zip(merged, content, strict=True):
            peps = [
                pep_reference(number, self.state.document, self.lineno, index=False)
                for number in sorted(feature.peps)
            ]
            rows.append(
                [
                    self._content(feature, cell),
                    feature.section or _(GENERAL),
                    [self.badge_link(feature.first)],
                    cell_list(peps, PEP_COUNT),
                ]
            )
        return table([_(h) for h in HEADERS], rows, ["releases-features"])
