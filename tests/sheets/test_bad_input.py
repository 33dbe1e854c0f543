"""Bad and hostile spreadsheets: FILE:ROW:COLUMN messages, all problems at once, exit 2, the map untouched."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, run_cjm
from tests.hardening import run_measured
from tests.sheets.helpers import write_csv

TOUCHPOINTS = ["stage", "id", "action", "channel", "emotion"]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    """A copy of the Spanish sample, the map every test here tries to spoil."""
    map_path = tmp_path / "journey.yaml"
    shutil.copy(SAMPLES / "tienda-online.yaml", map_path)
    return map_path


def baseline(map_path: Path) -> int:
    """Peak memory of a plain `cjm check` of the map, measured the same way (fork and all)."""
    return run_measured("check", map_path).peak_bytes


def refused(map_path: Path, *args: str | Path) -> list[str]:
    """Run `cjm import`; it must exit 2, print no traceback and leave the map as it was."""
    before = map_path.read_bytes(), map_path.stat().st_mtime_ns
    result = run_cjm("import", map_path, *args, timeout=60)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert (map_path.read_bytes(), map_path.stat().st_mtime_ns) == before
    return result.stderr.splitlines()


def test_every_problem_of_a_table_at_once_at_its_row_and_column(shop: Path) -> None:
    table = write_csv(
        shop.parent / "t.csv",
        [
            ["stage", "id", "action", "channel", "emocion", "emotion"],
            [
                "descubrimiento",
                "reel-latte-art",
                "Ve un reel de latte art en Instagram",
                "instagram",
                "",
                "muy bien",
            ],
            [
                "consideracion",
                "compara-fichas",
                "Compara tres cafeteras en las fichas de producto",
                "fax",
                "",
                "0",
            ],
            ["etapa-nueva", "", "Llama por teléfono", "web", "", ""],
            ["decision", "nuevo", "Paga", "web", "", "3"],
        ],
    )
    assert refused(shop, table) == [
        f"{table}:1:5: unknown column 'emocion' in the touchpoints table (did you mean 'emotion'?)",
        f"{table}:2:6: emotion must be a whole number from -2 (very negative) to 2 (very positive), "
        "got 'muy bien'",
        f"{table}:3:4: channel: unknown channel 'fax'; the channels are: instagram, google, web, email, "
        "whatsapp, resenas, mensajero, paquete",
        f"{table}:4:1: stage: unknown stage 'etapa-nueva'; the stages are: descubrimiento, consideracion, "
        "decision, retencion, recomendacion",
        f"{table}:5:6: emotion must be a whole number from -2 (very negative) to 2 (very positive), got 3",
    ]


def test_a_wrong_word_in_a_pain_point_and_an_opportunity(shop: Path) -> None:
    table = write_csv(
        shop.parent / "p.csv",
        [["stage", "id", "description", "severity"], ["decision", "envio-sorpresa", "Envío caro", "urgent"]],
    )
    assert refused(shop, table) == [
        f"{table}:2:4: 'severity' must be 'low', 'medium' or 'high', got 'urgent'",
    ]
    opportunities = write_csv(
        shop.parent / "o.csv",
        [
            ["stage", "id", "description", "addresses", "status"],
            ["decision", "x1", "Algo", "no-existe; envio", "soon"],
        ],
    )
    lines = refused(shop, opportunities)
    assert (
        lines[0]
        == f"{opportunities}:2:5: 'status' must be 'idea', 'planned', 'in-progress' or 'done', got 'soon'"
    )
    assert len(lines) == 1  # a row with a wrong value goes no further


def test_unknown_references_of_a_new_row_are_reported_at_their_cells(shop: Path) -> None:
    table = write_csv(
        shop.parent / "o.csv",
        [
            ["stage", "id", "description", "addresses"],
            ["decision", "x1", "Algo", "no-existe; envio-sorpreza"],
        ],
    )
    assert refused(shop, table) == [
        f"{table}:2:4: addresses: unknown pain point 'no-existe'; the pain points are: popup-intrusivo, "
        "fichas-tecnicas, pocas-opiniones, envio-sorpresa, seguimiento-opaco, etiqueta-impresa, "
        "codigo-escondido",
        f"{table}:2:4: addresses: unknown pain point 'envio-sorpreza' (did you mean 'envio-sorpresa'?)",
    ]


def test_a_file_that_is_not_utf8_names_each_bad_cell(shop: Path) -> None:
    table = shop.parent / "latin1.csv"
    text = "stage,id,action,channel\r\ndecision,pago-3ds,Confirma el pago en la app de su banco,web\r\n"
    table.write_bytes(text.encode() + "retencion,devolucion,Devolución,web\r\n".encode("latin-1"))
    assert refused(shop, table) == [
        f"{table}:3:3: the cell is not UTF-8 text (byte 0xf3); save the file as 'CSV UTF-8'",
    ]
    utf16 = shop.parent / "utf16.csv"
    utf16.write_bytes(text.encode("utf-16"))
    assert refused(shop, utf16) == [
        f"{utf16}:1:1: the file is UTF-16 text; save it as 'CSV UTF-8' (comma delimited)"
    ]


def test_nul_and_control_characters(shop: Path) -> None:
    table = shop.parent / "nul.csv"
    table.write_bytes(b"stage,id,thoughts\r\ndecision,pago-3ds,a\x00b\r\ndecision,carrito-envio,\x1b[31m\r\n")
    assert refused(shop, table) == [
        f"{table}:2:3: the cell holds the control character U+0000: is this a text table?",
        f"{table}:3:3: the cell holds the control character U+001B: is this a text table?",
    ]


def test_malformed_csv_quoting(shop: Path) -> None:
    unclosed = shop.parent / "a.csv"
    unclosed.write_text('stage,id,thoughts\r\ndecision,pago-3ds,"never closed\r\n', encoding="utf-8")
    assert refused(shop, unclosed) == [f"{unclosed}:2:3: a quote opens this cell and is never closed"]
    after = shop.parent / "b.csv"
    after.write_text('stage,id,thoughts\r\ndecision,pago-3ds,"quoted"tail\r\n', encoding="utf-8")
    assert refused(shop, after) == [
        f'{after}:2:3: text after the closing quote of a cell (write "" for a quote)'
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [["stage", "id", "current", "current"], ["decision", "nps", "1", "2"]],
            "1:4: the column 'current' is there",
        ),
        (
            [["stage", "action"], ["decision", "x"]],
            "1:1: the touchpoints table needs the column(s) id, to match",
        ),
        ([["stage", "id", "", "action"], ["decision", "pago-3ds", "x", "y"]], "1:3: a column without a name"),
        ([["stage", "id", "description"], ["decision", "x", "y"]], "1:1: the columns fit the pain_points or"),
        ([["nombre", "apellido"], ["a", "b"]], "1:1: the first row must name the columns of a table"),
        (
            [["stage", "id", "current"], ["decision", "conversion", "1", "extra"]],
            "2:4: a cell outside the columns",
        ),
        (
            [["stage", "id", "name"], ["decision", "con version", "x"]],
            "2:2: id: 'con version' is not a valid id",
        ),
        (
            [["stage", "id", "name"], ["decision", "nps", "x"]],
            "2:2: id: KPI 'nps' is in stage 'recomendacion'",
        ),
        (
            [["stage", "id", "name"], ["decision", "lucia", "x"]],
            "2:2: id: 'lucia' is already the id of a persona",
        ),
        (
            [["stage", "id", "name"], ["decision", "a1", "x"], ["decision", "a1", "y"]],
            "3:2: id: 'a1' is already",
        ),
        (
            [["stage", "id", "name"], ["decision", "conversion", "x"], ["decision", "conversion", "y"]],
            "3:2: id: a second",
        ),
        ([["stage", "id", "target"], ["decision", "a2", "5 %"]], "2:1: a KPI needs 'name'"),
        ([["stage", "id", "name", "target"], ["decision", "conversion", "", ""]], "2:3: a KPI needs 'name'"),
    ],
)
def test_wrong_tables(shop: Path, rows: list[list[str]], expected: str) -> None:
    table = write_csv(shop.parent / "t.csv", rows)
    lines = refused(shop, table)
    assert any(line.startswith(f"{table}:{expected}") for line in lines), lines


def test_a_missing_required_cell_of_a_new_touchpoint(shop: Path) -> None:
    table = write_csv(shop.parent / "t.csv", [TOUCHPOINTS, ["decision", "nuevo", "Paga", "", "1"]])
    assert refused(shop, table) == [f"{table}:2:4: a touchpoint needs 'channel'"]


def test_delete_missing_never_leaves_a_dangling_reference(shop: Path) -> None:
    rows = [["stage", "id", "action", "channel"], ["decision", "pago-3ds", "Paga", "web"]]
    table = write_csv(shop.parent / "t.csv", rows)
    lines = refused(shop, table, "--delete-missing")
    assert len(lines) == 7  # one for each pain point that names a touchpoint
    assert lines[0].startswith(
        f"{table}: --delete-missing would remove touchpoint 'popup-newsletter', which {shop}:"
    )
    assert lines[0].endswith(" still names ('touchpoint'): remove or change that too")


def test_a_thousand_bad_rows_are_cut_to_the_first_two_hundred(shop: Path) -> None:
    rows = [TOUCHPOINTS] + [
        ["decision", "pago-3ds" if n == 0 else f"n{n}", "Paga", "web", "muy bien"] for n in range(1000)
    ]
    lines = refused(shop, write_csv(shop.parent / "t.csv", rows))
    assert len(lines) == 201
    assert lines[-1].endswith("... and 800 more problem(s); the first 200 are shown")


def test_missing_files_folders_fifos_and_empty_files(shop: Path) -> None:
    folder = shop.parent
    assert refused(shop, folder / "nope.csv") == [f"{folder / 'nope.csv'}: no such file"]
    assert refused(shop, folder) == [f"{folder}: is a folder, not a spreadsheet file"]
    fifo = folder / "pipe.csv"
    os.mkfifo(fifo)  # nothing ever writes to it: reading it must not block
    assert refused(shop, fifo) == [
        f"{fifo}: is not a regular file (a pipe or a device?): save the table to a file first"
    ]
    empty = folder / "empty.csv"
    empty.write_bytes(b"")
    assert refused(shop, empty) == [f"{empty}: the file is empty: the first row names the columns"]
    header_only = write_csv(folder / "header.csv", [["stage", "id", "current"]])
    result = run_cjm("import", shop, header_only)
    assert (result.returncode, result.stderr) == (0, "") and "no changes" in result.stdout


def test_a_link_out_of_the_project_is_not_followed(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    map_path = project / "journey.yaml"
    shutil.copy(SAMPLES / "tienda-online.yaml", map_path)
    secret = write_csv(
        elsewhere / "secret.csv", [["stage", "id", "current"], ["decision", "conversion", "TOP-SECRET"]]
    )
    link = project / "kpis.csv"
    link.symlink_to(secret)
    lines = refused(map_path, link)
    assert lines == [
        f"{link}: is a link to a file outside the project ({secret.resolve()}); copy the file into "
        f"{project.resolve()} instead"
    ]
    inside = project / "inside.csv"
    inside.symlink_to(project / "real.csv")
    write_csv(project / "real.csv", [["stage", "id", "current"], ["decision", "conversion", "2 %"]])
    assert run_cjm("import", map_path, inside).returncode == 0


def test_a_1_gb_file_is_refused_before_it_is_read(shop: Path) -> None:
    big = shop.parent / "big.csv"
    with big.open("wb") as stream:
        stream.write(b"stage,id,current\r\n")
        stream.truncate(1024**3)  # sparse: no disk is used, but the size says 1 GB
    measured = run_measured("import", shop, big)
    assert measured.returncode == 2
    assert measured.stderr == (
        f"{big}: the file is 1024.0 MB; cjm reads tables of at most 32 MB "
        "(a table of a map is far smaller: is this the right file?)\n"
    )
    assert measured.peak_bytes < baseline(shop) + 40 * 1024**2


def test_a_million_columns_is_one_message_in_bounded_memory(shop: Path) -> None:
    wide = shop.parent / "wide.csv"
    with wide.open("wb") as stream:  # in chunks: a worker whose memory peaked inflates later measures
        stream.write(b"stage,id")
        for start in range(0, 1_000_000, 10_000):
            stream.write(b"".join(b",c%d" % n for n in range(start, start + 10_000)))
        stream.write(b"\r\n")
    measured = run_measured("import", shop, wide)
    assert measured.returncode == 2
    lines = measured.stderr.splitlines()
    assert f"{wide}:1:65: more than 64 cells in a row: a cjm table has at most 15" in lines
    assert len(lines) <= 201
    assert measured.peak_bytes < baseline(shop) + 100 * 1024**2


def test_a_zip_bomb_is_refused_before_it_is_unpacked(shop: Path) -> None:
    bomb = shop.parent / "bomb.xlsx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        block = b"0" * (1024 * 1024)
        for _ in range(300):
            member.write(block)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    measured = run_measured("import", shop, bomb)
    assert measured.returncode == 2
    assert measured.stderr == (
        f"{bomb}: the workbook unpacks to 300 MB in 1 parts; cjm reads at most 128 MB (a zip bomb?)\n"
    )
    assert measured.peak_bytes < baseline(shop) + 40 * 1024**2


def test_a_workbook_of_a_zip_version_python_cannot_read(shop: Path) -> None:
    """zipfile raises NotImplementedError, not BadZipFile, for a member needing zip version 8.5."""
    workbook = shop.parent / "future.xlsx"
    assert run_cjm("export", shop, "--table", "kpis", "--format", "xlsx", "-o", workbook).returncode == 0
    data = bytearray(workbook.read_bytes())
    central = data.index(b"PK\x01\x02")  # the first entry of the central directory
    data[central + 6] = 85  # "version needed to extract": 8.5
    workbook.write_bytes(bytes(data))
    before = shop.read_bytes()
    result = run_cjm("import", shop, workbook)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{workbook}: not a readable XLSX workbook (zip file version 8.5)")
    assert "Traceback" not in result.stderr and shop.read_bytes() == before


def test_not_a_workbook_and_formulas_in_a_workbook(shop: Path) -> None:
    fake = shop.parent / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    lines = refused(shop, fake)
    assert len(lines) == 1 and lines[0].startswith(f"{fake}: not a readable XLSX workbook (")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "kpis"
    sheet.append(["stage", "id", "current"])
    sheet.append(["decision", "conversion", "=1+1"])
    sheet.append(["decision", "abandono-carrito", "=NA()"])
    sheet["C3"].data_type = "e"
    sheet["C3"].value = "#N/A"
    path = shop.parent / "formulas.xlsx"
    book.save(path)
    assert refused(shop, path) == [
        f"{path}[kpis]:2:3: the cell holds a formula: cjm imports values (paste the values instead)",
        f"{path}[kpis]:3:3: the cell holds the spreadsheet error #N/A",
    ]


def test_without_openpyxl_xlsx_says_how_to_get_it(shop: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "from cjm.cli import main\n"
        "sys.argv = ['cjm'] + sys.argv[1:]\n"
        "main()\n"
    )
    book = tmp_path / "k.xlsx"
    assert run_cjm("export", shop, "--table", "kpis", "-o", book).returncode == 0
    for args in (
        ["export", str(shop), "--table", "kpis", "-o", str(tmp_path / "x.xlsx")],
        ["import", str(shop), str(book)],
    ):
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
        assert result.returncode == 2, result.stderr
        assert "reading and writing XLSX needs openpyxl: pip install 'journeymap[xlsx]'" in result.stderr
        assert "Traceback" not in result.stderr
    csv_file = tmp_path / "k.csv"
    result = subprocess.run(
        [sys.executable, "-c", code, "export", str(shop), "--table", "kpis", "-o", str(csv_file)]
    )
    assert result.returncode == 0 and csv_file.stat().st_size > 0


def test_an_anchor_shared_with_other_places_is_not_edited(tmp_path: Path) -> None:
    map_path = tmp_path / "journey.yaml"
    map_path.write_text(
        "cjm: 1\ntitle: T\nbusiness: b2c\npersonas: [{id: p, name: P}]\nchannels: [{id: web}]\n"
        "stages:\n  - id: s\n    name: S\n    touchpoints:\n"
        "      - {id: a, action: A, channel: web, owner: &team Marketing}\n"
        "      - {id: b, action: B, channel: web, owner: *team}\n",
        encoding="utf-8",
    )
    table = write_csv(tmp_path / "t.csv", [["stage", "id", "owner"], ["s", "a", "Ventas"]])
    lines = refused(map_path, table, "--table", "touchpoints")
    assert lines == [
        f"{map_path}:10:49: this part of the map is an anchor or an alias (&name, *name) that other places "
        "share: cjm import would change them all; write it out, or edit it in the map"
    ]


def test_a_map_that_does_not_load_is_reported_as_such(tmp_path: Path) -> None:
    map_path = tmp_path / "journey.yaml"
    map_path.write_text("cjm: 1\ntitle: T\n", encoding="utf-8")
    table = write_csv(tmp_path / "t.csv", [["stage", "id", "current"]])
    assert refused(map_path, table)[0].startswith(f"{map_path}:1:1: ")


def test_export_refuses_what_it_cannot_write(shop: Path) -> None:
    result = run_cjm("export", shop, "--table", "all")
    assert (result.returncode, result.stderr) == (
        2,
        "cjm: --table all writes a workbook with a sheet per table: add --format xlsx\n",
    )
    result = run_cjm("export", shop, "--table", "kpis", "-o", shop)
    assert result.returncode == 2 and "is the map itself" in result.stderr
    control = shop.parent / "control.yaml"
    text = shop.read_text(encoding="utf-8").replace("thoughts: ¡Qué bien huele!", 'thoughts: "a\\x01b"')
    control.write_text(text, encoding="utf-8")
    line = text[: text.index('"a\\x01b"')].count("\n") + 1
    result = run_cjm("export", control, "--table", "touchpoints", "-f", "xlsx", "-o", shop.parent / "t.xlsx")
    assert (result.returncode, result.stderr) == (
        2,
        f"{control}:{line}:9: 'thoughts' holds the control character U+0001, "
        "which no spreadsheet cell can hold\n",
    )


def test_export_never_replaces_a_map_or_the_settings_of_the_project(tmp_path: Path) -> None:
    for sample in ("tienda-online", "saas-b2b", "sklep-internetowy"):
        shutil.copy(SAMPLES / f"{sample}.yaml", tmp_path / f"{sample}.yaml")
    (tmp_path / "cjm.yaml").write_text("maps: [tienda-online.yaml, saas-b2b.yaml]\n", encoding="utf-8")
    (tmp_path / "listed-under-another-name.csv").symlink_to("saas-b2b.yaml")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    # another listed map, cjm.yaml, a YAML file cjm.yaml does not list, a link to a map
    for target in ("saas-b2b.yaml", "cjm.yaml", "sklep-internetowy.yaml", "listed-under-another-name.csv"):
        result = run_cjm("export", "tienda-online.yaml", "--table", "kpis", "-o", target, cwd=tmp_path)
        assert result.returncode == 2, target
        assert "is a map or settings file of the project" in result.stderr
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
    result = run_cjm("export", "tienda-online.yaml", "--table", "kpis", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith('"stage","id","name"')
    assert not (tmp_path / "-").exists()


def test_a_sheet_that_claims_every_row_and_column_is_read_within_bounds(shop: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "kpis"
    sheet.append(["stage", "id", "current"])
    sheet.cell(1_048_576, 16_384, "the last cell of a sheet")  # openpyxl would pad up to it
    path = shop.parent / "huge.xlsx"
    book.save(path)
    measured = run_measured("import", shop, path, timeout=60)
    assert measured.returncode == 2
    assert measured.stderr == (
        f"{path}[kpis]:200002:1: more than 200,000 rows: a table of a map is never this long\n"
    )
    assert measured.peak_bytes < baseline(shop) + 60 * 1024**2


def test_a_message_quoting_a_huge_cell_is_one_screenful(shop: Path) -> None:
    table = shop.parent / "huge.csv"
    write_csv(table, [["stage", "id", "name"], ["x" * 200_000, "a", "b"]])
    result = run_cjm("import", shop, table, "--table", "kpis")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{table}:2:1: stage: unknown stage 'xxx")
    assert len(line) <= 1000 and line.endswith(" characters more)")
