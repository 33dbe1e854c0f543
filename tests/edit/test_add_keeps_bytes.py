"""`cjm add` changes only what it adds: the file is the old one with one piece of text inserted.

In a block list the piece is whole lines, in the file's line ending, and every original line
stays as it was, in order; in a flow list (`[...]`) it goes inside the brackets. The new map
holds the old map plus exactly the element the flags describe. Random maps (tests/edit/maps.py)
written every way YAML allows, random additions with random text: many in process through
the command's own function, fewer through the real `cjm` command; CJM_FUZZ_EXAMPLES raises both.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.cli.add_command import run_add
from cjm.load.journey import load_map_text
from cjm.model import Channel, Opportunity, PainPoint, Persona, Stage, Touchpoint
from cjm.scaffold.answers import split_list
from tests.conftest import run_cjm
from tests.edit.maps import TYPED_TEXT, Drawn, maps

EXAMPLES = int(os.environ.get("CJM_FUZZ_EXAMPLES", "0"))
MODELS = {
    "persona": Persona,
    "channel": Channel,
    "stage": Stage,
    "touchpoint": Touchpoint,
    "pain-point": PainPoint,
    "opportunity": Opportunity,
}
LISTS = {"persona": "personas", "channel": "channels", "stage": "stages"}
IN_STAGE = {"touchpoint": "touchpoints", "pain-point": "pain_points", "opportunity": "opportunities"}
_LINE_BREAK = re.compile(rb"\r\n|\n")


def single_insertion(before: bytes, after: bytes) -> tuple[int, bytes]:
    """(offset, text) of the one piece inserted into `before` to give `after`; fails otherwise."""
    assert len(after) > len(before), "nothing was added"
    prefix = 0
    while prefix < len(before) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(before) - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    assert prefix + suffix == len(before), "the original text was changed, not only added to"
    return prefix, after[prefix : len(after) - suffix]


def lines_of(data: bytes) -> list[bytes]:
    return _LINE_BREAK.split(data)


def assert_whole_lines_added(before: bytes, after: bytes, newline: bytes) -> list[bytes]:
    """Every line of `before` is in `after`, unchanged and in order, with new lines in one run."""
    old, new = lines_of(before), lines_of(after)
    start = 0
    while start < len(old) and old[start] == new[start]:
        start += 1
    end = 0
    while end < len(old) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    assert start + end == len(old), "a line of the map changed"
    _, inserted = single_insertion(before, after)
    breaks = inserted.count(b"\n")
    assert breaks and inserted.count(newline) == breaks, "the new lines do not use the file's line ending"
    assert newline == b"\r\n" or b"\r" not in inserted
    return new[start : len(new) - end]


def expected_element(kind: str, given: dict) -> dict:
    """The element the flags describe, as the model reads it."""
    lists = {"goals", "needs", "frustrations", "personas", "addresses"}
    values = {
        name: split_list(value) if name in lists else value
        for name, value in given.items()
        if name not in ("stage", "after")
    }
    return MODELS[kind].model_validate(values).model_dump()


def without_element(dump: dict, kind: str, given: dict) -> tuple[dict, dict]:
    """(the map without the new element, the new element), both as plain data."""
    if kind in LISTS:
        items = dump[LISTS[kind]]
    else:
        stage = next(stage for stage in dump["stages"] if stage["id"] == given["stage"])
        items = stage[IN_STAGE[kind]]
    index = next(index for index, item in enumerate(items) if item["id"] == given["id"])
    return dump, items.pop(index)


@st.composite
def additions(draw, drawn: Drawn) -> tuple[str, dict]:
    """A random `cjm add` that the map accepts, with an id so the element can be found."""
    text = TYPED_TEXT.filter(lambda value: value.strip() != "")
    kind = draw(st.sampled_from(["persona", "channel", "stage", "touchpoint", "pain-point", "opportunity"]))
    stage = draw(st.sampled_from(drawn.stages))
    given: dict = {"id": f"new-{kind}"}
    if kind == "persona":
        given |= {"name": draw(text), **({"goals": "Ahorrar, Comparar"} if draw(st.booleans()) else {})}
    elif kind == "channel":
        given |= {"name": draw(text), "kind": draw(text)}
    elif kind == "stage":
        given |= {"name": draw(text), **({"after": stage} if draw(st.booleans()) else {})}
    elif kind == "touchpoint":
        given |= {"stage": stage, "action": draw(text), "channel": "web", "emotion": draw(st.integers(-2, 2))}
        given |= {"personas": "p1"} if draw(st.booleans()) else {}
    elif kind == "pain-point":
        given |= {
            "stage": stage,
            "description": draw(text),
            "severity": draw(st.sampled_from(["low", "high"])),
        }
    else:
        pains = drawn.pain_points[stage]
        given |= {"stage": stage, "description": draw(text), **({"addresses": pains[0]} if pains else {})}
    return kind, given


def style_of(drawn: Drawn, kind: str, given: dict) -> str:
    if kind in LISTS:
        return drawn.styles.get(LISTS[kind], "block")
    return drawn.styles.get(f"stages/{given['stage']}/{IN_STAGE[kind]}", "absent")


def check_addition(before: bytes, after: bytes, drawn: Drawn, kind: str, given: dict) -> None:
    """The oracle: one insertion, whole lines unless into a flow list, and exactly the element."""
    style = style_of(drawn, kind, given)
    if style in ("flow", "empty-flow"):
        _, inserted = single_insertion(before, after)
        assert b"\n" not in inserted and b"\r" not in inserted
    else:
        assert_whole_lines_added(before, after, drawn.newline.encode())
    old = load_map_text(before).model_dump()
    rest, element = without_element(load_map_text(after).model_dump(), kind, given)
    if kind in IN_STAGE and style in ("absent", "no-value"):
        stage = next(item for item in rest["stages"] if item["id"] == given["stage"])
        stage[IN_STAGE[kind]] = next(item for item in old["stages"] if item["id"] == given["stage"])[
            IN_STAGE[kind]
        ]
    assert rest == old, "the map changed elsewhere"
    assert element == expected_element(kind, given)


def _write(tmp_path: Path, drawn: Drawn) -> tuple[Path, bytes]:
    path = tmp_path / "journey.yaml"
    before = drawn.text.encode("utf-8")
    path.write_bytes(before)
    return path, before


@settings(max_examples=EXAMPLES or 250, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_additions_to_random_maps_insert_only_the_element(tmp_path_factory, data) -> None:
    drawn = data.draw(maps())
    kind, given = data.draw(additions(drawn))
    path, before = _write(tmp_path_factory.mktemp("map"), drawn)
    run_add(kind, path, dict(given))
    check_addition(before, path.read_bytes(), drawn, kind, given)


@settings(max_examples=EXAMPLES // 10 or 5, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_additions_through_the_cjm_command(tmp_path_factory, data) -> None:
    drawn = data.draw(maps())
    kind, given = data.draw(additions(drawn))
    path, before = _write(tmp_path_factory.mktemp("map"), drawn)
    flags = [part for name, value in given.items() for part in (f"--{name}", str(value))]
    result = run_cjm("add", kind, path, *flags, input="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Added {kind.replace('-', ' ')} ")
    check_addition(before, path.read_bytes(), drawn, kind, given)


# The issue's own list of what a dump rewrote, each in a map of its own (in process)...
REWRITTEN_BEFORE = {
    "numbers as text": "title: +5\nvalue_proposition: 99.99999999999999999\nowner: 1e400\n",
    "more numbers": "title: 1_000.5\nvalue_proposition: -0x1\nowner: 0o17\n",
    "timestamps": "title: 2001-12-14t21:59:43.10-05:00\nvalue_proposition: 2026-02-30\n",
    "booleans": "title: True\nvalue_proposition: FALSE\n",
    "yaml 1.1 words": "%YAML 1.1\n---\ntitle: no\nvalue_proposition: on\nowner: y\n",
    "document markers": "---\ntitle: T\n",
    "multi-line scalar": "title: first line\n  second line\n",
    "tilde": "title: T\nvalue_proposition: ~\nowner: null\n",
    "escapes": 'title: "tab\\there \\u00e9 \\x41"\nvalue_proposition: "\\e[1m"\n',
    "trailing spaces": "title: T   \nvalue_proposition: V\t\n",
    "huge integer": "title: " + "9" * 5000 + "\n",
    "tab inside": "title: a\tb\n",
    "NEL inside": "title: 'a\x85b'\n",
}
BODY = """\
cjm: 1
business: b2c
personas:
    -   id: nuevo
        name: Sr. Jiménez
channels:
- id: web
  name: Web
stages:
- id: compra
  name: Compra
  touchpoints:
  - action: Paga
    channel: web
    thoughts: |
      Dos líneas
      de texto

"""
# ... and all of them in one map, through the real command.
EVERYTHING = (
    "cjm: 1\n"
    "title: +5\n"
    "business: b2c\n"
    "value_proposition: 99.99999999999999999\n"
    "owner: 1e400\n"
    "personas:\n"
    "    -   id: nuevo\n"
    "        name: 1_000.5\n"
    "        description: -0x1\n"
    "        goals: [2001-12-14t21:59:43.10-05:00, 2026-02-30, True, no, on, y, 0o17]\n"
    "        needs:\n"
    "          - first line\n"
    "            second line\n"
    "        frustrations: [\"tab\\there \\u00e9 \\x41\", \"\\e[1m\", 'a\x85b', a\tb, 'it''s']\n"
    "channels:\n"
    "- id: web\n"
    "  name: Web   \t\n"
    "  description: ~\n"
    "stages:\n"
    "- id: compra\n"
    "  name: Compra\n"
    "  goal: " + "9" * 5000 + "\n"
    "  touchpoints:\n"
    "  - action: Paga   # trailing comment\n"
    "    channel: web\n"
    "    thoughts: |+\n"
    "      Dos líneas\n"
    "      de texto\n"
    "\n"
)
TOUCHPOINT = {
    "stage": "compra",
    "action": "Recibe el pedido",
    "channel": "web",
    "emotion": "1",
    "id": "recibe",
}
ADDED = [b"  - id: recibe", b"    action: Recibe el pedido", b"    channel: web", b"    emotion: 1"]


def _variant(text: str, bom: bool, newline: str) -> bytes:
    return (("\ufeff" if bom else "") + text.replace("\n", newline)).encode("utf-8")


@pytest.mark.parametrize("name", list(REWRITTEN_BEFORE))
def test_values_a_dump_used_to_rewrite_stay_byte_for_byte(tmp_path: Path, name: str) -> None:
    head = REWRITTEN_BEFORE[name]
    directive = head.startswith(("%", "---"))
    text = (head if directive else "") + BODY + ("" if directive else head) + ("...\n" if directive else "")
    for bom, newline in [(False, "\n"), (True, "\r\n"), (False, "\r\n"), (True, "\n")]:
        before = _variant(text, bom, newline)
        path = tmp_path / "journey.yaml"
        path.write_bytes(before)
        run_add("touchpoint", path, dict(TOUCHPOINT))
        after = path.read_bytes()
        assert assert_whole_lines_added(before, after, newline.encode()) == ADDED
        assert after.startswith(b"\xef\xbb\xbf") == bom


@pytest.mark.parametrize(
    ("bom", "newline", "markers"),
    [(False, "\n", ""), (True, "\r\n", "---"), (False, "\r\n", "%YAML 1.1\n---")],
    ids=["LF", "BOM-CRLF-markers", "YAML-1.1-CRLF"],
)
def test_a_map_of_every_such_value_through_the_cjm_command(
    tmp_path: Path, bom: bool, newline: str, markers: str
) -> None:
    text = (markers + "\n" if markers else "") + EVERYTHING + ("...\n" if markers else "")
    before = _variant(text, bom, newline)
    path = tmp_path / "journey.yaml"
    path.write_bytes(before)
    assert run_cjm("check", path).returncode in (0, 1)
    flags = [part for name, value in TOUCHPOINT.items() for part in (f"--{name}", value)]
    result = run_cjm("add", "touchpoint", path, *flags)
    assert result.returncode == 0, result.stderr
    after = path.read_bytes()
    assert assert_whole_lines_added(before, after, newline.encode()) == ADDED
    assert after.startswith(b"\xef\xbb\xbf") == bom
