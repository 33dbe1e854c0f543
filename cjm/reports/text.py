"""`--format text`: findings per file, the stage x persona matrix, coverage, a summary.

Drawn with Rich: colour only on a terminal and never with NO_COLOR. Everything is
readable without colour (faces and numbers carry the emotion, words the severity).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjm.checker import MapResult
from cjm.matrix import Cell, coverage_matrix, worst_stage

if TYPE_CHECKING:
    from cjm.model import JourneyMap
    from cjm.reports import Report

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
FACES = {-2: ">:(", -1: ":(", 0: ":|", 1: ":)", 2: ":D"}
EMOTION_STYLES = {-2: "bold red", -1: "red", 0: "yellow", 1: "green", 2: "bold green"}


def findings_text(result: MapResult) -> Text:
    """`FILE:LINE:COL  CODE  severity  message`, one finding a line."""
    text = Text()
    width = max((len(str(finding.position)) for finding in result.findings), default=0)
    for finding in result.findings:
        text.append(str(finding.position).ljust(width), style="bold")
        text.append(f"  {finding.rule:<7} ", style="dim")
        text.append(f" {finding.severity:<8}", style=SEVERITY_STYLES.get(finding.severity, ""))
        text.append(f" {finding.message}\n")
    return text


def cell_text(cell: Cell) -> Text:
    """'2 tp :) +1.0' - how many touchpoints, and how they feel on average."""
    if not cell.touchpoints:
        return Text("-- none", style="bold red")
    text = Text(f"{cell.touchpoints} tp ")
    emotion = cell.emotion
    if emotion is None:
        return text.append("? no emotion", style="dim")
    rounded = max(-2, min(2, round(emotion)))
    return text.append(f"{FACES[rounded]} {emotion:+.1f}", style=EMOTION_STYLES[rounded])


def matrix_table(journey: JourneyMap) -> Table:
    """Rows are stages, columns personas: which cells have touchpoints, and their emotion."""
    matrix = coverage_matrix(journey)
    table = Table(title="Stage x persona", title_justify="left", show_lines=False)
    # Names wrap rather than being cut: a truncated stage name is a guessing game.
    table.add_column("Stage")
    for persona in journey.personas:
        table.add_column(Text(persona.name))
    for stage in journey.stages:
        cells = [cell_text(matrix.cell(stage.id, persona.id)) for persona in journey.personas]
        table.add_row(Text(stage.name), *cells)
    return table


def print_map(console: Console, result: MapResult) -> None:
    console.print(Text(result.path, style="bold underline"))
    if result.findings:
        # soft_wrap: a finding stays on one line, so grep and editors can pick it up
        console.print(findings_text(result), soft_wrap=True, end="")
    else:
        console.print(Text("no findings", style="green"))
    if result.journey is None:
        console.print()
        return
    console.print(matrix_table(result.journey))
    worst = worst_stage(result.journey)
    if worst is not None:
        stage, emotion = worst
        console.print(Text(f"Customers see the brand worst at: {stage.name} ({emotion:+.1f})"))
    console.print(Text(f"Coverage: {result.coverage:g}% ({result.held} of {result.judged} checks hold)\n"))


def summary_text(report: Report, failed: bool) -> Text:
    summary = report.summary()
    coverage = "n/a" if summary["coverage"] is None else f"{summary['coverage']:g}%"
    text = Text("FAILED" if failed else "passed", style="bold red" if failed else "bold green")
    text.append(
        f": {summary['maps']} map(s), {summary['errors']} error(s), {summary['warnings']} warning(s), "
        f"{summary['infos']} info(s); total coverage {coverage}"
    )
    return text


def print_text(report: Report, console: Console, failed: bool) -> None:
    for result in report.results:
        print_map(console, result)
    console.print(summary_text(report, failed))


def make_console(file: object | None = None) -> Console:
    """Rich decides colour from the terminal and NO_COLOR; a file never gets colour."""
    if file is None:
        return Console(highlight=False, emoji=False)
    return Console(file=file, highlight=False, emoji=False, color_system=None, width=120)  # type: ignore[arg-type]
