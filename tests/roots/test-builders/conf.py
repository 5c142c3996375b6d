from __future__ import annotations

project = "Orbit"
version = release = "3"
copyright = "2032, the Orbit team"
extensions = ["sphinxcontrib_releases", "myst_parser"]
releases_notes = ["notes/*.md", "notes/*.rst", "CHANGES.md"]
exclude_patterns = ["_build"]
