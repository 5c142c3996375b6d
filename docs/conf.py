"""Sphinx configuration of the sphinxcontrib-releases documentation (and its live demo)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sphinxcontrib_releases import __version__

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinxcontrib-releases"
author = "The sphinxcontrib-releases team"
copyright = "the sphinxcontrib-releases team"
version = release = __version__

extensions = [
    "sphinxcontrib_releases",  # loads sphinx_design and myst_parser as well
    "releases_docs",  # docs/_ext: tables generated from the extension's definitions
]

# The demo and this project's own changelog are note files inside the source folder, so each
# of them is also a page. demo/CHANGES.md is a changelog (one file, a section per release).
releases_notes = ["demo/notes/*.md", "demo/CHANGES.md", "changelog/*.md"]
# Three products: the demo's notes announce Python (one names no product in its title, so it is
# Python's too) and Kiln (its changelog says so in its front matter), the changelog's announce
# sphinxcontrib-releases (its titles say so).
releases_product = "Python"
# where the issues of the demo's made-up tool would be: #58 in its changelog links there
releases_issue_url = "https://example.org/kiln/issues/{number}"
# The day planned releases are compared with (overdue or not, and the calendar's DTSTAMP): fixed,
# so that the site does not change with the day it is built on.
releases_today = "2025-05-01"

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]

exclude_patterns = [
    "_build",
    # inputs of the examples: shown with literalinclude and rendered with include
    "examples",
    # a project of its own (see docs_subprojects)
    "demo-de",
]

# Projects of their own that the build of this site builds after it, each into a folder of the
# site (docs/_ext/releases_docs.py): the demo in German, since a project has one language.
docs_subprojects = {"de": "demo-de"}

html_theme = "furo"
html_title = f"sphinxcontrib-releases {release}"
html_static_path = ["_static"]
html_css_files = ["releases-docs.css"]
# where the site is published: the HTML builder needs it for the links of the release feeds
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://sphinxcontrib-releases.readthedocs.io/en/latest/"
)
