"""Shell completion through the real protocol: bash's completion script sets `_CJM_COMPLETE`,
`COMP_WORDS` and `COMP_CWORD` and runs `cjm`, which prints the words to offer, one a line."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import pytest
import typer.main

from cjm import vocabulary
from cjm.cli import app
from cjm.rules import RULES
from tests.conftest import SAMPLES, run_cjm

SAMPLE = SAMPLES / "saas-b2b.yaml"


def complete(words: str, cwd: Path | None = None) -> list[str]:
    """What bash would offer for the last of `words` (a trailing space: a new, empty word)."""
    parts = words.split(" ")
    env = {"_CJM_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = run_cjm(env=env, cwd=cwd)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [line for line in result.stdout.splitlines() if line]


def choice_options() -> list[tuple[str, str, list[str]]]:
    """(command, flag, the words it takes) for every option typed as a choice (an Enum)."""
    found = []
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            annotation = getattr(param.type_descriptor, "annotation", None)
            if (
                isinstance(annotation, type)
                and issubclass(annotation, Enum)
                and param.opts[0].startswith("-")
            ):
                found.append((name, param.opts[0], [member.value for member in annotation]))
    return found


TEXT_CHOICES = [
    ("check", "--format", ["auto", *vocabulary.CHECK_FORMATS]),
    ("diff", "--format", list(vocabulary.DIFF_FORMATS)),
    ("render", "--format", list(vocabulary.RENDER_FORMATS)),
    ("add", "--emotion", [str(emotion) for emotion in vocabulary.EMOTIONS]),
]


@pytest.mark.parametrize(("command", "flag", "values"), [*choice_options(), *TEXT_CHOICES])
def test_every_choice_option_offers_its_values(command: str, flag: str, values: list[str]) -> None:
    assert complete(f"cjm {command} {flag} ") == values


def test_there_are_choice_options_to_test() -> None:
    flags = {(command, flag) for command, flag, _ in choice_options()}
    assert {("export", "--table"), ("init", "--language"), ("add", "--severity")} <= flags


def test_a_prefix_narrows_the_values() -> None:
    assert complete("cjm check --format j") == ["json", "junit"]
    assert complete("cjm check -f s") == ["sarif"]
    assert complete("cjm export journey.yaml --table p") == ["pain_points"]


def test_the_positional_choice_of_add() -> None:
    assert complete("cjm add ") == list(vocabulary.ELEMENT_KINDS)


def test_cjm_rules_offers_every_code_it_explains() -> None:
    offered = complete("cjm rules ")
    assert offered[: len(RULES)] == list(RULES)
    assert set(vocabulary.NON_RULE_CODES) <= set(offered)
    assert {rule.name for rule in RULES.values()} <= set(offered)
    assert complete("cjm rules CJM1") == [code for code in RULES if code.startswith("CJM1")]
    assert complete("cjm rules pain-") == ["pain-point-addressed", "pain-point-has-evidence"]


def test_select_and_ignore_complete_the_code_after_the_last_comma() -> None:
    assert complete("cjm check --select CJM101,CJM21") == ["CJM101,CJM210", "CJM101,CJM211", "CJM101,CJM212"]
    assert "CJM101,CJM101" not in complete("cjm check --ignore CJM101,")  # not twice


def test_render_format_is_a_comma_separated_list() -> None:
    assert complete("cjm render --format html,") == ["html,md", "html,pdf"]


def test_persona_ids_come_from_the_map_named(tmp_path: Path) -> None:
    assert complete(f"cjm render {SAMPLE} --persona ") == ["priya", "marek"]
    assert complete(f"cjm render --format html {SAMPLE} --persona m") == ["marek"]


def test_persona_ids_come_from_the_project_of_the_current_folder(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert complete("cjm render --persona ", cwd=tmp_path) == ["priya", "marek"]
    assert complete("cjm add touchpoint --personas priya,", cwd=tmp_path) == ["priya,marek"]


def test_add_offers_the_ids_of_its_map(tmp_path: Path) -> None:
    stages = complete(f"cjm add touchpoint {SAMPLE} --stage ")
    assert stages[:2] == ["problem-recognition", "research"] and len(stages) == 7
    assert complete(f"cjm add stage {SAMPLE} --after onb") == ["onboarding"]
    channels = complete(f"cjm add touchpoint {SAMPLE} --channel ")
    assert channels and all(isinstance(channel, str) for channel in channels)


@pytest.mark.parametrize(
    "text",
    ["cjm: 1\ntitle: [unclosed\n", "cjm: 1\ntitle: x\n", "\0\0binary", "a: &a [*a]\n" + "b: " * 10],
    ids=["syntax", "not-a-map", "binary", "odd"],
)
def test_a_map_that_does_not_load_offers_nothing_and_no_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "journey.yaml").write_text(text, encoding="utf-8")
    assert complete("cjm render --persona ", cwd=tmp_path) == []


def test_the_commands_still_complete() -> None:
    assert complete("cjm ch") == ["check"]
    assert "--format" in complete("cjm check --fo")
