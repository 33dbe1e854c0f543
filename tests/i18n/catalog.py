"""The messages of cjm's code and the catalogs that translate them, read with Babel.

Run `python -m tests.i18n.catalog` after changing a message: it writes cjm/locale/cjm.pot from
the code and merges it into each language's cjm.po (new messages arrive untranslated, changed
ones fuzzy), which tests/i18n/test_catalogs.py then asks a translator to complete.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from cjm import vocabulary
from cjm.i18n import catalogs
from cjm.rules import RULES
from cjm.rules.base import documentation_messages

ROOT = Path(__file__).resolve().parents[2]
LOCALE = catalogs.LOCALE_DIRECTORY
TEMPLATE = LOCALE / "cjm.pot"
LANGUAGES = [language for language in vocabulary.LANGUAGES if language != "en"]
# Words of the vocabulary that the code translates where it shows them (`_(EMOTION_HELP)`).
VOCABULARY_MESSAGES = (vocabulary.EMOTION_HELP, vocabulary.ID_RULE, vocabulary.COLOR_RULE)
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Message = str | tuple[str, str]


def code_messages() -> Iterator[tuple[Message, str, int]]:
    """(message, file, line) of every message the code marks (`_`, `ngettext`, `N_`), then the
    prose of each rule's documentation and the vocabulary words translated where shown."""
    for filename, line, message, _comments, _context in extract_from_dir(
        str(ROOT / "cjm"), [("**.py", "python")], keywords=KEYWORDS
    ):
        yield message, f"cjm/{filename}", line
    for rule in RULES.values():
        for message in documentation_messages(rule):
            yield message, f"cjm rules {rule.code}", 0
    for message in VOCABULARY_MESSAGES:
        yield message, "cjm/vocabulary.py", 0


def template() -> Catalog:
    catalog = Catalog(project="cjm", domain="cjm", charset="utf-8", fuzzy=False)
    for message, filename, line in code_messages():
        catalog.add(message, locations=[(filename, line)] if line else [(filename, None)])
    return catalog


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=language, domain="cjm")


def write_catalog(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, no_location=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def po_path(language: str) -> Path:
    return catalogs.catalog_path(language, ".po")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def update() -> None:
    """Write the template from the code and merge it into every language's catalog."""
    fresh = template()
    write_catalog(TEMPLATE, fresh)
    for language in LANGUAGES:
        path = po_path(language)
        catalog = read_catalog(path, language) if path.exists() else Catalog(locale=language, domain="cjm")
        catalog.update(fresh, update_header_comment=False)
        catalog.obsolete.clear()  # a message the code no longer has is not kept around
        write_catalog(path, catalog)


if __name__ == "__main__":
    update()
