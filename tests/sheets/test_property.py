"""Random cell edits import to exactly those edits, and to no other byte of the map.

For a random sample, table and set of cells: write the exported table with the new cell
texts (as cjm writes a CSV, as a plain csv tool does, or as an XLSX workbook), import it,
and check that (1) the reloaded map differs from the old one exactly in the edited cells,
read as the format says (lists split at ';', empty = absent), and (2) every line of the
original file that holds no edited cell is still there, unchanged and in order.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm import vocabulary
from cjm.load.journey import load_map, load_map_text
from cjm.sheets.export import csv_bytes, table_rows, xlsx_bytes
from cjm.sheets.spans import index_nodes
from cjm.sheets.tables import TABLE_DEFINITIONS, element_data, field_kind, located
from tests.conftest import sample_paths
from tests.sheets.helpers import plan

SAMPLES = {path.stem: path for path in sample_paths()}
REQUIRED = {"action", "channel", "description", "name"}
TRIED = {"edits": 0, "imports": 0}

_text_alphabet = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(
    ["\n", "\t", "\x85", "\u2028", "'", '"', "#", ":", "-", "=", "+", "@", " ", ",", "[", "{", "&", "*", "!"]
)
texts = st.builds(
    lambda prefix, body: prefix + body,
    st.sampled_from(
        ["", "", "", "=", "+", "-", "@", "'", "''=", "\t", " ", "- ", "#", "&", "!", "%", "null"]
    ),
    st.text(_text_alphabet, min_size=1, max_size=24),
).filter(lambda text: text.strip())
items = texts.map(lambda text: text.replace(";", ",")).filter(lambda text: text.strip())


def cell_strategy(journey: Any, table: str, column: str) -> st.SearchStrategy[str]:
    """A new text for a cell of `column` that the format takes."""
    model = TABLE_DEFINITIONS[table].model
    empty = st.just("") if column not in REQUIRED else st.nothing()
    if column in ("emotion", "target_emotion"):
        return st.sampled_from([str(value) for value in vocabulary.EMOTIONS]) | empty
    if field_kind(model, column) == "bool":
        return st.sampled_from(["true", "false", "TRUE"]) | empty
    if column in ("severity", "priority", "effort"):
        return st.sampled_from(vocabulary.LEVELS) | empty
    if column == "status":
        return st.sampled_from(vocabulary.OPPORTUNITY_STATUSES) | empty
    if column == "channel":
        return st.sampled_from([channel.id for channel in journey.channels])
    if column == "personas":
        ids = [persona.id for persona in journey.personas]
        return (
            st.lists(st.sampled_from(ids), min_size=1, max_size=len(ids), unique=True).map("; ".join) | empty
        )
    if column == "touchpoint":
        ids = [touchpoint.id for _, touchpoint in journey.touchpoints() if touchpoint.id]
        return st.sampled_from(ids) | empty
    if column == "addresses":
        ids = [pain.id for _, pain in journey.pain_points() if pain.id]
        return st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True).map("; ".join) | empty
    if field_kind(model, column) == "list":
        return st.lists(items, min_size=1, max_size=3).map("; ".join) | empty
    return texts | empty


GUARDED = re.compile(r"'+[=+\-@\t\r]")


def expected_value(table: str, column: str, text: str, writer: str) -> Any:
    """What the format says a cell means, written out again here, apart from the importer.

    A cell that starts like one the formula guard wrote loses one quote, whoever wrote it.
    """
    if writer == "plain" and GUARDED.match(text) and not re.fullmatch(r"'-[0-9]+(\.[0-9]+)?", text):
        text = text[1:]
    text = text.strip()
    kind = field_kind(TABLE_DEFINITIONS[table].model, column)
    if not text:
        return None
    if kind == "list":
        return [item.strip() for item in text.split(";") if item.strip()] or None
    if kind == "int":
        return int(text)
    if kind == "bool":
        return text.lower() == "true"
    return text


@st.composite
def edits(draw: Any, format_name: str) -> tuple[str, str, dict[tuple[int, str], str], str]:
    sample = draw(st.sampled_from(sorted(SAMPLES)))
    journey = load_map(SAMPLES[sample])
    table_name = draw(st.sampled_from(list(vocabulary.TABLES)))
    table = TABLE_DEFINITIONS[table_name]
    places = list(located(journey, table))
    chosen: dict[tuple[int, str], str] = {}
    for _ in range(draw(st.integers(1, 6))):
        row = draw(st.integers(0, len(places) - 1))
        element = places[row].element
        editable = [
            column
            for column in table.columns
            if column not in table.match_columns
            and not (column == table.key_column and not getattr(element, "id", None))
        ]
        column = draw(st.sampled_from(editable))
        chosen[(row, column)] = draw(cell_strategy(journey, table_name, column))
    writer = draw(st.sampled_from(["cjm", "plain"])) if format_name == "csv" else "xlsx"
    return sample, table_name, chosen, writer


def run_edits(sample: str, table_name: str, chosen: dict[tuple[int, str], str], writer: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sheets-property-"))
    try:
        check_edits(folder, sample, table_name, chosen, writer)
    finally:
        shutil.rmtree(folder)


def check_edits(
    folder: Path, sample: str, table_name: str, chosen: dict[tuple[int, str], str], writer: str
) -> None:
    map_path = folder / "journey.yaml"
    shutil.copy(SAMPLES[sample], map_path)
    old_text = map_path.read_text(encoding="utf-8")
    journey = load_map_text(old_text.encode())
    table = TABLE_DEFINITIONS[table_name]
    rows = table_rows(journey, table)
    for (row, column), text in chosen.items():
        rows[row][table.columns.index(column)] = text
    table_file = folder / ("table.xlsx" if writer == "xlsx" else "table.csv")
    table_file.write_bytes(_written(table, rows, writer))
    result = plan(map_path, table_file)
    TRIED["edits"] += len(chosen)
    TRIED["imports"] += 1
    new_text = (result.new_bytes or result.old_bytes).decode("utf-8")
    assert element_data(load_map_text(new_text.encode())) == _expected(journey, table_name, chosen, writer)
    _assert_only_edited_lines(old_text, new_text, journey, table_name, chosen)


def _written(table: Any, rows: list[list[str]], writer: str) -> bytes:
    if writer == "cjm":
        return csv_bytes(table, rows)
    if writer == "xlsx":
        return xlsx_bytes([(table, rows)])
    import csv

    stream = io.StringIO()
    csv.writer(stream).writerows([list(table.columns), *rows])  # no formula guard: cells as they are
    return stream.getvalue().encode("utf-8")


def _expected(
    journey: Any, table_name: str, chosen: dict[tuple[int, str], str], writer: str
) -> dict[str, Any]:
    data = element_data(journey)
    places = list(located(journey, TABLE_DEFINITIONS[table_name]))
    for (row, column), text in chosen.items():
        element = data
        for step in places[row].path:
            element = element[step]
        value = expected_value(table_name, column, text, writer)
        if value is None:
            element.pop(column, None)
        else:
            element[column] = value
    return data


def _assert_only_edited_lines(
    old_text: str, new_text: str, journey: Any, table_name: str, chosen: dict[tuple[int, str], str]
) -> None:
    root = index_nodes(old_text)
    places = list(located(journey, TABLE_DEFINITIONS[table_name]))
    allowed: set[int] = set()
    for row, column in chosen:
        mapping = root.at(places[row].path)
        if column in mapping.values:
            first = old_text.count("\n", 0, mapping.keys[column].start)
            last = old_text.count("\n", 0, mapping.values[column].end)
            allowed.update(range(first, last + 1))
    kept = [line for number, line in enumerate(old_text.splitlines()) if number not in allowed]
    remaining = iter(new_text.splitlines())
    missing = [line for line in kept if not any(line == new for new in remaining)]
    assert missing == [], "lines without an edited cell changed or moved"


PROPERTY = settings(
    max_examples=int(os.environ.get("CJM_SHEETS_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(edits("csv"))
def test_random_csv_edits_import_to_exactly_those_edits(case: tuple) -> None:
    run_edits(*case)


@settings(PROPERTY, max_examples=max(PROPERTY.max_examples // 4, 10))
@given(edits("xlsx"))
def test_random_xlsx_edits_import_to_exactly_those_edits(case: tuple) -> None:
    run_edits(*case)


ADDABLE = {
    "kpis": lambda n, draw: {"name": draw(texts), "target": draw(texts | st.just(""))},
    "opportunities": lambda n, draw: {
        "description": draw(texts),
        "priority": draw(st.sampled_from(vocabulary.LEVELS)),
    },
    "touchpoints": lambda n, draw: {
        "action": draw(texts),
        "channel": "CHANNEL",
        "emotion": draw(st.sampled_from(["-2", "1"])),
    },
    "pain_points": lambda n, draw: {
        "description": draw(texts),
        "evidence": draw(st.lists(items, max_size=2).map("; ".join)),
    },
    "data": lambda n, draw: {"name": f"dato {n}", "personal": draw(st.sampled_from(["true", "false", ""]))},
}


@st.composite
def additions_and_removals(draw: Any) -> tuple[str, str, list[dict[str, str]], list[int]]:
    sample = draw(st.sampled_from(sorted(SAMPLES)))
    journey = load_map(SAMPLES[sample])
    table_name = draw(st.sampled_from(list(ADDABLE)))
    places = list(located(journey, TABLE_DEFINITIONS[table_name]))
    removable = table_name in ("kpis", "opportunities", "data")
    removed = draw(st.lists(st.integers(0, len(places) - 1), unique=True, max_size=4)) if removable else []
    new_rows = []
    for number in range(draw(st.integers(0 if removed else 1, 4))):
        place = draw(st.sampled_from(places))
        row = {"stage": place.stage.id, **ADDABLE[table_name](number, draw)}
        if row.get("channel") == "CHANNEL":
            row["channel"] = journey.channels[0].id
        if table_name == "data":
            row["touchpoint"] = place.touchpoint.id or place.touchpoint.action
        elif draw(st.booleans()) or table_name != "kpis":
            row["id"] = f"nuevo-{number}"
        new_rows.append(row)
    return sample, table_name, new_rows, removed


@settings(PROPERTY, max_examples=max(PROPERTY.max_examples // 2, 10))
@given(additions_and_removals())
def test_random_added_and_removed_rows_import_to_exactly_those_elements(case: tuple) -> None:
    sample, table_name, new_rows, removed = case
    folder = Path(tempfile.mkdtemp(prefix="sheets-property-"))
    try:
        map_path = folder / "journey.yaml"
        shutil.copy(SAMPLES[sample], map_path)
        journey = load_map(map_path)
        table = TABLE_DEFINITIONS[table_name]
        rows = [row for index, row in enumerate(table_rows(journey, table)) if index not in removed]
        rows += [[row.get(column, "") for column in table.columns] for row in new_rows]
        table_file = folder / "table.csv"
        table_file.write_bytes(csv_bytes(table, rows))
        result = plan(map_path, table_file, delete_missing=True)
        TRIED["edits"] += len(new_rows) + len(removed)
        new_text = (result.new_bytes or result.old_bytes).decode("utf-8")
        assert element_data(load_map_text(new_text.encode())) == _expected_lists(
            journey, table, new_rows, removed
        )
    finally:
        shutil.rmtree(folder)


def _expected_lists(
    journey: Any, table: Any, new_rows: list[dict[str, str]], removed: list[int]
) -> dict[str, Any]:
    """Removed rows gone, new rows at the end of their list (they come after every row of it)."""
    data = element_data(journey)
    places = list(located(journey, table))
    for index in sorted(removed, reverse=True):
        owner = data
        for step in places[index].path[:-1]:
            owner = owner[step]
        owner.pop(places[index].index)
    for row in new_rows:
        stage_index = next(i for i, stage in enumerate(journey.stages) if stage.id == row["stage"])
        owner = data["stages"][stage_index]
        if table.name == "data":
            touchpoint = next(
                i
                for i, tp in enumerate(journey.stages[stage_index].touchpoints)
                if (tp.id or tp.action) == row["touchpoint"]
            )
            owner = owner["touchpoints"][touchpoint]
        element = {}
        for column in table.model.model_fields:
            if column in row and not (column == "touchpoint" and table.name == "data"):
                value = expected_value(table.name, column, row[column], "cjm")
                if value is not None:
                    element[column] = value
        owner.setdefault(table.list_key, []).append(element)
    return data
