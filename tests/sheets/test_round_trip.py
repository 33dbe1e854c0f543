"""Export every table of every sample in both formats, import it back: the map does not change by a byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm.load.journey import load_map
from cjm.sheets.export import export
from cjm.vocabulary import TABLES
from tests.conftest import SAMPLES, run_cjm, sample_paths
from tests.sheets.helpers import plan


@pytest.mark.parametrize("sample", sample_paths(), ids=lambda path: path.stem)
@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_every_table_of_every_sample_round_trips(tmp_path: Path, sample: Path, format_name: str) -> None:
    """In process, through the functions the commands call: the whole matrix, quickly."""
    journey = load_map(sample)
    for table in TABLES:
        table_file = tmp_path / f"{table}.{format_name}"
        table_file.write_bytes(export(journey, table, format_name))
        result = plan(sample, table_file)
        assert (result.changes.operations, result.new_bytes) == ([], None), table


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_every_table_round_trips_through_the_commands(tmp_path: Path, format_name: str) -> None:
    sample = SAMPLES / "tienda-online.yaml"
    map_path = tmp_path / sample.name
    shutil.copy(sample, map_path)
    for table in TABLES:
        table_file = tmp_path / f"{table}.{format_name}"
        exported = run_cjm("export", map_path, "--table", table, "-o", table_file)
        assert (exported.returncode, exported.stdout) == (0, f"{table_file}\n"), exported.stderr
        imported = run_cjm("import", map_path, table_file)
        assert (imported.returncode, imported.stderr) == (0, ""), table
        assert "no changes" in imported.stdout
        assert map_path.read_bytes() == sample.read_bytes(), table


@pytest.mark.parametrize("sample", sample_paths(), ids=lambda path: path.stem)
def test_a_workbook_of_all_tables_round_trips(tmp_path: Path, sample: Path) -> None:
    map_path = tmp_path / sample.name
    shutil.copy(sample, map_path)
    book = tmp_path / "all.xlsx"
    assert run_cjm("export", map_path, "--table", "all", "-o", book).returncode == 0
    from openpyxl import load_workbook

    assert load_workbook(book).sheetnames == list(TABLES)
    imported = run_cjm("import", map_path, book, "--dry-run")
    assert (imported.returncode, imported.stderr) == (0, "")
    assert "no changes" in imported.stdout
    assert map_path.read_bytes() == sample.read_bytes()


def test_the_csv_has_the_columns_of_the_format_in_map_order(tmp_path: Path) -> None:
    sample = next(path for path in sample_paths() if path.stem == "tienda-online")
    result = run_cjm("export", sample, "--table", "kpis")
    lines = result.stdout.splitlines()
    assert lines[0] == '"stage","id","name","target","current","source"'
    assert lines[1].startswith('"descubrimiento","alcance-redes","Alcance mensual en redes"')
    assert [line.split(",")[1] for line in lines[1:4]] == [
        '"alcance-redes"',
        '"visitas-blog"',
        '"anadido-carrito"',
    ]


def test_csv_is_crlf_utf8_and_has_a_bom_only_for_excel(tmp_path: Path) -> None:
    sample = next(path for path in sample_paths() if path.stem == "tienda-online")
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert run_cjm("export", sample, "--table", "kpis", "-o", plain).returncode == 0
    assert run_cjm("export", sample, "--table", "kpis", "--excel", "-o", excel).returncode == 0
    assert plain.read_bytes().startswith(b'"stage"')
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert plain.read_bytes().count(b"\r\n") == len(plain.read_bytes().splitlines())
    assert "Tasa de añadido al carrito".encode() in plain.read_bytes()
    imported = run_cjm("import", sample, excel, "--dry-run")
    assert "no changes" in imported.stdout, imported.stderr
