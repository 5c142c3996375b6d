"""The data model: announcements, the releases they announce, and their features.

Everything here is plain Python: frozen dataclasses that pickle, compare and hash, so that the
reader, the command line and the Sphinx domain all share one shape of data.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypeAlias

from packaging.version import InvalidVersion, Version


class Phase(enum.StrEnum):
    """Where a release stands in its series' cycle."""

    DEV = "dev"
    ALPHA = "alpha"
    BETA = "beta"
    RC = "rc"
    FINAL = "final"
    POST = "post"

    @property
    def is_prerelease(self) -> bool:
        return self in {Phase.DEV, Phase.ALPHA, Phase.BETA, Phase.RC}

    @classmethod
    def parse(cls, value: str) -> Phase | None:
        """Read a phase as people write it (``RC``, ``release candidate``, ``b``...)."""
        return _PHASE_ALIASES.get(" ".join(value.lower().replace("-", " ").split()))


_PHASE_ALIASES: dict[str, Phase] = {
    **{p.value: p for p in Phase},
    "a": Phase.ALPHA,
    "b": Phase.BETA,
    "c": Phase.RC,
    "pre": Phase.RC,
    "preview": Phase.RC,
    "candidate": Phase.RC,
    "release candidate": Phase.RC,
    "stable": Phase.FINAL,
    "release": Phase.FINAL,
    "development": Phase.DEV,
    "post release": Phase.POST,
}


def product_key(name: str | None) -> str:
    """How product names compare: case and spacing do not count (``""`` for no product)."""
    return " ".join(name.split()).casefold() if name else ""


@dataclass(frozen=True, eq=False)
class Release:
    """One release: a product and a PEP 440 version, and what it tells about its phase.

    Two releases are the same when their products (compared case-insensitively) and their
    normalised versions are: ``Acme 4.2`` and ``acme 4.2.0`` are one release, ``Acme 1.2.0``
    and ``Acmeup 1.2.0`` two. How the note writes the version does not count.
    """

    version: str
    """The normalised PEP 440 string, padded to three parts, e.g. ``3.12.0a4``, ``4.2.0``: the
    identity of the release and what it is compared by."""
    product: str | None = None
    """The product, as the note writes it (``Acme``, ``acme-regex``); ``None`` when unknown."""
    written: str = ""
    """The version as the note writes it (``4.2``, ``1.2rc1``, ``1.0.0-beta.2``), for display;
    ``""`` when unknown (:attr:`display` then shows :attr:`version`)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Release):
            return NotImplemented
        return self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the release: ``(product key, version)``."""
        return product_key(self.product), self.version

    @property
    def display(self) -> str:
        """The version to show: as written, else normalised."""
        return self.written or self.version

    @property
    def name(self) -> str:
        """The product and the version to show: ``Acme 4.2`` (the version alone without a
        product)."""
        return f"{self.product} {self.display}" if self.product else self.display

    @property
    def reference(self) -> str:
        """A target for the ``release`` role that names this release whatever else the
        collection holds: ``Acme 4.2.0``."""
        return f"{self.product} {self.version}" if self.product else self.version

    @cached_property
    def parsed(self) -> Version:
        return Version(self.version)

    @property
    def phase(self) -> Phase:
        v = self.parsed
        if v.pre is not None:
            return {"a": Phase.ALPHA, "b": Phase.BETA, "rc": Phase.RC}[v.pre[0]]
        if v.dev is not None:
            return Phase.DEV
        if v.post is not None:
            return Phase.POST
        return Phase.FINAL

    @property
    def number(self) -> int | None:
        """The pre-release (or dev/post) number: 4 for ``3.12.0a4``, ``None`` for a final."""
        v = self.parsed
        if v.pre is not None:
            return v.pre[1]
        if v.dev is not None:
            return v.dev
        return v.post

    @property
    def series(self) -> str:
        """``major.minor``, e.g. ``3.12``."""
        return f"{self.parsed.major}.{self.parsed.minor}"

    @property
    def label(self) -> str:
        """The badge text: ``alpha 4``, ``rc 2``, ``final``."""
        if self.phase is Phase.FINAL:
            return "final"
        return f"{self.phase.value} {self.number}"

    @property
    def sort_key(self) -> Version:
        return self.parsed

    def with_product(self, product: str | None) -> Release:
        """The same version of another product (spaces in the name tidied)."""
        name = " ".join(product.split()) if product else None
        return Release(self.version, name or None, self.written)

    @classmethod
    def from_string(cls, text: str) -> Release | None:
        """A release from a version string, normalised; ``None`` if it is not PEP 440."""
        try:
            return cls(str(Version(text.strip())))
        except InvalidVersion:
            return None

    def to_json(self) -> dict[str, str]:
        return {"version": self.version, "phase": self.phase.value, "series": self.series}

    def __getstate__(self) -> dict[str, Any]:
        return {"version": self.version, "product": self.product, "written": self.written}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "version", state["version"])
        object.__setattr__(self, "product", state.get("product"))
        object.__setattr__(self, "written", state.get("written", ""))


# -- plans ----------------------------------------------------------------------------------------

RELEASE = "release"
"""The :attr:`Plan.kind` of a scheduled release."""

BOUNDARY_KINDS = (
    "alpha",
    "beta",
    "rc",
    "feature-freeze",
    "code-freeze",
    "bugfix",
    "security",
    "end-of-life",
)
"""The :attr:`Plan.kind` of phase boundaries: the day a phase of a series starts (``beta``:
the beta phase begins), a freeze, or the series' end of life."""

BOUNDARY_LABELS: Mapping[str, str] = {
    "alpha": "alpha phase begins",
    "beta": "beta phase begins",
    "rc": "release candidate phase begins",
    "feature-freeze": "feature freeze",
    "code-freeze": "code freeze",
    "bugfix": "bugfix phase begins",
    "security": "security-fix phase begins",
    "end-of-life": "end of life",
}
"""How each boundary reads after its product and series (``Python 3.12 feature freeze``)."""

PlanKey: TypeAlias = tuple[str, str] | tuple[str, str, str]
"""``(product key, version)`` for releases (a :attr:`Release.key`), ``(product key, series,
kind)`` for boundaries."""


@dataclass(frozen=True)
class Plan:
    """One statement of a note that a release, or a phase boundary, is planned for a day (see
    :mod:`sphinxcontrib_releases.schedule`, which reads them)."""

    version: str
    """The version as written (``3.12.0a2``, ``2.4``), or the words it was resolved from
    (``The second candidate``); ``""`` for a phase boundary."""
    release: Release | None
    """The release planned, normalised, of the plan's :attr:`product`; ``None`` for a phase
    boundary."""
    date: dt.date
    line: int
    """The 1-based line of the file where the sentence (or front matter key) stands."""
    kind: str = RELEASE
    """:data:`RELEASE` or one of :data:`BOUNDARY_KINDS`."""
    series: str | None = None
    """``major.minor``: the series of the release, or the one whose phase starts."""
    product: str | None = None
    inferred: bool = False
    """True when :attr:`release` was resolved from words and the note's own release."""
    source: str = "body"
    """Where the statement comes from: ``body`` or ``front matter``."""
    sentence: str = ""
    """The sentence, as plain text and cut short, that states the plan (``""`` for front
    matter), for ``inspect`` and for messages."""

    def __post_init__(self) -> None:
        # the release planned is the plan's product's: its key is then the plan's
        release = self.release
        if release is not None and release.product != self.product:
            object.__setattr__(
                self, "release", Release(release.version, self.product, release.written)
            )

    @property
    def key(self) -> PlanKey:
        """What plans are grouped by: the same release (the :attr:`Release.key` of the release
        that happens), or the same boundary of the same series, whatever note states it."""
        if self.release is not None:
            return self.release.key
        return product_key(self.product), self.series or "", self.kind

    @property
    def subject(self) -> str:
        """What is planned, for people: ``Acme 2.4.0``, ``Python 3.12 beta phase begins``."""
        if self.release is not None:
            what = self.release.version
        else:
            what = f"{self.series or ''} {BOUNDARY_LABELS.get(self.kind, self.kind)}".strip()
        return f"{self.product} {what}" if self.product else what

    def with_product(self, product: str | None) -> Plan:
        """The same plan for another product (spaces in the name tidied)."""
        return replace(self, product=" ".join(product.split()) if product else None)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "version": self.release.version if self.release is not None else None,
            "written": self.version or None,
            "series": self.series,
            "product": self.product,
            "date": self.date.isoformat(),
            "line": self.line,
            "inferred": self.inferred,
            "source": self.source,
            "sentence": self.sentence or None,
        }


@dataclass(frozen=True)
class Feature:
    """One feature of a feature section: a list item, or a sub-heading written up in prose."""

    text: str
    """Plain text, for matching and searching."""
    markdown: str
    """The item (or the sub-heading's text) as written in the note, Markdown or reST, for
    rendering."""
    section: str | None = None
    """The sub-heading it stands under (``Type annotations``), if any."""
    peps: tuple[int, ...] = ()
    line: int = 0
    """1-based line of the item (or sub-heading) in the note file."""
    description: str | None = None
    """For a sub-heading: its first paragraph, as plain text."""
    kind: str = "feature"
    """What the item is: one of :data:`sphinxcontrib_releases.changelog.KINDS` (``feature``,
    ``fix``, ``deprecation``...). A note's feature items are all ``feature``; a changelog's
    items take the kind of the subsection they stand under."""
    refs: tuple[str, ...] = ()
    """Issue and pull request references as written (``#123``, ``GH-123``, ``:issue:`123```)."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "markdown": self.markdown,
            "section": self.section,
            "peps": list(self.peps),
            "kind": self.kind,
            "refs": list(self.refs),
        }
        if self.description is not None:
            data["description"] = self.description
        return data


@dataclass(frozen=True)
class Problem:
    """Something wrong with a note: becomes a Sphinx warning or a CLI message."""

    subtype: str
    """A :class:`~sphinxcontrib_releases.warnings_.WarningType` value."""
    message: str
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"type": self.subtype, "message": self.message, "line": self.line}


@dataclass(frozen=True)
class Announcement:
    """One note file: an announcement of zero, one or several releases."""

    source: str
    """The path of the note file, as given to the reader."""
    syntax: str
    """``markdown`` or ``rst``."""
    title: str = ""
    date: dt.date | None = None
    updated: dt.date | None = None
    author: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    published: bool = True
    releases: tuple[Release, ...] = ()
    features: tuple[Feature, ...] = ()
    peps: tuple[int, ...] = ()
    plans: tuple[Plan, ...] = ()
    """What the note says is planned: releases and phase boundaries with their dates, from its
    ``schedule`` front matter and its prose (see :mod:`sphinxcontrib_releases.schedule`)."""
    extra: tuple[tuple[str, Any], ...] = ()
    """Front matter keys the reader does not interpret, in file order."""
    body: str = ""
    """The text after the front matter."""
    body_line: int = 1
    """The 1-based line of the file where :attr:`body` starts."""
    readable: bool = True
    """False when the file could not be read at all (binary, not UTF-8, too large)."""
    problems: tuple[Problem, ...] = field(default=(), compare=False)
    origins: tuple[tuple[str, str], ...] = ()
    """Where each fact came from: ``(("title", "heading"), ("date", "path"), ...)``, one pair for
    each fact found (see :mod:`sphinxcontrib_releases.sources`)."""
    section: str | None = None
    """For one section of a changelog file (a file of many announcements): the section's
    anchor, unique in the file (``release-1-2-0``, ``unreleased``); ``None`` for a note file."""
    line: int = 1
    """The 1-based line of the file where the announcement starts: a section's heading."""
    unreleased: bool = False
    """The unreleased changes of a changelog: a section that announces no release."""
    yanked: bool = False
    """A changelog section marked ``[YANKED]``: released, then withdrawn."""
    compare_url: str | None = None
    """A changelog section's link to the differences from the release before."""

    @property
    def key(self) -> str:
        """Unique in a collection: the path, and ``#`` and the section's anchor for a
        section of a changelog."""
        return self.source if self.section is None else f"{self.source}#{self.section}"

    @property
    def is_section(self) -> bool:
        """Whether this is one section of a changelog file rather than a note file."""
        return self.section is not None

    @property
    def heading(self) -> str:
        """What a heading shows: the title, else the versions announced, else the file name."""
        if self.title:
            return self.title
        if self.releases:
            return ", ".join(r.display for r in self.releases)
        return self.source.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def announces(self) -> bool:
        return bool(self.releases)

    @property
    def products(self) -> tuple[str, ...]:
        """The products of the note's releases, once each (compared case-insensitively)."""
        names: dict[str, str] = {}
        for release in self.releases:
            if release.product:
                names.setdefault(product_key(release.product), release.product)
        return tuple(names.values())

    def with_default_product(self, product: str) -> Announcement:
        """The note with ``product`` given to every release and plan that names none."""
        if not product or (
            all(r.product for r in self.releases) and all(p.product for p in self.plans)
        ):
            return self
        releases: dict[tuple[str, str], Release] = {}
        for release in self.releases:
            named = release if release.product else release.with_product(product)
            releases.setdefault(named.key, named)
        plans: dict[tuple[PlanKey, dt.date], Plan] = {}
        for plan in self.plans:
            named_plan = plan if plan.product else plan.with_product(product)
            plans.setdefault((named_plan.key, named_plan.date), named_plan)
        return replace(self, releases=tuple(releases.values()), plans=tuple(plans.values()))

    @property
    def newest(self) -> Release | None:
        return max(self.releases, key=lambda r: r.sort_key, default=None)

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape (see docs/json.md); keep it stable."""
        return {
            "source": self.source,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "author": self.author,
            "description": self.description,
            "tags": list(self.tags),
            "published": self.published,
            "releases": [r.to_json() for r in self.releases],
            "features": [f.to_json() for f in self.features],
            "peps": list(self.peps),
            "plans": [p.to_json() for p in self.plans],
            "warnings": [p.to_json() for p in self.problems],
            "origins": dict(self.origins),
            "section": self.section,
            "line": self.line,
            "unreleased": self.unreleased,
            "yanked": self.yanked,
            "compare_url": self.compare_url,
        }
