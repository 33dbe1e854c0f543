"""`cjm diff` in the interface language: the text report and the pull-request comment are read
by people (a reviewer), so they follow it; JSON never changes. The golden files are what a
reviewer reads; CJM_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cjm, without_messages

MAPS = Path(__file__).parent / "maps"
GOLDEN = Path(__file__).parent / "golden"
LANGUAGES = ("en", "es", "pl")
SUFFIXES = {"text": "txt", "markdown": "md"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """main holds base.yaml as journey.yaml; the working tree has edited.yaml in its place."""
    folder = tmp_path_factory.mktemp("repo")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "user.email", "test@example.com")
    (folder / "journey.yaml").write_text((MAPS / "base.yaml").read_text("utf-8"), "utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "base")
    (folder / "journey.yaml").write_text((MAPS / "edited.yaml").read_text("utf-8"), "utf-8")
    return folder


def cjm_diff(language: str, *arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Spanish through CJM_LANG, Polish through the global --lang option."""
    if language == "pl":
        return run_cjm("--lang", "pl", "diff", *arguments, cwd=cwd)
    return run_cjm("diff", *arguments, cwd=cwd, env={"CJM_LANG": language})


@pytest.mark.parametrize("output_format", sorted(SUFFIXES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_revision_against_the_working_tree_in_each_language(
    repo: Path, language: str, output_format: str
) -> None:
    result = cjm_diff(language, "main", "--format", output_format, cwd=repo)
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / f"diff.{language}.{SUFFIXES[output_format]}"
    if os.environ.get("CJM_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_json_is_the_same_in_every_language(repo: Path) -> None:
    """Only the messages of the findings (as `cjm check --format json` has them) may differ."""

    documents = [
        json.loads(cjm_diff(language, "main", "-f", "json", cwd=repo).stdout) for language in LANGUAGES
    ]
    assert documents[0]["maps"][0]["new"] == "working tree"
    assert without_messages(documents[1]) == without_messages(documents[0])
    assert without_messages(documents[2]) == without_messages(documents[0])


def test_github_notices_keep_their_titles_and_say_the_rest_in_the_interface_language() -> None:
    """The title is what a workflow filters on, as the rule code of cjm check: it stays English."""
    result = cjm_diff("es", "base.yaml", "edited.yaml", "--format", "github", cwd=MAPS)
    english = cjm_diff("en", "base.yaml", "edited.yaml", "--format", "github", cwd=MAPS)
    titles = [line.split("::")[1] for line in result.stdout.splitlines() if line.startswith("::")]
    assert titles == [line.split("::")[1] for line in english.stdout.splitlines() if line.startswith("::")]
    lines = result.stdout.splitlines()
    assert (
        "::notice file=edited.yaml,line=75,title=cjm diff%3A touchpoint removed::"
        "punto de contacto 'Opens the newsletter': se eliminó"
    ) in lines
    assert "::notice file=edited.yaml,line=26,title=cjm diff%3A the curve moved::" in result.stdout
    assert lines[-2] == (
        "::warning file=edited.yaml,title=cjm diff%3A regression::cobertura 100%25 → 97%25 ↓; "
        "1 hallazgo nuevo que hace fallar la revisión (CJM104)"
    )
    assert lines[-1].startswith("cjm diff: 1 mapa, 4 añadidos, 1 eliminado, 8 modificados, 2 movidos, ")
    assert lines[-1].endswith("; 3 hallazgos nuevos, 0 corregidos; regresión")


def journey(touchpoints: int) -> str:
    """A map with this many touchpoints in its only stage."""
    items = "".join(f"      - {{action: Paso {number}, channel: web}}\n" for number in range(touchpoints))
    return (
        "cjm: 1\ntitle: Plurales\nbusiness: b2c\npersonas: [{id: p, name: Persona}]\n"
        f"channels: [{{id: web}}]\nstages:\n  - id: s\n    name: Etapa\n    touchpoints:\n{items}"
    )


POLISH_ADDED = {1: "1 dodany", 2: "2 dodane", 5: "5 dodanych", 22: "22 dodane", 112: "112 dodanych"}


@pytest.mark.parametrize("count", sorted(POLISH_ADDED))
def test_polish_counts_the_changes_in_their_three_forms(tmp_path: Path, count: int) -> None:
    (tmp_path / "old.yaml").write_text(journey(1), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(journey(1 + count), encoding="utf-8")
    result = cjm_diff("pl", "old.yaml", "new.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"\ncjm diff: 1 mapa, {POLISH_ADDED[count]}; " in result.stdout, result.stdout[-300:]


def test_a_map_that_did_not_change_says_so_in_the_interface_language() -> None:
    result = cjm_diff("pl", "base.yaml", "reformatted.yaml", cwd=MAPS)
    assert result.stdout == (
        "reformatted.yaml  base.yaml → reformatted.yaml\n"
        "  bez zmian\n"
        "\n"
        "cjm diff: 1 mapa, bez zmian; 0 nowych uwag, 0 poprawionych; bez regresji\n"
    )
