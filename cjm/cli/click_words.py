"""The words Typer prints itself (usage lines, help headings, usage errors), in cjm's catalog.

Typer carries its own copy of Click. Only `typer.core` marks its words with the standard
`gettext` (bound as `_` when it is imported), so `speak` rebinds that `_` to cjm's catalog;
the usage prefix and the help of the options Typer adds go through a help formatter of
cjm's. The rest is written with f-strings, in English: a usage error is shown again by
`show_error`, its message reworded by matching it against the English of `MESSAGES`.
Nothing of this runs in English, where Typer prints as it always does.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any

from cjm.i18n import DEFAULT_LANGUAGE, N_, current_language
from cjm.i18n import gettext as _

# What typer.core translates through `_` itself.
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)
USAGE = N_("Usage:")
# The help of the options Typer adds to every command or to the application.
OPTION_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
HELP_HINT = N_("Try '{command} {option}' for help.")
ERROR = N_("Error: {message}")
ABORTED = N_("Aborted!")
# The messages of usage errors as Typer writes them in English, the more specific first. A
# `{message}` or `{details}` is itself a message of this list, reworded in turn.
MESSAGES = (
    N_("{message}. Did you mean {suggestions}?"),  # Typer's, after a command's name mistyped
    N_("{message} (Possible options: {options})"),
    N_("No such option: {option}"),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing argument {name}. {details}"),
    N_("Missing option {name}. {details}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Choose from:\n\t{choices}"),
    N_("Option {option} requires an argument."),
    N_("Option {option} requires {count} arguments."),
    N_("Option {option} does not take a value."),
    N_("Argument {name} takes {count} values."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Value must be an iterable."),
    N_("Value error, {message}"),
    N_("{value} is not one of {choices}."),
    # Pydantic's words, which Typer passes on for a value of the wrong type or out of range.
    N_("Input should be a valid integer, unable to parse string as an integer"),
    N_("Input should be a valid number, unable to parse string as a number"),
    N_("Input should be less than or equal to {limit}"),
    N_("Input should be greater than or equal to {limit}"),
)
NESTED = ("message", "details")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def speak() -> None:
    """Make Typer speak the interface language, for the rest of the process."""
    import typer.core

    typer.core._ = _  # type: ignore[attr-defined]
    click = getattr(typer.core, "_click", None)  # Typer's copy of Click
    if click is not None:
        click.Context.formatter_class = _formatter_class(click.HelpFormatter)


def _formatter_class(base: type) -> type:
    class HelpFormatter(base):  # type: ignore[misc, valid-type]
        """Click's help formatter, with its usage prefix and the help of Typer's options translated."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, f"{_(USAGE)} " if prefix is None else prefix)

        def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
            rows = [(term, _(text) if text in OPTION_HELP else text) for term, text in rows]
            super().write_dl(rows, *args, **kwargs)

    return HelpFormatter


def show_error(error: Any) -> None:
    """Print a usage error as Typer does (usage, where to find help, the error), in the
    interface language; a request for help with nothing else (`cjm`) prints the help."""
    if current_language() == DEFAULT_LANGUAGE or type(error).__name__ == "NoArgsIsHelpError":
        error.show()
        return
    context = getattr(error, "ctx", None)
    if context is not None:
        hint = ""
        if context.command.get_help_option(context) is not None:
            hint = _(HELP_HINT).format(command=context.command_path, option=context.help_option_names[0])
            hint += "\n"
        sys.stderr.write(f"{context.get_usage()}\n{hint}\n")
    sys.stderr.write(_(ERROR).format(message=reworded(error.format_message())) + "\n")


def reworded(message: str) -> str:
    """An English message of Typer's in the interface language: as it is when none of
    `MESSAGES` says it (a new wording, or words already translated)."""
    for template, pattern in _patterns():
        match = pattern.fullmatch(message)
        if match:
            parts = {
                name: reworded(value) if name in NESTED else value
                for name, value in match.groupdict().items()
            }
            return _(template).format(**parts)
    return message


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Each message with the regular expression of its English: its placeholders match any text."""
    patterns = []
    for template in MESSAGES:
        pieces = _PLACEHOLDER.split(template)
        regex = "".join(
            re.escape(piece) if index % 2 == 0 else f"(?P<{piece}>.+?)" for index, piece in enumerate(pieces)
        )
        patterns.append((template, re.compile(regex, re.DOTALL)))
    return patterns
