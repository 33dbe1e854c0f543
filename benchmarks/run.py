"""Benchmark cjm against the tools a team would use instead, in one run.

    python benchmarks/run.py            # full table (about ten minutes on 2 cores)
    python benchmarks/run.py --quick    # 3 runs, maps up to 1,000 touchpoints, no goals verdict

Every figure is the median wall time of whole processes (after one warm-up run) and the
peak resident memory of the process (GNU time's %M, else os.wait4), all measured in the same run so that
the ratios hold on a noisy machine. Each command's exit code and output are checked, so
a command that fails fast cannot look fast. The goals of issues 7 and 13 are printed last,
each with its measured ratio and PASS or FAIL; benchmarks/README.md holds a recorded table.
The Mermaid CLI case needs `mmdc` (npm); without it that case is skipped, with the reason.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import portfolio_cases  # noqa: E402
from generate import generate  # noqa: E402
from serve_case import measure_serve  # noqa: E402

BIN = Path(sys.executable).parent
SIZES = (100, 1_000, 10_000)
PDF_SIZES = (50, 200, 400)  # touchpoints of the maps whose PDF time must grow linearly
SLOW_SECONDS = 5.0  # commands slower than this get --slow-runs runs: their ratios are far from 1


@dataclass
class Measure:
    key: str  # how the goals find it, e.g. "check/10000"
    label: str
    seconds: float
    peak_mb: float
    runs: int
    map_bytes: int = 0


def tool(name: str) -> str:
    """A command from this interpreter's environment, else from PATH."""
    local = BIN / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} is not installed: pip install -e '.[bench]'")
    return found


def _gnu_time() -> str | None:
    found = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if not found:
        return None
    version = subprocess.run([found, "--version"], capture_output=True, text=True)
    return found if "GNU" in version.stdout + version.stderr else None


# Linux hands a child the parent's memory high-water mark across fork and exec (exec_mmap),
# so os.wait4 would report this script's own memory as the least any command can use. GNU
# time, a small C program, measures each command from a process of a few hundred kB.
GNU_TIME = _gnu_time()


def run_once(command: list[str], cwd: Path) -> tuple[float, float, int, bytes]:
    """(seconds, peak MB, exit code, stdout) of one run of a whole process."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as report:
        wrapped = [GNU_TIME, "-f", "%M", "-o", report.name, *command] if GNU_TIME else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        out = process.stdout.read() if process.stdout else b""  # drained so the process never blocks
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if process.stdout:
            process.stdout.close()
        peak_kb = int(report.read().split()[-1]) if GNU_TIME else usage.ru_maxrss
    return elapsed, peak_kb / 1024, os.waitstatus_to_exitcode(status), out


Verify = Callable[[bytes], bool]


@dataclass
class Case:
    key: str  # how the goals find it, e.g. "check/10000"
    label: str
    command: list[str]
    verify: Callable[[bytes], bool]
    map_bytes: int = 0


def measure_together(cases: list[Case], cwd: Path, runs: int, slow_runs: int) -> list[Measure]:
    """Medians of cases timed in rounds (a, b, c, a, b, c, ...) after one warm-up each.

    A burst of load on a shared machine then hits every case of a ratio alike. The warm-up
    also proves each command does its job; cases slower than SLOW_SECONDS get `slow_runs`.
    """
    wanted: list[int] = []
    for case in cases:
        seconds, _, code, out = run_once(case.command, cwd)  # warm-up: page cache, .pyc files
        if code != 0 or not case.verify(out):
            raise SystemExit(f"{case.label}: {' '.join(case.command)} exited {code} or did not do its job")
        wanted.append(min(runs, slow_runs) if seconds > SLOW_SECONDS else runs)
    times: list[list[float]] = [[] for _ in cases]
    peaks: list[list[float]] = [[] for _ in cases]
    for round_ in range(max(wanted)):
        for index, case in enumerate(cases):
            if round_ >= wanted[index]:
                continue
            seconds, peak, code, _ = run_once(case.command, cwd)
            if code != 0:
                raise SystemExit(f"{case.label}: exited {code} on a timed run")
            times[index].append(seconds)
            peaks[index].append(peak)
    found = []
    for index, case in enumerate(cases):
        median = statistics.median(times[index])
        print(f"  {case.label}: {median * 1000:.0f} ms, {max(peaks[index]):.0f} MB", file=sys.stderr)
        found.append(Measure(case.key, case.label, median, max(peaks[index]), wanted[index], case.map_bytes))
    return found


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def file_written(path: Path, min_bytes: int = 100) -> Verify:
    """A check that the command wrote `path` now (it is removed before each run's check)."""

    def verify(out: bytes) -> bool:
        ok = path.exists() and path.stat().st_size >= min_bytes
        path.unlink(missing_ok=True)
        return ok

    return verify


class Bench:
    def __init__(self, cwd: Path, runs: int, slow_runs: int) -> None:
        self.cwd = cwd
        self.runs = runs
        self.slow_runs = slow_runs
        self.cjm = tool("cjm")
        self.measures: dict[str, Measure] = {}
        self.pending: list[Case] = []

    def add(
        self,
        key: str,
        label: str,
        command: list[str],
        verify: Verify = lambda out: True,
        map_bytes: int = 0,
    ) -> None:
        """A case for the next measure(): the cases of one call are timed in alternation."""
        self.pending.append(Case(key, label, command, verify, map_bytes))

    def measure(self) -> None:
        for found in measure_together(self.pending, self.cwd, self.runs, self.slow_runs):
            self.measures[found.key] = found
        self.pending = []

    def startup(self, small_map: Path) -> None:
        self.add("startup/floor", "floor: python -c 'import typer, rich'", python("import typer, rich"))
        self.add("startup/help", "cjm --help", [self.cjm, "--help"], verify=lambda out: b"render" in out)
        self.add(
            "startup/version", "cjm --version", [self.cjm, "--version"], verify=lambda out: b"cjm" in out
        )
        self.measure()
        # The interface language (issue 20): the same commands through `env`, in each language,
        # timed in alternation; a catalog must cost a few milliseconds at most.
        for language in LANGUAGES:
            self.add(
                f"language/help/{language}",
                f"cjm --help, CJM_LANG={language}",
                ["env", f"CJM_LANG={language}", self.cjm, "--help"],
                verify=lambda out: b"render" in out,
            )
        for language in LANGUAGES:
            self.add(
                f"language/check/{language}",
                f"cjm check (text), CJM_LANG={language}, 100 tp",
                ["env", f"CJM_LANG={language}", self.cjm, "check", "--format", "text", str(small_map)],
                verify=lambda out: b"100" in out,
            )
        self.measure()

    def check(self, size: int, path: Path) -> None:
        size_bytes = path.stat().st_size
        load = (
            "import yaml\n"
            f"with open({str(path)!r}, 'rb') as f: data = yaml.load(f, Loader=yaml.CSafeLoader)\n"
            "assert data['stages']"
        )
        tp = f"{size:,} tp"
        self.add(f"floor/{size}", f"floor: PyYAML C loader, {tp}", python(load), map_bytes=size_bytes)
        self.add(
            f"check/{size}",
            f"cjm check --format json, {tp}",
            [self.cjm, "check", "--format", "json", str(path)],
            verify=lambda out: b'"errors": 0' in out and b'"coverage": 100.0' in out,
            map_bytes=size_bytes,
        )
        self.add(
            f"yamllint/{size}",
            f"yamllint -d relaxed, {tp}",
            [tool("yamllint"), "-d", "relaxed", str(path)],
            map_bytes=size_bytes,
        )
        self.add(
            f"jsonschema/{size}",
            f"check-jsonschema with cjm schema, {tp}",
            [tool("check-jsonschema"), "--schemafile", str(self.cwd / "schema.json"), str(path)],
            verify=lambda out: b"ok" in out,
            map_bytes=size_bytes,
        )

    def render(self, size: int, path: Path) -> None:
        for fmt in ("html", "md"):
            target = self.cwd / "out" / f"{path.stem}.{fmt}"  # -o with a suffix: this one file
            self.add(
                f"{fmt}/{size}",
                f"cjm render --format {fmt}, {size:,} tp",
                [self.cjm, "render", str(path), "--format", fmt, "-o", str(target)],
                verify=file_written(target, 1000),
                map_bytes=path.stat().st_size,
            )

    def pdf(self, samples: list[Path]) -> None:
        """cjm's PDF of each sample against WeasyPrint alone on the very HTML cjm lays out.

        The samples are copied to a folder of their own, which is then their project root;
        cjm hands WeasyPrint its PDF's HTML (pdf_html below) as a string with that root as
        base_url, and so does the floor, with the same tags (PDF/UA-1).
        """
        folder = self.cwd / "pdf"
        folder.mkdir()
        for sample in samples:
            path = folder / sample.name
            shutil.copyfile(sample, path)
            html = folder / f"{path.stem}.pdf.html"
            html.write_text(pdf_html(path), encoding="utf-8")
            base_url = folder.resolve().as_uri() + "/"
            floor_pdf, cjm_pdf = folder / "floor.pdf", folder / f"{path.stem}.pdf"
            code = (
                "import weasyprint, pathlib\n"
                f"html = pathlib.Path({str(html)!r}).read_text(encoding='utf-8')\n"
                f"weasyprint.HTML(string=html, base_url={base_url!r}).write_pdf({str(floor_pdf)!r}, "
                "pdf_variant='pdf/ua-1', pdf_tags=True)"
            )
            self.add(f"pdf-floor/{path.stem}", f"floor: WeasyPrint alone, {sample.name}", python(code))
            self.add(
                f"pdf/{path.stem}",
                f"cjm render --format pdf, {sample.name}",
                [self.cjm, "render", str(path), "--format", "pdf"],
            )
            self.measure()
            pages, floor_pages = page_count(cjm_pdf), page_count(floor_pdf)
            if pages != floor_pages:  # then the floor did not render the same document
                raise SystemExit(f"{sample.name}: cjm's PDF has {pages} pages, the floor's {floor_pages}")
            measure_ = self.measures[f"pdf/{path.stem}"]
            measure_.label += f" ({pages} pages, {pages / measure_.seconds:.1f} pages/s)"

    def mermaid(self, sample: Path, mmdc: list[str]) -> None:
        """cjm's whole PDF (poster and detail pages) against Mermaid CLI drawing the same journey
        as one `journey` diagram, to PDF too, in alternation."""
        folder = self.cwd / "mermaid"
        folder.mkdir()
        path = folder / sample.name
        shutil.copyfile(sample, path)
        diagram = folder / f"{path.stem}.mmd"
        diagram.write_text(mermaid_journey(path), encoding="utf-8")
        cjm_pdf, mermaid_pdf = folder / f"{path.stem}.pdf", folder / f"{path.stem}.mermaid.pdf"
        self.add(
            f"mermaid-pdf/{path.stem}",
            f"cjm render --format pdf (poster + detail pages), {sample.name}",
            [self.cjm, "render", str(path), "--format", "pdf"],
            verify=file_written(cjm_pdf, 10_000),
        )
        self.add(
            f"mermaid/{path.stem}",
            f"Mermaid CLI, the same journey as a journey diagram, to PDF, {sample.name}",
            [*mmdc, "-q", "-i", str(diagram), "-o", str(mermaid_pdf)],
            verify=file_written(mermaid_pdf, 1000),
        )
        self.measure()

    def pdf_growth(self, sizes: tuple[int, ...]) -> None:
        """cjm's PDF of maps of growing size (8 stages, 4 personas), timed in alternation."""
        folder = self.cwd / "pdf-growth"
        folder.mkdir()
        for size in sizes:
            path = folder / f"map-{size}.yaml"
            path.write_text(generate(size, stages=8, personas=4), encoding="utf-8")
            target = folder / f"map-{size}.pdf"
            self.add(
                f"pdf-growth/{size}",
                f"cjm render --format pdf, {size:,} tp",
                [self.cjm, "render", str(path), "--format", "pdf", "-o", str(target)],
                verify=file_written(target, 10_000),
                map_bytes=path.stat().st_size,
            )
        self.measure()
        for size in sizes:
            measure_ = self.measures[f"pdf-growth/{size}"]
            measure_.label += f" ({page_count(folder / f'map-{size}.pdf') or '?'} pages)"


def pdf_html(path: Path) -> str:
    """The HTML cjm lays out for a map's PDF (its poster, personas and stages), as cjm makes it."""
    code = (
        "import sys; from pathlib import Path\n"
        "from cjm.render import render_pdf_html\n"
        "from cjm.render.jobs import plan_render\n"
        f"plan = plan_render([Path({str(path)!r})], ['pdf'], None, None, None, None)\n"
        "job = plan.jobs[0]; renderer = plan.renderers[job.project_root]\n"
        "from cjm.render import persona_view\n"
        "view = persona_view(\n"
        "    plan.maps[job.map_path], None, theme=renderer.theme, page_size=renderer.paper.css\n"
        ")\n"
        "sys.stdout.write(render_pdf_html(view, renderer.paper, renderer.folders))\n"
    )
    return subprocess.run(python(code), capture_output=True, text=True, check=True).stdout


def mermaid_journey(path: Path) -> str:
    """The map as one Mermaid `journey` diagram: a section per stage, a task per touchpoint
    with an emotion (score = emotion + 3), its personas as actors."""
    code = (
        "import sys; from pathlib import Path\n"
        "from cjm.load.journey import load_map\n"
        "from cjm.render.escape import mermaid_actor, mermaid_text\n"
        f"journey = load_map(Path({str(path)!r}))\n"
        "names = {persona.id: persona.name for persona in journey.personas}\n"
        "lines = ['journey', '    title ' + mermaid_text(journey.title)]\n"
        "for stage in journey.stages:\n"
        "    lines.append('    section ' + mermaid_text(stage.name))\n"
        "    for touchpoint in stage.touchpoints:\n"
        "        if touchpoint.emotion is None:\n"
        "            continue\n"
        "        who = journey.persona_ids_of(touchpoint)\n"
        "        actors = ', '.join(mermaid_actor(names[i]) for i in who)\n"
        "        score = touchpoint.emotion + 3\n"
        "        lines.append(f'      {mermaid_text(touchpoint.action)}: {score}: {actors}')\n"
        "sys.stdout.write('\\n'.join(lines) + '\\n')\n"
    )
    return subprocess.run(python(code), capture_output=True, text=True, check=True).stdout


def mermaid_cli() -> tuple[list[str] | None, str]:
    """The Mermaid CLI command (with its browser's config), or None and why it is not there.

    `mmdc` from npm (@mermaid-js/mermaid-cli) finds its Chromium through a puppeteer config:
    CJM_MMDC and CJM_PUPPETEER_CONFIG name them, else `mmdc` on PATH and no config.
    """
    found = os.environ.get("CJM_MMDC") or shutil.which("mmdc")
    if not found or not Path(found).exists():
        return None, "Mermaid CLI (mmdc) not found: npm install @mermaid-js/mermaid-cli, or set CJM_MMDC"
    config = os.environ.get("CJM_PUPPETEER_CONFIG")
    return [found, *(["-p", config] if config else [])], ""


def page_count(path: Path) -> int:
    info = shutil.which("pdfinfo")
    if not info or not path.exists():
        return 0
    output = subprocess.run([info, str(path)], capture_output=True, text=True).stdout
    line = next((line for line in output.splitlines() if line.startswith("Pages:")), "Pages: 0")
    return int(line.split()[1])


def table(measures: dict[str, Measure]) -> str:
    rows = ["| case | median | peak memory | peak / map size |", "|---|---:|---:|---:|"]
    for item in measures.values():
        ratio = f"{item.peak_mb * 1048576 / item.map_bytes:.1f}x" if item.map_bytes > 1_000_000 else ""
        rows.append(f"| {item.label} | {item.seconds * 1000:,.0f} ms | {item.peak_mb:.0f} MB | {ratio} |")
    return "\n".join(rows)


@dataclass
class Goal:
    text: str
    measured: float
    limit: float
    strict: bool = False  # "under" rather than "within"
    shown: str = "{:.2f}x"

    @property
    def met(self) -> bool:
        return self.measured < self.limit if self.strict else self.measured <= self.limit


LANGUAGES = ("en", "es", "pl")


def language_goals(seconds: dict[str, float]) -> list[Goal]:
    """Issue 20: speaking Spanish or Polish costs `--help` and `check` at most 10 % more."""
    return [
        Goal(
            f"cjm {command} in {language} / in en <= 1.1",
            seconds[f"language/{command}/{language}"] / seconds[f"language/{command}/en"],
            1.1,
        )
        for command in ("help", "check")
        for language in LANGUAGES[1:]
        if f"language/{command}/en" in seconds
    ]


def goals(m: dict[str, Measure], big: int, samples: list[str]) -> list[Goal]:
    """The goals of issues 7 and 13, read off one run's medians (whole processes)."""
    seconds = {key: item.seconds for key, item in m.items()}
    found = [
        Goal(
            "cjm --help / python -c 'import typer, rich' <= 1.3",
            seconds["startup/help"] / seconds["startup/floor"],
            1.3,
        ),
        *language_goals(seconds),
        Goal(
            f"check {big:,} tp / PyYAML C loader <= 2",
            seconds[f"check/{big}"] / seconds[f"floor/{big}"],
            2.0,
        ),
        Goal(
            f"check {big:,} tp / yamllint < 1",
            seconds[f"check/{big}"] / seconds[f"yamllint/{big}"],
            1.0,
            strict=True,
        ),
        Goal(
            f"check {big:,} tp / check-jsonschema < 1",
            seconds[f"check/{big}"] / seconds[f"jsonschema/{big}"],
            1.0,
            strict=True,
        ),
        Goal(
            f"check {big:,} tp / check {big // 10:,} tp (10x the map) <= 11",
            seconds[f"check/{big}"] / seconds[f"check/{big // 10}"],
            11.0,
        ),
        Goal(
            f"render html {big:,} tp / check {big:,} tp < 2",
            seconds[f"html/{big}"] / seconds[f"check/{big}"],
            2.0,
            strict=True,
        ),
    ]
    for stem in samples:
        found.append(
            Goal(
                f"PDF {stem} / WeasyPrint alone on the same HTML <= 1.15",
                seconds[f"pdf/{stem}"] / seconds[f"pdf-floor/{stem}"],
                1.15,
            )
        )
    found += pdf_goals(m, seconds)
    for key in (f"check/{big}", f"html/{big}", f"md/{big}"):
        item = m[key]
        found.append(
            Goal(
                f"peak memory of {item.label} / map size < 20",
                item.peak_mb * 1048576 / item.map_bytes,
                20.0,
                strict=True,
                shown="{:.1f}x",
            )
        )
    return found


def pdf_goals(m: dict[str, Measure], seconds: dict[str, float]) -> list[Goal]:
    """Issue 13: the whole PDF no slower than Mermaid's diagram, PDF time linear in touchpoints."""
    found = [
        Goal(
            f"PDF {key.split('/', 1)[1]} (poster + details) / Mermaid CLI journey diagram <= 1.0",
            seconds[key] / seconds[key.replace("mermaid-pdf/", "mermaid/")],
            1.0,
        )
        for key in m
        if key.startswith("mermaid-pdf/")
    ]
    sizes = sorted(int(key.split("/")[1]) for key in m if key.startswith("pdf-growth/"))
    if len(sizes) >= 3:
        small, mid, big = sizes[0], sizes[-2], sizes[-1]
        per_touchpoint = [
            (seconds[f"pdf-growth/{size}"] - seconds[f"pdf-growth/{small}"]) / (size - small)
            for size in (mid, big)
        ]
        found.append(
            Goal(
                f"PDF time per extra touchpoint at {big:,} tp / at {mid:,} tp (linear: 1) <= 1.2",
                per_touchpoint[1] / max(per_touchpoint[0], 1e-9),
                1.2,
            )
        )
    return found


def goal_table(found: list[Goal]) -> str:
    rows = ["| goal | measured | verdict |", "|---|---:|---|"]
    for goal in found:
        shown = goal.shown.format(goal.measured)
        rows.append(f"| {goal.text} | {shown} | {'PASS' if goal.met else 'FAIL'} |")
    return "\n".join(rows)


def growth_note(m: dict[str, Measure], sizes: tuple[int, ...]) -> str:
    """The cost per touchpoint net of the fixed cost (startup, imports), for the curious."""
    if len(sizes) < 3:
        return ""
    small, mid, big = sizes
    fixed = m[f"check/{small}"].seconds
    net = (m[f"check/{big}"].seconds - fixed) / max(m[f"check/{mid}"].seconds - fixed, 1e-9)
    return (
        f"Net of the {small}-touchpoint run (startup and imports), check {big:,} tp costs "
        f"{net:.1f}x check {mid:,} tp for {(big - small) / (mid - small):.1f}x the extra touchpoints."
    )


def portfolio(bench: Bench, size: int, quick: bool) -> None:
    """Issues 15 and 16: diff against check of the same map, build in parallel and unchanged."""
    portfolio_cases.add_diff(bench, size)
    bench.measure()
    if quick:
        portfolio_cases.BUILD_MAPS = 20
    folder = portfolio_cases.add_build(bench)
    bench.measure()
    portfolio_cases.add_rebuild(bench, folder)
    bench.measure()
    SERVE.update(measure_serve(bench.cwd / "serve", bench.runs * 2))
    print(f"  cjm serve, save to new page: {SERVE['serve_median_s'] * 1000:.0f} ms (median)", file=sys.stderr)


SERVE: dict[str, float] = {}  # issue 18's figures, measured in-process by serve_case.py


def serve_goals() -> list[Goal]:
    if not SERVE:
        return []
    return [
        Goal(
            "cjm serve: 20 KB map saved -> new page ready, median (s) <= 0.150",
            SERVE["serve_median_s"],
            0.150,
            shown="{:.3f}",
        ),
        Goal("cjm serve / (cjm render --format html - its start-up) <= 1.5", SERVE["serve_over_render"], 1.5),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 runs, maps up to 1,000 touchpoints")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command (default 7)")
    parser.add_argument(
        "--slow-runs", type=int, default=3, help=f"timed runs of commands over {SLOW_SECONDS:.0f} s"
    )
    parser.add_argument("--skip-pdf", action="store_true")
    parser.add_argument(
        "--pdf-only", action="store_true", help="only the PDF cases: Mermaid CLI and the PDF's growth"
    )
    parser.add_argument(
        "--portfolio-only", action="store_true", help="only the cases of cjm diff, cjm build (and serve)"
    )
    parser.add_argument(
        "--startup-only", action="store_true", help="only start-up: --help, --version, each language"
    )
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = SIZES[:2] if args.quick else SIZES
    samples = sorted((ROOT / "samples").glob("*.yaml"))
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="cjm-bench-") as folder:
        cwd = Path(folder)
        bench = Bench(cwd, runs, args.slow_runs)
        schema = subprocess.run([bench.cjm, "schema"], capture_output=True, text=True, check=True)
        (cwd / "schema.json").write_text(schema.stdout)
        paths = {size: cwd / f"map-{size}.yaml" for size in sizes}
        for size, path in paths.items():
            path.write_text(generate(size), encoding="utf-8")
        only = args.pdf_only or args.portfolio_only or args.startup_only
        if not args.pdf_only and not args.portfolio_only:
            bench.startup(paths[sizes[0]])
        if not args.pdf_only and not args.startup_only:
            portfolio(bench, sizes[-1], args.quick)
        for size, path in paths.items() if not only else ():
            bench.check(size, path)  # the cases of one size are timed in alternation
            bench.render(size, path)
            bench.measure()
        if not args.skip_pdf and not args.portfolio_only and not args.startup_only:
            if not args.pdf_only:
                bench.pdf(samples)
            mmdc, missing = mermaid_cli()
            if mmdc is None:
                print(f"skipped the Mermaid case: {missing}", file=sys.stderr)
            else:
                bench.mermaid(ROOT / "samples" / "tienda-online.yaml", mmdc)
            bench.pdf_growth(PDF_SIZES[:2] if args.quick else PDF_SIZES)
    minutes = (time.time() - started) / 60
    print(
        f"{runs} timed runs each ({args.slow_runs} for commands over {SLOW_SECONDS:.0f} s) after a "
        f"warm-up; Python {sys.version.split()[0]}, {os.cpu_count()} cores; {minutes:.1f} minutes\n"
    )
    print(table(bench.measures))
    seconds = {key: item.seconds for key, item in bench.measures.items()}
    if args.pdf_only:
        print(f"\n{goal_table(pdf_goals(bench.measures, seconds))}")
    if args.startup_only:
        startup = Goal(
            "cjm --help / python -c 'import typer, rich' <= 1.3",
            seconds["startup/help"] / seconds["startup/floor"],
            1.3,
        )
        print(f"\n{goal_table([startup, *language_goals(seconds)])}")
    if args.portfolio_only:
        print(f"\n{goal_table(portfolio_cases.goals(Goal, seconds, sizes[-1]) + serve_goals())}")
    if args.quick or args.skip_pdf or only:
        return
    print()
    found = goals(bench.measures, sizes[-1], [path.stem for path in samples])
    print(goal_table(found + portfolio_cases.goals(Goal, seconds, sizes[-1]) + serve_goals()))
    print()
    print(growth_note(bench.measures, sizes))


if __name__ == "__main__":
    main()
