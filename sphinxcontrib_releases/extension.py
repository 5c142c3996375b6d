"""Wiring the extension into Sphinx, one ``setup_<feature>`` per concern."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinxcontrib_releases.config import setup_config
from sphinxcontrib_releases.locale import setup_locale

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent / "static"


def setup_extension(app: Sphinx) -> None:
    for dependency in ("sphinx_design", "myst_parser"):
        app.setup_extension(dependency)
    setup_config(app)
    setup_locale(app)
    setup_domain(app)
    setup_pages(app)
    setup_changelogs(app)
    setup_aggregates(app)
    setup_styles(app)
    setup_outputs(app)
    setup_version_directives(app)
    setup_pep_data(app)


def setup_domain(app: Sphinx) -> None:
    from sphinxcontrib_releases.domain import (
        ReleaseRole,
        ReleasesDomain,
        collect_notes,
        report_missing,
        rewrite_dependents,
    )

    app.add_domain(ReleasesDomain)
    app.add_role("release", ReleaseRole())
    app.connect("env-get-outdated", collect_notes)
    app.connect("env-get-updated", rewrite_dependents)
    app.connect("missing-reference", report_missing)


def setup_pages(app: Sphinx) -> None:
    from sphinxcontrib_releases.markup import remember_parsers
    from sphinxcontrib_releases.pages import remember_own_suffixes
    from sphinxcontrib_releases.render import (
        EmbeddedIds,
        NotePage,
        PlaceSections,
        ReleaseDirective,
        note_page_source,
    )

    app.connect("config-inited", remember_own_suffixes, priority=700)  # Sphinx merges at 800
    app.connect("builder-inited", remember_parsers)
    app.connect("source-read", note_page_source)
    app.add_transform(NotePage)
    app.add_transform(EmbeddedIds)
    app.add_transform(PlaceSections)
    app.add_directive("release", ReleaseDirective)


def setup_changelogs(app: Sphinx) -> None:
    from sphinxcontrib_releases.changelog_page import ChangelogPage
    from sphinxcontrib_releases.issues import register_roles

    app.add_transform(ChangelogPage)
    # late, so that the roles of other extensions (sphinx-issues' :issue:...) come first
    app.connect("builder-inited", register_roles, priority=900)


def setup_aggregates(app: Sphinx) -> None:
    from sphinxcontrib_releases.aggregate import setup_aggregates_rendering
    from sphinxcontrib_releases.collapse import add_collapse_nodes
    from sphinxcontrib_releases.feature_list import FeatureListDirective
    from sphinxcontrib_releases.pep_index import PepIndexDirective
    from sphinxcontrib_releases.release_index import ReleaseIndexDirective

    app.add_directive("release-index", ReleaseIndexDirective)
    app.add_directive("feature-list", FeatureListDirective)
    app.add_directive("pep-index", PepIndexDirective)
    add_collapse_nodes(app)  # long lists in their table cells
    setup_aggregates_rendering(app)


def setup_outputs(app: Sphinx) -> None:
    from sphinxcontrib_releases.outputs import advertise_feeds, write_outputs

    app.connect("html-page-context", advertise_feeds)
    app.connect("build-finished", write_outputs)


def setup_version_directives(app: Sphinx) -> None:
    from sphinxcontrib_releases.version_directives import (
        DocumentedChanges,
        VersionLinks,
        VersionTargets,
    )

    app.add_transform(VersionTargets)
    app.add_post_transform(VersionLinks)
    app.add_post_transform(DocumentedChanges)


def setup_pep_data(app: Sphinx) -> None:
    from sphinxcontrib_releases.pep_titles import PepTitles, load_pep_data

    app.connect("builder-inited", load_pep_data)
    app.add_transform(PepTitles)


def setup_styles(app: Sphinx) -> None:
    from sphinxcontrib_releases.badges import BadgeAnchors, BadgeColors

    app.add_post_transform(BadgeColors)
    app.add_post_transform(BadgeAnchors)
    app.connect("config-inited", _add_static_path)
    app.add_css_file("sphinxcontrib-releases.css")


def _add_static_path(app: Sphinx, config: Config) -> None:
    # at config-inited, so that the saved configuration of the last build has it too
    static = str(STATIC)
    if static not in config.html_static_path:
        config.html_static_path.append(static)
