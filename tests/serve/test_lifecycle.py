"""Starting and stopping: Ctrl-C exits 130 and frees the port, a port in use or a bad path is exit 2."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from tests.conftest import run_cjm
from tests.serve.served import Served, wait_for


def test_ctrl_c_exits_130_and_frees_the_port(project: Path) -> None:
    served = Served("journey.yaml", cwd=project)
    assert served.get("/").status == 200
    events = served.events()  # an open page does not keep the server alive
    code, err = served.stop()
    events.close()
    assert code == 130, err
    assert "Traceback" not in err and err.strip() == "Interrupted."
    with socket.socket() as again:
        # As the next server binds it: SO_REUSEADDR lets a listener reuse a port whose old
        # connections linger in TIME_WAIT, never one another process still listens on.
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", served.port))
        again.listen()
    assert workers_in(project) == [], "a render worker outlived its server"


def test_ctrl_c_during_a_render_leaves_no_worker_behind(project: Path) -> None:
    served = Served("journey.yaml", cwd=project)
    assert served.get("/").status == 200
    journey = project / "journey.yaml"
    for _ in range(5):  # renders are under way, or about to start, as the server stops
        journey.write_text(journey.read_text("utf-8") + "\n", "utf-8")
    code, err = served.stop()
    assert code == 130, err
    assert workers_in(project) == [], "a render worker outlived its server"


def workers_in(folder: Path) -> list[int]:
    """The render workers (`python -m cjm.serve.worker`) still running in this folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            here = Path(os.readlink(entry / "cwd")) == folder.resolve()
        except OSError:
            continue
        if here and b"cjm.serve.worker" in command:
            found.append(int(entry.name))
    return found


def test_a_port_in_use_says_what_to_do(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cjm("serve", "journey.yaml", "--port", str(port), cwd=project, timeout=60)
    assert result.returncode == 2
    assert f"port {port} is in use" in result.stderr
    assert f"--port {port + 1}" in result.stderr and "--port 0" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_missing_map_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cjm("serve", "missing\x1b[31m.yaml", cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "cjm: missing\\x1b[31m.yaml: no such file or folder\n"


def test_an_explicit_host_is_warned_about(project: Path) -> None:
    served = Served("journey.yaml", "--host", "127.0.0.1", cwd=project)
    assert served.get("/").status == 200
    _code, err = served.stop()
    assert "warning: --host 127.0.0.1" in err and "other machines" in err


def test_port_0_picks_a_free_port_and_prints_it(project: Path) -> None:
    first, second = Served("journey.yaml", cwd=project), Served("journey.yaml", cwd=project)
    try:
        assert first.port != second.port and first.port > 0
        assert first.get("/").status == second.get("/").status == 200
    finally:
        first.stop()
        second.stop()


def test_open_hands_the_address_to_the_browser(project: Path, tmp_path: Path) -> None:
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {opened}\n')
    browser.chmod(0o755)
    served = Served("journey.yaml", "--open", cwd=project, env={"BROWSER": f"{browser} %s"})
    try:
        wait_for(opened.exists, timeout=10)
        assert wait_for(lambda: opened.read_text(), timeout=5) == f"http://{served.host}/"
    finally:
        served.stop()


def test_head_answers_without_a_body(project: Path) -> None:
    served = Served("journey.yaml", cwd=project)
    try:
        answer = served.raw(f"HEAD / HTTP/1.0\r\nHost: {served.host}\r\n\r\n".encode())
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 200") and b"Content-Length: " in head and body == b""
    finally:
        served.stop()
