"""Reading a built site as a browser and a spreadsheet would: its links, its elements, its CSV files."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from tests.build.conftest import MAP_FILES

SITE_PAGES = ["index.html", "backlog.html", "data.html", "personas.html"]


@dataclass
class Element:
    tag: str
    attributes: dict[str, str]
    text: str = ""


class Page(HTMLParser):
    """Every element with its attributes, the ids, and the text of scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.ids: set[str] = set()
        self._open: Element | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if "id" in element.attributes:
            self.ids.add(element.attributes["id"])
        self._open = element if tag in ("script", "style") else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.text += data

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def all(self, tag: str) -> list[Element]:
        return [element for element in self.elements if element.tag == tag]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def broken_links(site: Path) -> list[str]:
    """Every href and src of every HTML page that does not lead to a file (and an id) in the site."""
    broken = []
    for path in sorted(site.rglob("*.html")):
        page = parse(path)
        for element in page.elements:
            for name in ("href", "src"):
                if name in element.attributes:
                    problem = _link_problem(site, path, page, element.attributes[name])
                    if problem:
                        broken.append(
                            f"{path.relative_to(site)}: {name}={element.attributes[name]!r}: {problem}"
                        )
    return broken


def _link_problem(site: Path, page_path: Path, page: Page, link: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme == "data" and page_path.name in SITE_PAGES:
        return None  # the theme's logo, inline
    if parts.scheme or parts.netloc:
        return "leaves the site"
    if not parts.path:
        return None if unquote(parts.fragment) in page.ids else "no such id on the page"
    target = (page_path.parent / unquote(parts.path)).resolve()
    if site.resolve() not in target.parents or not target.is_file():
        return "no such file in the site"
    if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
        return "no such id in the target"
    return None


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def csv_cells(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def raw_maps(project: Path) -> dict[str, dict]:
    """The project's maps as PyYAML reads them: an oracle independent of cjm's model."""
    found = {}
    for name in MAP_FILES:
        try:
            found[name] = yaml.safe_load((project / name).read_text(encoding="utf-8"))
        except yaml.YAMLError:
            continue
    return found


def loads(document: dict) -> bool:
    touchpoints = [tp for stage in document["stages"] for tp in stage.get("touchpoints", [])]
    return all(-2 <= tp.get("emotion", 0) <= 2 and "colour" not in tp for tp in touchpoints)


def portfolio_documents(project: Path) -> dict[str, dict]:
    """The maps of the backlog and the data register: loaded and not archived."""
    return {
        name: document
        for name, document in raw_maps(project).items()
        if loads(document) and document.get("status") != "archived"
    }
