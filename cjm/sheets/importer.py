"""`cjm import`: read a table, match its rows to the map, and make the map's new text.

Nothing is written here: the plan holds the change set (for `--dry-run`) and the new text,
which has been loaded and compared with what the change set says it must be.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from cjm.errors import LoadError, Position, Problem, UserError
from cjm.i18n import gettext as _
from cjm.i18n import ngettext
from cjm.load.files import read_map_bytes
from cjm.load.journey import load_map_text
from cjm.load.lookalikes import did_you_mean_text
from cjm.model import JourneyMap
from cjm.sheets.apply import apply_to_text
from cjm.sheets.changes import AddElement, ChangeSet, RemoveElement, SetField, apply_to_data
from cjm.sheets.matching import Columns, Matcher
from cjm.sheets.read import MAX_PROBLEMS, Sheet, is_xlsx, parse_csv, parse_xlsx, read_bytes
from cjm.sheets.references import reference_problems
from cjm.sheets.tables import TABLE_DEFINITIONS, Table, element_data


@dataclass
class ImportPlan:
    """What an import would do to one map."""

    map_path: Path
    display: str
    old_bytes: bytes
    new_bytes: bytes | None
    changes: ChangeSet
    sources: list[str] = field(default_factory=list)


def plan_import(
    map_path: Path, table_file: Path, table_name: str | None, delete_missing: bool, project_root: Path
) -> ImportPlan:
    """The change set of importing `table_file` into the map, and the map's new bytes."""
    display, source = str(map_path), str(table_file)
    old_bytes = read_map_bytes(map_path, display)
    journey = load_map_text(old_bytes, display)
    data = read_bytes(table_file, source, project_root)
    sheets = parse_xlsx(data, source) if is_xlsx(data) else [parse_csv(data, source)]
    changes, problems = _changes(journey, _tables_of(sheets, table_name, source), delete_missing)
    problems += reference_problems(journey, changes, source)
    if problems:
        raise LoadError(_bounded(problems))
    plan = ImportPlan(map_path, display, old_bytes, None, changes, [sheet.display for sheet in sheets])
    if changes:
        plan.new_bytes = _new_bytes(old_bytes, journey, changes, display, source)
    return plan


def _changes(
    journey: JourneyMap, tables: list[tuple[Table, Sheet]], delete_missing: bool
) -> tuple[ChangeSet, list[Problem]]:
    changes, problems = ChangeSet(), []
    for table, sheet in tables:
        problems += sheet.problems
        columns = _columns(table, sheet, problems)
        if columns is None:
            continue
        matcher = Matcher(journey, table, columns, sheet)
        changes.operations += matcher.run(delete_missing).operations
        problems += matcher.problems
    problems += _inside_removed(changes)
    return changes, problems


def _tables_of(sheets: list[Sheet], table_name: str | None, source: str) -> list[tuple[Table, Sheet]]:
    """Which table each sheet is: `--table`, else the sheet's name, else its header."""
    if table_name and table_name != "all":
        return [(TABLE_DEFINITIONS[table_name], _sheet_for(sheets, table_name, source))]
    found: list[tuple[Table, Sheet]] = []
    for sheet in sheets:
        if not sheet.header and not sheet.rows:
            continue
        name = (sheet.name or "").strip().lower()
        table = TABLE_DEFINITIONS.get(name) or _guess(sheet)
        if any(known is table for known, _sheet in found):
            message = _("a second sheet of the {table} table").format(table=table.name)
            raise LoadError([Problem(Position(sheet.display), message)])
        found.append((table, sheet))
    if not found:
        raise LoadError(
            [Problem(Position(source), _("the file holds no table: the first row names the columns"))]
        )
    return found


def _sheet_for(sheets: list[Sheet], table_name: str, source: str) -> Sheet:
    if len(sheets) == 1:
        return sheets[0]
    for sheet in sheets:
        if (sheet.name or "").strip().lower() == table_name:
            return sheet
    names = ", ".join(sheet.name or "" for sheet in sheets)
    message = _("no sheet named '{name}'; the sheets are: {names}").format(name=table_name, names=names)
    raise LoadError([Problem(Position(source), message)])


def header_names(sheet: Sheet) -> list[str]:
    return [cell.strip().lower() for cell in sheet.header]


def _guess(sheet: Sheet) -> Table:
    """The table whose columns the header names; the closest one when some are wrong."""
    names = {name for name in header_names(sheet) if name}
    fitting = [table for table in TABLE_DEFINITIONS.values() if names <= set(table.columns)]
    fitting = [table for table in fitting if set(table.match_columns) <= names] or fitting
    exact = [table for table in fitting if names == set(table.columns)]
    if len(exact) == 1 or len(fitting) == 1:
        return (exact or fitting)[0]
    if fitting:
        names_list = [table.name for table in fitting]
        choices = _("{items} or {last}").format(items=", ".join(names_list[:-1]), last=names_list[-1])
        message = _("the columns fit the {tables} table: give --table").format(tables=choices)
        raise LoadError([Problem(Position(sheet.display, 1, 1), message)])
    scores = {table.name: _likeness(names, table) for table in TABLE_DEFINITIONS.values()}
    best = sorted(scores, key=lambda name: -scores[name])
    if scores[best[0]] < 2 or scores[best[0]] == scores[best[1]]:
        tables = "; ".join(
            f"{table.name}: {', '.join(table.columns)}" for table in TABLE_DEFINITIONS.values()
        )
        message = _("the first row must name the columns of a table, or give --table ({tables})").format(
            tables=tables
        )
        raise LoadError([*sheet.problems, Problem(Position(sheet.display, 1, 1), message)])
    return TABLE_DEFINITIONS[best[0]]


def _likeness(names: set[str], table: Table) -> float:
    """How well a header names a table's columns: a typo ('curent') counts half."""
    close = [
        name for name in names - set(table.columns) if difflib.get_close_matches(name, table.columns, 1, 0.8)
    ]
    return len(names & set(table.columns)) + len(close) / 2


def _columns(table: Table, sheet: Sheet, problems: list[Problem]) -> Columns | None:
    """Where each column of the table is; unknown, unnamed and repeated columns are problems."""
    columns = Columns(table)
    for index, name in enumerate(header_names(sheet)):
        where = Position(sheet.display, 1, index + 1)
        if not name:
            if any(index < len(cells) and cells[index].strip() for _row, cells in sheet.rows):
                problems.append(Problem(where, _("a column without a name: the first row names each column")))
        elif name not in table.columns:
            problems.append(Problem(where, _unknown_column(name, table)))
        elif name in columns.index:
            problems.append(Problem(where, _("the column '{name}' is there twice").format(name=name)))
        else:
            columns.index[name] = index
    missing = [name for name in table.match_columns if name not in columns.index]
    if missing:
        message = _("the {table} table needs the column(s) {columns}, to match rows to the map").format(
            table=table.name, columns=", ".join(missing)
        )
        problems.append(Problem(Position(sheet.display, 1, 1), message))
        return None
    return columns


def _unknown_column(name: str, table: Table) -> str:
    message = _("unknown column '{name}' in the {table} table").format(name=name, table=table.name)
    close = difflib.get_close_matches(name, table.columns, n=1, cutoff=0.6)
    if close:
        return message + did_you_mean_text(f"'{close[0]}'", "")
    return _("{message}; its columns are: {columns}").format(
        message=message, columns=", ".join(table.columns)
    )


def _inside_removed(changes: ChangeSet) -> list[Problem]:
    """A change to a data item of a touchpoint that --delete-missing removes cannot be made."""
    removed = [op.element for op in changes.operations if isinstance(op, RemoveElement)]
    problems = []
    for operation in changes.operations:
        path = operation.element if isinstance(operation, SetField) else getattr(operation, "into", None)
        if path is None:
            continue
        if any(path[: len(gone)] == gone and path != gone for gone in removed):
            message = _(
                "this row's touchpoint is removed by --delete-missing "
                "(no row of the touchpoints sheet names it)"
            )
            problems.append(Problem(operation.cell.position, message))
    return problems


def _bounded(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda problem: (problem.position.path, problem.position.line, problem.position.column))
    if len(unique) <= MAX_PROBLEMS:
        return unique
    rest = len(unique) - MAX_PROBLEMS
    words = ngettext(
        "... and {count} more problem(s); the first {shown} are shown",
        "... and {count} more problem(s); the first {shown} are shown",
        rest,
    )
    more = Problem(unique[MAX_PROBLEMS].position, words.format(count=f"{rest:,}", shown=MAX_PROBLEMS))
    return [*unique[:MAX_PROBLEMS], more]


def _new_bytes(old: bytes, journey: JourneyMap, changes: ChangeSet, display: str, source: str) -> bytes:
    """The edited map, loaded again and compared with what the change set says it must be."""
    new_text = apply_to_text(old.decode("utf-8"), changes, journey, display)
    new_bytes = new_text.encode("utf-8")
    try:
        reloaded = load_map_text(new_bytes, display)
    except LoadError as error:
        problems = [
            Problem(
                Position(source),
                _("after this import the map would not load: {problem}").format(problem=problem),
            )
            for problem in error.problems
        ]
        raise LoadError(_bounded(problems)) from None
    expected = apply_to_data(element_data(journey), changes)
    if element_data(reloaded) != expected:
        raise UserError(
            _(
                "{map}: cjm cannot write these changes without touching other parts of the map, "
                "so nothing was written (please report this, with the map)"
            ).format(map=display)
        )

    return new_bytes


def added(changes: ChangeSet) -> int:
    return sum(isinstance(operation, AddElement) for operation in changes.operations)
