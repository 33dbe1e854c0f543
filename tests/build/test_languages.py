"""`cjm build` and `cjm backlog` speak the interface language: the problems of a map that does
not load, the closing summary with Polish plural forms, the errors; the pages themselves follow
each map's language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm.build.backlog import backlog_text, loose_pain_points, ranked_backlog
from cjm.build.site import load_portfolio
from cjm.i18n import use_language
from tests.conftest import SAMPLES, run_cjm

BROKEN = """\
cjm: 1
title: Rota
business: b2c
personas: [{id: p, name: P}]
stages:
  - id: s
    name: S
    touchpoints:
      - {action: A, emotion: 7}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two samples and a map that does not load."""
    shutil.copy(SAMPLES / "tienda-online.yaml", tmp_path / "tienda.yaml")
    shutil.copy(SAMPLES / "saas-b2b.yaml", tmp_path / "saas.yaml")
    (tmp_path / "rota.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def build(project: Path, language: str) -> tuple[int, str]:
    """Spanish through CJM_LANG, Polish through the global --lang option; exit code and stderr."""
    if language == "pl":
        result = run_cjm("--lang", "pl", "build", cwd=project)
    else:
        result = run_cjm("build", cwd=project, env={"CJM_LANG": language})
    return result.returncode, result.stderr


SPANISH_PROBLEMS = (
    "rota.yaml:9:9: falta 'channel' en un punto de contacto\n"
    "rota.yaml:9:30: emotion debe ser un número entero de -2 (muy negativa) a 2 (muy positiva), y es 7\n"
)
POLISH_PROBLEMS = (
    "rota.yaml:9:9: punkt styku: brakuje klucza 'channel'\n"
    "rota.yaml:9:30: emotion musi być liczbą całkowitą od -2 (bardzo negatywne) do 2 (bardzo pozytywne); "
    "podano: 7\n"
)


def test_the_closing_summary_and_the_problems_in_each_language(project: Path) -> None:
    assert build(project, "es") == (
        2,
        SPANISH_PROBLEMS + "build/site: 3 de 3 mapas regenerados, 8 archivos escritos.\n",
    )
    assert build(project, "es") == (2, SPANISH_PROBLEMS + "build/site: al día (3 mapas).\n")
    # The cache keeps the problems as they were said: another language builds again and says them anew.
    assert build(project, "pl") == (
        2,
        POLISH_PROBLEMS + "build/site: przebudowano 3 z 3 map, zapisano 8 plików.\n",
    )
    assert build(project, "pl") == (2, POLISH_PROBLEMS + "build/site: aktualna (3 mapy).\n")
    index = (project / "build" / "site" / "index.html").read_text("utf-8")
    assert "punkt styku: brakuje klucza" in index, "the index shows the problems of the last build"


def test_an_error_in_the_interface_language(project: Path) -> None:
    result = run_cjm("--lang", "pl", "build", "-o", "rota.yaml", cwd=project)
    assert (result.returncode, result.stderr) == (2, "cjm: rota.yaml: to plik; podaj folder na stronę\n")
    result = run_cjm("build", "-f", "docx", cwd=project, env={"CJM_LANG": "es"})
    assert result.stderr == "cjm: formato desconocido 'docx'; elige entre html, md, pdf\n"


LOOSE = """\
cjm: 1
title: Suelto
business: b2c
personas: [{id: p, name: P}]
channels: [{id: web}]
stages:
  - id: s
    name: S
    touchpoints: [{action: A, channel: web}]
    pain_points:
      - {id: dolor, description: Nadie lo resuelve, severity: high}
"""


def test_the_backlog_on_a_terminal(project: Path) -> None:
    """Its words in the interface language; the values (high, open) as the maps write them."""
    (project / "rota.yaml").write_text(LOOSE, encoding="utf-8")
    result = run_cjm("backlog", cwd=project, env={"CJM_LANG": "es"})
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Backlog: ") and lines[0].endswith(" oportunidades abiertas")
    assert "[prioridad high, resuelve high, esfuerzo " in result.stdout
    assert "Puntos de dolor que ninguna oportunidad resuelve: 1" in lines
    assert lines[-1].strip().startswith("Nadie lo resuelve  [high]  rota.yaml:")


@pytest.mark.parametrize(
    ("count", "heading"),
    [
        (1, "Backlog: 1 otwarta szansa"),
        (2, "Backlog: 2 otwarte szanse"),
        (5, "Backlog: 5 otwartych szans"),
        (22, "Backlog: 22 otwarte szanse"),
        (112, "Backlog: 112 otwartych szans"),
    ],
)
def test_the_backlog_counts_in_polish(project: Path, count: int, heading: str) -> None:
    summaries = load_portfolio(project / "tienda.yaml").summaries
    items = ranked_backlog(summaries)
    use_language("pl")
    try:
        text = backlog_text((items * count)[:count], loose_pain_points(summaries))
    finally:
        use_language("en")
    assert text.splitlines()[0] == heading
