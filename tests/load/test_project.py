"""Which maps a command reads when it is given a folder, and where its settings come from (in process)."""

from __future__ import annotations

import pytest

from cjm.errors import LoadError
from cjm.load.project import open_project
from tests.conftest import MINIMAL_MAP


def names(project) -> list[str]:
    return [path.name for path in project.maps]


def test_folder_with_journey_yaml(tree) -> None:
    root = tree({"journey.yaml": MINIMAL_MAP, "other.yaml": MINIMAL_MAP.replace("cjm: 1", "cjm: 9")})
    assert names(open_project(root)) == ["journey.yaml"]


def test_folder_lists_maps_in_cjm_yaml(tree) -> None:
    root = tree({"cjm.yaml": "maps: [a.yaml]\n", "a.yaml": MINIMAL_MAP, "b.yaml": "cjm: 9\n"})
    project = open_project(root)
    assert names(project) == ["a.yaml"]
    assert project.settings_path == (root / "cjm.yaml").resolve()


def test_folder_without_journey_yaml_checks_every_map_in_it(tree) -> None:
    root = tree({"a.yaml": MINIMAL_MAP, "b.yml": MINIMAL_MAP, "notes.yaml": "just: notes\n"})
    assert names(open_project(root)) == ["a.yaml", "b.yml"]


def test_folder_without_any_map_is_a_clear_error(tree) -> None:
    root = tree({"notes.yaml": "just: notes\n"})
    with pytest.raises(LoadError, match=r"no journey\.yaml here"):
        open_project(root)


def test_a_map_in_a_subfolder_uses_the_settings_of_the_parent(tree) -> None:
    root = tree({"cjm.yaml": "check:\n  strict: true\n", "maps/a.yaml": MINIMAL_MAP})
    project = open_project(root / "maps" / "a.yaml")
    assert project.root == root.resolve() and project.settings.check.strict is True


def test_wrong_setting_in_cjm_yaml_names_it_with_its_position(tree) -> None:
    root = tree({"cjm.yaml": "check:\n  min_coverag: 80\n", "journey.yaml": MINIMAL_MAP})
    with pytest.raises(LoadError) as raised:
        open_project(root)
    [problem] = raised.value.problems
    assert (problem.position.line, problem.position.column, problem.code) == (2, 3, "settings")
    assert "did you mean 'min_coverage'" in problem.message


def test_settings_remember_where_each_value_is_written(tree) -> None:
    root = tree({"cjm.yaml": "check:\n  select: [CJM101, CJM105]\n  rules:\n    CJM107: off\n"})
    settings = open_project(root / "cjm.yaml").settings
    where = settings.position_of("check", "select", item="CJM105")
    assert (where.line, where.column) == (2, 20)
    assert str(settings.position_of("check", "rules", "CJM107")).endswith("cjm.yaml:4:5")
