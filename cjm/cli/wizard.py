"""The questions of `cjm init`, in the order a marketer thinks about a journey.

The wizard only gathers `Answers`; turning them into files is the scaffold's job, so a
wizard session and an answers file with the same answers give the same map.
"""

from __future__ import annotations

from rich.markup import escape
from rich.panel import Panel

from cjm.cli.prompts import Asker, flowing
from cjm.errors import InvalidValue
from cjm.i18n import N_, current_language, ngettext, use_language
from cjm.i18n import gettext as _
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
from cjm.scaffold.presets import CUSTOM_LABEL, PRESETS, Preset, default_preset, guess_phase
from cjm.scaffold.words import MapWords
from cjm.vocabulary import BUSINESSES, EMOTIONS, LANGUAGES, LEVELS, PHASES, emotion_word, parse_emotion

INTRO = N_("""\
[bold]Let's sketch your customer journey map.[/]
You will describe who your customers are, where they meet you, and what they do,
feel and struggle with at each stage of the journey. Press [bold]Enter[/] to take the
suggestion in [cyan](brackets)[/]. Nothing is written until the end; [bold]Ctrl-C[/] stops
without leaving anything behind. You can change everything later in journey.yaml.""")

KINDS = [("digital", "digital"), ("physical", "physical"), ("human", "human")]
SEVERITIES = [(level, level) for level in LEVELS]
BLUEPRINT_NOTE = N_(
    "A service blueprint also records, for each touchpoint, what the customer sees the company do,\n"
    "what the team does behind the scenes, the systems that support it and what the customer keeps."
)

# Suggestions that end up in the map, so in the map's language.
DEFAULT_TITLES = {"en": "Customer journey", "es": "Recorrido del cliente", "pl": "Ścieżka klienta"}
# The words of the menus, defined with their keys (cjm/vocabulary.py, cjm/scaffold/presets.py)
# and marked here for the catalog: the wizard translates them where it shows them.
MENU_LABELS = (
    N_("B2C: you sell to consumers"),
    N_("B2B: you sell to other businesses"),
    N_("Classic five"),
    N_("Online shop"),
    N_("B2B, longer and decided by a buying committee"),
    N_("Custom: I will name the stages myself"),
)


def run_wizard(asker: Asker, given: Answers, fixed: set[str], follow_map_language: bool = False) -> Answers:
    """Ask every question whose answer is not `fixed` by a command-line flag.

    With `follow_map_language` the wizard speaks the map's language from the moment it is known
    (the `--language` flag, else the answer to the question), and so does the command after it:
    a person who picks Español has just told us the language they work in.
    """
    if follow_map_language and "language" in fixed:
        use_language(given.language)
    intro = flowing(_(INTRO))
    asker.console.print(Panel(intro, title="[bold]cjm init[/]", title_align="left", border_style="cyan"))
    answers = given.model_copy()
    _journey(asker, answers, fixed, follow_map_language)
    stages = _stages(asker, answers, fixed)
    taken = [stage.id for stage in stages]
    answers.personas = _personas(asker, taken, MapWords(answers.language))
    answers.channels = _channels(asker, taken, answers.language)
    for number, stage in enumerate(stages, start=1):
        heading = _("Stage {number} of {count}: {name}")
        asker.heading(heading.format(number=number, count=len(stages), name=stage.name))
        answers.stages[stage.id] = _stage(asker, answers, stage)
    return answers


def _indented(question: str) -> str:
    """A question that details the one before it, set under it."""
    return f"  {question}"


# --- the journey -------------------------------------------------------------------------


def _journey(asker: Asker, answers: Answers, fixed: set[str], follow_map_language: bool) -> None:
    asker.heading(_("1. The journey"))
    # Until the map's language is known, suggest the one the person reads.
    suggested = answers.language if "language" in fixed else current_language()
    if "title" not in fixed:
        title = answers.title or DEFAULT_TITLES.get(suggested, DEFAULT_TITLES["en"])
        answers.title = asker.text(_("Title of the journey"), title)
    if "business" not in fixed:
        options = [(key, _(label)) for key, label in BUSINESSES.items()]
        answers.business = asker.choose(_("Who are your customers?"), options, answers.business)  # type: ignore[assignment]
    if "language" not in fixed:
        _language(asker, answers, suggested, follow_map_language)
    if "blueprint" not in fixed:
        asker.note(_(BLUEPRINT_NOTE))
        answers.blueprint = asker.yes(_("Is this map a service blueprint?"), default=answers.blueprint)


def _language(asker: Asker, answers: Answers, suggested: str, follow_map_language: bool) -> None:
    """The map's language; each is named in its own words (English, Español, Polski)."""
    asker.note(_("The language of the map: stage names and the labels of rendered documents."))
    answers.language = asker.choose(_("Language"), list(LANGUAGES.items()), suggested)  # type: ignore[assignment]
    if follow_map_language and answers.language != current_language():
        use_language(answers.language)
        # Each catalog names its own language here: the note is read in the language it names.
        asker.note(_("The questions go on in English."))


def _stages(asker: Asker, answers: Answers, fixed: set[str]) -> list[DraftStage]:
    if "preset" not in fixed:
        asker.note(_("Stages are the steps of the journey. Start from a common set or name your own."))
        options = [(key, _preset_label(preset, answers.language)) for key, preset in PRESETS.items()]
        options.append(("custom", _(CUSTOM_LABEL)))
        default = answers.preset or default_preset(answers.business)
        answers.preset = asker.choose(_("Stages"), options, default)  # type: ignore[assignment]
    if answers.preset == "custom" and not answers.custom_stages:
        answers.custom_stages = _custom_stages(asker, MapWords(answers.language))
    stages = draft_stages(answers)
    names = escape(", ".join(stage.name for stage in stages))
    done = ngettext("{count} stage: {names}", "{count} stages: {names}", len(stages))
    asker.console.print(f"  [green]✓[/] {done.format(count=len(stages), names=names)}", highlight=False)
    return stages


def _preset_label(preset: Preset, language: str) -> str:
    """`Classic five: Discovery, Consideration, ...`, the stage names in the map's language."""
    label = _(preset.label)
    return f"{label}: {', '.join(stage.name for stage in preset.stages[language])}"


def _custom_stages(asker: Asker, words: MapWords) -> list[CustomStage]:
    while True:
        asker.note(
            _("Type the stage names in order, separated by commas or one per line; an empty line ends.")
        )
        names = asker.items(_("Stage names"))
        if names:
            break
        problem = _("a journey needs at least one stage")
        asker.console.print(f"  [red]✗ {escape(problem)}[/]")
    asker.note(
        _("Each stage belongs to a classic phase: cjm uses it to see if the journey goes on after the sale.")
    )
    options = [(phase, phase) for phase in PHASES]
    stages: list[CustomStage] = []
    for index, name in enumerate(names):
        phase = asker.choose(f"  {escape(name)}:", options, guess_phase(index, len(names)), inline=True)
        ident = unique_id(
            slugify(name, words.suggested_id("stage")), [stage.id for stage in stages if stage.id]
        )
        stages.append(CustomStage(name=name, id=ident, phase=phase))  # type: ignore[arg-type]
    return stages


# --- personas and channels ---------------------------------------------------------------


def _personas(asker: Asker, taken: list[str], words: MapWords) -> list[PersonaAnswers]:
    asker.heading(_("2. Personas"))
    asker.note(_("A persona is one kind of customer, e.g. 'First-time buyer' or 'Ana, IT manager'."))
    asker.note(
        _("For lists, separate the items with commas or type one per line; an empty line ends the list.")
    )
    personas: list[PersonaAnswers] = []
    while True:
        personas.append(_persona(asker, taken, len(personas) + 1, words))
        if not asker.yes(_("Add another persona?"), default=False):
            return personas


def _persona(asker: Asker, taken: list[str], number: int, words: MapWords) -> PersonaAnswers:
    name = asker.text(_("Persona {number}: name").format(number=number))

    def check_id(answer: str) -> str:
        if id_problem(answer, taken) is None:
            return answer
        if answer in taken:
            used = _("the id '{id}' is already used in this map; ids must be unique")
            raise InvalidValue(used.format(id=answer))
        raise InvalidValue(_("an id is 1-64 letters, digits, '-' or '_' (no spaces or accents)"))

    ident = asker.ask(
        _indented(_("Short id, to refer to it")),
        check_id,
        unique_id(slugify(name, words.suggested_id("persona")), taken),
    )
    taken.append(ident)
    description = asker.text(_indented(_("Who are they, in a sentence?")), required=False) or None
    goals = asker.items(_indented(_("Goals: what do they want to achieve?")))
    needs = asker.items(_indented(_("Needs: what do they need from you?")))
    frustrations = asker.items(_indented(_("Frustrations: what annoys them today?")))
    done = _("persona {name} ({id})").format(name=f"[bold]{escape(name)}[/]", id=ident)
    asker.console.print(f"  [green]✓[/] {done}", highlight=False)
    return PersonaAnswers(
        name=name, id=ident, description=description, goals=goals, needs=needs, frustrations=frustrations
    )


def _channels(asker: Asker, taken: list[str], language: str) -> list[ChannelAnswers]:
    asker.heading(_("3. Channels"))
    asker.note(_("Channels are where customers meet you: Instagram, your website, the shop, a phone call..."))
    asker.note(
        _("Their kind is digital (web, app, social, email), physical (shop, event) or human (call, rep).")
    )
    channels: list[ChannelAnswers] = []
    while True:
        suggestion = None if channels else MapWords(language).text("channel")
        name = asker.text(_("Channel {number}: name").format(number=len(channels) + 1), suggestion)
        kind = asker.choose(_indented(_("Kind?")), KINDS, "digital", inline=True)
        ident = unique_id(slugify(name, MapWords(language).suggested_id("channel")), taken)
        taken.append(ident)
        channels.append(ChannelAnswers(name=name, id=ident, kind=kind))
        if not asker.yes(_("Add another channel?"), default=False):
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
            warning = _("No touchpoint yet for: {names}").format(names=names)
            asker.console.print(f"  [yellow]![/] {warning}", highlight=False)
        if not asker.yes(_("Add another touchpoint in this stage?"), default=bool(missing)):
            break
    pain_points = _pain_points(asker, touchpoints)
    asker.console.print(
        f"  [green]✓[/] {escape(stage.name)}: {_stage_counts(touchpoints, pain_points)}", highlight=False
    )
    return StageAnswers(touchpoints=touchpoints, pain_points=pain_points)


def _stage_counts(touchpoints: list[TouchpointAnswers], pain_points: list[PainPointAnswers]) -> str:
    """`2 touchpoint(s), 1 pain point(s)`; the translations have their plural forms."""
    touched = ngettext("{count} touchpoint(s)", "{count} touchpoint(s)", len(touchpoints))
    hurt = ngettext("{count} pain point(s)", "{count} pain point(s)", len(pain_points))
    return f"{touched.format(count=len(touchpoints))}, {hurt.format(count=len(pain_points))}"


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
        _("Touchpoint {number}: what does the customer do?").format(number=number),
        hint=_("e.g. Sees an ad on Instagram"),
    )
    channel = _pick_channel(asker, answers.channels)
    personas = _pick_personas(asker, answers.personas)
    emotion = _emotion(asker, answers.language)
    lanes = _lanes(asker) if answers.blueprint else {}
    return TouchpointAnswers(action=action, channel=channel, personas=personas, emotion=emotion, **lanes)


LANE_QUESTIONS = {
    "frontstage": N_("Frontstage: what does the customer see the company do?"),
    "backstage": N_("Backstage: what does the team do behind the scenes?"),
    "support": N_("Support: which systems and processes support it?"),
    "physical_evidence": N_("Physical evidence: what does the customer see or keep?"),
}


def _lanes(asker: Asker) -> dict[str, list[str]]:
    """The blueprint lanes of one touchpoint; an empty answer leaves a TODO to fill in later."""
    asker.note(_indented(_("Blueprint lanes: an empty answer writes a TODO to fill in later.")))
    return {lane: asker.items(_indented(_(question))) for lane, question in LANE_QUESTIONS.items()}


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
            raise InvalidValue(
                _("type a number from 1 to {count}, or a channel's name").format(count=len(channels))
            )
        return found

    return asker.ask(_indented(_("On which channel?")), parse, "1")


def _pick_personas(asker: Asker, personas: list[PersonaAnswers]) -> list[str] | None:
    """The ids of the personas who do something; None for all of them."""
    if len(personas) == 1:
        return None
    known = [str(persona.id) for persona in personas]
    listing = "  ".join(
        f"[cyan]{number}[/] {escape(persona.name)}" for number, persona in enumerate(personas, 1)
    )
    asker.console.print(f"  {listing}", highlight=False)
    everyone = _("all")

    def one(item: str) -> str:
        if item.isdigit() and 1 <= int(item) <= len(known):
            return known[int(item) - 1]
        if item in known:
            return item
        unknown = _("no persona '{persona}': type numbers from 1 to {count}, separated by commas")
        raise InvalidValue(unknown.format(persona=item, count=len(known)))

    def parse(answer: str) -> list[str] | None:
        if answer.lower() in {"", "all", everyone.lower()}:
            return None
        chosen = list(dict.fromkeys(one(item.strip()) for item in answer.split(",") if item.strip()))
        return None if set(chosen) == set(known) else chosen

    return asker.ask(_indented(_("Who does this?")), parse, everyone, _("numbers separated by commas"))


def _emotion(asker: Asker, language: str) -> int:
    """The scale in the map's language, whose words the map's comments repeat."""
    scale = "   ".join(f"[cyan]{value}[/] {emotion_word(value, language)}" for value in EMOTIONS)
    asker.console.print(f"  {scale}", highlight=False)
    return asker.ask(_indented(_("How does it feel?")), _parse_emotion, "0")


def _parse_emotion(answer: str) -> int:
    try:
        return parse_emotion(answer)
    except InvalidValue:
        raise InvalidValue(_("type a whole number from -2 (very negative) to 2 (very positive)")) from None


def _pain_points(asker: Asker, touchpoints: list[TouchpointAnswers]) -> list[PainPointAnswers]:
    asker.note(
        _("Pain points are what goes wrong for the customer here; opportunities are how you fix them.")
    )
    pain_points: list[PainPointAnswers] = []
    question = _("Does anything go wrong for the customer in this stage?")
    unhappy = any((touchpoint.emotion or 0) < 0 for touchpoint in touchpoints)
    while asker.yes(question, default=unhappy and not pain_points):
        pain_points.append(_pain_point(asker, touchpoints, len(pain_points) + 1))
        question = _("Another pain point in this stage?")
    return pain_points


def _pain_point(asker: Asker, touchpoints: list[TouchpointAnswers], number: int) -> PainPointAnswers:
    description = asker.text(
        _("Pain point {number}: what goes wrong?").format(number=number),
        hint=_("e.g. Shipping costs show up only at checkout"),
    )
    severity = asker.choose(_indented(_("How much does it hurt?")), SEVERITIES, "medium", inline=True)
    touchpoint = _pick_touchpoint(asker, touchpoints)
    opportunity = asker.text(
        _indented(_("Opportunity: what could you do to solve it?")),
        hint=_("e.g. Show shipping costs on the product page"),
    )
    return PainPointAnswers(
        description=description, severity=severity, touchpoint=touchpoint, opportunity=opportunity
    )  # type: ignore[arg-type]


def _pick_touchpoint(asker: Asker, touchpoints: list[TouchpointAnswers]) -> int | None:
    options = [("0", _("not at one touchpoint in particular"))]
    options += [(str(number), touchpoint.action) for number, touchpoint in enumerate(touchpoints, 1)]
    negative = next((number for number, item in enumerate(touchpoints, 1) if (item.emotion or 0) < 0), 0)
    if len(touchpoints) == 1:
        negative = 1
    for key, text in options:
        asker.console.print(f"  [cyan]{key}[/]  {escape(text)}", highlight=False)

    def parse(answer: str) -> int | None:
        if answer.isdigit() and int(answer) <= len(touchpoints):
            return int(answer) or None
        raise InvalidValue(_("type a number from 0 to {count}").format(count=len(touchpoints)))

    return asker.ask(_indented(_("Where does it happen?")), parse, str(negative))
