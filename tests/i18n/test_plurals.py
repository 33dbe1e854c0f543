"""Counts in the right form: Polish has three (1 uwaga, 2 uwagi, 5 uwag; 22 uwagi, 112 uwag),
told here by `cjm diff`, whose summary counts the findings a change brought."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.i18n import ngettext, use_language
from tests.conftest import run_cjm


def journey(touchpoints: int, with_emotion: bool) -> str:
    """A map whose only difference between versions is the emotion of each touchpoint, so that
    the new version has one new finding (CJM108) a touchpoint."""
    emotion = "\n        emotion: 1" if with_emotion else ""
    items = "".join(
        f"      - id: t{number}\n        action: Paso {number}\n        channel: web{emotion}\n"
        for number in range(touchpoints)
    )
    return (
        "cjm: 1\ntitle: Plurales\nbusiness: b2c\n"
        "personas:\n  - {id: p, name: Persona, goals: [a], needs: [b], frustrations: [c]}\n"
        "channels:\n  - {id: web, name: Web}\n"
        "stages:\n  - id: s\n    name: Etapa\n    goal: g\n    content: [c]\n    pain_points: []\n"
        "    kpis:\n      - {name: k, target: '1'}\n"
        f"    touchpoints:\n{items}"
    )


POLISH = {1: "1 nowa uwaga", 2: "2 nowe uwagi", 5: "5 nowych uwag", 22: "22 nowe uwagi"} | {
    112: "112 nowych uwag"
}
SPANISH = {1: "1 hallazgo nuevo", 2: "2 hallazgos nuevos", 5: "5 hallazgos nuevos"}


@pytest.mark.parametrize("count", sorted(POLISH))
def test_polish_counts_of_new_findings_through_cjm_diff(tmp_path: Path, count: int) -> None:
    (tmp_path / "old.yaml").write_text(journey(count, with_emotion=True), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(journey(count, with_emotion=False), encoding="utf-8")
    result = run_cjm("--lang", "pl", "diff", "old.yaml", "new.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{POLISH[count]}, 0 poprawionych" in result.stdout, result.stdout


@pytest.mark.parametrize("count", sorted(SPANISH))
def test_spanish_counts_of_new_findings_through_cjm_diff(tmp_path: Path, count: int) -> None:
    (tmp_path / "old.yaml").write_text(journey(count, with_emotion=True), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(journey(count, with_emotion=False), encoding="utf-8")
    result = run_cjm("--lang", "es", "diff", "old.yaml", "new.yaml", cwd=tmp_path)
    assert f"{SPANISH[count]}, 0 corregidos" in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("count", "form"),
    [
        *[(0, "plików"), (1, "plik"), (2, "pliki"), (4, "pliki"), (5, "plików"), (12, "plików")],
        *[(13, "plików"), (14, "plików"), (21, "plików"), (22, "pliki"), (24, "pliki"), (25, "plików")],
        *[(102, "pliki"), (111, "plików"), (112, "plików"), (122, "pliki"), (1001, "plików")],
    ],
)
def test_the_polish_rule_for_every_kind_of_number(count: int, form: str) -> None:
    use_language("pl")
    try:
        words = ngettext("{count} file(s) written", "{count} file(s) written", count).format(count=count)
    finally:
        use_language("en")
    assert words == f"zapisano {count} {form}"
