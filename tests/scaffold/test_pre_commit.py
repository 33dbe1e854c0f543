"""The pre-commit hook `cjm init` writes, run by the real pre-commit in a real git repository.

The hook runs the `cjm` on PATH (the one of this test run) on the YAML files pre-commit gives
it; `cjm check --changed` must pick out every map among them, whatever it is called, and fail
the commit on a bad one. In a project that is a folder of a bigger repository the config goes
to the repository's root, merged into the user's own config without changing a byte of it.
The manifest `.pre-commit-hooks.yaml` of this repository is tried with `pre-commit try-repo`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cjm.scaffold.pre_commit import merged_config
from cjm.scaffold.project_files import pre_commit_hook, pre_commit_repo_line, pre_commit_yaml
from tests.conftest import ROOT, SAMPLES, cjm_command, run_cjm

BAD_MAP = "cjm: 1\ntitle: Bad\nbogus: 1\n"  # three keys missing, one unknown
GOOD_MAP = (SAMPLES / "tienda-online.yaml").read_text(encoding="utf-8")
BAD_SETTINGS = "check:\n  rules: {CJM999: error}\n"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """pre-commit and git as a user has them, with this run's cjm first on PATH."""
    home = tmp_path / "home"
    home.mkdir()
    path = os.pathsep.join([str(Path(cjm_command()[0]).parent), os.environ.get("PATH", "")])
    return {
        **os.environ,
        "PATH": path,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ana",
        "GIT_AUTHOR_EMAIL": "ana@example.com",
        "GIT_COMMITTER_NAME": "Ana",
        "GIT_COMMITTER_EMAIL": "ana@example.com",
        "NO_COLOR": "1",
    }


def git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)


def commit(repo: Path, env: dict[str, str], files: dict[str, str | None]) -> None:
    """Write (or, for None, delete) the files and commit them, without running the hooks."""
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "--no-verify", "--allow-empty", "-m", "maps")


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", *args]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def new_repo(tmp_path: Path, env: dict[str, str]) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, env, "init", "-q")
    return repo


def init(repo: Path, env: dict[str, str], folder: str = ".") -> str:
    result = run_cjm("init", "--no-input", folder, cwd=repo, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "bad",
    [
        {"maps/bad.journey.yaml": BAD_MAP},
        {"maps/bad.journey.yml": BAD_MAP},
        {"Otro.Journey.YAML": BAD_MAP},
        {"viajes/compra.yaml": BAD_MAP},  # any name: it starts like a map
        {"journey.yaml": BAD_MAP},  # the project's own map, broken
        {"cjm.yaml": BAD_SETTINGS},  # settings that break every map of the project
        {"b2b/cjm.yaml": "maps: [flujo.yml]\n", "b2b/flujo.yml": "# B2B\n" * 800 + BAD_MAP},
    ],
    ids=["journey-yaml", "journey-yml", "case", "any-name", "own-map", "settings", "listed"],
)
def test_the_hook_cjm_init_writes_fails_on_a_bad_map(
    tmp_path: Path, env: dict[str, str], bad: dict[str, str]
) -> None:
    repo = new_repo(tmp_path, env)
    init(repo, env)
    commit(repo, env, {"maps/good.journey.yaml": GOOD_MAP, "docker-compose.yml": "services: {}\n"})
    passed = pre_commit(repo, env, "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr  # the skeleton has warnings only
    before = {name: (repo / name).read_text("utf-8") if (repo / name).exists() else None for name in bad}
    commit(repo, env, bad)
    failed = pre_commit(repo, env, "run", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "cjm check" in failed.stdout and "Failed" in failed.stdout
    assert any(name.split("/")[-1] in failed.stdout for name in bad)
    commit(repo, env, before)  # as they were (or gone): it passes again
    assert pre_commit(repo, env, "run", "--all-files").returncode == 0


def test_the_hook_runs_on_a_commit_and_stops_it(tmp_path: Path, env: dict[str, str]) -> None:
    repo = new_repo(tmp_path, env)
    init(repo, env)
    commit(repo, env, {})
    assert pre_commit(repo, env, "install").returncode == 0
    (repo / "maps").mkdir()
    (repo / "maps/bad.journey.yaml").write_text(BAD_MAP, encoding="utf-8")
    git(repo, env, "add", "-A")
    refused = subprocess.run(
        ["git", "commit", "-m", "bad"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "unknown key 'bogus'" in refused.stdout + refused.stderr
    (repo / "maps/bad.journey.yaml").write_text(GOOD_MAP, encoding="utf-8")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "good")


USER_CONFIG = """\
# Our hooks: keep this comment.
default_stages: [pre-commit]
repos:
    -   repo: local   # our own
        hooks:
        -   id: no-tabs
            name: no tabs
            entry: "true"
            language: system
fail_fast: false
"""


def test_init_in_a_folder_of_a_repository_writes_ci_files_at_its_root(
    tmp_path: Path, env: dict[str, str]
) -> None:
    repo = new_repo(tmp_path, env)
    (repo / ".pre-commit-config.yaml").write_bytes(USER_CONFIG.replace("\n", "\r\n").encode())
    output = init(repo, env, "marketing journeys")
    assert " .pre-commit-config.yaml" in output and "../" not in output  # named from where you are
    merged = (repo / ".pre-commit-config.yaml").read_bytes()
    assert_kept_byte_for_byte(USER_CONFIG.replace("\n", "\r\n").encode(), merged)
    assert b"\r\n" in merged and b"\n" not in merged.replace(b"\r\n", b"")
    workflow = yaml.safe_load((repo / ".github/workflows/cjm-marketing-journeys.yml").read_text("utf-8"))
    assert workflow["jobs"]["check"]["defaults"]["run"]["working-directory"] == "marketing journeys"
    assert not (repo / "marketing journeys/.github").exists()
    assert not (repo / "marketing journeys/.pre-commit-config.yaml").exists()
    commit(repo, env, {"other/bad.journey.yaml": BAD_MAP})  # not the project's: not its hook's
    ran = pre_commit(repo, env, "run", "--all-files")
    assert ran.returncode == 0 and "no tabs" in ran.stdout, ran.stdout + ran.stderr
    commit(repo, env, {"marketing journeys/maps/bad.journey.yaml": BAD_MAP})
    failed = pre_commit(repo, env, "run", "--all-files")
    assert failed.returncode == 1 and "marketing journeys/maps/bad.journey.yaml" in failed.stdout
    assert "other/bad" not in failed.stdout


def assert_kept_byte_for_byte(before: bytes, after: bytes) -> None:
    """`after` is `before` with one run of bytes inserted, nothing else changed."""
    prefix = next((i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), len(before))
    suffix = next(
        (i for i, (a, b) in enumerate(zip(before[::-1], after[::-1], strict=False)) if a != b), len(before)
    )
    assert prefix + suffix >= len(before) and len(after) > len(before)


@pytest.mark.parametrize(
    "config",
    [
        "repos:\n- repo: local\n  hooks:\n  - {id: a, name: a, entry: 'true', language: system}\n",
        "\ufeff# with a byte-order mark\nrepos:\n  - repo: local\n    hooks: []\n",
        "repos:\n  - repo: local\n    hooks:\n      - id: a\n        name: a\n"
        "        entry: 'true'\n        language: system",
        "repos:\n",
        "",
        "# only comments\n",
        "minimum_pre_commit_version: '3.2'\nrepos:\n  - repo: local\n    hooks: []\n# the end\n",
    ],
    ids=[
        "compact",
        "bom",
        "no-final-newline",
        "null-list",
        "empty",
        "comments",
        "trailing-comment",
    ],
)
@pytest.mark.parametrize("folder", ["", "maps/b2b"])
def test_a_config_gets_the_hook_and_keeps_every_byte(config: str, folder: str) -> None:
    before = config.encode("utf-8")
    merged, reason = merged_config(before, folder)
    assert merged is not None, reason
    assert_kept_byte_for_byte(before, merged) if before.strip() else None
    data = yaml.safe_load(merged.decode("utf-8-sig"))
    assert data["repos"][-1] == {"repo": "local", "hooks": [pre_commit_hook(folder)]}
    assert pre_commit_hook(folder)["require_serial"] is True


@pytest.mark.parametrize(
    ("config", "why"),
    [
        ("repos: [{repo: local, hooks: []}]\n", "[...] style"),
        ("repos: []\n", "[...] style"),
        ("repos:\n  - repo: local\n   bad: indent\n", "cannot read it"),
        ("- just a list\n", "not a mapping"),
        (b"\xff\xfer\x00e\x00p\x00".decode("latin-1"), "not UTF-8"),
        (
            "repos:\n  - repo: local\n    hooks:\n"
            "      - id: cjm-check\n        entry: cjm check --changed\n",
            "already",
        ),
    ],
)
def test_a_config_that_cannot_be_merged_safely_is_kept_and_says_what_to_add(config: str, why: str) -> None:
    merged, reason = merged_config(config.encode("latin-1"), "")
    assert merged is None and why in reason
    if why != "already":
        assert pre_commit_repo_line() in reason


def test_what_init_prints_to_add_is_a_config_pre_commit_accepts(tmp_path: Path, env: dict[str, str]) -> None:
    repo = new_repo(tmp_path, env)
    flow = "repos: [{repo: local, hooks: []}]\n"
    (repo / ".pre-commit-config.yaml").write_text(flow, encoding="utf-8")
    output = init(repo, env, "sub")
    assert (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8") == flow
    assert "kept" in output and "- {repo: local" in output
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n" + pre_commit_repo_line("sub") + "\n", encoding="utf-8"
    )
    assert pre_commit(repo, env, "validate-config", ".pre-commit-config.yaml").returncode == 0


@pytest.mark.parametrize("folder", ["", "journeys", "a b/c.d", "mapas/viaje-ñ"])
def test_each_written_config_is_valid_for_pre_commit(
    tmp_path: Path, env: dict[str, str], folder: str
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(pre_commit_yaml(folder), encoding="utf-8")
    checked = pre_commit(tmp_path, env, "validate-config", str(config))
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_try_repo_runs_this_repositorys_hook(tmp_path: Path, env: dict[str, str]) -> None:
    """`pre-commit try-repo` builds cjm from this repository into its own environment."""
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in manifest] == ["cjm-check"]
    assert "files" not in manifest[0] and manifest[0]["types"] == ["yaml"]  # every name: --changed picks
    repo = new_repo(tmp_path, env)
    env = {**env, "PATH": os.environ.get("PATH", "")}  # the hook's own cjm, not this run's
    commit(repo, env, {"maps/bad.journey.yaml": BAD_MAP, "journeys/compra.yml": GOOD_MAP})
    failed = pre_commit(repo, env, "try-repo", str(ROOT), "cjm-check", "--all-files")
    assert failed.returncode == 1 and "unknown key 'bogus'" in failed.stdout, failed.stdout + failed.stderr
    assert "2 map(s)" in failed.stdout  # the other map is checked too, and passes
    commit(repo, env, {"maps/bad.journey.yaml": None})
    passed = pre_commit(repo, env, "try-repo", str(ROOT), "cjm-check", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
