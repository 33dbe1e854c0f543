"""Hostile maps and templates: text stays text in every format, and the PDF renderer
fetches nothing but files inside the project folder."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_cjm

PAYLOAD = (
    "<script>alert(1)</script><img src=x onerror=alert(1)> \" onmouseover=\"alert(1) ' onfocus='alert(1) "
    "[click](javascript:alert(1)) <javascript:alert(1)> ![i](file:///etc/passwd) "
    "{{ 7*7 }} {% if true %}T{% endif %} | a | b\n# heading\n- item\n1. one: two; three"
)


def hostile_map(payload: str = PAYLOAD) -> str:
    """A valid map with the payload in every text field (JSON strings are YAML strings)."""
    text = json.dumps(payload, ensure_ascii=False)
    return f"""\
cjm: 1
title: {text}
business: b2c
value_proposition: {text}
owner: {text}
personas:
  - id: p1
    name: {text}
    description: {text}
    goals: [{text}]
    needs: [{text}]
    frustrations: [{text}]
  - id: p2
    name: {text}
    evidence: [{text}]
channels:
  - id: web
    name: {text}
    kind: {text}
stages:
  - id: s1
    name: {text}
    description: {text}
    goal: {text}
    duration: {text}
    kpis:
      - name: {text}
        target: {text}
        current: {text}
    content: [{text}]
    touchpoints:
      - id: t1
        action: {text}
        channel: web
        emotion: -2
        thoughts: {text}
        owner: {text}
        evidence: [{text}]
        data:
          - name: {text}
            personal: true
            purpose: {text}
      - action: {text}
        channel: web
        personas: [p2]
        emotion: 1
    pain_points:
      - id: pain
        description: {text}
        touchpoint: t1
        evidence: [{text}]
    opportunities:
      - description: {text}
        owner: {text}
        addresses: [pain]
        priority: high
"""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text.append(data)


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "journey.yaml").write_text(hostile_map(), encoding="utf-8")
    result = run_cjm("render", "journey.yaml", "-f", "html,md,pdf", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_hostile_text_is_inert_in_html(hostile_outputs: Path) -> None:
    page = _Collector()
    page.feed((hostile_outputs / "journey.html").read_text(encoding="utf-8"))
    assert "script" not in page.tags
    assert "img" not in page.tags  # no logo configured, so no image at all
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    for name, value in page.attributes:
        if name in ("href", "src", "xlink:href", "action", "formaction"):
            assert value.startswith(("#", "data:image/")), (name, value)
        if name == "style":  # only what cjm computes: numbers and its own colours, never map text
            computed = (
                r"--(col|stages): \d+|--(persona|mood): #[0-9a-f]{6}|grid-row: \d+"
                r"|top: calc\([\d.]+px \+ 0\.4rem\)"
            )
            assert re.fullmatch(computed, value), value
    text = "".join(page.text)
    assert text.count("{{ 7*7 }}") >= 20
    assert "<script>alert(1)</script>" in text  # shown as text, as written
    assert "&lt;" not in text and "&amp;" not in text, "some text was escaped twice"
    assert "49" not in text
    assert "{% if true %}T{% endif %}" in text


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_hostile_text_is_inert_in_markdown(hostile_outputs: Path) -> None:
    markdown = (hostile_outputs / "journey.md").read_text(encoding="utf-8")
    assert "<script" not in markdown and "<img" not in markdown
    assert "](javascript:" not in markdown and "<javascript:" not in markdown
    assert not re.search(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\(", markdown), "a link could be formed"
    assert "49" not in markdown
    assert "{{ 7\\*7 }}" in markdown
    assert not re.search(r"^\s*#+ heading", markdown, re.M), "a new line in text started a heading"
    table: list[int] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            table.append(_cells(line))
        elif table:
            assert len(set(table)) == 1, f"a table lost its columns: {table}"
            table = []
    mermaid = re.findall(r"```mermaid\n(.*?)```", markdown, re.S)
    assert len(mermaid) == 1, "one stage, two felt touchpoints: one diagram"
    for block in mermaid:
        for line in block.splitlines()[2:]:
            actors = r"[^:;#,\n]+(, [^:;#,\n]+)*"
            assert re.fullmatch(rf"    section [^:;#\n]+|      [^:;#\n]+: [1-5]: {actors}", line), line


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_hostile_text_is_plain_text_in_the_pdf(hostile_outputs: Path) -> None:
    text = subprocess.run(
        ["pdftotext", hostile_outputs / "journey.pdf", "-"], capture_output=True, text=True
    ).stdout
    assert "{{ 7*7 }}" in text
    assert "<script>alert(1)</script>" in text
    assert "49" not in text


@pytest.fixture
def listener():
    """A TCP port on 127.0.0.1 that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)

    def connected() -> bool:
        try:
            connection, _ = server.accept()
        except BlockingIOError:
            return False
        connection.close()
        return True

    yield server.getsockname()[1], connected
    server.close()


def test_pdf_renderer_makes_no_connection_for_urls_in_map_text(tree, listener) -> None:
    port, connected = listener
    url = f"http://127.0.0.1:{port}/x.png"
    folder = tree({"journey.yaml": hostile_map(f'{url} <img src="{url}"> url({url}) file:///etc/passwd')})
    result = run_cjm("render", "-f", "pdf", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert not connected()


@pytest.mark.parametrize(
    "reference",
    [
        '<img src="http://127.0.0.1:{port}/x.png">',
        '<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">',
        "<style>body {{ background: url(http://127.0.0.1:{port}/bg.png) }}</style>",
        '<img src="file:///etc/passwd">',
        '<img src="../outside.png">',
        '<link rel="stylesheet" href="file:///etc/passwd">',
    ],
)
def test_pdf_renderer_refuses_anything_outside_the_project(tree, listener, reference: str) -> None:
    port, connected = listener
    html = reference.format(port=port)
    folder = tree(
        {
            "outside.png": b"\x89PNG",
            "project/journey.yaml": hostile_map("plain"),
            "project/mine/partials/header.html.j2": f"<header>{html}</header>\n",
        }
    )
    result = run_cjm("render", "-f", "pdf", "--templates", "mine", cwd=folder / "project")
    assert result.returncode == 2
    assert "cjm fetches only files inside the project folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (folder / "project" / "journey.pdf").exists()
    assert not connected()


def test_pdf_renderer_uses_files_inside_the_project(tree) -> None:
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73000000164944415478"
        "9c633c2167c3c0c0c0c4c0c0c0c0c000000e4e0126476849220000000049454e44ae426082"
    )
    folder = tree(
        {
            "journey.yaml": hostile_map("plain"),
            "brand/logo.png": png,
            "mine/partials/header.html.j2": '<header><img src="brand/logo.png" alt=""></header>\n',
            "cjm.yaml": "theme:\n  logo: brand/logo.png\n",
        }
    )
    result = run_cjm("render", "-f", "pdf", "--templates", "mine", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "journey.pdf").read_bytes().startswith(b"%PDF-")
