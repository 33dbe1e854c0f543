"""The questions of `cjm init`, in the order a marketer thinks about a journey.

The wizard only gathers `Answers`; turning them into files is the scaffold's job, so a
wizard session and an answers file with the same answers give the same map.
"""

from __future__ import annotations

from rich.markup import escape
from rich.panel import Panel

from cjm.cli.prompts import Asker
from cjm.errors import InvalidValue
from cjm.scaffold.answers import (
    Answers,
    ChannelAnswers,
    CustomStage,
    DraftStage,
    PainPointAnswers,
    PersonaAnswers,
    StageAnswers,
    TouchpointAnswers,
    draft_stages,
    find_channel,
)
from cjm.scaffold.ids import id_problem, slugify, unique_id
from cjm.scaffold.presets import CUSTOM_LABEL, PRESETS, default_preset, guess_phase, preset_label
from cjm.vocabulary import BUSINESSES, EMOTIONS, LANGUAGES, LEVELS, PHASES, emotion_word, parse_emotion

INTRO = """\
[bold]Let's sketch your customer journey map.[/]
You will describe who your customers are, where they meet you, and what they do,
feel and struggle with at each stage of the journey. Press [bold]Enter[/] to take the
suggestion in [cyan](brackets)[/]. Nothing is written until the end; [bold]Ctrl-C[/] stops
without leaving anything behind. You can change everything later in journey.yaml."""

KINDS = [("digital", "digital"), ("physical", "physical"), ("human", "human")]
SEVERITIES = [(level, level) for level in LEVELS]
DEFAULT_TITLES = {"en": "Customer journey", "es": "Recorrido del cliente", "pl": "Ścieżka klienta"}


def run_wizard(asker: Asker, given: Answers, fixed: set[str]) -> Answers:
    """Ask every question whose answer is not `fixed` by a command-line flag."""
    asker.console.print(Panel(INTRO, title="[bold]cjm init[/]", title_align="left", border_style="cyan"))
    answers = given.model_copy()
    _journey(asker, answers, fixed)
    stages = _stages(asker, answers, fixed)
    taken = [stage.id for stage in stages]
    answers.personas = _personas(asker, taken)
    answers.channels = _channels(asker, taken)
    for number, stage in enumerate(stages, start=1):
        asker.heading(f"Stage {number} of {len(stages)}: {stage.name}")
        answers.stages[stage.id] = _stage(asker, answers, stage)
    return answers


# --- the journey -------------------------------------------------------------------------


def _journey(asker: Asker, answers: Answers, fixed: set[str]) -> None:
    asker.heading("1. The journey")
    if "title" not in fixed:
        answers.title = asker.text("Title of the journey", answers.title or DEFAULT_TITLES["en"])
    if "business" not in fixed:
        answers.business = asker.choose("Who are your customers?", list(BUSINESSES.items()), answers.business)  # type: ignore[assignment]
    if "language" not in fixed:
        asker.note("The language of the map: stage names and the labels of rendered documents.")
        answers.language = asker.choose("Language", list(LANGUAGES.items()), answers.language)  # type: ignore[assignment]
    if "blueprint" not in fixed:
        asker.note(
            "A service blueprint also records, for each touchpoint, what the customer sees the company do,\n"
            "what the team does behind the scenes, the systems that support it and what the customer keeps."
        )
        answers.blueprint = asker.yes("Is this map a service blueprint?", default=answers.blueprint)


def _stages(asker: Asker, answers: Answers, fixed: set[str]) -> list[DraftStage]:
    if "preset" not in fixed:
        asker.note("Stages are the steps of the journey. Start from a common set or name your own.")
        options = [(key, preset_label(preset, answers.language)) for key, preset in PRESETS.items()]
        options.append(("custom", CUSTOM_LABEL))
        answers.preset = asker.choose("Stages", options, answers.preset or default_preset(answers.business))  # type: ignore[assignment]
    if answers.preset == "custom" and not answers.custom_stages:
        answers.custom_stages = _custom_stages(asker)
    stages = draft_stages(answers)
    names = ", ".join(stage.name for stage in stages)
    asker.console.print(f"  [green]✓[/] {len(stages)} stages: {escape(names)}", highlight=False)
    return stages


def _custom_stages(asker: Asker) -> list[CustomStage]:
    while True:
        asker.note("Type the stage names in order, separated by commas or one per line; an empty line ends.")
        names = asker.items("Stage names")
        if names:
            break
        asker.console.print("  [red]✗ a journey needs at least one stage[/]")
    asker.note(
        "Each stage belongs to a classic phase: cjm uses it to see if the journey goes on after the sale."
    )
    options = [(phase, phase) for phase in PHASES]
    stages: list[CustomStage] = []
    for index, name in enumerate(names):
        phase = asker.choose(f"  {escape(name)}:", options, guess_phase(index, len(names)), inline=True)
        ident = unique_id(slugify(name, "stage"), [stage.id for stage in stages if stage.id])
        stages.append(CustomStage(name=name, id=ident, phase=phase))  # type: ignore[arg-type]
    return stages


# --- personas and channels ---------------------------------------------------------------


def _personas(asker: Asker, taken: list[str]) -> list[PersonaAnswers]:
    asker.heading("2. Personas")
    asker.note("A persona is one kind of customer, e.g. 'First-time buyer' or 'Ana, IT manager'.")
    asker.note("For lists, separate the items with commas or type one per line; an empty line ends the list.")
    personas: list[PersonaAnswers] = []
    while True:
        personas.append(_persona(asker, taken, len(personas) + 1))
        if not asker.yes("Add another persona?", default=False):
            return personas


def _persona(asker: Asker, taken: list[str], number: int) -> PersonaAnswers:
    name = asker.text(f"Persona {number}: name")

    def check_id(answer: str) -> str:
        problem = id_problem(answer, taken)
        if problem:
            raise InvalidValue(problem)
        return answer

    ident = asker.ask("  Short id, to refer to it", check_id, unique_id(slugify(name, "persona"), taken))
    taken.append(ident)
    description = asker.text("  Who are they, in a sentence?", required=False) or None
    goals = asker.items("  Goals: what do they want to achieve?")
    needs = asker.items("  Needs: what do they need from you?")
    frustrations = asker.items("  Frustrations: what annoys them today?")
    asker.console.print(f"  [green]✓[/] persona [bold]{escape(name)}[/] ({ident})", highlight=False)
    return PersonaAnswers(
        name=name, id=ident, description=description, goals=goals, needs=needs, frustrations=frustrations
    )


def _channels(asker: Asker, taken: list[str]) -> list[ChannelAnswers]:
    asker.heading("3. Channels")
    asker.note("Channels are where customers meet you: Instagram, your website, the shop, a phone call...")
    asker.note(
        "Their kind is digital (web, app, social, email), physical (shop, event) or human (call, rep)."
    )
    channels: list[ChannelAnswers] = []
    while True:
        name = asker.text(f"Channel {len(channels) + 1}: name", "Website" if not channels else None)
        kind = asker.choose("  Kind?", KINDS, "digital", inline=True)
        ident = unique_id(slugify(name, "channel"), taken)
        taken.append(ident)
        channels.append(ChannelAnswers(name=name, id=ident, kind=kind))
        if not asker.yes("Add another channel?", default=False):
            return channels


# --- stage by stage ----------------------------------------------------------------------


def _stage(asker: Asker, answers: Answers, stage: DraftStage) -> StageAnswers:
    if stage.description:
        asker.note(stage.description)
    touchpoints: list[TouchpointAnswers] = []
    while True:
        touchpoints.append(_touchpoint(asker, answers, len(touchpoints) + 1))
        missing = _personas_without_touchpoint(answers.personas, touchpoints)
        if missing:
            names = ", ".join(escape(persona.name) for persona in missing)
            asker.console.print(f"  [yellow]![/] No touchpoint yet for: {names}", highlight=False)
        if not asker.yes("Add another touchpoint in this stage?", default=bool(missing)):
            break
    pain_points = _pain_points(asker, touchpoints)
    done = f"{len(touchpoints)} touchpoint(s), {len(pain_points)} pain point(s)"
    asker.console.print(f"  [green]✓[/] {escape(stage.name)}: {done}", highlight=False)
    return StageAnswers(touchpoints=touchpoints, pain_points=pain_points)


def _personas_without_touchpoint(
    personas: list[PersonaAnswers], touchpoints: list[TouchpointAnswers]
) -> list[PersonaAnswers]:
    covered: set[str] = set()
    for touchpoint in touchpoints:
        if touchpoint.personas is None:
            return []
        covered.update(touchpoint.personas)
    return [persona for persona in personas if persona.id not in covered]


def _touchpoint(asker: Asker, answers: Answers, number: int) -> TouchpointAnswers:
    action = asker.text(
        f"Touchpoint {number}: what does the customer do?", hint="e.g. Sees an ad on Instagram"
    )
    channel = _pick_channel(asker, answers.channels)
    personas = _pick_personas(asker, answers.personas)
    emotion = _emotion(asker, answers.language)
    lanes = _lanes(asker) if answers.blueprint else {}
    return TouchpointAnswers(action=action, channel=channel, personas=personas, emotion=emotion, **lanes)


LANE_QUESTIONS = {
    "frontstage": "  Frontstage: what does the customer see the company do?",
    "backstage": "  Backstage: what does the team do behind the scenes?",
    "support": "  Support: which systems and processes support it?",
    "physical_evidence": "  Physical evidence: what does the customer see or keep?",
}


def _lanes(asker: Asker) -> dict[str, list[str]]:
    """The blueprint lanes of one touchpoint; an empty answer leaves a TODO to fill in later."""
    asker.note("  Blueprint lanes: an empty answer writes a TODO to fill in later.")
    return {lane: asker.items(question) for lane, question in LANE_QUESTIONS.items()}


def _pick_channel(asker: Asker, channels: list[ChannelAnswers]) -> str:
    if len(channels) == 1:
        return str(channels[0].id)
    listing = "  ".join(
        f"[cyan]{number}[/] {escape(channel.name)}" for number, channel in enumerate(channels, 1)
    )
    asker.console.print(f"  {listing}", highlight=False)

    def parse(answer: str) -> str:
        found = find_channel(answer, channels)
        if found is None:
            raise InvalidValue(f"type a number from 1 to {len(channels)}, or a channel's name")
        return found

    return asker.ask("  On which channel?", parse, "1")


def _pick_personas(asker: Asker, personas: list[PersonaAnswers]) -> list[str] | None:
    """The ids of the personas who do something; None for all of them."""
    if len(personas) == 1:
        return None
    known = [str(persona.id) for persona in personas]
    listing = "  ".join(
        f"[cyan]{number}[/] {escape(persona.name)}" for number, persona in enumerate(personas, 1)
    )
    asker.console.print(f"  {listing}", highlight=False)

    def one(item: str) -> str:
        if item.isdigit() and 1 <= int(item) <= len(known):
            return known[int(item) - 1]
        if item in known:
            return item
        raise InvalidValue(f"no persona '{item}': type numbers from 1 to {len(known)}, separated by commas")

    def parse(answer: str) -> list[str] | None:
        if answer.lower() in {"", "all"}:
            return None
        chosen = list(dict.fromkeys(one(item.strip()) for item in answer.split(",") if item.strip()))
        return None if set(chosen) == set(known) else chosen

    return asker.ask("  Who does this?", parse, "all", "numbers separated by commas")


def _emotion(asker: Asker, language: str) -> int:
    scale = "   ".join(f"[cyan]{value}[/] {emotion_word(value, language)}" for value in EMOTIONS)
    asker.console.print(f"  {scale}", highlight=False)
    return asker.ask("  How does it feel?", parse_emotion, "0")


def _pain_points(asker: Asker, touchpoints: list[TouchpointAnswers]) -> list[PainPointAnswers]:
    asker.note("Pain points are what goes wrong for the customer here; opportunities are how you fix them.")
    pain_points: list[PainPointAnswers] = []
    question = "Does anything go wrong for the customer in this stage?"
    unhappy = any((touchpoint.emotion or 0) < 0 for touchpoint in touchpoints)
    while asker.yes(question, default=unhappy and not pain_points):
        pain_points.append(_pain_point(asker, touchpoints, len(pain_points) + 1))
        question = "Another pain point in this stage?"
    return pain_points


def _pain_point(asker: Asker, touchpoints: list[TouchpointAnswers], number: int) -> PainPointAnswers:
    description = asker.text(
        f"Pain point {number}: what goes wrong?", hint="e.g. Shipping costs show up only at checkout"
    )
    severity = asker.choose("  How much does it hurt?", SEVERITIES, "medium", inline=True)
    touchpoint = _pick_touchpoint(asker, touchpoints)
    opportunity = asker.text(
        "  Opportunity: what could you do to solve it?", hint="e.g. Show shipping costs on the product page"
    )
    return PainPointAnswers(
        description=description, severity=severity, touchpoint=touchpoint, opportunity=opportunity
    )  # type: ignore[arg-type]


def _pick_touchpoint(asker: Asker, touchpoints: list[TouchpointAnswers]) -> int | None:
    options = [("0", "not at one touchpoint in particular")]
    options += [(str(number), touchpoint.action) for number, touchpoint in enumerate(touchpoints, 1)]
    negative = next((number for number, item in enumerate(touchpoints, 1) if (item.emotion or 0) < 0), 0)
    if len(touchpoints) == 1:
        negative = 1
    for key, text in options:
        asker.console.print(f"  [cyan]{key}[/]  {escape(text)}", highlight=False)

    def parse(answer: str) -> int | None:
        if answer.isdigit() and int(answer) <= len(touchpoints):
            return int(answer) or None
        raise InvalidValue(f"type a number from 0 to {len(touchpoints)}")

    return asker.ask("  Where does it happen?", parse, str(negative))
