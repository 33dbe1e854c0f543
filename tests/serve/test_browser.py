"""The preview in a real browser: after a save the page reloads by itself, under the strict CSP,
at the same scroll position; after a save that breaks the map it shows the problems on top."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.serve.served import read_line

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
NODE = shutil.which("node")
TOOLS = Path(os.environ.get("CJM_TOOLS", "/work/tools"))
PLAYWRIGHT = TOOLS / "node_modules" / "playwright-core"
SCRIPT = Path(__file__).with_name("live_page.js")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None or NODE is None, reason="headless Chromium or node not installed"),
    pytest.mark.skipif(not PLAYWRIGHT.is_dir(), reason=f"playwright-core not installed in {TOOLS}"),
]
TITLE = "title: Primera compra en Café en Casa"


def next_report(process: subprocess.Popen[bytes], seconds: float) -> dict:
    line = read_line(process, time.monotonic() + seconds)
    ended = process.poll() is not None
    assert line, f"the browser said nothing: {process.stderr.read().decode() if ended else ''}"
    return json.loads(line)


def test_the_page_reloads_by_itself_and_keeps_its_place(project: Path, serve) -> None:
    served = serve("journey.yaml", cwd=project)
    shots = os.environ.get("CJM_SERVE_SHOTS", "")
    browser = subprocess.Popen(
        [NODE, str(SCRIPT), f"http://{served.host}/", "Segunda compra", shots],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NODE_PATH": str(TOOLS / "node_modules"), "CHROMIUM": CHROMIUM or ""},
    )
    try:
        ready = next_report(browser, 90)
        assert ready["ready"] == 900
        map_file = project / "journey.yaml"
        good = map_file.read_text("utf-8")
        map_file.write_text(good.replace(TITLE, "title: Segunda compra"), "utf-8")
        reloaded = next_report(browser, 30)
        assert reloaded["reloaded"] is True
        assert abs(reloaded["scrollY"] - 900) <= 2, "the scroll position is kept"
        assert reloaded["errors"] == [], "nothing was refused by the CSP or failed"
        map_file.write_text(good.replace(TITLE, 'title: "Segunda compra\n  bad: ['), "utf-8")
        broken = next_report(browser, 30)
        assert broken["problems"] and all(line.startswith("journey.yaml:") for line in broken["problems"])
        assert "Segunda compra" in broken["title"], "the last good render stays under the problems"
        assert broken["errors"] == []
    finally:
        browser.kill()
        browser.wait()
