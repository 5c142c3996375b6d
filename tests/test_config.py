"""Configuration: every option defined once, validated at start-up, falling back on error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinxcontrib_releases.config import OPTIONS, PREFIX, ReleasesConfig
from tests.conftest import build, rewrite, warnings_of


def test_every_option_has_help_a_validator_and_a_rebuild_level() -> None:
    for option in OPTIONS:
        assert option.metadata["help"].strip(), option.name
        assert callable(option.metadata["validator"]), option.name
        assert option.metadata["rebuild"] in {"env", "html", ""}, option.name
        default = option.default_factory()  # type: ignore[misc]
        assert option.metadata["validator"](default) == (
            tuple(default) if isinstance(default, list) else default
        )


def test_option_names_do_not_collide_with_the_older_releases_extension() -> None:
    older = {
        "debug",
        "document_name",
        "issue_uri",
        "release_uri",
        "github_path",
        "unstable_prehistory",
        "supported_versions",
        "development_branch",
        "extra_feature_types",
    }
    assert not older & {o.name for o in OPTIONS}
    assert all(PREFIX + o.name for o in OPTIONS)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("releases_phase_colors", {"gamma": "info"}, "unknown phase 'gamma'"),
        ("releases_phase_colors", {"alpha": "pink"}, "'pink' is not one of"),
        ("releases_phase_colors", {"alpha": ["danger"]}, "['danger'] is not one of"),
        ("releases_feature_headings", ["(unclosed"], "is not a regular expression"),
        ("releases_similarity", 3, "expected a number above 0 and at most 1"),
        ("releases_max_note_bytes", -5, "expected a positive whole number"),
        ("releases_notes", [1, 2], "expected a list of strings"),
        ("releases_front_matter_keys", {"when": "birthday"}, "'birthday' is not one of"),
        ("releases_front_matter_keys", ["when"], "expected a mapping"),
        ("releases_date_format", "today", "'today' names no part of the date"),
        ("releases_date_format", 8601, "expected a string"),
        ("releases_today", "2025-02-30", "'2025-02-30' is not a date as 'YYYY-MM-DD'"),
        ("releases_today", "next Monday", "is not a date as 'YYYY-MM-DD'"),
        ("releases_phase_colors", {"later": "light"}, "unknown phase 'later'"),
    ],
)
def test_bad_values_warn_and_fall_back(
    make_app: Any, project: Callable[[str], Path], name: str, value: object, message: str
) -> None:
    app = build(make_app, project("basic"), confoverrides={name: value})
    warnings = "\n".join(warnings_of(app))
    # located at the line of conf.py that sets the value (line 1 when it comes from elsewhere)
    line = 5 if name == "releases_notes" else 1
    assert f"conf.py:{line}: WARNING: {name}: " in warnings and message in warnings
    assert "[releases.config]" in warnings
    default = next(o for o in OPTIONS if PREFIX + o.name == name).default_factory()  # type: ignore[misc]
    assert app.config[name] == (list(default) if isinstance(default, tuple) else default)


def test_phase_colours_are_configurable(make_app: Any, project: Callable[[str], Path]) -> None:
    app = build(
        make_app, project("basic"), confoverrides={"releases_phase_colors": {"alpha": "dark"}}
    )
    html = (Path(app.outdir) / "notes" / "4.2.0a1.html").read_text(encoding="utf-8")
    assert "sd-bg-dark sd-bg-text-dark releases-badge releases-phase-alpha" in html
    assert "releases-phase-beta" not in html
    assert ReleasesConfig().phase_colors["beta"] == "warning"


def _badge_classes(outdir: Path) -> dict[str, set[str]]:
    """The colour classes of the alpha badge of a note page, of the same badge in the index, and
    of the index's ``planned`` badge."""
    from bs4 import BeautifulSoup

    def colours(page: str, selector: str) -> set[str]:
        html = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
        badge = html.select_one(selector)
        assert badge is not None, (page, selector)
        return {c for c in badge["class"] if c.startswith("sd-bg-")}

    return {
        "note page": colours("notes/2.4.0a1.html", ".releases-badge.releases-phase-alpha"),
        "index": colours("index.html", ".releases-badge.releases-phase-alpha"),
        "planned": colours("index.html", ".releases-badge.releases-planned"),
    }


def test_changed_phase_colours_reach_pages_already_read(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    """``releases_phase_colors`` is a matter of looks (rebuild ``html``): pages are written
    again with the new colours, without being read again."""
    srcdir = project("schedules")
    first = build(make_app, srcdir)
    assert _badge_classes(Path(first.outdir)) == {
        "note page": {"sd-bg-danger", "sd-bg-text-danger"},
        "index": {"sd-bg-danger", "sd-bg-text-danger"},
        "planned": {"sd-bg-light", "sd-bg-text-light"},
    }
    conf = srcdir / "conf.py"
    colours = 'releases_phase_colors = {"alpha": "dark", "planned": "info"}\n'
    rewrite(conf, conf.read_text(encoding="utf-8") + colours)
    second = build(make_app, srcdir)
    assert "0 added, 0 changed, 0 removed" in second.status.getvalue()  # nothing read again
    assert _badge_classes(Path(second.outdir)) == {
        "note page": {"sd-bg-dark", "sd-bg-text-dark"},
        "index": {"sd-bg-dark", "sd-bg-text-dark"},
        "planned": {"sd-bg-info", "sd-bg-text-info"},
    }


def test_pep_links_can_be_switched_off(make_app: Any, project: Callable[[str], Path]) -> None:
    app = build(make_app, project("basic"), confoverrides={"releases_pep_links": False})
    html = (Path(app.outdir) / "notes" / "4.2.0a1.html").read_text(encoding="utf-8")
    assert 'class="pep' not in html
    assert "PEP 9100 describes" in html


def test_directive_problems_warn_with_location(
    make_app: Any, project: Callable[[str], Path]
) -> None:
    srcdir = project("basic")
    (srcdir / "bad.rst").write_text(
        "Bad\n===\n\n.. release:: 9.9.9\n\n.. release:: banana\n\n.. release::\n\n"
        ".. release::\n   :file: nowhere.md\n\nSee :release:`7.0.0`.\n",
        encoding="utf-8",
    )
    app = build(make_app, srcdir)
    warnings = "\n".join(warnings_of(app))
    assert "bad.rst:4: WARNING: release: no note announces 9.9.9 [releases.not_found]" in warnings
    assert "bad.rst:6: WARNING: release: 'banana' is not a version [releases.version]" in warnings
    assert "bad.rst:8: WARNING: release: give a version or a :file: [releases.option]" in warnings
    assert (
        "bad.rst:10: WARNING: release: 'nowhere.md' does not exist [releases.not_found]" in warnings
    )
    assert "bad.rst:13: WARNING: release '7.0.0' is not rendered anywhere [releases.reference]" in (
        warnings
    )
    assert "Traceback" not in app.status.getvalue() + app.warning.getvalue()
