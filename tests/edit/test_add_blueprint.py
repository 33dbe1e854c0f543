"""`cjm add touchpoint` and `cjm add opportunity` take the keys of issue 14 as flags: inserted as
text, the rest of the file byte for byte as it was; a bad value names its flag, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.load.journey import load_map
from tests.conftest import run_cjm
from tests.edit.test_add import COMMENTED
from tests.edit.test_add_keeps_bytes import single_insertion

TOUCH = ["touchpoint", "--stage", "compra", "--action", "Recibe el pedido", "--channel", "web"]
OPPORTUNITY = ["opportunity", "--stage", "compra", "--description", "Envío exprés"]


def add(folder: Path, flags: list[str]):
    return run_cjm("add", flags[0], "journey.yaml", *flags[1:], cwd=folder, input="")


def test_a_blueprint_touchpoint_and_a_planned_opportunity_are_inserted_and_nothing_else_changes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "journey.yaml"
    path.write_bytes(COMMENTED.encode("utf-8"))
    lanes = ["--frontstage", "Repartidor, SMS de aviso", "--backstage", "Picking en almacén"]
    lanes += ["--support", "ERP, yes", "--physical-evidence", "Caja: con marca"]
    flags = [
        *TOUCH,
        "--id",
        "recibe",
        "--emotion",
        "-1",
        "--target-emotion",
        "1",
        "--moment-of-truth",
        *lanes,
    ]
    result = add(tmp_path, flags)
    assert result.returncode == 0, result.stderr
    after_touchpoint = path.read_bytes()
    _, inserted = single_insertion(COMMENTED.encode("utf-8"), after_touchpoint)
    assert inserted.decode("utf-8") == (
        "      - id: recibe\n"
        "        action: Recibe el pedido\n"
        "        channel: web\n"
        "        emotion: -1\n"
        "        target_emotion: 1\n"
        "        moment_of_truth: true\n"
        "        frontstage:\n"
        "          - Repartidor\n"
        "          - SMS de aviso\n"
        "        backstage:\n"
        "          - Picking en almacén\n"
        "        support: [ERP, 'yes']\n"  # quoted: YAML 1.1 readers take a plain yes for true
        "        physical_evidence:\n"
        "          - 'Caja: con marca'\n"
    )
    touchpoint = load_map(path).stages[1].touchpoints[-1]
    assert (touchpoint.emotion, touchpoint.target_emotion, touchpoint.moment_of_truth) == (-1, 1, True)
    assert touchpoint.support == ["ERP", "yes"] and touchpoint.physical_evidence == ["Caja: con marca"]

    result = add(tmp_path, [*OPPORTUNITY, "--status", "in-progress", "--effort", "low"])
    assert result.returncode == 0, result.stderr
    _, inserted = single_insertion(after_touchpoint, path.read_bytes())
    assert inserted.decode("utf-8").endswith(
        "    opportunities:\n      - description: Envío exprés\n"
        "        status: in-progress\n        effort: low\n"
    )
    opportunity = load_map(path).stages[1].opportunities[-1]
    assert (opportunity.status, opportunity.effort) == ("in-progress", "low")


def test_into_a_flow_list_the_new_keys_are_written_in_flow_style(tmp_path: Path) -> None:
    block = "    touchpoints:\n      - action: Paga\n        channel: web\n"
    flow = COMMENTED.replace(block, "    touchpoints: [{action: Paga, channel: web}]\n")
    assert flow != COMMENTED
    (tmp_path / "journey.yaml").write_text(flow, encoding="utf-8")
    result = add(tmp_path, [*TOUCH, "--moment-of-truth", "--backstage", "Antifraude"])
    assert result.returncode == 0, result.stderr
    _, inserted = single_insertion(flow.encode(), (tmp_path / "journey.yaml").read_bytes())
    assert (
        inserted
        == b", {action: Recibe el pedido, channel: web, moment_of_truth: true, backstage: [Antifraude]}"
    )


BAD = [
    ([*OPPORTUNITY, "--status", "started"], "'--status'", "'started' is not one of 'idea', 'planned'"),
    ([*OPPORTUNITY, "--effort", "huge"], "'--effort'", "'huge' is not one of 'low', 'medium', 'high'"),
    ([*TOUCH, "--target-emotion", "5"], "'--target-emotion'", "less than or equal to 2"),
    ([*TOUCH, "--target-emotion", "muy"], "'--target-emotion'", "valid integer"),
    ([*OPPORTUNITY, "--moment-of-truth"], "cjm: --moment-of-truth: not used for an opportunity", "--effort"),
    ([*TOUCH, "--status", "done"], "cjm: --status: not used for a touchpoint", "--physical-evidence"),
    ([*TOUCH, "--frontstage", " , "], "cjm: --frontstage: no item given", "separated by commas"),
    ([*TOUCH, "--physical-evidence", "Caja\x07"], "cjm: --physical-evidence: contains the control", "U+0007"),
]  # fmt: skip


@pytest.mark.parametrize(("flags", "start", "words"), BAD, ids=[" ".join(flags[-2:]) for flags, _, _ in BAD])
def test_a_bad_value_names_its_flag_and_leaves_the_map_as_it_was(
    tmp_path: Path, flags: list[str], start: str, words: str
) -> None:
    (tmp_path / "journey.yaml").write_text(COMMENTED, encoding="utf-8")
    result = add(tmp_path, flags)
    assert result.returncode == 2
    assert start in result.stderr and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "_" not in result.stderr.split(":")[1]
    assert (tmp_path / "journey.yaml").read_text(encoding="utf-8") == COMMENTED
