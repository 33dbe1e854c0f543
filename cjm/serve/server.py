"""The preview's web server: the rendered pages, the live script, and files inside the project.

Nothing else is served: no folder is listed, no path leaves the project (no `..`, no
percent-encoded one, no symlink out, no hidden file), and a request whose Host header is not
the address the server bound is refused, so that a web page elsewhere cannot reach the
preview through DNS rebinding. Every response carries a strict Content-Security-Policy.
"""

from __future__ import annotations

import ipaddress
import os
import select
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from cjm.errors import LoadError
from cjm.i18n import gettext as _
from cjm.load.files import read_regular, resolved_inside
from cjm.reports.escape import visible
from cjm.serve.overlay import EVENTS, LIVE_SCRIPT, STYLESHEET, page_html
from cjm.serve.preview import Preview
from cjm.vocabulary import IMAGE_TYPES

STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = {LIVE_SCRIPT: ("live.js", "text/javascript"), STYLESHEET: ("serve.css", "text/css")}
ASSET_TYPES = {
    **IMAGE_TYPES,
    ".ico": "image/x-icon",
    ".css": "text/css",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}
MAX_ASSET_BYTES = 16 * 1024 * 1024
MAX_CONNECTIONS = 64  # requests handled at once; more are refused
MAX_EVENT_STREAMS = 16  # open pages told of changes at once
KEEP_ALIVE_SECONDS = 15.0  # an event stream sends a comment this often (proxies close idle streams)
LOOK_SECONDS = 0.5  # how often an event stream looks whether its page went away
FIRST_RENDER_SECONDS = 30.0
# The map's page styles its people and moods in style="" attributes, which no hash can allow:
# style only may be inline. Scripts run from this server's own files alone.
POLICY = (
    "default-src 'none'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)


class PreviewServer(ThreadingHTTPServer):
    """A threading server with a bound on connections and on event streams."""

    daemon_threads = True
    block_on_close = False

    def __init__(
        self, address: tuple[str, int], preview: Preview, root: Path, hosts: frozenset[str] | None
    ) -> None:
        self.preview = preview
        self.root = root
        self.allowed_hosts = hosts  # None: any IP-literal host (bound to every interface)
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_EVENT_STREAMS)
        family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.address_family = family
        super().__init__(address, PreviewHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def process_request(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        if not self.connections.acquire(blocking=False):
            self.shutdown_request(request)  # too many at once: refused, not queued
            return
        super().process_request(request, client_address)

    def handle_error(self, request: object, client_address: object) -> None:
        """One line instead of a traceback: a request that failed must not bury the address."""
        error = sys.exc_info()[1]
        failed = _("cjm serve: a request failed: {error}").format(error=f"{type(error).__name__}: {error}")
        sys.stderr.write(visible(failed) + "\n")

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:  # type: ignore[override]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The Host headers a request may carry; None when bound to every interface."""
    if host in ("0.0.0.0", "::", ""):
        return None
    names = {host, "localhost"} if host in ("127.0.0.1", "::1", "localhost") else {host}
    shown = {f"[{name}]" if ":" in name else name for name in names}
    if host in ("127.0.0.1", "::1", "localhost"):
        shown |= {"127.0.0.1", "[::1]"}
    return frozenset(f"{name}:{port}".lower() for name in shown)


def _ip_literal(host: str) -> bool:
    name = host.rsplit(":", 1)[0].strip("[]")
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return name == "localhost"
    return True


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD of the preview's addresses; every other method is refused."""

    server: PreviewServer
    server_version = "cjm-serve"
    sys_version = ""
    timeout = 20  # seconds a client may take to send its request: a slow one holds no thread long

    def log_message(self, format: str, *args: object) -> None:
        return  # quiet: the terminal shows the address and the problems, not every request

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        refusal = self._refusal()
        if refusal is not None:
            self._send_text(*refusal, send_body)
            return
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        if address == EVENTS:
            self._stream_events()
        elif address in STATIC_FILES:
            name, kind = STATIC_FILES[address]
            self._send(HTTPStatus.OK, kind, (STATIC / name).read_bytes(), send_body)
        else:
            self._send_page_or_file(address, send_body)

    def _refusal(self) -> tuple[HTTPStatus, str] | None:
        """Why this request is refused before its address is looked at, if it is."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            return HTTPStatus.BAD_REQUEST, _("one Host header is needed")
        host = hosts[0].strip().lower()
        known = self.server.allowed_hosts
        if (known is not None and host not in known) or (known is None and not _ip_literal(host)):
            return HTTPStatus.MISDIRECTED_REQUEST, _("this server answers only to the address it printed")
        if self.headers.get("Transfer-Encoding") or self.headers.get("Content-Length", "0").strip() not in (
            "",
            "0",
        ):
            self.close_connection = True
            return HTTPStatus.BAD_REQUEST, _("the preview takes no request body")
        if not self.path.startswith("/"):
            return HTTPStatus.BAD_REQUEST, _("the address must be a path")
        return None

    def _send_page_or_file(self, address: str, send_body: bool) -> None:
        preview = self.server.preview
        preview.wait_ready(FIRST_RENDER_SECONDS)
        shown = preview.page(address)
        if shown is not None:
            hashes = "".join(f" {item}" for item in shown.script_hashes)
            body = page_html(shown).encode("utf-8")
            self._send(
                HTTPStatus.OK, "text/html; charset=utf-8", body, send_body, POLICY.format(hashes=hashes)
            )
            return
        found = project_file(self.server.root, address)
        if found is None:
            self._send_text(HTTPStatus.NOT_FOUND, _("not found"), send_body)
            return
        self._send(HTTPStatus.OK, *found, send_body)

    def _stream_events(self) -> None:
        """Server-sent events: the generation now, then each new one; a comment now and then."""
        if not self.server.streams.acquire(blocking=False):
            self._send_text(HTTPStatus.SERVICE_UNAVAILABLE, _("too many open previews"), True)
            return
        try:
            self._headers(HTTPStatus.OK, "text/event-stream; charset=utf-8", None)
            self.end_headers()
            self._events()
        except OSError:
            pass  # the page went away
        finally:
            self.server.streams.release()
            self.close_connection = True

    def _events(self) -> None:
        preview = self.server.preview
        seen, written = -1, time.monotonic()
        while not preview.closed and not self._client_gone():
            generation = preview.wait(seen, LOOK_SECONDS)
            if generation != seen and generation > 0:  # 0: nothing rendered yet
                self._write_event(f"event: change\ndata: {generation}\n\n")
                written = time.monotonic()
            elif time.monotonic() - written > KEEP_ALIVE_SECONDS:
                self._write_event(": still here\n\n")
                written = time.monotonic()
            seen = generation

    def _write_event(self, text: str) -> None:
        self.wfile.write(text.encode("ascii"))
        self.wfile.flush()

    def _client_gone(self) -> bool:
        """Whether the page closed its end: its slot is freed at once, not at the next write."""
        if not select.select([self.connection], [], [], 0)[0]:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _headers(self, status: HTTPStatus, kind: str, length: int | None, policy: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("Content-Security-Policy", policy or POLICY.format(hashes=""))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")

    def _send(
        self, status: HTTPStatus, kind: str, body: bytes, send_body: bool, policy: str | None = None
    ) -> None:
        self._headers(status, kind, len(body), policy)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _send_text(self, status: HTTPStatus, text: str, send_body: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", f"{text}\n".encode(), send_body)


def project_file(root: Path, address: str) -> tuple[str, bytes] | None:
    """(type, bytes) of the project's file at this address, if it may be served; else None."""
    parts = unquote(address, errors="replace").split("/")[1:]
    bad = any(
        part in ("", ".", "..") or part.startswith(".") or "\\" in part or "\0" in part for part in parts
    )
    if bad or not parts:
        return None
    kind = ASSET_TYPES.get(os.path.splitext(parts[-1])[1].lower())
    inside = resolved_inside(root.joinpath(*parts), root)
    if kind is None or inside is None:
        return None
    try:
        return kind, read_regular(inside, MAX_ASSET_BYTES, address, "files")
    except LoadError:
        return None
