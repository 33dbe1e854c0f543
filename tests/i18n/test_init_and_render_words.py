"""The last words of `cjm init` and `cjm render` in each language, through the real `cjm`: why
init keeps a file (its summary line), the errors of an answers file, the errors of a user's
template, the page size, the time budget and an unknown persona. English is the text as
written, asserted by the tests of each command; here only Spanish (CJM_LANG) and Polish (--lang)."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, run_cjm

SPANISH = {"CJM_LANG": "es"}


def polish(*arguments: str | Path, **options: object) -> subprocess.CompletedProcess[str]:
    """`cjm --lang pl ...`: the option, where the Spanish cases use the environment."""
    return run_cjm("--lang", "pl", *arguments, **options)  # type: ignore[arg-type]


def kept_lines(output: str) -> list[str]:
    """The summary's lines of the files cjm init left as they were."""
    return [line.strip() for line in output.splitlines() if line.strip().startswith(("intacto", "zachowano"))]


# --- cjm init: the files it keeps -----------------------------------------------------------


def test_init_says_in_spanish_why_it_keeps_a_gitignore_and_a_pre_commit_config(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("node_modules/\n/build/\n", encoding="utf-8")
    config = (
        "repos:\n- repo: local\n  hooks:\n  - {id: cjm-check, name: cjm check, "
        "entry: cjm check --changed, language: system, types: [yaml]}\n"
    )
    (tmp_path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    result = run_cjm("init", "--no-input", cwd=tmp_path, env=SPANISH)
    assert result.returncode == 0, result.stderr
    assert kept_lines(result.stdout) == [
        "intacto .pre-commit-config.yaml (ya ejecuta el hook cjm-check en el repositorio)",
        "intacto .gitignore (ya ignora /build/)",
    ]
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "node_modules/\n/build/\n"
    assert (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") == config


def test_init_says_in_polish_what_to_add_by_hand(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_bytes("/build/\n".encode("utf-16"))
    (tmp_path / ".pre-commit-config.yaml").write_text("[1, 2]\n", encoding="utf-8")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "cjm.yml").write_text("name: mine\n", encoding="utf-8")
    result = polish("init", "--no-input", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    hook = (
        "- {repo: local, hooks: [{id: cjm-check, name: cjm check, entry: cjm check --changed, "
        "language: system, types: [yaml], require_serial: true}]}"
    )
    assert kept_lines(result.stdout) == [
        "zachowano .github/workflows/cjm.yml (już istniał)",
        "zachowano .pre-commit-config.yaml (to nie jest mapowanie z listą repos:, jakiego potrzebuje "
        f"pre-commit; dodaj ten element pod repos: {hook})",
        "zachowano .gitignore (to tekst UTF-16, którego git nie czyta: zapisz go jako UTF-8 i dodaj "
        "wiersz /build/)",
    ]


def test_why_the_hook_cannot_be_added_comes_without_its_position_in_spanish(tmp_path: Path) -> None:
    """The edit engine's refusal, in the reason of the summary without its FILE:LINE:COLUMN."""
    config = "repos: &r\n- repo: https://example.com/x\n  rev: v1\n  hooks: [{id: x}]\nother: *r\n"
    (tmp_path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    result = run_cjm("init", "--no-input", cwd=tmp_path, env=SPANISH)
    assert result.returncode == 0, result.stderr
    [line] = [line for line in kept_lines(result.stdout) if ".pre-commit-config.yaml" in line]
    assert line.startswith(
        "intacto .pre-commit-config.yaml (cjm no pudo añadir nada sin cambiar tus líneas (esto lleva "
        "el ancla &r y *r lo repite en otro lugar; "
    )
    assert (
        "copias completas y vuelve a ejecutar cjm add); añade este elemento bajo repos: - {repo: local"
        in line
    )
    assert ".pre-commit-config.yaml:" not in line and "no se puede añadir aquí" not in line
    assert (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8") == config


def test_init_refuses_a_symlink_out_of_the_folder_in_spanish(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (project / "journey.yaml").symlink_to(outside / "journey.yaml")
    result = run_cjm("init", project, "--no-input", env=SPANISH)
    assert result.returncode == 2
    assert result.stderr == (
        f"cjm: {project / 'journey.yaml'}: lleva a {outside / 'journey.yaml'}, fuera de {project}, "
        "a través de un enlace simbólico; cjm solo escribe dentro de la carpeta del proyecto: "
        "elimina el enlace o elige otra carpeta\n"
    )
    assert list(outside.iterdir()) == []


def test_init_refuses_to_replace_a_map_in_polish(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text("mine\n", encoding="utf-8")
    result = polish("init", "--no-input", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2,
        "cjm: journey.yaml już istnieje; użyj --force, aby go zastąpić\n",
    )


# --- cjm init --answers: the errors of the file ---------------------------------------------


def answers_file(folder: Path, text: str) -> Path:
    path = folder / "answers.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_an_unknown_persona_in_an_answers_file_is_explained_in_polish(tmp_path: Path) -> None:
    answers = answers_file(
        tmp_path,
        """\
        personas: [{name: Ana}]
        channels: [{name: Web}]
        stages:
          discovery:
            touchpoints:
              - {action: Szuka, channel: web, personas: [bob]}
        """,
    )
    result = polish("init", tmp_path / "new", "--answers", answers)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "cjm: stages: discovery: punkt styku 1: nieznana persona 'bob'; persony to: ana\n"
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    ("touchpoints", "expected"),
    [
        (1, "etap ma 1 punkt styku"),
        (2, "etap ma 2 punkty styku"),
        (0, "etap ma 0 punktów styku"),
    ],
)
def test_a_touchpoint_number_past_the_stage_counts_in_polish(
    tmp_path: Path, touchpoints: int, expected: str
) -> None:
    listed = "".join(f"\n      - {{action: Krok {number}, channel: web}}" for number in range(touchpoints))
    answers = answers_file(
        tmp_path,
        "channels: [{name: Web}]\nstages:\n  discovery:\n    touchpoints:"
        + (listed or " []")
        + "\n    pain_points:\n      - {description: Wolno, touchpoint: 5}\n",
    )
    result = polish("init", tmp_path / "new", "--answers", answers)
    assert result.returncode == 2
    assert result.stderr == f"cjm: stages: discovery: punkt bólu 1: punkt styku 5: {expected}\n"


def test_answers_file_errors_in_spanish(tmp_path: Path) -> None:
    cases = {
        "preset: custom\n": (
            "con preset: custom hacen falta los nombres de las etapas: indícalos en 'custom_stages'"
        ),
        "stages: {nope: {}}\n": (
            "stages: etapa desconocida 'nope'; las etapas de este preset son: "
            "discovery, consideration, decision, retention, advocacy"
        ),
        "channels: [{name: Web}]\nstages: {discovery: {touchpoints: [{action: Mira, channel: tv}]}}\n": (
            "stages: discovery: punto de contacto 1: canal desconocido 'tv'; los canales son: web"
        ),
        "personas: [{name: Ana, id: same}]\nchannels: [{name: Web, id: same}]\n": (
            "el id 'same' se usa dos veces; los id deben ser únicos en todo el mapa"
        ),
    }
    for text, expected in cases.items():
        result = run_cjm("init", tmp_path / "new", "--answers", answers_file(tmp_path, text), env=SPANISH)
        assert (result.returncode, result.stderr) == (2, f"cjm: {expected}\n"), text


# --- cjm render: a user's templates and the render's bounds ------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "tpl").mkdir()
    return tmp_path


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{% for x in %}\n", "tpl/journey.html.j2:1: error de plantilla: Expected an expression, got"),
        ("{{ 1 / 0 }}", "error de plantilla: ZeroDivisionError: division by zero"),
        ("{% include 'nada.html.j2' %}", "no se encuentra la plantilla: nada.html.j2"),
        ("{{ ''.__class__ }}", "el entorno aislado rechazó la plantilla: access to attribute"),
        ("{{ 9 ** 99999999 }}", "error de plantilla: ArithmeticError: una plantilla no puede calcular"),
        (
            "{{ 'a' | center(10**10) }}",
            "error de plantilla: ArithmeticError: un ancho de 10,000,000,000 es más de lo que cabe",
        ),
    ],
)
def test_a_broken_template_is_explained_in_spanish(project: Path, template: str, expected: str) -> None:
    (project / "tpl" / "journey.html.j2").write_text(template, encoding="utf-8")
    result = run_cjm("render", "-f", "html", "--templates", "tpl", "journey.yaml", cwd=project, env=SPANISH)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"cjm: {expected}"), result.stderr
    assert not (project / "journey.html").exists()


def test_a_template_that_builds_too_much_counts_in_polish(project: Path) -> None:
    (project / "tpl" / "journey.md.j2").write_text("{{ 'x' * 10**11 }}", encoding="utf-8")
    result = polish("render", "-f", "md", "--templates", "tpl", "journey.yaml", cwd=project)
    assert result.returncode == 2
    assert result.stderr == (
        "cjm: błąd szablonu: ArithmeticError: "
        "szablon nie może zbudować wartości z 100,000,000,000 elementów\n"
    )


def test_the_page_size_timeout_and_persona_errors_of_render(project: Path) -> None:
    result = polish("render", "-f", "pdf", "--page-size", "A9", "journey.yaml", cwd=project)
    assert (result.returncode, result.stderr) == (
        2,
        "cjm: rozmiar strony 'A9' nie jest żadnym z: A0-A6, B4, B5, letter, legal, ledger (opcjonalnie "
        "z 'landscape' lub 'portrait') ani 'SZEROKOŚĆ WYSOKOŚĆ', np. '420mm 297mm'\n",
    )
    result = run_cjm("render", "-f", "pdf", "--page-size", "9000mm", "journey.yaml", cwd=project, env=SPANISH)
    assert result.stderr == "cjm: tamaño de página '9000mm': cada lado debe medir entre 100 mm y 2 m\n"
    result = run_cjm("render", "-f", "html", "--timeout", "0", "journey.yaml", cwd=project, env=SPANISH)
    assert result.stderr == "cjm: --timeout: indica un número de segundos mayor que 0 y como máximo 86400\n"
    result = polish("render", "-f", "html", "-p", "nikt", "journey.yaml", cwd=project)
    assert (result.returncode, result.stderr) == (
        2,
        "cjm: w mapie 'Minimal' nie ma persony 'nikt'; jej persony to: buyer\n",
    )
