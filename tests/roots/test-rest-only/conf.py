from __future__ import annotations

# configured as the quickstart says, in a reST project: nothing asks for Markdown pages
project = "Orbit"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md"]
exclude_patterns = ["_build"]
