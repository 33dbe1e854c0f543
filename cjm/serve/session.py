"""One `cjm serve` session: the server bound, the watcher and the renderer running, all stopped together."""

from __future__ import annotations

import errno
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.serve.preview import Preview, Renderer
from cjm.serve.server import PreviewServer, allowed_hosts
from cjm.serve.watch import Watcher
from cjm.serve.worker import RenderWorker

LOCAL_HOST = "127.0.0.1"


@dataclass(frozen=True)
class ServeRequest:
    target: Path
    host: str = LOCAL_HOST
    port: int = 8000
    timeout: float = 10.0
    polling: bool = False


def project_root(target: Path) -> Path:
    """The folder whose files the preview may serve: the project's, as cjm check finds it."""
    from cjm.load.project import find_settings

    settings = find_settings(target)
    return (settings.parent if settings else (target if target.is_dir() else target.parent)).resolve()


JOIN_SECONDS = 2.0  # a thread still busy after this is a daemon and dies with the process


class Session:
    """Binds at once (so a port in use is an error before anything starts), then serves until closed."""

    def __init__(self, request: ServeRequest) -> None:
        if not request.target.exists():
            raise UserError(_("{target}: no such file or folder").format(target=request.target))
        self.preview = Preview()
        self.server = _bind(request, self.preview, project_root(request.target))
        self.worker = RenderWorker(request.target, request.timeout)
        self.watcher = Watcher(self._changed, force_polling=request.polling)
        self.renderer = Renderer(self.preview, self.worker, self.watcher)
        self.threads = [
            threading.Thread(target=self.watcher.run, name="cjm-watch", daemon=True),
            threading.Thread(target=self.renderer.run, name="cjm-render", daemon=True),
        ]

    def _changed(self) -> None:
        self.renderer.changed()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}/"

    def start(self) -> None:
        for thread in self.threads:
            thread.start()
        self.renderer.changed()  # the first render

    def serve_forever(self) -> None:
        self.server.serve_forever(poll_interval=0.2)

    def close(self) -> None:
        """Stop everything; the port is free when this returns."""
        self.preview.close()
        self.renderer.stop()
        self.watcher.stop()
        self.server.server_close()
        self.worker.close()
        for thread in self.threads:  # each ends within a poll interval of being told
            if thread.is_alive():
                thread.join(timeout=JOIN_SECONDS)


def _bind(request: ServeRequest, preview: Preview, root: Path) -> PreviewServer:
    try:
        server = PreviewServer((request.host, request.port), preview, root, None)
    except socket.gaierror:
        message = _("--host {host}: no such address on this machine")
        raise UserError(message.format(host=request.host)) from None
    except OSError as error:
        raise UserError(_bind_failure(request, error)) from None
    server.allowed_hosts = allowed_hosts(request.host, server.port)
    return server


def _bind_failure(request: ServeRequest, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return _(
            "port {port} is in use (another cjm serve?); try --port {other}, or --port 0 for any free port"
        ).format(port=request.port, other=request.port + 1 if request.port < 65535 else 8000)
    if error.errno == errno.EACCES:
        return _(
            "port {port} needs administrator rights; try --port 8000, or --port 0 for any free port"
        ).format(port=request.port)
    if error.errno == errno.EADDRNOTAVAIL:
        return _("--host {host}: not an address of this machine").format(host=request.host)
    return _("cannot listen on {host}:{port}: {reason}").format(
        host=request.host, port=request.port, reason=error.strerror or error
    )
