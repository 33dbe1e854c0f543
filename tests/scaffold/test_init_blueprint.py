"""`cjm init` writes service blueprints: the question in a real terminal, the flag, the answers
file; its placeholders are exactly what CJM212 finds, and its closing message counts them."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pexpect
import pytest
import yaml

from cjm.load.journey import load_map_text
from cjm.scaffold.presets import PRESETS
from cjm.vocabulary import BLUEPRINT_LANES, LANGUAGES
from tests.conftest import run_cjm
from tests.scaffold.test_init import drive, spawn_init

# What a user types: a Spanish blueprint, one persona, one channel, the classic stages. The user
# chose English for cjm (CJM_LANG=en), so the wizard asks in English whatever the map's language.
START = [
    ("Title of the journey", "Entrega y devoluciones"),
    ("Who are your customers", ""),
    ("Language", "2"),
    ("service blueprint", "y"),
    ("Stages", ""),
    ("Persona 1: name", "Compradora"),
    ("Short id", ""),
    ("Who are they", ""),
    ("Goals", ""),
    ("Needs", ""),
    ("Frustrations", ""),
    ("Add another persona", ""),
    ("Channel 1: name", "Web"),
    ("Kind", ""),
    ("Add another channel", ""),
]
FIRST_TOUCHPOINT = [
    ("Touchpoint 1: what does the customer do", "Paga con tarjeta"),
    ("How does it feel", "-1"),
    ("Frontstage", "La pasarela muestra el importe final"),
    ("\\+", ""),
    ("Backstage", ""),  # left empty: a TODO
    ("Support", "Pasarela de pago, ERP"),
    ("\\+", ""),
    ("Physical evidence", "Email de confirmación"),
    ("\\+", "Ticket"),
    ("\\+", ""),
    ("Add another touchpoint", ""),
    ("Does anything go wrong", "n"),
]
LATER_TOUCHPOINT = [
    ("what does the customer do", "Sigue el pedido"),
    ("How does it feel", "0"),
    ("Frontstage", ""),
    ("Backstage", ""),
    ("Support", ""),
    ("Physical evidence", ""),
    ("Add another touchpoint", ""),
    ("Does anything go wrong", "n"),
]
LATER = "{action: Sigue el pedido, channel: web, emotion: 0}"
ANSWERS = f"""\
title: Entrega y devoluciones
language: es
blueprint: true
personas: [{{name: Compradora}}]
channels: [{{name: Web}}]
stages:
  descubrimiento:
    touchpoints:
      - action: Paga con tarjeta
        channel: web
        emotion: -1
        frontstage: [La pasarela muestra el importe final]
        support: Pasarela de pago, ERP
        physical_evidence: [Email de confirmación, Ticket]
    pain_points: []
  consideracion: {{touchpoints: [{LATER}], pain_points: []}}
  decision: {{touchpoints: [{LATER}], pain_points: []}}
  retencion: {{touchpoints: [{LATER}], pain_points: []}}
  recomendacion: {{touchpoints: [{LATER}], pain_points: []}}
"""


def placeholders_in(text: str) -> Counter[tuple[int, str]]:
    """Every value of the file that starts with TODO, read by PyYAML (not by cjm), as the line and
    name of the key that holds it: where CJM212 points, for a scalar and a list's item alike."""
    found: Counter[tuple[int, str]] = Counter()
    pending = [yaml.compose(text)]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                items = value.value if isinstance(value, yaml.SequenceNode) else [value]
                for item in items:
                    if isinstance(item, yaml.ScalarNode) and item.value.startswith("TODO"):
                        found[(key.start_mark.line + 1, key.value)] += 1
                    pending.append(item)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return found


def cjm212(report_map: dict) -> Counter[tuple[int, str]]:
    key = re.compile(r"^'([a-z_]+)' still holds the placeholder 'TODO")
    return Counter(
        (finding["line"], key.match(finding["message"]).group(1))
        for finding in report_map["findings"]
        if finding["rule"] == "CJM212"
    )


def test_the_wizard_asks_for_a_blueprint_and_writes_what_the_answers_file_writes(tmp_path: Path) -> None:
    by_wizard, by_file = tmp_path / "wizard", tmp_path / "file"
    child = spawn_init(str(by_wizard), env={"CJM_LANG": "en"})
    drive(child, [*START, *FIRST_TOUCHPOINT, *LATER_TOUCHPOINT * 4])
    child.expect(r"Left to fill in:(?:\x1b\[[0-9;]*m)* (\d+) placeholders in")  # bold, even without colour
    left = int(child.match.group(1))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    assert run_cjm("init", by_file, "--answers", answers).returncode == 0
    text = (by_wizard / "journey.yaml").read_text(encoding="utf-8")
    assert text == (by_file / "journey.yaml").read_text(encoding="utf-8")

    journey = load_map_text(text)
    first = journey.stages[0].touchpoints[0]
    assert first.frontstage == ["La pasarela muestra el importe final"]
    assert first.backstage == ["TODO: qué hace el equipo entre bastidores"]
    assert first.support == ["Pasarela de pago", "ERP"]  # typed on one line, separated by a comma
    assert first.physical_evidence == ["Email de confirmación", "Ticket"]
    later = journey.stages[1].touchpoints[0]
    assert [getattr(later, lane)[0].startswith("TODO") for lane in BLUEPRINT_LANES] == [True] * 4
    # one TODO in the first touchpoint (its backstage), four in each later one
    assert left == 1 + 4 * 4 == sum(placeholders_in(text).values())


def test_without_the_question_answered_yes_nothing_changes(tmp_path: Path) -> None:
    plain, refused = tmp_path / "plain", tmp_path / "refused"
    assert run_cjm("init", plain, "--no-input").returncode == 0
    assert run_cjm("init", refused, "--no-input", "--no-blueprint").returncode == 0
    text = (plain / "journey.yaml").read_text(encoding="utf-8")
    assert text == (refused / "journey.yaml").read_text(encoding="utf-8")
    assert not load_map_text(text).is_blueprint
    assert not any(re.search(rf"^\s+{lane}:", text, re.M) for lane in BLUEPRINT_LANES)


PROJECTS = [(language, preset) for language in LANGUAGES for preset in [*PRESETS, "custom"]]


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A blueprint skeleton by `cjm init` in every language and preset, with its closing message."""
    root = tmp_path_factory.mktemp("blueprints")
    said = {}
    for language, preset in PROJECTS:
        folder = root / f"{language}-{preset}"
        if preset == "custom":  # custom stages cannot be given by a flag
            answers = root / f"{language}.yaml"
            answers.write_text(
                f"preset: custom\ncustom_stages: [Ver, Probar, Comprar]\nlanguage: {language}\n"
            )
            result = run_cjm("init", folder, "--answers", answers, "--blueprint")
        else:
            result = run_cjm(
                "init", folder, "--no-input", "--blueprint", "--language", language, "--preset", preset
            )
        assert result.returncode == 0, result.stderr
        said[folder.name] = result.stdout
    return root, said


def test_every_placeholder_init_writes_is_a_cjm212_finding_and_nothing_else_is(projects) -> None:
    root, said = projects
    names = [f"{language}-{preset}" for language, preset in PROJECTS]
    result = run_cjm("check", "--format", "json", *names, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr  # warnings only
    for name, report_map in zip(names, json.loads(result.stdout)["maps"], strict=True):
        text = (root / name / "journey.yaml").read_text(encoding="utf-8")
        journey = load_map_text(text)
        written = placeholders_in(text)
        lanes = sum(len(stage.touchpoints) for stage in journey.stages) * len(BLUEPRINT_LANES)
        assert journey.is_blueprint and sum(written.values()) >= lanes + 6, name
        assert cjm212(report_map) == written, name
        # the lanes' placeholders count as 'backstage'/'support': no CJM211, and no other addition fires
        assert {f["rule"] for f in report_map["findings"]}.isdisjoint({"CJM209", "CJM210", "CJM211"}), name
        count = sum(written.values())
        assert f"Left to fill in: {count} placeholders in" in " ".join(said[name].split()), name
        assert f"list the {count} placeholders left (CJM212)" in " ".join(said[name].split()), name


def test_the_placeholders_are_in_the_maps_language(projects) -> None:
    root, _ = projects
    for language in LANGUAGES:
        journey = load_map_text((root / f"{language}-classic" / "journey.yaml").read_text(encoding="utf-8"))
        touchpoint = journey.stages[0].touchpoints[0]
        words = {lane: getattr(touchpoint, lane)[0] for lane in BLUEPRINT_LANES}
        expected = {
            "en": "TODO: what the team does behind the scenes",
            "es": "TODO: qué hace el equipo entre bastidores",
            "pl": "TODO: co zespół robi za kulisami",
        }
        assert words["backstage"] == expected[language]
        assert len(set(words.values())) == 4


def test_a_folder_name_in_the_closing_message_is_shown_inert(tmp_path: Path) -> None:
    folder = tmp_path / "shop\x1b[2J[bold]x"
    result = run_cjm("init", folder, "--no-input")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "shop\\x1b[2J[bold]x/journey.yaml" in result.stdout
    assert re.search(r"cd '.*shop\\x1b\[2J\[bold\]x'", result.stdout)


def test_the_text_report_ends_with_what_is_left_to_fill_per_map(projects) -> None:
    root, _ = projects
    names = ["en-classic", "es-b2b", "pl-custom"]
    counts = [
        sum(placeholders_in((root / name / "journey.yaml").read_text("utf-8")).values()) for name in names
    ]
    out = run_cjm("check", *names, cwd=root).stdout
    last = " ".join(out.rstrip().splitlines()[-1].split())
    where = ", ".join(f"{name}/journey.yaml ({count})" for name, count in zip(names, counts, strict=True))
    assert last == (
        f"Not filled in yet: {sum(counts)} placeholder(s) left by cjm init (values that start with TODO) "
        f"in {where}; the CJM212 findings above say where"
    )
