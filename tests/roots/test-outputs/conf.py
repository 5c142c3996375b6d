from __future__ import annotations

project = "Kestrel & <Friends>"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["notes/*.md", "notes/*.rst", "outside/*.md"]
exclude_patterns = ["_build", "outside"]
html_baseurl = "https://kestrel.example.org/docs/"
releases_feeds = [
    {
        "name": "k51-pre",
        "title": "5.1 previews",
        "series": ["5.1"],
        "phase": ["alpha", "beta", "rc"],
    },
    {"name": "finals", "phase": "final"},
]
