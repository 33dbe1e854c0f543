"""Every flag value of `cjm add` is checked before the map is edited; its problem names the flag.

A bad value is never blamed on a line of the edited text (a line the user's file does not
have): the message starts with the flag (`--emotion: ...`, or Typer's `'--emotion'` for a
value outside its choices) and the map is left as it was. A good value lands as typed.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.load.journey import load_map
from cjm.scaffold.answers import split_list
from tests.conftest import cjm_command, run_cjm
from tests.edit.test_add import COMMENTED
from tests.fuzzing import run_in_process

EXAMPLES = int(os.environ.get("CJM_FUZZ_EXAMPLES", "0"))
# A good value for every flag each kind needs, and the flag that gets the random value.
BASE = {
    "persona": {"id": "nueva-persona", "name": "Nueva"},
    "channel": {"id": "nuevo-canal", "name": "Nuevo"},
    "stage": {"id": "nueva-etapa", "name": "Nueva"},
    "touchpoint": {"stage": "compra", "action": "Hace algo", "channel": "web"},
    "pain-point": {"stage": "compra", "description": "Falla"},
    "opportunity": {"stage": "descubrimiento", "description": "Mejora"},
}
RANDOM_FLAGS = {
    "persona": ["id", "name", "description", "goals", "needs", "frustrations"],
    "channel": ["id", "name", "kind", "description"],
    "stage": ["name", "after", "description"],
    "touchpoint": ["stage", "action", "channel", "personas", "owner", "id"],
    "pain-point": ["description", "touchpoint", "id"],
    "opportunity": ["description", "addresses", "owner"],
}
LISTS = {"goals", "needs", "frustrations", "personas", "addresses"}
LINE_OF_A_FILE = re.compile(r"journey\.yaml:\d+")
FLAG_TEXT = st.text(max_size=25) | st.sampled_from(
    [
        "",
        "  ",
        "\x1b[31m",
        "a\x00b",
        "\udcff",
        "a\rb",
        "tab\tok",
        "line\nok",
        "nuevo",
        "web",
        "nuevo, x",
        "ñ",
        "a" * 70,
    ]
)


def _element(journey, kind: str, given: dict):
    if kind == "persona":
        return journey.personas[-1]
    if kind == "channel":
        return journey.channels[-1]
    if kind == "stage":
        return next(stage for stage in journey.stages if stage.id == given["id"])
    stage = next(stage for stage in journey.stages if stage.id == given["stage"])
    key = {"touchpoint": "touchpoints", "pain-point": "pain_points", "opportunity": "opportunities"}[kind]
    return getattr(stage, key)[-1]


@settings(max_examples=EXAMPLES or 200, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_flag_values_land_as_typed_or_are_blamed_on_the_flag(tmp_path_factory, data) -> None:
    kind = data.draw(st.sampled_from(list(BASE)))
    flag = data.draw(st.sampled_from(RANDOM_FLAGS[kind]))
    value = data.draw(FLAG_TEXT)
    given = {**BASE[kind], flag: value}
    path = tmp_path_factory.mktemp("map") / "journey.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    argv = [part for name, text in given.items() for part in (f"--{name}", text)]
    outcome = run_in_process("add", kind, str(path), *argv)
    assert not outcome.crashed, outcome.output
    if outcome.code == 0:
        element = _element(load_map(path), kind, given)
        if flag in ("stage", "after"):
            return
        expected = split_list(value) if flag in LISTS else value.strip()
        assert getattr(element, flag) == expected
    else:
        assert outcome.code == 2, outcome.output
        assert f"--{flag}" in outcome.output or f"--{flag}" in _missing(outcome.output), outcome.output
        assert not LINE_OF_A_FILE.search(outcome.output.replace("(line ", "(")), outcome.output
        assert path.read_text(encoding="utf-8") == COMMENTED


def _missing(output: str) -> str:
    """`cjm add persona: missing --name`: an empty required flag is missing, which names it too."""
    return output if "missing --" in output else ""


TOUCH = ["touchpoint", "--stage", "compra", "--action", "A", "--channel", "web"]
PAIN = ["pain-point", "--stage", "compra", "--description", "D"]
BAD = [
    (["persona", "--name", "Otra\x1b[31m"], "cjm: --name: contains the control character U+001B"),
    (["persona", "--name", "   "], "cjm: --name: cannot be empty"),
    (["persona", "--name", "X", "--id", "con espacios"], "cjm: --id: an id is 1-64 letters"),
    (["stage", "--name", "X", "--after", "compras"], "cjm: --after: no stage 'compras' in the map"),
    ([*TOUCH, "--personas", "nuevo, otro"], "cjm: --personas: no persona 'otro'"),
    ([*TOUCH, "--emotion", "7"], "'--emotion'"),
    ([*PAIN, "--severity", "extrema"], "'--severity'"),
    ([*PAIN, "--touchpoint", "nada"], "cjm: --touchpoint: no touchpoint 'nada'"),
]  # fmt: skip


@pytest.mark.parametrize(("flags", "message"), BAD, ids=[flags[-2] for flags, _ in BAD])
def test_bad_flag_values_through_the_cjm_command(tmp_path: Path, flags: list[str], message: str) -> None:
    (tmp_path / "journey.yaml").write_text(COMMENTED, encoding="utf-8")
    result = run_cjm("add", flags[0], "journey.yaml", *flags[1:], cwd=tmp_path, input="")
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert not LINE_OF_A_FILE.search(result.stderr) and "Traceback" not in result.stderr
    assert (tmp_path / "journey.yaml").read_text(encoding="utf-8") == COMMENTED


def test_bytes_that_are_not_utf8_name_the_flag(tmp_path: Path) -> None:
    """A script that passes Latin-1 bytes: Python decodes them to surrogates, which are refused."""
    (tmp_path / "journey.yaml").write_text(COMMENTED, encoding="utf-8")
    command = [part.encode() for part in cjm_command()] + [
        b"add",
        b"persona",
        b"journey.yaml",
        b"--name",
        b"Jos\xe9",
    ]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 2
    assert result.stderr.startswith(b"cjm: --name: is not UTF-8 text"), result.stderr
    assert (tmp_path / "journey.yaml").read_text(encoding="utf-8") == COMMENTED
