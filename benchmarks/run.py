"""Benchmark cjm against the tools a team would use instead, in one run.

    python benchmarks/run.py            # full table (a few minutes)
    python benchmarks/run.py --quick    # fewer runs, smaller maps

Every figure is the median wall time of whole processes (after one warm-up run) and the
peak resident memory of the process, all measured in the same run so that the ratios
hold on a noisy machine. The goals the table is read against are in benchmarks/README.md.
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
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
SIZES = (100, 1_000, 10_000)


@dataclass
class Measure:
    label: str
    seconds: float
    peak_mb: float
    runs: int


def tool(name: str) -> str | None:
    """A command from this interpreter's environment, else from PATH."""
    local = BIN / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def run_once(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of one run of a whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def measure(label: str, command: list[str], cwd: Path, runs: int, ok: tuple[int, ...] = (0, 1)) -> Measure:
    _, _, code = run_once(command, cwd)  # warm-up: page cache, .pyc files
    if code not in ok:
        raise SystemExit(f"{label}: {' '.join(command)} exited {code}")
    times, peaks = [], []
    for _ in range(runs):
        seconds, peak, _ = run_once(command, cwd)
        times.append(seconds)
        peaks.append(peak)
    return Measure(label, statistics.median(times), max(peaks), runs)


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def startup(cwd: Path, runs: int) -> list[Measure]:
    cjm = tool("cjm")
    assert cjm, "cjm is not installed in this environment"
    return [
        measure("floor: python -c 'import typer, rich'", python("import typer, rich"), cwd, runs),
        measure("cjm --help", [cjm, "--help"], cwd, runs),
        measure("cjm --version", [cjm, "--version"], cwd, runs),
    ]


def check(cwd: Path, size: int, runs: int) -> list[Measure]:
    cjm = tool("cjm")
    assert cjm
    path = cwd / f"map-{size}.yaml"
    load = f"import yaml; yaml.load(open({str(path)!r}, encoding='utf-8'), Loader=yaml.CSafeLoader)"
    results = [
        measure(f"floor: PyYAML C loader, {size} tp", python(load), cwd, runs),
        measure(f"cjm check --format json, {size} tp", [cjm, "check", "--format=json", str(path)], cwd, runs),
    ]
    yamllint = tool("yamllint")
    if yamllint:
        command = [yamllint, "-d", "relaxed", str(path)]
        results.append(measure(f"yamllint, {size} tp", command, cwd, runs))
    check_jsonschema = tool("check-jsonschema")
    if check_jsonschema:
        command = [check_jsonschema, "--schemafile", str(cwd / "schema.json"), str(path)]
        results.append(measure(f"check-jsonschema, {size} tp", command, cwd, runs))
    return results


def render(cwd: Path, size: int, runs: int) -> list[Measure]:
    cjm = tool("cjm")
    assert cjm
    path = cwd / f"map-{size}.yaml"
    out = cwd / "out"
    return [
        measure(
            f"cjm render --format {fmt}, {size} tp",
            [cjm, "render", str(path), "--format", fmt, "-o", str(out)],
            cwd,
            runs,
        )
        for fmt in ("html", "md")
    ]


def pdf(cwd: Path, runs: int) -> list[Measure]:
    cjm = tool("cjm")
    assert cjm
    results = []
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        out = cwd / "pdf"
        html = out / f"{sample.stem}.html"
        subprocess.run([cjm, "render", str(sample), "--format", "html", "-o", str(out)], check=True)
        command = [cjm, "render", str(sample), "--format", "pdf", "-o", str(out)]
        mine = measure(f"cjm render --format pdf, {sample.name}", command, cwd, runs)
        code = (
            "import weasyprint; weasyprint.HTML(filename="
            f"{str(html)!r}).write_pdf({str(out / 'floor.pdf')!r})"
        )
        floor = measure(f"floor: WeasyPrint alone, {sample.name}", python(code), cwd, runs)
        pages = page_count(out / f"{sample.stem}.pdf")
        mine.label += f" ({pages} pages, {pages / mine.seconds:.1f} pages/s)"
        results += [floor, mine]
    return results


def page_count(path: Path) -> int:
    info = shutil.which("pdfinfo")
    if not info or not path.exists():
        return 0
    output = subprocess.run([info, str(path)], capture_output=True, text=True).stdout
    line = next((line for line in output.splitlines() if line.startswith("Pages:")), "Pages: 0")
    return int(line.split()[1])


def table(measures: list[Measure], sizes: dict[str, int]) -> str:
    rows = ["| case | median | peak memory | memory / map size |", "|---|---:|---:|---:|"]
    for item in measures:
        size = next((bytes_ for key, bytes_ in sizes.items() if key in item.label), 0)
        ratio = f"{item.peak_mb * 1048576 / size:.1f}x" if size else ""
        rows.append(f"| {item.label} | {item.seconds * 1000:.0f} ms | {item.peak_mb:.0f} MB | {ratio} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 runs and maps up to 1,000 touchpoints")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    sizes = SIZES[:2] if args.quick else SIZES
    with tempfile.TemporaryDirectory(prefix="cjm-bench-") as folder:
        cwd = Path(folder)
        map_bytes: dict[str, int] = {}
        for size in sizes:
            path = cwd / f"map-{size}.yaml"
            path.write_text(generate(size), encoding="utf-8")
            map_bytes[f", {size} tp"] = path.stat().st_size
        schema = subprocess.run([tool("cjm") or "cjm", "schema"], capture_output=True, text=True, check=True)
        (cwd / "schema.json").write_text(schema.stdout)
        measures = startup(cwd, runs)
        for size in sizes:
            measures += check(cwd, size, runs)
        for size in sizes:
            measures += render(cwd, size, runs)
        if not args.skip_pdf:
            measures += pdf(cwd, max(3, runs // 2))
    print(f"{runs} runs each after a warm-up; Python {sys.version.split()[0]}, {os.cpu_count()} cores\n")
    print(table(measures, map_bytes))


if __name__ == "__main__":
    main()
