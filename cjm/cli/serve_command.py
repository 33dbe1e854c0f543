"""`cjm serve`: a live preview of a map, or of a project's maps, in the browser while editing."""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path

import typer

from cjm.cli.app import Interrupted, app
from cjm.i18n import gettext as _


@app.command(
    short_help=_("Preview a map in the browser; it updates itself as you save."),
    help=_(
        "Serve the rendered map on this machine and reload the page whenever the map, cjm.yaml, "
        "the theme or a template changes. Ctrl-C stops it."
    ),
)
def serve(
    target: Path = typer.Argument(
        None, help=_("A map file or a project folder (default: the current folder)."), show_default=False
    ),
    port: int = typer.Option(
        8000, "--port", min=0, max=65535, help=_("Port to listen on; 0 picks a free one.")
    ),
    host: str = typer.Option(
        None,
        "--host",
        help=_(
            "Address to listen on (default: 127.0.0.1, this machine only). Other machines can "
            "reach the preview through any other address."
        ),
        show_default=False,
    ),
    open_browser: bool = typer.Option(False, "--open", help=_("Open the preview in the default browser.")),
    timeout: float = typer.Option(
        10.0, "--timeout", min=0.1, max=600, help=_("Seconds a render may take before it is stopped.")
    ),
    poll: bool = typer.Option(
        False, "--poll", help=_("Watch the files by polling (network drives, containers).")
    ),
) -> None:
    from cjm.reports.escape import visible
    from cjm.serve.session import LOCAL_HOST, ServeRequest, Session

    chosen = target or Path(".")
    if host is not None:
        warning = _(
            "warning: --host {host}: the preview can be reached from other machines through this "
            "address; anyone who reaches it can read the maps"
        )
        sys.stderr.write(f"cjm: {warning.format(host=visible(host))}\n")
    session = Session(ServeRequest(chosen, host or LOCAL_HOST, port, timeout, poll))
    try:
        session.start()
        serving = _("Serving {target} at {url} (Ctrl-C to stop)")
        sys.stdout.write(serving.format(target=visible(str(chosen)), url=session.url) + "\n")
        sys.stdout.flush()
        if open_browser:
            threading.Thread(target=_open, args=(session.url,), daemon=True).start()
        session.serve_forever()
    except Interrupted:
        session.close()
        _stop_now()
    finally:
        session.close()


def _stop_now() -> None:
    """Ctrl-C: say so and end the process at once. The server has closed and wrote nothing that
    waits; ending here leaves no thread of a library (the file watcher's) able to hold up the
    interpreter's own shutdown, which the command would otherwise wait for."""
    import os

    Interrupted.say()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(Interrupted.EXIT_CODE)


def _open(url: str) -> None:
    import webbrowser

    try:
        webbrowser.open(url)
    except Exception:  # no browser is no reason to stop the preview
        sys.stderr.write("cjm: " + _("could not open a browser; open the address above") + "\n")
