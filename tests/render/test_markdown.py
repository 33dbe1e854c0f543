"""Markdown for GitHub: every Mermaid block parses whatever the map's text holds, long journeys
come in blocks of at most 15 tasks, and no table has a column nobody filled."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cjm
from tests.render.journeys import journey_map

# Mermaid's journey lexer (mermaid 11, journeyDiagram), rules of the initial state in order:
# the first that matches wins. A line starting with `section` is a section, `%` a comment.
_RULES = [
    ("comment", r"%(?!\{)[^\n]*"),
    ("comment", r"[^\}]%%[^\n]*"),
    ("newline", r"[\n]+"),
    ("space", r"\s+"),
    ("comment", r"#[^\n]*"),
    ("journey", r"journey\b"),
    ("title", r"title\s[^#\n;]+"),
    ("acc", r"accTitle\s*:\s*"),
    ("acc", r"accDescr\s*:\s*"),
    ("acc", r"accDescr\s*\{\s*"),
    ("section", r"section\s[^#:\n;]+"),
    ("task", r"[^#:\n;]+"),
    ("data", r":[^#\n;]+"),
    ("colon", r":"),
    ("invalid", r"."),
]
_LEXER = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _RULES]


def mermaid_tokens(line: str) -> list[str]:
    tokens, position = [], 0
    while position < len(line):
        for name, pattern in _LEXER:
            match = pattern.match(line, position)
            if match and match.end() > position:
                if name != "space":
                    tokens.append(name)
                position = match.end()
                break
    return tokens


def assert_journey_parses(block: str) -> int:
    """A `journey` block as Mermaid's lexer reads it: a title, sections, and tasks with a 1-5
    score; returns the number of tasks."""
    lines = block.splitlines()
    assert mermaid_tokens(lines[0]) == ["journey"]
    tasks = 0
    for line in lines[1:]:
        tokens = mermaid_tokens(line)
        assert tokens in (["title"], ["section"], ["task", "data"]), (line, tokens)
        if tokens == ["task", "data"]:
            data = line.split(":", 1)[1]
            assert re.fullmatch(r" [1-5](: [^:,]+(, [^:,]+)*)?", data), line
            tasks += 1
    return tasks


HOSTILE = [
    "Section 2: pay the invoice",
    "section",
    "title of the deed; #1",
    "journey planner",
    "%% a comment",
    "%{init: {'theme': 'dark'}}%",
    "100 %% sure: yes",
    "accTitle: sneaky",
    "accDescr { sneaky }",
    "a;b#c:d",
    "line one\nsection two\ntitle three",
    '<br> "quoted" `code` ``` --- :::',
    "مرحبا \u202eevil\u202c 🚚 Za\u0301\u0308lgo",
    "x" * 300,
]


def _hostile_map() -> str:
    """Every payload as a stage name, a persona name and two touchpoints' actions."""

    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["cjm: 1", "title: Hostile", "business: b2c", "personas:"]
    lines += [f"  - {{id: p{index}, name: {text(payload)}}}" for index, payload in enumerate(HOSTILE[:3])]
    lines += ["channels:", "  - {id: web}", "stages:"]
    for index, payload in enumerate(HOSTILE):
        lines += [f"  - id: s{index}", f"    name: {text(payload)}", "    touchpoints:"]
        for number, emotion in enumerate((-2, 2)):
            who = "" if number else f", personas: [p{index % 3}]"
            lines.append(f"      - {{action: {text(payload)}, channel: web, emotion: {emotion}{who}}}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile_markdown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mermaid")
    (folder / "journey.yaml").write_text(_hostile_map(), encoding="utf-8")
    result = run_cjm("render", "journey.yaml", "-f", "md", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "journey.md"


def test_every_mermaid_block_lexes_as_a_journey_whatever_the_text(hostile_markdown: Path) -> None:
    blocks = re.findall(r"```mermaid\n(.*?)```", hostile_markdown.read_text(encoding="utf-8"), re.S)
    assert blocks
    assert sum(assert_journey_parses(block) for block in blocks) == len(HOSTILE) * 2


def test_the_keyword_guard_only_touches_lines_mermaid_would_misread() -> None:
    from cjm.render.escape import mermaid_text

    assert mermaid_text("Section 2: pay") == "\u200bSection 2 pay"
    assert mermaid_tokens("      " + mermaid_text("Section 2: pay") + ": 3: Ana") == ["task", "data"]
    assert mermaid_tokens("      Section 2 pay: 3: Ana") == ["section", "data"], "what the guard prevents"
    assert mermaid_text("Sections of the shop") == "Sections of the shop"
    assert mermaid_text("Journeyman") == "Journeyman"


MMDC = os.environ.get("CJM_MMDC", "/work/tools/mmdc.sh")


@pytest.mark.skipif(
    not (Path(MMDC).is_file() and shutil.which("node")), reason="Mermaid CLI not installed (CJM_MMDC)"
)
def test_mermaid_cli_renders_every_block(hostile_markdown: Path, tmp_path: Path) -> None:
    result = subprocess.run([MMDC, hostile_markdown, tmp_path], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAILED" not in result.stdout


def test_a_long_journey_comes_in_blocks_of_at_most_15_tasks_in_order(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(
        journey_map(stages=8, personas=4, touchpoints=64), encoding="utf-8"
    )
    assert run_cjm("render", "journey.yaml", "-f", "md", cwd=tmp_path).returncode == 0
    markdown = (tmp_path / "journey.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```mermaid\n(.*?)```", markdown, re.S)
    counts = [assert_journey_parses(block) for block in blocks]
    assert len(blocks) >= 5 and max(counts) <= 15 and sum(counts) == 64
    assert max(counts) - min(counts) <= 8, "blocks of about equal size"
    steps = [
        line.split(":")[0].strip()
        for block in blocks
        for line in block.splitlines()
        if line.startswith("      ")
    ]
    assert len(steps) == 64


def test_a_huge_journey_is_summarised_in_runs(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(
        journey_map(stages=4, personas=2, touchpoints=4000), encoding="utf-8"
    )
    assert run_cjm("render", "journey.yaml", "-f", "md", cwd=tmp_path).returncode == 0
    blocks = re.findall(r"```mermaid\n(.*?)```", (tmp_path / "journey.md").read_text(encoding="utf-8"), re.S)
    assert sum(assert_journey_parses(block) for block in blocks) <= 300
    assert "4000" not in blocks[0] and re.search(r"\d+ touchpoints, average", blocks[0])


def _tables(markdown: str) -> list[list[list[str]]]:
    tables, current = [], []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables


def test_no_table_has_an_empty_column(tmp_path: Path) -> None:
    """A map without owner and update date, thoughts or KPI values: no header over nothing."""
    text = journey_map(stages=3, personas=2, touchpoints=6).replace("owner: Customer experience team\n", "")
    text = text.replace("updated: 2026-11-20\n", "")
    text = re.sub(r"        thoughts: .*\n", "", text)
    (tmp_path / "journey.yaml").write_text(text, encoding="utf-8")
    assert run_cjm("render", "journey.yaml", "-f", "md", cwd=tmp_path).returncode == 0
    markdown = (tmp_path / "journey.md").read_text(encoding="utf-8")
    tables = _tables(markdown)
    assert tables
    for table in tables:
        header, rule, *rows = table
        assert all(cell == "---" for cell in rule) and len(header) == len(rule)
        for column, name in enumerate(header):
            assert any(row[column] for row in rows), f"column {name!r} is empty in every row"
    assert tables[0][0] == ["The journey", "Pain points"], "the facts the map states, and only those"
