"""Benchmark cases of `cjm diff` (issue 15) and `cjm build` (issue 16), used by run.py.

Each function adds its cases to a `Bench` (timed in alternation with their reference) and
returns the goals read off the medians, so the ratios hold on a noisy machine.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

from generate import generate

BUILD_MAPS = 100
BUILD_TOUCHPOINTS = 100


def _git(folder: Path, *args: str) -> None:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    environment |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    subprocess.run(["git", *args], cwd=folder, env=environment, check=True, capture_output=True)


def changed_journey(text: str) -> str:
    """The same map with every tenth emotion lowered by one and every twentieth action renamed:
    a review's worth of changes spread over the whole map."""
    count = 0

    def emotion(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        value = int(match[2])
        return f"{match[1]}{value - 1 if count % 10 == 0 and value > -2 else value}"

    text = re.sub(r"(\n\s+emotion: )(-?\d)", emotion, text)
    actions = iter(range(1, 10**9))
    return re.sub(
        r"(\n\s+- action: )(.+)", lambda m: m[0] + (" (new)" if next(actions) % 20 == 0 else ""), text
    )


def add_diff(bench: Any, size: int) -> None:
    """`cjm diff HEAD` of a map of `size` touchpoints against `cjm check` of the same map."""
    folder = bench.cwd / "diff"
    folder.mkdir()
    original = generate(size)
    path = folder / "journey.yaml"
    path.write_text(original, encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", "journey.yaml")
    _git(folder, "commit", "-q", "-m", "before")
    path.write_text(changed_journey(original), encoding="utf-8")
    bench.add(
        f"diff-check/{size}",
        f"cjm check --format json, the changed map, {size:,} tp",
        [bench.cjm, "check", "--format", "json", str(path)],
        verify=lambda out: b'"coverage"' in out,
    )
    bench.add(
        f"diff/{size}",
        f"cjm diff HEAD --format json (git version against the working tree), {size:,} tp",
        [bench.cjm, "diff", "HEAD", "--format", "json", "--", str(path)],
        verify=lambda out: b"changed" in out,
    )


def write_portfolio(folder: Path, maps: int, touchpoints: int) -> None:
    """A project of `maps` maps listed in cjm.yaml, each of `touchpoints` touchpoints."""
    folder.mkdir()
    names = []
    for number in range(maps):
        text = generate(touchpoints, stages=5, personas=2)
        text = text.replace("title: Synthetic journey", f"title: Journey {number}, synthetic", 1)
        (folder / f"journey-{number:03}.yaml").write_text(text, encoding="utf-8")
        names.append(f"journey-{number:03}.yaml")
    (folder / "cjm.yaml").write_text("maps:\n" + "".join(f"  - {n}\n" for n in names), encoding="utf-8")


def add_build(bench: Any) -> Path:
    """`cjm build` of a portfolio in parallel and with --jobs 1, each into a fresh site."""
    folder = bench.cwd / "portfolio"
    write_portfolio(folder, BUILD_MAPS, BUILD_TOUCHPOINTS)
    label = f"{BUILD_MAPS} maps of {BUILD_TOUCHPOINTS} tp"
    for key, jobs in (("build/all", []), ("build/1", ["--jobs", "1"])):
        site = folder / f"site-{key.split('/')[1]}"
        # A fresh site each run: `rm -rf` is part of neither command, so it runs in a shell
        # whose own time (a few ms) is the same for both cases.
        command = ["sh", "-c", f'rm -rf "{site}" && exec "$@"', "sh", bench.cjm, "build", str(folder)]
        bench.add(
            key, f"cjm build {' '.join(jobs) or '(all cores)'}, {label}", [*command, "-o", str(site), *jobs]
        )
    return folder


def add_rebuild(bench: Any, folder: Path) -> None:
    """A second `cjm build` with nothing changed against one `cjm check` of the same maps."""
    site = folder / "site-warm"
    subprocess.run([bench.cjm, "build", str(folder), "-o", str(site)], check=True, capture_output=True)
    label = f"{BUILD_MAPS} maps of {BUILD_TOUCHPOINTS} tp"
    bench.add(
        "rebuild", f"cjm build, nothing changed, {label}", [bench.cjm, "build", str(folder), "-o", str(site)]
    )
    bench.add("rebuild-check", f"cjm check, {label}", [bench.cjm, "check", str(folder)])


def goals(goal: Any, seconds: dict[str, float], big: int) -> list[Any]:
    """The speed goals of issues 15 and 16, where their cases ran."""
    found = []
    if f"diff/{big}" in seconds:
        found.append(
            goal(
                f"diff {big:,} tp / check {big:,} tp <= 2.5",
                seconds[f"diff/{big}"] / seconds[f"diff-check/{big}"],
                2.5,
            )
        )
    if "build/all" in seconds:
        found.append(
            goal("build, all cores / build --jobs 1 <= 0.65", seconds["build/all"] / seconds["build/1"], 0.65)
        )
    if "rebuild" in seconds:
        found.append(
            goal(
                "build, nothing changed / check of the same maps <= 1.5",
                seconds["rebuild"] / seconds["rebuild-check"],
                1.5,
            )
        )
    return found
