"""The typical use, end to end through the real commands: KPIs out, analytics in, the map rendered."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from cjm.write import locked_update
from tests.conftest import SAMPLES, cjm_command, run_cjm
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


def _import_waiting_for_the_lock(map_path: Path, table: Path) -> subprocess.Popen[str]:
    """`cjm import` started while the test holds cjm's lock on the map; it must wait."""
    process = subprocess.Popen(
        [*cjm_command(), "import", str(map_path), str(table)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not _waits_for_a_lock(process.pid):  # it has read the map and planned the import
        assert process.poll() is None, "cjm import did not wait for the lock"
        assert time.monotonic() < deadline, "cjm import never asked for the lock"
        time.sleep(0.05)
    return process


def _waits_for_a_lock(pid: int) -> bool:
    """Whether the process sleeps: cjm polls for a busy lock, and sleeps nowhere else on the way."""
    wchan = Path(f"/proc/{pid}/wchan")
    try:
        where = wchan.read_text()
    except OSError:
        pytest.skip("needs /proc/PID/wchan (Linux) to see that cjm import waits")
    return "nanosleep" in where


def test_an_edit_made_while_import_waits_is_kept_and_the_import_refused(tmp_path: Path) -> None:
    map_path = tmp_path / "journey.yaml"
    shutil.copy(SAMPLES / "tienda-online.yaml", map_path)
    table = tmp_path / "kpis.csv"
    assert run_cjm("export", map_path, "--table", "kpis", "-o", table).returncode == 0
    rows = read_csv(table)
    rows[1][rows[0].index("current")] = "999"
    write_csv(table, rows)
    with locked_update(map_path) as update:  # another cjm command (or cjm add) is writing
        process = _import_waiting_for_the_lock(map_path, table)
        edited = update.data.replace(b"\ntitle:", b"\n# a note saved meanwhile\ntitle:", 1)
        update.replace(edited)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "the map changed on disk during the import; nothing written" in stderr
    assert map_path.read_bytes() == edited


def test_an_import_that_waited_for_the_lock_applies_when_nothing_changed(tmp_path: Path) -> None:
    map_path = tmp_path / "journey.yaml"
    shutil.copy(SAMPLES / "tienda-online.yaml", map_path)
    original = map_path.read_text(encoding="utf-8")
    table = tmp_path / "kpis.csv"
    assert run_cjm("export", map_path, "--table", "kpis", "-o", table).returncode == 0
    rows = read_csv(table)
    rows[1][rows[0].index("current")] = "999"
    write_csv(table, rows)
    with locked_update(map_path):
        process = _import_waiting_for_the_lock(map_path, table)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    assert map_path.read_text(encoding="utf-8") == original.replace(
        "current: 180.000 personas", "current: 999", 1
    )
