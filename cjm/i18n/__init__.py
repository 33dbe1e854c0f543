"""The language cjm speaks to the person at the terminal: gettext catalogs in English, Spanish, Polish.

Not the language of what cjm renders (that is each map's `language`, `cjm/render/i18n.py`).
Until the command line chooses a language everything is English, so code run in process (a
test, a library user) reads the messages as written. Only the standard library is imported:
the catalog of one language is read once, in a few milliseconds, when the command starts.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Protocol

from cjm.vocabulary import LANGUAGES

DEFAULT_LANGUAGE = "en"
# The standard order of the locale variables (GNU gettext); CJM_LANG and --lang come first.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
LANGUAGE_VARIABLE = "CJM_LANG"
LANGUAGE_OPTION = "--lang"


class Translations(Protocol):
    """What cjm asks of a catalog: the standard library's gettext.GNUTranslations has it."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, count: int) -> str: ...


class AsWritten:
    """English: the messages as the code writes them. Not gettext.NullTranslations, so that
    an English command never imports gettext and locale (a part of `cjm --help`'s start-up)."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return singular if count == 1 else plural


AS_WRITTEN = AsWritten()
_state: dict[str, Translations | str] = {"translation": AS_WRITTEN, "language": DEFAULT_LANGUAGE}


def gettext(message: str) -> str:
    """The message in the interface language (imported as `_`, which Babel extracts)."""
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for `count` in the interface language (Polish has three)."""
    return _translation().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a message for the catalog where it is defined; it is translated where it is shown."""
    return message


def _translation() -> Translations:
    return _state["translation"]  # type: ignore[return-value]


@functools.cache
def translation(language: str) -> Translations:
    """The catalog of `language` itself, whatever language the interface speaks: for what cjm
    writes in a map's language (`cjm init`'s comments and placeholders). English, and a language
    cjm has no catalog for, give the messages as written."""
    if language not in LANGUAGES or language == DEFAULT_LANGUAGE:
        return AS_WRITTEN
    from cjm.i18n.catalogs import load_catalog

    return load_catalog(language) or AS_WRITTEN


def current_language() -> str:
    """The interface language in use: 'en', 'es' or 'pl'."""
    return str(_state["language"])


def use_language(language: str) -> None:
    """Speak `language` from now on (one of vocabulary.LANGUAGES; anything else is English)."""
    catalog = translation(language)  # English, or a language without a catalog: AS_WRITTEN
    _state["translation"] = catalog
    _state["language"] = language if catalog is not AS_WRITTEN else DEFAULT_LANGUAGE


def language_code(value: str) -> str | None:
    """The cjm language a locale name means ('es_ES.UTF-8' -> 'es', 'pl' -> 'pl'), or None."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def option_value(arguments: Sequence[str]) -> str | None:
    """The value of the global `--lang` in `cjm --lang pl check ...`: only before the command,
    where the global options are. Read before Click parses anything, because the help texts
    are written when the commands are declared."""
    found = None  # given twice, the last one wins, as for any option of Click's
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        if argument.startswith(f"{LANGUAGE_OPTION}="):
            found = argument.partition("=")[2]
        elif argument == LANGUAGE_OPTION:
            found = arguments[index + 1] if index + 1 < len(arguments) else found
            index += 1
        elif not argument.startswith("-"):
            break  # the command's name: what follows is its own
        index += 1
    return found


def choose_language(arguments: Sequence[str], environment: Mapping[str, str]) -> str:
    """The interface language: `--lang`, then CJM_LANG, then LANGUAGE, LC_ALL, LC_MESSAGES and
    LANG as gettext reads them (the first one set decides); unknown languages are English."""
    chosen = option_value(arguments)
    if chosen:
        return language_code(chosen) or DEFAULT_LANGUAGE
    if environment.get(LANGUAGE_VARIABLE):
        return language_code(environment[LANGUAGE_VARIABLE]) or DEFAULT_LANGUAGE
    locale = next((environment[name] for name in LOCALE_VARIABLES[1:] if environment.get(name)), "")
    # LANGUAGE may list several ('pl:es'): the first cjm knows wins. As in GNU gettext, it is
    # read only under a locale other than C (or POSIX): `LC_ALL=C` means the messages as written.
    languages = environment.get("LANGUAGE", "")
    if languages and locale and not _is_c_locale(locale):
        found = next((code for item in languages.split(":") if (code := language_code(item))), None)
        return found or DEFAULT_LANGUAGE
    return (language_code(locale) if locale else None) or DEFAULT_LANGUAGE


def _is_c_locale(value: str) -> bool:
    return value.split(".")[0].split("@")[0] in ("C", "POSIX")
