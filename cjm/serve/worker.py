"""The render worker: a child process that renders on request, so that every render has a timeout.

A render cannot be stopped inside a thread; a process can. The worker runs in a session of its
own (Ctrl-C in the terminal is the server's to handle) and answers each request on its stdin
with one pickled `Rendering` on its stdout, each prefixed by its length. The worker is our own
child, so its pickles are trusted; nothing a map holds reaches them but as strings.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from cjm.i18n import current_language, use_language
from cjm.i18n import gettext as _
from cjm.serve.pages import Rendering

_LENGTH = 8  # bytes of the length prefix
REQUEST = b"r"
READING, DONE = "reading", "done"  # the kinds of reply: the files a render reads; the render
READY = b"ready\n"  # the worker's first words, once its libraries are loaded
STARTUP_SECONDS = 60.0  # loading pydantic and Jinja on a busy machine; not counted in a render's time


class StartupError(Exception):
    """The worker did not say it was ready."""


class RenderWorker:
    """The server's side: starts the worker when needed, asks it to render, stops it on a timeout."""

    def __init__(self, target: Path, timeout: float) -> None:
        self.target = target
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.last = Rendering({}, files=[str(target)])
        # Held while a worker is started or stopped: once stopped for good, none is started
        # again, so no worker outlives the server (holding its terminal, or a test's pipe).
        self.lock = threading.Lock()
        self.closed = False

    def render(self) -> Rendering:
        """A fresh render; a render that takes longer than the timeout is stopped and reported."""
        try:
            process = self._started()
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(REQUEST)
            process.stdin.flush()
            return self._replies(process.stdout.fileno(), time.monotonic() + self.timeout)
        except TimeoutError:
            self.stop()
            message = _("the render took longer than {seconds} s and was stopped")
            return self._failure(message.format(seconds=f"{self.timeout:g}"))
        except StartupError:
            self.stop()
            return self._failure(_("the render worker did not start; it is tried again on the next change"))
        except (OSError, EOFError, pickle.UnpicklingError, ValueError):
            self.stop()
            return self._failure(_("the render stopped unexpectedly; it starts again on the next change"))

    def _replies(self, descriptor: int, deadline: float) -> Rendering:
        """Read the worker's replies up to the render: first what it reads, then what it made."""
        while True:
            kind, rendering = pickle.loads(_read_reply(descriptor, deadline))
            self.last = rendering
            if kind == DONE:
                return rendering

    def _failure(self, message: str) -> Rendering:
        """No pages, the problem, and the files of the last render still watched (a fix is a change)."""
        last = self.last
        return Rendering(
            {}, [f"{self.target}: {message}"], last.files, last.folders, last.map_folder, last.root
        )

    def _started(self) -> subprocess.Popen[bytes]:
        with self.lock:  # only while starting: waiting for the greeting must not block a stop
            if self.closed:
                raise StartupError
            process = self.process
            fresh = process is None or process.poll() is not None
            if fresh:
                # The worker speaks the server's language (which `--lang` may have chosen).
                command = [
                    sys.executable,
                    "-m",
                    "cjm.serve.worker",
                    current_language(),
                    os.fspath(self.target),
                ]
                process = self.process = subprocess.Popen(
                    command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True
                )
        assert process is not None and process.stdout is not None
        if fresh:
            try:
                greeting = _read_exactly(
                    process.stdout.fileno(), len(READY), time.monotonic() + STARTUP_SECONDS
                )
            except (TimeoutError, EOFError, OSError, ValueError):  # stopped meanwhile: its pipe closed
                greeting = b""
            if greeting != READY:
                raise StartupError
        return process

    def close(self) -> None:
        """End the worker for good: a render that asks for one later gets none."""
        with self.lock:
            self.closed = True
        self.stop()

    def stop(self) -> None:
        """End the worker (it holds nothing that needs saving)."""
        with self.lock:
            process, self.process = self.process, None
        if process is None:
            return
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def _read_reply(descriptor: int, deadline: float) -> bytes:
    size = int.from_bytes(_read_exactly(descriptor, _LENGTH, deadline), "big")
    return _read_exactly(descriptor, size, deadline)


def _read_exactly(descriptor: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    wanted = size
    while wanted:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([descriptor], [], [], left)[0]:
            raise TimeoutError
        chunk = os.read(descriptor, min(wanted, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def serve_requests(target: Path) -> None:
    """The worker's side: one render per request byte, until the server closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from cjm.model import JourneyMap  # noqa: F401 - loaded now, so that no render pays for it
    from cjm.render.environment import environment
    from cjm.serve.pages import render_target

    environment()
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    replies.write(READY)
    replies.flush()

    def send(kind: str, rendering: Rendering) -> None:
        reply = pickle.dumps((kind, rendering), protocol=pickle.HIGHEST_PROTOCOL)
        replies.write(len(reply).to_bytes(_LENGTH, "big") + reply)
        replies.flush()

    while requests.read(1):
        send(
            DONE, _render_safely(target, lambda path: render_target(path, lambda files: send(READING, files)))
        )


def _render_safely(target: Path, render: Callable[[Path], Rendering]) -> Rendering:
    """A render; a fault of cjm's own becomes a problem on the page rather than a dead preview."""
    try:
        return render(target)
    except Exception as error:  # the preview must outlive any one render
        message = _("{target}: cjm could not render this ({error})")
        return Rendering({}, [message.format(target=target, error=f"{type(error).__name__}: {error}")])


if __name__ == "__main__":
    use_language(sys.argv[1])
    serve_requests(Path(sys.argv[2]))
