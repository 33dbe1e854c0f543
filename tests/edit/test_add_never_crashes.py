"""A map `cjm check` accepts never makes `cjm add` crash; one it refuses makes add refuse too.

Huge integers, impossible dates, tabs, NEL and line separators in text fields used to give
ruamel tracebacks. Here every kind of addition runs on maps with random raw text in a text
field (written plain, single- or double-quoted), on the fuzzers' mutated samples, and on the
issue's examples through the real command: exit 0 with the element in the map, or exit 2
with a message, never a traceback.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cjm.errors import LoadError
from cjm.load.journey import load_map, load_map_text
from tests.conftest import run_cjm
from tests.edit.maps import maps
from tests.edit.test_add import added_lines
from tests.fuzzing import mutated_sample_document, run_in_process, unicode_sample_document

EXAMPLES = int(os.environ.get("CJM_FUZZ_EXAMPLES", "0"))
RAW_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from("\t\x85\u2028\u2029\ufeff\x1b\x00 :#-'\"[]{},&*!|>%@`"),
    min_size=1,
    max_size=30,
) | st.sampled_from(["9" * 5000, "2026-02-30", "1e400", "a\tb", "a\x85b", "x\u2028y", "-0x1"])
ADDITIONS = {
    "persona": ["--id", "nueva-p", "--name", "Nueva"],
    "channel": ["--id", "nuevo-c", "--name", "Nuevo"],
    "stage": ["--id", "nueva-s", "--name", "Nueva"],
    "touchpoint": [
        "--id",
        "nuevo-t",
        "--stage",
        "{stage}",
        "--action",
        "Hace algo",
        "--channel",
        "{channel}",
    ],
    "pain-point": ["--id", "nuevo-pp", "--stage", "{stage}", "--description", "Falla"],
    "opportunity": ["--id", "nueva-o", "--stage", "{stage}", "--description", "Mejora"],
}


def _with_raw_title(text: str, raw: str, style: str) -> str:
    written = {"plain": raw, "single": "'" + raw.replace("'", "''") + "'", "double": json.dumps(raw)}[style]
    lines = text.split("\n")
    index = next(number for number, line in enumerate(lines) if line.startswith("title:"))
    end = index + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1  # a multi-line or block title goes too
    return "\n".join([*lines[:index], f"title: {written}", *lines[end:]])


def _add_in_process(folder: Path, content: str, kind: str) -> None:
    """Run `cjm add KIND` on `content` through cjm's entry point; judge the outcome."""
    path = folder / "journey.yaml"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    try:
        journey = load_map(path)
    except LoadError:
        journey = None
    stage = journey.stages[0].id if journey and journey.stages else "s1"
    channel = journey.channels[0].id if journey and journey.channels else "web"
    flags = [flag.format(stage=stage, channel=channel) for flag in ADDITIONS[kind]]
    outcome = run_in_process("add", kind, str(path), *flags)
    assert not outcome.crashed, f"input {content!r:.800}\n--- output ---\n{outcome.output[-3000:]}"
    event(f"map {'accepted' if journey else 'refused'} by the loader, add exit {outcome.code}")
    if journey is None:
        assert outcome.code == 2
    elif outcome.code == 0:
        assert flags[1] in {ident for ident in _ids(load_map(path))}
    else:
        assert outcome.code == 2 and outcome.output.strip()


def _ids(journey) -> set[str]:
    from cjm.load.references import identified

    return {ident for _, _, ident in identified(journey)}


@settings(max_examples=EXAMPLES or 150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_raw_text_in_a_text_field_never_crashes_add(tmp_path_factory, data) -> None:
    drawn = data.draw(maps())
    raw = data.draw(RAW_TEXT)
    style = data.draw(st.sampled_from(["plain", "single", "double"]))
    content = _with_raw_title(drawn.text, raw, style)
    kind = data.draw(st.sampled_from(list(ADDITIONS)))
    _add_in_process(tmp_path_factory.mktemp("map"), content, kind)


@settings(max_examples=EXAMPLES or 40, deadline=None, suppress_health_check=list(HealthCheck))
@given(content=mutated_sample_document() | unicode_sample_document(), kind=st.sampled_from(list(ADDITIONS)))
def test_mutated_samples_never_crash_add(tmp_path_factory, content: str, kind: str) -> None:
    _add_in_process(tmp_path_factory.mktemp("map"), content, kind)


MAP = """\
cjm: 1
title: {title}
business: b2c
personas:
  - id: p
    name: {name}
channels:
  - id: web
    name: Web
stages:
  - id: s
    name: S
    touchpoints:
      - action: {action}
        channel: web
"""
ISSUE_EXAMPLES = {  # with the addition each one gets
    "huge integers": (
        "touchpoint",
        {"title": "9" * 5000, "name": "1" + "0" * 4400, "action": "-" + "7" * 4301},
    ),
    "impossible dates": (
        "persona",
        {"title": "2026-02-30", "name": "2026-13-45", "action": "2026-02-29T25:61"},
    ),
    "tabs": ("pain-point", {"title": "a\tb", "name": "'\tx\t'", "action": "mira\tla web"}),
    "NEL and line separators": (
        "stage",
        {"title": "'a\x85b'", "name": '"x\\Ny\\Lz"', "action": "'u\u2028v'"},
    ),
}


@pytest.mark.parametrize("name", list(ISSUE_EXAMPLES))
def test_the_issues_examples_through_the_cjm_command(tmp_path: Path, name: str) -> None:
    kind, values = ISSUE_EXAMPLES[name]
    content = MAP.format(**values)
    path = tmp_path / "journey.yaml"
    path.write_text(content, encoding="utf-8")
    load_map_text(content)
    assert run_cjm("check", path).returncode in (0, 1)
    flags = [flag.format(stage="s", channel="web") for flag in ADDITIONS[kind]]
    result = run_cjm("add", kind, path, *flags)
    assert result.returncode == 0, result.stderr
    assert added_lines(content, path.read_text(encoding="utf-8"))
    assert flags[1] in _ids(load_map(path))
