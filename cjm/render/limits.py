"""The bounds of a render, whatever a map or a template folder holds: a time budget, a size
cap on every file written, what a template's operators may build, and how many combining
marks the PDF's text layout is given."""

from __future__ import annotations

import operator
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from cjm.errors import UserError
from cjm.i18n import N_, ngettext
from cjm.i18n import gettext as _

DEFAULT_TIMEOUT_SECONDS = 120.0  # a real map takes seconds; a template's endless loop, forever
MAX_TIMEOUT_SECONDS = 24 * 3600.0
MAX_OUTPUT_BYTES = 256 * 1024 * 1024  # a map of 10,000 touchpoints gives a 10 MB page
# Unicode's stream-safe text format (UAX #15) allows 30 combining marks in a row; more only
# serve to make a text layout engine quadratic (20,000 accents on one letter: a minute).
MAX_COMBINING_MARKS = 30
_MAX_POWER_BITS = 64 * 1024  # `9 ** 99999999` in a template would compute for minutes


class RenderTimeout(UserError):
    """The render went past its time budget."""


def timeout_seconds(value: float | None) -> float:
    """The time budget of a render in seconds; a value that is no budget is a user error."""
    seconds = DEFAULT_TIMEOUT_SECONDS if value is None else value
    if not 0 < seconds <= MAX_TIMEOUT_SECONDS:  # also refuses nan
        message = _("--timeout: give a number of seconds above 0 and at most {limit}")
        raise UserError(message.format(limit=f"{MAX_TIMEOUT_SECONDS:.0f}"))
    return seconds


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """RenderTimeout is raised in the main thread once `seconds` have passed.

    A timer signal interrupts a template's loop between two steps, and a wait for the PDF
    worker; where there is none (Windows, or a thread other than the main one) there is no
    budget, and the other bounds still hold.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        message = _(
            "the render took longer than {seconds} s and was stopped (--timeout or render.timeout "
            "in cjm.yaml); the file being rendered was not written"
        )
        raise RenderTimeout(message.format(seconds=f"{seconds:g}"))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# The file that grew too large, by kind: a whole sentence each, for the translations.
_TOO_LARGE = {
    "html": N_("the HTML page would be larger than {limit} MB ({size} bytes so far) and was not written"),
    "md": N_("the Markdown file would be larger than {limit} MB ({size} bytes so far) and was not written"),
    "pdf": N_("the PDF would be larger than {limit} MB ({size} bytes so far) and was not written"),
    "page": N_(
        "the page of {template} would be larger than {limit} MB ({size} bytes so far) and was not written"
    ),
}


def too_large(size: int, what: str, template: str = "") -> UserError:
    """The error of a file past MAX_OUTPUT_BYTES; `what`: 'html', 'md', 'pdf', or 'page' (the
    page of `template`)."""
    limit = MAX_OUTPUT_BYTES // (1024 * 1024)
    return UserError(_(_TOO_LARGE[what]).format(limit=limit, size=f"{size:,}", template=template))


def capped_chunks(chunks: Iterator[bytes], what: str) -> Iterator[bytes]:
    """`chunks` as they come, stopped with a user error once they pass MAX_OUTPUT_BYTES."""
    written = 0
    for chunk in chunks:
        written += len(chunk)
        if written > MAX_OUTPUT_BYTES:
            raise too_large(written, what)
        yield chunk


# --- what a template's operators may build ----------------------------------------------------


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _repeat(left: Any, right: Any) -> Any:
    """`'x' * 10**11` in a template: refused before the memory is asked for."""
    for sequence, times in ((left, right), (right, left)):
        length = _length(sequence)
        if length is not None and isinstance(times, int) and length * times > MAX_OUTPUT_BYTES:
            count = length * times
            message = ngettext(
                "a template may not build a value of {count} items",
                "a template may not build a value of {count} items",
                count,
            )
            raise ArithmeticError(message.format(count=f"{count:,}"))
    return operator.mul(left, right)


def _power(left: Any, right: Any) -> Any:
    """`9 ** 99999999` in a template: refused before the digits are computed."""
    whole = isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1
    if whole and abs(left).bit_length() * right > _MAX_POWER_BITS:
        raise ArithmeticError(_("a template may not compute a number that large"))
    return operator.pow(left, right)


CHECKED_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {"*": _repeat, "**": _power}


def bounded_width(function: Callable[..., str], position: int) -> Callable[..., str]:
    """A Jinja filter whose width argument (`indent(10**9)`, `center(10**9)`) is capped."""

    def wrapped(*args: Any, **kwargs: Any) -> str:
        width = args[position] if len(args) > position else kwargs.get("width")
        if isinstance(width, int) and width > 10_000:
            raise ArithmeticError(
                _("a width of {width} is more than a page can show").format(width=f"{width:,}")
            )
        return function(*args, **kwargs)

    wrapped.__name__ = getattr(function, "__name__", "filter")
    return wrapped


# --- combining marks ----------------------------------------------------------------------------


# Every combining mark is at U+0300 or above: only runs of such characters longer than the
# limit are looked at, one character at a time (most text never is).
_CANDIDATE_RUN = re.compile(f"[^\\x00-\\u02ff]{{{MAX_COMBINING_MARKS + 1},}}")


def _cap_run(match: re.Match[str]) -> str:
    import unicodedata

    kept: list[str] = []
    marks = 0
    for character in match.group():
        marks = marks + 1 if unicodedata.category(character).startswith("M") else 0
        if marks <= MAX_COMBINING_MARKS:
            kept.append(character)
    return "".join(kept)


def cap_combining_marks(text: str) -> str:
    """`text` with every run of combining marks cut to MAX_COMBINING_MARKS (UAX #15's limit)."""
    if text.isascii():
        return text
    return _CANDIDATE_RUN.sub(_cap_run, text)


__all__ = [
    "CHECKED_OPERATORS",
    "DEFAULT_TIMEOUT_SECONDS",
    "MAX_OUTPUT_BYTES",
    "RenderTimeout",
    "bounded_width",
    "cap_combining_marks",
    "capped_chunks",
    "time_budget",
    "timeout_seconds",
    "too_large",
]
