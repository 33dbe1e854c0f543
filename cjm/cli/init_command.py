"""`cjm init`: scaffold a journey project, by asking questions or from an answers file."""

from __future__ import annotations

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
    force: bool = typer.Option(False, "--force", help="Replace an existing journey.yaml and cjm.yaml."),
) -> None:
    """Start a journey map: asks a few questions and writes journey.yaml, settings and CI files."""
    from rich.console import Console

    from cjm.errors import UserError
    from cjm.load.answers import load_answers
    from cjm.scaffold import files, resolve
    from cjm.scaffold.write import refuse_overwrite, write_project

    choices = {"business": business, "language": language, "preset": preset}
    interactive = not no_input and answers_file is None
    if interactive and not sys.stdin.isatty():
        raise UserError(NO_TERMINAL)
    start = refuse_overwrite(directory, force)
    flags = {"title": title, **{key: choice.value for key, choice in choices.items() if choice is not None}}
    given = load_answers(answers_file, {key: value for key, value in flags.items() if value is not None})
    console = Console(highlight=False)
    if interactive:
        from cjm.cli.prompts import Asker
        from cjm.cli.wizard import run_wizard

        given = run_wizard(Asker(console), given, {key for key, value in flags.items() if value is not None})
    draft = resolve(given)
    written, kept = write_project(directory, files(draft), force, start)
    _summary(console, directory, draft, written, kept)
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
        console.print(f"  [green]wrote[/] {escape(visible(where + name))}")
    for name, reason in kept:
        console.print(f"  [yellow]kept[/]  {escape(visible(where + name))} ({escape(visible(reason))})")
    if not draft.complete:
        console.print(
            "\nThe map is a skeleton: replace each [bold]TODO[/] in journey.yaml with your own words."
        )
    _next_steps(console, directory)


def _next_steps(console: Console, directory: Path) -> None:
    steps = [] if directory == Path(".") else [(f"cd {directory}", "go to the project")]
    steps += [
        ("cjm check", "see what the map still needs"),
        ("cjm render", "turn it into a document to share"),
        ("cjm add persona", "add more as you learn: persona, channel, touchpoint, ..."),
    ]
    console.print(
        "\nOpen [bold]journey.yaml[/] in a text editor to add goals, KPIs and research;\n"
        "its comments explain each part."
    )
    console.print("\n[bold]Next:[/]")
    for command, why in steps:
        console.print(f"  [cyan]{command:<20}[/] {why}")


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
