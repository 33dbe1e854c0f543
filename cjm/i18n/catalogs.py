"""Find and read the catalog of one language: the compiled `cjm.mo` an installed wheel carries,
or, in a source checkout, the `cjm.po` itself (read in memory, so an edited catalog is never
shadowed by a stale compiled one, and nothing is written next to the sources)."""

from __future__ import annotations

import array
import gettext
import io
import re
import struct
from pathlib import Path

LOCALE_DIRECTORY = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "cjm"
MO_MAGIC = 0x950412DE
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"\s*$')


def catalog_path(language: str, suffix: str) -> Path:
    return LOCALE_DIRECTORY / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def load_catalog(language: str) -> gettext.GNUTranslations | None:
    """The translations of `language`, or None when cjm has no catalog for it."""
    source, compiled = catalog_path(language, ".po"), catalog_path(language, ".mo")
    if source.is_file():
        return gettext.GNUTranslations(io.BytesIO(compile_po(source.read_text(encoding="utf-8"))))
    if compiled.is_file():
        with compiled.open("rb") as file:
            return gettext.GNUTranslations(file)
    return None


def unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match[1], match[1]), text)


def read_po(text: str) -> dict[str, str]:
    """A .po file's translated entries as a .mo holds them: msgid (singular NUL plural) ->
    msgstr (forms joined by NUL). Fuzzy and untranslated entries are left out, as msgfmt does."""
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    last = ""
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if not line or (line.startswith("#") and entry):
            add_entry(messages, entry, fuzzy)
            entry, fuzzy, last = {}, False, ""
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif match := KEYWORD.match(line):
            last = match[1]
            entry[last] = unquote(match[2])
        elif line.startswith('"') and last:
            entry[last] += unquote(line[1:-1])
    return messages


def add_entry(messages: dict[str, str], entry: dict[str, str], fuzzy: bool) -> None:
    msgid = entry.get("msgid")
    if msgid is None or (fuzzy and msgid):
        return
    if "msgid_plural" in entry:
        forms = [entry[key] for key in sorted(entry, key=form_index) if key.startswith("msgstr[")]
        if all(forms):
            messages[f"{msgid}\0{entry['msgid_plural']}"] = "\0".join(forms)
    elif entry.get("msgstr"):
        messages[msgid] = entry["msgstr"]


def form_index(key: str) -> int:
    return int(key[7:-1]) if key.startswith("msgstr[") else -1


def compile_po(text: str) -> bytes:
    """The .mo bytes of a .po text (the layout of CPython's Tools/i18n/msgfmt.py)."""
    messages = {key.encode(): value.encode() for key, value in read_po(text).items()}
    keys = sorted(messages)
    ids = strings = b""
    offsets = []
    for key in keys:
        offsets.append((len(ids), len(key), len(strings), len(messages[key])))
        ids += key + b"\0"
        strings += messages[key] + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    table = [number for o1, l1, _o2, _l2 in offsets for number in (l1, o1 + key_start)]
    table += [number for _o1, _l1, o2, l2 in offsets for number in (l2, o2 + value_start)]
    header = struct.pack("Iiiiiii", MO_MAGIC, 0, len(keys), 7 * 4, 7 * 4 + len(keys) * 8, 0, 0)
    return header + array.array("i", table).tobytes() + ids + strings
