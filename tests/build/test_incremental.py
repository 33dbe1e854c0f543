"""A second build redoes only what changed: nothing at all, one map's page and the backlog, or everything."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest

from cjm.build import site as build_stage
from tests.build.conftest import LOADED_SLUGS, SETTINGS
from tests.conftest import run_cjm


def snapshot(site: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(path.relative_to(site)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in site.rglob("*")
        if path.is_file()
    }


def build(project: Path, *args: str) -> list[str]:
    result = run_cjm("build", *args, cwd=project)
    assert result.returncode == 2, result.stderr  # broken.yaml: the rest is built all the same
    assert "Traceback" not in result.stderr
    return sorted(result.stdout.splitlines())


def test_a_second_build_with_nothing_changed_writes_nothing(portfolio: Path) -> None:
    build(portfolio)
    before = snapshot(portfolio / "build" / "site")
    result = run_cjm("build", cwd=portfolio)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.endswith("build/site: up to date (6 maps).\n")
    assert "broken.yaml:15:18: emotion must be" in result.stderr  # still reported, from the cache
    assert snapshot(portfolio / "build" / "site") == before


def test_an_unchanged_map_is_not_loaded_again(portfolio: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    request = build_stage.BuildRequest(portfolio, jobs=1)
    first = build_stage.build_site(request)
    assert first.rebuilt == 6

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged map was loaded")

    monkeypatch.setattr("cjm.build.workers.load_map_text", refuse)
    monkeypatch.setattr("cjm.load.journey.load_map_text", refuse)
    second = build_stage.build_site(request)
    assert (second.rebuilt, second.written, second.removed) == (0, [], [])
    assert second.problems == first.problems and second.exit_code == 2


def test_a_changed_opportunity_rebuilds_its_map_page_and_the_backlog(portfolio: Path) -> None:
    build(portfolio)
    path = portfolio / "tienda-online.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("id: envio-gratis")
    changed = text[:start] + text[start:].replace("priority: high", "priority: low", 1)
    path.write_text(changed, encoding="utf-8")
    assert build(portfolio) == [
        "build/site/backlog.csv",
        "build/site/backlog.html",
        "build/site/maps/tienda-online.html",
    ]
    rows = (portfolio / "build" / "site" / "backlog.csv").read_text(encoding="utf-8")
    # now low priority: after the other low one that solves a high pain point with less effort
    assert (
        rows.index("'=1+1 Pedir solo el email")
        < rows.index("Envío gratis desde 40 €")
        < rows.index("Mostrar el código")
    )


def test_a_changed_data_item_rebuilds_its_page_and_the_data_register(portfolio: Path) -> None:
    build(portfolio)
    path = portfolio / "journeys" / "privacy.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "- name: fecha de nacimiento\n            personal: true",
            "- name: fecha de nacimiento\n            personal: true\n            purpose: Comprobar la edad",
        ),
        encoding="utf-8",
    )
    assert build(portfolio) == [
        "build/site/data.csv",
        "build/site/data.html",
        "build/site/index.html",
        "build/site/maps/journeys-privacy.html",
    ]


def test_settings_templates_and_deleted_pages_are_rebuilt(portfolio: Path, tmp_path: Path) -> None:
    build(portfolio)
    site = portfolio / "build" / "site"
    (site / "maps" / "saas-b2b.html").unlink()
    (site / "data.html").write_text("edited by hand", encoding="utf-8")
    assert build(portfolio) == ["build/site/data.html", "build/site/maps/saas-b2b.html"]
    (portfolio / "cjm.yaml").write_text(SETTINGS + "theme:\n  color: '#7a1f5c'\n", encoding="utf-8")
    rebuilt = build(portfolio)
    assert len([line for line in rebuilt if "/maps/" in line]) == len(LOADED_SLUGS)
    assert "--accent: #7a1f5c;" in (site / "index.html").read_text(encoding="utf-8")


def test_a_removed_map_or_format_removes_its_files(portfolio: Path) -> None:
    (portfolio / "cjm.yaml").write_text("maps: [journeys/privacy.yaml, archived.yaml]\n", encoding="utf-8")
    site = portfolio / "build" / "site"
    result = run_cjm("build", "--format", "md,pdf", cwd=portfolio)
    assert result.returncode == 0, result.stderr
    assert (site / "maps" / "archived.md").is_file()
    assert (site / "maps" / "journeys-privacy.pdf").read_bytes().startswith(b"%PDF-")
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="maps/archived.md"' in index and 'href="maps/archived.pdf"' in index
    (portfolio / "cjm.yaml").write_text("maps: [journeys/privacy.yaml]\n", encoding="utf-8")
    result = run_cjm("build", cwd=portfolio)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (site / "maps").iterdir()) == ["journeys-privacy.html"]
    assert "5 stale file(s) removed" in result.stderr  # archived.*, journeys-privacy.md and .pdf


def test_jobs_1_and_jobs_2_build_the_same_site(portfolio: Path, tmp_path: Path) -> None:
    for jobs, folder in (("1", "one"), ("2", "two")):
        result = run_cjm("build", "--jobs", jobs, "-o", str(tmp_path / folder), cwd=portfolio)
        assert result.returncode == 2, result.stderr
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two", ignore=[".cjm-cache.json"])
    assert comparison.diff_files == [] and comparison.left_only == comparison.right_only == []
    assert filecmp.dircmp(tmp_path / "one" / "maps", tmp_path / "two" / "maps").diff_files == []


def test_a_damaged_cache_means_a_full_rebuild_and_never_removes_other_files(portfolio: Path) -> None:
    build(portfolio)
    site = portfolio / "build" / "site"
    cache = site / ".cjm-cache.json"
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    (portfolio / "keep.html").write_text("mine", encoding="utf-8")
    document = json.loads(cache.read_text(encoding="utf-8"))
    stamp = {"file": "../../keep.html", "size": 4, "mtime_ns": 0, "digest": ""}
    document["pages"]["../../keep.html"] = stamp
    document["pages"]["notes.txt"] = {**stamp, "file": "notes.txt"}
    cache.write_text(json.dumps(document), encoding="utf-8")
    build(portfolio)
    assert (portfolio / "keep.html").exists() and (site / "notes.txt").exists()
    document = json.loads(cache.read_text(encoding="utf-8"))
    document["maps"]["tienda-online.yaml"]["summary"] = '{"file": 1}'
    cache.write_text(json.dumps(document), encoding="utf-8")
    assert build(portfolio) == []  # nothing to rebuild: no summary is even read
    (site / "index.html").unlink()  # now the pages need every summary: the bad one is built again
    assert build(portfolio) == ["build/site/index.html", "build/site/maps/tienda-online.html"]
    cache.write_text("{not json", encoding="utf-8")
    assert len(build(portfolio)) == 11
    cache.write_bytes(b"\xff\x00" * 10)
    assert len(build(portfolio)) == 11
