"""Tests for finding PEP references in text (no Sphinx needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_releases.peps import MAX_PEP, find_peps, iter_pep_mentions
from tests.conftest import finishes

FOUND = [
    ("Frame pickling follows PEP 7001 closely.", (7001,)),
    ("see pep 8 for naming", (8,)),
    ("PEP-701 and PEP701 are the same", (701,)),
    ("PEP\u00a0750 with a non-breaking space", (750,)),
    ("(PEP 790)", (790,)),
    ("*PEP 791*", (791,)),
    ("[PEP 701](https://example.org/somewhere)", (701,)),
    ("[the f-string change](https://peps.python.org/pep-0701/)", (701,)),
    ("([docs](https://peps.python.org/pep-0684))", (684,)),
    ("bare peps.python.org/pep-0684 in prose", (684,)),
    ("[schedule](https://www.python.org/dev/peps/pep-0693/)", (693,)),
    ("old https://www.python.org/peps/pep-0008.html link", (8,)),
    ("`PEP 701 <https://peps.python.org/pep-0701/>`_", (701,)),
    ("The PEPs 594 and 632 removals", (594, 632)),
    ("PEPs 594, 603 and 632", (594, 603, 632)),
    ("PEPs 594, 603, and 632", (594, 603, 632)),
    ("PEPs 700 or 701", (700, 701)),
    ("Dough proofing (:pep:`701`).", (701,)),
    (":pep:`PEP 8 <8#section>`", (8,)),
    (":pep:`8#naming-conventions`", (8,)),
    ("MyST {pep}`657` role", (657,)),
    ("PEP 0 is the index", (0,)),
    ("PEP 9999 is the last possible", (9999,)),
    ("PEP 701, PEP 8 and again PEP 701", (8, 701)),
    ("see PEP 8.", (8,)),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_find_peps(text: str, expected: tuple[int, ...]) -> None:
    assert find_peps(text) == expected


NOT_PEPS = [
    "PEP",
    "PEPs are design documents",
    "PEPPER 5 is spicy",
    "PEP 12345 is too large",
    "https://peps.python.org/pep-12345/",
    "pepper8",
    "prepep 8",
    "PEP 3.15 is a version, not a PEP",
    # anchors and paths of other pages, not PEPs
    "[x](https://docs.python.org/3.15/whatsnew/3.15.html#pep-810-lazy-imports)",
    "https://example.org/python-pep8/",
    "https://example.org/search?q=pep+8",
    "https://github.com/example/peps/pep-0008.rst",
    "x:pep:`8`",
    "",
]


@pytest.mark.parametrize("text", NOT_PEPS)
def test_not_peps(text: str) -> None:
    assert find_peps(text) == ()


def mentions(text: str) -> list[tuple[str, int]]:
    return [(text[start:end], number) for start, end, number in iter_pep_mentions(text)]


def test_mentions_in_prose() -> None:
    assert mentions("Read PEP 701, pep 8, PEP-750 and PEP790.") == [
        ("PEP 701", 701),
        ("pep 8", 8),
        ("PEP-750", 750),
        ("PEP790", 790),
    ]


def test_mentions_of_a_plural_list() -> None:
    assert mentions("the PEPs 594 and 632 removals") == [("PEPs 594", 594), ("632", 632)]
    assert mentions("PEPs 594, 603, and 632.") == [
        ("PEPs 594", 594),
        ("603", 603),
        ("632", 632),
    ]
    assert mentions("PEPs 594, 603 and 632") == [("PEPs 594", 594), ("603", 603), ("632", 632)]


def test_a_singular_mention_takes_no_list() -> None:
    assert mentions("PEP 594 and 632") == [("PEP 594", 594)]


def test_link_text_is_prose_but_urls_are_not() -> None:
    text = "[PEP 701](https://peps.python.org/pep-0701/) and https://example.org/PEP-8"
    assert mentions(text) == [("PEP 701", 701)]
    assert find_peps(text) == (701,)


def test_relative_link_targets_are_not_prose() -> None:
    assert mentions("[style](pep-0008.html) (PEP 9)") == [("PEP 9", 9)]


def test_roles_are_not_prose() -> None:
    assert mentions("Use :pep:`8` and {pep}`257`.") == []
    assert find_peps("Use :pep:`8` and {pep}`257`.") == (8, 257)


def test_text_whose_lower_case_is_longer() -> None:
    # "İ" lower-cases to two characters: the positions must still be right.
    text = "İİ PEP 8 and https://peps.python.org/pep-0701/"
    assert mentions(text) == [("PEP 8", 8)]
    assert find_peps(text) == (8, 701)


@pytest.mark.parametrize(
    "text",
    [
        "PEP " * 20_000,
        "PEP" + " " * 50_000 + "x",
        "PEPs 1," * 20_000,
        ":pep:`" * 20_000,
        "https://peps.python.org/pep-" * 5_000,
        "x" * 100_000 + "pep",
        "(" + "pep" * 30_000,
    ],
)
def test_hostile_input_stays_fast(text: str) -> None:
    finishes(lambda: find_peps(text))
    finishes(lambda: list(iter_pep_mentions(text)))


@settings(max_examples=200, deadline=None)
@given(
    st.text()
    | st.lists(
        st.sampled_from(
            [
                "PEP",
                "PEPs",
                " ",
                "8",
                "701",
                ",",
                "and",
                "-",
                "/",
                ":pep:`",
                "`",
                "https://",
                "peps.python.org/pep-",
                "](",
                "İ",
            ]
        )
    ).map("".join)
)
def test_any_text(text: str) -> None:
    found = find_peps(text)
    assert list(found) == sorted(set(found))
    assert all(0 <= number <= MAX_PEP for number in found)
    for start, end, number in iter_pep_mentions(text):
        assert 0 <= start < end <= len(text)
        assert number in found
        assert text[start:end].rstrip("0123456789") != text[start:end]
