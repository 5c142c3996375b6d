"""Issue references in changelogs: ``#123``, ``GH-123`` and roles such as ``:issue:`123```.

Changelog items cite the issues and pull requests they close. With ``releases_issue_url`` set
(``https://github.com/o/r/issues/{number}``), :func:`link_issues` turns the ``#123`` and
``GH-123`` of rendered changelog text into links to it.

Changelogs written for another extension use its roles: ``:issue:`123``` (sphinx-issues),
``:pr:``, ``:ghissue:`` (IPython's)... When such an extension is loaded its role does the work.
When none defines one of :data:`ROLE_NAMES`, :class:`IssueRole` does, so that the changelog still
builds: the reference as a link to ``releases_issue_url``, or as its text without that setting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import ReferenceRole, is_role_registered

from sphinxcontrib_releases.config import get_config
from sphinxcontrib_releases.peplinks import _skipped

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ROLE_NAMES = ("issue", "issues", "pr", "pull", "gh", "ghissue", "ghpull", "bug", "ticket")
"""The roles the changelog reader takes as issue references (see
:attr:`sphinxcontrib_releases.changelog.Item.refs`)."""

CLASS = "releases-issue"

_TEXT_REFERENCE = re.compile(
    r"(?<![\w&/#])#(?P<hash>[0-9]{1,9})(?!\w)|(?<![\w-])[Gg][Hh]-(?P<gh>[0-9]{1,9})(?!\w)"
)
_NUMBER = re.compile(r"#?([0-9]{1,9})")


def issue_link(number: str, text: str, url: str) -> nodes.reference:
    """A link to issue ``number`` by the ``releases_issue_url`` template ``url``."""
    return nodes.reference(text, text, refuri=url.format(number=number), classes=[CLASS])


class IssueRole(ReferenceRole):
    """``:issue:`123```, ``:pr:`45```, ``:issue:`the crash <123>```: ``#123`` (or the title),
    linked when ``releases_issue_url`` is set. Targets that are not numbers stay text."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        url = get_config(self.config).issue_url
        number = _NUMBER.fullmatch(self.target.strip())
        if number is not None and not self.has_explicit_title:
            text = f"#{number.group(1)}"
        else:
            text = self.title
        if url and number is not None:
            node: nodes.Node = issue_link(number.group(1), text, url)
        else:
            node = nodes.inline(text, text, classes=[CLASS])
        self.set_source_info(node)
        return [node], []


def register_roles(app: Sphinx) -> None:
    """``builder-inited``, late: define each of :data:`ROLE_NAMES` that no extension did."""
    for name in ROLE_NAMES:
        if not is_role_registered(name):
            app.add_role(name, IssueRole())


def link_issues(root: nodes.Element, url: str) -> None:
    """Turn ``#123`` and ``GH-123`` in the text under ``root`` into links (in place); code,
    titles and existing links are left alone."""
    if not url:
        return
    for text in list(root.findall(nodes.Text)):
        if text.parent is None or ("#" not in text and "-" not in text) or _skipped(text):
            continue
        source = str(text)
        pieces: list[nodes.Node] = []
        position = 0
        for match in _TEXT_REFERENCE.finditer(source):
            if match.start() > position:
                pieces.append(nodes.Text(source[position : match.start()]))
            pieces.append(issue_link(match["hash"] or match["gh"], match.group(), url))
            position = match.end()
        if pieces:
            if position < len(source):
                pieces.append(nodes.Text(source[position:]))
            text.parent.replace(text, pieces)
