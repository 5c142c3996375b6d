from __future__ import annotations

project = "Orbit"
extensions = ["sphinxcontrib_releases", "myst_parser"]
releases_notes = ["notes/*.md", "notes/*.rst"]
exclude_patterns = ["_build"]
