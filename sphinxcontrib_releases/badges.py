"""Phase badges, the badges of planned releases, and the date/author line under a release's
title.

Badges are plain ``inline`` nodes: sphinx-design's badge classes colour them in HTML, and every
other builder writes their words (``alpha 4``, ``rc 2``, ``final``) as ordinary text. The words
are in the project's language; the CSS classes name the phase in English, whatever the language.
A badge is coloured when its page is written, not when it is read (:class:`BadgeColors`):
``releases_phase_colors`` is a matter of looks, and changing it only writes the pages again.
The sections of changelogs add two: ``unreleased`` for the changes not released yet, ``yanked``
for a release that was withdrawn; their colours are the extension's own (see the stylesheet).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinxcontrib_releases.config import STATUS_BADGES, get_config
from sphinxcontrib_releases.locale import N_, _, day
from sphinxcontrib_releases.model import Announcement, Phase, Release

if TYPE_CHECKING:
    from sphinx.config import Config

#: The words of a pre-release's badge (and of a development or post-release's): its phase and
#: its number (``alpha 4``, ``rc 2``).
PHASE_WORDS = {
    # Translators: badge of a development release: "dev 3"
    Phase.DEV: N_("dev {number}"),
    # Translators: badge of an alpha release: "alpha 4"
    Phase.ALPHA: N_("alpha {number}"),
    # Translators: badge of a beta release: "beta 2"
    Phase.BETA: N_("beta {number}"),
    # Translators: badge of a release candidate: "rc 1"
    Phase.RC: N_("rc {number}"),
    # Translators: badge of a post-release (a re-release with small fixes): "post 1"
    Phase.POST: N_("post {number}"),
}
# Translators: the badge of a final release (not a pre-release)
FINAL = N_("final")


def phase_words(release: Release) -> str:
    """What a release's badge says, in the project's language: ``alpha 4``, ``final``."""
    if release.phase is Phase.FINAL:
        return _(FINAL)
    return _(PHASE_WORDS[release.phase]).format(number=release.number)


#: What the badges of planned releases say.
PLAN_WORDS = {
    # Translators: badge of a release that a note plans and no note announces yet
    "planned": N_("planned"),
    # Translators: badge of a planned release whose planned day is past
    "overdue": N_("overdue"),
}


#: The class that names what colours a phase's badge (``releases-phase-alpha``).
PHASE_CLASS = "releases-phase-"


def badge(
    release: Release,
    *,
    with_version: bool = False,
    with_product: bool = False,
) -> nodes.inline:
    """One badge; ``with_version`` puts the version as written before the phase
    (``3.12.0a4 · alpha 4``), ``with_product`` the product too (``Acme 1.2 · final``)."""
    shown = release.name if with_product else release.display
    words = phase_words(release)
    text = f"{shown} · {words}" if with_version else words
    return nodes.inline(
        text,
        text,
        classes=[
            "sd-sphinx-override",
            "sd-badge",
            "releases-badge",
            f"{PHASE_CLASS}{release.phase.value}",
        ],
    )


STATUS_WORDS = {"unreleased": N_("unreleased"), "yanked": N_("yanked")}
"""The words of a changelog section's status badges."""
# Translators: the link from a changelog section to its comparison with the release before
COMPARE = N_("diff")


def status_badge(status: str) -> nodes.inline:
    """The badge of a changelog section's status: ``unreleased`` or ``yanked`` (its class; its
    words are in the project's language)."""
    words = _(STATUS_WORDS[status])
    return nodes.inline(
        words,
        words,
        classes=["sd-sphinx-override", "sd-badge", "releases-badge", f"releases-{status}"],
    )


def plan_badge(status: str) -> nodes.inline:
    """The badge of a planned release: ``planned``, or ``overdue`` once its day is past."""
    text = _(PLAN_WORDS[status]) if status in PLAN_WORDS else status
    return nodes.inline(
        text,
        text,
        classes=["sd-sphinx-override", "sd-badge", "releases-badge", f"releases-{status}"],
    )


def badges(
    note: Announcement,
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
        node = badge(release, with_version=several, with_product=products)
        if anchors and release.key in anchors:
            node["ids"].append(anchors[release.key])
        line += node
    for status in statuses:
        if len(line):
            line += nodes.Text(" ")
        line += status_badge(status)
    return line


def byline(note: Announcement, config: Config) -> nodes.paragraph | None:
    """``2023-01-10 · Author`` (whichever of the two the note has), the date as the
    configuration wants (``releases_date_format``), and ``diff``, the link to a changelog
    section's comparison with the release before."""
    parts = [p for p in (day(note.date, config) if note.date else None, note.author) if p]
    if not parts and not note.compare_url:
        return None
    text = " · ".join(parts)
    line = nodes.paragraph(text, text, classes=["releases-byline"])
    if note.compare_url:
        if parts:
            line += nodes.Text(" · ")
        words = _(COMPARE)
        line += nodes.reference(words, words, refuri=note.compare_url, classes=["releases-compare"])
    return line


class BadgeAnchors(SphinxPostTransform):
    """LaTeX: a badge's anchors stand on a target before it, since the LaTeX writer makes labels
    of targets but not of inline text (links to a release land on its badge)."""

    builders = ("latex",)
    default_priority = 5  # before references are resolved

    def run(self, **kwargs: object) -> None:
        for badge_node in list(self.document.findall(nodes.inline)):
            if "releases-badge" in badge_node["classes"] and badge_node["ids"]:
                target = nodes.target("", "", ids=badge_node["ids"])
                badge_node["ids"] = []
                badge_node.parent.insert(badge_node.parent.index(badge_node), target)


def badge_color_key(classes: list[str]) -> str | None:
    """What colours a badge with these classes: its phase (``alpha``), or the status of a
    planned release's badge (``planned``, ``overdue``); ``None`` for a badge that has no
    configurable colour (``unreleased``, ``yanked``) or a node that is no badge."""
    if "releases-badge" not in classes:
        return None
    for name in classes:
        if name.startswith(PHASE_CLASS):
            return name[len(PHASE_CLASS) :]
        if name.startswith("releases-") and name[len("releases-") :] in STATUS_BADGES:
            return name[len("releases-") :]
    return None


class BadgeColors(SphinxPostTransform):
    """Colour every badge of a page as ``releases_phase_colors`` says, when the page is written.

    Badges are made when their page is read and kept in the environment; colouring them here
    means that a new colour reaches every page, read again or not (the option's rebuild level
    is ``html``). The colour classes go after ``sd-badge``, as sphinx-design writes them."""

    default_priority = 400

    def run(self, **kwargs: object) -> None:
        color_badges(self.document, get_config(self.config).phase_colors)


def color_badges(root: nodes.Element, colors: Mapping[str, str]) -> None:
    """Give each badge under ``root`` the colour classes of ``colors`` (``secondary`` for a
    phase or status it does not name), in place of any it had."""
    for node in root.findall(nodes.inline):
        key = badge_color_key(node["classes"])
        if key is None:
            continue
        color = colors.get(key, "secondary")
        classes = [c for c in node["classes"] if not c.startswith("sd-bg-")]
        at = classes.index("sd-badge") + 1 if "sd-badge" in classes else 0
        classes[at:at] = [f"sd-bg-{color}", f"sd-bg-text-{color}"]
        node["classes"] = classes
