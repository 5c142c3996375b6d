"""Phase badges and the date/author line under a release's title.

Badges are plain ``inline`` nodes: sphinx-design's badge classes colour them in HTML, and every
other builder writes their words (``alpha 4``, ``rc 2``, ``final``) as ordinary text. The
sections of changelogs add two: ``unreleased`` for the changes not released yet, ``yanked`` for a
release that was withdrawn; their colours are the extension's own (see the stylesheet).
"""

from __future__ import annotations

from collections.abc import Mapping

from docutils import nodes

from sphinxcontrib_releases.model import Announcement, Release


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


def status_badge(status: str) -> nodes.inline:
    """The badge of a changelog section's status: ``unreleased`` or ``yanked``."""
    return nodes.inline(
        status,
        status,
        classes=["sd-sphinx-override", "sd-badge", "releases-badge", f"releases-{status}"],
    )


def badges(
    note: Announcement,
    colors: Mapping[str, str],
    anchors: Mapping[tuple[str, str], str] | None = None,
) -> nodes.paragraph | None:
    """A line with a badge per release of the note (``None`` when it announces none), and
    the ``unreleased`` or ``yanked`` badge of a changelog section.

    With several releases each badge names its version (and its product, when they are of
    several products). ``anchors`` gives a node id per release key, so that links can land on
    the badge of one release of a multi-release note.
    """
    statuses = [s for s, flag in (("unreleased", note.unreleased), ("yanked", note.yanked)) if flag]
    if not note.releases and not statuses:
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
    for status in statuses:
        if len(line):
            line += nodes.Text(" ")
        line += status_badge(status)
    return line


def byline(note: Announcement) -> nodes.paragraph | None:
    """``2023-01-10 · Author`` (whichever of the two the note has), and ``diff``, the link to
    a changelog section's comparison with the release before."""
    parts = [p for p in (note.date.isoformat() if note.date else None, note.author) if p]
    if not parts and not note.compare_url:
        return None
    text = " · ".join(parts)
    line = nodes.paragraph(text, text, classes=["releases-byline"])
    if note.compare_url:
        if parts:
            line += nodes.Text(" · ")
        line += nodes.reference(
            "diff", "diff", refuri=note.compare_url, classes=["releases-compare"]
        )
    return line
