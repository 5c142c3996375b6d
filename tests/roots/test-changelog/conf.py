from __future__ import annotations

project = "Acme"
extensions = ["sphinxcontrib_releases"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}  # pages of its own in Markdown
releases_notes = ["CHANGES.md", "notes/*.md"]
releases_changelogs = ["plugin/CHANGES.rst"]
releases_issue_url = "https://github.com/example/acme/issues/{number}"
html_baseurl = "https://acme.example.org/"
