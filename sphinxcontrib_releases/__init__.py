"""Release notes as first-class Sphinx documents: pages, badges, indexes and feeds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from sphinxcontrib_releases.extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": 3,  # 3: changelogs (the note cache and model changed)
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
