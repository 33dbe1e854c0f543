"""Two commands on one map at once: no addition is ever lost, and no editor's save either.

Every `cjm add` either lands (exit 0, and its element is in the map afterwards) or is
refused (exit 2, saying the map changed), leaving the file as the other writer left it.
Never an exit 0 whose addition is missing. The pairs are real processes released at the
same moment by a barrier file; CJM_RACE_PAIRS raises their number for a longer run.
"""

from __future__ import annotations

import fcntl
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cjm.errors import UserError
from cjm.load.journey import load_map
from cjm.write import FileChanged, locked_update, read_snapshot, replace_if_unchanged
from tests.conftest import MINIMAL_MAP, SAMPLES, cjm_command, run_cjm

PAIRS = int(os.environ.get("CJM_RACE_PAIRS", "20"))
CHANGED = "the file changed while cjm was working on it"
# Waits for the barrier file, then becomes `cjm ...`: both commands start within a millisecond.
LAUNCHER = (
    "import os, sys, time\n"
    "while not os.path.exists(sys.argv[1]):\n"
    "    time.sleep(0.0005)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def _addition(rng: random.Random, tag: str, journey) -> tuple[str, list[str]]:
    """A random addition whose element carries the id `tag`."""
    stage = rng.choice(journey.stages).id
    channel = rng.choice(journey.channels).id
    choices = [
        ("persona", ["--id", tag, "--name", f"Persona {tag}", "--goals", "Ahorrar, Comparar"]),
        ("channel", ["--id", tag, "--name", f"Canal {tag}"]),
        ("stage", ["--id", tag, "--name", f"Etapa {tag}", "--after", stage]),
        ("touchpoint", ["--id", tag, "--stage", stage, "--action", f"Hace {tag}", "--channel", channel]),
        ("pain-point", ["--id", tag, "--stage", stage, "--description", f"Falla {tag}"]),
    ]
    return rng.choice(choices)


def _ids(path: Path) -> set[str]:
    from cjm.load.references import identified

    return {ident for _, _, ident in identified(load_map(path))}


def _start_together(folder: Path, commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    barrier = folder / "go"
    barrier.unlink(missing_ok=True)
    cjm = cjm_command()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(barrier), *cjm, *command],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        for command in commands
    ]
    time.sleep(0.2)  # both launchers are up and polling
    barrier.touch()
    results = []
    for process, command in zip(processes, commands, strict=True):
        stdout, stderr = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(command, process.returncode, stdout, stderr))
    return results


def _big_map(touchpoints: int) -> str:
    """A valid map big enough that cjm add works on it for a while."""
    lines = MINIMAL_MAP.splitlines()
    for number in range(touchpoints):
        lines += [f"      - action: Visita número {number}", "        channel: web", "        emotion: 1"]
    return "\n".join(lines) + "\n"


def _lines_kept_in_order(before: str, after: str) -> bool:
    remaining = iter(after.splitlines())
    return all(any(line == other for other in remaining) for line in before.splitlines())


def test_concurrent_adds_never_lose_an_addition(tmp_path: Path) -> None:
    rng = random.Random(11)
    original = (SAMPLES / "tienda-online.yaml").read_text(encoding="utf-8")
    path = tmp_path / "journey.yaml"
    journey = load_map(SAMPLES / "tienda-online.yaml")
    before_ids = _ids(SAMPLES / "tienda-online.yaml")
    landed = refused = 0
    for pair in range(PAIRS):
        path.write_text(original, encoding="utf-8")
        additions = [_addition(rng, f"race-{pair}-{side}", journey) for side in "ab"]
        commands = [["add", kind, "journey.yaml", *flags] for kind, flags in additions]
        results = _start_together(tmp_path, commands)
        ids = _ids(path)
        assert before_ids <= ids, "an element of the map was lost"
        for (kind, flags), result in zip(additions, results, strict=True):
            tag = flags[flags.index("--id") + 1]
            assert "Traceback" not in result.stderr, result.stderr
            if result.returncode == 0:
                assert tag in ids, f"{kind} {tag}: exit 0 and 'Added', but it is not in the map"
                landed += 1
            else:
                assert result.returncode == 2 and CHANGED in result.stderr, result.stderr
                assert tag not in ids
                refused += 1
        assert _lines_kept_in_order(original, path.read_text(encoding="utf-8"))
    assert sorted(item.name for item in tmp_path.iterdir()) == ["go", "journey.yaml"], "something left behind"
    print(f"\nconcurrent cjm add: {PAIRS} pairs raced, {landed} additions landed, {refused} refused, 0 lost")
    assert landed + refused == 2 * PAIRS


def test_an_editor_saving_meanwhile_is_never_overwritten(tmp_path: Path) -> None:
    """An editor (no lock) appends to the map while cjm add works: both changes survive, or cjm refuses."""
    rng = random.Random(5)
    path = tmp_path / "journey.yaml"
    original = _big_map(touchpoints=800)
    path.write_text(original, encoding="utf-8")
    started = time.monotonic()
    assert run_cjm("add", "persona", "journey.yaml", "--name", "Calibration", cwd=tmp_path).returncode == 0
    duration = time.monotonic() - started
    outcomes = {"landed": 0, "refused": 0}
    for run in range(6):
        path.write_text(original, encoding="utf-8")
        process = subprocess.Popen(
            [*cjm_command(), "add", "persona", "journey.yaml", "--id", f"p{run}", "--name", "Nueva"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.4, 1.0) * duration)  # mostly while it reads, edits and checks
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND)
        os.write(descriptor, f"# saved by an editor, run {run}\n".encode())
        os.close(descriptor)
        _, stderr = process.communicate(timeout=120)
        text = path.read_text(encoding="utf-8")
        assert f"# saved by an editor, run {run}" in text, "cjm add overwrote the editor's save"
        if process.returncode == 0:
            assert f"id: p{run}" in text
            outcomes["landed"] += 1
        else:
            assert process.returncode == 2 and CHANGED in stderr, stderr
            assert text == original + f"# saved by an editor, run {run}\n"
            outcomes["refused"] += 1
    print(f"\ncjm add while an editor saves: {outcomes}")


def test_a_change_between_the_read_and_the_rename_is_refused(tmp_path: Path, monkeypatch) -> None:
    """The last check before the rename, made certain: the editor saves while the new text is checked."""
    from cjm.cli.add_command import run_add
    from cjm.edit import add

    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    check = add.check_meaning

    def editor_saves_meanwhile(*args, **kwargs) -> None:
        check(*args, **kwargs)
        path.write_text(MINIMAL_MAP + "# edited\n", encoding="utf-8")

    monkeypatch.setattr(add, "check_meaning", editor_saves_meanwhile)
    with pytest.raises(FileChanged, match=CHANGED):
        run_add("persona", path, {"name": "Otra"})
    assert path.read_text(encoding="utf-8") == MINIMAL_MAP + "# edited\n"
    assert [item.name for item in tmp_path.iterdir()] == ["journey.yaml"]


def test_replace_if_unchanged_refuses_any_change_and_a_file_that_appeared(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_bytes(b"a: 1\n")
    snapshot = read_snapshot(path)
    path.write_bytes(b"a: 2\n")
    with pytest.raises(FileChanged):
        replace_if_unchanged(snapshot, "a: 3\n")
    assert path.read_bytes() == b"a: 2\n"
    missing = read_snapshot(tmp_path / "new.yaml")
    (tmp_path / "new.yaml").write_bytes(b"someone else's\n")
    with pytest.raises(FileChanged, match="was created while"):
        replace_if_unchanged(missing, "mine\n")
    assert (tmp_path / "new.yaml").read_bytes() == b"someone else's\n"
    same = read_snapshot(path)
    os.utime(path, (1, 1))  # touched, not changed: nothing would be lost
    replace_if_unchanged(same, "a: 4\n")
    assert path.read_bytes() == b"a: 4\n"
    assert sorted(item.name for item in tmp_path.iterdir()) == ["new.yaml", "settings.yaml"]


def test_a_second_command_waits_for_the_lock_then_sees_the_first_ones_change(tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    with locked_update(path) as first:
        result: dict[str, object] = {}

        def second() -> None:
            with locked_update(path) as update:
                result["read"] = update.data
                update.replace((update.data or b"") + b"# second\n")

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)
        assert "read" not in result, "the second update did not wait for the lock"
        first.replace(MINIMAL_MAP + "# first\n")
    thread.join(10)
    assert result["read"] == (MINIMAL_MAP + "# first\n").encode()
    assert path.read_text(encoding="utf-8") == MINIMAL_MAP + "# first\n# second\n"


def test_a_lock_held_too_long_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    from cjm import write

    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    monkeypatch.setattr(write, "LOCK_WAIT_SECONDS", 0.2)
    with open(path, "rb") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        with (
            pytest.raises(UserError, match="another cjm command has been changing this file"),
            locked_update(path),
        ):
            pass


def test_cjm_add_waits_for_another_command_and_adds_to_its_result(tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    with locked_update(path) as update:
        process = subprocess.Popen(
            [*cjm_command(), "add", "channel", "journey.yaml", "--id", "shop", "--name", "Shop"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)
        assert process.poll() is None, "cjm add did not wait for the lock"
        update.replace(MINIMAL_MAP + "# written by the first command\n")
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    text = path.read_text(encoding="utf-8")
    assert "# written by the first command" in text and "id: shop" in text


def test_kill_9_while_holding_the_lock_leaves_no_stale_lock(tmp_path: Path) -> None:
    """The kernel drops an flock with its process: the next command never waits for a dead one."""
    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP, encoding="utf-8")
    rng = random.Random(9)
    for run in range(3):
        process = subprocess.Popen(
            [*cjm_command(), "add", "channel", "journey.yaml", "--id", f"k{run}", "--name", "K"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 0.8))
        process.kill()
        process.wait()
        text = path.read_text(encoding="utf-8")
        load_map(path)  # complete, old or new
        started = time.monotonic()
        result = run_cjm(
            "add", "channel", "journey.yaml", "--id", f"after-{run}", "--name", "A", cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert time.monotonic() - started < 30
        assert _lines_kept_in_order(text, path.read_text(encoding="utf-8"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_map_in_a_read_only_folder_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    """The lock needs no file of its own: a read-only folder only means the map cannot be written."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = run_cjm("add", "channel", folder / "journey.yaml", "--id", "shop", "--name", "Shop")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2 and "cannot write" in result.stderr, result.stderr
    assert [path.name for path in folder.iterdir()] == ["journey.yaml"]
    assert (folder / "journey.yaml").read_text(encoding="utf-8") == MINIMAL_MAP
