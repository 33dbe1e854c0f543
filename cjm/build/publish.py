"""The portfolio files (index, backlog, data register, personas, the two CSV files) as jobs that run
side by side: each reads every map's summary and writes its file only when what it shows changed.

Like the maps, these run in forked workers when there are cores to spare; the input is set
here before the fork, so a worker inherits it instead of receiving it.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from cjm.build import cache as site_cache
from cjm.build.backlog import backlog_csv, ranked_backlog
from cjm.build.pages import SiteTheme, render_page
from cjm.build.paths import refuse_links_out
from cjm.build.portfolio import PAGES
from cjm.build.register import data_records, register_csv
from cjm.build.summary import MapSummary
from cjm.errors import UserError
from cjm.i18n import use_language
from cjm.write import make_folder, write_atomic

CSV_FILES: dict[str, Callable[[list[MapSummary]], str]] = {
    "backlog.csv": lambda summaries: backlog_csv(ranked_backlog(summaries)),
    "data.csv": lambda summaries: register_csv(data_records(summaries)),
}
PORTFOLIO_FILES = ("index.html", "backlog.html", "backlog.csv", "data.html", "data.csv", "personas.html")
# The biggest first, so that two workers finish together.
SCHEDULE = ("backlog.html", "index.html", "data.html", "backlog.csv", "personas.html", "data.csv")


@dataclass(frozen=True)
class PageInput:
    """Everything the portfolio files are made from."""

    summaries: tuple[str, ...]  # every map's summary as JSON, in the project's order
    formats: tuple[str, ...]
    key: str
    folders: tuple[Path, ...]
    theme: SiteTheme
    site: Path
    previous: dict[str, site_cache.Stamp]
    language: str = "en"  # the interface language, which a spawned worker must be told


@dataclass(frozen=True)
class PageOutcome:
    name: str
    stamp: site_cache.Stamp | None
    written: bool = False
    error: str | None = None  # a template's problem: the build stops with it


_input: PageInput | None = None
_summaries: list[MapSummary] | None = None


def prepare(page_input: PageInput) -> None:
    global _input, _summaries
    _input, _summaries = page_input, None


def warm(page_input: PageInput) -> None:
    """Compile the site's templates before the workers are forked (see `environment.warm`)."""
    from cjm.build.pages import warm_site_templates

    warm_site_templates(page_input.folders)


def adopt(page_input: PageInput) -> None:
    """A worker's start: Ctrl-C is the parent's to handle; set up unless forked ready."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _input is None:
        use_language(page_input.language)
        prepare(page_input)


def summaries() -> list[MapSummary]:
    """Every map's summary, read once in this process."""
    global _summaries
    assert _input is not None, "prepare() first"
    if _summaries is None:
        _summaries = [MapSummary.model_validate_json(text) for text in _input.summaries]
    return _summaries


def publish(name: str) -> PageOutcome:
    """Make one portfolio file; write it only when its content changed or the file did."""
    assert _input is not None, "prepare() first"
    if name in CSV_FILES:
        text = CSV_FILES[name](summaries())
        page_digest, make = site_cache.digest(_input.key, text), partial(str, text)
    else:
        page = PAGES[name](summaries(), _input.formats)
        page_digest = site_cache.json_digest([_input.key, page])
        make = partial(render_page, name, page, _input.folders, _input.theme)
    previous = _input.previous.get(name)
    if previous is not None and previous.digest == page_digest and site_cache.intact(_input.site, previous):
        return PageOutcome(name, previous)
    try:
        write_page(_input.site, name, make())
    except UserError as error:
        return PageOutcome(name, None, error=str(error))
    return PageOutcome(name, site_cache.stamp(_input.site, name, page_digest), written=True)


def write_page(site: Path, name: str, text: str) -> None:
    make_folder(site)
    refuse_links_out(site, name)
    write_atomic(site / name, text)
