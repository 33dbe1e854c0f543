"""Messages in the words of what was wrong: every pattern says what it wants (a colour is not called
an id), and a did-you-mean sees through letters that only look Latin (Cyrillic `е`, Greek `ο`,
full-width `ｅ`) in references, unknown keys and rule codes, and says which letter it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.errors import LoadError
from cjm.load.journey import load_map_text
from cjm.load.lookalikes import LATIN_LOOKALIKES, skeleton
from cjm.load.settings import load_settings
from cjm.model import Persona, Stage, Touchpoint
from tests.conftest import MINIMAL_MAP, run_cjm

BAD_COLOURS = [
    "red; background: url(x)",
    "#0b7285; } body { display: none",
    "red",
    "#12345",
    "#ggg",
    "rgb(0, 0, 0)",
    "expression(alert(1))",
    "#0b7285 !important",
]


def _settings_problem(tmp_path: Path, text: str) -> str:
    path = tmp_path / "cjm.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        load_settings(path)
    [problem] = raised.value.problems
    return str(problem)


@pytest.mark.parametrize("colour", BAD_COLOURS)
def test_a_wrong_colour_is_called_a_colour(tmp_path: Path, colour: str) -> None:
    problem = _settings_problem(tmp_path, f'theme:\n  color: "{colour}"\n')
    assert problem.endswith(f"cjm.yaml:2:10: '{colour}' is not a colour: write #rrggbb or #rgb, in quotes "
                            "('#0b7285'), since # starts a YAML comment")  # fmt: skip
    assert "id" not in problem.split(": ", 1)[1]


def test_check_and_render_say_colour(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "cjm.yaml").write_text('theme: {color: "red; background: url(x)"}\n', encoding="utf-8")
    for command in (("check",), ("render", "-f", "html")):
        result = run_cjm(*command, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith("cjm.yaml:1:16: 'red; background: url(x)' is not a colour: ")


@pytest.mark.parametrize(
    ("snippet", "words"),
    [
        ("ignore: [CJM1O4]", "'CJM1O4' is not a rule code like CJM101 (did you mean CJM104?)"),
        ("ignore: [cjm-104]", "'cjm-104' is not a rule code like CJM101"),
        ("personas: [{id: new buyer, name: B}]", "'new buyer' is not a valid id: use 1-64 letters"),
        ("personas: [{id: buуer, name: B}]", "(did you mean 'buyer'? the 'у' is CYRILLIC SMALL LETTER U)"),
        ("personas: [{id: ｂｕｙｅｒ, name: B}]", "(did you mean 'buyer'? the 'ｂ' is FULLWIDTH LATIN SMALL"),
    ],
)
def test_each_pattern_speaks_of_its_own_kind(snippet: str, words: str) -> None:
    text = MINIMAL_MAP.replace("personas:\n  - id: buyer\n    name: Buyer\n", snippet + "\n")
    with pytest.raises(LoadError) as raised:
        load_map_text(text, "m.yaml")
    assert any(words in problem.message for problem in raised.value.problems), raised.value.problems


# --- look-alike letters ------------------------------------------------------------------------

_LOOKS_LIKE: dict[str, list[str]] = {}
for _character, _latin in LATIN_LOOKALIKES.items():
    _LOOKS_LIKE.setdefault(_latin, []).append(_character)


def disguised(word: str) -> st.SearchStrategy[str]:
    """`word` with one or more of its letters swapped for a look-alike (or its full-width form)."""
    swappable = [index for index, character in enumerate(word) if character.isalnum()]

    def swap(indexes: list[int], choices: list[int]) -> str:
        letters = list(word)
        for index, choice in zip(indexes, choices, strict=False):
            options = [*_LOOKS_LIKE.get(letters[index], []), chr(ord(letters[index]) + 0xFEE0)]
            letters[index] = options[choice % len(options)]
        return "".join(letters)

    return st.lists(st.sampled_from(swappable), min_size=1, max_size=3, unique=True).flatmap(
        lambda indexes: st.lists(st.integers(0, 9), min_size=len(indexes), max_size=len(indexes)).map(
            lambda choices: swap(indexes, choices)
        )
    )


KEYS = sorted({*Persona.model_fields, *Stage.model_fields, *Touchpoint.model_fields} - {"id"})


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["name", "goals", "evidence", "frustrations"]).flatmap(
        lambda key: st.tuples(st.just(key), disguised(key))
    )
)
def test_an_unknown_key_with_look_alike_letters_gets_the_key_it_looks_like(pair: tuple[str, str]) -> None:
    key, written = pair
    text = MINIMAL_MAP.replace("    name: Buyer\n", f"    name: Buyer\n    {written}: x\n")
    with pytest.raises(LoadError) as raised:
        load_map_text(text, "m.yaml")
    [problem] = raised.value.problems
    assert (problem.position.line, problem.position.column) == (7, 5)
    assert f"(did you mean '{key}'? the '" in problem.message, problem.message
    assert re.search(r"the '.' is [A-Z][A-Z -]+\)", problem.message), problem.message


@settings(max_examples=150, deadline=None)
@given(disguised("web"))
def test_a_reference_with_look_alike_letters_gets_the_id_it_looks_like(written: str) -> None:
    text = MINIMAL_MAP.replace("        channel: web\n", f"        channel: {written}\n")
    with pytest.raises(LoadError) as raised:
        load_map_text(text, "m.yaml")
    [problem] = raised.value.problems
    assert (problem.position.line, problem.position.column) == (15, 18)
    assert "(did you mean 'web'? the '" in problem.message, problem.message


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["CJM104", "CJM208"]).flatmap(lambda code: st.tuples(st.just(code), disguised(code))))
def test_a_rule_code_with_look_alike_letters_gets_the_code_it_looks_like(pair: tuple[str, str]) -> None:
    code, written = pair
    with pytest.raises(LoadError) as raised:
        load_map_text(MINIMAL_MAP + f"ignore: [{written}]\n", "m.yaml")
    [problem] = raised.value.problems
    assert f"(did you mean {code}?" in problem.message, problem.message


def test_the_command_line_sees_through_look_alikes_too() -> None:
    result = run_cjm("rules", "СJМ104")  # Cyrillic С and М
    assert result.returncode == 2
    assert "(did you mean CJM104? the 'С' is CYRILLIC CAPITAL LETTER ES)" in result.stderr
    result = run_cjm("check", "--select", "ＣＪＭ１０５", "nowhere.yaml")
    assert result.returncode == 2 and "(did you mean CJM105?" in result.stderr


def test_a_near_miss_still_gets_its_suggestion_without_a_note() -> None:
    text = MINIMAL_MAP.replace("    name: Buyer\n", "    name: Buyer\n    golas: [x]\n")
    with pytest.raises(LoadError, match=r"unknown key 'golas' in a persona \(did you mean 'goals'\?\)$"):
        load_map_text(text, "m.yaml")


def test_skeletons_of_plain_words_are_the_words() -> None:
    """Polish and Spanish letters are letters of their own, not look-alikes to correct."""
    for word in [*KEYS, "web", "CJM104", "nuevo-cliente", "Łódź", "señora", "gęś", "żółw", "niño"]:
        assert skeleton(word) == word
