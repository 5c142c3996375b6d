"""The release calendar: iCalendar text checked by the icalendar package and octet by octet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from sphinxcontrib_releases.calendar import (
    PRODID,
    Event,
    Released,
    calendar_events,
    calendar_text,
    event_uid,
    fold,
    write_calendar,
)
from sphinxcontrib_releases.model import Release
from sphinxcontrib_releases.schedule import PlanHistory, PlanKey, find_schedule, merge_plans

D = dt.date
STAMP = D(2025, 2, 21)

JANUARY = """\
Acme 2.4.0 is planned for March 12, 2025. The feature freeze for 2.4 is planned for
2025-02-20, and Widget 1.1.0 is due on 2025-04-01.
"""
FEBRUARY = "Acme 2.4.0 has been postponed to 19 March 2025.\n"


def plans_of(*notes: tuple[D, str]) -> dict[PlanKey, PlanHistory]:
    return merge_plans(
        (day, find_schedule(body, product="Acme", context=Release("2.3.0"))) for day, body in notes
    )


def parse(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_plans_and_past_releases() -> None:
    plans = plans_of((D(2025, 1, 10), JANUARY), (D(2025, 2, 20), FEBRUARY))
    released = [
        Released(Release("2.3.0"), D(2025, 1, 10), "Acme", "https://example.org/notes/2.3.0"),
        Released(Release("1.1.0"), D(2025, 4, 2), "Widget"),
    ]
    events = calendar_events(
        plans,
        released,
        domain="example.org",
        plan_url=lambda history: f"https://example.org/notes/{history.plan.line}",
    )
    text = calendar_text(events, name="Acme releases", stamp=STAMP)
    parsed = parse(text)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["X-WR-CALNAME"]) == "Acme releases"
    assert list(parsed) == [  # in the order of their dates
        "acme-2.3.0@example.org",
        "acme-2.4-feature-freeze@example.org",
        "acme-2.4.0@example.org",
        "widget-1.1.0@example.org",
    ]
    past, freeze, planned, widget = parsed.values()

    assert str(past["SUMMARY"]) == "Acme 2.3.0 released"
    assert str(past["STATUS"]) == "CONFIRMED"
    assert str(past["URL"]) == "https://example.org/notes/2.3.0"
    assert past.decoded("DTSTART") == D(2025, 1, 10)
    assert past.decoded("DTEND") == D(2025, 1, 11)
    assert past.decoded("DTSTAMP") == dt.datetime(2025, 2, 21, tzinfo=dt.UTC)

    assert str(planned["SUMMARY"]) == "Acme 2.4.0 (planned)"
    assert str(planned["STATUS"]) == "TENTATIVE"
    assert planned.decoded("DTSTART") == D(2025, 3, 19)
    assert int(planned["SEQUENCE"]) == 1  # moved once
    assert str(planned["URL"]) == "https://example.org/notes/1"
    assert str(planned["DESCRIPTION"]) == (
        "Planned for 2025-03-19.\nPlanned earlier for 2025-03-12.\n"
        "As stated: Acme 2.4.0 has been postponed to 19 March 2025."
    )
    assert str(freeze["SUMMARY"]) == "Acme 2.4 feature freeze (planned)"
    assert freeze.decoded("DTSTART") == D(2025, 2, 20)

    # Released one day after its plan: the same UID, confirmed, one change more.
    assert str(widget["SUMMARY"]) == "Widget 1.1.0 released"
    assert (
        str(widget["DESCRIPTION"]) == "Released on 2025-04-02.\nPlanned for 2025-04-01: 1 day late."
    )
    assert int(widget["SEQUENCE"]) == 1
    for event in parsed.values():
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert isinstance(event.decoded("DTSTART"), D)
        assert not isinstance(event.decoded("DTSTART"), dt.datetime)


def test_overdue_plans_say_so() -> None:
    plans = plans_of((D(2025, 1, 10), JANUARY))
    events = calendar_events(plans, [], domain="example.org", today=D(2025, 3, 13))
    summaries = [event.summary for event in events]
    assert "Acme 2.4.0 (overdue)" in summaries
    assert "Widget 1.1.0 (planned)" in summaries


def test_uids_are_stable_across_writes(tmp_path: Path) -> None:
    january = plans_of((D(2025, 1, 10), JANUARY))
    later = plans_of((D(2025, 1, 10), JANUARY), (D(2025, 2, 20), FEBRUARY))
    first = calendar_text(calendar_events(january, [], domain="example.org"), name="A", stamp=STAMP)
    again = calendar_text(calendar_events(january, [], domain="example.org"), name="A", stamp=STAMP)
    assert first == again  # the same input writes the same bytes

    moved = calendar_text(calendar_events(later, [], domain="example.org"), name="A", stamp=STAMP)
    released = calendar_text(
        calendar_events(
            later, [Released(Release("2.4.0"), D(2025, 3, 20), "Acme")], domain="example.org"
        ),
        name="A",
        stamp=STAMP,
    )
    before, after, done = parse(first), parse(moved), parse(released)
    assert set(before) == set(after) == set(done)
    uid = "acme-2.4.0@example.org"
    assert [int(c[uid]["SEQUENCE"]) for c in (before, after, done)] == [0, 1, 2]
    assert [c[uid].decoded("DTSTART") for c in (before, after, done)] == [
        D(2025, 3, 12),
        D(2025, 3, 19),
        D(2025, 3, 20),
    ]
    assert [str(c[uid]["STATUS"]) for c in (before, after, done)] == [
        "TENTATIVE",
        "TENTATIVE",
        "CONFIRMED",
    ]

    path = tmp_path / "releases.ics"
    write_calendar(path, calendar_events(january, [], domain="example.org"), name="A", stamp=STAMP)
    assert path.read_bytes() == first.encode()


def test_crlf_folding_and_non_ascii() -> None:
    summary = "Äcme Ünïcødé — 2.4.0 «straße» ✓ 日本語のリリース " * 6
    event = Event(
        uid="acme-2.4.0@example.org", date=D(2025, 3, 12), summary=summary, confirmed=False
    )
    text = calendar_text([event], name="Äcme – Kalender", stamp=STAMP)
    data = text.encode()
    assert data.count(b"\r\n") == data.count(b"\n")  # every line ends with CRLF
    assert text.endswith("END:VCALENDAR\r\n")
    physical = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= 75
    folded = [line for line in physical if line.startswith(b" ")]
    assert len(folded) >= 5
    for line in physical:
        line.decode("utf-8")  # no character is split between two lines
    (parsed,) = parse(text).values()
    assert str(parsed["SUMMARY"]) == summary


def test_fold_at_the_edges() -> None:
    assert fold("A" * 75) == "A" * 75
    assert fold("A" * 76) == "A" * 75 + "\r\n A"
    assert fold("A" * 74 + "é") == "A" * 74 + "\r\n é"  # é is two octets: it moves whole
    lines = fold("é" * 200).split("\r\n")
    assert [len(line.encode()) for line in lines][:3] == [74, 75, 75]
    assert "".join(line.removeprefix(" ") for line in lines) == "é" * 200


def test_text_is_escaped() -> None:
    description = 'Back\\slash; semi, comma\nnew line\r\nand "quotes"\x07'
    event = Event(
        uid="acme-2.4.0@example.org",
        date=D(2025, 3, 12),
        summary="Acme 2.4.0; the big one, at last",
        confirmed=True,
        description=description,
        url="https://example.org/a,b;c\r\n",
    )
    text = calendar_text([event], name="A, B; C", stamp=STAMP)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Acme 2.4.0\\; the big one\\, at last\r\n" in unfolded
    assert 'DESCRIPTION:Back\\\\slash\\; semi\\, comma\\nnew line\\nand "quotes"\r\n' in unfolded
    assert "X-WR-CALNAME:A\\, B\\; C\r\n" in unfolded
    assert "URL:https://example.org/a,b;c\r\n" in unfolded
    (parsed,) = parse(text).values()
    assert str(parsed["SUMMARY"]) == "Acme 2.4.0; the big one, at last"
    assert str(parsed["DESCRIPTION"]) == 'Back\\slash; semi, comma\nnew line\nand "quotes"'


@pytest.mark.parametrize(
    ("product", "subject", "kind", "uid"),
    [
        ("Acme", "2.4.0", "release", "acme-2.4.0@example.org"),
        (" Acme  Widget ", "2.4.0rc1", "release", "acme-widget-2.4.0rc1@example.org"),
        (None, "2.4.0", "release", "2.4.0@example.org"),
        ("Acme", "2.4", "feature-freeze", "acme-2.4-feature-freeze@example.org"),
        ("Ünï/code", "1.0.0+local.1", "release", "uni-code-1.0.0-local.1@example.org"),
        ("日本", "1.0.0", "release", "pc7b7cdcc-1.0.0@example.org"),
    ],
)
def test_uids(product: str | None, subject: str, kind: str, uid: str) -> None:
    assert event_uid(product, subject, " Example.ORG ", kind) == uid


def test_a_uid_needs_a_domain() -> None:
    with pytest.raises(ValueError, match="domain"):
        event_uid("Acme", "2.4.0", " ")


def test_stamps() -> None:
    event = Event(uid="x@example.org", date=D(2025, 3, 12), summary="x", confirmed=True)
    aware = dt.datetime(2025, 2, 21, 13, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert "DTSTAMP:20250221T113000Z\r\n" in calendar_text([event], name="A", stamp=aware)
    naive = dt.datetime(2025, 2, 21, 13, 30)
    assert "DTSTAMP:20250221T133000Z\r\n" in calendar_text([event], name="A", stamp=naive)
    assert "DTSTAMP:20250221T000000Z\r\n" in calendar_text([event], name="A", stamp=STAMP)


def test_an_empty_calendar_is_valid() -> None:
    text = calendar_text([], name="Nothing yet", stamp=STAMP)
    assert parse(text) == {}


def test_a_reached_phase_start_is_confirmed() -> None:
    body = "The beta phase begins on 2025-02-03, and the rc phase begins on 2025-03-03."
    plans = merge_plans(
        [(D(2025, 1, 6), find_schedule(body, product="Acme", context=Release("2.4.0a1")))]
    )
    beta, rc = ("acme", "2.4", "beta"), ("acme", "2.4", "rc")
    events = calendar_events(
        plans,
        [],
        domain="example.org",
        today=D(2025, 3, 10),
        reached={beta: D(2025, 2, 5), rc: None},
    )
    parsed = parse(calendar_text(events, name="Acme", stamp=STAMP))
    began = parsed["acme-2.4-beta@example.org"]
    assert (began.decoded("DTSTART"), str(began["STATUS"])) == (D(2025, 2, 5), "CONFIRMED")
    assert str(began["SUMMARY"]) == "Acme 2.4 beta phase begins"
    assert "Planned for 2025-02-03: 2 days late." in str(began["DESCRIPTION"])
    assert began["SEQUENCE"] == 1
    unknown = parsed["acme-2.4-rc@example.org"]  # reached, on a day not known: the day planned
    assert (unknown.decoded("DTSTART"), str(unknown["STATUS"])) == (D(2025, 3, 3), "CONFIRMED")
