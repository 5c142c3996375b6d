"""A release calendar: planned and past releases as an iCalendar file (RFC 5545).

Pure Python, with no dependency: the format needs little. :func:`calendar_events` turns merged
plans (:func:`~sphinxcontrib_releases.schedule.merge_plans`) and the releases that happened
into :class:`Event` objects, :func:`calendar_text` writes them as a ``VCALENDAR`` and
:func:`write_calendar` writes that to a file.

What the file holds, and why:

* one all-day ``VEVENT`` per release or phase boundary (``DTSTART;VALUE=DATE``, ``DTEND`` the
  next day), ``TRANSP:TRANSPARENT`` so that it never shows its subscriber as busy;
* a ``UID`` made of the product, the version (and the kind, for a phase boundary) and a domain
  the caller gives, ``acme-2.4.0@example.org``: the same release keeps the same ``UID`` from
  build to build and from planned to released, so calendar applications update the event
  instead of adding another; ``SEQUENCE`` counts the moves of its date (and one more once
  released);
* ``STATUS:TENTATIVE`` while planned, ``CONFIRMED`` once released, and a ``SUMMARY`` that says
  the same: ``Acme 2.4.0 (planned)``, ``Acme 2.4.0 released``; a phase boundary that was
  reached (``reached``: its phase's first release came, or a later phase's) is confirmed, on
  the day it was reached when that is known;
* a ``DTSTAMP`` the caller gives (the build date, or ``releases_today``), so that the same
  input writes the same bytes;
* CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character, and ``TEXT``
  values escaped (``\\\\``, ``\\;``, ``\\,``, ``\\n``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, NamedTuple

from sphinxcontrib_releases.model import BOUNDARY_LABELS, RELEASE, PlanKey, Release, product_key
from sphinxcontrib_releases.schedule import PlanHistory

__all__ = [
    "PRODID",
    "Event",
    "Released",
    "calendar_events",
    "calendar_text",
    "event_uid",
    "planned_event",
    "reached_event",
    "released_event",
    "write_calendar",
]

PRODID: Final = "-//sphinxcontrib-releases//Release calendar//EN"
"""The ``PRODID`` written unless the caller gives another."""

_LINE_OCTETS: Final = 75
"""RFC 5545, 3.1: content lines are folded at 75 octets, the line break left out."""
_CRLF: Final = "\r\n"
_SLUG: Final = re.compile(r"[^a-z0-9.]+")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_URI_FORBIDDEN: Final = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Event:
    """One all-day event of the calendar."""

    uid: str
    date: dt.date
    summary: str
    confirmed: bool
    """``STATUS:CONFIRMED`` when true (it happened), else ``TENTATIVE`` (it is planned)."""
    description: str | None = None
    url: str | None = None
    sequence: int = 0


class Released(NamedTuple):
    """A release that happened: what the calendar needs of it."""

    release: Release
    date: dt.date
    product: str | None = None
    url: str | None = None


def event_uid(product: str | None, subject: str, domain: str, kind: str = RELEASE) -> str:
    """The stable ``UID`` of a release (``subject`` its version) or a phase boundary
    (``subject`` its series, ``kind`` the boundary): ``acme-2.4.0@example.org``,
    ``acme-2.4-beta@example.org``. Names are written in ASCII (``Ünïcode`` as ``unicode``; a
    name with no Latin letter as a checksum of it). Raises :class:`ValueError` for an empty
    domain."""
    host = domain.strip().strip("@").lower()
    if not host:
        raise ValueError("a calendar UID needs a domain, such as the site's host name")
    parts = [_slug(product_key(product)), _slug(subject)]
    if product and not parts[0]:
        parts[0] = f"p{zlib.crc32(product_key(product).encode()):08x}"
    if kind != RELEASE:
        parts.append(_slug(kind))
    return f"{'-'.join(filter(None, parts)) or 'release'}@{host}"


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _SLUG.sub("-", plain).strip("-.")


def _name(product: str | None, what: str) -> str:
    return f"{product} {what}" if product else what


def planned_event(
    history: PlanHistory,
    *,
    domain: str,
    url: str | None = None,
    today: dt.date | None = None,
) -> Event:
    """The tentative event of a plan: its current date, the dates it had before, and the
    sentence that states it. With ``today``, a plan whose day is past says it is overdue."""
    plan = history.plan
    if plan.release is not None:
        subject, what = plan.release.version, plan.release.version
    else:
        subject = plan.series or ""
        what = f"{subject} {BOUNDARY_LABELS.get(plan.kind, plan.kind)}".strip()
    overdue = today is not None and plan.date < today
    lines = [f"Planned for {plan.date.isoformat()}."]
    if len(history.dates) > 1:
        earlier = ", then ".join(day.isoformat() for day in history.dates[:-1])
        lines.append(f"Planned earlier for {earlier}.")
    if plan.sentence:
        lines.append(f"As stated: {plan.sentence}")
    return Event(
        uid=event_uid(plan.product, subject, domain, plan.kind),
        date=plan.date,
        summary=f"{_name(plan.product, what)} ({'overdue' if overdue else 'planned'})",
        confirmed=False,
        description="\n".join(lines),
        url=url,
        sequence=len(history.dates) - 1,
    )


def released_event(
    release: Release,
    date: dt.date,
    *,
    domain: str,
    product: str | None = None,
    url: str | None = None,
    history: PlanHistory | None = None,
) -> Event:
    """The confirmed event of a release that happened on ``date``; with the ``history`` of its
    plan, the event says how late (or early) it came, and keeps counting its changes."""
    lines = [f"Released on {date.isoformat()}."]
    sequence = 0
    if history is not None:
        lines.append(_lateness(history.date, date))
        sequence = len(history.dates)
    return Event(
        uid=event_uid(product, release.version, domain),
        date=date,
        summary=f"{_name(product, release.version)} released",
        confirmed=True,
        description="\n".join(lines),
        url=url,
        sequence=sequence,
    )


def reached_event(
    history: PlanHistory,
    date: dt.date | None,
    *,
    domain: str,
    url: str | None = None,
) -> Event:
    """The confirmed event of a phase boundary that was reached: on ``date``, the day its
    phase's first release came, or on the day planned when that day is not known (a later
    phase has begun). It keeps the boundary's ``UID`` and counts one more change."""
    plan = history.plan
    subject = plan.series or ""
    what = f"{subject} {BOUNDARY_LABELS.get(plan.kind, plan.kind)}".strip()
    if date is not None:
        lines = [f"Reached on {date.isoformat()}.", _lateness(plan.date, date)]
    else:
        lines = [f"Planned for {plan.date.isoformat()}; reached (a later phase has begun)."]
    return Event(
        uid=event_uid(plan.product, subject, domain, plan.kind),
        date=date or plan.date,
        summary=_name(plan.product, what),
        confirmed=True,
        description="\n".join(lines),
        url=url,
        sequence=len(history.dates),
    )


def _lateness(planned: dt.date, actual: dt.date) -> str:
    late = (actual - planned).days
    when = "on the day planned" if late == 0 else f"{abs(late)} day{'s' * (abs(late) != 1)}"
    if late:
        when += " late" if late > 0 else " early"
    return f"Planned for {planned.isoformat()}: {when}."


def calendar_events(
    plans: Mapping[PlanKey, PlanHistory],
    released: Iterable[Released],
    *,
    domain: str,
    plan_url: Callable[[PlanHistory], str | None] | None = None,
    today: dt.date | None = None,
    reached: Mapping[PlanKey, dt.date | None] | None = None,
) -> list[Event]:
    """The events of a calendar: every release that happened (with the history of its plan,
    when it had one), and every plan not yet released, phase boundaries included, in the
    order of their dates (then of their UIDs). ``plan_url`` gives the page of a plan (that of
    the note stating it, say); ``today`` marks overdue plans; ``reached`` gives the phase
    boundaries that were reached, with the day (``None``: not known), which are confirmed."""
    reached = reached or {}
    events: list[Event] = []
    done: set[PlanKey] = set()
    for item in released:
        key: PlanKey = (product_key(item.product), item.release.version)
        if key in done:
            continue
        done.add(key)
        events.append(
            released_event(
                item.release,
                item.date,
                domain=domain,
                product=item.product,
                url=item.url,
                history=plans.get(key),
            )
        )
    for key, history in plans.items():
        if key in done:
            continue
        url = plan_url(history) if plan_url is not None else None
        if key in reached and history.plan.release is None:
            events.append(reached_event(history, reached[key], domain=domain, url=url))
        else:
            events.append(planned_event(history, domain=domain, url=url, today=today))
    events.sort(key=lambda event: (event.date, event.uid))
    return events


def calendar_text(
    events: Iterable[Event],
    *,
    name: str,
    stamp: dt.date | dt.datetime,
    prodid: str = PRODID,
) -> str:
    """The iCalendar text of ``events`` (see the module documentation), with CRLF line ends.

    ``name`` is the calendar's name (``X-WR-CALNAME``); ``stamp`` the ``DTSTAMP`` of every
    event: a date (midnight UTC), an aware date-time, or a naive one taken as UTC.
    """
    when = _utc(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(prodid)}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_text(event.uid)}",
            f"DTSTAMP:{when}",
            f"DTSTART;VALUE=DATE:{event.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(event.date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{_text(event.description)}")
        if event.url and (url := _URI_FORBIDDEN.sub("", event.url)):
            lines.append(f"URL:{url}")
        lines += [
            f"STATUS:{'CONFIRMED' if event.confirmed else 'TENTATIVE'}",
            f"SEQUENCE:{max(0, event.sequence)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + _CRLF for line in lines)


def write_calendar(
    path: str | os.PathLike[str],
    events: Iterable[Event],
    *,
    name: str,
    stamp: dt.date | dt.datetime,
    prodid: str = PRODID,
) -> None:
    """Write :func:`calendar_text` to ``path`` as UTF-8, line ends untouched."""
    Path(path).write_bytes(calendar_text(events, name=name, stamp=stamp, prodid=prodid).encode())


def fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545, 3.1): CRLF and one space before each
    continuation, never inside a UTF-8 character."""
    data = line.encode()
    if len(data) <= _LINE_OCTETS:
        return line
    pieces: list[bytes] = []
    start, room = 0, _LINE_OCTETS
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        pieces.append(data[start:end])
        start, room = end, _LINE_OCTETS - 1  # the space that opens a continuation counts
    pieces.append(data[start:])
    return (_CRLF + " ").join(piece.decode() for piece in pieces)


def _text(value: str) -> str:
    """A ``TEXT`` value escaped (RFC 5545, 3.3.11); control characters other than line
    breaks and tabs left out."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", value.replace("\n", "\\n"))


def _utc(stamp: dt.date | dt.datetime) -> str:
    if isinstance(stamp, dt.datetime):
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    else:
        stamp = dt.datetime(stamp.year, stamp.month, stamp.day)
    return stamp.strftime("%Y%m%dT%H%M%SZ")
