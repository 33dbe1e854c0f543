"""`cjm init` replaces a map only as it was when the questions started, and never one that appeared.

The wizard can take minutes; meanwhile an editor may save journey.yaml, or another command
create it. Then init stops with exit 2 and writes nothing: the newer map is not lost. It goes
through the same guarded replace (cjm/write.py) as `cjm add`.
"""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest

from cjm.scaffold import Answers, files, resolve
from cjm.scaffold.write import refuse_overwrite, write_project
from cjm.write import FileChanged
from tests.conftest import MINIMAL_MAP
from tests.scaffold.test_init import drive, spawn_init, wizard_steps


@pytest.mark.parametrize("existing", [True, False], ids=["--force over a map", "a map that appeared"])
def test_a_map_saved_while_the_wizard_asks_is_never_replaced(tmp_path: Path, existing: bool) -> None:
    map_path = tmp_path / "journey.yaml"
    if existing:
        map_path.write_text("# my old map\n" + MINIMAL_MAP, encoding="utf-8")
    child = spawn_init(str(tmp_path), *(["--force"] if existing else []))
    steps = wizard_steps()
    drive(child, steps[:1])
    map_path.write_text("# saved in an editor meanwhile\n" + MINIMAL_MAP, encoding="utf-8")
    drive(child, steps[1:])
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2, child.before
    # The map being Spanish, the wizard ends in Spanish: "changed/created while cjm was working".
    assert "journey.yaml" in child.before and ("mientras cjm trabajaba" in child.before)
    assert map_path.read_text(encoding="utf-8") == "# saved in an editor meanwhile\n" + MINIMAL_MAP
    assert sorted(path.name for path in tmp_path.iterdir()) == ["journey.yaml"], "init wrote other files"


def test_settings_changed_after_the_start_undo_everything_written(tmp_path: Path) -> None:
    """journey.yaml is written first, cjm.yaml then refused: the new map is taken back too."""
    (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "cjm.yaml").write_text("maps: [journey.yaml]\n", encoding="utf-8")
    start = refuse_overwrite(tmp_path, force=True)
    (tmp_path / "cjm.yaml").write_text("maps: [journey.yaml]  # edited\n", encoding="utf-8")
    contents = files(resolve(Answers(title="Nuevo")))
    with pytest.raises(FileChanged):
        write_project(tmp_path, contents, force=True, start=start)
    assert (tmp_path / "journey.yaml").read_text(encoding="utf-8") == MINIMAL_MAP
    assert (tmp_path / "cjm.yaml").read_text(encoding="utf-8") == "maps: [journey.yaml]  # edited\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["cjm.yaml", "journey.yaml"]


def test_force_replaces_what_it_read(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    start = refuse_overwrite(tmp_path, force=True)
    written, _ = write_project(tmp_path, files(resolve(Answers(title="Nuevo"))), force=True, start=start)
    assert "journey.yaml" in written and "title: Nuevo" in (tmp_path / "journey.yaml").read_text(
        encoding="utf-8"
    )
