"""While a map does not load (or does not render in time), the page keeps the last render and says why."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.serve.served import wait_for

TITLE = "title: Primera compra en Café en Casa"


def test_a_broken_map_keeps_the_last_page_and_shows_its_problems(project: Path, serve) -> None:
    served = serve("journey.yaml", cwd=project)
    events = served.events()
    events.next_change()
    map_file = project / "journey.yaml"
    good = map_file.read_text("utf-8")
    broken = good.replace(TITLE, 'title: "<script>alert(1)</script>\n  bad: [')
    map_file.write_text(broken, "utf-8")
    events.next_change(timeout=3)
    page = served.get("/").body
    assert "Primera compra en Café en Casa" in page, "the last good render stays"
    problems = re.search(r'<section class="cjm-serve-problems".*?</section>', page, re.S)
    assert problems, page[:2000]
    lines = re.findall(r"<li><code>(.*?)</code></li>", problems.group(0))
    assert lines and all(re.match(r"journey\.yaml:\d+:\d+: ", html.unescape(line)) for line in lines)
    assert "<script>alert" not in page
    # Fixed, the problems go.
    map_file.write_text(good, "utf-8")
    events.next_change(timeout=3)
    assert "cjm-serve-problems" not in served.get("/").body
    events.close()


def test_a_map_that_never_loaded_shows_only_its_problems(tmp_path: Path, serve) -> None:
    (tmp_path / "journey.yaml").write_text("cjm: 1\ntitle: [unclosed\n", "utf-8")
    page = serve("journey.yaml", cwd=tmp_path).get("/")
    assert page.status == 200
    assert (
        "Fix these problems, then save" in page.body and "Nothing to show until they are fixed" in page.body
    )
    assert re.search(r"<code>journey\.yaml:\d+:\d+: ", page.body)


def test_a_render_that_takes_too_long_is_stopped(project: Path, serve) -> None:
    templates = project / "templates"
    templates.mkdir()
    slow = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    (templates / "journey.html.j2").write_text(slow, "utf-8")
    (project / "cjm.yaml").write_text("render:\n  templates: templates\n", "utf-8")
    served = serve("journey.yaml", "--timeout", "1", cwd=project)
    page = served.get("/").body
    assert "took longer than 1 s and was stopped" in page
    # The preview lives on: the template fixed, the page comes.
    events = served.events()
    events.next_change()
    (templates / "journey.html.j2").write_text("<p>{{ map.title }}</p>", "utf-8")
    events.next_change(timeout=5)
    assert "<p>Primera compra en Café en Casa</p>" in served.get("/").body
    events.close()


def test_problems_are_escaped_text(project: Path, serve) -> None:
    served = serve("journey.yaml", cwd=project)
    events = served.events()
    events.next_change()
    map_file = project / "journey.yaml"
    hostile = '"<img src=x onerror=alert(1)>\\u202e\\u0007": 1'
    map_file.write_text(map_file.read_text("utf-8").replace(TITLE, f"{TITLE}\n{hostile}"), "utf-8")
    events.next_change(timeout=3)
    page = served.get("/").body
    assert "<img src=x" not in page
    assert "unknown key &#x27;&lt;img src=x onerror=alert(1)&gt;\\u202e\\x07&#x27;" in page
    events.close()


def test_a_burst_of_saves_ends_on_the_last_one(project: Path, serve) -> None:
    served = serve("journey.yaml", cwd=project)
    events = served.events()
    first = events.next_change()
    map_file = project / "journey.yaml"
    original = map_file.read_text("utf-8")
    for number in range(25):
        map_file.write_text(original.replace(TITLE, f"title: Versión {number}"), "utf-8")
    wait_for(lambda: "Versión 24" in served.get("/").body, timeout=5)
    generation = int(re.search(r'data-generation="(\d+)"', served.get("/").body).group(1))
    assert first < generation <= first + 25, "stale renders are dropped, never shown after a newer one"
    events.close()
