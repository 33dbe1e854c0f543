"""Every case of FORMAT.md's "What bad input gets", on real files, by FILE:LINE:COLUMN and message.

The cases run in process, through the same check run as `cjm check` (`check_targets`);
tests/cli and tests/check hold the command's own contract (stderr, exit code 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from cjm.check.config import CheckOptions
from cjm.check.run import check_targets, exit_code
from cjm.load.journey import load_map
from cjm.vocabulary import LOAD_CODES
from tests.conftest import MINIMAL_MAP, run_cjm

PROBLEM_LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$", re.M)


def problems_of(result) -> list[tuple[int, int, str]]:
    """(line, column, message) of every FILE:LINE:COLUMN problem cjm printed."""
    text = result.stdout + result.stderr
    return [(int(m["line"]), int(m["column"]), m["message"]) for m in PROBLEM_LINE.finditer(text)]


@dataclass
class Checked:
    """What `cjm check FILE` decides: its exit code and the load problems it prints on stderr."""

    returncode: int
    stderr: str
    stdout: str = ""


def check_file(tmp_path: Path, content: str | bytes, name: str = "journey.yaml") -> Checked:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    results = check_targets([path], CheckOptions())
    lines = [f"{f.position}: {f.message}\n" for r in results for f in r.findings if f.rule in LOAD_CODES]
    return Checked(exit_code(results), "".join(lines))


def assert_problem(result, line: int, column: int, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    found = problems_of(result)
    matching = [p for p in found if p[:2] == (line, column)]
    assert matching, f"no problem at {line}:{column} in {found}"
    for word in words:
        assert any(word in message for _, _, message in matching), (word, matching)


def with_stage_lines(extra: str) -> str:
    return MINIMAL_MAP + extra


# --- YAML level ------------------------------------------------------------------------


def test_yaml_syntax_error_points_at_the_problem(tmp_path: Path) -> None:
    result = check_file(tmp_path, "cjm: 1\ntitle: [unclosed\nbusiness: b2c\n")
    assert_problem(result, 3, 9, "YAML syntax error")


def test_duplicate_keys_are_refused_not_silently_overwritten(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("    name: Buyer\n", "    name: Buyer\n    name: Other\n")
    result = check_file(tmp_path, text)
    assert_problem(result, 7, 5, "duplicate key 'name'", "line 6")


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("business: b2c", "business: b2x").replace(
        "    name: Buyer\n", "    name: Buyer\n    name: Other\n    mood: happy\n"
    )
    result = check_file(tmp_path, text)
    assert result.returncode == 2
    positions = [(line, column) for line, column, _ in problems_of(result)]
    assert positions == [(3, 11), (7, 5), (8, 5)]


def test_empty_file(tmp_path: Path) -> None:
    assert_problem(check_file(tmp_path, ""), 1, 1, "empty")


def test_file_with_only_comments_is_empty(tmp_path: Path) -> None:
    assert_problem(check_file(tmp_path, "# nothing yet\n"), 1, 1, "empty")


@pytest.mark.parametrize(("content", "found"), [("- a\n- b\n", "a list"), ("just words\n", "plain text")])
def test_file_that_is_not_a_mapping(tmp_path: Path, content: str, found: str) -> None:
    assert_problem(check_file(tmp_path, content), 1, 1, "mapping", found)


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    content = MINIMAL_MAP.replace("title: Minimal", "title: Caf\x00").encode().replace(b"\x00", b"\xe9")
    assert_problem(check_file(tmp_path, content), 2, 11, "not UTF-8", "0xe9")


def test_utf8_bom_and_crlf_load_like_any_file(tmp_path: Path) -> None:
    content = b"\xef\xbb\xbf" + MINIMAL_MAP.replace("\n", "\r\n").encode()
    (tmp_path / "journey.yaml").write_bytes(content)
    journey = load_map(tmp_path / "journey.yaml")
    assert journey.title == "Minimal"
    assert journey.stages[0].touchpoints[0].position.line == 14
    assert run_cjm("check", "journey.yaml", cwd=tmp_path).returncode != 2


@pytest.mark.parametrize(
    ("version", "column"), [("2", 6), ("0", 6), ('"1"', 6), ("1.0", 6), ("true", 6), ("one", 6)]
)
def test_unsupported_version_names_the_versions_read(tmp_path: Path, version: str, column: int) -> None:
    text = MINIMAL_MAP.replace("cjm: 1", f"cjm: {version}")
    assert_problem(check_file(tmp_path, text), 1, column, "unsupported format version", "reads version 1")


def test_missing_version(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("cjm: 1\n", "")
    assert_problem(check_file(tmp_path, text), 1, 1, "cjm: 1")


# --- untrusted YAML ----------------------------------------------------------------------


def test_object_constructing_tags_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = MINIMAL_MAP.replace("title: Minimal", f"title: !!python/object/apply:os.system ['touch {marker}']")
    result = check_file(tmp_path, text)
    assert_problem(result, 2, 8, "tag", "not allowed")
    assert not marker.exists()


def test_custom_tag_is_refused(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("name: Website", "name: !secret website")
    assert_problem(check_file(tmp_path, text), 9, 11, "tag '!secret'")


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    result = check_file(tmp_path, "cjm: 1\n" + "\n".join(lines) + "\n")
    assert result.returncode == 2
    assert "alias" in result.stderr and "Traceback" not in result.stderr


def test_a_few_aliases_are_fine(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("    name: Buyer\n", "    name: &who Buyer\n    description: *who\n")
    journey_path = tmp_path / "journey.yaml"
    journey_path.write_text(text)
    assert load_map(journey_path).personas[0].description == "Buyer"


@pytest.mark.parametrize("depth", [100, 5000, 100_000])
def test_deep_nesting_is_refused_without_crashing(tmp_path: Path, depth: int) -> None:
    text = "cjm: 1\ntitle: " + "[" * depth + "]" * depth + "\n"
    result = check_file(tmp_path, text)
    assert_problem(result, 2, 71, "nesting deeper than 64 levels")


def test_second_document_is_refused(tmp_path: Path) -> None:
    result = check_file(tmp_path, MINIMAL_MAP + "---\ncjm: 1\n")
    assert_problem(result, 16, 1, "second YAML document")


# --- types and values --------------------------------------------------------------------


def test_text_fields_stay_text_norway_problem(tmp_path: Path) -> None:
    text = (
        MINIMAL_MAP.replace("    name: Buyer", "    name: No\n    goals: [on, yes, 3.10]")
        .replace(
            "    touchpoints:",
            "    content: [on, off]\n    kpis:\n      - name: NPS\n        target: 3.10\n    touchpoints:",
        )
        .replace("title: Minimal", "title: 2026-11-20")
    )
    path = tmp_path / "journey.yaml"
    path.write_text(text)
    journey = load_map(path)
    assert journey.title == "2026-11-20"
    assert journey.personas[0].name == "No"
    assert journey.personas[0].goals == ["on", "yes", "3.10"]
    assert journey.stages[0].content == ["on", "off"]
    assert journey.stages[0].kpis[0].target == "3.10"


def test_wrong_type_for_a_list(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("    name: Buyer", "    name: Buyer\n    goals: Find a laptop")
    assert_problem(check_file(tmp_path, text), 7, 12, "'goals' must be a list")


def test_wrong_type_for_text(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("title: Minimal", "title: {a: b}")
    assert_problem(check_file(tmp_path, text), 2, 8, "'title' must be text", "a mapping")


@pytest.mark.parametrize("emotion", ["7", "-3", "1.5", '"1"', "happy"])
def test_emotion_out_of_range_or_wrong_type(tmp_path: Path, emotion: str) -> None:
    text = MINIMAL_MAP + f"        emotion: {emotion}\n"
    assert_problem(check_file(tmp_path, text), 16, 18, "emotion must be a whole number from -2")


def test_enumerated_value_lists_the_choices(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("business: b2c", "business: B2C")
    assert_problem(check_file(tmp_path, text), 3, 11, "'b2c' or 'b2b'", "'B2C'")


def test_missing_required_key_points_at_the_element(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace(
        "      - action: Finds the shop\n", "      - action: Finds the shop\n"
    ).replace("        channel: web\n", "")
    assert_problem(check_file(tmp_path, text), 14, 9, "a touchpoint needs 'channel'")


def test_empty_required_text(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("    name: Buyer", '    name: ""')
    assert_problem(check_file(tmp_path, text), 6, 11, "'name' cannot be empty")


def test_stages_must_not_be_empty(tmp_path: Path) -> None:
    text = MINIMAL_MAP.split("stages:")[0] + "stages: []\n"
    assert_problem(check_file(tmp_path, text), 10, 9, "at least one stage")


def test_unknown_key_with_did_you_mean(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("    name: Discovery", "    name: Discovery\n    gaol: Be known")
    assert_problem(check_file(tmp_path, text), 13, 5, "unknown key 'gaol' in a stage", "did you mean 'goal'")


def test_unknown_key_without_a_close_match_lists_the_keys(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("    name: Website", "    name: Website\n    zzz: 1")
    assert_problem(check_file(tmp_path, text), 10, 5, "unknown key 'zzz' in a channel", "known keys: id")


def test_invalid_id(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("id: buyer", "id: the buyer")
    assert_problem(check_file(tmp_path, text), 5, 9, "not a valid id")


# --- ids and references ------------------------------------------------------------------


def test_duplicate_ids_across_kinds(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("  - id: discovery", "  - id: web")
    assert_problem(check_file(tmp_path, text), 11, 5, "duplicate id 'web'", "line 8")


def test_dangling_channel_reference_with_did_you_mean(tmp_path: Path) -> None:
    text = MINIMAL_MAP.replace("        channel: web", "        channel: wbe")
    assert_problem(check_file(tmp_path, text), 15, 9, "unknown channel 'wbe'", "did you mean 'web'")


def test_dangling_persona_reference(tmp_path: Path) -> None:
    text = MINIMAL_MAP + "        personas: [buyr]\n"
    assert_problem(check_file(tmp_path, text), 16, 20, "unknown persona 'buyr'", "did you mean 'buyer'")


def test_reference_to_an_id_of_the_wrong_kind(tmp_path: Path) -> None:
    text = MINIMAL_MAP + "        personas: [web]\n"
    assert_problem(check_file(tmp_path, text), 16, 20, "'web' is a channel, not a persona")


def test_dangling_pain_point_reference_in_opportunity(tmp_path: Path) -> None:
    text = MINIMAL_MAP + (
        "    pain_points:\n      - id: slow\n        description: Slow site\n"
        "    opportunities:\n      - description: Faster site\n        addresses: [slw]\n"
    )
    assert_problem(check_file(tmp_path, text), 21, 21, "unknown pain point 'slw'", "did you mean 'slow'")


def test_model_elements_know_their_position(tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP)
    journey = load_map(path)
    stage = journey.stages[0]
    assert (stage.position.line, stage.position.column) == (11, 5)
    assert (stage.touchpoints[0].position.line, stage.touchpoints[0].position.column) == (14, 9)
    assert stage.key_position("name").line == 12
    assert str(journey.personas[0].position) == f"{path}:5:5"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cjm("check", tmp_path / "nope.yaml")
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr and "Traceback" not in result.stderr
