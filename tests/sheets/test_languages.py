"""`cjm import` and `cjm export` speak the interface language: the preview of an import, its
summary with Polish plural forms, and the problems of a table; the column names are the map's
keys and stay as they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cjm.i18n import use_language
from cjm.sheets.changes import Cell, ChangeSet, SetField
from tests.conftest import SAMPLES, run_cjm
from tests.sheets.helpers import read_csv, write_csv


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The Spanish sample and its KPIs as the analytics team sends them back (docs/spreadsheets.md):
    two values changed and a KPI added."""
    shutil.copy(SAMPLES / "tienda-online.yaml", tmp_path / "tienda.yaml")
    assert run_cjm("export", "tienda.yaml", "-t", "kpis", "-o", "kpis.csv", cwd=tmp_path).returncode == 0
    rows = read_csv(tmp_path / "kpis.csv")
    for row in rows:
        row[4] = {"conversion": "2,3 %", "nps": "47"}.get(row[1], row[4])
    rows.insert(
        6, ["decision", "pedidos-movil", "Pedidos desde el móvil", "60 %", "52 %", "Google Analytics 4"]
    )
    write_csv(tmp_path / "kpis.csv", rows)
    return tmp_path


def cjm(language: str, *arguments: str, cwd: Path) -> tuple[int, str, str]:
    """Spanish through CJM_LANG, Polish through the global --lang option."""
    if language == "pl":
        result = run_cjm("--lang", "pl", *arguments, cwd=cwd)
    else:
        result = run_cjm(*arguments, cwd=cwd, env={"CJM_LANG": language})
    return result.returncode, result.stdout, result.stderr


PREVIEW = {
    "es": (
        "tienda.yaml: 2 modificados, 1 añadido desde kpis.csv (simulación: no se ha escrito nada)\n"
        "  cambia  stages[decision].kpis[conversion] current: '1,8 %' -> '2,3 %'  (kpis.csv:6:5)\n"
        "  añade   stages[decision].kpis[pedidos-movil]  (kpis.csv:7)\n"
        "  cambia  stages[recomendacion].kpis[nps] current: '41' -> '47'  (kpis.csv:12:5)\n"
    ),
    "pl": (
        "tienda.yaml: 2 zmienione, 1 dodany z kpis.csv (próba: nic nie zapisano)\n"
        "  zmienia stages[decision].kpis[conversion] current: '1,8 %' -> '2,3 %'  (kpis.csv:6:5)\n"
        "  dodaje  stages[decision].kpis[pedidos-movil]  (kpis.csv:7)\n"
        "  zmienia stages[recomendacion].kpis[nps] current: '41' -> '47'  (kpis.csv:12:5)\n"
    ),
}
SUMMARY = {
    "es": "tienda.yaml: 2 modificados, 1 añadido desde kpis.csv.\n",
    "pl": "tienda.yaml: 2 zmienione, 1 dodany z kpis.csv.\n",
}


@pytest.mark.parametrize("language", sorted(PREVIEW))
def test_the_preview_and_the_summary_of_an_import(project: Path, language: str) -> None:
    assert cjm(language, "import", "tienda.yaml", "kpis.csv", "--dry-run", cwd=project) == (
        0,
        PREVIEW[language],
        "",
    )
    assert cjm(language, "import", "tienda.yaml", "kpis.csv", cwd=project) == (0, SUMMARY[language], "")


def test_the_problems_of_a_table(project: Path) -> None:
    rows = read_csv(project / "kpis.csv")
    rows[1][0] = "descubrimento"
    rows[2][1] = "tiene espacios"
    write_csv(project / "kpis.csv", rows)
    assert cjm("es", "import", "tienda.yaml", "kpis.csv", cwd=project) == (
        2,
        "",
        "kpis.csv:2:1: stage: etapa desconocida 'descubrimento' (¿querías decir 'descubrimiento'?)\n"
        "kpis.csv:3:2: id: 'tiene espacios' no es un id válido: usa de 1 a 64 letras, cifras, '-' o '_' "
        "(sin espacios)\n",
    )


def test_an_error_of_export(tmp_path: Path) -> None:
    text = (SAMPLES / "tienda-online.yaml").read_text("utf-8")
    (tmp_path / "tienda.yaml").write_text(
        text.replace("Google Analytics 4", '"Google\\aAnalytics"', 1), "utf-8"
    )
    code, stdout, stderr = cjm("pl", "export", "tienda.yaml", "-t", "kpis", cwd=tmp_path)
    assert (code, stdout) == (2, "")
    assert stderr.endswith(
        ": 'source' zawiera znak sterujący U+0007, którego nie może zawierać żadna komórka arkusza\n"
    ), stderr


@pytest.mark.parametrize(
    ("count", "summary"),
    [
        (1, "1 zmieniony"),
        (2, "2 zmienione"),
        (5, "5 zmienionych"),
        (22, "22 zmienione"),
        (112, "112 zmienionych"),
    ],
)
def test_polish_counts_the_changes_of_an_import_in_their_three_forms(count: int, summary: str) -> None:
    change = SetField(("stages", 0), "goal", "a", "b", Cell("kpis.csv", 2), "stages[s]")
    use_language("pl")
    try:
        assert ChangeSet([change] * count).summary() == summary
    finally:
        use_language("en")
