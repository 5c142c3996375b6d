from __future__ import annotations

project = "Metadata test"
extensions = ["sphinxcontrib_releases"]
source_suffix = {".rst": "restructuredtext", ".txt": "restructuredtext", ".md": "markdown"}
releases_notes = ["releases/*.txt", "blog/*.md", "news/*.rst"]
exclude_patterns = ["_build"]
releases_front_matter_keys = {"release_date": "date", "written_by": "author"}
