"""Nesting past 64 levels is cjm's own error at the 65th level, whatever libyaml is installed.

libyaml 0.2.6 (PyYAML 6.0.4) stops `[[[[...` at 1,000 levels with a message of its own,
before the events that cjm counts; the position cjm reports must be the one a reader going
event by event meets first. PyYAML's pure-Python parser has no limit of its own, so it is
the reference for where the 65th level opens.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.errors import LoadError
from cjm.load import yaml_events as yamlio
from tests.conftest import run_cjm

MESSAGE = "nesting deeper than 64 levels"


def _problems(text: str, loader: type | None = None) -> list[str]:
    original = yamlio._EventLoader
    if loader is not None:
        yamlio._EventLoader = loader
    try:
        yamlio.parse_lenient(text, "journey.yaml")
    except LoadError as error:
        return [str(problem) for problem in error.problems]
    finally:
        yamlio._EventLoader = original
    return []


def _reference(text: str) -> list[str]:
    """What an event-by-event reader with no nesting limit of its own reports."""
    return _problems(text, yaml.SafeLoader)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("title: " + "[" * 5000 + "]" * 5000, "journey.yaml:2:71:"),
        ("title: [" + "[ " * 1500, "journey.yaml:2:133:"),
        ("title: ['a[[[', \"b\\\"[[\", it's, " + "[" * 1200, "journey.yaml:2:94:"),
        ("title: [x, # [[[[ a comment\n  " + "[" * 1100, "journey.yaml:3:65:"),
        ("title:\n  - a\n  - {k: " + "[" * 1100, "journey.yaml:4:70:"),
    ],
    ids=["flow-run", "spaced", "quotes-and-apostrophes", "after-a-comment", "inside-block"],
)
def test_the_cli_reports_the_65th_level(tmp_path: Path, body: str, where: str) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text("cjm: 1\n" + body + "\n", encoding="utf-8")
    result = run_cjm("check", path, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{where} {MESSAGE}" in result.stderr
    assert "maximum nesting depth" not in result.stderr
    assert _reference(path.read_text(encoding="utf-8")) == [f"{where} {MESSAGE}: a map is never this deep"]


_words = st.from_regex(r"[a-z]{1,6}('[a-z]{1,3})?", fullmatch=True)
_single = st.text(alphabet="ab[]{}#,\"' ", max_size=8).map(lambda s: "'" + s.replace("'", "''") + "'")
_double = st.text(alphabet="ab[]{}#,' \"\\", max_size=8).map(
    lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
)
_item = st.one_of(_words, _single, _double, st.just("["), st.just("{k: "), st.just("[]"))


@settings(max_examples=40, deadline=None)
@given(prefix=st.lists(_item, max_size=20), spaces=st.booleans(), run=st.integers(1001, 1100))
def test_the_position_is_the_one_an_event_reader_meets(prefix: list[str], spaces: bool, run: int) -> None:
    opener = "[ " if spaces else "["
    parts = [item if item in ("[", "{k: ") else item + ", " for item in prefix]
    text = "cjm: 1\ntitle: [" + "".join(parts) + opener * run + "\n"
    # The nesting stops reading: problems on the same line before it (a list as a key) may
    # go unreported when libyaml gave no events for them, but the stop is always the same.
    found, expected = _problems(text), _reference(text)
    assert MESSAGE in found[-1]
    assert found[-1] == expected[-1]
