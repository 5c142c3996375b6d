from __future__ import annotations

project = "Gizmo"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md", "notes/*.rst"]
html_baseurl = "https://gizmo.example/"
releases_feeds = [{"name": "gizmoup", "product": ["GIZMOUP"]}]
