"""libyaml's words for a syntax error are translated too: a Spanish or Polish user reads the
whole load error in their language, at the same line and column as in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjm.load.yaml_events import LIBYAML_PROBLEMS
from tests.conftest import run_cjm

BROKEN = {
    "cjm: 1\n\tbad: 1\n": "found a tab character that violates indentation",
    "cjm: 1\ntitle: [a, b\n": "did not find expected ',' or ']'",
    "cjm: 1\ntitle: {a: 1\n": "did not find expected ',' or '}'",
    "cjm: 1\ntitle: a: b\n": "mapping values are not allowed in this context",
    "cjm: 1\ntitle: @x\n": "found character that cannot start any token",
    'cjm: 1\ntitle: "a\\q"\n': "found unknown escape character",
    "cjm: 1\npersonas:\n  - id: a\n name: b\n": "did not find expected key",
    'cjm: 1\ntitle: "open\n': "found unexpected end of stream",
}
WHERE = re.compile(r"^(\S+?:\d+:\d+): ", re.M)


@pytest.mark.parametrize("text", BROKEN, ids=BROKEN.values())
def test_a_syntax_error_is_said_in_the_interface_language(tmp_path: Path, text: str) -> None:
    (tmp_path / "journey.yaml").write_text(text, encoding="utf-8")
    english = run_cjm("check", "journey.yaml", cwd=tmp_path)
    assert english.returncode == 2 and f"YAML syntax error: {BROKEN[text]}" in english.stderr
    assert BROKEN[text] in LIBYAML_PROBLEMS  # the words libyaml really uses are the ones marked
    for language, words in (("es", "error de sintaxis YAML: "), ("pl", "błąd składni YAML: ")):
        spoken = run_cjm("--lang", language, "check", "journey.yaml", cwd=tmp_path)
        assert spoken.returncode == 2 and words in spoken.stderr, spoken.stderr
        assert BROKEN[text] not in spoken.stderr, spoken.stderr
        assert WHERE.findall(spoken.stderr) == WHERE.findall(english.stderr)  # same place
