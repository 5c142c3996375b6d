"""Schedules in notes and in sites: what notes plan, planned and overdue rows, slips,
``releases.json``'s ``planned`` and the ``releases.ics`` calendar."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_releases import domain as domain_module
from sphinxcontrib_releases.cli import main
from sphinxcontrib_releases.model import Release
from sphinxcontrib_releases.reader import read_file_text, read_note, read_text
from sphinxcontrib_releases.schedule import merge_plans, outcomes
from tests.conftest import ANNOUNCEMENTS, build, outputs, rewrite, same_site, warnings_of

D = dt.date


# -- the announcement fixtures, as the seeds ------------------------------------------------------


def test_the_announcements_alone_plan_the_rest_of_3_12() -> None:
    """Four announcements (a1, a4, a6, rc1): rc2 and the final are still ahead on the day after
    rc1; the beta and rc phase dates are known; the alphas they planned have been overtaken."""
    notes = [read_note(path) for path in sorted(ANNOUNCEMENTS.glob("*.md"))]
    histories = merge_plans((note.date, note.plans) for note in notes)
    announced = [(release, note.date) for note in notes for release in note.releases]
    found = outcomes(histories, announced, today=D(2023, 8, 7))

    ahead = [
        (o.history.plan.subject, o.history.date, o.status) for o in found.values() if o.upcoming
    ]
    assert ahead == [
        ("Python 3.12.0rc2", D(2023, 9, 4), "planned"),
        ("Python 3.12.0", D(2023, 10, 2), "planned"),
    ]
    beta = found[("python", "3.12", "beta")]
    rc = found[("python", "3.12", "rc")]
    assert (beta.history.date, beta.status, beta.release) == (D(2023, 5, 8), "released", None)
    assert (rc.history.date, rc.status) == (D(2023, 7, 31), "released")
    assert (rc.release, rc.released_on, rc.slip) == (
        Release("3.12.0rc1", "Python"),
        D(2023, 8, 6),
        6,
    )
    passed = sorted(str(k[1]) for k, o in found.items() if o.status == "passed")
    assert passed == ["3.12.0a2", "3.12.0a5", "3.12.0a7"]
    # on a later day, rc2 is overdue
    later = outcomes(histories, announced, today=D(2023, 9, 5))
    assert later[("python", "3.12.0rc2")].status == "overdue"
    assert later[("python", "3.12.0")].status == "planned"


# -- the reader -----------------------------------------------------------------------------------

YAML_NOTE = """\
---
title: Acme 2.4.0rc1 released
date: 2025-02-12
schedule:
  2.4.0rc2: 2025-02-24
  "2.4.0": March 17, 2025
  beta: someday
---

Acme 2.4.0rc1 is out. Acme 2.4.0 is expected on 10 March 2025; the second candidate is due
on Monday, 2025-02-24.
"""

TOML_NOTE = """\
+++
title = "Acme 2.4.0rc1 released"
date = 2025-02-12

[schedule]
"2.4.0rc2" = 2025-02-24
"2.4.0" = "2025-03-17"
+++

Nothing else is planned.
"""

REST_NOTE = """\
Acme 2.4.0b1 released
=====================

:date: 2025-01-08
:schedule: 2.4.0rc1: 2025-02-10, rc: 2025-02-10

The first beta is out. Acme 2.4.0rc1, the first candidate, is now scheduled for
10 February 2025.

.. code-block:: text

   Acme 2.4.0rc9 is due on 2025-01-20.
"""


def summary(note: Any) -> list[tuple[str, str, D, str]]:
    return [(p.subject, p.kind, p.date, p.source) for p in note.plans]


def test_yaml_front_matter_comes_first_and_bad_entries_warn() -> None:
    note = read_text(YAML_NOTE, "2025-02-12-acme.md")
    assert summary(note) == [
        ("Acme 2.4.0rc2", "release", D(2025, 2, 24), "front matter"),
        ("Acme 2.4.0", "release", D(2025, 3, 17), "front matter"),  # not the body's 10 March
    ]
    assert [(p.subtype, p.line) for p in note.problems] == [("schedule", 4)]
    assert "beta" in note.problems[0].message
    assert "schedule" not in dict(note.extra)


def test_toml_front_matter() -> None:
    note = read_text(TOML_NOTE, "acme.md")
    assert summary(note) == [
        ("Acme 2.4.0rc2", "release", D(2025, 2, 24), "front matter"),
        ("Acme 2.4.0", "release", D(2025, 3, 17), "front matter"),
    ]


def test_rest_field_list_and_body() -> None:
    note = read_text(REST_NOTE, "acme.rst", syntax="rst")
    assert summary(note) == [
        ("Acme 2.4.0rc1", "release", D(2025, 2, 10), "front matter"),
        ("Acme 2.4 release candidate phase begins", "rc", D(2025, 2, 10), "front matter"),
    ]  # the body states rc1 too (kept once, from the front matter); code is no prose


def test_the_body_alone_and_a_note_without_releases() -> None:
    note = read_text(
        "---\ntitle: Roadmap\nproduct: Acme\n---\n\nWhat comes next.\n\n## Upcoming releases\n\n"
        "- 2.5.0a1: 2025-04-07\n- 2.5.0: 2025-10-06\n",
        "roadmap.md",
    )
    assert not note.releases
    assert [(p.subject, p.date, p.line) for p in note.plans] == [
        ("Acme 2.5.0a1", D(2025, 4, 7), 10),
        ("Acme 2.5.0", D(2025, 10, 6), 11),
    ]


def test_a_plan_for_another_product() -> None:
    note = read_text(
        "# Acme 2.4.0 released\n\nOur sister project Widget 1.2.0 is due on 2025-04-01.\n",
        "acme.md",
    )
    (plan,) = note.plans
    assert (plan.product, plan.key) == ("Widget", ("widget", "1.2.0"))


def test_the_default_product_reaches_plans() -> None:
    note = read_text("# 2.4.0 released\n\n2.4.1 is expected on 2025-04-01.\n", "n.md")
    assert [p.product for p in note.plans] == [None]
    named = note.with_default_product("Acme")
    assert [p.key for p in named.plans] == [("acme", "2.4.1")]
    assert named.plans[0].release == Release("2.4.1", "Acme")


def test_a_changelog_gives_each_plan_to_its_section() -> None:
    text = (
        "# Changelog\n\n## [Unreleased]\n\nKiln 2.1.0 is planned for 2025-07-01.\n\n"
        "### Added\n\n- A flag.\n\n"
        "## [2.0.0] - 2025-05-02\n\n### Fixed\n\n- A crash.\n\n"
        "## [1.9.0] - 2025-03-03\n\nKiln 2.0.0 is expected on 2025-04-28.\n\n"
        "### Fixed\n\n- A leak.\n"
    )
    reading = read_file_text(text, "CHANGES.md")
    assert reading.changelog is not None
    plans = [[(p.subject, p.date) for p in section.plans] for section in reading.notes]
    assert plans == [
        [("Kiln 2.1.0", D(2025, 7, 1))],
        [],
        [("Kiln 2.0.0", D(2025, 4, 28))],
    ]


def test_notes_with_plans_pickle_and_compare() -> None:
    note = read_text(YAML_NOTE, "acme.md")
    assert pickle.loads(pickle.dumps(note)) == note
    moved = read_text(YAML_NOTE.replace("2025-02-24", "2025-02-25"), "acme.md")
    assert moved != note  # a moved date is a changed note: aggregates follow it


def test_inspect_lists_the_plans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.md"
    path.write_text(YAML_NOTE, encoding="utf-8")
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "  planned:  Acme 2.4.0rc2 on 2025-02-24 (front matter, line 4)\n" in out
    assert "            Acme 2.4.0 on 2025-03-17 (front matter, line 4)\n" in out
    assert main(["inspect", "--json", str(path)]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert [(p["version"], p["date"], p["source"]) for p in data["plans"]] == [
        ("2.4.0rc2", "2025-02-24", "front matter"),
        ("2.4.0", "2025-03-17", "front matter"),
    ]


# -- sites ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Any:
    """One build shared by the tests that only read its output."""
    srcdir = tmp_path_factory.mktemp("schedules") / "src"
    shutil.copytree(rootdir / "test-schedules", srcdir)
    return build(SphinxTestApp, srcdir, confoverrides={"nitpicky": True})


def page(app: Any, name: str = "index.html") -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def table_rows(table: Any) -> list[tuple[list[str], list[str]]]:
    return [
        (
            [c for c in row.get("class", []) if c.startswith("releases-")],
            [td.get_text(" ", strip=True) for td in row.select("td")],
        )
        for row in table.select("tbody tr")
    ]


def test_clean_build(site: Any) -> None:
    assert warnings_of(site) == []


def test_index_shows_planned_and_overdue_rows(site: Any) -> None:
    html = page(site)
    assert [r.get_text() for r in html.select("p.rubric.releases-series")] == [
        "Acme 2.5",
        "Acme 2.4",
        "Widget 1.2",
    ]
    tables = html.select("table.releases-index")
    assert table_rows(tables[0]) == [
        (["releases-upcoming", "releases-planned"], ["2.5.0a1 planned", "2025-04-07"])
    ]
    assert table_rows(tables[1]) == [
        (["releases-upcoming", "releases-planned"], ["2.4.0 planned", "2025-03-17"]),
        (["releases-upcoming", "releases-overdue"], ["2.4.0rc2 overdue", "2025-02-24"]),
        ([], ["2.4.0rc1 rc 1", "2025-02-12"]),
        ([], ["2.4.0b1 beta 1", "2025-01-08"]),
        ([], ["2.4.0a1 alpha 1", "2024-11-04"]),
    ]
    # a plan for another product, stated in an Acme note
    assert table_rows(tables[2]) == [
        (["releases-upcoming", "releases-planned"], ["1.2.0 planned", "2025-04-01"])
    ]
    planned = tables[1].select_one("tr.releases-planned")
    badge = planned.select_one("span.releases-badge")
    assert badge["class"][-2:] == ["releases-badge", "releases-planned"]
    assert "sd-bg-light" in badge["class"]
    assert "sd-bg-danger" in tables[1].select_one("tr.releases-overdue .releases-badge")["class"]
    assert planned.select_one("a") is None  # rendered nowhere yet: no link
    assert planned.select_one("span.releases-date").get_text() == "2025-03-17"


def test_series_table_shows_slips_and_planned_phases(site: Any) -> None:
    table = page(site).select_one("table.releases-series")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Series",
        "First alpha",
        "First beta",
        "First RC",
        "Final",
        "Latest",
        "Releases",
    ]
    assert [cells for _classes, cells in table_rows(table)] == [
        ["2.5", "2.5.0a1 planned 2025-04-07", "planned 2025-06-02", "—", "—", "—", "0"],
        [
            "2.4",
            "2.4.0a1 2024-11-04",
            "2.4.0b1 2025-01-08 planned 2025-01-06",  # the beta phase's planned start
            "2.4.0rc1 2025-02-12 planned 2025-02-10",  # its own plan, as moved
            "2.4.0 planned 2025-03-17",
            "2.4.0rc1 2025-02-12 planned 2025-02-10",
            "3",
        ],
    ]


def test_list_format_and_filters(site: Any) -> None:
    section = page(site).find("section", id="upcoming-as-a-list")
    items = section.select("li")
    assert [li.get_text(" ", strip=True) for li in items] == ["2.5.0a1 planned — 2025-04-07"]
    assert items[0]["class"] == ["releases-upcoming", "releases-planned"]


def test_releases_json_has_planned_next_to_date(site: Any) -> None:
    content = json.loads((Path(site.outdir) / "releases.json").read_text(encoding="utf-8"))
    found = {
        release["version"]: (item["date"], release["planned"])
        for item in content["announcements"]
        for release in item["releases"]
    }
    assert found == {
        "2.4.0a1": ("2024-11-04", None),
        "2.4.0b1": ("2025-01-08", "2025-01-06"),
        "2.4.0rc1": ("2025-02-12", "2025-02-10"),
    }
    rc1 = next(a for a in content["announcements"] if a["source"] == "notes/2.4.0rc1.md")
    assert [(p["product"], p["version"], p["date"]) for p in rc1["plans"]] == [
        ("Acme", "2.4.0rc2", "2025-02-24"),
        ("Acme", "2.4.0", "2025-03-17"),
        ("Widget", "1.2.0", "2025-04-01"),
        ("Acme", "2.5.0a1", "2025-04-07"),
        ("Acme", None, "2025-06-02"),
    ]


def calendar(app: Any, name: str = "releases.ics") -> icalendar.Calendar:
    data = (Path(app.outdir) / name).read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    return icalendar.Calendar.from_ical(data)


def events(cal: icalendar.Calendar) -> dict[str, tuple[D, str, str]]:
    return {
        str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"]), str(e["STATUS"]))
        for e in cal.walk("VEVENT")
    }


def test_the_calendar_validates_and_holds_past_and_planned_releases(site: Any) -> None:
    cal = calendar(site)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == "Acme release calendar"
    for event in cal.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event
        assert event.decoded("DTSTAMP") == dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
    assert events(cal) == {
        "acme-2.4.0a1@acme.example.org": (D(2024, 11, 4), "Acme 2.4.0a1 released", "CONFIRMED"),
        "acme-2.4-beta@acme.example.org": (
            D(2025, 1, 8),
            "Acme 2.4 beta phase begins",
            "CONFIRMED",
        ),
        "acme-2.4.0b1@acme.example.org": (D(2025, 1, 8), "Acme 2.4.0b1 released", "CONFIRMED"),
        "acme-2.4.0rc1@acme.example.org": (D(2025, 2, 12), "Acme 2.4.0rc1 released", "CONFIRMED"),
        "acme-2.4.0rc2@acme.example.org": (D(2025, 2, 24), "Acme 2.4.0rc2 (overdue)", "TENTATIVE"),
        "acme-2.4.0@acme.example.org": (D(2025, 3, 17), "Acme 2.4.0 (planned)", "TENTATIVE"),
        "widget-1.2.0@acme.example.org": (D(2025, 4, 1), "Widget 1.2.0 (planned)", "TENTATIVE"),
        "acme-2.5.0a1@acme.example.org": (D(2025, 4, 7), "Acme 2.5.0a1 (planned)", "TENTATIVE"),
        "acme-2.5-beta@acme.example.org": (
            D(2025, 6, 2),
            "Acme 2.5 beta phase begins (planned)",
            "TENTATIVE",
        ),
    }
    final = next(e for e in cal.walk("VEVENT") if e["UID"] == "acme-2.4.0@acme.example.org")
    assert final["SEQUENCE"] == 1  # moved once: from 2025-03-10 to 2025-03-17
    assert final["URL"] == "https://acme.example.org/docs/notes/2.4.0rc1.html#release-2-4-0rc1"


def test_calendars_are_filtered_like_feeds_and_advertised(site: Any) -> None:
    previews = events(calendar(site, "acme-previews.ics"))
    assert sorted(previews) == [
        "acme-2.4-beta@acme.example.org",
        "acme-2.4.0a1@acme.example.org",
        "acme-2.4.0b1@acme.example.org",
        "acme-2.4.0rc1@acme.example.org",
        "acme-2.4.0rc2@acme.example.org",
        "acme-2.5-beta@acme.example.org",
        "acme-2.5.0a1@acme.example.org",
    ]
    for name in ("index.html", "notes/2.4.0rc1.html"):
        links = page(site, name).select('link[rel=alternate][type="text/calendar"]')
        prefix = "../" if "/" in name else ""
        assert [(link["href"], link["title"]) for link in links] == [
            (f"{prefix}releases.ics", "Acme release calendar (iCalendar)"),
            (f"{prefix}acme-previews.ics", "Acme release calendar (acme-previews) (iCalendar)"),
        ]
    assert not list(Path(site.srcdir).glob("*.ics"))  # never in the source folder


def test_uids_are_stable_from_planned_to_released(
    make_app: Any, project: Callable[..., Path]
) -> None:
    srcdir = project("schedules")
    before = build(make_app, srcdir)
    planned = calendar(before)
    rewrite(
        srcdir / "notes" / "2.4.0rc2.md",
        "---\ndate: 2025-02-26\n---\n\n# Acme 2.4.0rc2 released\n\nThe last candidate.\n",
    )
    after = build(make_app, srcdir)
    released = calendar(after)
    uid = "acme-2.4.0rc2@acme.example.org"
    assert events(planned)[uid] == (D(2025, 2, 24), "Acme 2.4.0rc2 (overdue)", "TENTATIVE")
    assert events(released)[uid] == (D(2025, 2, 26), "Acme 2.4.0rc2 released", "CONFIRMED")
    rc2 = next(e for e in released.walk("VEVENT") if e["UID"] == uid)
    assert rc2["SEQUENCE"] == 1
    assert "Planned for 2025-02-24: 2 days late." in str(rc2["DESCRIPTION"])
    assert set(events(planned)) == set(events(released))  # updated, not duplicated
    rows = table_rows(page(after).select("table.releases-index")[1])
    assert rows[1] == ([], ["2.4.0rc2 rc 2", "2025-02-26"])


def test_overdue_is_relative_to_releases_today(make_app: Any, project: Callable[..., Path]) -> None:
    early = build(
        make_app, project("schedules", "early"), confoverrides={"releases_today": "2025-02-20"}
    )
    late = build(
        make_app, project("schedules", "late"), confoverrides={"releases_today": "2025-04-02"}
    )

    def statuses(app: Any) -> dict[str, str]:
        html = page(app)
        return {
            row.select_one(".releases-planned-version").get_text(): row["class"][1]
            for row in html.select("table.releases-index tr.releases-upcoming")
        }

    assert statuses(early) == {
        "2.5.0a1": "releases-planned",
        "2.4.0": "releases-planned",
        "2.4.0rc2": "releases-planned",
        "1.2.0": "releases-planned",
    }
    assert statuses(late) == {
        "2.5.0a1": "releases-planned",
        "2.4.0": "releases-overdue",
        "2.4.0rc2": "releases-overdue",
        "1.2.0": "releases-overdue",
    }
    stamp = calendar(late).walk("VEVENT")[0].decoded("DTSTAMP")
    assert stamp == dt.datetime(2025, 4, 2, tzinfo=dt.UTC)


@pytest.mark.parametrize("value", ["2025-02-30", "tomorrow", "2025/03/01"])
def test_a_bad_releases_today_warns_and_uses_the_build_day(
    make_app: Any, project: Callable[..., Path], value: object
) -> None:
    app = build(make_app, project("schedules"), confoverrides={"releases_today": value})
    (warning,) = warnings_of(app)
    assert "releases_today" in warning and "[releases.config]" in warning
    stamp = calendar(app).walk("VEVENT")[0].decoded("DTSTAMP")
    assert stamp.date() == domain_module.build_day()


def test_without_a_base_url_the_uid_domain_is_the_project(
    make_app: Any, project: Callable[..., Path]
) -> None:
    app = build(
        make_app, project("schedules"), confoverrides={"html_baseurl": "", "project": "Acme Tools"}
    )
    uids = list(events(calendar(app)))
    assert uids and all(uid.endswith("@acme-tools") for uid in uids)
    assert all("URL" not in e for e in calendar(app).walk("VEVENT"))  # no absolute address


def test_the_calendar_can_be_turned_off(make_app: Any, project: Callable[..., Path]) -> None:
    app = build(make_app, project("schedules"), confoverrides={"releases_calendar": False})
    assert not list(Path(app.outdir).glob("*.ics"))
    assert 'type="text/calendar"' not in (Path(app.outdir) / "index.html").read_text(
        encoding="utf-8"
    )


def test_other_builders_show_the_planned_rows(make_app: Any, project: Callable[..., Path]) -> None:
    app = build(make_app, project("schedules"), "text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "2.4.0rc2 overdue" in text and "2.4.0 planned" in text
    assert not list(Path(app.outdir).glob("*.ics"))


def test_planned_rows_in_the_project_language(make_app: Any, project: Callable[..., Path]) -> None:
    app = build(
        make_app,
        project("schedules"),
        confoverrides={"language": "de", "releases_date_format": "%-d. %B %Y"},
    )
    assert warnings_of(app) == []
    html = page(app)
    rows = table_rows(html.select("table.releases-index")[1])
    assert rows[:2] == [
        (["releases-upcoming", "releases-planned"], ["2.4.0 geplant", "17. März 2025"]),
        (["releases-upcoming", "releases-overdue"], ["2.4.0rc2 überfällig", "24. Februar 2025"]),
    ]
    series = table_rows(html.select_one("table.releases-series"))[1][1]
    assert series[2] == "2.4.0b1 8. Januar 2025 geplant für 6. Januar 2025"
    (link,) = html.select('link[type="text/calendar"][href="releases.ics"]')
    assert link["title"] == "Veröffentlichungskalender von Acme (iCalendar)"


# -- incremental and parallel builds --------------------------------------------------------------


def _move_the_final(srcdir: Path) -> None:
    note = srcdir / "notes" / "2.4.0rc1.md"
    rewrite(note, note.read_text(encoding="utf-8").replace("March 17, 2025", "March 24, 2025"))


def _plan_in_another_note(srcdir: Path) -> None:
    note = srcdir / "notes" / "2.4.0a1.md"
    text = note.read_text(encoding="utf-8")
    rewrite(note, text.replace("is here.", "is here. Acme 2.6.0 is expected on 2026-01-05."))


def _drop_a_plan(srcdir: Path) -> None:
    note = srcdir / "notes" / "2.4.0rc1.md"
    rewrite(note, note.read_text(encoding="utf-8").replace("  2.4.0rc2: 2025-02-24\n", ""))


@pytest.mark.parametrize("change", [_move_the_final, _plan_in_another_note, _drop_a_plan])
def test_incremental_build_follows_plans(
    make_app: Any, project: Callable[..., Path], change: Callable[[Path], None]
) -> None:
    srcdir = project("schedules", "incremental")
    first = build(make_app, srcdir)
    before = (Path(first.outdir) / "index.html").read_text(encoding="utf-8")
    change(srcdir)
    again = build(make_app, srcdir)
    assert (Path(again.outdir) / "index.html").read_text(encoding="utf-8") != before
    fresh_dir = project("schedules", "fresh")
    change(fresh_dir)
    fresh = build(make_app, fresh_dir)
    same_site(Path(again.outdir), Path(fresh.outdir))
    for name in ("releases.ics", "releases.json", "acme-previews.ics"):
        assert (Path(again.outdir) / name).read_bytes() == (Path(fresh.outdir) / name).read_bytes()


def test_another_day_rereads_the_pages_with_plans(
    make_app: Any, project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = project("schedules")
    overrides = {"releases_today": ""}
    monkeypatch.setattr(domain_module, "build_day", lambda: D(2025, 2, 20))
    build(make_app, srcdir, confoverrides=overrides)
    monkeypatch.setattr(domain_module, "build_day", lambda: D(2025, 3, 1))
    again = build(make_app, srcdir, confoverrides=overrides)
    assert "[new config]" not in again.status.getvalue()
    row = page(again).select("table.releases-index")[1].select("tbody tr")[1]
    assert row["class"][:2] == ["releases-upcoming", "releases-overdue"]
    same_day = build(make_app, srcdir, confoverrides=overrides)
    assert "0 added, 0 changed, 0 removed" in same_day.status.getvalue()


def test_parallel_build_equals_serial_build(make_app: Any, project: Callable[..., Path]) -> None:
    serial = build(make_app, project("schedules", "serial"))
    parallel = build(make_app, project("schedules", "parallel"), parallel=2)
    assert warnings_of(parallel) == []
    assert outputs(Path(parallel.outdir)) == outputs(Path(serial.outdir))
    for name in ("releases.ics", "releases.json", "acme-previews.ics"):
        assert (Path(parallel.outdir) / name).read_bytes() == (
            Path(serial.outdir) / name
        ).read_bytes()
