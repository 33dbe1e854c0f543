"""`cjm diff REV [MAP...]` and `cjm diff REV1 REV2 [MAP...]` in a git repository made here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cjm

MAPS = Path(__file__).parent / "maps"
BASE = (MAPS / "base.yaml").read_text(encoding="utf-8")
EDITED = (MAPS / "edited.yaml").read_text(encoding="utf-8")
REORDERED = (MAPS / "reordered.yaml").read_text(encoding="utf-8")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, files: dict[str, str | None], message: str) -> None:
    """Write (or, for None, delete) files and commit them all."""
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: base.yaml as journey.yaml; v2 (tag): edited.yaml. The working tree is at v2."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "user.email", "test@example.com")
    commit(folder, {"journey.yaml": BASE}, "base")
    git(folder, "checkout", "-q", "-b", "work")
    commit(folder, {"journey.yaml": EDITED}, "edited")
    git(folder, "tag", "v2")
    return folder


def diff(repo: Path, *args: str) -> tuple[int, dict, str]:
    result = run_cjm("diff", "--format", "json", *args, cwd=repo)  # options before a `--`
    return result.returncode, json.loads(result.stdout) if result.stdout else {}, result.stderr


def test_a_revision_against_the_working_tree(repo: Path) -> None:
    (repo / "journey.yaml").write_text(REORDERED, encoding="utf-8")  # not committed
    code, document, stderr = diff(repo, "main")
    assert (code, stderr) == (0, "")
    found = document["maps"][0]
    assert (found["path"], found["old"], found["new"]) == ("journey.yaml", "main", "working tree")
    expected = json.loads((MAPS / "reordered.json").read_text(encoding="utf-8"))["maps"][0]["changes"]
    assert found["changes"] == expected


def test_two_revisions_and_a_named_map(repo: Path) -> None:
    (repo / "journey.yaml").write_text(REORDERED, encoding="utf-8")  # the working tree plays no part
    code, document, _ = diff(repo, "main", "v2", "journey.yaml")
    assert code == 0
    found = document["maps"][0]
    assert (found["old"], found["new"]) == ("main", "v2")
    expected = json.loads((MAPS / "edited.json").read_text(encoding="utf-8"))
    assert found["changes"] == expected["maps"][0]["changes"]
    assert document["summary"] == expected["summary"]
    # fixed findings come from the old version and say so: FILE@REV
    code, back, _ = diff(repo, "v2", "main")
    assert {finding["path"] for finding in back["maps"][0]["findings"]["fixed"]} == {"journey.yaml@v2"}


def test_the_same_revision_twice_has_no_changes(repo: Path) -> None:
    code, document, _ = diff(repo, "HEAD", "v2")
    assert code == 0 and document["maps"][0]["changes"] == []
    result = run_cjm("diff", "HEAD", cwd=repo)
    assert "no changes" in result.stdout


def test_maps_added_and_removed_as_a_whole(repo: Path) -> None:
    """Without MAP, the project's maps on both sides: what cjm.yaml lists here, and what it
    listed at the revision (a map deleted since is found there)."""
    settings = "maps: [journey.yaml, old.yaml]\n"
    commit(repo, {"cjm.yaml": settings, "old.yaml": BASE}, "two maps")
    commit(repo, {"cjm.yaml": "maps: [journey.yaml, new.yaml]\n", "new.yaml": BASE, "old.yaml": None}, "swap")
    code, document, _ = diff(repo, "HEAD~1")
    assert code == 0
    by_path = {found["path"]: found for found in document["maps"]}
    assert list(by_path) == ["journey.yaml", "new.yaml", "old.yaml"]
    assert by_path["journey.yaml"]["changes"] == []
    added = by_path["new.yaml"]
    assert added["coverage"] == {"old": None, "new": 100.0}
    assert [(c["change"], c["element"], c["old"]) for c in added["changes"]] == [("added", "map", None)]
    assert added["changes"][0]["new"]["title"] == "First order in the web shop"
    removed = by_path["old.yaml"]
    assert [(c["change"], c["new"], c["line"]) for c in removed["changes"]] == [("removed", None, 2)]
    assert removed["coverage"] == {"old": 100.0, "new": None}
    assert document["summary"]["added"] == 1 and document["summary"]["removed"] == 1


def test_a_map_deleted_from_the_working_tree_goes_after_the_separator(repo: Path) -> None:
    (repo / "journey.yaml").unlink()
    result = run_cjm("diff", "main", "journey.yaml", cwd=repo)
    assert result.returncode == 2
    assert (
        "a map that exists only at the revision goes after '--': cjm diff REV -- journey.yaml"
        in result.stderr
    )
    code, document, _ = diff(repo, "main", "--", "journey.yaml")
    assert code == 0
    assert document["maps"][0]["changes"][0]["change"] == "removed"


def test_an_argument_that_is_both_a_revision_and_a_file_is_refused(repo: Path) -> None:
    (repo / "main").write_text(BASE, encoding="utf-8")
    result = run_cjm("diff", "main", "journey.yaml", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.startswith("cjm: 'main' is both a revision and a file here: say which with '--'")
    as_revision = run_cjm("diff", "main", "--", "journey.yaml", cwd=repo)
    assert as_revision.returncode == 0 and "main → working tree" in as_revision.stdout
    as_file = run_cjm("diff", "--", "main", "journey.yaml", cwd=repo)
    assert as_file.returncode == 0 and "main → journey.yaml" in as_file.stdout


def test_two_files_in_a_repository_are_still_two_files(repo: Path) -> None:
    (repo / "copy.yaml").write_text(BASE, encoding="utf-8")
    code, document, _ = diff(repo, "copy.yaml", "journey.yaml")
    assert code == 0 and (document["maps"][0]["old"], document["maps"][0]["new"]) == (
        "copy.yaml",
        "journey.yaml",
    )


def test_bad_revisions(repo: Path) -> None:
    unknown = run_cjm("diff", "mian", "--", "journey.yaml", cwd=repo)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("cjm: unknown revision 'mian' in the repository ")
    guessed = run_cjm("diff", "mian", cwd=repo)
    assert guessed.returncode == 2
    assert guessed.stderr == "cjm: 'mian' is not a file or folder here, and not a revision\n"
    with_path = run_cjm("diff", "main:journey.yaml", "--", cwd=repo)
    assert with_path.returncode == 2 and "without ':'" in with_path.stderr
    option = run_cjm("diff", "--output=x", cwd=repo)  # never reaches git
    assert option.returncode == 2 and "No such option" in option.stderr
    assert "Traceback" not in unknown.stderr + guessed.stderr + with_path.stderr + option.stderr


def test_a_map_that_does_not_load_at_the_revision(repo: Path) -> None:
    commit(repo, {"journey.yaml": BASE.replace("emotion: -2", "emotion: -5")}, "broken")
    commit(repo, {"journey.yaml": BASE}, "fixed")
    result = run_cjm("diff", "HEAD~1", cwd=repo)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("journey.yaml@HEAD~1:55:18: ")


def test_no_repository_and_no_git(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(BASE, encoding="utf-8")
    outside = run_cjm("diff", "main", "--", "journey.yaml", cwd=tmp_path)
    assert outside.returncode == 2
    assert (
        outside.stderr
        == f"cjm: {tmp_path} is not inside a git repository, so it has no revisions to compare\n"
    )
    guessed = run_cjm("diff", "main", cwd=tmp_path)
    assert "and not a revision (" in guessed.stderr and "not inside a git repository" in guessed.stderr
    empty = tmp_path / "bin"
    empty.mkdir()
    no_git = run_cjm("diff", "main", "--", "journey.yaml", cwd=tmp_path, env={"PATH": str(empty)})
    assert no_git.returncode == 2
    assert no_git.stderr == "cjm: git is not installed: it is needed to read maps at a revision\n"
    files = run_cjm("diff", "journey.yaml", "journey.yaml", cwd=tmp_path, env={"PATH": str(empty)})
    assert files.returncode == 0 and "no changes" in files.stdout  # two files need no git


def test_maps_in_a_subfolder_and_from_outside_the_repository(repo: Path) -> None:
    commit(repo, {"team/journey.yaml": BASE}, "a second project")
    (repo / "team" / "journey.yaml").write_text(EDITED, encoding="utf-8")
    code, document, _ = diff(repo / "team", "HEAD")  # the project in the current folder
    assert code == 0 and document["maps"][0]["path"] == "journey.yaml"
    assert document["summary"]["changed"] == 8
    outside = run_cjm("diff", "HEAD", repo / "team" / "journey.yaml", "--format", "json", cwd=repo.parent)
    assert outside.returncode == 0
    assert json.loads(outside.stdout)["summary"]["changed"] == 8
    code, folder, _ = diff(repo, "HEAD", "team")  # a folder is a project: its maps
    assert code == 0 and [found["path"] for found in folder["maps"]] == ["team/journey.yaml"]


def test_a_symbolic_link_at_the_revision_is_followed_inside_the_repository(repo: Path) -> None:
    (repo / "maps").mkdir()
    shutil.move(repo / "journey.yaml", repo / "maps" / "journey.yaml")
    os.symlink("maps/journey.yaml", repo / "journey.yaml")
    commit(repo, {}, "a link")
    os.symlink("/etc/passwd", repo / "outside.yaml")
    commit(repo, {}, "a link out")
    code, document, _ = diff(repo, "HEAD", "journey.yaml")
    assert code == 0 and document["maps"][0]["changes"] == []
    result = run_cjm("diff", "HEAD", "--", "outside.yaml", cwd=repo)
    assert result.returncode == 2
    assert result.stderr == "cjm: outside.yaml@HEAD: not a file inside the repository at this revision\n"


def test_git_is_bounded_in_size_and_time(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cjm.diff import git as git_module

    repository = git_module.repository_of(repo)
    commit_id = repository.require_commit("main")
    monkeypatch.setattr(git_module, "MAX_FILE_BYTES", 1000)
    with pytest.raises(git_module.GitError, match=r"^journey.yaml@main: the file is 0.0 MB; cjm reads maps"):
        repository.blob(commit_id, "journey.yaml", "journey.yaml@main")
    monkeypatch.setattr(git_module, "GIT_TIMEOUT_SECONDS", 0.0001)
    with pytest.raises(git_module.GitError, match="git did not answer within"):
        git_module.run_git(["log"], repo)
