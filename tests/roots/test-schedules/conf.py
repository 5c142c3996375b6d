from __future__ import annotations

project = "Acme"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md", "notes/*.rst"]
releases_today = "2025-03-01"
html_baseurl = "https://acme.example.org/docs/"
releases_calendars = [
    {"name": "acme-previews", "product": "Acme", "phase": ["alpha", "beta", "rc"]}
]
