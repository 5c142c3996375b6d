from __future__ import annotations

# the notes are the announcements of tests/fixtures/announcements, copied into notes/ by the test
project = "Python"
version = release = "3.12"
copyright = "2032, tests"
extensions = ["sphinxcontrib_releases", "myst_parser"]
releases_notes = ["notes/*.md"]
exclude_patterns = ["_build"]
