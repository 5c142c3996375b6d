"""The shapes of collection that ``generate.py`` writes besides its own (``blog-yaml``).

One module per shape, each with ``build(n, seed) -> list[Written]``: the files of a collection
and, for each, what a perfect reader would find in it (:class:`~shapes.common.Truth`). Every
product, person and sentence is invented. Only the standard library is used.
"""
