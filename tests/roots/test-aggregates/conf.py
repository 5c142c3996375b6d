from __future__ import annotations

project = "Aggregates test"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md", "notes/*.rst"]
