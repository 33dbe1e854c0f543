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
from cjm.i18n import gettext as _
from cjm.i18n import ngettext
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
        return Text(_("-- none"), style="bold red")
    text = Text(f"{cell.touchpoints} tp ")
    emotion = cell.emotion
    if emotion is None:
        return text.append(_("? no emotion"), style="dim")
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
    stage_width = max(stage_width, len(_("Stage")))
    widths = [
        max(_longest_word(persona.name), *(cell.cell_len for cell in cells[persona.id]))
        for persona in journey.personas
    ]
    groups = _fitting_groups(widths, width - stage_width - BORDER - 1)
    count = len(journey.personas)
    tables = []
    for first, last in groups:
        title = (
            _("Stage x persona")
            if len(groups) == 1
            else _("Stage x persona ({first}-{last} of {count})").format(
                first=first + 1, last=last, count=count
            )
        )
        table = Table(title=title, title_justify="left", show_lines=False)
        # Names wrap rather than being cut; cells never wrap.
        table.add_column(_("Stage"), min_width=stage_width)
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
        lines.append(
            Text(_("Worst moment for {persona}: ").format(persona=who)).append_text(_moment_text(low))
        )
        lines.append(Text(_("Worst stage for {persona}: ").format(persona=who)).append_text(_stage_text(low)))
    return lines


def _nothing_felt(low: PersonaLow) -> Text:
    if low.touchpoints:
        return Text(_("none, their touchpoints have no emotion yet"), style="dim")
    return Text(_("none, no touchpoint concerns them"), style="dim")


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
        notes.append(_("moment of truth"))
    if touchpoint.target_emotion is not None:
        target = f"{touchpoint.target_emotion:+d}" if touchpoint.target_emotion else "0"
        notes.append(_("to-be {emotion}").format(emotion=target))
    action, stage = visible(quoted(touchpoint.action)), visible(quoted(moment.stage.name))
    return _("{action} in {stage} ({notes})").format(action=action, stage=stage, notes=", ".join(notes))


def _stage_text(low: PersonaLow) -> Text:
    if low.stage_average is None:
        return _nothing_felt(low)
    names = [visible(quoted(stage.name)) for stage in low.stages[:LISTED]]
    listed = (
        names[0]
        if len(names) == 1
        else _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])
    )
    text = _felt(low.stage_average, f"{low.stage_average:+.1f}")
    return text.append(_(" on average, in {stages}").format(stages=listed) + _more(len(low.stages)))


def _felt(emotion: float, number: str) -> Text:
    rounded = max(-2, min(2, round(emotion)))
    return Text(f"{number} {FACES[rounded]}", style=EMOTION_STYLES[rounded])


def _more(count: int) -> str:
    return _("; and {count} more").format(count=count - LISTED) if count > LISTED else ""


# --- a map, and the whole report ---------------------------------------------------------------


def print_map(console: Console, result: MapResult) -> None:
    console.print(Text(visible(result.path), style="bold underline"), soft_wrap=True)
    if result.findings:
        print_findings(console, result)
    else:
        console.print(Text(_("no findings"), style="green"))
    if result.journey is None:
        console.print()
        return
    for table in matrix_tables(result.journey, console.width):
        console.print(table)
    for line in low_lines(result.journey):
        console.print(line, soft_wrap=True)
    coverage = _("Coverage: {coverage}% ({held} of {judged} checks hold)").format(
        coverage=f"{result.coverage:g}", held=result.held, judged=result.judged
    )
    coverage += "\n"
    console.print(Text(coverage), soft_wrap=True)


def summary_text(report: Report, failed: bool) -> Text:
    summary = report.summary()
    coverage = _("n/a") if summary["coverage"] is None else f"{summary['coverage']:g}%"
    text = Text(_("FAILED") if failed else _("passed"), style="bold red" if failed else "bold green")
    counts = [
        ngettext("{count} map(s)", "{count} map(s)", summary["maps"]),
        ngettext("{count} error(s)", "{count} error(s)", summary["errors"]),
        ngettext("{count} warning(s)", "{count} warning(s)", summary["warnings"]),
        ngettext("{count} info(s)", "{count} info(s)", summary["infos"]),
    ]
    numbers = (summary["maps"], summary["errors"], summary["warnings"], summary["infos"])
    shown = ", ".join(form.format(count=number) for form, number in zip(counts, numbers, strict=True))
    text.append(": " + _("{counts}; total coverage {coverage}").format(counts=shown, coverage=coverage))
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
        more = len(counts) - LISTED
        where += ngettext(" and {count} more map(s)", " and {count} more map(s)", more).format(count=more)
    message = ngettext(
        "Not filled in yet: {total} placeholder(s) left by cjm init (values that start with "
        "{prefix}) in {where}; the {code} findings above say where",
        "Not filled in yet: {total} placeholder(s) left by cjm init (values that start with "
        "{prefix}) in {where}; the {code} findings above say where",
        total,
    )
    text = message.format(total=total, prefix=PLACEHOLDER_PREFIX, where=where, code=no_placeholders.code)
    return Text(text, style="bold yellow")


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
