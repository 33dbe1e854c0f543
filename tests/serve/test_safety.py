"""Only the preview's pages and the project's assets are served: no way out of the project, no
other Host than the address printed (DNS rebinding), no request body, a bound on open pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cjm.serve.server import MAX_EVENT_STREAMS, allowed_hosts, project_file
from tests.serve.served import EventStream, wait_for

SECRET = "TOP-SECRET-OUTSIDE"


@pytest.fixture
def guarded(project: Path, tmp_path: Path) -> Path:
    """A project with a logo inside, and secrets beside it, linked from inside."""
    (project / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n inside")
    (project / "img").mkdir()
    (project / "img" / "mark.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.png").write_text(SECRET)
    (tmp_path / "secret.yaml").write_text(SECRET)
    os.symlink(tmp_path / "secret.png", project / "link.png")
    os.symlink(tmp_path, project / "up")
    (project / ".git").mkdir()
    (project / ".git" / "config.png").write_text(SECRET)
    (project / "notes.txt").write_text(SECRET)
    return project


REFUSED = [
    "/../secret.png",
    "/%2e%2e/secret.png",
    "/%2E%2E/secret.png",
    "/..%2fsecret.png",
    "/..%2Fsecret.png",
    "/%2e%2e%2fsecret.png",
    "/%252e%252e/secret.png",
    "/img/../../secret.png",
    "/img/%2e%2e/%2e%2e/secret.png",
    "/..\\secret.png",
    "/%5c..%5csecret.png",
    "//secret.png",
    "/link.png",
    "/up/secret.png",
    "/.git/config.png",
    "/%2egit/config.png",
    "/notes.txt",
    "/journey.yaml",
    "/img",
    "/img/",
    "/logo.png%00.txt",
    "/" + "%2e%2e/" * 40 + "etc/passwd",
]


@pytest.mark.parametrize("address", REFUSED)
def test_nothing_outside_the_project_and_nothing_but_assets(guarded: Path, address: str) -> None:
    assert project_file(guarded.resolve(), address) is None


def test_the_server_refuses_every_way_out(guarded: Path, serve) -> None:
    served = serve("journey.yaml", cwd=guarded)
    for address in REFUSED:
        answer = served.get(address)
        assert answer.status in (400, 404), address
        assert SECRET not in answer.body and "Index of" not in answer.body, address
    for request in (b"GET http://127.0.0.1/../secret.png HTTP/1.0\r\n", b"GET secret.png HTTP/1.0\r\n"):
        answer = served.raw(request + f"Host: {served.host}\r\n\r\n".encode())
        assert answer.startswith(b"HTTP/1.0 400") and SECRET.encode() not in answer
    logo = served.get("/logo.png")
    assert logo.status == 200 and logo.headers["Content-Type"] == "image/png"
    assert logo.headers["X-Content-Type-Options"] == "nosniff"
    assert served.get("/img/mark.svg").headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_only_the_printed_address_is_answered(project: Path, serve) -> None:
    served = serve("journey.yaml", cwd=project)
    for host in (
        "localhost",
        f"localhost:{served.port}",
        f"127.0.0.1:{served.port}",
        f"LOCALHOST:{served.port}",
    ):
        assert served.get("/", host=host if ":" in host else f"{host}:{served.port}").status == 200
    for host in (
        "evil.example",
        f"evil.example:{served.port}",
        f"127.0.0.1:{served.port + 1}",
        "127.0.0.1",
        f"127.0.0.1.evil.example:{served.port}",
        f"[::1]:{served.port + 1}",
        "",
    ):
        answer = served.get("/", host=host)
        assert answer.status in (400, 421), host
        assert "Primera compra" not in answer.body
    assert served.get("/_cjm/events", host="evil.example").status == 421
    without_host = served.raw(b"GET / HTTP/1.0\r\n\r\n")
    assert without_host.startswith(b"HTTP/1.0 400")
    two_hosts = served.raw(f"GET / HTTP/1.0\r\nHost: {served.host}\r\nHost: evil.example\r\n\r\n".encode())
    assert two_hosts.startswith(b"HTTP/1.0 400")


def test_hosts_of_a_server_bound_everywhere_are_ip_literals() -> None:
    assert allowed_hosts("127.0.0.1", 8000) == frozenset({"127.0.0.1:8000", "localhost:8000", "[::1]:8000"})
    assert allowed_hosts("0.0.0.0", 8000) is None  # then any IP literal, never a name


def test_no_request_body_and_no_other_method(project: Path, serve) -> None:
    served = serve("journey.yaml", cwd=project)
    body = served.raw(f"GET / HTTP/1.0\r\nHost: {served.host}\r\nContent-Length: 5\r\n\r\nhello".encode())
    assert body.startswith(b"HTTP/1.0 400")
    chunked = served.raw(
        f"GET / HTTP/1.0\r\nHost: {served.host}\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
    )
    assert chunked.startswith(b"HTTP/1.0 400")
    for method in (b"POST", b"PUT", b"DELETE", b"OPTIONS"):
        answer = served.raw(
            method + f" / HTTP/1.0\r\nHost: {served.host}\r\nContent-Length: 0\r\n\r\n".encode()
        )
        assert answer.split(b" ")[1] in (b"501", b"405"), method
    huge = served.raw(b"GET /" + b"a" * 70000 + f" HTTP/1.0\r\nHost: {served.host}\r\n\r\n".encode())
    assert huge.split(b" ")[1] == b"414"
    assert served.get("/").status == 200, "the server lives on"


def test_open_pages_are_bounded(project: Path, serve) -> None:
    served = serve("journey.yaml", cwd=project)
    streams = [served.events() for _ in range(MAX_EVENT_STREAMS)]
    assert all(stream.status == 200 for stream in streams)
    one_too_many = served.events()
    assert one_too_many.status == 503
    one_too_many.close()
    streams.pop().close()

    def reopened() -> EventStream | None:
        stream = served.events()
        if stream.status == 200:
            return stream
        stream.close()
        return None

    again = wait_for(reopened, timeout=3, step=0.1)  # a closed page's slot is freed within a second
    for stream in [*streams, again]:
        stream.close()
