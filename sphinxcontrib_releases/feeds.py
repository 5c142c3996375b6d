"""Atom 1.0 and RSS 2.0 feeds of announcements.

Everything here is plain Python: which announcements a feed holds and in what order, the text
of each entry, and the XML. The Sphinx side (:mod:`sphinxcontrib_releases.outputs`) only says
where each announcement is rendered. The XML is built with :mod:`xml.etree.ElementTree`, so
every value is escaped by construction; characters that XML 1.0 cannot hold at all are dropped.

A feed holds the dated announcements that are rendered somewhere, newest first (by date, then
by newest version, then by path); undated announcements are left out, since a feed entry needs
a date and none is made up (the build warns about each, ``releases.no_date``). Extra feeds
(``releases_feeds``) select the announcements of which at least one release matches every given
filter (``product``, ``series``, ``phase``). Each entry has a category per phase, series and
product of its releases.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree as ET

from packaging.version import Version

from sphinxcontrib_releases import __version__
from sphinxcontrib_releases.features import plain_text
from sphinxcontrib_releases.filters import Filters
from sphinxcontrib_releases.model import Announcement, Phase, Plan, Release, product_key

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
GENERATOR = "sphinxcontrib-releases"
GENERATOR_URI = "https://pypi.org/project/sphinxcontrib-releases/"

MAIN_FEED = "releases"
"""The name (file name without suffix) of the feed of every announcement."""

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_SERIES = re.compile(r"[0-9]+\.[0-9]+")
_FEED_KEYS = frozenset({"name", "title", "product", "series", "phase"})
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NO_VERSION = Version("0")


# -- what a feed holds --------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its file name, its title and the filters that select its announcements."""

    name: str
    """Written as ``<name>.atom`` and ``<name>.rss`` in the output root."""
    title: str | None = None
    """``None``: the project's name and ``releases`` (and the feed's name, for extra feeds)."""
    series: tuple[str, ...] = ()
    """``major.minor`` series; empty: any."""
    phases: tuple[Phase, ...] = ()
    """Phases; empty: any."""
    products: tuple[str, ...] = ()
    """Products, compared case-insensitively; empty: any."""

    def selects(self, note: Announcement) -> bool:
        """Whether the feed holds the note: some release passes the feed's filters (a feed
        without filters holds every note, those that announce nothing too)."""
        if not self.series and not self.phases and not self.products:
            return True
        filters = Filters(
            products=frozenset(product_key(p) for p in self.products),
            series=frozenset(self.series),
            phases=frozenset(self.phases),
        )
        return any(filters.accepts(release, note) for release in note.releases)

    def selects_release(self, release: Release) -> bool:
        """Whether a release passes the filters (for the entries of a calendar)."""
        if self.products and release.key[0] not in {product_key(p) for p in self.products}:
            return False
        if self.series and release.series not in self.series:
            return False
        return not (self.phases and release.phase not in self.phases)

    def selects_plan(self, plan: Plan) -> bool:
        """Whether a plan passes the filters: a release by the release, a phase boundary by
        its product, its series and the phase it starts (a freeze or an end of life only when
        the spec names no phase)."""
        if plan.release is not None:
            return self.selects_release(plan.release)
        if self.products and product_key(plan.product) not in {
            product_key(p) for p in self.products
        }:
            return False
        if self.series and plan.series not in self.series:
            return False
        if not self.phases:
            return True
        phase = Phase.parse(plan.kind) if plan.kind != "bugfix" else Phase.FINAL
        return phase in self.phases


def feed_specs(value: Any) -> tuple[FeedSpec, ...]:
    """Validate ``releases_feeds``: a list of mappings with ``name`` and optional ``title``,
    ``product`` (list of product names), ``series`` (list of ``major.minor``) and ``phase``
    (list of phase names).

    Raises :class:`ValueError` on the first mistake.
    """
    if isinstance(value, Mapping) or not isinstance(value, Sequence) or isinstance(value, str):
        raise ValueError("expected a list of mappings")
    specs: list[FeedSpec] = []
    for item in value:
        spec = _feed_spec(item)
        if spec.name in {MAIN_FEED, *(s.name for s in specs)}:
            raise ValueError(f"feed name {spec.name!r} is used twice")
        specs.append(spec)
    return tuple(specs)


def _feed_spec(item: Any) -> FeedSpec:
    if not isinstance(item, Mapping):
        raise ValueError(f"each feed should be a mapping, not {item!r}")
    unknown = sorted(str(k) for k in item if k not in _FEED_KEYS)
    if unknown:
        raise ValueError(
            f"unknown feed keys {', '.join(unknown)} (known: name, title, product, series, phase)"
        )
    name = item.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"feed name {name!r} should be letters, digits, '.', '_' or '-'")
    title = item.get("title")
    if title is not None and not isinstance(title, str):
        raise ValueError(f"feed {name!r}: title should be text")
    series = _texts(item.get("series", ()), f"feed {name!r}: series")
    for one in series:
        if not _SERIES.fullmatch(one):
            raise ValueError(f"feed {name!r}: series {one!r} is not major.minor")
    phases: list[Phase] = []
    for one in _texts(item.get("phase", ()), f"feed {name!r}: phase"):
        phase = Phase.parse(one)
        if phase is None:
            raise ValueError(f"feed {name!r}: unknown phase {one!r}")
        phases.append(phase)
    products = tuple(p for p in _texts(item.get("product", ()), f"feed {name!r}: product") if p)
    return FeedSpec(name, title or None, series, tuple(dict.fromkeys(phases)), products)


def _texts(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value)
    raise ValueError(f"{what} should be a list of strings")


def newest_first(notes: Iterable[Announcement]) -> list[Announcement]:
    """The dated notes, newest first: by date, then newest version, then path."""
    ordered = sorted((n for n in notes if n.date is not None), key=lambda n: n.source)
    ordered.sort(key=lambda n: n.newest.sort_key if n.newest else _NO_VERSION, reverse=True)
    ordered.sort(key=lambda n: n.date or dt.date.min, reverse=True)
    return ordered


# -- the text of an entry -----------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One announcement in a feed, with the absolute address of where it is rendered."""

    note: Announcement
    link: str
    id: str
    """A permanent identifier (a ``tag:`` URI made from the note's path and date)."""
    published: dt.date

    @property
    def title(self) -> str:
        return self.note.heading

    @property
    def updated(self) -> dt.date:
        return max(self.published, self.note.updated or self.published)

    @property
    def summary(self) -> str:
        return (
            self.note.description
            or first_paragraph(self.note.body, self.note.syntax)
            or items_summary(self.note)
        )

    @property
    def categories(self) -> list[tuple[str, str]]:
        """``(kind, term)`` pairs: each phase, then each series, then each product, once."""
        phases = dict.fromkeys(r.phase.value for r in self.note.releases)
        series = dict.fromkeys(r.series for r in self.note.releases)
        products = [("product", p) for p in self.note.products]
        return [("phase", p) for p in phases] + [("series", s) for s in series] + products


_SUMMARY_LENGTH = 300


def items_summary(note: Announcement) -> str:
    """A changelog section's items as one line of plain text, cut near 300 characters."""
    text = " · ".join(feature.text for feature in note.features)
    if len(text) <= _SUMMARY_LENGTH:
        return text
    return text[:_SUMMARY_LENGTH].rsplit(" ", 1)[0] + " …"


def tag_uri(base_url: str, path: str, date: dt.date) -> str:
    """An RFC 4151 ``tag:`` URI: stable while the note keeps its path, wherever it is rendered."""
    authority, _, rest = base_url.partition("://")[2].partition("/")
    host = authority.rsplit("@", 1)[-1].split(":", 1)[0] or "localhost"
    prefix = rest.strip("/")
    specific = f"{prefix}/{path}" if prefix else path
    return f"tag:{host},{date.isoformat()}:{specific}"


_RST_TITLE_LINE = re.compile(r"([!-/:-@\[-`{-~])\1{2,}\s*")
_SKIPPED_BLOCK = ("#", "..", "<", "!", "|", ">", "```", "~~~", ":", "- ", "* ", "+ ", "-\t")


def first_paragraph(body: str, syntax: str = "markdown") -> str:
    """The first paragraph of a note's body, as plain text (``""`` when there is none).

    Headings, directives, lists, quotes, tables and HTML blocks are passed over; inline markup
    (emphasis, code, links, roles) is reduced to its text.
    """
    block: list[str] = []
    for line in [*body.split("\n"), ""]:
        stripped = line.strip()
        if stripped:
            block.append(stripped)
            continue
        text = _paragraph(block, syntax)
        block = []
        if text:
            return text
    return ""


def _paragraph(lines: list[str], syntax: str) -> str:
    if not lines:
        return ""
    if syntax == "rst":  # a section title: underlined, perhaps overlined too
        lines = [
            line
            for i, line in enumerate(lines)
            if not _RST_TITLE_LINE.fullmatch(line)
            and not (i + 1 < len(lines) and _RST_TITLE_LINE.fullmatch(lines[i + 1]))
        ]
    else:
        lines = [line for line in lines if not line.startswith("#")]
    if not lines or lines[0].startswith(_SKIPPED_BLOCK) or _is_numbered(lines[0]):
        return ""
    return plain_text(" ".join(lines), syntax)


def _is_numbered(line: str) -> bool:
    number, dot, rest = line.partition(". ")
    return bool(dot) and number.isdigit() and bool(rest)


# -- the XML ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    """What both formats say about the feed as a whole."""

    title: str
    url: str
    """The absolute address of this file (Atom) or of its RSS twin."""
    site: str
    """The absolute address of the site's root page."""
    author: str
    """Named for entries without an author of their own."""
    updated: dt.date
    """The newest entry date; the newest note date when the feed is empty."""


def atom(feed: Feed, entries: Sequence[Entry]) -> bytes:
    """An Atom 1.0 document (RFC 4287)."""
    root = ET.Element("feed", {"xmlns": ATOM_NS})
    _text(root, "title", feed.title)
    _text(root, "id", feed.url)
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": feed.url})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": feed.site})
    _text(root, "updated", _atom_date(feed.updated))
    _text(_sub(root, "author"), "name", feed.author)
    _text(root, "generator", GENERATOR, uri=GENERATOR_URI, version=__version__)
    for entry in entries:
        item = _sub(root, "entry")
        _text(item, "title", entry.title, type="text")
        _text(item, "id", entry.id)
        ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": entry.link})
        _text(item, "published", _atom_date(entry.published))
        _text(item, "updated", _atom_date(entry.updated))
        if entry.note.author:
            _text(_sub(item, "author"), "name", entry.note.author)
        if entry.summary:
            _text(item, "summary", entry.summary, type="text")
        for kind, term in entry.categories:
            ET.SubElement(item, "category", {"term": _clean(term), "label": f"{kind} {term}"})
    return _serialise(root)


def rss(feed: Feed, entries: Sequence[Entry]) -> bytes:
    """An RSS 2.0 document, with ``atom:link`` to itself and ``dc:creator`` for authors."""
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS, "xmlns:dc": DC_NS})
    channel = _sub(root, "channel")
    _text(channel, "title", feed.title)
    _text(channel, "link", feed.site)
    _text(channel, "description", feed.title)
    ET.SubElement(
        channel,
        "atom:link",
        {"rel": "self", "type": "application/rss+xml", "href": feed.url},
    )
    _text(channel, "lastBuildDate", _rss_date(feed.updated))
    _text(channel, "generator", f"{GENERATOR} {__version__}")
    _text(channel, "docs", "https://www.rssboard.org/rss-specification")
    for entry in entries:
        item = _sub(channel, "item")
        _text(item, "title", entry.title)
        _text(item, "link", entry.link)
        _text(item, "guid", entry.id, isPermaLink="false")
        _text(item, "pubDate", _rss_date(entry.published))
        if entry.note.author:
            _text(item, "dc:creator", entry.note.author)
        if entry.summary:
            # RSS readers take a description as HTML: escape it as such, then as XML
            _text(item, "description", html.escape(entry.summary, quote=False))
        for kind, term in entry.categories:
            _text(item, "category", term, domain=kind)
    return _serialise(root)


def _sub(parent: ET.Element, tag: str) -> ET.Element:
    return ET.SubElement(parent, tag)


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})
    element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    """Text without the characters XML 1.0 forbids (escaping is left to ElementTree)."""
    return _NOT_XML.sub("", text)


def _atom_date(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _rss_date(date: dt.date) -> str:
    return format_datetime(dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC))


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"
