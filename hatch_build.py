"""Compile the gettext catalogs (cjm/locale/*/LC_MESSAGES/cjm.po) into the wheel as cjm.mo.

The compiled catalogs are build output, never committed: Babel compiles each .po when the
wheel is built and the .mo goes straight into the wheel. An editable install needs nothing:
in a source checkout cjm reads the .po itself (cjm/i18n/catalogs.py).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        self.output = Path(tempfile.mkdtemp(prefix="cjm-catalogs-"))
        for source in sorted(Path(self.root, "cjm", "locale").glob("*/LC_MESSAGES/cjm.po")):
            language = source.parent.parent.name
            with source.open("rb") as file:
                catalog = read_po(file, locale=language, domain="cjm")
            compiled = self.output / language / "cjm.mo"
            compiled.parent.mkdir(parents=True)
            with compiled.open("wb") as file:
                write_mo(file, catalog, use_fuzzy=False)
            build_data["force_include"][str(compiled)] = f"cjm/locale/{language}/LC_MESSAGES/cjm.mo"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "output", None) is not None:
            shutil.rmtree(self.output, ignore_errors=True)
