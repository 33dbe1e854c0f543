"""Resource bombs: each is refused with a clear error or handled within the limits the README states.

Every run is a real `cjm` process; os.wait4 gives its peak memory. The bound asserted is
generous (2 GB) on purpose: the point is "never runs out of memory", not a benchmark.
The figures measured on a 2-core machine are in the README's Reliability section.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening import HEAD, TOUCHPOINT, run_measured, write_big_map

GB = 1024**3
PEAK_LIMIT = 2 * GB


def _refused(result, *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    assert result.peak_bytes < PEAK_LIMIT


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "cjm: 1\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", [["check"], ["render", "-f", "html,md"]])
def test_billion_laughs_is_refused(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(billion_laughs(), encoding="utf-8")
    result = run_measured(*command, path, cwd=tmp_path, timeout=60)
    _refused(result, "journey.yaml:", "alias")
    assert not (tmp_path / "journey.html").exists()


def test_alias_bomb_inside_a_real_map(tmp_path: Path) -> None:
    """Aliases in the places a map has lists: personas of every touchpoint, 10 per level."""
    bomb = "\n".join(f"x{level}: &x{level} [{', '.join([f'*x{level - 1}'] * 10)}]" for level in range(1, 8))
    text = "x0: &x0 [buyer]\n" + bomb + "\n" + HEAD.format(title="T")
    text += "      - action: Buys\n        channel: web\n        personas: *x7\n"
    path = tmp_path / "journey.yaml"
    path.write_text("cjm: 1\n" + text.replace("cjm: 1\n", ""), encoding="utf-8")
    _refused(run_measured("check", path, timeout=60), "alias")


def test_a_long_string_aliased_many_times_is_refused(tmp_path: Path) -> None:
    """Few nodes, much text: 1 MB anchored once and aliased 2,000 times would render 2 GB of HTML.

    The node count of the alias limit misses this; the loader also limits the text that
    aliases expand to.
    """
    path = tmp_path / "journey.yaml"
    anchored = "name: Buyer\n    description: &s " + "y" * 1_000_000
    head = HEAD.format(title="T").replace("name: Buyer", anchored)
    with path.open("w", encoding="utf-8") as stream:
        stream.write(head)
        for _ in range(2000):
            stream.write("      - action: *s\n        channel: web\n")
    result = run_measured("render", "-f", "html", path, cwd=tmp_path, timeout=60)
    _refused(result, "alias")
    assert not (tmp_path / "journey.html").exists()


def test_a_50_mb_map_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEAD.format(title="Huge"))
        stream.write(TOUCHPOINT.format(action="Buys"))
        comment = "# " + "padding " * 127 + "\n"
        for _ in range(50 * 1024 * 1024 // len(comment) + 1):
            stream.write(comment)
    assert path.stat().st_size > 50 * 1024 * 1024
    result = run_measured("check", path, timeout=60)
    _refused(result, "journey.yaml", "32 MB")
    assert result.peak_bytes < 200 * 1024 * 1024  # it never read the 50 MB


@pytest.mark.parametrize(
    "nesting",
    [
        "title: " + "[" * 5000 + "]" * 5000,
        "title: " + "{a: " * 5000 + "b" + "}" * 5000,
        "title:\n" + "".join(" " * level + "- \n" for level in range(1, 5000, 1)),
        "title:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 5000)),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings"],
)
def test_5000_levels_of_nesting_are_refused_at_64(tmp_path: Path, nesting: str) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text("cjm: 1\n" + nesting + "\n", encoding="utf-8")
    _refused(run_measured("check", path, timeout=60), "journey.yaml:", "nesting deeper than 64")


def test_a_10_mb_string_is_checked_and_rendered(tmp_path: Path) -> None:
    path = write_big_map(tmp_path / "journey.yaml", touchpoints=2, title="x" * 10_000_000)
    checked = run_measured("check", path, timeout=100)
    assert checked.returncode == 0, checked.stderr
    assert checked.peak_bytes < PEAK_LIMIT
    rendered = run_measured("render", "-f", "html,md", path, timeout=100)
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.peak_bytes < PEAK_LIMIT
    html = (tmp_path / "journey.html").read_text(encoding="utf-8")
    assert "x" * 10_000_000 in html and html.rstrip().endswith("</html>")


@pytest.fixture(scope="module")
def map_of_100000_touchpoints(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    return write_big_map(folder / "journey.yaml", touchpoints=100_000)


def test_100000_touchpoints_are_checked_in_bounded_memory(map_of_100000_touchpoints: Path) -> None:
    result = run_measured("check", "--format", "json", map_of_100000_touchpoints, timeout=110)
    assert result.returncode == 0, result.stderr[-2000:]
    assert '"coverage": 100' in result.stdout
    assert result.peak_bytes < PEAK_LIMIT


def test_100000_touchpoints_are_rendered_in_bounded_memory(map_of_100000_touchpoints: Path) -> None:
    out = map_of_100000_touchpoints.parent / "out"
    result = run_measured("render", "-f", "html,md", "-o", out, map_of_100000_touchpoints, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.peak_bytes < PEAK_LIMIT
    assert (out / "journey.html").read_text(encoding="utf-8").count("Step 99999") >= 1
