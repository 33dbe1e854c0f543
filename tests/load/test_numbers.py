"""Every typed scalar of every file takes any number a user (or an attacker) writes without a
traceback: integers past Python's 4,300-digit limit for `int()`, floats past the double range
(`1e400` is infinite), `nan`, `.inf`, hex, underscores. A value a field cannot take is
`FILE:LINE:COLUMN: message`, exit 2, and the message says how long a long number is instead of
printing it.

The typed keys: `cjm`, `emotion` and `personal` in a map, `min_coverage` and `strict` in cjm.yaml,
`emotion` in an answers file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cjm.errors import LoadError
from cjm.load.journey import load_map_text
from cjm.load.settings import load_settings
from tests.conftest import MINIMAL_MAP, run_cjm

MAP_FIELDS = {
    # field: (the map with {value} where the number goes, line, column)
    "cjm": (MINIMAL_MAP.replace("cjm: 1", "cjm: {value}"), 1, 6),
    "emotion": (MINIMAL_MAP + "        emotion: {value}\n", 16, 18),
    "personal": (MINIMAL_MAP + "        data:\n          - {{name: email, personal: {value}}}\n", 17, 37),
}
SETTINGS_FIELDS = {
    "min_coverage": ("check:\n  min_coverage: {value}\n", 2, 17),
    "strict": ("check:\n  strict: {value}\n", 2, 11),
}
ANSWERS = """\
title: Numbers
business: b2c
personas: [{{name: Buyer}}]
channels: [{{name: Web}}]
stages:
  discovery:
    touchpoints:
      - action: Finds us
        channel: web
        emotion: {value}
"""
LONG = "7" * 5000


@pytest.mark.parametrize(
    ("field", "value"),
    [
        *((field, LONG) for field in [*MAP_FIELDS, *SETTINGS_FIELDS, "answers"]),
        ("emotion", "-" + "1" * 4301),
        ("emotion", "1e400"),
        ("min_coverage", "-1e400"),
    ],
)
def test_a_number_no_field_takes_is_a_positioned_problem(tmp_path: Path, field: str, value: str) -> None:
    """Through the real command: `check` for maps and cjm.yaml, `init --answers` for answers."""
    if field in MAP_FIELDS:
        text, line, column = MAP_FIELDS[field]
        (tmp_path / "journey.yaml").write_text(text.format(value=value), encoding="utf-8")
        result, where = run_cjm("check", "journey.yaml", cwd=tmp_path), f"journey.yaml:{line}:{column}: "
    elif field in SETTINGS_FIELDS:
        text, line, column = SETTINGS_FIELDS[field]
        (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
        (tmp_path / "cjm.yaml").write_text(text.format(value=value), encoding="utf-8")
        result, where = run_cjm("check", "journey.yaml", cwd=tmp_path), f"cjm.yaml:{line}:{column}: "
    else:
        (tmp_path / "answers.yaml").write_text(ANSWERS.format(value=value), encoding="utf-8")
        result = run_cjm("init", "project", "--answers", "answers.yaml", cwd=tmp_path)
        where = "answers.yaml:10:18: "
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(where), result.stderr
    assert len(first) < 200 and ("digits" in first or "inf" in first), first


# Numbers as YAML plain scalars: what a user or a fuzzer may write where a number goes.
NUMBER_TEXTS = st.one_of(
    st.integers().map(str),
    st.integers(min_value=4290, max_value=4310).map(lambda digits: "9" * digits),
    st.integers(min_value=20, max_value=9000).flatmap(
        lambda digits: st.sampled_from(["", "-", "+"]).map(lambda sign: sign + "1" * digits)
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-9999, max_value=9999).map(lambda exponent: f"1e{exponent}"),
    st.sampled_from(
        [".inf", "-.inf", ".nan", "nan", "NaN", "inf", "-inf", "Infinity", "0x1F", "0o17", "1_000", "-0",
         "0e0", "+5", "99.99999999999999999", "1" * 5000 + ".5", "." + "0" * 5000 + "1", "1e", "--1"]
    ),
)  # fmt: skip


def _outcome(load, text: str) -> list[str]:
    try:
        load(text)
    except LoadError as error:
        return [str(problem) for problem in error.problems]
    return []


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(MAP_FIELDS)), NUMBER_TEXTS)
@example("emotion", "9" * 4301)
@example("cjm", "1" * 4301)
def test_map_fields_take_or_refuse_any_number(field: str, value: str) -> None:
    text, line, column = MAP_FIELDS[field]
    problems = _outcome(lambda source: load_map_text(source, "m.yaml"), text.format(value=value))
    for problem in problems:
        assert problem.startswith(f"m.yaml:{line}:{column}: ") and len(problem) < 200, problem
    if value in ("1", "+1") or (field == "emotion" and value in ("0", "-0", "2", "-2")):
        assert problems == []


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(SETTINGS_FIELDS)), NUMBER_TEXTS)
def test_settings_fields_take_or_refuse_any_number(tmp_path_factory, field: str, value: str) -> None:
    text, line, column = SETTINGS_FIELDS[field]
    path = tmp_path_factory.mktemp("settings") / "cjm.yaml"
    path.write_text(text.format(value=value), encoding="utf-8")
    problems = _outcome(lambda _: load_settings(path), "")
    for problem in problems:
        assert f"cjm.yaml:{line}:{column}: " in problem and len(problem) < 250, problem
    if field == "min_coverage" and problems == []:
        minimum = load_settings(path).check.min_coverage
        assert 0 <= minimum <= 100  # never nan: nan would compare false with every coverage


ANSWERS_FIELDS = {
    "emotion": (ANSWERS, 10, 18),
    "touchpoint": (
        ANSWERS.replace("{value}", "1")
        + "    pain_points:\n      - {{description: Slow, touchpoint: {value}}}\n",
        12,
        41,
    ),
}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(ANSWERS_FIELDS)), NUMBER_TEXTS)
def test_answers_fields_take_or_refuse_any_number(tmp_path_factory, field: str, value: str) -> None:
    """`touchpoint` is a number or an id (not a typed key): long digit strings reach pydantic as text."""
    from cjm.load.answers import load_answers

    text, line, column = ANSWERS_FIELDS[field]
    path = tmp_path_factory.mktemp("answers") / "answers.yaml"
    path.write_text(text.format(value=value.replace("{", "").replace("}", "")), encoding="utf-8")
    problems = _outcome(lambda _: load_answers(path, {}), "")
    for problem in problems:
        assert f"answers.yaml:{line}:{column}: " in problem and len(problem) < 250, problem
        assert "'int'" not in problem and "'str'" not in problem  # the key as written, never a type's name


@pytest.mark.parametrize("value", ["nan", ".nan", "NaN", "inf", ".inf", "1e400", "101", "-0.5"])
def test_min_coverage_never_disables_itself(tmp_path: Path, value: str) -> None:
    (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "cjm.yaml").write_text(f"check:\n  min_coverage: {value}\n", encoding="utf-8")
    with pytest.raises(LoadError):
        load_settings(tmp_path / "cjm.yaml")


@pytest.mark.parametrize("value", ["nan", "1e400"])
def test_the_min_coverage_flag_refuses_what_is_not_a_percentage(tmp_path: Path, value: str) -> None:
    (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    result = run_cjm("check", "--min-coverage", value, "journey.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--min-coverage" in result.stderr
