"""`cjm serve`: a live preview of a map, or of a project's maps, in the browser while editing."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import typer

from cjm.cli.app import app


@app.command(short_help="Preview a map in the browser; it updates itself as you save.")
def serve(
    target: Path = typer.Argument(
        None, help="A map file or a project folder (default: the current folder).", show_default=False
    ),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on; 0 picks a free one."),
    host: str = typer.Option(
        None,
        "--host",
        help="Address to listen on (default: 127.0.0.1, this machine only). Other machines can "
        "reach the preview through any other address.",
        show_default=False,
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the preview in the default browser."),
    timeout: float = typer.Option(
        10.0, "--timeout", min=0.1, max=600, help="Seconds a render may take before it is stopped."
    ),
    poll: bool = typer.Option(
        False, "--poll", help="Watch the files by polling (network drives, containers)."
    ),
) -> None:
    """Serve the rendered map on this machine and reload the page whenever the map, cjm.yaml,
    the theme or a template changes. Ctrl-C stops it."""
    from cjm.reports.escape import visible
    from cjm.serve.session import LOCAL_HOST, ServeRequest, Session

    chosen = target or Path(".")
    if host is not None:
        sys.stderr.write(
            f"cjm: warning: --host {visible(host)}: the preview can be reached from other machines "
            "through this address; anyone who reaches it can read the maps\n"
        )
    session = Session(ServeRequest(chosen, host or LOCAL_HOST, port, timeout, poll))
    try:
        session.start()
        sys.stdout.write(f"Serving {visible(str(chosen))} at {session.url} (Ctrl-C to stop)\n")
        sys.stdout.flush()
        if open_browser:
            threading.Thread(target=_open, args=(session.url,), daemon=True).start()
        session.serve_forever()
    finally:
        session.close()


def _open(url: str) -> None:
    import webbrowser

    try:
        webbrowser.open(url)
    except Exception:  # no browser is no reason to stop the preview
        sys.stderr.write("cjm: could not open a browser; open the address above\n")
