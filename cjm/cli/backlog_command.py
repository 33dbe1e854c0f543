"""`cjm backlog`: the portfolio backlog, every open opportunity of every map ranked, without a site."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjm.cli.app import app
from cjm.i18n import gettext as _


@app.command(
    short_help=_("Print the backlog of open opportunities across every map, ranked."),
    help=_(
        "Print every open opportunity of every map that is not archived, ranked by priority, the "
        "severity of what it solves and effort; then the pain points no opportunity addresses."
    ),
)
def backlog(
    target: Path = typer.Argument(
        Path("."), help=_("Project folder (default: the current folder)."), show_default=False, metavar="DIR"
    ),
    output_format: str = typer.Option(
        "text", "--format", "-f", help=_("text, csv, json or markdown."), metavar="FORMAT"
    ),
    output: Path = typer.Option(None, "--output", "-o", help=_("Write it to this file."), metavar="FILE"),
) -> None:
    from cjm.build.backlog import backlog_csv, backlog_json, backlog_text, loose_pain_points, ranked_backlog
    from cjm.build.site import load_portfolio
    from cjm.errors import UserError
    from cjm.vocabulary import BACKLOG_FORMATS

    if output_format not in BACKLOG_FORMATS:
        raise UserError(
            _("unknown format '{format}': use one of {formats}").format(
                format=output_format, formats=", ".join(BACKLOG_FORMATS)
            )
        )

    portfolio = load_portfolio(target)
    items, loose = ranked_backlog(portfolio.summaries), loose_pain_points(portfolio.summaries)
    if output_format == "csv":
        text = backlog_csv(items)
    elif output_format == "json":
        text = backlog_json(items, loose)
    elif output_format == "markdown":
        from cjm.build.pages import render_backlog_markdown
        from cjm.build.portfolio import backlog_page

        text = render_backlog_markdown(backlog_page(portfolio.summaries))
    else:
        text = backlog_text(items, loose)
    for problem in portfolio.problems:
        sys.stderr.write(f"{problem}\n")
    _emit(text, output)
    raise typer.Exit(2 if portfolio.problems else 0)


def _emit(text: str, output: Path | None) -> None:
    """To a file in one atomic step, or to stdout as bytes: CSV's CRLF line ends stay as they are."""
    if output is not None:
        from cjm.write import write_atomic

        write_atomic(output, text)
        return
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    stream.write(text.encode("utf-8"))
    stream.flush()
