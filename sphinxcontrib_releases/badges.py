"""Phase badges, the badges of planned releases, and the date/author line under a release's
title.

Badges are plain ``inline`` nodes: sphinx-design's badge classes colour them in HTML, and every
other builder writes their words (``alpha 4``, ``rc 2``, ``final``) as ordinary text.
"""

from __future__ import annotations

from collections.abc import Mapping

from docutils import nodes

from sphinxcontrib_releases.model import Announcement, Release

# What the badges of planned releases say (plain strings, kept together to be made translatable)
STATUS_LABELS = {"planned": "planned", "overdue": "overdue"}


def badge(
    release: Release,
    colors: Mapping[str, str],
    *,
    with_version: bool = False,
    with_product: bool = False,
) -> nodes.inline:
    """One badge; ``with_version`` puts the version as written before the phase
    (``3.12.0a4 · alpha 4``), ``with_product`` the product too (``Acme 1.2 · final``)."""
    color = colors.get(release.phase.value, "secondary")
    shown = release.name if with_product else release.display
    text = f"{shown} · {release.label}" if with_version else release.label
    return nodes.inline(
        text,
        text,
        classes=[
            "sd-sphinx-override",
            "sd-badge",
            f"sd-bg-{color}",
            f"sd-bg-text-{color}",
            "releases-badge",
            f"releases-phase-{release.phase.value}",
        ],
    )


def status_badge(status: str, colors: Mapping[str, str]) -> nodes.inline:
    """The badge of a planned release: ``planned``, or ``overdue`` once its day is past."""
    color = colors.get(status, "secondary")
    text = STATUS_LABELS.get(status, status)
    return nodes.inline(
        text,
        text,
        classes=[
            "sd-sphinx-override",
            "sd-badge",
            f"sd-bg-{color}",
            f"sd-bg-text-{color}",
            "releases-badge",
            f"releases-{status}",
        ],
    )


def badges(
    note: Announcement,
    colors: Mapping[str, str],
    anchors: Mapping[tuple[str, str], str] | None = None,
) -> nodes.paragraph | None:
    """A line with a badge per release of the note (``None`` when it announces none).

    With several releases each badge names its version (and its product, when they are of
    several products). ``anchors`` gives a node id per release key, so that links can land on
    the badge of one release of a multi-release note.
    """
    if not note.releases:
        return None
    line = nodes.paragraph(classes=["releases-badges"])
    several = len(note.releases) > 1
    products = len(note.products) > 1
    for index, release in enumerate(note.releases):
        if index:
            line += nodes.Text(" ")
        node = badge(release, colors, with_version=several, with_product=products)
        if anchors and release.key in anchors:
            node["ids"].append(anchors[release.key])
        line += node
    return line


def byline(note: Announcement) -> nodes.paragraph | None:
    """``2023-01-10 · Author`` (whichever of the two the note has)."""
    parts = [p for p in (note.date.isoformat() if note.date else None, note.author) if p]
    if not parts:
        return None
    text = " · ".join(parts)
    return nodes.paragraph(text, text, classes=["releases-byline"])
