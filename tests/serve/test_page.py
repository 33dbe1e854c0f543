"""What `cjm serve` serves: the map's page under a strict policy, the findings, a project's pages."""

from __future__ import annotations

import re
from pathlib import Path

TITLE = "title: Primera compra en Café en Casa"


def test_the_map_page_is_served_with_a_strict_policy(project: Path, serve) -> None:
    served = serve("journey.yaml", cwd=project)
    assert served.first_line.startswith("Serving journey.yaml at http://127.0.0.1:")
    page = served.get("/")
    assert page.status == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Primera compra en Café en Casa" in page.body
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self';" in policy
    assert "connect-src 'self'" in policy and "img-src 'self' data:" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page.body, re.S)
    assert scripts == [""], "the only script is the served file, nothing inline"
    live = served.get("/_cjm/live.js")
    assert live.status == 200 and live.headers["Content-Type"] == "text/javascript"
    assert "EventSource" in live.body


def test_check_findings_are_in_a_panel_that_folds(minimal: Path, serve) -> None:
    page = serve("journey.yaml", cwd=minimal).get("/").body
    panel = re.search(
        r'<details class="cjm-serve-findings"><summary>cjm check: (\d+) findings?</summary>', page
    )
    assert panel and int(panel.group(1)) > 0
    assert re.search(r"<code>journey\.yaml:\d+:\d+: (error|warning|info) CJM\d{3}: ", page)


def test_a_project_is_an_index_with_a_page_per_map(project: Path, serve) -> None:
    (project / "second.yaml").write_text((project / "journey.yaml").read_text("utf-8"), "utf-8")
    (project / "cjm.yaml").write_text("maps: [journey.yaml, second.yaml]\n", "utf-8")
    served = serve(cwd=project)
    index = served.get("/")
    assert index.status == 200 and "maps/journey.html" in index.body and "maps/second.html" in index.body
    assert 'http-equiv="Content-Security-Policy"' not in index.body, "the header's policy is the one"
    script_hashes = re.findall(r"'sha256-[^']+'", index.headers["Content-Security-Policy"])
    assert len(script_hashes) == 1, "the index's own sorting script is allowed by its hash"
    assert served.get("/maps/second.html").status == 200
    for page in ("/backlog.html", "/data.html", "/personas.html"):
        assert served.get(page).status == 200
    assert served.get("/maps/third.html").status == 404


def test_the_project_is_byte_identical_after_a_session(project: Path, serve) -> None:
    (project / "cjm.yaml").write_text("theme:\n  color: '#123456'\n", "utf-8")

    def tree() -> dict[str, bytes]:
        return {
            str(path.relative_to(project)): path.read_bytes() for path in project.rglob("*") if path.is_file()
        }

    before = tree()
    served = serve(cwd=project)
    for address in ("/", "/maps/journey.html", "/backlog.html", "/_cjm/live.js"):
        assert served.get(address).status == 200
    code, _err = served.stop()
    assert code == 130
    assert tree() == before
    assert sorted(path.name for path in project.iterdir()) == ["cjm.yaml", "journey.yaml"]
