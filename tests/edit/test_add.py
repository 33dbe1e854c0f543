"""`cjm add`: grows a map through flags or prompts and keeps every comment of the user's file."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

import pexpect
import pytest

from cjm.load.journey import load_map, load_map_text
from tests.conftest import cjm_command, run_cjm, sample_paths

COMMENTED = """\
# Our journey: reviewed every Monday.
cjm: 1
title: Primera compra   # working title
business: b2c
personas:
  # the main persona
  - id: nuevo
    name: Sr. Jiménez   # from the May interviews
    goals: [Comprar rápido]
    # more personas after the next workshop

# channels we use today
channels:
  - id: web
    name: Web
    kind: digital  # the shop
stages:
  - id: descubrimiento
    name: Descubrimiento
    touchpoints:
      - action: Ve un anuncio   # campaign 12
        channel: web
        emotion: 1
    pain_points: []  # reviewed in June
    # more stages soon
  - id: compra
    name: Compra
    touchpoints:
      - action: Paga
        channel: web
# end of the map
"""

# The same map laid out with sequences flush with their key and four-space mappings.
FLUSH = """\
cjm: 1
title: Flush
business: b2b
personas:
- id: cto
  name: CTO   # decides
stages:
- id: research
  name: Research
  touchpoints:
  - action: Reads a review
    channel: web
channels:
- id: web
  name: Web
"""


def added_lines(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`; fails when any line of `before` changed or went."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line for line in diff if line.startswith("- ")]
    assert removed == [], "\n".join(removed)
    return [line[2:] for line in diff if line.startswith("+ ")]


ADDITIONS = [
    ("persona", ["--id", "nueva", "--name", "Nueva clienta", "--goals", "Probar, Ahorrar"]),
    ("channel", ["--name", "Tienda física", "--kind", "physical"]),
    ("stage", ["--name", "Entrega", "--after", "descubrimiento", "--phase", "decision"]),
    (
        "touchpoint",
        ["--stage", "compra", "--action", "Recibe el pedido", "--channel", "web", "--emotion", "-1"],
    ),
    ("pain-point", ["--stage", "compra", "--description", "Tarda mucho", "--severity", "high"]),
]


@pytest.mark.parametrize(("what", "flags"), ADDITIONS, ids=[what for what, _ in ADDITIONS])
def test_add_keeps_every_comment_and_line(tree, what: str, flags: list[str]) -> None:
    folder = tree({"journey.yaml": COMMENTED})
    result = run_cjm("add", what, "journey.yaml", *flags, cwd=folder, input="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Added {what.replace('-', ' ')} ")
    after = (folder / "journey.yaml").read_text()
    new = added_lines(COMMENTED, after)
    assert new and not any("#" in line for line in new)
    load_map(folder / "journey.yaml")


def test_every_kind_lands_where_it_belongs(tree) -> None:
    folder = tree({"journey.yaml": COMMENTED})
    for what, flags in ADDITIONS:
        assert run_cjm("add", what, *flags, cwd=folder, input="").returncode == 0
    opportunity = ["--stage", "compra", "--description", "Envío exprés", "--addresses", "tarda-mucho"]
    assert run_cjm("add", "opportunity", *opportunity, cwd=folder, input="").returncode == 0
    text = (folder / "journey.yaml").read_text()
    added_lines(COMMENTED, text)
    journey = load_map_text(text)
    assert [persona.id for persona in journey.personas] == ["nuevo", "nueva"]
    assert journey.personas[1].goals == ["Probar", "Ahorrar"]
    assert [channel.id for channel in journey.channels] == ["web", "tienda-fisica"]
    assert [stage.id for stage in journey.stages] == ["descubrimiento", "entrega", "compra"]
    compra = journey.stages[2]
    assert [touchpoint.emotion for touchpoint in compra.touchpoints] == [None, -1]
    assert compra.pain_points[0].id == "tarda-mucho"
    assert compra.opportunities[0].addresses == ["tarda-mucho"]
    # the section comment after the personas stays in front of the channels
    assert text.index("- id: nueva") < text.index("# channels we use today")
    assert text.index("# more personas after") < text.index("- id: nueva")


def test_add_keeps_the_files_indentation(tree) -> None:
    folder = tree({"journey.yaml": FLUSH})
    flags = ["--stage", "research", "--action", "Asks for a demo", "--channel", "web", "--personas", "cto"]
    assert run_cjm("add", "touchpoint", *flags, cwd=folder, input="").returncode == 0
    assert run_cjm("add", "persona", "--name", "CFO", cwd=folder, input="").returncode == 0
    text = (folder / "journey.yaml").read_text()
    assert added_lines(FLUSH, text) == [
        "- id: cfo",
        "  name: CFO",
        "  - action: Asks for a demo",
        "    channel: web",
        "    personas: [cto]",
    ]


def test_add_keeps_the_file_mode(tree) -> None:
    folder = tree({"journey.yaml": COMMENTED})
    os.chmod(folder / "journey.yaml", 0o600)
    assert run_cjm("add", "persona", "--name", "Otra", cwd=folder, input="").returncode == 0
    assert stat.S_IMODE((folder / "journey.yaml").stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["persona", "--id", "nuevo", "--name", "Otro"], "--id: the id 'nuevo' is already used in this map"),
        (["persona", "--id", "web", "--name", "Otro"], "ids must be unique (line 14)"),
        (["persona", "--id", "con espacios", "--name", "Otro"], "--id: an id is 1-64 letters"),
        (
            ["touchpoint", "--stage", "compras", "--action", "A", "--channel", "web"],
            "--stage: no stage 'compras' in the map (did you mean 'compra'?)",
        ),
        (
            ["touchpoint", "--stage", "compra", "--action", "A", "--channel", "tv"],
            "--channel: no channel 'tv' in the map; the channels are: web",
        ),
        (
            ["opportunity", "--stage", "compra", "--description", "D", "--addresses", "nada"],
            "no pain point 'nada'",
        ),
        (["channel", "--name", "X", "--action", "A"], "--action: not used for a channel"),
        (["touchpoint", "--stage", "compra"], "cjm add touchpoint: missing --action, --channel (no terminal"),
        (["persona"], "cjm add persona: missing --name"),
    ],
)
def test_add_refuses_what_would_break_the_map(tree, flags: list[str], message: str) -> None:
    folder = tree({"journey.yaml": COMMENTED})
    result = run_cjm("add", *flags, cwd=folder, input="")
    assert result.returncode == 2
    assert message in result.stderr
    assert (folder / "journey.yaml").read_text() == COMMENTED


def test_add_to_a_broken_map_reports_its_problems(tree) -> None:
    folder = tree({"journey.yaml": COMMENTED.replace("emotion: 1", "emotion: 7")})
    result = run_cjm("add", "persona", "--name", "Otra", cwd=folder, input="")
    assert result.returncode == 2
    assert result.stderr.startswith("journey.yaml:23:18: emotion must be a whole number")


def test_add_asks_in_a_terminal_for_what_flags_do_not_give(tree) -> None:
    folder = tree({"journey.yaml": COMMENTED})
    command = cjm_command()
    child = pexpect.spawn(
        command[0],
        [*command[1:], "add", "touchpoint", "--stage", "compra"],
        cwd=str(folder),
        env={**os.environ, "NO_COLOR": "1"},
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )
    for pattern, answer in [
        ("What does the customer do", "Pide ayuda"),
        ("Channel", "tv"),
        ("no channel 'tv'", ""),  # the only channel is the default
        ("Who does it", "nuevo"),
        ("How does it feel", "9"),
        ("whole number", "-2"),
    ]:
        child.expect(pattern)
        child.sendline(answer)
    child.expect("Added touchpoint")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    touchpoint = load_map(folder / "journey.yaml").stages[1].touchpoints[-1]
    assert (touchpoint.action, touchpoint.channel, touchpoint.personas, touchpoint.emotion) == (
        "Pide ayuda",
        "web",
        ["nuevo"],
        -2,
    )


@pytest.mark.parametrize("sample", sample_paths(), ids=lambda path: path.name)
def test_add_keeps_the_comments_of_the_samples(tmp_path: Path, sample: Path) -> None:
    before = sample.read_text(encoding="utf-8")
    target = tmp_path / sample.name
    target.write_text(before, encoding="utf-8")
    journey = load_map(target)
    stage = journey.stages[-1].id
    channel = journey.channels[0].id
    flags = ["--stage", stage, "--action", "Escribe una reseña", "--channel", channel, "--emotion", "1"]
    result = run_cjm("add", "touchpoint", target, *flags, input="")
    assert result.returncode == 0, result.stderr
    added_lines(before, target.read_text(encoding="utf-8"))
