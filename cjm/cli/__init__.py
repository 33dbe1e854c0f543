"""The command line: flags, prompts, progress and printing; the only code that prints and exits.

Each command lives in a module of its own and imports its stage of the pipeline inside its
body, so `cjm --help` loads Typer and Rich and nothing heavier.
"""

from __future__ import annotations

import importlib
import signal
import sys
from pathlib import Path

from cjm.cli.app import Interrupted, app
from cjm.errors import UserError


def _register_commands() -> None:
    """Import every `*_command` module of this folder: each one adds its command to `app`.

    A new command is a new file; nothing else needs to know about it.
    """
    for path in sorted(Path(__file__).parent.glob("*_command.py")):
        importlib.import_module(f"{__name__}.{path.stem}")


_register_commands()


def report_error(error: UserError) -> None:
    """Print a user error to stderr in plain words, one problem a line."""
    text = str(error)
    plain = error.problems or "\n" in text or text.startswith("cjm")
    sys.stderr.write(f"{text}\n" if plain else f"cjm: {text}\n")


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted


def main() -> None:
    """Entry point of the `cjm` command: maps every outcome to an exit code."""
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app(prog_name="cjm")
    except Interrupted:
        sys.stderr.write("\nInterrupted.\n")
        sys.exit(130)
    except UserError as error:
        report_error(error)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (cjm ... | head): nothing left to say
        sys.exit(0)


__all__ = ["app", "main"]
