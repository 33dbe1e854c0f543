"""The catalogs cannot drift from the code: every message the code marks has its Spanish and
Polish translation, keeps its placeholders, and the runtime reads the catalogs as Babel does."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.mofile import write_mo

from cjm.i18n import catalogs
from tests.i18n.catalog import LANGUAGES, TEMPLATE, code_messages, placeholders, po_path, read_catalog

UPDATE = "run `python -m tests.i18n.catalog` and translate what it adds (docs/language.md)"


def code_ids() -> set[str | tuple[str, str]]:
    return {message for message, _file, _line in code_messages()}


def test_the_template_lists_exactly_the_messages_of_the_code() -> None:
    template = {message.id for message in read_catalog(TEMPLATE) if message.id}
    assert template == code_ids(), UPDATE


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_translated(language: str) -> None:
    catalog = read_catalog(po_path(language), language)
    untranslated = [
        message
        for message in code_ids()
        if (entry := catalog.get(message)) is None
        or entry.fuzzy
        or not all(entry.string if isinstance(entry.string, tuple) else [entry.string])
    ]
    assert untranslated == [], f"{language}: {UPDATE}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translation_keeps_every_placeholder(language: str) -> None:
    catalog = read_catalog(po_path(language), language)
    broken = []
    for entry in catalog:
        if not entry.id or not entry.string:
            continue
        expected = placeholders(entry.id if isinstance(entry.id, str) else entry.id[1])
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        broken += [(entry.id, form) for form in forms if placeholders(form) != expected]
    assert broken == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_messages_have_every_form_of_the_language(language: str) -> None:
    catalog = read_catalog(po_path(language), language)
    plurals = [entry for entry in catalog if isinstance(entry.id, tuple)]
    wrong = [entry.id for entry in plurals if len(entry.string) != catalog.num_plurals]
    assert wrong == []


def test_polish_has_three_plural_forms_with_the_standard_rule() -> None:
    assert read_catalog(po_path("pl"), "pl").plural_forms == (
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_runtime_reads_a_catalog_as_the_compiled_one_of_the_wheel(language: str) -> None:
    """A source checkout reads the .po in memory; the wheel carries Babel's .mo: same answers."""
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(po_path(language), language), use_fuzzy=False)
    compiled.seek(0)
    wheel = gettext.GNUTranslations(compiled)
    source = gettext.GNUTranslations(io.BytesIO(catalogs.compile_po(po_path(language).read_text("utf-8"))))
    assert source._catalog == wheel._catalog  # the two tables themselves
    for count in (0, 1, 2, 5, 22, 112):
        assert source.ngettext("{count} fixed", "{count} fixed", count) == wheel.ngettext(
            "{count} fixed", "{count} fixed", count
        )


def test_a_fuzzy_or_empty_entry_is_not_used() -> None:
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, fuzzy\nmsgid "a"\nmsgstr "A?"\n\nmsgid "b"\nmsgstr ""\n\n'
        'msgid "c \\"q\\""\nmsgstr ""\n"C \\"q\\" "\n"ok"\n'
    )
    translation = gettext.GNUTranslations(io.BytesIO(catalogs.compile_po(text)))
    assert [translation.gettext(word) for word in ("a", "b", 'c "q"')] == ["a", "b", 'C "q" ok']
