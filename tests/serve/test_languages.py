"""`cjm serve` speaks the interface language: on the terminal, and in the panel it puts on the
page (the map itself is rendered in its own language); the render worker is told the language,
so the problems it finds are said in it too."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from cjm.i18n import use_language
from cjm.serve.overlay import findings_panel
from tests import conftest
from tests.conftest import run_cjm
from tests.serve import served


def test_a_port_in_use_is_said_in_the_interface_language(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(conftest.MINIMAL_MAP, "utf-8")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cjm("--lang", "pl", "serve", "--port", str(port), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"cjm: port {port} jest zajęty (inny cjm serve?); spróbuj --port {port + 1} albo --port 0, "
        "aby wybrać dowolny wolny port\n"
    )


def test_the_page_and_the_terminal_follow_lang(
    tmp_path: Path, serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--lang` (not the environment, which the worker would inherit) reaches the worker."""
    monkeypatch.setattr(served, "cjm_command", lambda: [*conftest.cjm_command(), "--lang", "pl"])
    (tmp_path / "journey.yaml").write_text(conftest.MINIMAL_MAP.replace("    name: Buyer\n", ""), "utf-8")
    preview = serve("journey.yaml", cwd=tmp_path)
    assert re.fullmatch(
        r"Podgląd journey\.yaml pod adresem http://127\.0\.0\.1:\d+/ \(Ctrl-C, aby zatrzymać\)\n",
        preview.first_line,
    )
    page = preview.get("/").body
    assert '<html lang="pl">' in page and "<title>cjm serve: mapy nie da się wczytać</title>" in page
    assert '<div class="cjm-serve" id="cjm-serve" lang="pl">' in page
    assert (
        "Popraw te problemy i zapisz" in page
        and "Nie ma nic do pokazania, dopóki nie zostaną poprawione." in page
    )
    assert "<code>journey.yaml:5:5: persona: brakuje klucza &#x27;name&#x27;</code>" in page, page
    assert preview.get("/nope.png").body == "nie znaleziono\n"


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "1 uwaga"), (2, "2 uwagi"), (5, "5 uwag"), (22, "22 uwagi"), (112, "112 uwag")],
)
def test_the_findings_panel_counts_in_polish(count: int, words: str) -> None:
    use_language("pl")
    try:
        panel = findings_panel(["journey.yaml:1:1: info CJM106: ..."] * count)
    finally:
        use_language("en")
    assert f"<summary>cjm check: {words}</summary>" in panel
