"""`--format text`: findings per file, the stage x persona matrix, coverage, a summary.

Drawn with Rich: colour only on a terminal and never with NO_COLOR. Everything is
readable without colour (faces and numbers carry the emotion, words the severity).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cjm.check.run import MapResult
from cjm.model.emotions import Cell, coverage_matrix, worst_stage
from cjm.reports.escape import visible

if TYPE_CHECKING:
    from cjm.model import JourneyMap
    from cjm.reports import Report, Style

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
FACES = {-2: ">:(", -1: ":(", 0: ":|", 1: ":)", 2: ":D"}
EMOTION_STYLES = {-2: "bold red", -1: "red", 0: "yellow", 1: "green", 2: "bold green"}


def finding_lines(result: MapResult) -> list[tuple[str, str, str, str]]:
    """(FILE:LINE:COL, CODE, severity, message) per finding, padded into columns."""
    findings = result.findings
    places = [visible(str(finding.position)) for finding in findings]
    widths = [
        max((len(place) for place in places), default=0),
        max((len(finding.rule) for finding in findings), default=0),
        max((len(finding.severity) for finding in findings), default=0),
    ]
    return [
        (
            place.ljust(widths[0]),
            finding.rule.ljust(widths[1]),
            finding.severity.ljust(widths[2]),
            visible(finding.message),
        )
        for place, finding in zip(places, findings, strict=True)
    ]


def print_findings(console: Console, result: MapResult) -> None:
    """`FILE:LINE:COL  CODE  severity  message`, one finding a line, never wrapped (for grep)."""
    lines = finding_lines(result)
    if console.color_system is None:
        # Without colour Rich adds nothing but time (a second per 10,000 findings): write directly.
        console.file.write("".join("  ".join(line) + "\n" for line in lines))
        return
    text = Text()
    for where, code, severity, message in lines:
        text.append(where, style="bold")
        text.append(f"  {code}  ", style="dim")
        text.append(severity, style=SEVERITY_STYLES.get(severity.strip(), ""))
        text.append(f"  {message}\n")
    console.print(text, soft_wrap=True, end="")


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
        table.add_column(Text(visible(persona.name)))
    for stage in journey.stages:
        cells = [cell_text(matrix.cell(stage.id, persona.id)) for persona in journey.personas]
        table.add_row(Text(visible(stage.name)), *cells)
    return table


def print_map(console: Console, result: MapResult) -> None:
    console.print(Text(visible(result.path), style="bold underline"))
    if result.findings:
        print_findings(console, result)
    else:
        console.print(Text("no findings", style="green"))
    if result.journey is None:
        console.print()
        return
    console.print(matrix_table(result.journey))
    worst = worst_stage(result.journey)
    if worst is not None:
        stage, emotion = worst
        console.print(Text(f"Customers see the brand worst at: {visible(stage.name)} ({emotion:+.1f})"))
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


def render_text(report: Report, style: Style) -> str:
    """The report for people: colour only when the style asks for a colour system."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        highlight=False,
        emoji=False,
        color_system=style.color,  # type: ignore[arg-type]
        force_terminal=style.color is not None,
        width=style.width,
    )
    print_text(report, console, style.failed)
    return buffer.getvalue()
