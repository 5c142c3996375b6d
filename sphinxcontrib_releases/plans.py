"""Plans in pages: the releases that notes plan and none announces yet, and the slips of those
that happened.

The domain holds what the notes plan (:meth:`~sphinxcontrib_releases.domain.ReleasesDomain.plans`)
and what became of it on the day of the build
(:meth:`~sphinxcontrib_releases.domain.ReleasesDomain.outcomes`, against
``releases_today``); the release index shows the upcoming releases as rows of their own, with a
``planned`` or ``overdue`` badge and the day planned, and its series table the days planned
next to the days things happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from docutils import nodes
from packaging.version import InvalidVersion, Version

from sphinxcontrib_releases.domain import ReleasesDomain
from sphinxcontrib_releases.filters import Filters
from sphinxcontrib_releases.locale import N_, _, day
from sphinxcontrib_releases.model import Announcement, Phase, Release, product_key
from sphinxcontrib_releases.schedule import Outcome

if TYPE_CHECKING:
    from sphinx.config import Config

# What the pages say about plans (English, translated with ``_`` where they are shown)
# Translators: after the date of a release that came on another day than planned
PLANNED_ON = N_("planned {date}")

#: The phase whose first release starts each kind of boundary a series table shows.
BOUNDARY_OF_PHASE = {Phase.ALPHA: "alpha", Phase.BETA: "beta", Phase.RC: "rc"}

_NO_VERSION = Version("0")


@dataclass(frozen=True)
class Upcoming:
    """A release that a note plans and that no note announces yet."""

    release: Release
    outcome: Outcome
    note: Announcement | None
    """The note whose statement of the plan holds."""

    @property
    def date(self) -> dt.date:
        """The day it is planned for now."""
        return self.outcome.history.date

    @property
    def status(self) -> str:
        """``planned``, or ``overdue`` once its day is past."""
        return self.outcome.status


def upcoming(domain: ReleasesDomain, filters: Filters) -> list[Upcoming]:
    """The upcoming releases the filters choose, newest first (oldest first with ``reverse``).

    The filters on releases (product, series, versions, phase) apply to the release planned,
    ``since`` and ``until`` to the day planned, ``tags`` and ``pep`` to the note that plans it.
    ``limit`` counts the announced releases only.
    """
    found: list[Upcoming] = []
    for outcome in domain.outcomes(domain.today).values():
        plan = outcome.history.plan
        if plan.release is None or not outcome.upcoming:
            continue
        note = domain.stated_in(plan)
        stated = note if note is not None else Announcement(source="", syntax="markdown")
        if filters.accepts(plan.release, replace(stated, date=plan.date)):
            found.append(Upcoming(plan.release, outcome, note))
    found.sort(key=lambda item: item.release.sort_key, reverse=not filters.reverse)
    return found


def upcoming_boundaries(domain: ReleasesDomain, filters: Filters) -> list[Outcome]:
    """The phase boundaries (alpha, beta, rc) still ahead, or overdue, of the series the
    filters choose (by product and series)."""
    found = []
    for outcome in domain.outcomes(domain.today).values():
        plan = outcome.history.plan
        if plan.release is not None or plan.kind not in BOUNDARY_OF_PHASE.values():
            continue
        if outcome.upcoming and accepts_series(filters, product_key(plan.product), plan.series):
            found.append(outcome)
    return found


def accepts_series(filters: Filters, product: str, series: str | None) -> bool:
    """Whether the filters that name products and series let a series through."""
    if filters.products and product not in filters.products:
        return False
    return not (filters.series and series not in filters.series)


def planned_for(domain: ReleasesDomain, release: Release) -> dt.date | None:
    """The day a release that happened was planned for, if some note planned it: its own
    plan, else (for the first release of a phase) the plan of its phase's start."""
    outcomes = domain.outcomes(domain.today)
    own = outcomes.get(release.key)
    if own is not None and own.status == "released":
        return own.history.date
    kind = BOUNDARY_OF_PHASE.get(release.phase)
    boundary = outcomes.get((release.key[0], release.series, kind)) if kind else None
    if boundary is not None and boundary.release == release:
        return boundary.history.date
    return None


def planned_on(date: dt.date, config: Config) -> nodes.inline:
    """``planned 2024-05-07``, after the date of a release that came on another day, in the
    project's language and date format; the day in a ``releases-date`` span, like every date
    of a table."""
    before, _placeholder, after = _(PLANNED_ON).partition("{date}")
    text = day(date, config)
    node = nodes.inline(classes=["releases-planned-on"])
    node += nodes.Text(before)
    node += nodes.inline(text, text, classes=["releases-date", "releases-planned-date"])
    node += nodes.Text(after)
    return node


def series_order(series: Iterable[str], *, reverse: bool = False) -> list[str]:
    """``major.minor`` names, newest first (oldest first with ``reverse``)."""

    def version(name: str) -> Version:
        try:
            return Version(name)
        except InvalidVersion:
            return _NO_VERSION

    return sorted(dict.fromkeys(series), key=version, reverse=not reverse)
