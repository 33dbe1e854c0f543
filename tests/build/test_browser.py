"""The site in a real browser: the index's script runs under the page's own CSP, and (where axe-core
is installed) every page passes WCAG 2.1 AA."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.build.conftest import make_portfolio
from tests.build.sitecheck import SITE_PAGES, parse
from tests.conftest import run_cjm

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
AXE = Path(os.environ.get("CJM_AXE", "/work/tools/axe.js"))
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_portfolio(tmp_path_factory.mktemp("browser") / "project")
    run_cjm("build", cwd=project)
    return project / "build" / "site"


def dump_dom(page: Path) -> str:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=90,
        )
    return result.stdout


def test_the_index_script_runs_under_its_csp_and_shows_the_controls(site: Path) -> None:
    before = parse(site / "index.html")
    form = next(e for e in before.all("form") if e.attributes.get("id") == "journey-controls")
    assert "hidden" in form.attributes  # without the script, the page shows every card and no dead controls
    dom = dump_dom(site / "index.html")
    after = parse_text(dom)
    form = next(e for e in after.all("form") if e.attributes.get("id") == "journey-controls")
    assert "hidden" not in form.attributes
    assert "4 of 4 journeys shown" in dom


def parse_text(text: str):
    from tests.build.sitecheck import Page

    page = Page()
    page.feed(text)
    return page


@pytest.mark.skipif(not AXE.is_file() or shutil.which("node") is None, reason="axe-core runner not installed")
@pytest.mark.parametrize("name", SITE_PAGES)
def test_every_page_passes_axe_wcag_2_1_aa(site: Path, name: str) -> None:
    result = subprocess.run(
        ["node", str(AXE), str(site / name)], capture_output=True, text=True, timeout=180, cwd=AXE.parent
    )
    report = json.loads(result.stdout)
    violations = {width: [item["id"] for item in found["violations"]] for width, found in report.items()}
    assert result.returncode == 0 and all(not found for found in violations.values()), violations
