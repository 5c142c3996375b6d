"""Long lists in table cells: collapsed behind a count in HTML, written in full elsewhere.

A :class:`releases_collapsed` node holds a :class:`releases_collapsed_summary` (what a closed
HTML ``<details>`` shows, such as "14 PEPs") and then the content itself. The HTML writers make
a ``<details>`` of it; the LaTeX, text, man and texinfo writers leave the summary out and write
the content as usual, so that nothing vanishes outside HTML. (The names carry the extension's
prefix, as Sphinx registers node classes by name.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class releases_collapsed(nodes.General, nodes.Element):  # noqa: N801 (as docutils names nodes)
    """A summary, then content that HTML shows only when the reader opens it."""


class releases_collapsed_summary(nodes.TextElement):  # noqa: N801
    """What a closed :class:`releases_collapsed` shows."""


def collapse(summary: str, *content: nodes.Node) -> releases_collapsed:
    """``content`` behind ``summary`` in HTML."""
    title = releases_collapsed_summary(summary, summary)
    return releases_collapsed("", title, *content, classes=["releases-collapsed"])


def add_collapse_nodes(app: Sphinx) -> None:
    # every writer but HTML writes the list in full: the node itself adds nothing there, and
    # its summary (the count) is left out
    elsewhere = (_visit_nothing, _depart_nothing)
    skipped = (_skip, _depart_nothing)
    app.add_node(
        releases_collapsed,
        html=(_visit_details, _depart_details),
        latex=elsewhere,
        text=elsewhere,
        man=elsewhere,
        texinfo=elsewhere,
    )
    app.add_node(
        releases_collapsed_summary,
        html=(_visit_summary, _depart_summary),
        latex=skipped,
        text=skipped,
        man=skipped,
        texinfo=skipped,
    )


def _visit_details(self: HTML5Translator, node: releases_collapsed) -> None:
    self.body.append(self.starttag(node, "details"))


def _depart_details(self: HTML5Translator, node: releases_collapsed) -> None:
    self.body.append("</details>\n")


def _visit_summary(self: HTML5Translator, node: releases_collapsed_summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def _depart_summary(self: HTML5Translator, node: releases_collapsed_summary) -> None:
    self.body.append("</summary>\n")


def _visit_nothing(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    pass


def _depart_nothing(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    pass


def _skip(self: nodes.NodeVisitor, node: nodes.Node) -> None:
    raise nodes.SkipNode
