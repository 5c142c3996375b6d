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
* ``releases`` are of the product the heading names (``## acme-cli 1.2.0``), else of the one
  the file's front matter declares, else of none (a Sphinx build then gives them its default
  product, as it does to notes);
* ``date``, ``yanked`` and ``compare_url`` are the section's (a date from the heading or from
  a ``Released`` line under it, never from the file's front matter or path); ``author``,
  ``tags``, ``published`` and the other front matter keys are the file's; ``origins`` says so
  (see :data:`~sphinxcontrib_releases.sources.SECTION_SOURCES`);
* ``body`` is the section's text after its heading (``body_line`` its first line), followed by
  the link definitions of the file that the section uses, so that it renders alone.

The problems the changelog reader finds go to the section whose lines they concern; those of
the front matter, and any before the first section, go to the first section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from sphinxcontrib_releases import sources
from sphinxcontrib_releases.changelog import DATED_BY_HEADING, Changelog, Item, Section
from sphinxcontrib_releases.model import Announcement, Feature, Plan, Problem, Release
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


def release_of(section: Section, product: str | None = None) -> Release | None:
    """The release a section announces, of the product its heading names, else of
    ``product``; ``None`` for the unreleased changes and a version that is not PEP 440."""
    if not section.is_release or section.release is None:
        return None
    named = section.product or product
    return section.release.with_product(named) if named else section.release


def origins_of(section: Section, file: Announcement) -> tuple[tuple[str, str], ...]:
    """Where the section's facts come from: its title and date from the section (see
    :data:`~sphinxcontrib_releases.sources.SECTION_SOURCES`), its author from the file."""
    origins = [("title", sources.SECTION_HEADING)]
    if section.date is not None:
        by_heading = section.dated_by == DATED_BY_HEADING
        origins.append(("date", sources.SECTION_HEADING if by_heading else sources.RELEASED_LINE))
    origins.extend((fact, origin) for fact, origin in file.origins if fact == "author")
    return tuple(origins)


def sections_as_notes(
    changelog: Changelog, file: Announcement, product: str | None = None
) -> tuple[Announcement, ...]:
    """One announcement per section of ``changelog``, read from the file that ``file`` is the
    note reading of (its front matter and body); empty when the changelog has no section.
    ``product`` is the one the file's front matter declares, if any."""
    if not changelog.sections:
        return ()
    lines = file.body.split("\n")
    problems = _problems_by_section(changelog, file.problems)
    plans = _plans_by_section(changelog, file.plans)
    notes = []
    for index, section in enumerate(changelog.sections):
        start = max(section.body_line - file.body_line, 0)
        end = max(section.end_line - file.body_line + 1, start)
        body = "\n".join(lines[start:end])
        title = section_title(section)
        release = release_of(section, product)
        notes.append(
            replace(
                file,
                title=title,
                date=section.date,
                updated=None,
                description=None,
                releases=(release,) if release is not None else (),
                features=tuple(feature_of(item) for item in section.items),
                peps=tuple(sorted(set(find_peps(section.title)) | set(find_peps(body)))),
                body=_with_links(body, changelog, file.syntax),
                body_line=section.body_line,
                problems=problems[index],
                plans=plans[index],
                section=section.anchor,
                line=section.line,
                unreleased=not section.is_release,
                yanked=section.yanked,
                compare_url=section.compare_url,
                origins=origins_of(section, file),
            )
        )
    return tuple(notes)


def _plans_by_section(changelog: Changelog, plans: Sequence[Plan]) -> list[tuple[Plan, ...]]:
    """The file's plans, each given to the section whose lines state it (those of the front
    matter, and of the lines before the first section, to the first)."""
    sections = changelog.sections
    found: list[list[Plan]] = [[] for _ in sections]
    for plan in plans:
        owner = next(
            (
                index
                for index, section in reversed(list(enumerate(sections)))
                if plan.source == "body" and section.line <= plan.line
            ),
            0,
        )
        found[owner].append(plan)
    return [tuple(found_plans) for found_plans in found]


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
        bracketed = _bracketed(folded)
        used = [f"[{label}]: {url}" for label, url in changelog.links.items() if label in bracketed]
    if not used:
        return body
    return body.rstrip("\n") + "\n\n" + "\n".join(used) + "\n"


_BRACKETED = re.compile(r"\[([^\[\]]{1,999})\]")


def _bracketed(folded: str) -> set[str]:
    """Every text in brackets of the case-folded text, whitespace collapsed: the labels that
    ``[text][label]``, ``[label][]`` or ``[label]`` alone may use. One pass over the text,
    whatever the number of link definitions (a long changelog has one per release)."""
    return {" ".join(match.split()) for match in _BRACKETED.findall(folded)}
