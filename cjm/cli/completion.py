"""Shell completion of option values: formats, rule codes, and ids read from the map.

Typer completes the commands, the flags and the options typed as an Enum. The options typed
as text that still take fixed words (`--format`), rule codes (`--select`, `cjm rules CODE`)
or an id of the map (`--persona`, `--stage`) are completed here. The values are attached by
parameter name to the click command built from the app, only when the shell asks for
completions (`_CJM_COMPLETE` set), so the command modules stay as they are and a normal run
never builds anything more. Ids come from the maps the command line names (or the current
folder's project); a map that does not load offers none, and never an error.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjm import vocabulary

if TYPE_CHECKING:
    import typer

    from cjm.model.elements import JourneyMap

COMPLETE_VARIABLE = "_CJM_COMPLETE"  # what click's completion scripts set: _{PROG}_COMPLETE
MAX_MAPS = 20  # a folder of many maps: the ids of the first few are enough to offer
Values = Callable[[Any], Iterable[str]]  # the click context (for the maps named) -> the words


def completing() -> bool:
    """Whether the shell is asking for completions rather than running a command."""
    return COMPLETE_VARIABLE in os.environ


def run_with_completion(app: typer.Typer) -> None:
    """Run the app with the value completions attached (as `app()` runs it otherwise)."""
    import typer.main

    command = typer.main.get_command(app)
    for name, subcommand in getattr(command, "commands", {}).items():
        for param in subcommand.params:
            values = VALUES.get((name, param.name or "")) or VALUES.get(("*", param.name or ""))
            if values is not None:
                attach(param, values, param.name in LISTS)
    command(prog_name="cjm")


def attach(param: Any, values: Values, comma_separated: bool) -> None:
    """Make `param` offer `values`; for a comma-separated list, for the part after the last comma."""

    def complete(ctx: Any, _param: Any, incomplete: str) -> list[str]:
        done, _, part = incomplete.rpartition(",") if comma_separated else ("", "", incomplete)
        prefix, given = (f"{done},", set(done.split(","))) if done else ("", set())
        words = [word for word in dict.fromkeys(values(ctx)) if word not in given]  # in order, once each
        return [prefix + word for word in words if word.lower().startswith(part.lower())]

    # The hook typer's own `autocompletion=` sets on a parameter; its strings become items.
    param._custom_shell_complete = complete


# --- the values --------------------------------------------------------------------------------


def rule_codes(ctx: Any) -> list[str]:
    from cjm.rules import RULES

    return [*RULES, *(rule.name for rule in RULES.values())]


def explained_codes(ctx: Any) -> list[str]:
    """What `cjm rules CODE` explains: every rule, and the codes that come from no rule."""
    return [*rule_codes(ctx), *vocabulary.NON_RULE_CODES]


def maps_named(ctx: Any) -> list[JourneyMap]:
    """The maps of the command line being completed (its MAP or targets), else of this folder."""
    targets = named_targets(ctx) or [Path(".")]
    return [journey for path in _map_paths(targets)[:MAX_MAPS] if (journey := _loaded(path))]


def named_targets(ctx: Any) -> list[Path]:
    """The files and folders named on the command line. While an option still waits for its
    value, click leaves the words unparsed in `ctx.args` (and the parameters at their defaults)."""
    words = [word for word in getattr(ctx, "args", []) if isinstance(word, str) and not word.startswith("-")]
    existing = [Path(word) for word in words if os.path.exists(word)]
    if existing:
        return existing
    params = getattr(ctx, "params", {}) or {}
    named = params.get("map_path") or params.get("targets") or []
    return [Path(path) for path in (named if isinstance(named, list | tuple) else [named])]


def _map_paths(targets: Iterable[Path]) -> list[Path]:
    from cjm.errors import UserError
    from cjm.load.project import open_project

    paths: list[Path] = []
    for target in targets:
        try:
            paths += open_project(Path(target)).maps
        except (UserError, OSError, ValueError):
            continue  # nothing to offer from a target that does not open
    return paths


def _loaded(path: Path) -> JourneyMap | None:
    from cjm.errors import UserError
    from cjm.load.journey import load_map

    try:
        return load_map(path)
    except (UserError, OSError, ValueError):
        return None


def persona_ids(ctx: Any) -> list[str]:
    return [persona.id for journey in maps_named(ctx) for persona in journey.personas]


def channel_ids(ctx: Any) -> list[str]:
    return [channel.id for journey in maps_named(ctx) for channel in journey.channels]


def stage_ids(ctx: Any) -> list[str]:
    return [stage.id for journey in maps_named(ctx) for stage in journey.stages]


def touchpoint_ids(ctx: Any) -> list[str]:
    return [
        touchpoint.id
        for journey in maps_named(ctx)
        for stage in journey.stages
        for touchpoint in stage.touchpoints
        if touchpoint.id
    ]


def pain_point_ids(ctx: Any) -> list[str]:
    return [
        pain.id
        for journey in maps_named(ctx)
        for stage in journey.stages
        for pain in stage.pain_points or ()
        if pain.id
    ]


def words(*choices: str | int) -> Values:
    return lambda ctx: [str(choice) for choice in choices]


# (command, parameter) -> its values; "*" for every command with that parameter.
VALUES: dict[tuple[str, str], Values] = {
    ("check", "output_format"): words("auto", *vocabulary.CHECK_FORMATS),
    ("diff", "output_format"): words(*vocabulary.DIFF_FORMATS),
    ("render", "formats"): words(*vocabulary.RENDER_FORMATS),
    ("check", "select"): rule_codes,
    ("check", "ignore"): rule_codes,
    ("rules", "code"): explained_codes,
    ("render", "persona"): persona_ids,
    ("add", "personas"): persona_ids,
    ("add", "channel"): channel_ids,
    ("add", "stage"): stage_ids,
    ("add", "after"): stage_ids,
    ("add", "touchpoint"): touchpoint_ids,
    ("add", "addresses"): pain_point_ids,
    ("add", "emotion"): words(*vocabulary.EMOTIONS),
}
LISTS = frozenset({"formats", "select", "ignore", "personas", "addresses"})  # comma-separated
