from __future__ import annotations

project = "Releases test"
extensions = ["sphinxcontrib_releases", "myst_parser"]  # myst_parser: pages of its own in Markdown
releases_notes = ["notes/*.md", "notes/*.rst", "changelog.d/*.md"]
exclude_patterns = ["_build", "changelog.d"]
