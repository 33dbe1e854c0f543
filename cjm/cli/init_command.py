"""`cjm init`: scaffold a journey project, by asking questions or from an answers file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cjm.cli.app import app
from cjm.cli.choices import Business, Language, Preset
from cjm.i18n import LANGUAGE_VARIABLE, N_, ngettext
from cjm.i18n import gettext as _

if TYPE_CHECKING:
    from rich.console import Console

    from cjm.scaffold import Draft


NO_TERMINAL = N_("cjm init needs a terminal to ask questions; use --no-input or --answers FILE")


@app.command(
    short_help=_("Start a journey project by answering a few questions."),
    help=_("Start a journey map: asks a few questions and writes journey.yaml, settings and CI files."),
)
def init(
    context: typer.Context,
    directory: Path = typer.Argument(Path("."), help=_("Folder of the new project (created if needed).")),
    no_input: bool = typer.Option(
        False, "--no-input", help=_("Ask nothing: write a skeleton with TODOs to fill in.")
    ),
    answers_file: Path | None = typer.Option(
        None, "--answers", metavar="FILE", help=_("Take the answers from a YAML file (see docs/init.md).")
    ),
    title: str | None = typer.Option(None, "--title", help=_("Title of the journey.")),
    business: Business | None = typer.Option(None, "--business", help=_("Who the customers are.")),
    language: Language | None = typer.Option(None, "--language", help=_("Language of the map.")),
    preset: Preset | None = typer.Option(None, "--preset", help=_("The stages to start from.")),
    blueprint: bool | None = typer.Option(
        None,
        "--blueprint/--no-blueprint",
        help=_("A service blueprint: touchpoints get frontstage, backstage, support, physical evidence."),
    ),
    force: bool = typer.Option(False, "--force", help=_("Replace an existing journey.yaml and cjm.yaml.")),
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
        raise UserError(_(NO_TERMINAL))
    start = refuse_overwrite(directory, force)
    flags = {"title": title, **{key: choice.value for key, choice in choices.items() if choice is not None}}
    if blueprint is not None:
        flags["blueprint"] = "true" if blueprint else "false"  # read as the answers file's yes/no
    given = load_answers(answers_file, {key: value for key, value in flags.items() if value is not None})
    console = Console(highlight=False)
    if interactive:
        from cjm.cli.prompts import Asker
        from cjm.cli.wizard import run_wizard

        fixed = {key for key, value in flags.items() if value is not None}
        given = run_wizard(Asker(console), given, fixed, follow_map_language=not _language_chosen(context))
    draft = resolve(given)
    project = files(draft)
    written, kept = write_project(directory, project, force, start)
    _summary(console, directory, draft, written, kept)
    _next_steps(console, directory, placeholders(project[MAP_NAME]))
    raise typer.Exit(0)


def _language_chosen(context: typer.Context) -> bool:
    """Whether the person chose the interface language (`cjm --lang`, CJM_LANG): then the wizard
    keeps it, whatever the map's language; a locale or nothing lets it follow the map's."""
    return bool(context.find_root().params.get("language") or os.environ.get(LANGUAGE_VARIABLE))


def _summary(
    console: Console, directory: Path, draft: Draft, written: list[str], kept: list[tuple[str, str]]
) -> None:
    from rich.markup import escape

    from cjm.reports.escape import visible

    console.print()
    done = _("Done")
    console.rule(f"[bold]{escape(done)}[/]", align="left", style="green")
    console.print(f"[green]✓[/] [bold]{escape(visible(draft.title))}[/]")
    console.print(f"  {' · '.join(_counts(draft))}")
    where = "" if directory == Path(".") else f"{directory}/"
    wrote, kept_word = _("wrote"), _("kept")
    width = max(len(wrote), len(kept_word))  # the file names line up under each other
    for name in written:
        shown = escape(visible(os.path.normpath(where + name)))
        console.print(f"  [green]{escape(wrote)}[/]{' ' * (width - len(wrote))} {shown}")
    for name, reason in kept:  # the reason may hold the lines to paste: never wrapped
        shown = escape(visible(os.path.normpath(where + name)))
        padding = " " * (width - len(kept_word))
        console.print(
            f"  [yellow]{escape(kept_word)}[/]{padding} {shown} ({escape(visible(reason))})", soft_wrap=True
        )


def _counts(draft: Draft) -> list[str]:
    """`2 personas · 1 channel · ...`, each with its plural form (Polish has three)."""
    counted = [
        (ngettext("{count} persona", "{count} personas", len(draft.personas)), len(draft.personas)),
        (ngettext("{count} channel", "{count} channels", len(draft.channels)), len(draft.channels)),
        (ngettext("{count} stage", "{count} stages", len(draft.stages)), len(draft.stages)),
    ]
    touchpoints = sum(len(stage.touchpoints) for stage in draft.stages)
    pain_points = sum(len(stage.pain_points or ()) for stage in draft.stages)
    opportunities = sum(len(stage.opportunities) for stage in draft.stages)
    counted += [
        (ngettext("{count} touchpoint", "{count} touchpoints", touchpoints), touchpoints),
        (ngettext("{count} pain point", "{count} pain points", pain_points), pain_points),
        (ngettext("{count} opportunity", "{count} opportunities", opportunities), opportunities),
    ]
    return [message.format(count=count) for message, count in counted]


def _next_steps(console: Console, directory: Path, left: int) -> None:
    """What is left to fill and the commands to run next; a folder name is shown as typed, inert."""
    import shlex

    from rich.markup import escape

    from cjm.reports.escape import visible
    from cjm.scaffold import MAP_NAME
    from cjm.vocabulary import PLACEHOLDER_PREFIX

    map_path = escape(visible(MAP_NAME if directory == Path(".") else f"{directory}/{MAP_NAME}"))
    if left:
        message = ngettext(
            "[bold]Left to fill in:[/] {count} placeholder in {map}, the values that start with "
            "[bold]{prefix}[/]: replace each with your own words.",
            "[bold]Left to fill in:[/] {count} placeholders in {map}, the values that start with "
            "[bold]{prefix}[/]: replace each with your own words.",
            left,
        )
        console.print("\n" + message.format(count=left, map=map_path, prefix=PLACEHOLDER_PREFIX))
    steps = (
        []
        if directory == Path(".")
        else [(f"cd {shlex.quote(visible(str(directory)))}", _("go to the project"))]
    )
    steps += [
        ("cjm check", _checking(left)),
        ("cjm render", _("turn it into a document to share")),
        ("cjm add persona", _("add more as you learn: persona, channel, touchpoint, ...")),
    ]
    opening = _(
        "Open [bold]{map}[/] in a text editor to add goals, KPIs and research;\n"
        "its comments explain each part."
    )
    console.print("\n" + opening.format(map=map_path))
    next_steps = _("Next:")
    console.print(f"\n[bold]{escape(next_steps)}[/]")
    for command, why in steps:
        console.print(f"  [cyan]{escape(command):<20}[/] {why}")


def _checking(left: int) -> str:
    """What `cjm check` tells next: the placeholders left, if any, and what else the map needs."""
    if not left:
        return _("see what else the map needs")
    message = ngettext(
        "list the {count} placeholder left (CJM212) and what else the map needs",
        "list the {count} placeholders left (CJM212) and what else the map needs",
        left,
    )
    return message.format(count=left)
