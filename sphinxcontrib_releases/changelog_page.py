"""A changelog file that is a page: each release section gets its badges, byline and target.

Sphinx (or MyST) parses the changelog as any page. :class:`ChangelogPage` then finds the
section of each announcement the reader made of the file (by the line of its heading), gives it
the section's anchor as its first id (``CHANGES.html#release-1-2-0``: the ``release`` role, the
inventory, the index and ``releases.json`` link there), and decorates it as a note page is
decorated: badges (``unreleased`` and ``yanked`` included), the date line with the ``diff``
link, the link to a note that announces the same release, issue links and PEP links.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinxcontrib_releases.config import get_config
from sphinxcontrib_releases.domain import get_domain
from sphinxcontrib_releases.issues import link_issues
from sphinxcontrib_releases.markup import free_id
from sphinxcontrib_releases.model import Announcement
from sphinxcontrib_releases.peplinks import link_peps
from sphinxcontrib_releases.render import decorate


class ChangelogPage(SphinxTransform):
    """Decorate the release sections of a document that is itself a changelog file."""

    default_priority = 500

    def apply(self, **kwargs: object) -> None:
        domain = get_domain(self.env)
        source = domain.pages.get(self.env.docname)
        announcements = domain.sections_of(source) if source else []
        if not announcements:
            return
        document = self.document
        sections = list(document.findall(nodes.section))
        start = 0  # sections come in file order, as the announcements do
        taken: set[int] = set()
        for note in announcements:
            found = _section_of(note, sections, start, taken)
            if found is None:
                continue
            start = found + 1
            taken.add(found)
            section = sections[found]
            anchor = _place_anchor(section, note.section or "", document)
            decorate(section, note, document, domain, self.env.docname, page=True, anchor=anchor)
        settings = get_config(self.config)
        link_issues(document, settings.issue_url)
        if settings.pep_links:
            link_peps(document, document)


def _section_of(
    note: Announcement, sections: Sequence[nodes.section], start: int, taken: Set[int]
) -> int | None:
    """The position of the document's section for a changelog section: the next one whose
    heading stands on the section's heading lines (docutils gives the title's line, or its
    underline's); failing that, the first one not taken whose title holds the version."""
    first, last = note.line - 1, max(note.body_line - 1, note.line)
    for position in range(start, len(sections)):
        section = sections[position]
        line = section.line or (section[0].line if len(section) else None)
        if line is not None and first <= line <= last:
            return position
        if line is not None and line > last:
            break
    for position, section in enumerate(sections):
        title = section[0].astext() if len(section) and position not in taken else ""
        if any(r.display in title or r.version in title for r in note.releases):
            return position
    return None


def _place_anchor(section: nodes.section, wanted: str, document: nodes.document) -> str:
    """Make ``wanted`` (else a free variant of it) the section's first id; return it."""
    if wanted in section["ids"]:
        section["ids"].remove(wanted)
        anchor = wanted
    else:
        anchor = free_id(document, wanted)
    section["ids"].insert(0, anchor)
    document.ids[anchor] = section
    return anchor
