"""Names in the site: id-like, unique, and the same for a map on every build."""

from __future__ import annotations

import pytest

from cjm.build.backlog import title_of
from cjm.build.paths import slug_of, unique_slugs
from cjm.build.text import spreadsheet_cell, terminal_line


@pytest.mark.parametrize(
    ("file", "slug"),
    [
        ("journey.yaml", "journey"),
        ("es/Tienda Online.yaml", "es-tienda-online"),
        ("pl/Sklep łódź.yml", "pl-sklep-odz"),
        ("ÉTÉ/été.yaml", "ete-ete"),
        ("../x.yaml", "x"),
        ("日本.yaml", "map"),
    ],
)
def test_a_slug_is_id_like(file: str, slug: str) -> None:
    assert slug_of(file) == slug


def test_slugs_that_would_clash_get_a_number_in_the_project_order() -> None:
    assert unique_slugs(["a-b.yaml", "a/b.yaml", "A/B.yaml", "c.yaml"]) == {
        "a-b.yaml": "a-b",
        "a/b.yaml": "a-b-2",
        "A/B.yaml": "a-b-3",
        "c.yaml": "c",
    }


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
        ("nul\x00 and esc\x1b[31m", "nul and esc[31m"),
        (None, ""),
    ],
)
def test_a_spreadsheet_cell_never_starts_a_formula(value: object, cell: str) -> None:
    assert spreadsheet_cell(value) == cell


def test_a_terminal_line_has_no_controls_reordering_or_breaks() -> None:
    assert terminal_line("a\x1b[2J\u202eb\nc\r\nd\x07") == "a[2Jb c d"


def test_a_title_is_cut_at_a_word_before_the_trackers_limit() -> None:
    assert title_of("short  text\nhere") == "short text here"
    long = " ".join(["word"] * 100)
    cut = title_of(long)
    assert len(cut) <= 255 and cut.endswith("word…") and long.startswith(cut[:-1])
    assert len(title_of("x" * 400)) == 255
