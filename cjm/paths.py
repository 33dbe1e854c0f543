"""Where the built-in templates live, installed or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def builtin_templates() -> Path:
    """The built-in templates folder: package data in a wheel, `templates/` in a checkout."""
    packaged = Path(str(resources.files("cjm") / "templates"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"
