"""Which language the real `cjm` speaks: --lang, then CJM_LANG, then LANGUAGE, LC_ALL,
LC_MESSAGES and LANG (the first one set decides), unknown languages and C as English."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.i18n import choose_language, language_code
from tests.conftest import run_cjm

VARIABLES = ("CJM_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
NO_SUCH_FILE = {"en": "no such file", "es": "no existe el archivo", "pl": "nie ma takiego pliku"}


def spoken(tmp_path: Path, arguments: list[str], **variables: str) -> str:
    """The language of `cjm [ARGUMENTS] check MISSING`, told by its error message."""
    environment = dict.fromkeys(VARIABLES, "") | variables  # empty is unset, as for gettext
    result = run_cjm(*arguments, "check", tmp_path / "missing.yaml", env=environment)
    assert result.returncode == 2, result.stderr
    found = [language for language, words in NO_SUCH_FILE.items() if result.stderr.endswith(f"{words}\n")]
    assert len(found) == 1, result.stderr
    return found[0]


CASES = [
    ([], {}, "en"),
    ([], {"LANG": "C.UTF-8"}, "en"),
    ([], {"LANG": "es_ES.UTF-8"}, "es"),
    ([], {"LANG": "es_MX"}, "es"),
    ([], {"LANG": "pl_PL.UTF-8"}, "pl"),
    ([], {"LC_MESSAGES": "pl_PL.UTF-8", "LANG": "es_ES.UTF-8"}, "pl"),
    ([], {"LC_ALL": "es_ES.UTF-8", "LC_MESSAGES": "pl_PL.UTF-8"}, "es"),
    ([], {"LANGUAGE": "pl:es", "LC_ALL": "es_ES.UTF-8"}, "pl"),
    ([], {"LANGUAGE": "fr:es", "LANG": "pl_PL.UTF-8"}, "es"),  # the first language cjm has
    ([], {"LANG": "fr_FR.UTF-8"}, "en"),  # unknown: English
    ([], {"CJM_LANG": "es", "LANGUAGE": "pl", "LC_ALL": "pl_PL.UTF-8"}, "es"),
    ([], {"CJM_LANG": "fr", "LANG": "pl_PL.UTF-8"}, "en"),  # asked for French: English, not Polish
    (["--lang", "pl"], {"CJM_LANG": "es"}, "pl"),
    (["--lang=es"], {"LANG": "pl_PL.UTF-8"}, "es"),
    (["--lang", "en"], {"LANG": "pl_PL.UTF-8"}, "en"),
    (["--lang", "xx"], {"LANG": "pl_PL.UTF-8"}, "en"),
    (["--lang", "es", "--lang", "pl"], {}, "pl"),  # the last one wins, as for any option
    (["--lang=pl", "--lang", "es"], {}, "es"),
    # GNU gettext reads LANGUAGE only under a locale other than C: LC_ALL=C means as written.
    ([], {"LANGUAGE": "es", "LC_ALL": "C"}, "en"),
    ([], {"LANGUAGE": "pl", "LANG": "C.UTF-8"}, "en"),
    ([], {"LANGUAGE": "pl"}, "en"),  # no locale at all is the C locale
    ([], {"LANGUAGE": "pl:es", "LANG": "en_US.UTF-8"}, "pl"),
]


@pytest.mark.parametrize(("arguments", "variables", "expected"), CASES)
def test_the_interface_language_follows_the_standard_order(
    tmp_path: Path, arguments: list[str], variables: dict[str, str], expected: str
) -> None:
    assert spoken(tmp_path, arguments, **variables) == expected


def test_lang_is_a_global_option_not_one_of_a_command(tmp_path: Path) -> None:
    result = run_cjm("check", "--lang", "pl", tmp_path / "missing.yaml", env={"CJM_LANG": ""})
    assert result.returncode == 2
    assert "--lang" in result.stderr and "nie ma takiego pliku" not in result.stderr
    assert result.stderr.endswith("Error: --lang goes before the command: cjm --lang LANG check ...\n")
    # init has a --language of its own (the map's), which Typer would have offered instead
    spanish = run_cjm("--lang", "es", "init", "--lang", "es", cwd=tmp_path)
    assert spanish.returncode == 2 and "--language" not in spanish.stderr
    assert spanish.stderr.endswith("Error: --lang va antes del comando: cjm --lang IDIOMA init ...\n")


@pytest.mark.parametrize("language", ["es", "pl"])
def test_help_texts_are_translated(language: str) -> None:
    result = run_cjm("--lang", language, "export", "--help", env={"CJM_LANG": ""})
    assert result.returncode == 0
    words = {"es": "El mapa que se lee.", "pl": "Mapa do odczytania."}[language]
    assert words in result.stdout
    assert "The map to read." not in result.stdout


@pytest.mark.parametrize(
    ("value", "code"),
    [("es_ES.UTF-8", "es"), ("pl-PL", "pl"), ("PL", "pl"), ("en_GB@euro", "en"), ("C", None), ("", None)],
)
def test_locale_names_mean_a_language(value: str, code: str | None) -> None:
    assert language_code(value) == code


def test_a_value_after_the_command_is_the_commands_own() -> None:
    assert choose_language(["check", "--lang", "pl"], {}) == "en"
    assert choose_language(["--lang"], {"CJM_LANG": "es"}) == "es"  # no value: the environment
