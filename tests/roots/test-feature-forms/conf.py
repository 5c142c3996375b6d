from __future__ import annotations

project = "Feature forms test"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md", "notes/*.rst"]
