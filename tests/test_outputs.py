"""``releases.json``, the Atom and RSS feeds, and the links to them in every page."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from sphinxcontrib_releases import feeds
from sphinxcontrib_releases.cli import main
from sphinxcontrib_releases.feeds import Entry, Feed, FeedSpec, feed_specs, first_paragraph
from sphinxcontrib_releases.model import Phase
from sphinxcontrib_releases.reader import read_text
from tests.conftest import build, rewrite, warnings_of

BASE = "https://kestrel.example.org/docs/"
A = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
RC1_TITLE = "Kestrel 5.1.0 release candidate 1 & <script>alert('talon')</script>"

#: Every dated, rendered announcement of the test project, newest first.
NEWEST_FIRST = [
    ("notes/5.1.0rc1.md", "notes/5.1.0rc1.html#release-5-1-0rc1", "2041-05-12"),
    ("notes/5.1.0b1.rst", "notes/5.1.0b1.html#release-5-1-0b1", "2041-04-07"),
    ("notes/flock-meeting.md", "notes/flock-meeting.html", "2041-03-01"),
    ("notes/5.1.0a1.md", "notes/5.1.0a1.html#release-5-1-0a1", "2041-02-03"),
    ("outside/5.0.3.md", "index.html#release-5-0-3", "2041-01-15"),
]


def built(make_app: Any, project: Callable[..., Path], builder: str = "html", **kwargs: Any) -> Any:
    return build(make_app, project("outputs", kwargs.pop("where", "src")), builder, **kwargs)


def releases_json(app: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(Path(app.outdir, "releases.json").read_text("utf-8"))
    return data


def written(app: Any) -> dict[str, bytes]:
    """``releases.json`` and every feed, by file name."""
    return {
        p.name: p.read_bytes()
        for p in sorted(Path(app.outdir).iterdir())
        if p.suffix in {".json", ".atom", ".rss"}
    }


def atom_entries(app: Any, name: str = "releases") -> list[ET.Element]:
    return ET.parse(Path(app.outdir, f"{name}.atom")).getroot().findall(f"{A}entry")


def rss_items(app: Any, name: str = "releases") -> list[ET.Element]:
    channel = ET.parse(Path(app.outdir, f"{name}.rss")).getroot().find("channel")
    assert channel is not None
    return channel.findall("item")


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, page).read_text("utf-8"), "html.parser")


# -- releases.json ---------------------------------------------------------------------------------


def only_the_undated_note(found: list[str]) -> None:
    """The one warning of the test project: 5.0.2 has no date, so the feeds leave it out."""
    assert len(found) == 1, found
    assert "notes/5.0.2.md:1: WARNING: the note has no date" in found[0]
    assert "[releases.no_date]" in found[0]


def test_build_warns_only_about_the_undated_note(
    make_app: Any, project: Callable[..., Path]
) -> None:
    app = built(make_app, project, confoverrides={"nitpicky": True})
    only_the_undated_note(warnings_of(app))
    assert sorted(written(app)) == [
        "finals.atom",
        "finals.rss",
        "k51-pre.atom",
        "k51-pre.rss",
        "releases.atom",
        "releases.json",
        "releases.rss",
    ]


def test_json_is_inspect_json_with_urls(
    make_app: Any, project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    app = built(make_app, project)
    content = releases_json(app)
    assert content["schema"] == 1
    assert content["generator"] == f"sphinxcontrib-releases {feeds.__version__}"

    srcdir = Path(app.srcdir)
    capsys.readouterr()
    assert main(["inspect", "--json", str(srcdir / "notes"), str(srcdir / "outside")]) == 0
    inspected = json.loads(capsys.readouterr().out)
    for item in inspected:
        item["source"] = Path(item["source"]).relative_to(srcdir).as_posix()
    inspected.sort(key=lambda item: item["source"])

    published = json.loads(json.dumps(content["announcements"]))
    urls = {}
    names = set()
    for item in published:
        for release in item["releases"]:
            urls[release["version"]] = (release.pop("url"), release.pop("absolute_url"))
            assert release.pop("planned") is None  # no note of the project plans anything
            names.add((release.pop("product"), release.pop("written") == release["version"]))
    assert published == inspected
    assert names == {("Kestrel", True)}  # every title names the product
    assert [item["source"] for item in published] == [
        "notes/5.0.2.md",
        "notes/5.1.0a1.md",
        "notes/5.1.0b1.rst",
        "notes/5.1.0rc1.md",
        "notes/flock-meeting.md",
        "outside/5.0.1.md",
        "outside/5.0.3.md",
    ]
    assert urls == {
        "5.0.1": (None, None),  # read, but rendered nowhere
        "5.0.2": ("notes/5.0.2.html#release-5-0-2", f"{BASE}notes/5.0.2.html#release-5-0-2"),
        "5.0.3": ("index.html#release-5-0-3", f"{BASE}index.html#release-5-0-3"),
        "5.1.0a1": (
            "notes/5.1.0a1.html#release-5-1-0a1",
            f"{BASE}notes/5.1.0a1.html#release-5-1-0a1",
        ),
        "5.1.0b1": (
            "notes/5.1.0b1.html#release-5-1-0b1",
            f"{BASE}notes/5.1.0b1.html#release-5-1-0b1",
        ),
        "5.1.0rc1": (
            "notes/5.1.0rc1.html#release-5-1-0rc1",
            f"{BASE}notes/5.1.0rc1.html#release-5-1-0rc1",
        ),
    }
    assert str(srcdir) not in Path(app.outdir, "releases.json").read_text("utf-8")


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_json_urls_lead_to_the_release(
    make_app: Any, project: Callable[..., Path], builder: str
) -> None:
    app = built(make_app, project, builder)
    checked = 0
    for item in releases_json(app)["announcements"]:
        for release in item["releases"]:
            if release["url"] is None:
                continue
            page, _, anchor = release["url"].partition("#")
            path = Path(app.outdir, page)
            if not page or page.endswith("/"):
                path /= "index.html"
            assert soup(app, str(path.relative_to(app.outdir))).find(id=anchor), release
            assert release["absolute_url"] == BASE + release["url"]
            checked += 1
    assert checked == 5


def test_json_without_baseurl_has_no_absolute_urls(
    make_app: Any, project: Callable[..., Path]
) -> None:
    app = built(make_app, project, confoverrides={"html_baseurl": ""})
    releases = [r for item in releases_json(app)["announcements"] for r in item["releases"]]
    assert [r["absolute_url"] for r in releases] == [None] * 6
    assert releases[1]["url"] == "notes/5.1.0a1.html#release-5-1-0a1"


def test_json_can_be_turned_off(make_app: Any, project: Callable[..., Path]) -> None:
    app = built(make_app, project, confoverrides={"releases_json": False})
    assert "releases.json" not in written(app)
    assert "releases.atom" in written(app)


@pytest.mark.parametrize("builder", ["text", "latex", "epub"])
def test_other_builders_write_nothing(
    make_app: Any, project: Callable[..., Path], builder: str
) -> None:
    app = built(make_app, project, builder, confoverrides={"html_baseurl": ""})
    assert written(app) == {}
    assert not any("releases.feed" in w for w in warnings_of(app))


def test_parallel_build_writes_the_same(make_app: Any, project: Callable[..., Path]) -> None:
    serial = built(make_app, project, where="serial")
    parallel = built(make_app, project, where="parallel", parallel=2)
    only_the_undated_note(warnings_of(parallel))
    assert written(parallel) == written(serial)


def _nothing(srcdir: Path) -> None:
    pass


def _edit_embedded_note(srcdir: Path) -> None:
    note = srcdir / "outside" / "5.0.3.md"
    rewrite(note, note.read_text("utf-8").replace("Another round", "A last round"))


def _add_unrendered_note(srcdir: Path) -> None:
    rewrite(srcdir / "outside" / "5.0.4.md", "---\ntitle: Kestrel 5.0.4\ndate: 2041-06-01\n---\n")


def _add_note_page(srcdir: Path) -> None:
    rewrite(srcdir / "notes" / "5.1.0.md", "---\ntitle: Kestrel 5.1.0\ndate: 2041-06-02\n---\n")


def _remove_note_page(srcdir: Path) -> None:
    (srcdir / "notes" / "5.1.0b1.rst").unlink()


def _move_release(srcdir: Path) -> None:
    """5.0.3 is no longer embedded in the index: its address goes."""
    index = srcdir / "index.rst"
    rewrite(index, index.read_text("utf-8").replace(".. release:: 5.0.3", ""))


@pytest.mark.parametrize(
    "change",
    [_nothing, _edit_embedded_note, _add_unrendered_note, _add_note_page, _remove_note_page],
)
def test_incremental_build_writes_the_same_as_fresh(
    make_app: Any, project: Callable[..., Path], change: Callable[[Path], None]
) -> None:
    first = built(make_app, project, where="incremental")
    before = written(first)
    time.sleep(0.01)
    change(Path(first.srcdir))
    again = build(make_app, Path(first.srcdir))
    fresh_dir = project("outputs", "fresh")
    change(fresh_dir)
    fresh = build(make_app, fresh_dir)
    assert written(again) == written(fresh)
    assert (written(again) == before) is (change is _nothing)


def test_incremental_build_follows_a_moved_release(
    make_app: Any, project: Callable[..., Path]
) -> None:
    first = built(make_app, project, where="incremental")
    time.sleep(0.01)
    _move_release(Path(first.srcdir))
    again = build(make_app, Path(first.srcdir))
    urls = {
        r["version"]: r["url"] for i in releases_json(again)["announcements"] for r in i["releases"]
    }
    assert urls["5.0.3"] is None
    assert "index.html#release-5-0-3" not in Path(again.outdir, "releases.atom").read_text("utf-8")


# -- the feeds -------------------------------------------------------------------------------------


def test_atom_feed(make_app: Any, project: Callable[..., Path]) -> None:
    app = built(make_app, project)
    root = ET.parse(Path(app.outdir, "releases.atom")).getroot()
    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}title") == "Kestrel & <Friends> releases"
    assert root.findtext(f"{A}id") == f"{BASE}releases.atom"
    assert root.findtext(f"{A}updated") == "2041-05-20T00:00:00Z"  # rc1's update
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links == {"self": f"{BASE}releases.atom", "alternate": f"{BASE}index.html"}

    entries = root.findall(f"{A}entry")
    assert [
        (e.find(f"{A}link").get("href"), e.findtext(f"{A}published"))  # type: ignore[union-attr]
        for e in entries
    ] == [(BASE + link, f"{date}T00:00:00Z") for _source, link, date in NEWEST_FIRST]
    assert [e.findtext(f"{A}id") for e in entries] == [
        f"tag:kestrel.example.org,{date}:docs/{source}" for source, _link, date in NEWEST_FIRST
    ]

    rc1, b1, meeting, a1, patch = entries
    assert rc1.findtext(f"{A}title") == RC1_TITLE
    assert rc1.findtext(f"{A}updated") == "2041-05-20T00:00:00Z"
    assert rc1.findtext(f"{A}author/{A}name") == "Mira Hollow & Tomas Reed"
    assert rc1.findtext(f"{A}summary") == "A candidate for 5.1.0, with one fix since the beta."
    assert [(c.get("term"), c.get("label")) for c in rc1.findall(f"{A}category")] == [
        ("rc", "phase rc"),
        ("5.1", "series 5.1"),
        ("Kestrel", "product Kestrel"),
    ]
    assert b1.findtext(f"{A}updated") == "2041-04-07T00:00:00Z"
    assert b1.findtext(f"{A}summary") == (
        "From here on no new features go into 5.1; see the freeze policy and 5.1.0a1 for what "
        "came before."
    )
    assert meeting.findtext(f"{A}summary") == (
        "We agreed that the 5.2 line starts in autumn and that 4.x gets no more fixes."
    )
    assert meeting.findall(f"{A}category") == []
    assert a1.findtext(f"{A}summary") == "A first look at the 5.1 line, for brave testers only."
    assert patch.findtext(f"{A}author/{A}name") == "Ines Marsh"


def test_rss_feed(make_app: Any, project: Callable[..., Path]) -> None:
    app = built(make_app, project)
    root = ET.parse(Path(app.outdir, "releases.rss")).getroot()
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Kestrel & <Friends> releases"
    assert channel.findtext("link") == f"{BASE}index.html"
    assert channel.find(f"{A}link").get("href") == f"{BASE}releases.rss"  # type: ignore[union-attr]

    items = channel.findall("item")
    assert [i.findtext("link") for i in items] == [BASE + link for _s, link, _d in NEWEST_FIRST]
    assert [parsedate_to_datetime(i.findtext("pubDate") or "") for i in items] == [
        dt.datetime.fromisoformat(f"{date}T00:00:00+00:00") for _s, _l, date in NEWEST_FIRST
    ]
    rc1 = items[0]
    assert rc1.findtext("title") == RC1_TITLE
    assert rc1.findtext(f"{DC}creator") == "Mira Hollow & Tomas Reed"
    assert rc1.findtext("description") == "A candidate for 5.1.0, with one fix since the beta."
    assert rc1.find("guid").get("isPermaLink") == "false"  # type: ignore[union-attr]
    assert [(c.get("domain"), c.text) for c in rc1.findall("category")] == [
        ("phase", "rc"),
        ("series", "5.1"),
        ("product", "Kestrel"),
    ]


def test_markup_in_titles_stays_text(make_app: Any, project: Callable[..., Path]) -> None:
    app = built(make_app, project)
    for name in ("releases.atom", "releases.rss", "k51-pre.atom", "k51-pre.rss"):
        raw = Path(app.outdir, name).read_text("utf-8")
        assert "<script>" not in raw
        assert "&lt;script&gt;" in raw
    assert atom_entries(app)[0].findtext(f"{A}title") == RC1_TITLE
    assert rss_items(app)[0].findtext("title") == RC1_TITLE

    page = soup(app, "notes/5.1.0rc1.html")
    assert "<script>alert(" in page.select_one("h1").get_text()  # type: ignore[union-attr]
    assert not any("talon" in script.get_text() for script in page.find_all("script"))
    titles = [link.get("title") for link in page.find_all("link", rel="alternate")]
    assert "Kestrel & <Friends> releases (Atom)" in titles


def test_extra_feeds_filter_by_series_and_phase(
    make_app: Any, project: Callable[..., Path]
) -> None:
    app = built(make_app, project)
    previews = ET.parse(Path(app.outdir, "k51-pre.atom")).getroot()
    assert previews.findtext(f"{A}title") == "5.1 previews"
    assert [e.findtext(f"{A}title") for e in previews.findall(f"{A}entry")] == [
        RC1_TITLE,
        "Kestrel 5.1.0 beta 1 is ready",
        "Kestrel 5.1.0 alpha 1 has landed",
    ]
    assert [i.findtext("title") for i in rss_items(app, "k51-pre")] == [
        e.findtext(f"{A}title") for e in previews.findall(f"{A}entry")
    ]
    finals = ET.parse(Path(app.outdir, "finals.atom")).getroot()
    assert finals.findtext(f"{A}title") == "Kestrel & <Friends> releases (finals)"
    assert [e.findtext(f"{A}title") for e in finals.findall(f"{A}entry")] == [
        "Kestrel 5.0.3 is out"  # 5.0.2 has no date; 5.0.1 is rendered nowhere
    ]


def test_feed_length(make_app: Any, project: Callable[..., Path]) -> None:
    app = built(make_app, project, confoverrides={"releases_feed_length": 2})
    assert len(atom_entries(app)) == len(rss_items(app)) == 2
    assert len(atom_entries(app, "k51-pre")) == 2
    assert [i.findtext("link") for i in rss_items(app)] == [
        BASE + link for _s, link, _d in NEWEST_FIRST[:2]
    ]


def test_no_feeds_without_baseurl(make_app: Any, project: Callable[..., Path]) -> None:
    app = built(make_app, project, confoverrides={"html_baseurl": ""})
    found = warnings_of(app)
    assert len(found) == 1  # the project configured feeds of its own: it is told why none come
    assert "html_baseurl" in found[0]
    assert "[releases.feed]" in found[0]
    assert "conf.py:8: WARNING" in found[0]  # the line that configures the feeds
    assert sorted(written(app)) == ["releases.json"]
    links = soup(app, "index.html").find_all("link", rel="alternate")
    assert [link["type"] for link in links] == ["text/calendar"]  # the calendar needs no base


def test_no_feed_warning_without_baseurl_when_no_feed_was_asked_for(
    make_app: Any, project: Callable[..., Path]
) -> None:
    app = built(make_app, project, confoverrides={"html_baseurl": "", "releases_feeds": []})
    assert warnings_of(app) == []
    assert sorted(written(app)) == ["releases.json"]


def test_no_feed_warning_without_notes(make_app: Any, project: Callable[..., Path]) -> None:
    app = built(make_app, project, confoverrides={"html_baseurl": "", "releases_notes": []})
    assert [w for w in warnings_of(app) if "releases.feed" in w] == []
    assert releases_json(app)["announcements"] == []


def test_bad_feed_configuration_warns_and_keeps_the_main_feed(
    make_app: Any, project: Callable[..., Path]
) -> None:
    app = built(
        make_app, project, confoverrides={"releases_feeds": [{"name": "x", "phase": ["gamma"]}]}
    )
    found = [w for w in warnings_of(app) if "[releases.no_date]" not in w]
    assert len(found) == 1
    assert "[releases.config]" in found[0]
    assert "unknown phase 'gamma'" in found[0]
    assert sorted(written(app)) == ["releases.atom", "releases.json", "releases.rss"]


@pytest.mark.parametrize(
    ("builder", "page", "prefix"),
    [
        ("html", "index.html", ""),
        ("html", "notes/5.1.0a1.html", "../"),
        ("dirhtml", "notes/5.1.0a1/index.html", "../../"),
        ("singlehtml", "index.html", ""),
    ],
)
def test_pages_link_to_the_feeds(
    make_app: Any, project: Callable[..., Path], builder: str, page: str, prefix: str
) -> None:
    app = built(make_app, project, builder)
    links = [
        (link.get("type"), link.get("href"))
        for link in soup(app, page).find_all("link", rel="alternate")
    ]
    assert links == [
        *(
            (kind, f"{prefix}{name}.{suffix}")
            for name in ("releases", "k51-pre", "finals")
            for kind, suffix in (("application/atom+xml", "atom"), ("application/rss+xml", "rss"))
        ),
        ("text/calendar", f"{prefix}releases.ics"),
    ]
    for _kind, href in links:
        assert (Path(app.outdir, page).parent / href).resolve().is_file()


# -- the feed module alone ---------------------------------------------------------------------


def test_feed_specs_validation() -> None:
    assert feed_specs([{"name": "pre", "series": "3.14", "phase": ["a", "release candidate"]}]) == (
        FeedSpec("pre", None, ("3.14",), (Phase.ALPHA, Phase.RC)),
    )
    for bad, message in [
        ({"name": "x"}, "list of mappings"),
        (["x"], "mapping"),
        ([{"name": "../up"}], "letters, digits"),
        ([{"name": "releases"}], "used twice"),
        ([{"name": "a"}, {"name": "a"}], "used twice"),
        ([{"name": "a", "serie": ["3.1"]}], "unknown feed keys serie"),
        ([{"name": "a", "series": ["3"]}], "not major.minor"),
        ([{"name": "a", "phase": "gamma"}], "unknown phase"),
        ([{"name": "a", "title": 3}], "title should be text"),
    ]:
        with pytest.raises(ValueError, match=message):
            feed_specs(bad)


def test_feed_spec_needs_one_release_matching_every_filter() -> None:
    spec = FeedSpec("x", series=("3.14",), phases=(Phase.BETA,))
    both = read_text("---\nversions: [3.14.0b1, 3.13.2]\n---\n", "a.md")
    apart = read_text("---\nversions: [3.14.0, 3.13.0b1]\n---\n", "b.md")
    none = read_text("---\ntitle: Sprint\n---\n", "c.md")
    assert [spec.selects(n) for n in (both, apart, none)] == [True, False, False]
    assert FeedSpec("all").selects(none)


def test_newest_first_breaks_ties_by_version_then_path() -> None:
    notes = [
        read_text(f"---\ntitle: {title}\ndate: {date}\n---\n", source)
        for source, title, date in [
            ("b.md", "Sprint", "2020-01-01"),
            ("a.md", "Sprint", "2020-01-01"),
            ("c.md", "Kestrel 1.0.0", "2020-01-01"),
            ("d.md", "Kestrel 1.1.0", "2020-01-01"),
            ("e.md", "Kestrel 0.9.0", "2020-02-01"),
            ("f.md", "Kestrel 2.0.0", "null"),
        ]
    ]
    assert [n.source for n in feeds.newest_first(notes)] == ["e.md", "d.md", "c.md", "a.md", "b.md"]


@pytest.mark.parametrize(
    ("body", "syntax", "expected"),
    [
        (
            "# Heading\n\nFirst **bold** and `code`.\nStill first.\n\nSecond.",
            "markdown",
            "First bold and code. Still first.",
        ),
        ("[https://x.org/](https://x.org/)\n\n", "markdown", "https://x.org/"),
        (
            "- a list\n- only\n\n![logo](l.png)\n\n<div>\n\nText <br> after\\_escape.",
            "markdown",
            "Text after_escape.",
        ),
        (
            "Title\n=====\n\nSee :pep:`8` and `docs <https://x.org>`_, *really*.",
            "rst",
            "See PEP 8 and docs, really.",  # a :pep: role reads as its words
        ),
        ("=====\nTitle\n=====\n\n.. note:: skipped\n\n``literal`` text", "rst", "literal text"),
        ("# Only a heading\n", "markdown", ""),
    ],
)
def test_first_paragraph(body: str, syntax: str, expected: str) -> None:
    assert first_paragraph(body, syntax) == expected


def test_characters_xml_cannot_hold_are_dropped() -> None:
    note = read_text('---\ntitle: "Bell \\a and <b> & more"\ndate: 2020-01-01\n---\n', "x.md")
    entry = Entry(note, "https://x.org/a.html", "tag:x.org,2020-01-01:x.md", dt.date(2020, 1, 1))
    feed = Feed("T & <t>", "https://x.org/releases.atom", "https://x.org/", "P", entry.updated)
    atom = ET.fromstring(feeds.atom(feed, [entry]))
    assert atom.findtext(f"{A}entry/{A}title") == "Bell  and <b> & more"
    rss = ET.fromstring(feeds.rss(feed, [entry]))
    assert rss.findtext("channel/item/title") == "Bell  and <b> & more"
    assert rss.findtext("channel/title") == "T & <t>"


def test_tag_uri() -> None:
    day = dt.date(2020, 1, 2)
    assert (
        feeds.tag_uri("https://u@x.org:8080/a/b/", "n/1.md", day)
        == "tag:x.org,2020-01-02:a/b/n/1.md"
    )
    assert feeds.tag_uri("https://x.org", "n/1.md", day) == "tag:x.org,2020-01-02:n/1.md"


def test_rss_descriptions_are_escaped_as_html_too() -> None:
    """RSS readers render ``<description>`` as HTML: markup from a note must arrive as text."""
    note = read_text(
        '---\ntitle: T\ndate: 2020-01-01\ndescription: "Fixes <iframe src=x> & more"\n---\n', "x.md"
    )
    entry = Entry(note, "https://x.org/a.html", "tag:x.org,2020-01-01:x.md", dt.date(2020, 1, 1))
    feed = Feed("T", "https://x.org/releases.atom", "https://x.org/", "P", entry.updated)
    rss = ET.fromstring(feeds.rss(feed, [entry]))
    assert rss.findtext("channel/item/description") == "Fixes &lt;iframe src=x&gt; &amp; more"
    atom = ET.fromstring(feeds.atom(feed, [entry]))  # type="text": escaped once is enough
    assert atom.findtext(f"{A}entry/{A}summary") == "Fixes <iframe src=x> & more"
