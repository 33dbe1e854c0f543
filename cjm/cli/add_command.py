"""`cjm add`: grow an existing map, keeping the user's comments and layout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cjm.cli.app import app
from cjm.cli.choices import ElementKind, Level, Phase, choice
from cjm.errors import UserError
from cjm.i18n import N_
from cjm.i18n import gettext as _
from cjm.vocabulary import OPPORTUNITY_STATUSES

OpportunityStatus = choice("OpportunityStatus", OPPORTUNITY_STATUSES)

if TYPE_CHECKING:
    from cjm.cli.prompts import Asker
    from cjm.edit.add import Facts
    from cjm.model import JourneyMap


def _list_option(flag: str, help_text: str) -> str | None:
    return typer.Option(None, flag, help=help_text, show_default=False)


@app.command(
    short_help=_("Add a persona, stage, touchpoint or pain point to a map."),
    help=_(
        "Add a persona, channel, stage, touchpoint, pain point or opportunity to a map.\n\n"
        "Asks for what the flags do not give (in a terminal); keeps comments and layout."
    ),
)
def add(
    what: ElementKind = typer.Argument(..., help=_("What to add."), show_default=False),
    map_path: Path = typer.Argument(Path("journey.yaml"), metavar="MAP", help=_("The map to grow.")),
    id: str | None = typer.Option(
        None, "--id", help=_("Id of the new element (default: made from its name).")
    ),
    name: str | None = typer.Option(None, "--name", help=_("Name of a persona, channel or stage.")),
    description: str | None = typer.Option(None, "--description", help=_("Description.")),
    goals: str | None = _list_option("--goals", _("A persona's goals (separated by commas)")),
    needs: str | None = _list_option("--needs", _("A persona's needs (separated by commas)")),
    frustrations: str | None = _list_option(
        "--frustrations", _("A persona's frustrations (separated by commas)")
    ),
    kind: str | None = typer.Option(None, "--kind", help=_("A channel's kind: digital, physical, human...")),
    phase: Phase | None = typer.Option(None, "--phase", help=_("A stage's phase.")),
    after: str | None = typer.Option(None, "--after", help=_("Put the new stage after this stage id.")),
    stage: str | None = typer.Option(
        None, "--stage", help=_("Stage id of a touchpoint, pain point or opportunity.")
    ),
    action: str | None = typer.Option(None, "--action", help=_("What the customer does (touchpoint).")),
    channel: str | None = typer.Option(None, "--channel", help=_("Channel id of a touchpoint.")),
    personas: str | None = _list_option(
        "--personas", _("Persona ids (default: every persona) (separated by commas)")
    ),
    emotion: int | None = typer.Option(
        None, "--emotion", min=-2, max=2, help=_("-2 very negative ... 2 very positive.")
    ),
    severity: Level | None = typer.Option(None, "--severity", help=_("How much a pain point hurts.")),
    touchpoint: str | None = typer.Option(
        None, "--touchpoint", help=_("Touchpoint id where a pain point happens.")
    ),
    addresses: str | None = _list_option(
        "--addresses", _("Pain point ids an opportunity solves (separated by commas)")
    ),
    priority: Level | None = typer.Option(None, "--priority", help=_("Priority of an opportunity.")),
    owner: str | None = typer.Option(None, "--owner", help=_("Who owns a touchpoint or an opportunity.")),
    target_emotion: int | None = typer.Option(
        None, "--target-emotion", min=-2, max=2, help=_("How a touchpoint should feel once improved (to-be).")
    ),
    moment_of_truth: bool = typer.Option(
        False, "--moment-of-truth", help=_("The touchpoint decides whether the customer stays or leaves.")
    ),
    frontstage: str | None = _list_option(
        "--frontstage", _("Blueprint: what the customer sees the company do (separated by commas)")
    ),
    backstage: str | None = _list_option(
        "--backstage", _("Blueprint: what the team does behind the scenes (separated by commas)")
    ),
    support: str | None = _list_option(
        "--support", _("Blueprint: systems and processes behind it (separated by commas)")
    ),
    physical_evidence: str | None = _list_option(
        "--physical-evidence", _("Blueprint: what the customer sees or keeps (separated by commas)")
    ),
    status: OpportunityStatus | None = typer.Option(None, "--status", help=_("Where an opportunity stands.")),  # type: ignore[valid-type]
    effort: Level | None = typer.Option(None, "--effort", help=_("How much work an opportunity is.")),
) -> None:
    """Grow the map with the element the flags describe, asking for the rest in a terminal."""
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
        "target_emotion": target_emotion,
        "moment_of_truth": True if moment_of_truth else None,  # false is the default: nothing to write
        "frontstage": frontstage,
        "backstage": backstage,
        "support": support,
        "physical_evidence": physical_evidence,
        "status": status.value if status else None,  # type: ignore[attr-defined]
        "effort": effort.value if effort else None,
    }
    run_add(what.value, map_path, {key: value for key, value in given.items() if value is not None})
    raise typer.Exit(0)


QUESTIONS = {
    "id": N_("Short id, to refer to it"),
    "name": N_("Name"),
    "description": N_("Description"),
    "goals": N_("Goals: what do they want to achieve?"),
    "needs": N_("Needs: what do they need from you?"),
    "frustrations": N_("Frustrations: what annoys them today?"),
    "kind": N_("Kind (digital, physical, human...)"),
    "phase": N_("Phase (discovery, consideration, decision, retention, advocacy)"),
    "after": N_("After which stage? (id; empty: at the end)"),
    "stage": N_("Stage (id)"),
    "action": N_("What does the customer do?"),
    "channel": N_("Channel (id)"),
    "personas": N_("Who does it? (persona ids separated by commas; empty: every persona)"),
    "emotion": N_("How does it feel? (-2 very negative ... 2 very positive)"),
    "severity": N_("How much does it hurt? (low, medium, high)"),
    "touchpoint": N_("At which touchpoint? (id; empty: none in particular)"),
    "addresses": N_("Which pain points does it solve? (ids separated by commas)"),
    "owner": N_("Owner"),
    "priority": N_("Priority (low, medium, high)"),
}
# Whole sentences for each kind: a translation makes its words agree with the element's gender.
HEADINGS = {
    "persona": N_("New persona"),
    "channel": N_("New channel"),
    "stage": N_("New stage"),
    "touchpoint": N_("New touchpoint"),
    "pain-point": N_("New pain point"),
    "opportunity": N_("New opportunity"),
}
ADDED = {
    "persona": N_("Added persona '{label}' to {map}."),
    "channel": N_("Added channel '{label}' to {map}."),
    "stage": N_("Added stage '{label}' to {map}."),
    "touchpoint": N_("Added touchpoint '{label}' to {map}."),
    "pain-point": N_("Added pain point '{label}' to {map}."),
    "opportunity": N_("Added opportunity '{label}' to {map}."),
}
IN_THE_MAP = {"stage": N_("Stages in the map: {ids}"), "channel": N_("Channels in the map: {ids}")}


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
    sys.stdout.write(visible(_(ADDED[kind]).format(label=label, map=map_path)) + "\n")


def _ask(kind: str, values: dict[str, Any], missing: list[str], facts: Facts, journey: JourneyMap) -> dict:
    from rich.console import Console

    from cjm.cli.prompts import Asker
    from cjm.edit.add import RECOMMENDED, fields, flag

    if not sys.stdin.isatty():
        flags = ", ".join(flag(name) for name in missing)
        message = _("cjm add {kind}: missing {flags} (no terminal to ask for it; give it as a flag)")
        raise UserError(message.format(kind=kind, flags=flags))
    asker = Asker(Console(highlight=False))
    asker.heading(_(HEADINGS[kind]))
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
        asker.note(_(IN_THE_MAP[name]).format(ids=", ".join(facts.of_kind(name))))

    def parse(answer: str) -> Any:
        if not answer:
            if needed:
                raise InvalidValue(_("please type an answer"))
            return None
        return check_value(kind, name, answer, facts)

    return asker.ask(_(QUESTIONS[name]), parse, suggestion(kind, name, values, facts, journey))
