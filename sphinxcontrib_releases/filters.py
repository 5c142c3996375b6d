"""The filters shared by every aggregate directive, and selecting releases with them.

Pure Python: directive options arrive as strings and leave as a :class:`Filters`, with a list of
messages for whatever could not be understood (the directive turns those into warnings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from sphinxcontrib_releases.model import Announcement, Phase, Release, product_key

#: The option names, for directives' ``option_spec``; every value is a string.
FILTER_OPTIONS = (
    "product",
    "series",
    "versions",
    "phase",
    "since",
    "until",
    "tags",
    "pep",
    "limit",
    "reverse",
)


@dataclass(frozen=True)
class Filters:
    """What an aggregate directive selects. Empty fields select everything."""

    products: frozenset[str] = frozenset()
    """Product keys (:func:`~sphinxcontrib_releases.model.product_key`)."""
    series: frozenset[str] = frozenset()
    versions: SpecifierSet | None = None
    phases: frozenset[Phase] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    tags: frozenset[str] = frozenset()
    peps: frozenset[int] = frozenset()
    limit: int | None = None
    reverse: bool = False

    @property
    def narrows(self) -> bool:
        """Whether some filter can leave a release out (``limit`` and ``reverse`` only cut and
        order what the others select)."""
        return bool(
            self.series
            or self.versions is not None
            or self.phases
            or self.since
            or self.until
            or self.tags
            or self.peps
        )

    def accepts(self, release: Release, note: Announcement) -> bool:
        """Whether a release, announced by ``note``, passes every filter."""
        if self.products and release.key[0] not in self.products:
            return False
        if self.series and release.series not in self.series:
            return False
        if self.versions is not None and not self.versions.contains(
            release.parsed, prereleases=True
        ):
            return False
        if self.phases and release.phase not in self.phases:
            return False
        return self.accepts_note(note)

    def accepts_note(self, note: Announcement) -> bool:
        """Whether a note passes the filters that concern notes (dates, tags, PEPs)."""
        if self.since and (note.date is None or note.date < self.since):
            return False
        if self.until and (note.date is None or note.date > self.until):
            return False
        if self.tags and not self.tags & set(note.tags):
            return False
        return not (self.peps and not self.peps & set(note.peps))

    def select(
        self, pairs: Iterable[tuple[Release, Announcement]]
    ) -> list[tuple[Release, Announcement]]:
        """The accepted pairs, newest first (oldest first with ``reverse``), cut to ``limit``."""
        chosen = sorted(
            (pair for pair in pairs if self.accepts(*pair)),
            key=lambda pair: pair[0].sort_key,
            reverse=not self.reverse,
        )
        return chosen[: self.limit] if self.limit is not None else chosen


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.replace(";", ",").split(",") if item.strip()]


def parse_filters(options: Mapping[str, str | None]) -> tuple[Filters, list[str]]:
    """Read filter options; return the filters and a message per option that made no sense."""
    problems: list[str] = []
    values: dict[str, object] = {}

    if options.get("product"):
        values["products"] = frozenset(product_key(p) for p in _items(options["product"] or ""))
    if options.get("series"):
        series = _items(options["series"] or "")
        for item in series:
            parts = item.split(".")
            if len(parts) != 2 or not all(p.isdigit() for p in parts):
                problems.append(f":series: {item!r} is not major.minor (such as 3.12)")
        values["series"] = frozenset(series)
    if options.get("versions"):
        try:
            values["versions"] = SpecifierSet(options["versions"] or "")
        except InvalidSpecifier:
            problems.append(f":versions: {options['versions']!r} is not a PEP 440 specifier set")
    if options.get("phase"):
        phases = []
        for item in _items(options["phase"] or ""):
            phase = Phase.parse(item)
            if phase is None:
                problems.append(f":phase: {item!r} is not a phase (alpha, beta, rc, final)")
            else:
                phases.append(phase)
        values["phases"] = frozenset(phases)
    for key in ("since", "until"):
        if options.get(key):
            try:
                values[key] = dt.date.fromisoformat((options[key] or "").strip())
            except ValueError:
                problems.append(f":{key}: {options[key]!r} is not a date (YYYY-MM-DD)")
    if options.get("tags"):
        values["tags"] = frozenset(_items(options["tags"] or ""))
    if options.get("pep"):
        numbers = []
        for item in _items(options["pep"] or ""):
            text = item.upper().removeprefix("PEP").strip()
            if text.isdigit():
                numbers.append(int(text))
            else:
                problems.append(f":pep: {item!r} is not a PEP number")
        values["peps"] = frozenset(numbers)
    if options.get("limit") is not None:
        text = (options["limit"] or "").strip()
        if text.isdigit() and int(text) > 0:
            values["limit"] = int(text)
        else:
            problems.append(f":limit: {text!r} is not a positive whole number")
    if "reverse" in options:
        values["reverse"] = True
    return Filters(**values), problems  # type: ignore[arg-type]
