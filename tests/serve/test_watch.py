"""What the watcher counts as a change (in process): the files a render read, the template folders,
a new map; and the polling fallback's view of a file (inode, size, time)."""

from __future__ import annotations

import os
from pathlib import Path

from cjm.serve.watch import WatchList, snapshot


def test_the_files_templates_and_new_maps_concern_the_preview(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text("cjm: 1\n")
    (tmp_path / "templates" / "site").mkdir(parents=True)
    watch_list = WatchList.of([str(tmp_path / "journey.yaml")], [str(tmp_path / "templates")], str(tmp_path))
    assert watch_list.concerns(str(tmp_path / "journey.yaml"))
    assert watch_list.concerns(str(tmp_path / "templates" / "site" / "index.html.j2"))
    assert watch_list.concerns(str(tmp_path / "new-map.yml"))
    assert not watch_list.concerns(str(tmp_path / "notes.txt"))
    assert not watch_list.concerns(str(tmp_path / "build" / "journey.yaml"))
    assert str(tmp_path / "templates" / "site") in watch_list.folders


def test_polling_sees_a_file_replaced_even_with_the_same_size_and_time(tmp_path: Path) -> None:
    map_file = tmp_path / "journey.yaml"
    map_file.write_text("cjm: 1\ntitle: A\n")
    watch_list = WatchList.of([str(map_file)], [], None)
    before = snapshot(watch_list)
    stamp = map_file.stat().st_mtime_ns
    replacement = tmp_path / "new.tmp"
    replacement.write_text("cjm: 1\ntitle: B\n")
    os.utime(replacement, ns=(stamp, stamp))
    os.replace(replacement, map_file)
    assert snapshot(watch_list) != before
    map_file.unlink()
    assert str(map_file) not in snapshot(watch_list)
