"""Asking questions in a terminal with Rich: a default in brackets, answers checked as typed.

Every question loops until the answer is valid, saying why it was not. Input is read
with `input()` (through Rich), so Ctrl-C reaches the CLI's handler as `Interrupted`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import TypeVar

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cjm.errors import InvalidValue
from cjm.i18n import gettext as _

T = TypeVar("T")


class Asker:
    def __init__(self, console: Console) -> None:
        self.console = console

    def read(self, prompt: str) -> str:
        try:
            return self.console.input(prompt)
        except EOFError:
            from cjm.cli.app import Interrupted

            raise Interrupted from None

    def ask(
        self,
        question: str,
        parse: Callable[[str], T],
        default: str | None = None,
        hint: str | None = None,
    ) -> T:
        """Ask until `parse` accepts the answer (an empty answer means the default)."""
        while True:
            answer = self.read(self.prompt(question, default, hint)).strip()
            if not answer and default is not None:
                answer = default
            try:
                return parse(answer)
            except InvalidValue as error:
                self.console.print(f"  [red]✗ {escape(str(error))}[/]")

    @staticmethod
    def prompt(question: str, default: str | None, hint: str | None = None) -> str:
        """`Question [dim](hint)[/] [cyan](default)[/]: `; a question mark needs no colon."""
        extra = f" [dim]({escape(hint)})[/]" if hint else ""
        shown = f" [cyan]({escape(default)})[/]" if default else ""
        end = " " if question.endswith("?") and not shown else ": "
        return f"[bold]{question}[/]{extra}{shown}{end}"

    def text(
        self, question: str, default: str | None = None, required: bool = True, hint: str | None = None
    ) -> str:
        def parse(answer: str) -> str:
            if required and not answer:
                raise InvalidValue(_("please type an answer"))
            return answer

        return self.ask(question, parse, default, hint)

    def yes(self, question: str, default: bool) -> bool:
        def parse(answer: str) -> bool:
            word = answer.lower()
            if word in {"y", "yes", "s", "si", "sí", "t", "tak"}:
                return True
            if word in {"n", "no", "nie"}:
                return False
            raise InvalidValue(_("please answer y (yes) or n (no)"))

        # (S/n), (T/n): the yes and no of every language are accepted above, whatever is shown.
        letters = _("(Y/n)") if default else _("(y/N)")
        shown = f"[cyan]{escape(letters)}[/]"
        while True:
            answer = self.read(f"[bold]{question}[/] {shown} ").strip()
            try:
                return default if not answer else parse(answer)
            except InvalidValue as error:
                self.console.print(f"  [red]✗ {escape(str(error))}[/]")

    def choose(
        self, question: str, options: Sequence[tuple[str, str]], default: str, inline: bool = False
    ) -> str:
        """Pick one of (key, description) options by number or key; returns the key."""
        numbered = [f"[cyan]{number}[/] {escape(text)}" for number, (_key, text) in enumerate(options, 1)]
        if inline:
            question = f"{question} " + "  ".join(numbered)
        else:
            menu = Table.grid(padding=(0, 1))
            menu.add_column(width=1)
            menu.add_column(style="cyan", justify="right")
            menu.add_column()
            for number, (_key, text) in enumerate(options, 1):
                menu.add_row("", str(number), escape(text))
            self.console.print(menu, highlight=False)
        keys = [key for key, _text in options]

        def parse(answer: str) -> str:
            if answer.isdigit() and 1 <= int(answer) <= len(options):
                return keys[int(answer) - 1]
            if answer.lower() in keys:
                return answer.lower()
            raise InvalidValue(_("type a number from 1 to {count}").format(count=len(options)))

        return self.ask(question, parse, str(keys.index(default) + 1))

    def items(self, question: str) -> list[str]:
        """A short list: comma-separated, or one item per line until an empty line."""
        found: list[str] = []
        prompt = f"[bold]{question}[/]{' ' if question.endswith('?') else ': '}"
        while True:
            answer = self.read(prompt).strip()
            if not answer:
                return found
            found += [item.strip() for item in answer.split(",") if item.strip()]
            prompt = "  [dim]+[/] "

    def heading(self, title: str) -> None:
        self.console.print()
        self.console.rule(f"[bold]{escape(title)}[/]", align="left", style="cyan")

    def note(self, text: str) -> None:
        self.console.print(f"[dim]{flowing(text)}[/]", highlight=False)


def flowing(text: str) -> str:
    """A paragraph as one line, for the terminal to wrap at its own width: a message is written
    (and translated) in lines of about 90 characters, which an 80-column terminal would break
    again into ragged lines. An empty line and an indented line still start a new line."""
    lines = text.split("\n")
    joined = lines[0]
    for previous, line in pairwise(lines):
        soft = previous.strip() and line.strip() and not line.startswith((" ", "\t", "-", "•"))
        joined += f" {line}" if soft else f"\n{line}"
    return joined
