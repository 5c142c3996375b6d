from __future__ import annotations

project = "Snake"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md"]
releases_pep_data = "peps.json"
