"""A `.gitignore` in any encoding never crashes `cjm init`, and stays the user's file.

UTF-8, UTF-8 with a byte-order mark and Latin-1 files keep every byte and get cjm's lines
added in their own line ending, and git then ignores what they list and `build/` too. A UTF-16
file (what PowerShell's `echo ... > .gitignore` writes) is kept byte for byte: git cannot read
it, so cjm says so and what to add, rather than writing lines git could not read either.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cjm

OURS = b"\n# Rendered journey maps (cjm render): rebuilt from the YAML, so not committed.\n/build/\n"
MERGED = {
    "utf-8": ("*.log\n# caché\n".encode(), "\n"),
    "utf-8, no final line break": (b"*.log", "\n"),
    "utf-8 with a byte-order mark": (b"\xef\xbb\xbf*.log\n", "\n"),
    "latin-1": ("*.log\n# caché ñ\n".encode("latin-1"), "\n"),
    "latin-1, CR LF": ("*.log\r\n# caché\r\n".encode("latin-1"), "\r\n"),
    "empty": (b"", "\n"),
}
UTF_16 = {
    "UTF-16 LE with BOM (PowerShell 5)": b"\xff\xfe" + "*.log\r\nnode_modules/\r\n".encode("utf-16-le"),
    "UTF-16 BE with BOM": b"\xfe\xff" + "*.log\n".encode("utf-16-be"),
    "UTF-16 LE without BOM": "*.log\n".encode("utf-16-le"),
}


def _git_ignores(folder: Path, path: str) -> bool:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return subprocess.run(["git", "-C", str(folder), "check-ignore", "-q", path]).returncode == 0


@pytest.mark.parametrize("name", list(MERGED))
def test_gitignore_in_an_8_bit_encoding_keeps_its_bytes_and_gets_our_lines(tmp_path: Path, name: str) -> None:
    existing, newline = MERGED[name]
    (tmp_path / ".gitignore").write_bytes(existing)
    result = run_cjm("init", tmp_path, "--no-input")
    assert result.returncode == 0, result.stderr
    merged = (tmp_path / ".gitignore").read_bytes()
    separator = b"" if not existing or existing.endswith(b"\n") else newline.encode()
    assert merged == existing + separator + OURS.replace(b"\n", newline.encode())
    if existing.strip():
        (tmp_path / "x.log").write_text("log")
        assert _git_ignores(tmp_path, "x.log")
    assert _git_ignores(tmp_path, "build/journey.html")


@pytest.mark.parametrize("name", list(UTF_16))
def test_a_utf16_gitignore_is_kept_as_it_is_and_the_user_told_why(tmp_path: Path, name: str) -> None:
    (tmp_path / ".gitignore").write_bytes(UTF_16[name])
    result = run_cjm("init", tmp_path, "--no-input")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".gitignore").read_bytes() == UTF_16[name]
    summary = " ".join(result.stdout.split())
    assert "it is UTF-16 text, which git does not read: save it as UTF-8 and add the line /build/" in summary
    assert (tmp_path / "journey.yaml").is_file()


def test_a_gitignore_that_already_ignores_the_output_is_not_rewritten(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_bytes(b"/build/\r\n")
    result = run_cjm("init", tmp_path, "--no-input")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".gitignore").read_bytes() == b"/build/\r\n"
    assert "it already ignores /build/" in " ".join(result.stdout.split())


def test_a_gitignore_that_is_not_a_file_is_kept(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").mkdir()
    result = run_cjm("init", tmp_path, "--no-input")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / ".gitignore").is_dir() and "kept" in result.stdout
