"""What the parent hands a worker and gets back: plain, picklable data, light to import."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cjm.build.summary import MapSummary, Trouble

if TYPE_CHECKING:
    from cjm.check.config import CheckConfig


@dataclass(frozen=True)
class MapTask:
    """One map to (re)build: its bytes as hashed, and the formats of its pages to write."""

    file: str  # relative to the project root
    path: Path
    slug: str
    data: bytes
    formats: tuple[str, ...]


@dataclass(frozen=True)
class MapOutcome:
    """A built map: its summary as JSON (what the cache keeps and the portfolio pages read),
    its problems, and the files written."""

    file: str
    summary: str
    loaded: bool
    troubles: list[Trouble] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)  # format -> file in the site
    error: str | None = None  # a template's problem: the build stops with it

    @classmethod
    def of(
        cls, summary: MapSummary, written: dict[str, str] | None = None, error: str | None = None
    ) -> MapOutcome:
        return cls(
            summary.file, summary.model_dump_json(), summary.loaded, summary.troubles, written or {}, error
        )


@dataclass(frozen=True)
class WorkerSetup:
    """What a spawned worker needs to set itself up; a forked one inherits it all."""

    target: Path
    templates: Path | None
    page_size: str | None
    site: Path
    config: CheckConfig
    language: str = "en"  # the interface language, which a spawned worker must be told
