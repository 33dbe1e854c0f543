"""`cjm add`: grow an existing map, keeping the user's comments and layout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cjm.cli.app import app
from cjm.cli.choices import ElementKind, Level, Phase
from cjm.errors import UserError

if TYPE_CHECKING:
    from cjm.cli.prompts import Asker
    from cjm.edit.add import Facts
    from cjm.model import JourneyMap


def _list_option(flag: str, help_text: str) -> str | None:
    return typer.Option(None, flag, help=help_text + " (separated by commas)", show_default=False)


@app.command(short_help="Add a persona, stage, touchpoint or pain point to a map.")
def add(
    what: ElementKind = typer.Argument(..., help="What to add.", show_default=False),
    map_path: Path = typer.Argument(Path("journey.yaml"), metavar="MAP", help="The map to grow."),
    id: str | None = typer.Option(None, "--id", help="Id of the new element (default: made from its name)."),
    name: str | None = typer.Option(None, "--name", help="Name of a persona, channel or stage."),
    description: str | None = typer.Option(None, "--description", help="Description."),
    goals: str | None = _list_option("--goals", "A persona's goals"),
    needs: str | None = _list_option("--needs", "A persona's needs"),
    frustrations: str | None = _list_option("--frustrations", "A persona's frustrations"),
    kind: str | None = typer.Option(None, "--kind", help="A channel's kind: digital, physical, human..."),
    phase: Phase | None = typer.Option(None, "--phase", help="A stage's phase."),
    after: str | None = typer.Option(None, "--after", help="Put the new stage after this stage id."),
    stage: str | None = typer.Option(
        None, "--stage", help="Stage id of a touchpoint, pain point or opportunity."
    ),
    action: str | None = typer.Option(None, "--action", help="What the customer does (touchpoint)."),
    channel: str | None = typer.Option(None, "--channel", help="Channel id of a touchpoint."),
    personas: str | None = _list_option("--personas", "Persona ids (default: every persona)"),
    emotion: int | None = typer.Option(
        None, "--emotion", min=-2, max=2, help="-2 very negative ... 2 very positive."
    ),
    severity: Level | None = typer.Option(None, "--severity", help="How much a pain point hurts."),
    touchpoint: str | None = typer.Option(
        None, "--touchpoint", help="Touchpoint id where a pain point happens."
    ),
    addresses: str | None = _list_option("--addresses", "Pain point ids an opportunity solves"),
    priority: Level | None = typer.Option(None, "--priority", help="Priority of an opportunity."),
    owner: str | None = typer.Option(None, "--owner", help="Who owns a touchpoint or an opportunity."),
) -> None:
    """Add a persona, channel, stage, touchpoint, pain point or opportunity to a map.

    Asks for what the flags do not give (in a terminal); keeps comments and layout.
    """
    given = {
        "id": id,
        "name": name,
        "description": description,
        "goals": goals,
        "needs": needs,
        "frustrations": frustrations,
        "kind": kind,
        "phase": phase.value if phase else None,
        "after": after,
        "stage": stage,
        "action": action,
        "channel": channel,
        "personas": personas,
        "emotion": emotion,
        "severity": severity.value if severity else None,
        "touchpoint": touchpoint,
        "addresses": addresses,
        "priority": priority.value if priority else None,
        "owner": owner,
    }
    run_add(what.value, map_path, {key: value for key, value in given.items() if value is not None})
    raise typer.Exit(0)


QUESTIONS = {
    "id": "Short id, to refer to it",
    "name": "Name",
    "description": "Description",
    "goals": "Goals: what do they want to achieve?",
    "needs": "Needs: what do they need from you?",
    "frustrations": "Frustrations: what annoys them today?",
    "kind": "Kind (digital, physical, human...)",
    "phase": "Phase (discovery, consideration, decision, retention, advocacy)",
    "after": "After which stage? (id; empty: at the end)",
    "stage": "Stage (id)",
    "action": "What does the customer do?",
    "channel": "Channel (id)",
    "personas": "Who does it? (persona ids separated by commas; empty: every persona)",
    "emotion": "How does it feel? (-2 very negative ... 2 very positive)",
    "severity": "How much does it hurt? (low, medium, high)",
    "touchpoint": "At which touchpoint? (id; empty: none in particular)",
    "addresses": "Which pain points does it solve? (ids separated by commas)",
    "owner": "Owner",
    "priority": "Priority (low, medium, high)",
}


def run_add(kind: str, map_path: Path, given: dict[str, Any]) -> None:
    """Check the flags, ask for what is missing (in a terminal), add the element, say so."""
    from cjm.edit.add import Facts, add_element, check_flags, required
    from cjm.load.files import read_map_bytes
    from cjm.load.journey import load_map_text
    from cjm.reports.escape import visible

    data = read_map_bytes(map_path, str(map_path))
    journey = load_map_text(data, str(map_path))
    facts = Facts.of(journey)
    values = check_flags(kind, given, facts)
    missing = required(kind, values)
    if missing:
        values = _ask(kind, values, missing, facts, journey)
    item = add_element(kind, map_path, values, (data, journey))
    label = item.get("id") or item.get("action") or item.get("description")
    sys.stdout.write(visible(f"Added {kind.replace('-', ' ')} '{label}' to {map_path}.") + "\n")


def _ask(kind: str, values: dict[str, Any], missing: list[str], facts: Facts, journey: JourneyMap) -> dict:
    from rich.console import Console

    from cjm.cli.prompts import Asker
    from cjm.edit.add import RECOMMENDED, fields

    if not sys.stdin.isatty():
        flags = ", ".join(f"--{name}" for name in missing)
        raise UserError(f"cjm add {kind}: missing {flags} (no terminal to ask for it; give it as a flag)")
    asker = Asker(Console(highlight=False))
    asker.heading(f"New {kind.replace('-', ' ')}")
    wanted = [name for name in fields(kind) if name in missing or name in RECOMMENDED[kind]]
    if "id" in wanted:  # suggested from the name, so asked after it
        wanted.remove("id")
        wanted.insert(wanted.index("name") + 1 if "name" in wanted else len(wanted), "id")
    for name in wanted:
        if name not in values:
            answer = _ask_one(asker, kind, name, name in missing, values, facts, journey)
            if answer not in (None, [], ""):
                values[name] = answer
    return values


def _ask_one(
    asker: Asker, kind: str, name: str, needed: bool, values: dict, facts: Facts, journey: JourneyMap
) -> Any:
    from cjm.edit.add import check_value, suggestion
    from cjm.errors import InvalidValue

    if name in ("stage", "channel"):
        asker.note(f"{name.capitalize()}s in the map: " + ", ".join(facts.of_kind(name)))

    def parse(answer: str) -> Any:
        if not answer:
            if needed:
                raise InvalidValue("please type an answer")
            return None
        return check_value(kind, name, answer, facts)

    return asker.ask(QUESTIONS[name], parse, suggestion(kind, name, values, facts, journey))
