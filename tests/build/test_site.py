"""`cjm build` on a portfolio of real maps, through the real command: the site it writes, read back."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from tests.build.conftest import LOADED_SLUGS, make_portfolio
from tests.build.sitecheck import (
    SITE_PAGES,
    broken_links,
    csv_cells,
    parse,
    portfolio_documents,
    read_csv,
)
from tests.conftest import run_cjm

BACKLOG_COLUMNS = [
    "Title",
    "Description",
    "Priority",
    "Status",
    "Effort",
    "Labels",
    "Map",
    "Stage",
    "Addresses",
    "Owner",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
RANK = {"high": 0, "medium": 1, "low": 2}
EFFORT = {"low": 0, "medium": 1, "high": 2}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The portfolio built once, from a folder outside it (paths are shown as the user typed them)."""
    folder = tmp_path_factory.mktemp("portfolio")
    project = make_portfolio(folder / "project")
    result = run_cjm("build", "project", cwd=folder)
    return project, result


def site_of(built: tuple[Path, object]) -> Path:
    return built[0] / "build" / "site"


def test_every_page_is_written_and_a_bad_map_makes_exit_2(built) -> None:
    _project, result = built
    site = site_of(built)
    assert result.returncode == 2, result.stderr
    expected = {*SITE_PAGES, "backlog.csv", "data.csv", *(f"maps/{slug}.html" for slug in LOADED_SLUGS)}
    assert {str(path.relative_to(site)) for path in site.rglob("*") if path.is_file()} == expected | {
        ".cjm-cache.json"
    }
    assert sorted(result.stdout.splitlines()) == sorted(f"project/build/site/{name}" for name in expected)
    assert "Traceback" not in result.stderr


def test_a_map_that_does_not_load_is_listed_with_the_problems_cjm_check_reports(built) -> None:
    project, result = built
    check = run_cjm("check", "project/broken.yaml", cwd=project.parent)
    problems = [line for line in check.stderr.splitlines() if line.startswith("project/broken.yaml:")]
    assert len(problems) == 2 and all(re.match(r"project/broken\.yaml:\d+:\d+: ", line) for line in problems)
    assert [line for line in result.stderr.splitlines() if "broken.yaml" in line] == problems
    index = (site_of(built) / "index.html").read_text(encoding="utf-8")
    failed = index[index.index('id="failed-title"') : index.index('id="journeys-title"')]
    for problem in problems:  # on the index, named from the project's root
        shown = problem.removeprefix("project/")
        assert shown.replace("'", "&#39;") in failed
    assert not (site_of(built) / "maps" / "broken.html").exists()


def test_every_link_of_every_page_resolves_to_a_file_in_the_site(built) -> None:
    assert broken_links(site_of(built)) == []
    index = parse(site_of(built) / "index.html")
    linked = {element.attributes["href"] for element in index.all("a")}
    assert {f"maps/{slug}.html" for slug in LOADED_SLUGS} <= linked
    assert {"backlog.html", "data.html", "personas.html", "backlog.csv"} - linked == {"backlog.csv"}


def test_archived_maps_are_listed_apart_and_left_out_of_backlog_and_register(built) -> None:
    site = site_of(built)
    index = (site / "index.html").read_text(encoding="utf-8")
    archived_part = index[index.index('id="archived-title"') :]
    journeys_part = index[index.index('id="journeys-title"') : index.index('id="archived-title"')]
    assert "Old loyalty programme" in archived_part and "Old loyalty programme" not in journeys_part
    for name in ("backlog.csv", "backlog.html", "data.csv"):
        text = (site / name).read_text(encoding="utf-8")
        assert "ARCHIVED-OPPORTUNITY" not in text and "loyalty card number" not in text, name


def test_backlog_csv_has_the_contract_columns_and_every_open_opportunity_ranked(built) -> None:
    project, _ = built
    rows = read_csv(site_of(built) / "backlog.csv")
    assert list(rows[0]) == BACKLOG_COLUMNS
    expected = []
    for name, document in portfolio_documents(project).items():
        severity = {
            pain["id"]: pain.get("severity", "medium")
            for stage in document["stages"]
            for pain in stage.get("pain_points") or []
            if "id" in pain
        }
        for stage in document["stages"]:
            for opportunity in stage.get("opportunities", []):
                if opportunity.get("status", "idea") != "done":
                    solved = [RANK[severity[pain]] for pain in opportunity.get("addresses", [])]
                    key = (
                        RANK[opportunity.get("priority", "medium")],
                        min(solved, default=3),
                        EFFORT.get(opportunity.get("effort"), 3),
                    )
                    expected.append((name, stage["id"], opportunity["description"], key))
    assert len(rows) == len(expected)
    by_title = {description.lstrip("'"): key for _, _, description, key in expected}
    keys = [by_title[row["Title"].removeprefix("'")] for row in rows]
    assert keys == sorted(keys)
    slugs = {name: name.removesuffix(".yaml").replace("/", "-") for name in portfolio_documents(project)}
    assert sorted(row["Labels"] for row in rows) == sorted(
        f"cjm; {slugs[name]}; {stage}" for name, stage, _, _ in expected
    )


def test_backlog_csv_is_what_trackers_import_utf8_without_bom_crlf_rows(built) -> None:
    data = (site_of(built) / "backlog.csv").read_bytes()
    assert data.startswith(b"Title,Description,Priority,")
    text = data.decode("utf-8")
    rows = read_csv(site_of(built) / "backlog.csv")
    assert text.count("\r\n") == len(rows) + 1 and text.endswith("\r\n")
    first = rows[0]
    assert first["Priority"] in {"High", "Medium", "Low", ""} and len(first["Title"]) <= 255
    assert first["Description"].startswith(first["Title"])


def test_no_csv_cell_starts_a_formula(built) -> None:
    site = site_of(built)
    for name in ("backlog.csv", "data.csv"):
        cells = csv_cells(site / name)
        assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], name
    backlog = read_csv(site / "backlog.csv")
    privacy = [row for row in backlog if "journeys-privacy" in row["Labels"]]
    assert {row["Title"] for row in privacy} >= {"'=1+1 Pedir solo el email", "'@captcha invisible"}
    assert "'-Producto" in {row["Owner"] for row in privacy}
    data = read_csv(site / "data.csv")
    assert '\'=HYPERLINK("http://evil.example","clic")' in {row["Data"] for row in data}


def test_data_register_puts_personal_data_without_purpose_first(built) -> None:
    project, _ = built
    rows = read_csv(site_of(built) / "data.csv")
    expected = [
        (item["name"], bool(item.get("personal")), item.get("purpose"))
        for document in portfolio_documents(project).values()
        for stage in document["stages"]
        for touchpoint in stage.get("touchpoints", [])
        for item in touchpoint.get("data", [])
    ]
    assert len(rows) == len(expected)
    groups = [
        0 if row["Personal"] == "true" and not row["Purpose"] else 1 if row["Personal"] == "true" else 2
        for row in rows
    ]
    assert groups == sorted(groups) and groups.count(0) == 2
    assert {row["Data"] for row in rows if groups[rows.index(row)] == 0} == {
        "fecha de nacimiento",
        '\'=HYPERLINK("http://evil.example","clic")',
    }
    assert all(re.fullmatch(r"[\w/.-]+\.yaml:\d+", row["Source"]) for row in rows)
    source = rows[0]["Source"].split(":")
    lines = (project / source[0]).read_text(encoding="utf-8").splitlines()
    assert "fecha de nacimiento" in lines[int(source[1]) - 1]


def test_personas_with_one_id_are_one_persona_across_journeys(built) -> None:
    page = (site_of(built) / "personas.html").read_text(encoding="utf-8")
    start = page.index("id <code>lucia</code>")
    lucia = page[start : page.index('<li class="persona"', start)]
    assert "In 3 journeys" in lucia
    for slug in ("tienda-online", "journeys-privacy", "archived"):
        assert f'href="maps/{slug}.html"' in lucia
    assert 'also called <span lang="es">Lucía &lt;b&gt;negrita&lt;/b&gt;; Lucía</span>' in lucia


def test_map_text_is_inert_in_every_page(built) -> None:
    site = site_of(built)
    for name in SITE_PAGES:
        page = parse(site / name)
        scripts = page.all("script")
        assert len(scripts) == (1 if name == "index.html" else 0), name
        assert not page.all("img") and not page.all("b"), name
        handlers = [attr for element in page.elements for attr in element.attributes if attr.startswith("on")]
        assert handlers == [], name
        text = (site / name).read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text
        assert "javascript:" not in "".join(e.attributes.get("href", "") for e in page.elements)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in index


def test_each_page_allows_only_its_own_style_and_script(built) -> None:
    site = site_of(built)
    for name in SITE_PAGES:
        page = parse(site / name)
        policy = next(
            e.attributes["content"]
            for e in page.all("meta")
            if e.attributes.get("http-equiv") == "Content-Security-Policy"
        )
        assert "default-src 'none'" in policy
        for tag, directive in (("style", "style-src"), ("script", "script-src")):
            allowed = re.search(rf"{directive} ([^;]*)", policy).group(1).split()
            hashes = [
                "'sha256-" + base64.b64encode(hashlib.sha256(e.text.encode()).digest()).decode() + "'"
                for e in page.all(tag)
            ]
            assert allowed == (hashes or ["'none'"]), (name, tag)
        assert not [e for e in page.elements if "style" in e.attributes], name


def test_json_and_markdown_backlog_are_the_same_backlog(built) -> None:
    project, _ = built
    as_json = run_cjm("backlog", str(project), "--format", "json")
    assert as_json.returncode == 2 and "broken.yaml:15:18" in as_json.stderr
    document = json.loads(as_json.stdout)
    titles = [row["Title"].removeprefix("'") for row in read_csv(site_of(built) / "backlog.csv")]
    assert [" ".join(item["description"].split()) for item in document["opportunities"]] == titles
    assert [item["rank"] for item in document["opportunities"]] == list(range(1, len(titles) + 1))
    assert [item["description"] for item in document["unaddressed"]] == ["-2 nadie lo ha planificado"]
    markdown = run_cjm("backlog", str(project), "--format", "markdown").stdout
    table = [line for line in markdown.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    assert len(table) == len(titles)
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 10 for line in table)
    assert "Alta \\| con barra" in markdown and "&lt;script&gt;alert(1)" in markdown
    assert "<script" not in markdown and "<b>" not in markdown


def test_backlog_csv_command_prints_the_sites_file(built) -> None:
    project, _ = built
    result = run_cjm("backlog", str(project), "--format", "csv")
    assert result.returncode == 2
    assert result.stdout == (site_of(built) / "backlog.csv").read_text(encoding="utf-8")
    text = run_cjm("backlog", str(project)).stdout
    assert (
        text.splitlines()[0] == f"Backlog: {len(read_csv(site_of(built) / 'backlog.csv'))} open opportunities"
    )
    assert "\x1b" not in text


def test_unknown_backlog_format_is_a_usage_error(built) -> None:
    result = run_cjm("backlog", str(built[0]), "--format", "xml")
    assert result.returncode == 2 and "unknown format 'xml'" in result.stderr and result.stdout == ""
