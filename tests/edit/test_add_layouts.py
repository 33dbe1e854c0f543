"""Where `cjm add` puts the new text, in every layout a map can have, and where it refuses.

Each case is a map, an addition and the exact text expected afterwards: the file's own
indentation and line ending, flow lists extended inside their brackets, comments that
belong to the next section left in front of it, and a clear refusal (exit 2, the line and
column, nothing written) where adding would change something else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.cli.add_command import run_add
from cjm.errors import UserError
from tests.conftest import run_cjm

HEAD = (
    "cjm: 1\ntitle: T\nbusiness: b2c\n"
    "personas:\n  - id: p\n    name: P\n"
    "channels:\n  - id: web\n    name: Web\n"
)
STAGE = "stages:\n  - id: s\n    name: S\n    touchpoints:\n      - action: a\n        channel: web\n"
TOUCHPOINT = {"stage": "s", "action": "New", "channel": "web"}
PAIN = {"stage": "s", "description": "D", "id": "d"}
NEW_TOUCHPOINT = "      - action: New\n        channel: web\n"
NEW_PAINS = "    pain_points:\n      - id: d\n        description: D\n"

CASES = {
    "end of the file without a line break": (
        HEAD + STAGE.rstrip("\n"),
        "touchpoint",
        TOUCHPOINT,
        HEAD + STAGE + NEW_TOUCHPOINT.rstrip("\n"),
    ),
    "a comment on the last line, without a line break": (
        HEAD + STAGE + "# the end",
        "touchpoint",
        TOUCHPOINT,
        HEAD + STAGE + NEW_TOUCHPOINT + "# the end",
    ),
    "the item's own comment stays with it, the next section's heading with the section": (
        HEAD + STAGE + "        # about a\n\n    # pain points: not reviewed\n",
        "touchpoint",
        TOUCHPOINT,
        HEAD + STAGE + "        # about a\n" + NEW_TOUCHPOINT + "\n    # pain points: not reviewed\n",
    ),
    "a block scalar last: before its blank lines": (
        HEAD + STAGE + "        thoughts: |\n          hola\n\n\n",
        "touchpoint",
        TOUCHPOINT,
        HEAD + STAGE + "        thoughts: |\n          hola\n" + NEW_TOUCHPOINT + "\n\n",
    ),
    "a block scalar that keeps its blank lines: after them": (
        HEAD + STAGE + "        thoughts: |+\n          hola\n\n",
        "touchpoint",
        TOUCHPOINT,
        HEAD + STAGE + "        thoughts: |+\n          hola\n\n" + NEW_TOUCHPOINT,
    ),
    "a key with no value": (
        HEAD + STAGE + "    pain_points:   # to review\n    # nothing yet\n",
        "pain-point",
        PAIN,
        HEAD + STAGE + "    pain_points:   # to review\n" + NEW_PAINS[17:] + "    # nothing yet\n",
    ),
    "a new list goes before the keys it precedes, and their heading": (
        HEAD + STAGE + "    # what we will do\n    opportunities: []\n",
        "pain-point",
        PAIN,
        HEAD + STAGE + NEW_PAINS + "    # what we will do\n    opportunities: []\n",
    ),
    "an empty flow list gets the element in its brackets": (
        HEAD + STAGE + "    pain_points: []  # reviewed\n",
        "pain-point",
        PAIN,
        HEAD + STAGE + "    pain_points: [{id: d, description: D}]  # reviewed\n",
    ),
    "a flow list gets it after its last item": (
        HEAD + "stages:\n  - id: s\n    name: S\n    touchpoints: [{action: a, channel: web},]\n",
        "touchpoint",
        TOUCHPOINT,
        HEAD
        + "stages:\n  - id: s\n    name: S\n"
        + "    touchpoints: [{action: a, channel: web}, {action: New, channel: web},]\n",
    ),
    "a multi-line flow list": (
        HEAD
        + "stages:\n  - id: s\n    name: S\n    touchpoints: [\n"
        + "      {action: a, channel: web}  # one\n    ]\n",
        "touchpoint",
        TOUCHPOINT,
        HEAD + "stages:\n  - id: s\n    name: S\n    touchpoints: [\n"
        "      {action: a, channel: web}, {action: New, channel: web}  # one\n    ]\n",
    ),
    "a stage written as a flow mapping": (
        HEAD + "stages:\n  - {id: s, name: S, touchpoints: []}\n",
        "pain-point",
        PAIN,
        HEAD + "stages:\n  - {id: s, name: S, touchpoints: [], pain_points: [{id: d, description: D}]}\n",
    ),
    "the whole map in flow style": (
        "{cjm: 1, title: T, business: b2c, personas: [{id: p, name: P}], channels: [{id: web}], "
        "stages: [{id: s, name: S}]}",
        "persona",
        {"id": "q", "name": "Q, R"},
        "{cjm: 1, title: T, business: b2c, personas: [{id: p, name: P}, {id: q, name: 'Q, R'}], "
        "channels: [{id: web}], stages: [{id: s, name: S}]}",
    ),
    "items of one-line flow mappings get one too": (
        HEAD.replace("  - id: web\n    name: Web\n", "  - {id: web, name: Web}\n") + STAGE,
        "channel",
        {"id": "shop", "name": "Shop"},
        HEAD.replace("  - id: web\n    name: Web\n", "  - {id: web, name: Web}\n  - {id: shop, name: Shop}\n")
        + STAGE,
    ),
    "lists flush with their key, four-space items": (
        "cjm: 1\ntitle: T\nbusiness: b2c\npersonas:\n-   id: p\n    name: P\nchannels:\n- id: web\nstages:\n"
        "- id: s\n  name: S\n  touchpoints:\n  - action: a\n    channel: web\n",
        "persona",
        {"id": "q", "name": "Q", "goals": "Ahorrar tiempo, Pagar menos"},
        "cjm: 1\ntitle: T\nbusiness: b2c\npersonas:\n-   id: p\n    name: P\n"
        "-   id: q\n    name: Q\n    goals:\n    - Ahorrar tiempo\n    - Pagar menos\n"
        "channels:\n- id: web\nstages:\n"
        "- id: s\n  name: S\n  touchpoints:\n  - action: a\n    channel: web\n",
    ),
    "a new list under a stage indented like its other lists": (
        "cjm: 1\ntitle: T\nbusiness: b2c\npersonas:\n- id: p\n  name: P\nchannels:\n- id: web\nstages:\n"
        "- id: s\n  name: S\n  touchpoints:\n      - action: a\n        channel: web\n",
        "pain-point",
        PAIN,
        "cjm: 1\ntitle: T\nbusiness: b2c\npersonas:\n- id: p\n  name: P\nchannels:\n- id: web\nstages:\n"
        "- id: s\n  name: S\n  touchpoints:\n      - action: a\n        channel: web\n"
        "  pain_points:\n      - id: d\n        description: D\n",
    ),
    "stages separated by blank lines, a new one after the first": (
        HEAD + STAGE + "\n  - id: t\n    name: T\n",
        "stage",
        {"id": "m", "name": "M", "after": "s"},
        HEAD + STAGE + "\n  - id: m\n    name: M\n\n  - id: t\n    name: T\n",
    ),
    "a document between --- and ...": (
        "---\n" + HEAD + STAGE + "...\n",
        "touchpoint",
        TOUCHPOINT,
        "---\n" + HEAD + STAGE + NEW_TOUCHPOINT + "...\n",
    ),
    "values quoted only where they would not read back as the same text": (
        HEAD + STAGE,
        "touchpoint",
        {"stage": "s", "action": "yes: 1e3 #no", "channel": "web", "owner": "Ana López", "id": "t-1"},
        HEAD
        + STAGE
        + "      - id: t-1\n        action: 'yes: 1e3 #no'\n        channel: web\n        owner: Ana López\n",
    ),
    "an anchored list nobody repeats is fine": (
        HEAD + STAGE.replace("    touchpoints:\n", "    touchpoints: &own\n"),
        "touchpoint",
        TOUCHPOINT,
        HEAD + STAGE.replace("    touchpoints:\n", "    touchpoints: &own\n") + NEW_TOUCHPOINT,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_the_new_text_goes_where_it_belongs(tmp_path: Path, name: str) -> None:
    before, kind, given, expected = CASES[name]
    for newline in ("\n", "\r\n"):
        path = tmp_path / "journey.yaml"
        path.write_bytes(before.replace("\n", newline).encode("utf-8"))
        run_add(kind, path, dict(given))
        assert path.read_bytes().decode("utf-8") == expected.replace("\n", newline)


SHARED = (
    HEAD
    + STAGE.replace("    touchpoints:\n", "    touchpoints: &shared\n")
    + ("  - id: t\n    name: T\n    touchpoints: *shared\n")
)
REFUSED = {
    "a list shared through an alias, from its anchor": (
        SHARED,
        ["touchpoint", "--stage", "s", "--action", "x", "--channel", "web"],
        "journey.yaml:13:18: cannot add here: this is anchored as &shared and repeated by *shared",
    ),
    "a list shared through an alias, from the alias": (
        SHARED,
        ["touchpoint", "--stage", "t", "--action", "x", "--channel", "web"],
        "journey.yaml:18:18: cannot add here: this is an alias (*shared)",
    ),
    "a value written ~": (
        HEAD + STAGE + "    pain_points: ~\n",
        ["pain-point", "--stage", "s", "--description", "D"],
        "journey.yaml:16:18: cannot add here: 'pain_points' is written as '~' (empty)",
    ),
    "a value written null": (
        HEAD + STAGE + "    pain_points: null\n",
        ["pain-point", "--stage", "s", "--description", "D"],
        "'pain_points' is written as 'null' (empty)",
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_where_adding_would_change_something_else_it_refuses(tmp_path: Path, name: str) -> None:
    before, flags, message = REFUSED[name]
    (tmp_path / "journey.yaml").write_text(before, encoding="utf-8")
    assert run_cjm("check", "journey.yaml", cwd=tmp_path).returncode in (0, 1)
    result = run_cjm("add", flags[0], "journey.yaml", *flags[1:], cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert "run cjm add again" in result.stderr
    assert (tmp_path / "journey.yaml").read_text(encoding="utf-8") == before


def test_what_the_check_of_the_new_map_refuses_is_never_written(tmp_path: Path, monkeypatch) -> None:
    """The last guard: an insertion that would change anything else is refused before writing."""
    from cjm.edit import yaml_text

    path = tmp_path / "journey.yaml"
    path.write_text(HEAD + STAGE, encoding="utf-8")
    wrong = yaml_text.Insertion(len(HEAD), "  - id: extra\n    name: Extra\n")
    monkeypatch.setattr(yaml_text.MapText, "add_to_list", lambda *args, **kwargs: wrong)
    with pytest.raises(UserError, match="could not insert the persona without changing the rest"):
        run_add("persona", path, {"id": "q", "name": "Q"})
    assert path.read_text(encoding="utf-8") == HEAD + STAGE
