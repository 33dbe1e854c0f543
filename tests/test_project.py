"""Which maps a command reads when it is given a folder."""

from __future__ import annotations

from tests.conftest import MINIMAL_MAP, run_cjm


def test_folder_with_journey_yaml(tree) -> None:
    root = tree({"journey.yaml": MINIMAL_MAP, "other.yaml": MINIMAL_MAP.replace("cjm: 1", "cjm: 9")})
    result = run_cjm("check", "--format", "json", root)
    assert result.returncode != 2, result.stderr
    assert '"journey.yaml"' in result.stdout.replace(str(root) + "/", "") or "journey.yaml" in result.stdout


def test_folder_lists_maps_in_cjm_yaml(tree) -> None:
    root = tree({"cjm.yaml": "maps: [a.yaml]\n", "a.yaml": MINIMAL_MAP, "b.yaml": "cjm: 9\n"})
    result = run_cjm("check", "--format", "json", root)
    assert result.returncode != 2, result.stderr
    assert "a.yaml" in result.stdout and "b.yaml" not in result.stdout


def test_folder_without_journey_yaml_checks_every_map_in_it(tree) -> None:
    root = tree({"a.yaml": MINIMAL_MAP, "b.yml": MINIMAL_MAP, "notes.yaml": "just: notes\n"})
    result = run_cjm("check", "--format", "json", root)
    assert result.returncode != 2, result.stderr
    assert "a.yaml" in result.stdout and "b.yml" in result.stdout and "notes.yaml" not in result.stdout


def test_folder_without_any_map_is_a_clear_error(tree) -> None:
    root = tree({"notes.yaml": "just: notes\n"})
    result = run_cjm("check", root)
    assert result.returncode == 2
    assert "no journey.yaml" in result.stderr + result.stdout


def test_wrong_setting_in_cjm_yaml_names_it(tree) -> None:
    root = tree({"cjm.yaml": "check:\n  min_coverag: 80\n", "journey.yaml": MINIMAL_MAP})
    result = run_cjm("check", root)
    assert result.returncode == 2
    assert "cjm.yaml:2:3" in result.stderr + result.stdout
    assert "did you mean 'min_coverage'" in result.stderr + result.stdout
