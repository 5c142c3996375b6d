from __future__ import annotations

project = "Releases test"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md", "notes/*.rst", "changelog.d/*.md"]
exclude_patterns = ["_build", "changelog.d"]
