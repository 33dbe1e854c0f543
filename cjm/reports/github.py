"""`--format github`: workflow commands that GitHub Actions shows as annotations on the file.

Escaping follows actions/toolkit `command.ts`: the message escapes `%`, CR and LF; the
properties also escape `:` and `,`, which would otherwise end a property. The records
come with their texts already made inert (`Report.records`), so no line break from a map
ever reaches the runner, which reads every line that starts with `::` as a command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjm.i18n import gettext as _
from cjm.i18n import ngettext
from cjm.reports.escape import visible
from cjm.rules import RULES

if TYPE_CHECKING:
    from cjm.reports import Record, Report, Style

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(record: Record) -> str:
    """`::error file=F,line=L,col=C,title=T::message` for one finding."""
    rule = str(record["rule"])
    known = RULES.get(rule)
    title = f"{rule} {known.name}" if known else rule
    properties = [f"file={escape_property(str(record['path']))}"]
    if record["line"]:
        properties += [f"line={record['line']}", f"col={record['column']}"]
    properties.append(f"title={escape_property(title)}")
    level = LEVELS.get(str(record["severity"]), "error")
    return f"::{level} {','.join(properties)}::{escape_data(str(record['message']))}"


def render_github(report: Report, style: Style | None = None) -> str:
    lines = [command(record) for record in report.records()]
    for result in report.results:
        if result.coverage is not None:
            coverage = f"{result.coverage:g}%"
            lines.append(_("{map}: coverage {coverage}").format(map=visible(result.path), coverage=coverage))
    lines.append(summary_line(report.summary()))
    return "\n".join(lines) + "\n"


def summary_line(summary: dict) -> str:
    """`cjm check: 2 map(s), 1 error(s), ...; coverage 80%`, the last line of the log."""
    total = _("n/a") if summary["coverage"] is None else f"{summary['coverage']:g}%"
    counts = (
        ngettext("{count} map(s)", "{count} map(s)", summary["maps"]).format(count=summary["maps"]),
        ngettext("{count} error(s)", "{count} error(s)", summary["errors"]).format(count=summary["errors"]),
        ngettext("{count} warning(s)", "{count} warning(s)", summary["warnings"]).format(
            count=summary["warnings"]
        ),
        ngettext("{count} info(s)", "{count} info(s)", summary["infos"]).format(count=summary["infos"]),
    )
    return _("cjm check: {counts}; coverage {coverage}").format(counts=", ".join(counts), coverage=total)
