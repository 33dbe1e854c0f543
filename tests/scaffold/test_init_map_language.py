"""`cjm init` writes in the map's language: the comments, placeholders and suggested ids of the
map, and the comments of the project's files, in English, Spanish or Polish, whatever language
the command line speaks. The golden files are what a marketer opens first; CJM_UPDATE_GOLDEN=1
rewrites them (read them before committing: they must read naturally)."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from cjm.check.config import CheckConfig
from cjm.check.run import check_map
from cjm.i18n import translation
from cjm.load.journey import load_map_text
from cjm.rules import RULES
from cjm.scaffold import Answers, files, resolve
from cjm.scaffold.ids import ID_PATTERN, slugify
from cjm.scaffold.journey import PAIN_POINTS_EXAMPLE, STAGES_INTRO
from cjm.scaffold.presets import PRESETS
from cjm.scaffold.project_files import workflow_path, workflow_yaml
from cjm.scaffold.words import SUGGESTED_IDS, WORDS
from cjm.vocabulary import LANGUAGES, PLACEHOLDER_PREFIX
from tests.conftest import run_cjm

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("CJM_UPDATE_GOLDEN") == "1"
SKELETON_FILES = ("journey.yaml", "cjm.yaml", ".gitignore", ".pre-commit-config.yaml")

# The same answers in each language, with the stage ids of the classic preset in that language:
# a filled first stage (its comments), a reviewed second one, the rest left to fill in.
ANSWERS = {
    "en": """\
        title: First purchase online
        language: en
        blueprint: true
        personas:
          - name: First-time buyer
            goals: Find a fast laptop, Pay little
          - name: Regular customer
        channels:
          - name: Instagram
          - name: Shop
            kind: physical
        stages:
          discovery:
            touchpoints:
              - action: Sees an ad on Instagram
                channel: instagram
                emotion: -1
                frontstage: [An ad that shows the price]
            pain_points:
              - description: Shipping looks expensive
                severity: high
                touchpoint: 1
                opportunity: Free shipping over 30 euros
          consideration:
            pain_points: []
        """,
    "es": """\
        title: Primera compra online
        language: es
        blueprint: true
        personas:
          - name: Compra por primera vez
            goals: Encontrar un portátil rápido, Pagar poco
          - name: Clienta habitual
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
                frontstage: [Un anuncio que muestra el precio]
            pain_points:
              - description: El envío parece caro
                severity: high
                touchpoint: 1
                opportunity: Envío gratis desde 30 €
          consideracion:
            pain_points: []
        """,
    "pl": """\
        title: Pierwszy zakup w sieci
        language: pl
        blueprint: true
        personas:
          - name: Kupuje pierwszy raz
            goals: Znaleźć szybki laptop, Zapłacić mało
          - name: Stała klientka
        channels:
          - name: Instagram
          - name: Sklep
            kind: physical
        stages:
          odkrycie:
            touchpoints:
              - action: Widzi reklamę na Instagramie
                channel: instagram
                emotion: -1
                frontstage: [Reklama z ceną]
            pain_points:
              - description: Dostawa wydaje się droga
                severity: high
                touchpoint: 1
                opportunity: Darmowa dostawa od 100 zł
          ocena-alternatyw:
            pain_points: []
        """,
}


def matches_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if UPDATE_GOLDEN or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs; CJM_UPDATE_GOLDEN=1 rewrites it"


def init(directory: Path, *arguments: str, interface: str = "en") -> Path:
    result = run_cjm("init", directory, *arguments, env={"CJM_LANG": interface})
    assert result.returncode == 0, result.stderr
    return directory


def init_answers(directory: Path, language: str, interface: str = "en") -> Path:
    answers = directory.parent / f"answers.{language}.yaml"
    answers.write_text(textwrap.dedent(ANSWERS[language]), encoding="utf-8")
    return init(directory, "--answers", answers, interface=interface)


def project_text(directory: Path, names: tuple[str, ...]) -> str:
    return "".join(f"==> {name} <==\n{(directory / name).read_text(encoding='utf-8')}" for name in names)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_skeleton_and_its_project_files_in_each_language(tmp_path: Path, language: str) -> None:
    project = init(tmp_path / "project", "--no-input", "--language", language)
    matches_golden(f"skeleton.{language}.txt", project_text(project, SKELETON_FILES))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_map_from_answers_in_each_language(tmp_path: Path, language: str) -> None:
    project = init_answers(tmp_path / "project", language)
    matches_golden(f"answers.{language}.yaml", (project / "journey.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workflow_in_each_language(language: str) -> None:
    """A released version at the repository's root, a development version in a folder."""
    text = workflow_yaml("", "1.2.3", language) + "\n" + workflow_yaml("mapas/tienda", "1.3.0.dev1", language)
    matches_golden(f"workflow.{language}.txt", text)


@pytest.mark.parametrize("language", ["es", "pl"])
def test_the_suggested_ids_are_the_map_language_s(language: str) -> None:
    journey = load_map_text(files(resolve(Answers(language=language)))["journey.yaml"])
    assert journey.personas[0].id == SUGGESTED_IDS[language]["customer"] != "customer"
    assert journey.channels[0].id == SUGGESTED_IDS[language]["website"] != "website"
    assert {touchpoint.channel for stage in journey.stages for touchpoint in stage.touchpoints} == {
        journey.channels[0].id
    }


def test_an_id_made_from_a_name_without_letters_falls_back_to_a_word_of_the_map_language() -> None:
    answers = Answers(
        language="es",
        preset="custom",
        custom_stages=["¿?"],
        personas=[{"name": "¡!"}],
        channels=[{"name": "…"}],
        stages={
            "etapa": {
                "touchpoints": [{"action": "¿?", "channel": "canal"}],
                "pain_points": [{"description": "¡!", "touchpoint": 1}],
            }
        },
    )
    journey = load_map_text(files(resolve(answers))["journey.yaml"])
    stage = journey.stages[0]
    ids = [
        journey.personas[0].id,
        journey.channels[0].id,
        stage.id,
        stage.touchpoints[0].id,
        stage.pain_points[0].id,
    ]
    assert ids == ["persona", "canal", "etapa", "punto-de-contacto", "dolor"]


def test_every_language_suggests_every_id_and_each_is_a_plain_ascii_id() -> None:
    for language in LANGUAGES:
        assert SUGGESTED_IDS[language].keys() == SUGGESTED_IDS["en"].keys(), language
        for ident in SUGGESTED_IDS[language].values():
            assert ID_PATTERN.match(ident) and slugify(ident) == ident, (language, ident)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_placeholder_starts_with_todo_in_every_language(language: str) -> None:
    """CJM212 finds a placeholder by its TODO: a translation that lost it would hide a gap."""
    words = translation(language)
    for key, english in WORDS.items():
        translated = words.gettext(english)
        assert translated.startswith(PLACEHOLDER_PREFIX) == english.startswith(PLACEHOLDER_PREFIX), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_examples_in_the_comments_are_maps_once_uncommented(language: str) -> None:
    """A reader copies the examples of the comments into the map: in each language they must
    still be the format's keys, valid ids, and an opportunity that addresses the pain point."""
    words = translation(language)
    pain_points = yaml.safe_load(
        textwrap.dedent("\n".join(words.gettext(PAIN_POINTS_EXAMPLE).splitlines()[1:]))
    )
    assert list(pain_points) == ["pain_points", "opportunities"]
    pain_point = pain_points["pain_points"][0]
    assert ID_PATTERN.match(pain_point["id"]) and slugify(pain_point["id"]) == pain_point["id"]
    assert pain_points["opportunities"][0]["addresses"] == [pain_point["id"]]
    stage_lines = words.gettext(STAGES_INTRO).splitlines()
    start = next(index for index, row in enumerate(stage_lines) if row.startswith("  goal:"))
    stage = yaml.safe_load(textwrap.dedent("\n".join(stage_lines[start:])))
    assert list(stage) == ["goal", "kpis", "content"] and list(stage["kpis"][0]) == ["name", "target"]


def shape_of_findings(directory: Path) -> tuple[int, float, list[tuple[str, str, str, int]]]:
    """Exit code, coverage and each finding without what a language changes: its message, its
    line (comments wrap differently) and the ids in its element's label."""
    result = run_cjm("check", directory, "--format", "json")
    [report] = json.loads(result.stdout)["maps"]
    findings = [
        (item["rule"], item["severity"], item["element"].split("[")[0], item["column"])
        for item in report["findings"]
    ]
    return result.returncode, report["coverage"], findings


def test_cjm_check_finds_the_same_in_every_language(tmp_path: Path) -> None:
    for kind in ("skeleton", "answers"):
        shapes = {}
        for language in LANGUAGES:
            directory = tmp_path / kind / language
            directory.parent.mkdir(exist_ok=True)
            if kind == "skeleton":
                init(directory, "--no-input", "--language", language)
            else:
                init_answers(directory, language)
            shapes[language] = shape_of_findings(directory)
        assert shapes["es"] == shapes["en"] and shapes["pl"] == shapes["en"], kind
        assert shapes["en"][0] == 0 and shapes["en"][2], kind


@pytest.mark.parametrize("preset", [*PRESETS, "custom"])
@pytest.mark.parametrize("blueprint", [False, True])
def test_every_preset_gives_the_same_findings_in_every_language(preset: str, blueprint: bool) -> None:
    every_rule = CheckConfig({code: rule.severity for code, rule in RULES.items()})

    def rules_found(language: str) -> list[tuple[str, int]]:
        answers = Answers(
            language=language, preset=preset, blueprint=blueprint, custom_stages=["A", "B", "C"]
        )
        journey = load_map_text(files(resolve(answers))["journey.yaml"])
        found = check_map(journey, "m.yaml", every_rule).findings
        return [(finding.rule, finding.position.column) for finding in found]

    assert rules_found("es") == rules_found("en") == rules_found("pl")


@pytest.mark.parametrize("interface", ["es", "pl"])
def test_the_interface_language_does_not_change_what_init_writes(tmp_path: Path, interface: str) -> None:
    for language in LANGUAGES:
        english_interface = init(tmp_path / f"en-{language}", "--no-input", "--language", language)
        other_interface = init(
            tmp_path / f"{interface}-{language}", "--no-input", "--language", language, interface=interface
        )
        for name in (*SKELETON_FILES, ".github/workflows/cjm.yml"):
            assert (english_interface / name).read_bytes() == (other_interface / name).read_bytes(), (
                language,
                name,
            )


def test_the_ci_files_at_a_repository_s_root_follow_the_map_language(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".pre-commit-config.yaml").write_text("# hooks of this repository\n", encoding="utf-8")
    init(tmp_path / "mapas", "--no-input", "--language", "es")
    workflow = (tmp_path / workflow_path("mapas")).read_text(encoding="utf-8")
    assert workflow == workflow_yaml("mapas", language="es")
    assert workflow.startswith("# Revisa los mapas de recorrido de mapas/ en cada push")
    config = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert config.startswith("# hooks of this repository\n\n# Ejecuta `cjm check` en los mapas")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_workflow_means_the_same_in_every_language(language: str) -> None:
    """Only comments, step names and the error's words change: what runs is the same."""

    def meaning(text: str) -> object:
        workflow = yaml.safe_load(text)
        for step in workflow["jobs"]["check"]["steps"]:
            step.pop("name", None)
            if "run" in step:
                step["run"] = "\n".join(
                    line.split("::error", 1)[0] if "::error" in line else line.split("  #", 1)[0]
                    for line in step["run"].splitlines()
                )
        return workflow

    for folder, version in (("", "1.2.3"), ("mapas/tienda", "1.3.0.dev1")):
        assert meaning(workflow_yaml(folder, version, language)) == meaning(
            workflow_yaml(folder, version, "en")
        )


@pytest.mark.parametrize("language", ["es", "pl"])
def test_the_install_step_fails_with_an_annotation_in_each_language(tmp_path: Path, language: str) -> None:
    """The translated error is still one GitHub workflow command: a title without ':' or ','."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "pip").write_text('#!/bin/sh\necho "no matching distribution for $*" >&2\nexit 1\n')
    (fake / "pip").chmod(0o755)
    steps = yaml.safe_load(workflow_yaml("", "0.4.1", language))["jobs"]["check"]["steps"]
    [script] = [step["run"] for step in steps if "pip install" in step.get("run", "")]
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ.get('PATH', '')}"}
    ran = subprocess.run(["bash", "-e", "-c", script], env=env, capture_output=True, text=True, timeout=30)
    assert ran.returncode == 1 and ran.stdout.startswith("::error title=")
    title, message = ran.stdout.removeprefix("::error title=").split("::", 1)
    assert "0.4.1" in title and ":" not in title and "," not in title
    assert "0.4.1" in message and "https://github.com/journeymap/cjm" in message
