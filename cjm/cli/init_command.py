"""`cjm init`: scaffold a journey project, by asking questions or from an answers file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cjm.cli.app import app
from cjm.cli.choices import Business, Language, Preset

if TYPE_CHECKING:
    from rich.console import Console

    from cjm.scaffold import Draft


NO_TERMINAL = "cjm init needs a terminal to ask questions; use --no-input or --answers FILE"


@app.command(short_help="Start a journey project by answering a few questions.")
def init(
    directory: Path = typer.Argument(Path("."), help="Folder of the new project (created if needed)."),
    no_input: bool = typer.Option(
        False, "--no-input", help="Ask nothing: write a skeleton with TODOs to fill in."
    ),
    answers_file: Path | None = typer.Option(
        None, "--answers", metavar="FILE", help="Take the answers from a YAML file (see docs/init.md)."
    ),
    title: str | None = typer.Option(None, "--title", help="Title of the journey."),
    business: Business | None = typer.Option(None, "--business", help="Who the customers are."),
    language: Language | None = typer.Option(None, "--language", help="Language of the map."),
    preset: Preset | None = typer.Option(None, "--preset", help="The stages to start from."),
    blueprint: bool | None = typer.Option(
        None,
        "--blueprint/--no-blueprint",
        help="A service blueprint: touchpoints get frontstage, backstage, support, physical evidence.",
    ),
    force: bool = typer.Option(False, "--force", help="Replace an existing journey.yaml and cjm.yaml."),
) -> None:
    """Start a journey map: asks a few questions and writes journey.yaml, settings and CI files."""
    from rich.console import Console

    from cjm.errors import UserError
    from cjm.load.answers import load_answers
    from cjm.scaffold import MAP_NAME, files, placeholders, resolve
    from cjm.scaffold.write import refuse_overwrite, write_project

    choices = {"business": business, "language": language, "preset": preset}
    interactive = not no_input and answers_file is None
    if interactive and not sys.stdin.isatty():
        raise UserError(NO_TERMINAL)
    start = refuse_overwrite(directory, force)
    flags = {"title": title, **{key: choice.value for key, choice in choices.items() if choice is not None}}
    if blueprint is not None:
        flags["blueprint"] = "true" if blueprint else "false"  # read as the answers file's yes/no
    given = load_answers(answers_file, {key: value for key, value in flags.items() if value is not None})
    console = Console(highlight=False)
    if interactive:
        from cjm.cli.prompts import Asker
        from cjm.cli.wizard import run_wizard

        given = run_wizard(Asker(console), given, {key for key, value in flags.items() if value is not None})
    draft = resolve(given)
    project = files(draft)
    written, kept = write_project(directory, project, force, start)
    _summary(console, directory, draft, written, kept)
    _next_steps(console, directory, placeholders(project[MAP_NAME]))
    raise typer.Exit(0)


def _summary(
    console: Console, directory: Path, draft: Draft, written: list[str], kept: list[tuple[str, str]]
) -> None:
    from rich.markup import escape

    from cjm.reports.escape import visible

    counts = [
        _count(len(draft.personas), "persona"),
        _count(len(draft.channels), "channel"),
        _count(len(draft.stages), "stage"),
        _count(sum(len(stage.touchpoints) for stage in draft.stages), "touchpoint"),
        _count(sum(len(stage.pain_points or ()) for stage in draft.stages), "pain point"),
        _count(sum(len(stage.opportunities) for stage in draft.stages), "opportunity", "opportunities"),
    ]
    console.print()
    console.rule("[bold]Done[/]", align="left", style="green")
    console.print(f"[green]✓[/] [bold]{escape(visible(draft.title))}[/]")
    console.print(f"  {' · '.join(counts)}")
    where = "" if directory == Path(".") else f"{directory}/"
    for name in written:
        console.print(f"  [green]wrote[/] {escape(visible(os.path.normpath(where + name)))}")
    for name, reason in kept:  # the reason may hold the lines to paste: never wrapped
        shown = escape(visible(os.path.normpath(where + name)))
        console.print(f"  [yellow]kept[/]  {shown} ({escape(visible(reason))})", soft_wrap=True)


def _next_steps(console: Console, directory: Path, left: int) -> None:
    """What is left to fill and the commands to run next; a folder name is shown as typed, inert."""
    import shlex

    from rich.markup import escape

    from cjm.reports.escape import visible
    from cjm.scaffold import MAP_NAME
    from cjm.vocabulary import PLACEHOLDER_PREFIX

    map_path = escape(visible(MAP_NAME if directory == Path(".") else f"{directory}/{MAP_NAME}"))
    if left:
        console.print(
            f"\n[bold]Left to fill in:[/] {_count(left, 'placeholder')} in {map_path}, the values that "
            f"start with [bold]{PLACEHOLDER_PREFIX}[/]: replace each with your own words."
        )
    steps = (
        []
        if directory == Path(".")
        else [(f"cd {shlex.quote(visible(str(directory)))}", "go to the project")]
    )
    checking = f"list the {_count(left, 'placeholder')} left (CJM212) and" if left else "see"
    steps += [
        ("cjm check", f"{checking} what else the map needs"),
        ("cjm render", "turn it into a document to share"),
        ("cjm add persona", "add more as you learn: persona, channel, touchpoint, ..."),
    ]
    console.print(
        f"\nOpen [bold]{map_path}[/] in a text editor to add goals, KPIs and research;\n"
        "its comments explain each part."
    )
    console.print("\n[bold]Next:[/]")
    for command, why in steps:
        console.print(f"  [cyan]{escape(command):<20}[/] {why}")


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
