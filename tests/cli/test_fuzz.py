"""Property tests: random documents through the loader and the whole check + render pipeline.

Each input is written as a map, then `cjm check --format json` and `cjm render -f html,md`
run on it in process (the real entry point, `main()`); every run must end with exit 0, 1
or 2 and a message, never a traceback. tests/test_mutations.py mutates sample lines for
`check`; here the generators of tests/fuzzing.py go further (structured documents, random
Unicode, flipped bytes) and render too. fuzz/run.py runs the same oracle for longer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.errors import LoadError
from cjm.load.journey import load_map_text
from tests.fuzzing import (
    any_text,
    dumped_document,
    mutated_sample_bytes,
    mutated_sample_document,
    run_in_process,
    run_pipeline,
    unicode_sample_document,
    values,
    yamlish_text,
)
from tests.load.test_mutations import mutated_map

FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def _assert_pipeline(folder: Path, content: str | bytes) -> list[int]:
    outcomes = run_pipeline(folder, content)
    for outcome in outcomes:
        assert not outcome.crashed, f"input {content!r:.500}\n--- output ---\n{outcome.output[-3000:]}"
    return [outcome.code for outcome in outcomes]


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=yamlish_text())
def test_yamlish_text(tmp_path: Path, text: str) -> None:
    _assert_pipeline(tmp_path, text)


@settings(max_examples=120, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=dumped_document())
def test_random_documents(tmp_path: Path, text: str) -> None:
    _assert_pipeline(tmp_path, text)


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=mutated_sample_document())
def test_mutated_sample_documents(tmp_path: Path, text: str) -> None:
    _assert_pipeline(tmp_path, text)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=mutated_map())
def test_mutated_sample_lines_render_too(tmp_path: Path, text: str) -> None:
    """test_mutations.py proves `check` on these; the render path must hold as well."""
    _assert_pipeline(tmp_path, text)


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURE_OK)
@given(data=mutated_sample_bytes())
def test_flipped_bytes(tmp_path: Path, data: bytes) -> None:
    _assert_pipeline(tmp_path, data)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=unicode_sample_document())
def test_random_unicode_in_a_valid_map_renders(tmp_path: Path, text: str) -> None:
    """A valid map stays valid whatever Unicode its texts hold: check and render succeed."""
    codes = _assert_pipeline(tmp_path, text)
    assert codes == [0, 0]
    html = (tmp_path / "out" / "journey.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")


@settings(max_examples=300, deadline=None)
@given(document=st.dictionaries(st.text(max_size=10), values, max_size=6) | values)
def test_loader_returns_a_map_or_load_error(document: object) -> None:
    """The loader alone, fast: any YAML document gives a JourneyMap or a LoadError, nothing else."""
    text = yaml.safe_dump(document, allow_unicode=True)
    try:
        load_map_text(text, "fuzz.yaml")
    except LoadError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.position.path == "fuzz.yaml"
            assert problem.message


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200) | yamlish_text())
def test_loader_on_random_unicode_text(text: str) -> None:
    try:
        load_map_text(text, "fuzz.yaml")
    except LoadError as error:
        assert error.problems and all(problem.message for problem in error.problems)


@pytest.mark.parametrize("argv_tail", [["--persona", "nobody"], ["--page-size", "A9 sideways"]])
@settings(max_examples=5, deadline=None, suppress_health_check=FIXTURE_OK)
@given(persona_text=any_text)
def test_render_options_with_random_values(tmp_path: Path, argv_tail: list[str], persona_text: str) -> None:
    """Random option values are user errors, never crashes."""
    from tests.conftest import MINIMAL_MAP

    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    tail = [argv_tail[0], persona_text or argv_tail[1]]
    outcome = run_in_process("render", "-f", "html", "-o", str(tmp_path / "out"), str(path), *tail)
    assert not outcome.crashed, outcome.output


def test_a_quoted_format_version_says_how_to_write_it(tmp_path: Path) -> None:
    """Found by the fuzzer: `cjm: "1"` said "unsupported format version '1': this cjm reads version 1"."""
    from tests.conftest import MINIMAL_MAP

    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP.replace("cjm: 1", 'cjm: "1"'), encoding="utf-8")
    outcome = run_in_process("check", str(path))
    assert outcome.code == 2
    assert "journey.yaml:1:6: unsupported format version '1'" in outcome.output
    assert "the version is a number: write cjm: 1 (without quotes)" in outcome.output
