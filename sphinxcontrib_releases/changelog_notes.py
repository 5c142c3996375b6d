"""A changelog file as announcements: one per section.

Pure Python, like the reader. A changelog (see :mod:`sphinxcontrib_releases.changelog`) holds
many releases in one file; the rest of the extension works on
:class:`~sphinxcontrib_releases.model.Announcement` objects, one release each for most of them.
So each section of a changelog becomes an announcement of its own, and every aggregate
directive, ``releases.json``, the feeds and the checks take changelogs as they take notes:

* ``source`` and ``syntax`` are the file's; ``section`` is the section's anchor and ``line``
  its heading's line, so that ``key`` (``path#anchor``) tells the sections apart;
* ``releases`` holds the section's release; the unreleased section announces none and has
  ``unreleased`` set, so it is never counted as a release;
* ``features`` are the section's items, each with the ``kind`` of its subsection and its
  issue references;
* ``date``, ``yanked`` and ``compare_url`` are the section's; ``author``, ``tags``,
  ``published`` and the other front matter keys are the file's;
* ``body`` is the section's text after its heading (``body_line`` its first line), followed by
  the link definitions of the file that the section uses, so that it renders alone.

The problems the changelog reader finds go to the section whose lines they concern; those of
the front matter, and any before the first section, go to the first section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sphinxcontrib_releases.changelog import Changelog, Item, Section
from sphinxcontrib_releases.model import Announcement, Feature, Problem
from sphinxcontrib_releases.peps import find_peps

UNRELEASED_TITLE = "Unreleased"
"""The title of an unreleased section that names no version."""


def section_title(section: Section) -> str:
    """A section's title: its product and version as written (``Acme 1.2.0``, ``1.2.0rc1``),
    ``Unreleased`` for the unreleased changes; the date is not part of it."""
    if section.version is None:
        return UNRELEASED_TITLE
    name = f"{section.product} {section.version}" if section.product else section.version
    return f"{name} (unreleased)" if section.unreleased else name


def feature_of(item: Item) -> Feature:
    return Feature(
        text=item.text,
        markdown=item.markup,
        section=item.group or None,
        peps=find_peps(item.markup),
        line=item.line,
        kind=item.kind,
        refs=item.refs,
    )


def sections_as_notes(changelog: Changelog, file: Announcement) -> tuple[Announcement, ...]:
    """One announcement per section of ``changelog``, read from the file that ``file`` is the
    note reading of (its front matter and body); empty when the changelog has no section."""
    if not changelog.sections:
        return ()
    lines = file.body.split("\n")
    problems = _problems_by_section(changelog, file.problems)
    notes = []
    for index, section in enumerate(changelog.sections):
        start = max(section.body_line - file.body_line, 0)
        end = max(section.end_line - file.body_line + 1, start)
        body = "\n".join(lines[start:end])
        title = section_title(section)
        released = section.is_release and section.release is not None
        notes.append(
            replace(
                file,
                title=title,
                date=section.date,
                updated=None,
                description=None,
                releases=(section.release,) if released and section.release else (),
                features=tuple(feature_of(item) for item in section.items),
                peps=tuple(sorted(set(find_peps(section.title)) | set(find_peps(body)))),
                body=_with_links(body, changelog, file.syntax),
                body_line=section.body_line,
                problems=problems[index],
                section=section.anchor,
                line=section.line,
                unreleased=not section.is_release,
                yanked=section.yanked,
                compare_url=section.compare_url,
            )
        )
    return tuple(notes)


def _problems_by_section(
    changelog: Changelog, file_problems: Sequence[Problem]
) -> list[tuple[Problem, ...]]:
    """The file's and the changelog's problems, each given to the section it concerns."""
    sections = changelog.sections
    found: list[list[Problem]] = [[] for _ in sections]
    found[0].extend(file_problems)
    for problem in changelog.problems:
        line = problem.line or 1
        owner = next(
            (i for i, s in enumerate(sections) if s.line <= line <= max(s.end_line, s.line)), 0
        )
        found[owner].append(problem)
    return [tuple(each) for each in found]


def _with_links(body: str, changelog: Changelog, syntax: str) -> str:
    """The body, followed by the file's link definitions that it uses (Keep a Changelog puts
    them all at the end of the file, far from the sections)."""
    if not changelog.links or not body:
        return body
    folded = body.casefold()
    if syntax == "rst":
        used = [
            f".. _`{label}`: {url}"
            for label, url in changelog.links.items()
            if f"{label}_" in folded or f"`{label}`_" in folded
        ]
    else:
        used = [
            f"[{label}]: {url}"
            for label, url in changelog.links.items()
            if _used_in_markdown(label, folded)
        ]
    if not used:
        return body
    return body.rstrip("\n") + "\n\n" + "\n".join(used) + "\n"


def _used_in_markdown(label: str, folded: str) -> bool:
    """Whether ``[label]`` appears, as a reference (``[text][label]``, ``[label][]``, or
    ``[label]`` alone), in the case-folded text."""
    pattern = r"\[" + r"\s+".join(re.escape(part) for part in label.split()) + r"\]"
    return re.search(pattern, folded) is not None
