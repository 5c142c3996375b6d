"""What the HTML builders write besides pages: ``releases.json``, the Atom and RSS feeds and the
``releases.ics`` calendar.

All are written at ``build-finished``, after a successful build, by the ``html``, ``dirhtml``
and ``singlehtml`` builders only. That event runs once per build, in the main process, after
every page is written, and also when no document was out of date; the domain then holds the
whole collection and the targets of every document, whether they were read in this build, in
an earlier one, or in a parallel process. So the files always describe the full collection and
do not depend on what happened to be re-read.

The pages advertise the feeds and the calendars with ``<link rel="alternate">`` in their head.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from sphinxcontrib_releases import feeds, releases_json
from sphinxcontrib_releases.calendar import Released, calendar_events, write_calendar
from sphinxcontrib_releases.config import get_config
from sphinxcontrib_releases.domain import ReleasesDomain, get_domain
from sphinxcontrib_releases.locale import N_, _
from sphinxcontrib_releases.logs import conf_location, warn
from sphinxcontrib_releases.model import Announcement, PlanKey, Release
from sphinxcontrib_releases.plans import planned_for
from sphinxcontrib_releases.schedule import PlanHistory
from sphinxcontrib_releases.warnings_ import WarningType

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: The builders that write ``releases.json`` and the feeds, and link to the feeds.
HTML_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})

_FORMATS = (
    (".atom", "application/atom+xml", "Atom", feeds.atom),
    (".rss", "application/rss+xml", "RSS", feeds.rss),
)
_EPOCH = dt.date(1970, 1, 1)

# What the outputs say: feed titles (translated with ``_`` where they are written) and warnings
# (English, like every warning)
# Translators: the title of the release feed of a project: "Python releases"
FEED_TITLE = N_("{project} releases")
# Translators: the title of one of a project's release feeds: "Python releases (finals)"
NAMED_FEED_TITLE = N_("{project} releases ({feed})")
NO_BASEURL = (
    "the release feeds need html_baseurl (the address of the published site) for their links; "
    "they are not written"
)
UNDATED = "the note has no date, so the feeds leave it out"
# Translators: the name of the release calendar (an iCalendar file) of a project
CALENDAR_TITLE = N_("{project} release calendar")
# Translators: the name of one of a project's release calendars: "Python release calendar (rc)"
NAMED_CALENDAR_TITLE = N_("{project} release calendar ({calendar})")
CALENDAR_LABEL = "iCalendar"

#: The suffix and media type of the calendars.
CALENDAR_SUFFIX = ".ics"
CALENDAR_MIME = "text/calendar"
_NOT_HOST = re.compile(r"[^a-z0-9]+")


class Places:
    """Addresses of rendered releases and note pages, relative to the output root."""

    def __init__(self, app: Sphinx, domain: ReleasesDomain) -> None:
        self.app = app
        self.domain = domain
        self.page_of = {source: docname for docname, source in domain.pages.items()}
        self._releases: dict[tuple[str, str], str | None] = {}

    def page(self, docname: str) -> str:
        builder = self.app.builder
        uri = builder.get_target_uri(docname)
        if uri.startswith("#") and isinstance(builder, StandaloneHTMLBuilder):
            # singlehtml: every document is a part of the root document's page
            root = Path(builder.get_outfilename(self.app.config.root_doc))
            uri = root.relative_to(self.app.outdir).as_posix()
        return uri

    def release(self, release: Release) -> str | None:
        if release.key not in self._releases:
            target = self.domain.canonical(release)
            self._releases[release.key] = (
                None if target is None else f"{self.page(target.docname)}#{target.anchor}"
            )
        return self._releases[release.key]

    def note(self, note: Announcement) -> str | None:
        """Where a note is rendered: its newest rendered release, else its own page."""
        for release in sorted(note.releases, key=lambda r: r.sort_key, reverse=True):
            url = self.release(release)
            if url is not None:
                return url
        docname = self.page_of.get(note.source)
        return None if docname is None else self.page(docname)


def relative_source(source: str, confdir: str | os.PathLike[str]) -> str:
    """A note's path relative to the configuration directory, with ``/`` separators."""
    return Path(os.path.relpath(source, confdir)).as_posix()


def write_outputs(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``releases.json`` and the feeds."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    domain = get_domain(app.env)
    places = Places(app, domain)
    settings = get_config(app.config)
    if settings.json:
        write_json(app, domain, places)
    write_feeds(app, domain, places)
    if settings.calendar:
        write_calendars(app, domain, places)


def write_json(app: Sphinx, domain: ReleasesDomain, places: Places) -> None:
    urls: dict[tuple[str, str], str] = {}
    planned: dict[tuple[str, str], dt.date] = {}
    for note in domain.notes.values():
        for release in note.releases:
            url = places.release(release)
            if url is not None:
                urls[release.key] = url
            day = planned_for(domain, release)
            if day is not None:
                planned[release.key] = day
    content = releases_json.document(
        (
            (relative_source(note.source, app.confdir), note)
            for note in domain.notes.values()
            if not note.unreleased  # changes of no release yet: not published
        ),
        urls,
        app.config.html_baseurl,
        planned,
    )
    path = Path(app.outdir, releases_json.FILENAME)
    path.write_text(releases_json.dumps(content), encoding="utf-8")


def feed_specs(app: Sphinx) -> tuple[feeds.FeedSpec, ...]:
    """The main feed, then the configured ones."""
    extra: tuple[feeds.FeedSpec, ...] = get_config(app.config).feeds
    return (feeds.FeedSpec(feeds.MAIN_FEED), *extra)


def feed_title(app: Sphinx, spec: feeds.FeedSpec) -> str:
    if spec.title:
        return spec.title
    if spec.name == feeds.MAIN_FEED:
        return _(FEED_TITLE).format(project=app.config.project)
    return _(NAMED_FEED_TITLE).format(project=app.config.project, feed=spec.name)


def write_feeds(app: Sphinx, domain: ReleasesDomain, places: Places) -> None:
    base = app.config.html_baseurl
    if not base:
        # feeds need absolute links; a project that asked for feeds of its own hears why it
        # gets none, one that did not is left in peace (a plain build must stay warning-free)
        if domain.notes and app.config.releases_feeds:
            warn(
                WarningType.FEED,
                NO_BASEURL,
                location=conf_location(app.confdir, "releases_feeds"),
                once=True,
            )
        return
    # a feed entry needs a date, and none is made up: an undated note that is rendered is left
    # out of the feeds, and says so once, at the top of its file (a changelog section: at its
    # heading; the unreleased changes are no entry, and need no date)
    for key in sorted(domain.notes):
        note = domain.notes[key]
        if note.date is None and places.note(note) is not None and _in_feeds(note, domain):
            warn(WarningType.NO_DATE, UNDATED, location=f"{note.source}:{note.line}")
    candidates: list[feeds.Entry] = []
    for note in feeds.newest_first(domain.notes.values()):
        url = places.note(note)
        if url is None or note.date is None or not _in_feeds(note, domain):
            continue
        path = relative_source(note.source, app.confdir)
        if note.section is not None:
            path = f"{path}#{note.section}"
        candidates.append(
            feeds.Entry(
                note,
                releases_json.join_url(base, url),
                feeds.tag_uri(base, path, note.date),
                note.date,
            )
        )
    newest = max((n.date for n in domain.notes.values() if n.date), default=_EPOCH)
    site = releases_json.join_url(base, places.page(app.config.root_doc))
    length = get_config(app.config).feed_length
    for spec in feed_specs(app):
        entries = [e for e in candidates if spec.selects(e.note)][:length]
        updated = max((e.updated for e in entries), default=newest)
        for suffix, _mime, _label, render in _FORMATS:
            name = spec.name + suffix
            feed = feeds.Feed(
                title=feed_title(app, spec),
                url=releases_json.join_url(base, name),
                site=site,
                author=app.config.project,
                updated=updated,
            )
            Path(app.outdir, name).write_bytes(render(feed, entries))


def _in_feeds(note: Announcement, domain: ReleasesDomain) -> bool:
    """Whether a note is an entry of the feeds: the unreleased changes of a changelog are not,
    nor a changelog section of releases that notes announce (the note is their entry)."""
    if note.unreleased:
        return False
    if not note.is_section or not note.releases:
        return True
    return any(domain.note_for(r) is note for r in note.releases)


def calendar_specs(app: Sphinx) -> tuple[feeds.FeedSpec, ...]:
    """The main calendar, then the configured ones."""
    extra: tuple[feeds.FeedSpec, ...] = get_config(app.config).calendars
    return (feeds.FeedSpec(feeds.MAIN_FEED), *extra)


def calendar_title(app: Sphinx, spec: feeds.FeedSpec) -> str:
    if spec.title:
        return spec.title
    if spec.name == feeds.MAIN_FEED:
        return _(CALENDAR_TITLE).format(project=app.config.project)
    return _(NAMED_CALENDAR_TITLE).format(project=app.config.project, calendar=spec.name)


def uid_domain(base_url: str, project: str) -> str:
    """The domain of the calendars' ``UID`` values: the host of ``html_baseurl``, else the
    project's name made into a slug."""
    authority = base_url.partition("://")[2].partition("/")[0]
    host = authority.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return host or _NOT_HOST.sub("-", project.lower()).strip("-") or "releases"


def write_calendars(app: Sphinx, domain: ReleasesDomain, places: Places) -> None:
    """``releases.ics`` (and the configured calendars): the releases that happened and what is
    planned, as of ``releases_today`` (its ``DTSTAMP``). A plan that a later release overtook
    is left out; a phase start that was reached is confirmed."""
    base = app.config.html_baseurl
    host = uid_domain(base, str(app.config.project or ""))
    today = domain.today

    def absolute(url: str | None) -> str | None:
        return releases_json.join_url(base, url) if url and base else None

    released = [
        (release, Released(release, note.date, release.product, absolute(places.release(release))))
        for release, note in domain.releases()
        if note.date is not None
    ]
    outcomes = domain.outcomes(today)
    shown = {key: h for key, h in domain.plans().items() if outcomes[key].status != "passed"}
    reached: dict[PlanKey, dt.date | None] = {
        key: outcomes[key].released_on
        for key, history in shown.items()
        if history.plan.release is None and outcomes[key].status == "released"
    }

    def plan_url(history: PlanHistory) -> str | None:
        note = domain.stated_in(history.plan)
        return absolute(places.note(note)) if note is not None else None

    for spec in calendar_specs(app):
        events = calendar_events(
            {key: h for key, h in shown.items() if spec.selects_plan(h.plan)},
            [item for release, item in released if spec.selects_release(release)],
            domain=host,
            plan_url=plan_url,
            today=today,
            reached=reached,
        )
        path = Path(app.outdir, spec.name + CALENDAR_SUFFIX)
        write_calendar(path, events, name=calendar_title(app, spec), stamp=today)


def advertise_feeds(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: ``<link rel="alternate">`` to each feed (with ``html_baseurl``)
    and each calendar, in every page's head."""
    pathto = context.get("pathto")
    if app.builder.name not in HTML_BUILDERS or pathto is None:
        return
    links = []
    if app.config.html_baseurl:
        for spec in feed_specs(app):
            for suffix, mime, label, _render in _FORMATS:
                links.append(
                    _link(mime, f"{feed_title(app, spec)} ({label})", pathto, spec.name + suffix)
                )
    if get_config(app.config).calendar:
        for spec in calendar_specs(app):
            title = f"{calendar_title(app, spec)} ({CALENDAR_LABEL})"
            links.append(_link(CALENDAR_MIME, title, pathto, spec.name + CALENDAR_SUFFIX))
    context["metatags"] = context.get("metatags", "") + "".join(links)


def _link(mime: str, title: str, pathto: Any, name: str) -> str:
    href = escape(pathto(name, resource=True))
    return f'<link rel="alternate" type="{mime}" title="{escape(title)}" href="{href}" />\n'
