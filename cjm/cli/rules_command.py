"""`cjm rules`: list the rules of `cjm check`, or explain one of them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from cjm.cli.app import app
from cjm.i18n import gettext as _

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


@app.command(
    short_help=_("List the rules of `cjm check`, or explain one."),
    help=_("List the rules of `cjm check` (code, name, severity), or explain one."),
)
def rules(
    code: str | None = typer.Argument(
        None, help=_("A rule code (CJM104) or name to explain in full."), show_default=False, metavar="CODE"
    ),
    markdown: bool = typer.Option(
        False, "--markdown", help=_("Explain every code as Markdown, a section each (docs/rules.md).")
    ),
) -> None:
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    if markdown:
        from cjm.reports.codes import reference_markdown

        sys.stdout.write(reference_markdown())
    elif code is None:
        console.print(rules_table())
    else:
        print_rule(console, code)
    raise typer.Exit(0)


def rules_table() -> Table:
    from rich.table import Table
    from rich.text import Text

    from cjm.i18n import gettext as _
    from cjm.rules import RULES

    table = Table(title=_("Rules of cjm check"), title_justify="left")
    what = _("What it checks")
    for heading in (_("Code"), _("Name"), _("Severity"), what):
        table.add_column(heading, no_wrap=heading != what)
    for rule in RULES.values():
        table.add_row(rule.code, rule.name, rule.severity, Text(rule.translated_summary))
    return table


def print_rule(console: Console, code: str) -> None:
    from rich.text import Text

    from cjm.errors import UserError
    from cjm.i18n import gettext as _
    from cjm.load.rule_codes import suggest_rule
    from cjm.reports.codes import find_non_rule
    from cjm.rules import find_rule

    # The codes of files that do not load are explained too: they appear in reports like rules.
    rule = find_rule(code) or find_non_rule(code)
    if rule is None:
        message = _("unknown rule '{code}'{suggestion}; 'cjm rules' lists them")
        raise UserError(message.format(code=code, suggestion=suggest_rule(code)))
    console.print(Text(f"{rule.code} {rule.name} [{rule.severity}]", style="bold"))
    console.print(Text(getattr(rule, "translated_summary", rule.summary)))
    console.print()
    # soft_wrap keeps the YAML snippets exactly as written, whatever the terminal width
    console.print(Text(getattr(rule, "translated_explanation", rule.explanation)), soft_wrap=True)
