"""The commands and Typer's own words in each language, through the real `cjm`: `cjm add` (its
closing line, its errors, its questions), `cjm render`'s errors, the usage errors and the help
pages Typer writes, Ctrl-C, the human lines of `--format github` and `junit`. English is the
text as written; the help pages are golden per language (CJM_UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pexpect
import pytest

from cjm.cli.click_words import reworded
from cjm.i18n import use_language
from tests.conftest import MINIMAL_MAP, cjm_command, run_cjm

GOLDEN = Path(__file__).parent / "golden"
MAPS = Path(__file__).parent / "maps"
SPANISH, POLISH = {"CJM_LANG": "es"}, {"CJM_LANG": "pl"}


def polish(*arguments: str, **options: object) -> subprocess.CompletedProcess[str]:
    """`cjm --lang pl ...`: the option, where the Spanish cases use the environment."""
    return run_cjm("--lang", "pl", *arguments, **options)  # type: ignore[arg-type]


@pytest.fixture
def journey(tmp_path: Path) -> Path:
    (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    return tmp_path


# --- cjm add -----------------------------------------------------------------------------


def test_add_says_what_it_added(journey: Path) -> None:
    spanish = run_cjm("add", "stage", "--name", "Posventa", cwd=journey, env=SPANISH, input="")
    assert (spanish.returncode, spanish.stdout) == (0, "Se ha añadido la etapa 'posventa' a journey.yaml.\n")
    arguments = ["add", "pain-point", "--stage", "discovery", "--description", "Nie znajduje sklepu"]
    result = polish(*arguments, cwd=journey, input="")
    assert (result.returncode, result.stdout) == (
        0,
        "Dodano punkt bólu 'nie-znajduje-sklepu' do journey.yaml.\n",
    )


def test_add_explains_a_wrong_flag(journey: Path) -> None:
    spanish = run_cjm(
        "add", "touchpoint", "--stage", "discovry", "--action", "Llama", cwd=journey, env=SPANISH
    )
    assert spanish.returncode == 2
    assert (
        spanish.stderr == "cjm: --stage: etapa 'discovry': no está en el mapa (¿querías decir 'discovery'?)\n"
    )
    result = polish("add", "persona", "--name", "Ola", "--phase", "discovery", cwd=journey)
    assert result.returncode == 2
    assert result.stderr == (
        "cjm: --phase: nie pasuje do tego elementu (persona); "
        "dostępne opcje: --id, --name, --description, --goals, --needs, --frustrations\n"
    )
    assert (journey / "journey.yaml").read_text(encoding="utf-8") == MINIMAL_MAP


def test_add_without_a_terminal_names_the_missing_flags(journey: Path) -> None:
    result = polish("add", "touchpoint", cwd=journey, input="")
    assert result.returncode == 2
    assert result.stderr == (
        "cjm add touchpoint: brakuje --stage, --action, --channel "
        "(nie ma terminala, w którym można o to zapytać; podaj to jako opcję)\n"
    )


def test_add_asks_in_the_language_and_ctrl_c_says_interrupted(journey: Path) -> None:
    """A question in Spanish, then Ctrl-C: 'Interrumpido.', exit 130, the map as it was."""
    command = cjm_command()
    child = pexpect.spawn(
        command[0],
        [*command[1:], "add", "touchpoint", "--stage", "discovery"],
        cwd=str(journey),
        env={**os.environ, "NO_COLOR": "1", "CJM_LANG": "es"},
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )
    child.expect("Nuevo punto de contacto")
    child.expect("¿Qué hace el cliente\\?")
    child.sendintr()
    child.expect("Interrumpido\\.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert (journey / "journey.yaml").read_text(encoding="utf-8") == MINIMAL_MAP


# --- cjm render ----------------------------------------------------------------------------


def test_render_errors_are_translated(journey: Path) -> None:
    spanish = run_cjm("render", "-f", "docx", "journey.yaml", cwd=journey, env=SPANISH)
    assert (spanish.returncode, spanish.stderr) == (
        2,
        "cjm: formato desconocido 'docx'; elige entre html, md, pdf\n",
    )
    result = polish("render", "journey.yaml", "-f", "md", "-o", "journey.yaml", cwd=journey)
    assert result.returncode == 2
    assert (
        result.stderr
        == "cjm: journey.yaml: to mapa journey.yaml; nadaj plikowi md inną nazwę (nic nie zapisano)\n"
    )


# --- Typer's own words ---------------------------------------------------------------------


def test_an_unknown_option_is_explained_in_the_language() -> None:
    spanish = run_cjm("check", "--nope", env=SPANISH)
    assert (spanish.returncode, spanish.stdout) == (2, "")
    assert spanish.stderr == (
        "Uso: cjm check [OPTIONS] [MAP|DIR]...\n"
        "Prueba 'cjm check -h' para ver la ayuda.\n"
        "\n"
        "Error: No existe la opción --nope (opciones posibles: --ignore)\n"
    )
    result = polish("--nope")
    assert result.returncode == 2
    assert result.stderr == (
        "Użycie: cjm [OPTIONS] COMMAND [ARGS]...\n"
        "Wpisz 'cjm -h', żeby zobaczyć pomoc.\n"
        "\n"
        "Błąd: Nie ma opcji --nope\n"
    )


# Command lines Typer refuses before cjm runs, each with a different message of Typer's.
USAGE_ERRORS = [
    ["--nope"],
    ["check", "--nope"],
    ["add"],
    ["add", "channel", "a.yaml", "b"],
    ["add", "spaceship"],
    ["add", "touchpoint", "--emotion", "5"],
    ["add", "touchpoint", "--emotion", "-3"],
    ["add", "touchpoint", "--emotion", "bad"],
    ["render", "--timeout", "soon"],
    ["check", "--strict=yes"],
    ["check", "-o"],
    ["launch"],
    ["chek"],  # a typo: Typer adds "Did you mean 'check', 'schema'?"
]
TYPER_TRANSLATES_ITSELF = {"launch", "chek"}  # typer.core's own gettext, once cjm has rebound it


def error_of(stderr: str) -> str:
    return stderr.partition("\n\n")[2] if "\n\n" in stderr else stderr


@pytest.mark.parametrize("arguments", USAGE_ERRORS, ids=" ".join)
def test_every_usage_error_of_typer_is_translated(tmp_path: Path, arguments: list[str]) -> None:
    english = run_cjm(*arguments, cwd=tmp_path)
    assert english.returncode == 2 and english.stderr.count("Error: ") == 1, english.stderr
    for environment, usage, error in [(SPANISH, "Uso: ", "Error: "), (POLISH, "Użycie: ", "Błąd: ")]:
        translated = run_cjm(*arguments, cwd=tmp_path, env=environment)
        assert translated.returncode == 2
        assert english.stderr.startswith("Usage: ") == translated.stderr.startswith(usage)
        assert error_of(translated.stderr).startswith(error)
        assert error_of(translated.stderr).removeprefix(error) != error_of(english.stderr).removeprefix(
            "Error: "
        )
    message = error_of(english.stderr).removeprefix("Error: ").removesuffix("\n")
    if arguments[0] not in TYPER_TRANSLATES_ITSELF:
        assert_reworded_exactly(message)


def assert_reworded_exactly(message: str) -> None:
    """The catalog's English is Typer's, character for character: read back in English, a
    message is what Typer wrote; in Spanish, it is another text."""
    try:
        use_language("en")
        assert reworded(message) == message
        use_language("es")
        assert reworded(message) != message
    finally:
        use_language("en")


def test_the_help_of_cjm_is_in_the_language() -> None:
    spanish = run_cjm("--help", env=SPANISH).stdout
    assert spanish.startswith("Uso: cjm [OPTIONS] COMMAND [ARGS]...\n")
    for line in [
        "\nOpciones:\n",
        "  -h, --help            Muestra este mensaje y termina.\n",
        "  --install-completion  Instala el autocompletado para el shell actual.\n",
        "\nComandos:\n",
        "  check      Comprueba que cada etapa y cada persona tienen lo que necesita un\n",
    ]:
        assert line in spanish
    polish_help = polish("--help").stdout
    assert polish_help.startswith("Użycie: cjm [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nOpcje:\n" in polish_help and "\nPolecenia:\n" in polish_help
    assert "  -h, --help            Pokaż ten komunikat i zakończ.\n" in polish_help
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "Install completion"):
        assert english not in spanish and english not in polish_help


@pytest.mark.parametrize("command", ["check", "add", "render"])
@pytest.mark.parametrize("language", ["en", "es", "pl"])
def test_the_help_of_a_command_in_each_language(command: str, language: str) -> None:
    result = run_cjm("--lang", language, command, "--help")
    assert (result.returncode, result.stderr) == (0, "")
    golden = GOLDEN / f"help.{command}.{language}.txt"
    if os.environ.get("CJM_UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


# --- the human lines of the machine formats ------------------------------------------------


def check(language: str, output_format: str) -> str:
    arguments = ["check", "borrador.yaml", "rota.yaml", "--format", output_format]
    return run_cjm(*arguments, cwd=MAPS, env={"CJM_LANG": language}).stdout


def test_github_says_coverage_and_the_summary_in_the_language() -> None:
    english, spanish, polish_lines = (
        check(language, "github").splitlines() for language in ("en", "es", "pl")
    )
    assert english[-1].startswith("cjm check: 2 map(s), ")
    assert spanish[-1].startswith("cjm check: 2 mapas, ") and "; cobertura " in spanish[-1]
    assert polish_lines[-1].startswith("cjm check: 2 mapy, ") and "; pokrycie " in polish_lines[-1]
    assert [line for line in polish_lines if line.startswith("borrador.yaml: ")] == [
        line.replace(": coverage ", ": pokrycie ") for line in english if line.startswith("borrador.yaml: ")
    ]
    commands = [
        [line.partition("::")[2].partition("::")[0] for line in lines] for lines in (english, polish_lines)
    ]
    assert commands[0] == commands[1]  # level, file, line, column and title as they were


def test_junit_keeps_its_shape_and_translates_its_messages() -> None:
    english, polish_report = (ET.fromstring(check(language, "junit")) for language in ("en", "pl"))

    def shape(element: ET.Element) -> list[tuple[str, dict[str, str]]]:
        return [
            (item.tag, {k: v for k, v in item.attrib.items() if k != "message"}) for item in element.iter()
        ]

    assert shape(polish_report) == shape(english)
    messages = [
        [item.get("message") for item in report.iter() if item.get("message")]
        for report in (english, polish_report)
    ]
    assert messages == [
        ["1 finding(s)", "1 finding(s)", "1 finding(s)", "3 problem(s) loading the map"],
        ["1 uwaga", "1 uwaga", "1 uwaga", "3 problemy podczas wczytywania mapy"],
    ]
    assert [item.text for item in english.iter("system-out") if (item.text or "").startswith("coverage ")]
    assert not [
        item.text for item in polish_report.iter("system-out") if (item.text or "").startswith("coverage ")
    ]


def test_a_mistyped_command_is_answered_with_suggestions_in_the_interface_language(tmp_path: Path) -> None:
    spanish = run_cjm("chek", cwd=tmp_path, env=SPANISH)
    said = "Error: No existe el comando 'chek'. ¿Querías decir 'check', 'schema'?\n"
    assert error_of(spanish.stderr) == said
    polish = run_cjm("templates", "cpy", cwd=tmp_path, env=POLISH)
    assert error_of(polish.stderr) == "Błąd: Nie ma polecenia 'cpy'. Czy chodziło o 'copy'?\n"
