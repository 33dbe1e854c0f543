"""Helpers of the spreadsheet tests: write a table as a spreadsheet would, import it in process."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cjm.load.journey import load_map_text
from cjm.sheets.importer import ImportPlan, plan_import
from cjm.sheets.tables import element_data


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """A CSV as an analytics tool would write it: Python's csv module, no formula guard."""
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\r\n").writerows(rows)
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def plan(
    map_path: Path, table_file: Path, table: str | None = None, delete_missing: bool = False
) -> ImportPlan:
    return plan_import(map_path, table_file, table, delete_missing, map_path.parent)


def imported_text(map_path: Path, rows: list[list[str]], **options: object) -> str:
    """The map's new text after importing `rows` (the old text when nothing changes)."""
    table_file = write_csv(map_path.parent / "table.csv", rows)
    result = plan(map_path, table_file, **options)  # type: ignore[arg-type]
    return (result.new_bytes or result.old_bytes).decode("utf-8")


def data_of(text: str) -> dict:
    return element_data(load_map_text(text.encode("utf-8")))
