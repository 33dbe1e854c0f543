"""The long fuzz run: many random maps through `cjm check` and `cjm render`, in process.

    python fuzz/run.py --examples 20000 --minutes 20

Generates inputs with the strategies of tests/fuzzing.py (YAML-ish text, random documents
dumped by yaml.safe_dump, mutated samples, samples with random Unicode, byte-flipped
samples), runs `cjm check --format json` and `cjm render -f html,md` on each, and counts the
inputs whose run did not end with exit 0, 1 or 2 and a message. Failing inputs are saved in
fuzz/failures/ with what cjm printed. Exit status: 1 if any input failed.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402

from tests.fuzzing import any_input, run_pipeline  # noqa: E402


class _Done(Exception):
    """The time budget ran out."""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=5000, help="inputs to try (default 5000)")
    parser.add_argument("--minutes", type=float, default=30, help="stop after this long (default 30)")
    parser.add_argument("--pdf-every", type=int, default=0, help="also render a PDF every N inputs")
    parser.add_argument("--failures", type=Path, default=ROOT / "fuzz" / "failures")
    options = parser.parse_args()

    tried = 0
    failed = 0
    codes: Counter[tuple[int, ...]] = Counter()
    deadline = time.monotonic() + options.minutes * 60
    started = time.monotonic()

    @settings(
        max_examples=options.examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # keep going after a failure: count, save, move on
        suppress_health_check=list(HealthCheck),
    )
    @given(content=any_input())
    def one(content: str | bytes) -> None:
        nonlocal tried, failed
        if time.monotonic() > deadline:
            raise _Done
        tried += 1
        with tempfile.TemporaryDirectory() as folder:
            formats = "html,md,pdf" if options.pdf_every and tried % options.pdf_every == 0 else "html,md"
            outcomes = run_pipeline(Path(folder), content, formats)
        codes[tuple(outcome.code for outcome in outcomes)] += 1
        if any(outcome.crashed for outcome in outcomes):
            failed += 1
            _save(options.failures, tried, content, "\n\n".join(outcome.output for outcome in outcomes))
        if tried % 500 == 0:
            print(f"{tried} inputs, {failed} failed, {time.monotonic() - started:.0f} s", flush=True)

    with contextlib.suppress(_Done):
        one()
    elapsed = time.monotonic() - started
    print(f"tried {tried} inputs in {elapsed:.0f} s: {failed} failed")
    print("exit codes (check, render):", dict(codes.most_common()))
    return 1 if failed else 0


def _save(folder: Path, number: int, content: str | bytes, output: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    (folder / f"{number}.yaml").write_bytes(data)
    (folder / f"{number}.out").write_text(output, encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
