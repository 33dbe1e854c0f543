"""The warm PDF process: the same bytes as making the PDF in the command's own process, its
errors reported as cjm's, and no process left behind whatever happens."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cjm.errors import UserError
from cjm.render.pdf import PdfWorker, render_pdf
from tests.conftest import MINIMAL_MAP, cjm_command, run_cjm

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the worker is forked on Linux only"
)

PAGE = '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><p>Hello, worker</p></body></html>'


def _fresh_python(code: str) -> subprocess.CompletedProcess[str]:
    """In a process of its own: pytest's process may have threads, and then nothing is forked."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_the_worker_makes_the_same_pdf_as_this_process(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from cjm.render.pdf import PdfWorker\n"
        "worker = PdfWorker.start(); assert worker.pid, 'not forked'\n"
        f"pdf = worker.render({PAGE!r}, Path({str(tmp_path)!r}), frozenset(), 'pdf/ua-1')\n"
        "worker.close(); sys.stdout.buffer.write(pdf)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_pdf(PAGE, tmp_path, frozenset(), "pdf/ua-1")


def test_a_refused_url_is_reported_as_cjm_reports_it(tmp_path: Path) -> None:
    code = (
        "from pathlib import Path\n"
        "from cjm.errors import UserError\n"
        "from cjm.render.pdf import PdfWorker\n"
        "worker = PdfWorker.start()\n"
        "try:\n"
        "    page = '<img src=\"http://127.0.0.1:9/x.png\">'\n"
        f"    worker.render(page, Path({str(tmp_path)!r}), frozenset(), 'none')\n"
        "except UserError as error:\n"
        "    print(error)\n"
        "worker.close()\n"
    )
    result = _fresh_python(code)
    assert result.stdout.startswith("the PDF needs http://127.0.0.1:9/x.png, but cjm fetches only files")


def test_a_worker_that_dies_is_a_clear_error_not_a_hang(tmp_path: Path) -> None:
    code = (
        "import os, signal; from pathlib import Path\n"
        "from cjm.errors import UserError\n"
        "from cjm.render.pdf import PdfWorker\n"
        "worker = PdfWorker.start(); os.kill(worker.pid, signal.SIGKILL)\n"
        "try:\n"
        f"    worker.render('<p>x</p>', Path({str(tmp_path)!r}), frozenset(), 'none')\n"
        "except UserError as error:\n"
        "    print(error)\n"
        "print(worker.pid)\n"
    )
    result = _fresh_python(code)
    assert result.stdout.splitlines() == ["the PDF could not be made: the process making it stopped", "None"]


def test_without_a_fork_the_pdf_is_made_here(tmp_path: Path) -> None:
    worker = PdfWorker()  # what start() gives where it cannot fork (other threads, not Linux)
    assert worker.render(PAGE, tmp_path, frozenset(), "none").startswith(b"%PDF-")
    with pytest.raises(UserError, match="cjm fetches only files inside the project"):
        worker.render('<img src="file:///etc/passwd">', tmp_path, frozenset(), "none")


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in found.split()]


def test_a_failing_render_ends_its_worker_at_once(tmp_path: Path) -> None:
    broken = MINIMAL_MAP.replace("channel: web", "channel: nowhere")
    (tmp_path / "journey.yaml").write_text(broken, encoding="utf-8")
    started = time.monotonic()
    result = run_cjm("render", "journey.yaml", "-f", "pdf", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert time.monotonic() - started < 30


def test_ctrl_c_during_a_pdf_ends_both_processes(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    process = subprocess.Popen(
        [*cjm_command(), "render", "journey.yaml", "-f", "pdf"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while not _children(process.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = _children(process.pid)
    assert workers, "the command forked its PDF worker"
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to the whole group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 130), stderr
    assert "Traceback" not in stderr
    for pid in workers:  # the worker was reaped: no such process any more
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_the_trimmed_user_agent_stylesheet_changes_no_byte_of_the_pdf(tmp_path: Path) -> None:
    """cjm lays out with WeasyPrint's stylesheet less its rules for footnotes and notes (which
    cost a computed style per element each): the PDF must be the very same."""
    weasyprint = pytest.importorskip("weasyprint")
    from cjm.load.journey import load_map
    from cjm.render import render_pdf_html
    from cjm.render.paper import paper
    from cjm.render.view import build_view
    from tests.conftest import sample_paths

    view = build_view(load_map(sample_paths()[0]))
    html = render_pdf_html(view, paper("A3 landscape"))
    plain = weasyprint.HTML(string=html, base_url=tmp_path.as_uri() + "/").write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )
    assert render_pdf(html, tmp_path, frozenset(), "pdf/ua-1") == plain
