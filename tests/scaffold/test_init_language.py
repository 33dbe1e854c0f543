"""`cjm init` asks in the person's language: the interface language at first, then the map's
once they pick it, unless they chose cjm's language themselves (`--lang`, CJM_LANG)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pexpect
import pytest

from cjm.cli.wizard import MENU_LABELS
from cjm.load.journey import load_map_text
from cjm.scaffold.presets import CUSTOM_LABEL, PRESETS
from cjm.vocabulary import BUSINESSES
from tests.conftest import LANGUAGE_VARIABLES, cjm_command, run_cjm

Steps = list[tuple[str, str | None]]  # (a piece of what cjm prints, what the user types, or None)

# A map with one custom stage, in Spanish, from an English start; each check of an answer is tried once.
SPANISH: Steps = [
    ("Title of the journey \\(Customer journey\\)", "Mi tienda"),
    ("Who are your customers\\? \\(1\\)", ""),
    ("1 English\\s+2 Español\\s+3 Polski", None),  # each language named in its own words
    ("Language \\(1\\)", "2"),
    ("Las preguntas siguen en español.", None),
    ("¿Este mapa es un service blueprint\\? \\(s/N\\)", "quizá"),
    ("✗ responde s \\(sí\\) o n \\(no\\)", "n"),
    ("4 A medida: pondré yo los nombres de las etapas", None),
    ("Etapas \\(1\\)", "4"),
    ("Nombres de las etapas", "Comprar"),
    ("\\+", ""),
    ("Comprar: 1 discovery", "6"),
    ("✗ escribe un número del 1 al 5", "3"),
    ("✓ 1 etapa: Comprar", None),
    ("2. Personas", None),
    ("Persona 1: nombre", ""),
    ("✗ escribe una respuesta", "Ana"),
    ("Id corto con el que hacer referencia \\(ana\\)", "Ana López"),
    ("✗ un id tiene de 1 a 64 letras, cifras, '-' o '_' \\(sin espacios ni tildes\\)", ""),
    ("¿Quién es, en una frase\\?", ""),
    ("Objetivos: ¿qué quiere conseguir\\?", "Pagar poco"),
    ("\\+", ""),
    ("Necesidades", ""),
    ("Frustraciones", ""),
    ("✓ persona Ana \\(ana\\)", None),
    ("¿Añadir otra persona\\? \\(s/N\\)", ""),
    ("Canal 1: nombre \\(Sitio web\\)", ""),  # the suggestion is written in the map: Spanish too
    ("¿Tipo\\? 1 digital", ""),
    ("¿Añadir otro canal\\?", ""),
    ("Etapa 1 de 1: Comprar", None),
    ("Punto de contacto 1: ¿qué hace el cliente\\? \\(p. ej. Ve un anuncio en Instagram\\)", "Paga"),
    ("¿Cómo se siente\\? \\(0\\)", "9"),
    ("✗ escribe un número entero de -2 \\(muy negativa\\) a 2 \\(muy positiva\\)", "-1"),
    ("¿Añadir otro punto de contacto en esta etapa\\?", ""),
    ("¿Algo le sale mal al cliente en esta etapa\\? \\(S/n\\)", ""),
    ("Punto de dolor 1: ¿qué sale mal\\?", "El envío es caro"),
    ("¿Cuánto duele\\? 1 low", ""),
    ("0  en ningún punto de contacto en concreto", None),
    ("¿Dónde ocurre\\? \\(1\\)", "4"),
    ("✗ escribe un número del 0 al 1", ""),
    ("Oportunidad: ¿qué podrías hacer para resolverlo\\?", "Envío gratis"),
    ("¿Otro punto de dolor en esta etapa\\?", ""),
    ("✓ Comprar: 1 punto de contacto, 1 punto de dolor", None),
    ("Hecho", None),
    ("1 persona · 1 canal · 1 etapa · 1 punto de contacto · 1 punto de dolor · 1 oportunidad", None),
    ("escrito journey.yaml", None),
    ("Abre journey.yaml en un editor de texto", None),
    ("Próximos pasos:", None),
    ("cjm check +mira qué más necesita el mapa", None),
]

# A map in Polish from an English start: two personas and two channels, so every menu shows.
POLISH: Steps = [
    ("Title of the journey", "Sklep rowerowy"),
    ("Who are your customers", "2"),
    ("Language \\(1\\)", "3"),
    ("Dalsze pytania są po polsku.", None),
    ("Czy ta mapa to service blueprint\\? \\(t/N\\)", "t"),
    ("Etapy \\(3\\)", "4"),  # B2B customers: the B2B stages are suggested
    ("Nazwy etapów", "Zakup"),
    ("\\+", ""),
    ("Zakup: 1 discovery", ""),
    ("✓ 1 etap: Zakup", None),
    ("2. Persony", None),
    ("Persona 1: nazwa", "Kupiec"),
    ("Krótkie id, którym będzie można się odwołać \\(kupiec\\)", ""),
    ("Kim jest, w jednym zdaniu\\?", ""),
    ("Cele: co chce osiągnąć\\?", ""),
    ("Potrzeby: czego od ciebie potrzebuje\\?", ""),
    ("Frustracje: co go dziś irytuje\\?", ""),
    ("Dodać kolejną personę\\? \\(t/N\\)", "tak"),
    ("Persona 2: nazwa", "Księgowa"),
    ("Krótkie id", "kupiec"),
    ("✗ id 'kupiec' jest już użyte w tej mapie; id muszą być unikalne", ""),
    ("Kim jest", ""),
    ("Cele", ""),
    ("Potrzeby", ""),
    ("Frustracje", ""),
    ("Dodać kolejną personę", ""),
    ("Kanał 1: nazwa \\(Strona internetowa\\)", ""),
    ("Rodzaj\\? 1 digital", ""),
    ("Dodać kolejny kanał\\? \\(t/N\\)", "t"),
    ("Kanał 2: nazwa", "Telefon"),
    ("Rodzaj\\?", "3"),
    ("Dodać kolejny kanał", ""),
    ("Etap 1 z 1: Zakup", None),
    ("Punkt styku 1: co robi klient\\? \\(np. Widzi reklamę na Instagramie\\)", "Dzwoni"),
    ("W jakim kanale\\? \\(1\\)", "Fax"),
    ("✗ wpisz liczbę od 1 do 2 albo nazwę kanału", "2"),
    ("Kto to robi\\? \\(numery oddzielone przecinkami\\) \\(wszystkie\\)", "3"),
    ("✗ nie ma persony '3': wpisz numery od 1 do 2, oddzielone przecinkami", "1"),
    ("Jak się z tym czuje\\?", "1"),
    ("Warstwy blueprintu: pusta odpowiedź zapisuje TODO do uzupełnienia później.", None),
    ("Frontstage: co klient widzi, że robi firma\\?", "Konsultant odbiera"),
    ("\\+", ""),
    ("Backstage: co zespół robi za kulisami\\?", ""),
    ("Wsparcie: jakie systemy i procesy za tym stoją\\?", ""),
    ("Dowody fizyczne: co klient widzi lub zachowuje\\?", ""),
    ("! Jeszcze brak punktu styku dla: Księgowa", None),
    ("Dodać kolejny punkt styku na tym etapie\\? \\(T/n\\)", ""),
    ("Punkt styku 2: co robi klient", "Sprawdza fakturę"),
    ("W jakim kanale", ""),
    ("Kto to robi", "2"),
    ("Jak się z tym czuje", ""),
    ("Frontstage", ""),
    ("Backstage", ""),
    ("Wsparcie", ""),
    ("Dowody fizyczne", ""),
    ("Dodać kolejny punkt styku na tym etapie\\? \\(t/N\\)", ""),
    ("Czy coś idzie klientowi źle na tym etapie\\? \\(t/N\\)", ""),
    ("✓ Zakup: 2 punkty styku, 0 punktów bólu", None),
    ("Gotowe", None),
    ("2 persony · 2 kanały · 1 etap · 2 punkty styku · 0 punktów bólu · 0 szans", None),
    ("zapisano +journey.yaml", None),
    ("Do uzupełnienia: 7 znaczników w journey.yaml, wartości zaczynające się od TODO", None),
    ("Następne kroki:", None),
    ("cjm check +zobacz 7 pozostałych znaczników \\(CJM212\\) i czego jeszcze brakuje mapie", None),
]


def spawn_cjm(*args: str, cwd: Path, env: Mapping[str, str] | None = None) -> pexpect.spawn:
    """`cjm ARGS` in a terminal that takes no styles (TERM=dumb): a pattern is the line as read."""
    command = cjm_command()
    environment = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "120", "LINES": "40"}
    for name in LANGUAGE_VARIABLES:  # English unless a test asks
        environment.pop(name, None)
    environment.update(env or {})
    return pexpect.spawn(
        command[0],
        [*command[1:], *args],
        cwd=str(cwd),
        env=environment,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )


def converse(child: pexpect.spawn, steps: Steps) -> None:
    for pattern, answer in steps:
        child.expect(pattern)
        if answer is not None:
            child.sendline(answer)


def finish(child: pexpect.spawn) -> None:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before


# What the sessions write: the stage (name, phase), the personas' ids and the channels' names.
SPANISH_MAP = ("Comprar", "decision", ["ana"], ["Sitio web"])
POLISH_MAP = ("Zakup", "discovery", ["kupiec", "ksiegowa"], ["Strona internetowa", "Telefon"])


@pytest.mark.parametrize(
    ("steps", "language", "written"),
    [(SPANISH, "es", SPANISH_MAP), (POLISH, "pl", POLISH_MAP)],
    ids=["es", "pl"],
)
def test_after_the_map_language_is_picked_the_wizard_asks_in_it(
    tmp_path: Path, steps: Steps, language: str, written: tuple
) -> None:
    child = spawn_cjm("init", cwd=tmp_path)
    converse(child, steps)
    finish(child)
    journey = load_map_text((tmp_path / "journey.yaml").read_text(encoding="utf-8"))
    stage = journey.stages[0]
    personas, channels = (
        [persona.id for persona in journey.personas],
        [item.name for item in journey.channels],
    )
    assert (journey.language, (stage.name, stage.phase, personas, channels)) == (language, written)
    check = run_cjm("check", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert ("CJM212" in check.stdout) == journey.is_blueprint  # the placeholders of the empty lanes


def test_a_language_chosen_with_cjm_lang_is_kept_for_a_map_in_another_language(tmp_path: Path) -> None:
    child = spawn_cjm("init", cwd=tmp_path, env={"CJM_LANG": "pl"})
    converse(
        child,
        [
            ("Naszkicujmy twoją mapę podróży klienta.", None),
            ("1. Podróż klienta", None),
            ("Tytuł podróży klienta \\(Ścieżka klienta\\)", "Tienda"),
            ("Kim są twoi klienci\\? \\(1\\)", ""),
            ("Język \\(3\\)", "2"),  # Polish is suggested; the person picks Spanish for the map
            ("Czy ta mapa to service blueprint\\?", ""),
            ("1 Klasyczna piątka: Descubrimiento, Consideración", "1"),  # the map's stage names
            ("Etapy \\(1\\)", ""),
            ("✓ 5 etapów: Descubrimiento", None),
            ("Persona 1: nazwa", "Ana"),
            ("Krótkie id", ""),
            ("Kim jest", ""),
            ("Cele", ""),
            ("Potrzeby", ""),
            ("Frustracje", ""),
            ("Dodać kolejną personę", ""),
            ("Kanał 1: nazwa \\(Sitio web\\)", ""),  # written in the Spanish map
            ("Rodzaj", ""),
            ("Dodać kolejny kanał", ""),
        ],
    )
    for number in range(1, 6):
        converse(
            child,
            [
                (f"Etap {number} z 5", None),
                ("Punkt styku 1: co robi klient", "Algo"),
                ("-2 muy negativa", None),  # the scale's words are those of the map's comments
                ("Jak się z tym czuje", ""),
                ("Dodać kolejny punkt styku", ""),
                ("Czy coś idzie klientowi źle", ""),
            ],
        )
    converse(child, [("Gotowe", None), ("1 persona · 1 kanał · 5 etapów · 5 punktów styku", None)])
    finish(child)
    journey = load_map_text((tmp_path / "journey.yaml").read_text(encoding="utf-8"))
    assert (journey.language, journey.title, journey.channels[0].name) == ("es", "Tienda", "Sitio web")
    assert run_cjm("check", cwd=tmp_path).returncode == 0


def test_a_language_from_the_locale_gives_way_to_the_map_language(tmp_path: Path) -> None:
    child = spawn_cjm("init", cwd=tmp_path, env={"LANG": "es_ES.UTF-8"})
    converse(
        child,
        [
            ("Título del recorrido \\(Recorrido del cliente\\)", ""),
            ("¿Quiénes son tus clientes\\?", ""),
            ("Idioma \\(2\\)", "1"),
            ("The questions go on in English.", None),
            ("Is this map a service blueprint\\? \\(y/N\\)", None),
        ],
    )
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("arguments", [["--lang", "es", "init"], ["init", "--language", "es"]])
def test_a_language_known_at_the_start_is_spoken_from_the_first_line(
    tmp_path: Path, arguments: list[str]
) -> None:
    """`cjm --lang es init`, and `cjm init --language es` for a Spanish map."""
    child = spawn_cjm(*arguments, cwd=tmp_path)
    converse(child, [("Vamos a esbozar tu mapa del recorrido del cliente.", None), ("1. El recorrido", None)])
    child.expect("Título del recorrido \\(Recorrido del cliente\\)")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_without_questions_init_speaks_the_interface_language(tmp_path: Path) -> None:
    """--no-input asks nothing, so nothing changes the language: CJM_LANG's, not the map's."""
    spanish = run_cjm("init", tmp_path / "es", "--no-input", "--language", "pl", env={"CJM_LANG": "es"})
    assert spanish.returncode == 0, spanish.stderr
    said = " ".join(spanish.stdout.split())
    assert (
        "1 persona · 1 canal · 5 etapas · 5 puntos de contacto · 0 puntos de dolor · 0 oportunidades" in said
    )
    assert "Por rellenar: 11 marcadores en" in said, said
    assert "cjm check revisa los 11 marcadores pendientes (CJM212) y qué más necesita el mapa" in said
    english = run_cjm("init", tmp_path / "en", "--no-input", "--language", "pl")
    assert "Left to fill in: 11 placeholders in" in " ".join(english.stdout.split())


def test_the_help_and_the_errors_of_init_are_translated(tmp_path: Path) -> None:
    help_text = " ".join(run_cjm("--lang", "pl", "init", "--help").stdout.split())
    assert "Załóż mapę podróży klienta: odpowiedz na kilka pytań" in help_text
    assert "--language <en|es|pl> Język mapy." in help_text
    listing = " ".join(run_cjm("--help", env={"CJM_LANG": "es"}).stdout.split())
    assert "init Empieza un proyecto de recorrido respondiendo a unas preguntas." in listing
    result = run_cjm("init", tmp_path / "new", input="", env={"CJM_LANG": "es"})
    assert (result.returncode, result.stderr) == (
        2,
        "cjm init necesita una terminal para hacer preguntas; usa --no-input o --answers FILE\n",
    )


def test_every_menu_word_the_wizard_translates_is_marked_for_the_catalog() -> None:
    shown = {*BUSINESSES.values(), *(preset.label for preset in PRESETS.values()), CUSTOM_LABEL}
    assert set(MENU_LABELS) == shown


def test_the_wizard_s_paragraphs_flow_at_the_terminal_s_width(tmp_path: Path) -> None:
    """At 80 columns a translated note wraps once, at the terminal's width, not at the width of
    the catalog's lines as well (which left lines of two words)."""
    child = spawn_cjm("--lang", "es", "init", cwd=tmp_path, env={"COLUMNS": "80"})
    child.setwinsize(40, 80)
    converse(child, [("Título del recorrido", "T"), ("clientes\\?", "1"), ("Idioma", "2")])
    child.expect("service blueprint\\? \\(s/N\\)")
    lines = [line.strip() for line in child.before.replace("\r", "").split("\n") if line.strip()]
    start = lines.index(next(line for line in lines if line.startswith("Un service blueprint")))
    note = lines[start : start + 3]  # then the question
    assert note[-1].endswith("el cliente conserva."), lines
    assert all(len(line) > 60 for line in note[:-1]), note
    child.sendintr()
    child.expect(pexpect.EOF)
