"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning and other viewers read it.

Every rule of the registry is listed in `driver.rules` (so a viewer can explain a result
even for rules that found nothing); results point at 1-based regions and at the map by a
URI relative to the current folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from cjm import __version__
from cjm.rules import RULES
from cjm.vocabulary import NON_RULE_CODES

if TYPE_CHECKING:
    from cjm.reports import Record, Report, Style

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def rule_descriptors() -> list[dict[str, object]]:
    descriptors: list[dict[str, object]] = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation or rule.summary},
            "help": {"text": f"{rule.summary}\n\n{rule.explanation}".strip()},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
        }
        for rule in RULES.values()
    ]
    for code, summary in NON_RULE_CODES.items():
        descriptors.append(
            {
                "id": code,
                "name": code,
                "shortDescription": {"text": summary},
                "defaultConfiguration": {"level": "error"},
            }
        )
    return descriptors


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
    location: dict[str, object] = {"artifactLocation": {"uri": artifact_uri(str(record["path"]))}}
    if record["line"]:
        location["region"] = {"startLine": record["line"], "startColumn": record["column"] or 1}
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


def render_sarif(report: Report, style: Style | None = None) -> str:
    descriptors = rule_descriptors()
    rule_index = {str(descriptor["id"]): index for index, descriptor in enumerate(descriptors)}
    driver = {"name": "cjm", "version": __version__, "rules": descriptors}
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [result(record, rule_index) for record in report.records()],
    }
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
