"""Pages in the project's language: labels from the shipped catalogs, dates by
``releases_date_format`` with the language's month names; warnings, CSS classes, JSON and feed
dates stay as they are."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx import locale as sphinx_locale
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_releases.badges import phase_words
from sphinxcontrib_releases.locale import _, catalogs, format_day
from sphinxcontrib_releases.model import Release
from tests.conftest import build, outputs, warnings_of

A = "{http://www.w3.org/2005/Atom}"


def soup(app: Any, page: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, page).read_text(encoding="utf-8"), "html.parser")


def texts(page: BeautifulSoup, selector: str) -> list[str]:
    return [node.get_text(" ", strip=True) for node in page.select(selector)]


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory, rootdir: Path) -> Any:
    srcdir = tmp_path_factory.mktemp("i18n") / "src"
    shutil.copytree(rootdir / "test-i18n", srcdir)
    return build(SphinxTestApp, srcdir, confoverrides={"nitpicky": True})


def test_german_release_index(german: Any) -> None:
    page = soup(german, "index.html")
    table = page.select_one("table.releases-index")
    assert texts(table, "th") == ["Version", "Datum", "Autor", "Neuerungen", "PEPs"]
    rows = [[c.get_text(" ", strip=True) for c in r.select("td")] for r in table.select("tbody tr")]
    assert rows[0] == ["2.0.0 Final", "3. Juli 2023", "Dee Example", "0", ""]
    assert [row[:2] for row in rows[1:]] == [
        ["2.0.0rc1 RC 1", "1. Juni 2023"],
        ["2.0.0b2 Beta 2", "10. Mai 2023"],
        ["2.0.0a4 Alpha 4", "3. April 2023"],
    ]


def test_german_note_page(german: Any) -> None:
    page = soup(german, "notes/a4.html")
    assert texts(page, "p.releases-byline") == ["3. April 2023 · Dee Example"]
    (badge,) = page.select("span.releases-badge")
    assert badge.get_text() == "Alpha 4"
    # the classes name the phase in English, whatever the language
    assert "releases-phase-alpha" in badge["class"]


def test_german_series_list_and_features(german: Any) -> None:
    page = soup(german, "views.html")
    assert texts(page.select_one("table.releases-series"), "th") == [
        "Reihe",
        "Erste Alpha",
        "Erste Beta",
        "Erster RC",
        "Finale Version",
        "Neueste",
        "Veröffentlichungen",
    ]
    series = texts(page.select_one("table.releases-series"), "td")
    assert series[:2] == ["2.0", "2.0.0a4 3. April 2023"]
    assert texts(page.find("section", id="list"), "li")[-1] == "2.0.0a4 Alpha 4 — 3. April 2023"

    features = page.find("section", id="features")
    assert texts(features, "p.rubric") == ["Allgemein"]
    assert texts(features, "em.releases-reworded") == ["(umformuliert in 2.0.0b2)"]
    assert texts(features, "span.releases-badge") == ["2.0.0a4 · Alpha 4"] * 2
    table = page.find("section", id="features-as-a-table")
    assert texts(table, "th") == ["Neuerung", "Abschnitt", "Erste Veröffentlichung", "PEPs"]
    assert texts(page.find("section", id="peps"), "th") == ["PEP", "Zuerst erwähnt in", "Auch in"]


def test_german_link_titles(german: Any) -> None:
    """The tooltip of a link to a release names its phase in the page's language too."""
    links = soup(german, "views.html").select("a.reference.internal[title]")
    assert [link["title"] for link in links[:2]] == ["2.0.0a4 (Alpha 4)", "2.0.0b2 (Beta 2)"]


def test_german_empty_aggregates_and_english_warnings(german: Any) -> None:
    page = soup(german, "views.html")
    assert texts(page, "p.releases-empty") == [
        "Keine passenden Veröffentlichungen.",
        "Keine der ausgewählten Veröffentlichungen nennt Neuerungen.",
        "Keine der ausgewählten Veröffentlichungen erwähnt PEPs.",
    ]
    (warning,) = warnings_of(german)
    assert "release-index: no release matches the filters [releases.filter]" in warning


def test_no_english_label_is_left_in_german_pages(german: Any) -> None:
    """Headers, badges, rubrics and empty texts: none is a message the catalog translates
    differently (``Version`` and ``PEPs`` are German too)."""
    german_words = catalogs.messages(catalogs.read(catalogs.po_path("de"), "de"))
    # ("Final", the header of English series tables, is also the German badge of a final)
    english = {msgid for msgid, string in german_words.items() if string != msgid}
    english -= set(german_words.values())
    shown = set()
    for name in ("index.html", "views.html", "notes/a4.html", "notes/final.html"):
        page = soup(german, name)
        shown.update(texts(page, "th, span.releases-badge, p.rubric, p.releases-empty"))
    assert shown
    assert sorted(shown & english) == []


def test_feeds_have_translated_titles_and_standard_dates(german: Any) -> None:
    feed = ET.parse(Path(german.outdir, "releases.atom")).getroot()
    assert feed.findtext(f"{A}title") == "Veröffentlichungen von Kettle"
    assert feed.findtext(f"{A}updated") == "2023-07-03T00:00:00Z"
    head = soup(german, "index.html").select('link[rel="alternate"]')
    assert [link["title"] for link in head] == [
        "Veröffentlichungen von Kettle (Atom)",
        "Veröffentlichungen von Kettle (RSS)",
        "Veröffentlichungskalender von Kettle (iCalendar)",
    ]
    data = json.loads(Path(german.outdir, "releases.json").read_text(encoding="utf-8"))
    assert "2023-04-03" in {entry.get("date") for entry in data["announcements"]}


@pytest.mark.parametrize(
    ("language", "date_format", "expected"),
    [
        (
            "fr",
            "%-d %B %Y",
            {
                "series": ["Série", "Première alpha", "Première bêta", "Première RC"],
                "badge": "alpha 4",
                "final": "finale",
                "byline": "3 avril 2023 · Dee Example",
                "empty": "Aucune version ne correspond.",
            },
        ),
        (
            "ja",
            "%Y年%B%-d日",
            {
                "series": ["シリーズ", "最初のアルファ", "最初のベータ", "最初の RC"],
                "badge": "アルファ 4",
                "final": "正式版",
                "byline": "2023年4月3日 · Dee Example",
                "empty": "条件に一致するリリースはありません。",
            },
        ),
        (
            "es",
            "%-d de %B de %Y",
            {
                "series": ["Serie", "Primera alfa", "Primera beta", "Primera RC"],
                "badge": "alfa 4",
                "final": "final",
                "byline": "3 de abril de 2023 · Dee Example",
                "empty": "Ninguna versión coincide.",
            },
        ),
        (
            "en",
            "%Y-%m-%d",
            {
                "series": ["Series", "First alpha", "First beta", "First RC"],
                "badge": "alpha 4",
                "final": "final",
                "byline": "2023-04-03 · Dee Example",
                "empty": "No releases match.",
            },
        ),
    ],
)
def test_other_languages(
    make_app: Any,
    project: Callable[[str], Path],
    language: str,
    date_format: str,
    expected: dict[str, Any],
) -> None:
    overrides = {"language": language, "releases_date_format": date_format}
    app = build(make_app, project("i18n"), confoverrides=overrides)
    views = soup(app, "views.html")
    assert texts(views.select_one("table.releases-series"), "th")[:4] == expected["series"]
    assert texts(views, "p.releases-empty")[0] == expected["empty"]
    page = soup(app, "notes/a4.html")
    assert texts(page, "span.releases-badge") == [expected["badge"]]
    assert texts(page, "p.releases-byline") == [expected["byline"]]
    assert texts(soup(app, "notes/final.html"), "span.releases-badge") == [expected["final"]]


def test_text_builder_writes_the_translated_words(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    app = build(make_app, project("i18n"), "text")
    views = Path(app.outdir, "views.txt").read_text(encoding="utf-8")
    assert "| Reihe " in views and "2.0.0a4 3. April 2023" in views
    note = Path(app.outdir, "notes", "a4.txt").read_text(encoding="utf-8")
    assert "Alpha 4" in note and "3. April 2023 · Dee Example" in note


def test_changing_the_date_format_or_the_language_rereads_the_pages(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    """Both are written into the doctrees when pages are read: a change re-reads every page."""
    srcdir = project("i18n")
    first = build(make_app, srcdir)
    assert texts(soup(first, "notes/a4.html"), "p.releases-byline") == [
        "3. April 2023 · Dee Example"
    ]
    dotted = build(make_app, srcdir, confoverrides={"releases_date_format": "%d.%m.%Y"})
    assert texts(soup(dotted, "notes/a4.html"), "p.releases-byline") == ["03.04.2023 · Dee Example"]
    assert texts(soup(dotted, "index.html"), "td")[1] == "03.07.2023"
    french = build(
        make_app, srcdir, confoverrides={"language": "fr", "releases_date_format": "%d.%m.%Y"}
    )
    assert texts(soup(french, "index.html"), "th")[1] == "Date"
    assert texts(soup(french, "notes/a4.html"), "span.releases-badge") == ["alpha 4"]


def test_parallel_equals_serial(german: Any, make_app: Any, project: Callable[..., Path]) -> None:
    parallel = build(make_app, project("i18n", "parallel"), parallel=2)
    assert outputs(Path(parallel.outdir)) == outputs(Path(german.outdir))


def test_a_later_build_in_another_language_is_not_kept_in_the_first(
    project: Callable[[str], Path],
) -> None:
    """Two builds in one process, the first one's translations not cleared (as a script that
    builds a site in two languages would do): the second has its own words."""
    apps = []
    try:
        for language, where in (("de", "de"), ("en", "en")):
            app = SphinxTestApp(
                "html", srcdir=project("i18n", where), confoverrides={"language": language}
            )
            apps.append(app)
            app.build()
        assert texts(soup(apps[0], "notes/a4.html"), "span.releases-badge") == ["Alpha 4"]
        assert texts(soup(apps[1], "notes/a4.html"), "span.releases-badge") == ["alpha 4"]
    finally:
        for app in apps:
            app.cleanup()
        sphinx_locale.translators.clear()


# -- the parts, without a build ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_format", "language", "expected"),
    [
        ("%Y-%m-%d", "de", "2023-04-03"),
        ("%-d. %B %Y", "de", "3. April 2023"),
        ("%d. %b %Y", "de", "03. Apr. 2023"),
        ("%-d %B %Y", "fr", "3 avril 2023"),
        ("%A %-d %B %Y", "es", "lunes 3 abril 2023"),
        ("%Y年%B%-d日", "ja", "2023年4月3日"),
        ("%B %-d, %Y", "en", "April 3, 2023"),
        ("%B %-d, %Y", "xx", "April 3, 2023"),  # a language Babel does not know: English names
    ],
)
def test_dates_follow_the_format_and_the_language(
    date_format: str, language: str, expected: str
) -> None:
    assert format_day(dt.date(2023, 4, 3), date_format, language) == expected


def test_outside_a_build_the_words_are_english() -> None:
    words = [phase_words(Release(v)) for v in ("1.0.0a4", "1.0.0b2", "1.0.0rc1", "1.0.0")]
    assert words == ["alpha 4", "beta 2", "rc 1", "final"]
    assert [phase_words(Release(v)) for v in ("1.0.0.dev3", "1.0.0.post1")] == ["dev 3", "post 1"]
    assert type(_("Series")) is str


# -- the catalogs ------------------------------------------------------------------------------


def test_catalogs_are_complete_and_compiled() -> None:
    """Every message of the sources is in the template and translated (not fuzzy) in every
    language, with the same placeholders; every .mo holds what its .po says."""
    assert catalogs.languages() == ["de", "es", "fr", "ja"]
    assert catalogs.problems() == []


@pytest.fixture
def scratch_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the catalogs, which the catalog functions then use."""
    copy = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__py*"))
    monkeypatch.setattr(catalogs, "LOCALE_DIR", copy)
    monkeypatch.setattr(catalogs, "TEMPLATE", copy / catalogs.TEMPLATE.name)
    return copy


def _edit_po(language: str, edit: Callable[[Any], None]) -> None:
    path = catalogs.po_path(language)
    catalog = catalogs.read(path, language)
    edit(catalog)
    path.write_bytes(catalogs._po_bytes(catalog))


def test_catalog_problems_are_found(scratch_catalogs: Path) -> None:
    def spoil(catalog: Any) -> None:
        catalog["Series"].string = ""
        catalog["Latest"].flags.add("fuzzy")
        catalog["alpha {number}"].string = "Alpha {nummer}"
        catalog.add("Gone", "Weg")
        del catalog["Also in"]

    _edit_po("de", spoil)
    catalogs.mo_path("fr").unlink()
    found = catalogs.problems()
    assert found == [
        "de/sphinxcontrib-releases.po: 'Also in' is missing",
        "de/sphinxcontrib-releases.po: 'Gone' is not in the sources",
        "de/sphinxcontrib-releases.po: 'alpha {number}' and 'Alpha {nummer}' differ in "
        "placeholders",
        "de/sphinxcontrib-releases.po: 'Series' is not translated",
        "de/sphinxcontrib-releases.po: 'Latest' is fuzzy (to be checked)",
        "de/sphinxcontrib-releases.po: sphinxcontrib-releases.mo is out of date "
        "(compile the catalogs)",
        "fr/sphinxcontrib-releases.po: not compiled (sphinxcontrib-releases.mo is missing)",
    ]


def test_update_merges_the_template_and_compile_writes_the_mo(scratch_catalogs: Path) -> None:
    _edit_po("de", lambda catalog: catalog.delete("Also in"))
    catalogs.TEMPLATE.write_text("", encoding="utf-8")
    changed = catalogs.update()
    assert changed == [catalogs.TEMPLATE, catalogs.po_path("de")]
    assert catalogs.problems() == [
        "de/sphinxcontrib-releases.po: 'Also in' is not translated",
        "de/sphinxcontrib-releases.po: sphinxcontrib-releases.mo is out of date "
        "(compile the catalogs)",
    ]
    _edit_po("de", lambda catalog: setattr(catalog["Also in"], "string", "Ebenfalls in"))
    assert catalogs.problems() == [
        "de/sphinxcontrib-releases.po: sphinxcontrib-releases.mo is out of date "
        "(compile the catalogs)"
    ]
    assert catalogs.compile_all() == [catalogs.mo_path("de")]
    assert catalogs.problems() == []
    assert catalogs.update() == [] and catalogs.compile_all() == []  # nothing else to do


def test_new_language(scratch_catalogs: Path) -> None:
    changed = catalogs.update(["it"])
    assert changed == [catalogs.po_path("it")]
    assert "it" in catalogs.languages()
    found = catalogs.problems()
    assert found[0] == "it/sphinxcontrib-releases.po: 'No releases match.' is not translated"
    assert found[-1] == (
        "it/sphinxcontrib-releases.po: not compiled (sphinxcontrib-releases.mo is missing)"
    )


def test_the_dates_table_of_the_docs() -> None:
    """Each cell of the table of date formats in ``docs/translations.md`` is what the format
    gives for 7 October 2024 in its column's language."""
    page = Path(__file__).parents[1] / "docs" / "translations.md"
    lines = [line for line in page.read_text(encoding="utf-8").splitlines() if line[:1] == "|"]
    header = [cell.strip(' `"') for cell in lines[0].strip("|").split("|")]
    languages = [cell.split('"')[-1] for cell in header[1:]]
    checked = 0
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        date_format = cells[0].split("`")[1].strip('"')
        for language, shown in zip(languages, cells[1:], strict=True):
            if shown:
                assert format_day(dt.date(2024, 10, 7), date_format, language) == shown
                checked += 1
    assert checked >= 12
