"""Reading a PDF back as a user's tools see it: poppler's pdfinfo, pdftotext and pdftohtml."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo") and shutil.which("pdftohtml")),
    reason="poppler-utils (pdftotext, pdfinfo, pdftohtml) not installed",
)


def info(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdfinfo", *options, pdf], capture_output=True, text=True, check=True).stdout


def pages(pdf: Path) -> int:
    found = re.search(r"^Pages:\s+(\d+)", info(pdf), re.M)
    assert found
    return int(found.group(1))


def text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The text in the order it is written in the PDF (`pdftotext -raw`): the reading order."""
    pages_wanted = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    command = ["pdftotext", "-raw", *pages_wanted, pdf, "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def one_line(value: str) -> str:
    return " ".join(value.split())


@dataclass
class Bookmark:
    title: str
    page: int
    children: list[Bookmark]


def bookmarks(pdf: Path) -> list[Bookmark]:
    """The PDF's outline as a tree, from `pdftohtml -xml`."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", pdf], capture_output=True, text=True).stdout
    found = re.search(r"<outline>.*</outline>", xml, re.S)
    if not found:
        return []
    return _outline(ElementTree.fromstring(found.group()))


def _outline(element: ElementTree.Element) -> list[Bookmark]:
    items: list[Bookmark] = []
    for child in element:
        if child.tag == "item":
            items.append(
                Bookmark(one_line(html.unescape("".join(child.itertext()))), int(child.get("page", 0)), [])
            )
        elif child.tag == "outline" and items:
            items[-1].children = _outline(child)
    return items


@dataclass(frozen=True)
class PageFill:
    page: int
    empty: float  # share of the page's text area below its last line of text


def fill(pdf: Path) -> list[PageFill]:
    """How much of each page is left empty below its content (the page number excluded)."""
    xml = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", xml, re.S), start=1):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        bottoms = sorted(float(value) for value in re.findall(r'yMax="([\d.]+)"', page))
        # The last words of a page are its footer (title and page number); the text above it counts.
        content = [value for value in bottoms if value < height * 0.955]
        tops = [float(value) for value in re.findall(r'yMin="([\d.]+)"', page)]
        top = min(tops) if tops else 0.0
        usable = height * 0.955 - top
        found.append(PageFill(number, round(1 - (max(content, default=top) - top) / usable, 3)))
    return found
