"""Comparing two versions of journey maps, element by element, and printing the review."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjm.diff.review import MapDiff
    from cjm.reports import Style

# Every format of `cjm diff --format`: its printer, imported only when it is used.
PRINTERS: dict[str, str] = {
    "text": "cjm.diff.text:render_text",
    "json": "cjm.diff.json_format:render_json",
    "markdown": "cjm.diff.markdown:render_markdown",
    "github": "cjm.diff.github:render_github",
}


def render_diff(diffs: list[MapDiff], name: str, style: Style) -> str:
    """The diffs in one of the PRINTERS formats, as text ready to print."""
    module, function = PRINTERS[name].split(":")
    return getattr(importlib.import_module(module), function)(diffs, style)
