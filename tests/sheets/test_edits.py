"""What an import writes: only the changed values, in the map's own style; every other byte kept."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from cjm.sheets.read import parse_csv
from tests.conftest import run_cjm
from tests.sheets.helpers import data_of, imported_text, write_csv

MAP = """\
# A map written by hand: comments, flow and block styles, quotes of every kind.
cjm: 1
title: Tienda
business: b2c
personas:
  - {id: buyer, name: Buyer}   # the only one
channels:
  - {id: web, name: Web}
  - {id: shop, name: Shop}
stages:
  - id: one
    name: One
    kpis: [{name: Reach, target: 10}]   # flow
    touchpoints:
      # the first touchpoint
      - action: "Finds the shop"   # quoted
        channel: web
        owner:
        thoughts: 'it''s fine'
        evidence: [a, b]
        frontstage:
          - x   # first lane item
          - y
      - id: pays
        action: Pays
        channel: web
        emotion: -1
    pain_points: []  # none found
  - id: two
    name: Two
    touchpoints:
      - id: t2
        action: |
          Block
          text
        channel: web
"""


@pytest.fixture
def map_path(tmp_path: Path) -> Path:
    path = tmp_path / "journey.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def changed_lines(old: str, new: str) -> list[str]:
    """The diff as '-old' / '+new' lines, without context."""
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), n=0, lineterm="")
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


TOUCHPOINT_HEADER = [
    "stage",
    "id",
    "action",
    "channel",
    "emotion",
    "owner",
    "thoughts",
    "evidence",
    "frontstage",
]


def test_values_keep_their_quoting_and_lists_keep_their_style(map_path: Path) -> None:
    rows = [
        TOUCHPOINT_HEADER,
        ["one", "", "Finds the shop", "shop", "", "Ana", "it's great", "a; c", "x; z; y"],
        ["one", "pays", "Pays by card", "web", "2", "", "", "", ""],
    ]
    assert changed_lines(MAP, imported_text(map_path, rows)) == [
        "-        channel: web",
        "-        owner:",
        "-        thoughts: 'it''s fine'",
        "-        evidence: [a, b]",
        "+        channel: shop",
        "+        owner: Ana",
        "+        thoughts: 'it''s great'",
        "+        evidence: [a, c]",
        "+          - z",
        "-        action: Pays",
        "+        action: Pays by card",
        "-        emotion: -1",
        "+        emotion: 2",
    ]


def test_a_quoted_value_stays_quoted_and_text_that_needs_quotes_gets_them(map_path: Path) -> None:
    rows = [
        ["stage", "id", "action", "channel", "thoughts", "owner"],
        ["one", "pays", "Pays", "web", "Precio: 7 € # caro", "null"],
    ]
    new = imported_text(map_path, rows)
    assert changed_lines(MAP, new) == [  # new keys: plain when they can be, else double quotes
        '+        thoughts: "Precio: 7 € # caro"',
        '+        owner: "null"',
    ]
    touchpoint = data_of(new)["stages"][0]["touchpoints"][1]
    assert (touchpoint["thoughts"], touchpoint["owner"]) == ("Precio: 7 € # caro", "null")


def test_new_keys_go_after_the_key_before_them_in_the_format(map_path: Path) -> None:
    rows = [["stage", "id", "name", "target", "current", "source"], ["one", "", "Reach", "10", "7", "GA4"]]
    assert changed_lines(MAP, imported_text(map_path, rows)) == [
        "-    kpis: [{name: Reach, target: 10}]   # flow",
        "+    kpis: [{name: Reach, target: 10, current: 7, source: GA4}]   # flow",
    ]


def test_a_block_scalar_stays_a_block(map_path: Path) -> None:
    rows = [["stage", "id", "action", "channel"], ["two", "t2", "Block\ntext, two", "web"]]
    assert changed_lines(MAP, imported_text(map_path, rows)) == [
        "-        action: |",
        "+        action: |-",
        "-          text",
        "+          text, two",
    ]


def test_an_empty_cell_removes_the_key_and_only_its_lines(map_path: Path) -> None:
    rows = [TOUCHPOINT_HEADER, ["one", "", "Finds the shop", "web", "", "", "", "", ""]]
    assert changed_lines(MAP, imported_text(map_path, rows)) == [  # `owner:` was empty already
        "-        thoughts: 'it''s fine'",
        "-        evidence: [a, b]",
        "-        frontstage:",
        "-          - x   # first lane item",
        "-          - y",
    ]


def test_added_elements_go_where_their_rows_are(map_path: Path) -> None:
    rows = [
        ["stage", "id", "description", "severity"],
        ["one", "slow", "Slow page", "high"],
        ["two", "", "No phone", ""],
    ]
    assert changed_lines(MAP, imported_text(map_path, rows)) == [
        "-    pain_points: []  # none found",
        "+    pain_points:   # none found",
        "+      - id: slow",
        "+        description: Slow page",
        "+        severity: high",
        "+    pain_points:",
        "+      - description: No phone",
    ]
    rows = [
        ["stage", "id", "action", "channel"],
        ["one", "first", "Sees an ad", "web"],
        ["one", "", "Finds the shop", "web"],
        ["one", "between", "Compares", "web"],
        ["one", "pays", "Pays", "web"],
    ]
    new = imported_text(map_path, rows)
    actions = [touchpoint["action"] for touchpoint in data_of(new)["stages"][0]["touchpoints"]]
    assert actions == ["Sees an ad", "Finds the shop", "Compares", "Pays"]
    assert "      # the first touchpoint\n      - id: first\n" not in new  # the comment stays with its item


def test_delete_missing_removes_whole_items_and_leaves_an_empty_list(map_path: Path) -> None:
    rows = [
        ["stage", "id", "action", "channel"],
        ["one", "pays", "Pays", "web"],
        ["two", "t2", "Block\ntext", "web"],
    ]
    assert changed_lines(MAP, imported_text(map_path, rows)) == []
    new = imported_text(map_path, rows, delete_missing=True)
    assert changed_lines(MAP, new) == [
        '-      - action: "Finds the shop"   # quoted',
        "-        channel: web",
        "-        owner:",
        "-        thoughts: 'it''s fine'",
        "-        evidence: [a, b]",
        "-        frontstage:",
        "-          - x   # first lane item",
        "-          - y",
    ]
    rows = [["stage", "id", "action", "channel"], ["one", "pays", "Pays", "web"]]
    new = imported_text(map_path, rows, delete_missing=True)
    assert "    touchpoints: []\n  - id: two" not in new
    assert data_of(new)["stages"][1]["touchpoints"] == []


def test_crlf_bom_and_no_final_newline_are_kept(tmp_path: Path) -> None:
    text = "\ufeff" + MAP.rstrip("\n").replace("\n", "\r\n")
    path = tmp_path / "journey.yaml"
    path.write_bytes(text.encode("utf-8"))
    rows = [["stage", "id", "name", "target"], ["two", "k", "New KPI", "5"]]
    new = imported_text(path, rows)
    assert new.startswith("\ufeff# A map") and "\n" not in new.replace("\r\n", "")
    assert (
        "    name: Two\r\n    kpis:\r\n      - id: k\r\n        name: New KPI\r\n"
        "        target: 5\r\n    touchpoints:" in new
    )
    assert new.endswith("        channel: web")
    assert (
        new.replace("    kpis:\r\n      - id: k\r\n        name: New KPI\r\n        target: 5\r\n", "")
        == text
    )


def test_the_data_table_matches_by_touchpoint_and_name(map_path: Path) -> None:
    rows = [
        ["stage", "touchpoint", "name", "personal", "purpose"],
        ["one", "pays", "card number", "true", "Payment"],
        ["one", "Finds the shop", "cookie id", "false", ""],
    ]
    new = imported_text(map_path, rows)
    stage = data_of(new)["stages"][0]
    assert stage["touchpoints"][1]["data"] == [
        {"name": "card number", "personal": True, "purpose": "Payment"}
    ]
    assert stage["touchpoints"][0]["data"] == [{"name": "cookie id", "personal": False}]
    map_path.write_text(new, encoding="utf-8")
    rows[1][4] = "Payment and refunds"
    newer = imported_text(map_path, rows)
    assert changed_lines(new, newer) == [
        "-            purpose: Payment",
        "+            purpose: Payment and refunds",
    ]


def test_the_delimiter_excel_uses_in_spanish_and_polish_is_read() -> None:
    sheet = parse_csv(b'stage;id;current\r\ndecision;conversion;"2,1 %"\r\n', "k.csv")
    assert (sheet.header, sheet.rows) == (
        ["stage", "id", "current"],
        [(2, ["decision", "conversion", "2,1 %"])],
    )


def test_the_map_is_written_atomically_and_only_when_it_changes(map_path: Path) -> None:
    table = write_csv(
        map_path.parent / "k.csv", [["stage", "id", "name", "target"], ["one", "", "Reach", "10"]]
    )
    before = map_path.stat().st_mtime_ns
    result = run_cjm("import", map_path, table)
    assert result.stdout == f"{map_path}: no changes from {table} (the map already says the same).\n"
    assert map_path.stat().st_mtime_ns == before
    write_csv(table, [["stage", "id", "name", "target"], ["one", "", "Reach", "20"]])
    map_path.chmod(0o640)
    result = run_cjm("import", map_path, table)
    assert (result.returncode, result.stdout) == (0, f"{map_path}: 1 changed from {table}.\n")
    assert "kpis: [{name: Reach, target: 20}]   # flow" in map_path.read_text(encoding="utf-8")
    assert map_path.stat().st_mode & 0o777 == 0o640
    assert [path.name for path in map_path.parent.iterdir() if path.name.startswith(".")] == []


def test_a_map_changed_on_disk_during_the_import_is_not_overwritten(map_path: Path) -> None:
    from cjm.cli.import_command import _write
    from cjm.errors import UserError
    from tests.sheets.helpers import plan

    table = write_csv(
        map_path.parent / "k.csv", [["stage", "id", "name", "target"], ["one", "", "Reach", "20"]]
    )
    result = plan(map_path, table)
    map_path.write_text(MAP + "# someone else's edit\n", encoding="utf-8")
    with pytest.raises(UserError, match="the map changed on disk during the import; nothing written"):
        _write(result)
    assert map_path.read_text(encoding="utf-8").endswith("# someone else's edit\n")


def test_a_carriage_return_in_a_value_survives_a_workbook(tmp_path: Path) -> None:
    """XML turns CR into LF: an untouched cell holding one is still the same cell."""
    path = tmp_path / "journey.yaml"
    path.write_text(MAP.replace("thoughts: 'it''s fine'", 'thoughts: "line one\\r\\nline two\\rthree"'))
    book = tmp_path / "t.xlsx"
    assert run_cjm("export", path, "--table", "touchpoints", "-o", book).returncode == 0
    result = run_cjm("import", path, book)
    assert (result.returncode, result.stderr) == (0, "") and "no changes" in result.stdout
