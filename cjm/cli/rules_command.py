"""`cjm rules`: list the rules of `cjm check`, or explain one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cjm.cli.app import app

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


@app.command(short_help="List the rules of `cjm check`, or explain one.")
def rules(
    code: str | None = typer.Argument(
        None, help="A rule code (CJM104) or name to explain in full.", show_default=False, metavar="CODE"
    ),
) -> None:
    """List the rules of `cjm check` (code, name, severity), or explain one."""
    from rich.console import Console

    console = Console(highlight=False, emoji=False)
    if code is None:
        console.print(rules_table())
    else:
        print_rule(console, code)
    raise typer.Exit(0)


def rules_table() -> Table:
    from rich.table import Table
    from rich.text import Text

    from cjm.rules import RULES

    table = Table(title="Rules of cjm check", title_justify="left")
    for heading in ("Code", "Name", "Severity", "What it checks"):
        table.add_column(heading, no_wrap=heading != "What it checks")
    for rule in RULES.values():
        table.add_row(rule.code, rule.name, rule.severity, Text(rule.summary))
    return table


def print_rule(console: Console, code: str) -> None:
    from rich.text import Text

    from cjm.errors import UserError
    from cjm.load.rule_codes import suggest_rule
    from cjm.rules import find_rule

    rule = find_rule(code)
    if rule is None:
        raise UserError(f"unknown rule '{code}'{suggest_rule(code)}; 'cjm rules' lists them")
    console.print(Text(f"{rule.code} {rule.name} [{rule.severity}]", style="bold"))
    console.print(Text(rule.summary))
    console.print()
    # soft_wrap keeps the YAML snippets exactly as written, whatever the terminal width
    console.print(Text(rule.explanation), soft_wrap=True)
