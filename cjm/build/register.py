"""The register of the data collected along the journeys: what, where, from whom and why.

Personal data without a purpose comes first (what a data-protection officer must settle),
then personal data with one, then data that is not personal; within each, the maps' order.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from cjm.build.backlog import LIST_SEPARATOR, portfolio_maps
from cjm.build.summary import DataEntry, MapSummary
from cjm.build.text import spreadsheet_cell

CSV_COLUMNS = (
    "Data",
    "Personal",
    "Purpose",
    "Journey",
    "Stage",
    "Touchpoint",
    "Channel",
    "Personas",
    "Owner",
    "Source",
)
GROUPS = (
    ("no-purpose", "Personal data without a purpose"),
    ("personal", "Personal data"),
    ("other", "Other data"),
)


@dataclass(frozen=True)
class DataRecord:
    entry: DataEntry
    map: MapSummary

    @property
    def group(self) -> str:
        if not self.entry.personal:
            return "other"
        return "personal" if self.entry.purpose else "no-purpose"

    @property
    def source(self) -> str:
        return f"{self.map.file}:{self.entry.line}"


def data_records(summaries: Iterable[MapSummary]) -> list[DataRecord]:
    """Every data item of the portfolio, the groups in the register's order."""
    found = [DataRecord(entry, summary) for summary in portfolio_maps(summaries) for entry in summary.data]
    order = [key for key, _ in GROUPS]
    return sorted(found, key=lambda record: order.index(record.group))


def register_csv(records: list[DataRecord]) -> str:
    """The register as CSV, written like the backlog's (CRLF, UTF-8 without a BOM, formulas neutralised)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        entry = record.entry
        cells = [
            entry.name,
            "true" if entry.personal else "false",
            entry.purpose or "",
            record.map.name,
            entry.stage,
            entry.touchpoint,
            entry.channel,
            LIST_SEPARATOR.join(entry.personas),
            entry.owner or "",
            record.source,
        ]
        writer.writerow([spreadsheet_cell(cell) for cell in cells])
    return out.getvalue()
