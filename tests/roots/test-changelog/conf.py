from __future__ import annotations

project = "Acme"
extensions = ["sphinxcontrib_releases"]
releases_notes = ["CHANGES.md", "notes/*.md"]
releases_changelogs = ["plugin/CHANGES.rst"]
releases_issue_url = "https://github.com/example/acme/issues/{number}"
html_baseurl = "https://acme.example.org/"
