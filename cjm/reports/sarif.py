"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning and other viewers read it.

Every code `cjm check` reports is listed in `driver.rules`, the rules of the registry and the
codes of files that do not load alike, each with a readable name, its explanation and the link
to its section of docs/check.md (so a viewer can explain any result, even of a rule that found
nothing). Results point at 1-based regions and at the map by a URI relative to the current
folder. The log passes the SARIF Multitool's `Sarif` and `Gh` (GitHub ingestion) rules.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from cjm import __version__
from cjm.reports.codes import PROJECT_URL, CodeHelp, all_codes, semantic_version

if TYPE_CHECKING:
    from cjm.reports import Record, Report, Style

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def rule_descriptors() -> list[dict[str, object]]:
    return [descriptor(code) for code in all_codes()]


def descriptor(code: CodeHelp) -> dict[str, object]:
    """A `reportingDescriptor`: what GitHub shows beside a result of this code."""
    why = code.explanation.split("\n\n", 1)[0]  # its first paragraph: why it matters, what to do
    return {
        "id": code.code,
        "name": code.name,
        "shortDescription": {"text": code.summary},
        "fullDescription": {"text": _one_paragraph(why) if why else code.summary},
        "help": {
            "text": f"{code.summary}\n\n{code.explanation}".strip(),
            "markdown": f"**{code.summary}**\n\n{code.explanation}".strip(),
        },
        "helpUri": code.help_uri,
        "defaultConfiguration": {"level": LEVELS[code.severity]},
    }


def _one_paragraph(text: str) -> str:
    return " ".join(text.split())


def artifact_uri(path: str) -> str:
    """A URI relative to the current folder where possible (what code scanning expects)."""
    target = Path(path)
    if target.is_absolute():
        try:
            target = target.relative_to(Path.cwd())
        except ValueError:
            return target.as_uri()
    return quote(target.as_posix())


def result(record: Record, rule_index: dict[str, int]) -> dict[str, object]:
    # A problem with a whole file (one that is missing) is shown at its start, as viewers need a region.
    region = {"startLine": record["line"] or 1, "startColumn": record["column"] or 1}
    location = {"artifactLocation": {"uri": artifact_uri(str(record["path"]))}, "region": region}
    found: dict[str, object] = {
        "ruleId": record["rule"],
        "level": LEVELS.get(str(record["severity"]), "error"),
        "message": {"text": record["message"]},
        "locations": [{"physicalLocation": location}],
    }
    if record["rule"] in rule_index:
        found["ruleIndex"] = rule_index[str(record["rule"])]
    if record["element"]:
        found["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": record["element"]}]  # type: ignore[index]
    return found


def driver(descriptors: list[dict[str, object]]) -> dict[str, object]:
    return {
        "name": "cjm",
        "fullName": "cjm, customer journey maps as code",
        "version": __version__,
        "semanticVersion": semantic_version(__version__),
        "informationUri": PROJECT_URL,
        "rules": descriptors,
    }


def render_sarif(report: Report, style: Style | None = None) -> str:
    descriptors = rule_descriptors()
    rule_index = {str(descriptor["id"]): index for index, descriptor in enumerate(descriptors)}
    run = {
        "tool": {"driver": driver(descriptors)},
        "columnKind": "unicodeCodePoints",
        "results": [result(record, rule_index) for record in report.records()],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
