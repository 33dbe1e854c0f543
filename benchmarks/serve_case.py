"""cjm serve's speed: from the moment a 20 KB map is saved to the moment its new page is ready.

    python benchmarks/serve_case.py [--runs 15]

`measure_serve(workdir, runs)` drives the preview's own pipeline (the watcher, the renderer
thread, the render worker process, the page with its problems panel and live script), the
HTTP layer aside: each run saves the map with a new title and waits for the page that shows
it. It compares the median with `cjm render --format html` of the same map minus that
command's start-up (a process importing what the render imports), both measured in this run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402

TARGET_BYTES = 20 * 1024
STARTUP = (
    "import cjm.cli, cjm.render.jobs, cjm.load.journey\n"
    "from cjm.render.environment import environment\n"
    "environment()\n"
)


def twenty_kilobytes() -> str:
    """The generated map whose size is nearest to 20 KB."""
    texts = [generate(count, stages=5, personas=2) for count in range(10, 120, 2)]
    return min(texts, key=lambda text: abs(len(text.encode("utf-8")) - TARGET_BYTES))


def _wall(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def render_minus_startup(workdir: Path, runs: int) -> dict[str, float]:
    """`cjm render --format html` of the map, its start-up, and the difference (medians, seconds)."""
    cjm = str(Path(sys.executable).parent / "cjm")
    render = [cjm, "render", "journey.yaml", "--format", "html", "-o", str(workdir / "out.html")]
    startup = [sys.executable, "-c", STARTUP]
    _wall(render, workdir)  # warm the disk cache and the bytecode
    renders = [_wall(render, workdir) for _ in range(runs)]
    startups = [_wall(startup, workdir) for _ in range(runs)]
    render_s, startup_s = statistics.median(renders), statistics.median(startups)
    return {"render_s": render_s, "startup_s": startup_s, "render_work_s": max(render_s - startup_s, 1e-6)}


def serve_latencies(map_file: Path, runs: int) -> list[float]:
    """Seconds from each save to the new page, ready to send, for `runs` saves."""
    from cjm.serve.overlay import page_html
    from cjm.serve.preview import Preview, Renderer
    from cjm.serve.watch import Watcher
    from cjm.serve.worker import RenderWorker

    preview = Preview()
    worker = RenderWorker(map_file, timeout=30)
    renderer = Renderer(preview, worker, Watcher(lambda: renderer.changed()))
    for run in (renderer.watcher.run, renderer.run):
        threading.Thread(target=run, daemon=True).start()
    renderer.changed()
    preview.wait(0, 60)
    time.sleep(0.3)  # the watch set up on the first render's files
    original = map_file.read_text("utf-8")
    latencies = []
    try:
        for number in range(runs + 1):  # the first save warms the worker's caches
            title = f"Saved {number}"
            seen = preview.generation
            map_file.write_text(original.replace("title: Synthetic", f"title: {title}", 1), "utf-8")
            saved = time.perf_counter()
            latencies.append(_until_shown(preview, seen, title, page_html) - saved)
            time.sleep(0.05)
    finally:
        renderer.stop()
        renderer.watcher.stop()
        worker.stop()
    return latencies[1:]


def _until_shown(preview, seen: int, title: str, page_html) -> float:  # type: ignore[no-untyped-def]
    """The time at which the page showing `title` is ready to send."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        seen = preview.wait(seen, 10)
        shown = preview.page("/")
        if shown is not None and shown.html is not None and title in shown.html:
            page_html(shown)
            return time.perf_counter()
    raise RuntimeError(f"the page never showed {title!r}")


def measure_serve(workdir: Path, runs: int) -> dict[str, float]:
    """The serve figures (seconds) and the two goals' ratios: median <= 0.150 s, <= 1.5 x render."""
    workdir.mkdir(parents=True, exist_ok=True)
    map_file = workdir / "journey.yaml"
    map_file.write_text(twenty_kilobytes(), "utf-8")
    render = render_minus_startup(workdir, runs)
    latencies = serve_latencies(map_file, runs)
    median = statistics.median(latencies)
    return {
        "map_bytes": float(map_file.stat().st_size),
        "serve_median_s": median,
        "serve_max_s": max(latencies),
        **render,
        "serve_over_render": median / render["render_work_s"],
        "goal_150ms": float(median <= 0.150),
        "goal_1_5x": float(median <= 1.5 * render["render_work_s"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="cjm-serve-bench-") as folder:
        print(json.dumps(measure_serve(Path(folder), runs), indent=2))


if __name__ == "__main__":
    main()
