"""`--format text`: findings per file, the stage x persona matrix, where each persona feels
worst, coverage, a summary.

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
from cjm.model.emotions import Cell, Moment, PersonaLow, coverage_matrix, persona_lows
from cjm.reports.escape import visible
from cjm.rules.base import quoted
from cjm.rules.blueprint import no_placeholders
from cjm.vocabulary import PLACEHOLDER_PREFIX

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


# --- the stage x persona matrix ------------------------------------------------------------

BORDER = 3  # a column's share of the table's frame: its rule and the padding on both sides


def matrix_tables(journey: JourneyMap, width: int) -> list[Table]:
    """The matrix as tables that fit `width`: as many persona columns each as fit unwrapped.

    A cell that wraps ('3 tp :|' above '+0.3') is unreadable and cannot be grepped, and a
    cut name is a guessing game: a buying committee of six personas gets two tables
    rather than twelve squeezed columns.
    """
    matrix = coverage_matrix(journey)
    cells = {
        persona.id: [cell_text(matrix.cell(stage.id, persona.id)) for stage in journey.stages]
        for persona in journey.personas
    }
    stage_width = min(max(_longest_word(stage.name) for stage in journey.stages), max(width // 3, 5))
    stage_width = max(stage_width, len("Stage"))
    widths = [
        max(_longest_word(persona.name), *(cell.cell_len for cell in cells[persona.id]))
        for persona in journey.personas
    ]
    groups = _fitting_groups(widths, width - stage_width - BORDER - 1)
    count = len(journey.personas)
    tables = []
    for first, last in groups:
        title = "Stage x persona" if len(groups) == 1 else f"Stage x persona ({first + 1}-{last} of {count})"
        table = Table(title=title, title_justify="left", show_lines=False)
        # Names wrap rather than being cut; cells never wrap.
        table.add_column("Stage", min_width=stage_width)
        for persona, column_width in zip(journey.personas[first:last], widths[first:last], strict=True):
            table.add_column(Text(visible(persona.name)), min_width=column_width)
        for row, stage in enumerate(journey.stages):
            row_cells = [cells[persona.id][row] for persona in journey.personas[first:last]]
            table.add_row(Text(visible(stage.name)), *row_cells)
        tables.append(table)
    return tables


def _longest_word(text: str) -> int:
    return max((len(word) for word in visible(text).split()), default=1)


def _fitting_groups(widths: list[int], room: int) -> list[tuple[int, int]]:
    """(first, last) ranges of columns that fit `room` together (at least one each), as even as
    the fewest tables allow: six personas in two tables are three and three, not five and one."""
    greedy = _greedy_groups(widths, room)
    size = -(-len(widths) // len(greedy))
    even = [(first, min(first + size, len(widths))) for first in range(0, len(widths), size)]
    fits = all(sum(widths[first:last]) + BORDER * (last - first) <= room for first, last in even)
    return even if fits and len(even) == len(greedy) else greedy


def _greedy_groups(widths: list[int], room: int) -> list[tuple[int, int]]:
    groups: list[tuple[int, int]] = []
    first, used = 0, 0
    for index, column_width in enumerate(widths):
        if index > first and used + column_width + BORDER > room:
            groups.append((first, index))
            first, used = index, 0
        used += column_width + BORDER
    return [*groups, (first, len(widths))]


# --- where each persona feels worst ----------------------------------------------------------

LISTED = 3  # tied moments or stages named on one line; the JSON report lists them all


def low_lines(journey: JourneyMap) -> list[Text]:
    """Two lines per persona: its worst moment and its worst stage, every tie listed (up to LISTED)."""
    lines = []
    for low in persona_lows(journey):
        who = visible(quoted(low.persona.name))
        lines.append(Text(f"Worst moment for {who}: ").append_text(_moment_text(low)))
        lines.append(Text(f"Worst stage for {who}: ").append_text(_stage_text(low)))
    return lines


def _nothing_felt(low: PersonaLow) -> Text:
    why = "their touchpoints have no emotion yet" if low.touchpoints else "no touchpoint concerns them"
    return Text(f"none, {why}", style="dim")


def _moment_text(low: PersonaLow) -> Text:
    if low.emotion is None:
        return _nothing_felt(low)
    places = [_moment_place(moment) for moment in low.moments[:LISTED]]
    return _felt(low.emotion, f"{low.emotion:+d}" if low.emotion else "0").append(
        " " + "; ".join(places) + _more(len(low.moments))
    )


def _moment_place(moment: Moment) -> str:
    touchpoint = moment.touchpoint
    notes = [visible(str(touchpoint.position))]
    if touchpoint.moment_of_truth:
        notes.append("moment of truth")
    if touchpoint.target_emotion is not None:
        notes.append(f"to-be {touchpoint.target_emotion:+d}" if touchpoint.target_emotion else "to-be 0")
    action, stage = visible(quoted(touchpoint.action)), visible(quoted(moment.stage.name))
    return f"{action} in {stage} ({', '.join(notes)})"


def _stage_text(low: PersonaLow) -> Text:
    if low.stage_average is None:
        return _nothing_felt(low)
    names = [visible(quoted(stage.name)) for stage in low.stages[:LISTED]]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    text = _felt(low.stage_average, f"{low.stage_average:+.1f}")
    return text.append(f" on average, in {listed}" + _more(len(low.stages)))


def _felt(emotion: float, number: str) -> Text:
    rounded = max(-2, min(2, round(emotion)))
    return Text(f"{number} {FACES[rounded]}", style=EMOTION_STYLES[rounded])


def _more(count: int) -> str:
    return f"; and {count - LISTED} more" if count > LISTED else ""


# --- a map, and the whole report ---------------------------------------------------------------


def print_map(console: Console, result: MapResult) -> None:
    console.print(Text(visible(result.path), style="bold underline"), soft_wrap=True)
    if result.findings:
        print_findings(console, result)
    else:
        console.print(Text("no findings", style="green"))
    if result.journey is None:
        console.print()
        return
    for table in matrix_tables(result.journey, console.width):
        console.print(table)
    for line in low_lines(result.journey):
        console.print(line, soft_wrap=True)
    coverage = f"Coverage: {result.coverage:g}% ({result.held} of {result.judged} checks hold)\n"
    console.print(Text(coverage), soft_wrap=True)


def summary_text(report: Report, failed: bool) -> Text:
    summary = report.summary()
    coverage = "n/a" if summary["coverage"] is None else f"{summary['coverage']:g}%"
    text = Text("FAILED" if failed else "passed", style="bold red" if failed else "bold green")
    text.append(
        f": {summary['maps']} map(s), {summary['errors']} error(s), {summary['warnings']} warning(s), "
        f"{summary['infos']} info(s); total coverage {coverage}"
    )
    return text


def unfilled_text(report: Report) -> Text | None:
    """A last line when placeholders of `cjm init` are left: a skeleton must not look finished."""
    counts = [
        (result.path, sum(finding.rule == no_placeholders.code for finding in result.findings))
        for result in report.results
    ]
    counts = [(path, count) for path, count in counts if count]
    if not counts:
        return None
    total = sum(count for _, count in counts)
    where = ", ".join(f"{visible(path)} ({count})" for path, count in counts[:LISTED])
    if len(counts) > LISTED:
        where += f" and {len(counts) - LISTED} more map(s)"
    return Text(
        f"Not filled in yet: {total} placeholder(s) left by cjm init (values that start with "
        f"{PLACEHOLDER_PREFIX}) in {where}; the {no_placeholders.code} findings above say where",
        style="bold yellow",
    )


def print_text(report: Report, console: Console, failed: bool) -> None:
    for result in report.results:
        print_map(console, result)
    console.print(summary_text(report, failed), soft_wrap=True)
    unfilled = unfilled_text(report)
    if unfilled is not None:
        console.print(unfilled, soft_wrap=True)


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
