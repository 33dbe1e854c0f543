"""`cjm init`: the wizard in a real terminal, answers files, --no-input, and what it writes."""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pexpect
import pytest

from cjm.load.journey import load_map_text
from cjm.scaffold import Answers, files, resolve
from cjm.scaffold.presets import PRESETS
from tests.conftest import LANGUAGE_VARIABLES, cjm_command, run_cjm

# The wizard's questions (a piece of each prompt) and what a user types, in order. Once the
# user picks Español for the map, the wizard asks in Spanish.
PERSONAS = [
    ("Title of the journey", "Primera compra online"),
    ("Who are your customers", ""),
    ("Language", "2"),
    ("service blueprint", ""),
    ("Etapas", ""),
    ("Persona 1: nombre", "Sr. Jiménez"),
    ("Id corto", "nuevo"),
    ("Quién es", "Compra por primera vez"),
    ("Objetivos", "Encontrar un portátil rápido, Pagar poco"),
    ("\\+", ""),
    ("Necesidades", "Comparar precios"),
    ("\\+", "Envío rápido"),
    ("\\+", ""),
    ("Frustraciones", "Costes ocultos"),
    ("\\+", ""),
    ("Añadir otra persona", "s"),
    ("Persona 2: nombre", "Clienta habitual"),
    ("Id corto", "nuevo"),  # taken: asked again
    ("ya se usa", ""),
    ("Quién es", ""),
    ("Objetivos", "Repetir sin esfuerzo"),
    ("\\+", ""),
    ("Necesidades", ""),
    ("Frustraciones", "Esperas"),
    ("\\+", ""),
    ("Añadir otra persona", ""),
    ("Canal 1: nombre", "Instagram"),
    ("Tipo", ""),
    ("Añadir otro canal", "y"),
    ("Canal 2: nombre", "Tienda"),
    ("Tipo", "2"),
    ("Añadir otro canal", ""),
]
FIRST_STAGE = [
    ("Punto de contacto 1: ¿qué hace el cliente", "Ve un anuncio en Instagram"),
    ("En qué canal", ""),
    ("Quién lo hace", ""),
    ("Cómo se siente", "7"),  # out of range: asked again
    ("número entero de -2", "-1"),
    ("Añadir otro punto de contacto", ""),
    ("Algo le sale mal", "s"),
    ("Punto de dolor 1: ¿qué sale mal", "El envío parece caro"),
    ("Cuánto duele", "3"),
    ("Dónde ocurre", ""),
    ("Oportunidad", "Envío gratis desde 30 €"),
    ("Otro punto de dolor", ""),
]
OTHER_STAGES = [
    ("Compara precios en la web", "1", "0"),
    ("Compra en la tienda", "2", "1"),
    ("Recibe ayuda por Instagram", "Instagram", "1"),
    ("Recomienda la tienda", "1", "2"),
]


def wizard_steps() -> list[tuple[str, str]]:
    steps = [*PERSONAS, *FIRST_STAGE]
    for action, channel, emotion in OTHER_STAGES:
        steps += [
            ("qué hace el cliente", action),
            ("En qué canal", channel),
            ("Quién lo hace", ""),
            ("Cómo se siente", emotion),
            ("Añadir otro punto de contacto", ""),
            ("Algo le sale mal", "n"),
        ]
    return steps


ANSWERS = """\
title: Primera compra online
business: b2c
language: es
preset: classic
personas:
  - name: Sr. Jiménez
    id: nuevo
    description: Compra por primera vez
    goals: Encontrar un portátil rápido, Pagar poco
    needs: [Comparar precios, Envío rápido]
    frustrations: [Costes ocultos]
  - name: Clienta habitual
    goals: [Repetir sin esfuerzo]
    frustrations: [Esperas]
channels:
  - name: Instagram
  - name: Tienda
    kind: physical
stages:
  descubrimiento:
    touchpoints:
      - action: Ve un anuncio en Instagram
        channel: instagram
        emotion: -1
    pain_points:
      - description: El envío parece caro
        severity: high
        touchpoint: 1
        opportunity: Envío gratis desde 30 €
  consideracion:
    touchpoints: [{action: Compara precios en la web, channel: instagram, emotion: 0}]
    pain_points: []
  decision:
    touchpoints: [{action: Compra en la tienda, channel: tienda, emotion: 1}]
    pain_points: []
  retencion:
    touchpoints: [{action: Recibe ayuda por Instagram, channel: Instagram, emotion: 1}]
    pain_points: []
  recomendacion:
    touchpoints: [{action: Recomienda la tienda, channel: instagram, emotion: 2}]
    pain_points: []
"""


def spawn_init(*args: str, env: Mapping[str, str] | None = None) -> pexpect.spawn:
    command = cjm_command()
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "LINES": "40"}
    for name in LANGUAGE_VARIABLES:  # English unless a test asks: a developer's LANG=es_ES is not
        environment.pop(name, None)
    environment.update(env or {})
    return pexpect.spawn(
        command[0],
        [*command[1:], "init", *args],
        env=environment,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )


def drive(child: pexpect.spawn, steps: list[tuple[str, str]]) -> None:
    for pattern, answer in steps:
        child.expect(pattern)
        child.sendline(answer)


def test_wizard_from_start_to_end_gives_the_same_map_as_the_answers_file(tmp_path: Path) -> None:
    by_wizard, by_file = tmp_path / "wizard", tmp_path / "file"
    child = spawn_init(str(by_wizard))
    drive(child, wizard_steps())
    child.expect("Hecho")
    child.expect("cjm check")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before

    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    result = run_cjm("init", by_file, "--answers", answers)
    assert result.returncode == 0, result.stderr
    wizard_map = (by_wizard / "journey.yaml").read_bytes()
    assert wizard_map == (by_file / "journey.yaml").read_bytes()

    text = wizard_map.decode("utf-8")
    journey = load_map_text(text)
    assert [persona.id for persona in journey.personas] == ["nuevo", "clienta-habitual"]
    assert [stage.name for stage in journey.stages][-1] == "Recomendación"
    pain_point = journey.stages[0].pain_points[0]
    assert (pain_point.severity, journey.stages[0].touchpoints[0].emotion) == ("high", -1)
    assert journey.stages[0].opportunities[0].addresses == [pain_point.id]
    assert re.search(r"emotion: -1 +# negativa\n", text)

    check = run_cjm("check", by_wizard)
    assert check.returncode == 0, check.stdout + check.stderr
    for code in ("CJM101", "CJM102", "CJM103", "CJM104", "CJM108", "CJM201", "CJM202", "CJM207"):
        assert code not in check.stdout


@pytest.mark.parametrize("existing", [False, True])
def test_ctrl_c_halfway_leaves_nothing_behind(tmp_path: Path, existing: bool) -> None:
    target = tmp_path / "new"
    if existing:
        target.mkdir()
    child = spawn_init(str(target))
    drive(child, PERSONAS[:9])
    child.expect("\\+")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Interrumpido." in child.before  # the map is Spanish: so is the wizard, to the end
    assert (list(target.iterdir()) == []) if existing else not target.exists()


def test_no_terminal_stops_at_once(tmp_path: Path) -> None:
    result = run_cjm("init", tmp_path / "new", input="")
    assert result.returncode == 2
    assert result.stderr == ("cjm init needs a terminal to ask questions; use --no-input or --answers FILE\n")
    assert not (tmp_path / "new").exists()


def test_no_input_writes_a_skeleton_project(tmp_path: Path) -> None:
    result = run_cjm("init", tmp_path, "--no-input", "--business", "b2b", "--language", "pl")
    assert result.returncode == 0, result.stderr
    names = {str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file()}
    assert names == {
        "journey.yaml",
        "cjm.yaml",
        ".cjm/journey.schema.json",
        ".github/workflows/cjm.yml",
        ".pre-commit-config.yaml",
        ".gitignore",
    }
    text = (tmp_path / "journey.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=.cjm/journey.schema.json"
    journey = load_map_text(text)
    assert journey.business == "b2b" and len(journey.stages) == 7
    assert journey.stages[2].name == "Ocena przez komitet zakupowy"
    assert "TODO: co klient tu robi?" in text
    schema = json.loads((tmp_path / ".cjm/journey.schema.json").read_text())
    assert schema["$schema"].endswith("2020-12/schema")
    workflow = (tmp_path / ".github/workflows/cjm.yml").read_text()
    assert "pip install" in workflow and "journeymap" in workflow and "run: cjm check" in workflow
    assert "id: cjm-check" in (tmp_path / ".pre-commit-config.yaml").read_text()
    assert "/build/" in (tmp_path / ".gitignore").read_text()
    assert "cjm check" in result.stdout and "TODO" in result.stdout
    assert run_cjm("check", tmp_path).returncode == 0


def test_never_overwrites_a_map_without_force(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text("mine\n")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    (tmp_path / ".gitignore").write_text("*.pyc")
    refused = run_cjm("init", tmp_path, "--no-input")
    assert refused.returncode == 2
    assert "journey.yaml already exists; use --force" in refused.stderr
    assert (tmp_path / "journey.yaml").read_text() == "mine\n"
    assert not (tmp_path / "cjm.yaml").exists()

    forced = run_cjm("init", tmp_path, "--no-input", "--force", "--title", "Replaced")
    assert forced.returncode == 0, forced.stderr
    assert load_map_text((tmp_path / "journey.yaml").read_text()).title == "Replaced"
    assert (tmp_path / ".pre-commit-config.yaml").read_text() == "repos: []\n"  # another tool's file
    assert "kept" in forced.stdout
    gitignore = (tmp_path / ".gitignore").read_text()
    assert gitignore.startswith("*.pyc\n\n# Rendered journey maps") and gitignore.endswith("\n/build/\n")


def test_a_failed_write_takes_back_what_it_wrote(tmp_path: Path) -> None:
    (tmp_path / ".cjm").write_text("a file where a folder must go")
    result = run_cjm("init", tmp_path, "--no-input")
    assert result.returncode == 2
    assert ".cjm/journey.schema.json" in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [".cjm"]


def test_answers_file_errors_point_at_the_answer(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        textwrap.dedent("""\
        title: T
        stages:
          discovery:
            touchpoints:
              - action: Looks
                channel: web
                emotion: 7
        """)
    )
    result = run_cjm("init", tmp_path / "new", "--answers", answers)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{answers}:7:18: emotion must be a whole number from -2")
    assert not (tmp_path / "new").exists()

    touchpoint = "{action: A, channel: tv}"
    answers.write_text(f"channels: [{{name: Web}}]\nstages: {{discovery: {{touchpoints: [{touchpoint}]}}}}\n")
    result = run_cjm("init", tmp_path / "new", "--answers", answers)
    assert result.returncode == 2
    assert "unknown channel 'tv'; the channels are: web" in result.stderr


@pytest.mark.parametrize("preset", [*PRESETS, "custom"])
@pytest.mark.parametrize("language", ["en", "es", "pl"])
def test_every_preset_in_every_language_gives_a_map_that_loads(preset: str, language: str) -> None:
    answers = Answers(preset=preset, language=language, custom_stages=["Ver", "Probar", "Comprar"])
    draft = resolve(answers)
    journey = load_map_text(files(draft)["journey.yaml"])
    assert all(stage.phase for stage in journey.stages)
    assert journey.stages[-1].phase in {"advocacy", "retention"}


def test_scaffolded_project_renders_when_render_exists(tmp_path: Path) -> None:
    if run_cjm("render", "--help").returncode != 0:
        pytest.skip("cjm render is not available yet")
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    assert run_cjm("init", tmp_path / "project", "--answers", answers).returncode == 0
    for output_format in ("html", "md"):
        result = run_cjm("render", tmp_path / "project", "--format", output_format)
        assert result.returncode == 0, result.stderr


def test_the_documented_answers_example_gives_a_checked_project(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "docs" / "answers-example.yaml"
    result = run_cjm("init", tmp_path, "--answers", example)
    assert result.returncode == 0, result.stderr
    journey = load_map_text((tmp_path / "journey.yaml").read_text(encoding="utf-8"))
    assert [persona.id for persona in journey.personas] == ["first-timer", "regular-customer"]
    assert journey.stages[1].pain_points[0].touchpoint == journey.stages[1].touchpoints[0].id
    assert run_cjm("check", tmp_path).returncode == 0
