"""File system faults and interruptions: a clear error, exit 2, and never a half-written file.

Every writer in cjm/ goes through cjm/fsutil.py write_atomic (a temporary file in the same
folder, fsync, rename); test_every_writer_uses_write_atomic keeps it that way. The tests
run as root on CI machines, which ignores permissions, so a read-only folder is simulated
by a read-only file system (/proc, /sys) where one is mounted, and a full disk by
RLIMIT_FSIZE in the child process.
"""

from __future__ import annotations

import os
import random
import re
import resource
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, ROOT, SAMPLES, cjm_command, run_cjm
from tests.hardening import ignore_sigxfsz, run_measured

SAMPLE = SAMPLES / "tienda-online.yaml"


def _stray_temporaries(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if path.name.startswith(".") and path.name.endswith(".tmp")]


def test_every_writer_uses_write_atomic() -> None:
    """No module writes a file by hand: a grep for the ways Python writes files."""
    writes = re.compile(r"\.write_text\(|\.write_bytes\(|open\([^)]*['\"][wax]b?\+?['\"]|os\.replace\(")
    offenders = []
    for path in (ROOT / "cjm").rglob("*.py"):
        if path.relative_to(ROOT).as_posix() == "cjm/write.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if writes.search(line) and "_undo" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    # init's undo restores a file it just overwrote, on the way out of a failure.
    allowed = {"cjm/scaffold/write.py"}
    assert [line for line in offenders if line.split(":")[0] not in allowed] == []


# --- file system faults -----------------------------------------------------------------


def _map(tmp_path: Path) -> Path:
    path = tmp_path / "journey.yaml"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    path = _map(tmp_path)
    (tmp_path / "blocker").write_text("a file, not a folder")
    result = run_cjm("render", "-f", "html", "-o", tmp_path / "blocker" / "journey.html", path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "blocker" in result.stderr
    assert (tmp_path / "blocker").read_text() == "a file, not a folder"


def test_output_path_that_is_a_folder(tmp_path: Path) -> None:
    path = _map(tmp_path)
    (tmp_path / "out.html").mkdir()
    (tmp_path / "out.html" / "keep.txt").write_text("kept")
    result = run_cjm("render", "-f", "html", "-o", tmp_path / "out.html", path)
    # A folder named out.html is a fine output folder: the page goes inside it.
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.html" / "journey.html").is_file()
    assert (tmp_path / "out.html" / "keep.txt").read_text() == "kept"


def test_check_report_to_a_folder_is_refused(tmp_path: Path) -> None:
    path = _map(tmp_path)
    (tmp_path / "report.json").mkdir()
    result = run_cjm("check", "--format", "json", "-o", tmp_path / "report.json", path)
    assert result.returncode == 2
    assert "is a folder" in result.stderr and "Traceback" not in result.stderr


def _read_only_folder() -> Path | None:
    """A folder on a file system mounted read-only (even root cannot write there)."""
    for candidate in (Path("/sys/kernel"), Path("/proc/sys")):
        try:
            probe = candidate / ".cjm-probe"
            fd = os.open(probe, os.O_CREAT | os.O_WRONLY, 0o600)
        except OSError:
            return candidate
        os.close(fd)
        os.unlink(probe)
    return None


def test_read_only_output_folder(tmp_path: Path) -> None:
    folder = _read_only_folder()
    if folder is None:
        pytest.skip("no read-only file system mounted here")
    path = _map(tmp_path)
    result = run_cjm("render", "-f", "html", "-o", folder / "journey.html", path)
    assert result.returncode == 2, result.stderr
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert not (folder / "journey.html").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions; see the /sys variant")
def test_read_only_output_folder_by_permissions(tmp_path: Path) -> None:
    path = _map(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run_cjm("render", "-f", "html", "-o", out / "journey.html", path)
    finally:
        out.chmod(0o755)
    assert result.returncode == 2 and "cannot write" in result.stderr
    assert list(out.iterdir()) == []


def _limit_file_size(limit: int):
    def preexec() -> None:
        ignore_sigxfsz()
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_full_disk_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path, fmt: str) -> None:
    """RLIMIT_FSIZE makes every write past 5 KB fail with EFBIG, as a full disk would."""
    path = _map(tmp_path)
    output = tmp_path / f"journey.{fmt}"
    output.write_text("the old complete file\n")
    result = run_measured("render", "-f", fmt, path, cwd=tmp_path, preexec=_limit_file_size(5_000))
    assert result.returncode == 2, result.stderr
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert output.read_text() == "the old complete file\n"
    assert _stray_temporaries(tmp_path) == []


def test_full_disk_while_cjm_add_writes_the_map(tmp_path: Path) -> None:
    path = _map(tmp_path)
    before = path.read_bytes()
    result = run_measured(
        "add", "channel", path, "--id", "shop", "--name", "Shop", preexec=_limit_file_size(len(before) - 100)
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    assert _stray_temporaries(tmp_path) == []


def test_a_symlinked_map_is_read_and_add_updates_its_target(tmp_path: Path) -> None:
    """A map kept elsewhere and linked into the project: the link stays a link."""
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "journey.yaml"
    target.write_text(MINIMAL_MAP, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    link = project / "journey.yaml"
    link.symlink_to(target)
    assert run_cjm("check", link).returncode in (0, 1)
    result = run_cjm("add", "channel", link, "--id", "shop", "--name", "Shop")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink(), "cjm add replaced the link with a copy"
    assert "id: shop" in target.read_text(encoding="utf-8")
    assert _stray_temporaries(project) == [] and _stray_temporaries(target.parent) == []


def test_a_symlinked_output_file_is_updated_through_the_link(tmp_path: Path) -> None:
    path = _map(tmp_path)
    (tmp_path / "site").mkdir()
    real = tmp_path / "site" / "journey.html"
    real.write_text("old")
    (tmp_path / "journey.html").symlink_to(real)
    result = run_cjm("render", "-f", "html", path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "journey.html").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_writing_to_a_device_writes_into_it(tmp_path: Path) -> None:
    """`-o /dev/null` (here a copy of that device) must not replace the device with a file."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot create a device node here")
    path = _map(tmp_path)
    result = run_cjm("check", "--format", "json", "-o", device, path)
    assert result.returncode in (0, 1), result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)


# --- interruptions ------------------------------------------------------------------------


def _kill_at_random(args: list[str], cwd: Path, seconds: float, rng: random.Random) -> int:
    process = subprocess.Popen(
        [*cjm_command(), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(rng.uniform(0, seconds))
    process.send_signal(signal.SIGKILL)
    return process.wait()


@pytest.mark.parametrize(("fmt", "window", "runs"), [("html", 1.2, 12), ("pdf", 6.0, 3)])
def test_kill_9_during_render_leaves_the_old_or_the_new_file(
    tmp_path: Path, fmt: str, window: float, runs: int
) -> None:
    rng = random.Random(fmt)
    map_path = tmp_path / "journey.yaml"
    output = tmp_path / f"journey.{fmt}"
    map_path.write_text(MINIMAL_MAP, encoding="utf-8")
    assert run_cjm("render", "-f", fmt, "journey.yaml", cwd=tmp_path).returncode == 0
    old = output.read_bytes()
    map_path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert (
        run_cjm("render", "-f", fmt, "-o", tmp_path / f"new.{fmt}", "journey.yaml", cwd=tmp_path).returncode
        == 0
    )
    new = (tmp_path / f"new.{fmt}").read_bytes()
    seen = set()
    for _ in range(runs):
        output.write_bytes(old)
        _kill_at_random(["render", "-f", fmt, "journey.yaml"], tmp_path, window, rng)
        current = output.read_bytes()
        assert current in (old, new), "a half-written file"  # cjm's PDFs are reproducible
        seen.add("old" if current == old else "new")
    assert seen, "no run finished either way"


def test_kill_9_during_add_leaves_the_old_or_the_new_map(tmp_path: Path) -> None:
    rng = random.Random(6)
    path = tmp_path / "journey.yaml"
    old = SAMPLE.read_bytes()
    path.write_bytes(old)
    args = ["add", "channel", "journey.yaml", "--id", "tienda-fisica", "--name", "Tienda física"]
    result = run_cjm(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    new = path.read_bytes()
    assert new != old
    for _ in range(10):
        path.write_bytes(old)
        _kill_at_random(args, tmp_path, 1.2, rng)
        assert path.read_bytes() in (old, new), "a half-written map"


def test_two_renders_of_the_same_output_at_once_leave_one_complete_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    versions = set()
    for name in ("a", "b"):
        assert (
            run_cjm("render", "-f", "html", "-o", f"{name}.html", f"{name}.yaml", cwd=tmp_path).returncode
            == 0
        )
        versions.add((tmp_path / f"{name}.html").read_bytes())
    for _ in range(4):
        processes = [
            subprocess.Popen(
                [*cjm_command(), "render", "-f", "html", "-o", "same.html", f"{name}.yaml"],
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for name in ("a", "b")
        ]
        assert [process.wait() for process in processes] == [0, 0]
        assert (tmp_path / "same.html").read_bytes() in versions
    assert _stray_temporaries(tmp_path) == []
