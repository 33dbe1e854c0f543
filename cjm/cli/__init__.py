"""The command line: flags, prompts, progress and printing; the only code that prints and exits.

Each command lives in a module of its own and imports its stage of the pipeline inside its
body, so `cjm --help` loads Typer and Rich and nothing heavier.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import select
import signal
import sys
from pathlib import Path

import typer

from cjm.cli.app import Interrupted, app
from cjm.cli.completion import completing, run_with_completion
from cjm.errors import UserError
from cjm.i18n import LANGUAGE_OPTION, ngettext
from cjm.i18n import gettext as _


def _register_commands() -> None:
    """Import every `*_command` module of this folder: each one adds its command to `app`.

    A new command is a new file; nothing else needs to know about it.
    """
    for path in sorted(Path(__file__).parent.glob("*_command.py")):
        importlib.import_module(f"{__name__}.{path.stem}")


_register_commands()


def report_error(error: UserError) -> None:
    """Print a user error to stderr in plain words, one problem a line, its text made inert."""
    from cjm.reports.escape import visible

    if error.problems:
        sys.stderr.write("".join(_bounded(visible(str(problem))) + "\n" for problem in error.problems))
        return
    text = _bounded(visible(str(error)))
    sys.stderr.write(f"{text}\n" if text.startswith("cjm") else f"cjm: {text}\n")


MAX_MESSAGE_CHARACTERS = 1000  # a message quoting a 5 MB cell is one screenful, not 5 MB


def _bounded(line: str) -> str:
    if len(line) <= MAX_MESSAGE_CHARACTERS:
        return line
    cut = line[: MAX_MESSAGE_CHARACTERS - 100]
    more = len(line) - len(cut)
    message = ngettext("{text}... ({count} character more)", "{text}... ({count} characters more)", more)
    return message.format(text=cut, count=f"{more:,}")


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted


# --- the standard streams -----------------------------------------------------------------


class GuardedWriter(io.RawIOBase):
    """A standard stream's descriptor that never raises: the first failed write is remembered
    and what follows is dropped. A reader that went away (`| head`), a full disk
    (`> /dev/full`) then decide the exit code in `main`, instead of a traceback or Click's
    exit code 1 in the middle of a command."""

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.error: OSError | None = None

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.descriptor

    def isatty(self) -> bool:
        return os.isatty(self.descriptor)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        size = view.nbytes
        while view and self.error is None:
            try:
                written = os.write(self.descriptor, view)
            except BlockingIOError:  # a parent left the pipe non-blocking: wait until it drains
                select.select([], [self.descriptor], [])
                continue
            except OSError as error:
                self.error = error
                break
            if not written:  # a device that takes nothing would loop forever
                self.error = OSError(errno.EIO, _("the device took no data"))
            view = view[written:]
        return size


def _open_closed_descriptors() -> None:
    """Put /dev/null where stdin, stdout or stderr is closed (`cjm check >&-`): otherwise the
    next file cjm opens gets that number, and whatever writes to "stdout" writes into it."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)
            if opened != descriptor:
                os.dup2(opened, descriptor)
                os.close(opened)


def _guarded(stream: io.TextIOBase | None, descriptor: int, immediate: bool) -> GuardedWriter | None:
    """Replace a standard output stream of the process by one over a GuardedWriter that
    writes what its encoding cannot carry as backslash escapes (`PYTHONIOENCODING=ascii`).
    A stream someone already replaced (a test capturing output) is left alone."""
    if stream is not None and stream is not getattr(sys, f"__{_NAMES[descriptor]}__"):
        return None
    writer = GuardedWriter(descriptor)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    wrapped = io.TextIOWrapper(
        io.BufferedWriter(writer),
        encoding=encoding,
        errors="backslashreplace",
        line_buffering=immediate or writer.isatty(),
        write_through=immediate,
    )
    setattr(sys, _NAMES[descriptor], wrapped)
    return writer


_NAMES = {1: "stdout", 2: "stderr"}


def _guard_standard_streams() -> GuardedWriter | None:
    """Make the standard streams safe to use whatever they are; the stdout writer, if guarded."""
    _open_closed_descriptors()
    if sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - lives as long as the process
    stdout = _guarded(sys.stdout, 1, immediate=False)
    _guarded(sys.stderr, 2, immediate=True)
    return stdout


def _output_outcome(stdout: GuardedWriter | None, code: int) -> int:
    """The exit code once the output is flushed: a reader that went away (EPIPE) leaves the
    command's own code, as when it read everything; output that could not be written is exit 2."""
    with contextlib.suppress(OSError, ValueError):  # a stream of someone else's (a test's)
        sys.stdout.flush()
    if stdout is None or stdout.error is None or stdout.error.errno == errno.EPIPE:
        return code
    reason = stdout.error.strerror or str(stdout.error)
    sys.stderr.write(_("cjm: cannot write the output to stdout: {reason}").format(reason=reason) + "\n")
    return 2


def _run() -> int:
    """Run the command line; its exit code. Typer's errors come back here (standalone_mode
    off) so that they are printed in the interface language, as cjm's own are."""
    try:
        if completing():  # the shell asks for the words that may come next
            run_with_completion(app)
            return 0
        code = app(prog_name="cjm", standalone_mode=False)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 2)
    except Interrupted:
        Interrupted.say()
        return Interrupted.EXIT_CODE
    except UserError as error:
        report_error(error)
        return error.exit_code
    except typer.TyperException as error:  # a usage error, which Typer would print in English
        from cjm.cli.click_words import show_error

        show_error(_global_option_misplaced(error))
        return error.exit_code
    except typer.Abort:  # end of input at one of Typer's own prompts
        from cjm.cli.click_words import ABORTED

        sys.stderr.write(_(ABORTED) + "\n")
        return 1
    return code if isinstance(code, int) else 0


def _global_option_misplaced(error: typer.TyperException) -> typer.TyperException:
    """`cjm check --lang pl`: --lang is cjm's, not the command's; say where it goes, rather
    than Typer's "No such option" and its look-alikes (`init` would offer --language)."""
    context = getattr(error, "ctx", None)
    if getattr(error, "option_name", None) == LANGUAGE_OPTION and context is not None:
        command = context.command_path.removeprefix("cjm").strip()
        message = _("{option} goes before the command: cjm {option} LANG {command} ...")
        error.message = message.format(option=LANGUAGE_OPTION, command=command)  # type: ignore[attr-defined]
        error.possibilities = None  # type: ignore[attr-defined]
    return error


def main() -> None:
    """Entry point of the `cjm` command: maps every outcome to an exit code."""
    signal.signal(signal.SIGINT, _interrupt)
    stdout = _guard_standard_streams()
    code = _run()
    sys.exit(code if code == Interrupted.EXIT_CODE else _output_outcome(stdout, code))


__all__ = ["app", "main"]
