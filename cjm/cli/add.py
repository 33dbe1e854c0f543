"""`cjm add`: grow an existing map, keeping the user's comments and layout."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from cjm.cli import app


class What(str, Enum):
    persona = "persona"
    channel = "channel"
    stage = "stage"
    touchpoint = "touchpoint"
    pain_point = "pain-point"
    opportunity = "opportunity"


class Level(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"


class Phase(str, Enum):
    discovery = "discovery"
    consideration = "consideration"
    decision = "decision"
    retention = "retention"
    advocacy = "advocacy"


def _list_option(flag: str, help_text: str) -> str | None:
    return typer.Option(None, flag, help=help_text + " (separated by commas)", show_default=False)


@app.command(short_help="Add a persona, stage, touchpoint or pain point to a map.")
def add(
    what: What = typer.Argument(..., help="What to add.", show_default=False),
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
    from cjm.cli.add_element import add_element

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
    add_element(what.value, map_path, {key: value for key, value in given.items() if value is not None})
    raise typer.Exit(0)
