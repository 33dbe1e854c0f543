"""The real `cjm serve` in a subprocess on a free port, and a client that sends exactly what it is told."""

from __future__ import annotations

import http.client
import os
import re
import select
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import cjm_command

ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str


class Served:
    """`cjm serve ARGS --port 0`, started and waited for; `stop()` sends Ctrl-C."""

    def __init__(self, *args: str | os.PathLike[str], cwd: Path, env: dict[str, str] | None = None) -> None:
        # PYTHONFAULTHANDLER: a server that does not stop is made to print every thread's stack.
        environment = {**os.environ, "NO_COLOR": "1", "PYTHONFAULTHANDLER": "1", **(env or {})}
        self.process = subprocess.Popen(
            [*cjm_command(), "serve", *map(str, args), "--port", "0"],
            cwd=cwd,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.first_line = read_line(self.process, deadline=time.monotonic() + 30)
        found = ADDRESS.search(self.first_line)
        assert found, f"no address in {self.first_line!r}: {self.stderr_now()}"
        self.port = int(found.group(1))
        self.host = f"127.0.0.1:{self.port}"

    def stderr_now(self) -> str:
        if self.process.poll() is None:
            return ""
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")

    def get(
        self, path: str = "/", host: str | None = None, headers: dict[str, str] | None = None
    ) -> Response:
        """GET `path` exactly as written (no normalisation), with this Host header."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", self.host if host is None else host)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read().decode("utf-8", "replace"))
        finally:
            connection.close()

    def raw(self, request: bytes) -> bytes:
        """Send bytes as they are; the whole answer."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as connection:
            connection.sendall(request)
            chunks = []
            while chunk := connection.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks)

    def events(self) -> EventStream:
        return EventStream(self.port, self.host)

    def stop(self) -> tuple[int, str]:
        """Ctrl-C; the exit code and stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            _out, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGABRT)  # the faulthandler prints where it hangs
            try:
                _out, err = self.process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                _out, err = self.process.communicate()
        return self.process.returncode, err.decode("utf-8", "replace")


def read_line(process: subprocess.Popen[bytes], deadline: float) -> str:
    """The first line of stdout, waiting at most until `deadline`."""
    assert process.stdout is not None
    descriptor = process.stdout.fileno()
    data = b""
    while b"\n" not in data:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([descriptor], [], [], left)[0]:
            break
        chunk = os.read(descriptor, 4096)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace")


class EventStream:
    """An open `/_cjm/events` stream; `next_change()` waits for the next `change` event."""

    def __init__(self, port: int, host: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.connection.request("GET", "/_cjm/events", headers={"Host": host})
        self.response = self.connection.getresponse()
        self.status = self.response.status
        self.headers = self.response.headers

    def next_change(self, timeout: float = 5.0) -> int:
        """The generation of the next change event; TimeoutError when none comes in time."""
        deadline = time.monotonic() + timeout
        event = None
        while time.monotonic() < deadline:
            line = self.response.fp.readline().decode("utf-8")
            if not line:
                raise EOFError("the stream ended")
            if line.startswith("event: "):
                event = line[7:].strip()
            elif line.startswith("data: ") and event == "change":
                return int(line[6:])
        raise TimeoutError("no change event in time")

    def close(self) -> None:
        self.response.close()  # the response holds the socket open past the connection's close
        self.connection.close()


def wait_for(condition, timeout: float = 5.0, step: float = 0.02):  # type: ignore[no-untyped-def]
    """Poll `condition()` until it returns something true, or fail at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(step)


def save_by_rename(path: Path, text: str) -> None:
    """Save as many editors do: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
