"""The typical use, end to end through the real commands: KPIs out, analytics in, the map rendered."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SAMPLES, run_cjm
from tests.sheets.helpers import read_csv, write_csv


def test_export_kpis_fill_current_import_and_render(tmp_path: Path) -> None:
    map_path = tmp_path / "journey.yaml"
    shutil.copy(SAMPLES / "tienda-online.yaml", map_path)
    original = map_path.read_text(encoding="utf-8")
    table = tmp_path / "kpis.csv"
    assert run_cjm("export", map_path, "--table", "kpis", "-o", table).returncode == 0

    rows = read_csv(table)  # what an analytics export does: fill in `current`, write plain CSV
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("id")] == "conversion":
            row[header.index("current")] = "2,3 %"
        if row[header.index("id")] == "nps":
            row[header.index("current")] = "47"
    write_csv(table, rows)

    preview = run_cjm("import", map_path, table, "--dry-run")
    assert preview.returncode == 0, preview.stderr
    assert "changed stages[decision].kpis[conversion] current: '1,8 %' -> '2,3 %'" in preview.stdout
    assert map_path.read_text(encoding="utf-8") == original  # a dry run writes nothing

    result = run_cjm("import", map_path, table)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"{map_path}: 2 changed from {table}.\n"
    new = map_path.read_text(encoding="utf-8")
    assert new == original.replace("current: 1,8 %", "current: 2,3 %").replace(
        "current: 41\n", "current: 47\n"
    )

    html = tmp_path / "journey.html"
    rendered = run_cjm("render", map_path, "-f", "html", "-o", html)
    assert rendered.returncode == 0, rendered.stderr
    page = html.read_text(encoding="utf-8")
    assert "2,3 %" in page and "1,8 %" not in page


def test_a_new_kpi_row_lands_in_its_stage_and_shows_in_the_page(tmp_path: Path) -> None:
    map_path = tmp_path / "journey.yaml"
    shutil.copy(SAMPLES / "saas-b2b.yaml", map_path)
    table = tmp_path / "kpis.xlsx"
    assert run_cjm("export", map_path, "--table", "kpis", "-o", table).returncode == 0
    from openpyxl import load_workbook

    book = load_workbook(table)
    sheet = book["kpis"]
    stage = sheet.cell(2, 1).value
    sheet.append([stage, "kpi-nuevo", "Demo requests answered within a day", "95 %", 0.8, "CRM"])
    book.save(table)
    result = run_cjm("import", map_path, table)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    assert "1 added" in result.stdout
    text = map_path.read_text(encoding="utf-8")
    assert "      - id: kpi-nuevo\n        name: Demo requests answered within a day\n" in text
    assert "        current: 0.8\n" in text
    rendered = run_cjm("render", map_path, "-f", "html", "-o", tmp_path / "page.html")
    assert rendered.returncode == 0
    assert "Demo requests answered within a day" in (tmp_path / "page.html").read_text(encoding="utf-8")
