"""Hostile content, one attack at a time, in every text field, through HTML, Markdown and PDF.

tests/test_render_security.py renders one map that holds every attack at once; here each
payload gets its own map (so one escape cannot hide another), plus what that file does not
cover: data: URLs, CSS url() and @import, {% raw %}, right-to-left overrides, NUL and other
control characters, a theme logo that is a symlink out of the project.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_cjm
from tests.fuzzing import run_in_process
from tests.render.test_security import hostile_map

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "script-split": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "event-handler": '"><svg onload=alert(1)><a href="#" onclick="alert(1)">x</a>',
    "single-quote-attr": "' autofocus onfocus='alert(1)",
    "javascript-url": "javascript:alert(document.cookie)",
    "javascript-link": "[x](javascript:alert(1)) <a href=javascript:alert(1)>x</a>",
    "data-url": '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'
    " data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== [d](data:text/html,x)",
    "css-url": "</style><style>body{background:url(http://127.0.0.1:9/x.png)}</style>",
    "css-import": "@import url('http://127.0.0.1:9/evil.css'); @import 'file:///etc/passwd';",
    "file-url": "file:///etc/passwd ![p](file:///etc/passwd) <file:///etc/passwd>",
    "loopback-url": "http://127.0.0.1:9/ <http://127.0.0.1:9/> ![x](http://127.0.0.1:9/x.png)",
    "jinja": "{{ 7*7 }} {{ config }} {% raw %}{{ 7*7 }}{% endraw %} {# c #}",
    "jinja-raw-open": "{% raw %}",
    "markdown-table": "a | b | c\n|---|---|\n| d | e |",
    "markdown-structure": "\n# H1\n> quote\n- item\n1. one\n```\ncode\n```\n<!-- x -->",
    "rtl-override": "\u202eevil.exe\u202c \u2067isolate\u2069 \u200f",
    "html-entities": "&lt;script&gt; &#60;script&#62; &amp;",
    "cdata-comment": "<![CDATA[x]]> <!-- --> ]]> -->",
}
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "srcset", "poster", "data"}


class Page(HTMLParser):
    """What a browser would see: tags, attributes, text, and the contents of <style>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._tag = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._tag = tag
        self.attributes += [(name, value or "") for name, value in attrs]

    def handle_endtag(self, tag: str) -> None:
        self._tag = ""

    def handle_data(self, data: str) -> None:
        (self.styles if self._tag == "style" else self.text).append(data)


def _render(folder: Path, map_text: str, formats: str = "html,md") -> None:
    (folder / "journey.yaml").write_text(map_text, encoding="utf-8")
    outcome = run_in_process("render", "-f", formats, str(folder / "journey.yaml"))
    assert outcome.code == 0, outcome.output


def assert_inert_html(html: str) -> Page:
    page = Page(html)
    assert "script" not in page.tags
    assert not {"iframe", "object", "embed", "link", "base", "form", "img"} & set(page.tags)
    assert not [name for name, _ in page.attributes if name.startswith("on")]
    for name, value in page.attributes:
        if name in URL_ATTRIBUTES:
            assert value.startswith("#") or value.startswith("data:image/"), (name, value)
            assert "PHN2ZyBvbmxvYWQ" not in value  # the map's own data: URL never becomes a source
            assert not re.match(r"(?i)\s*(javascript|data:text|file|https?):", value), (name, value)
    style = "".join(page.styles)
    assert "@import" not in style and "127.0.0.1" not in style and "/etc/passwd" not in style
    assert not re.search(r"url\((?!\s*['\"]?data:)", style), "a stylesheet fetches something"
    assert html.count("<style") == html.count("</style>") and "</html>" in html
    return page


def _table_widths(markdown: str) -> list[list[int]]:
    tables: list[list[int]] = []
    current: list[int] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            current.append(len(re.findall(r"(?<!\\)\|", line)) - 1)
        elif current:
            tables.append(current)
            current = []
    return tables


def assert_inert_markdown(markdown: str) -> None:
    assert not re.search(r"<\s*/?\s*[a-zA-Z!]", markdown.replace("<br>", "")), "raw HTML in Markdown"
    assert not re.search(r"(?<!\\)\[[^\]\n]*(?<!\\)\]\(", markdown), "a link or an image could be formed"
    assert not re.search(r"(?i)(javascript|data|file):", markdown), "a dangerous scheme survived"
    assert "{{ 7*7 }}" not in markdown.replace("\\*", "*") or "49" not in markdown
    for widths in _table_widths(markdown):
        assert len(set(widths)) == 1, f"a table lost its columns: {widths}"
    assert markdown.count("```") % 2 == 0, "a fence was opened and never closed"


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_each_payload_in_every_field_is_inert(tmp_path: Path, payload: str) -> None:
    _render(tmp_path, hostile_map(payload))
    html = (tmp_path / "journey.html").read_text(encoding="utf-8")
    page = assert_inert_html(html)
    text = "".join(page.text)
    assert "49" not in text
    shown = " ".join(payload.split())
    if "\n" not in payload:
        assert shown in " ".join(text.split()), "the text was not shown as written"
    assert_inert_markdown((tmp_path / "journey.md").read_text(encoding="utf-8"))


def test_every_payload_at_once_keeps_the_layout(tmp_path: Path) -> None:
    """All payloads in one map: the page has as many stage columns as the map has stages."""
    _render(tmp_path, hostile_map(" ".join(PAYLOADS.values())))
    html = (tmp_path / "journey.html").read_text(encoding="utf-8")
    assert_inert_html(html)
    plain = tmp_path / "plain"
    plain.mkdir()
    _render(plain, hostile_map("plain"))
    plain_page, hostile_page = Page((plain / "journey.html").read_text(encoding="utf-8")), Page(html)
    assert plain_page.tags.count("section") == hostile_page.tags.count("section")
    assert plain_page.tags.count("article") == hostile_page.tags.count("article")
    assert _table_widths((plain / "journey.md").read_text(encoding="utf-8")) == _table_widths(
        (tmp_path / "journey.md").read_text(encoding="utf-8")
    )


CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def test_a_raw_nul_byte_is_refused_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    path.write_bytes(hostile_map("plain").replace('title: "plain"', 'title: "pl\x00ain"').encode())
    result = run_cjm("render", "-f", "html", path)
    assert result.returncode == 2
    assert re.search(r"journey\.yaml:2:\d+: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "journey.html").exists()


def test_escaped_nul_and_control_characters_never_reach_the_output(tmp_path: Path) -> None:
    """YAML allows "\\0", "\\e", "\\b" in double quotes; rendered files carry none of them."""
    escapes = r"nul\0here esc\e[31mred\e[0m bell\a back\b del\x7f vt\v ff\f"
    text = hostile_map("PLACEHOLDER").replace('"PLACEHOLDER"', f'"{escapes}"')
    _render(tmp_path, text)
    for name in ("journey.html", "journey.md"):
        output = (tmp_path / name).read_text(encoding="utf-8")
        assert not CONTROL.findall(output), f"{name}: {sorted(set(CONTROL.findall(output)))}"
        assert "nulhere" in output.replace(" ", "") or "nul here" in output


@pytest.fixture
def listener():
    import socket

    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    connections: list[object] = []

    def count() -> int:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return len(connections)
            connections.append(connection)
            connection.close()

    yield server.getsockname()[1], count
    server.close()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_of_every_payload_fetches_nothing_and_shows_text(tmp_path: Path, listener) -> None:
    port, count = listener
    # The payloads that could fetch something, about 300 characters a field: a PDF is slower
    # than HTML, and the other payloads are proven inert in HTML and Markdown above.
    fetchers = ("css-url", "css-import", "file-url", "loopback-url", "script", "jinja")
    payload = " ".join(PAYLOADS[name] for name in fetchers).replace("127.0.0.1:9", f"127.0.0.1:{port}")
    (tmp_path / "journey.yaml").write_text(hostile_map(payload), encoding="utf-8")
    result = run_cjm("render", "-f", "pdf", "journey.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert count() == 0, "the PDF renderer connected to the listener"
    text = subprocess.run(
        ["pdftotext", tmp_path / "journey.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "{{ 7*7 }}" in text and "<script>alert(1)</script>" in text
    assert "root:x:0:0" not in text


def test_a_theme_logo_symlinked_out_of_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "brand").mkdir(parents=True)
    (project / "journey.yaml").write_text(hostile_map("plain"), encoding="utf-8")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    (project / "brand" / "logo.png").symlink_to(secret)
    (project / "cjm.yaml").write_text("theme:\n  logo: brand/logo.png\n", encoding="utf-8")
    result = run_cjm("render", "-f", "html", cwd=project)
    assert result.returncode == 2
    assert "outside the project folder" in result.stderr
    assert not (project / "journey.html").exists()
