"""Mutated and random spreadsheets: an import either works or says why; never another exception."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.errors import UserError
from cjm.load.journey import load_map, load_map_text
from cjm.sheets.export import export
from cjm.vocabulary import TABLES
from tests.conftest import SAMPLES, sample_paths
from tests.sheets.helpers import plan

EXAMPLES = int(os.environ.get("CJM_SHEETS_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
EXPORTS = {
    (path.stem, table, format_name): export(load_map(path), table, format_name)
    for path in sample_paths()
    for table in TABLES
    for format_name in ("csv", "xlsx")
}

mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "repeat"]),
    st.integers(0, 1 << 30),
    st.binary(min_size=1, max_size=8),
)


def mutate(data: bytes, mutations: list[tuple[str, int, bytes]]) -> bytes:
    for kind, where, chunk in mutations:
        at = where % (len(data) + 1)
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (chunk[0] | 1)]) + data[at + 1 :]
        elif kind == "insert":
            data = data[:at] + chunk + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + len(chunk) * 16 :]
        else:
            data = data[:at] + data[at : at + 64] * 3 + data[at:]
    return data


def import_or_refuse(sample: str, data: bytes, suffix: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sheets-fuzz-"))
    try:
        map_path = folder / "journey.yaml"
        shutil.copy(SAMPLES / f"{sample}.yaml", map_path)
        table_file = folder / f"table.{suffix}"
        table_file.write_bytes(data)
        try:
            result = plan(map_path, table_file)
        except UserError as error:
            assert str(error).strip()
            return
        if result.new_bytes is not None:
            load_map_text(result.new_bytes)  # what would be written loads
    finally:
        shutil.rmtree(folder)


@FUZZ
@given(st.sampled_from(sorted(EXPORTS)), st.lists(mutation, min_size=1, max_size=6))
def test_mutated_exports_never_raise_anything_but_a_user_error(key: tuple, mutations: list) -> None:
    sample, _, format_name = key
    import_or_refuse(sample, mutate(EXPORTS[key], mutations), format_name)


cells = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
columns = st.sampled_from(
    sorted({column for names in TABLES.values() for column in names} | {"x", "Stage", ""})
)


@FUZZ
@given(
    st.sampled_from(sorted(path.stem for path in sample_paths())),
    st.lists(columns, min_size=1, max_size=8),
    st.lists(st.lists(cells, max_size=9), max_size=8),
    st.sampled_from([",", ";", "\t"]),
)
def test_random_tables_never_raise_anything_but_a_user_error(
    sample: str, header: list[str], rows: list[list[str]], delimiter: str
) -> None:
    import csv
    import io

    stream = io.StringIO()
    csv.writer(stream, delimiter=delimiter).writerows([header, *rows])
    import_or_refuse(sample, stream.getvalue().encode("utf-8", "surrogatepass"), "csv")
