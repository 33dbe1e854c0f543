"""PDF from the rendered HTML through WeasyPrint, fetching nothing outside the project folder."""

from __future__ import annotations

import ctypes.util
import logging
import os
import pickle
import re
import signal
import struct
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.vocabulary import DEFAULT_PDF_VARIANT, PDF_VARIANTS

# What WeasyPrint is asked to write for each variant. Tags make the PDF readable by screen
# readers and give its text a reading order; the archival variant is tagged as well.
_WEASYPRINT_OPTIONS: dict[str, dict[str, object]] = {
    "pdf/ua-1": {"pdf_variant": "pdf/ua-1", "pdf_tags": True},
    "pdf/a-3b": {"pdf_variant": "pdf/a-3b", "pdf_tags": True},
    "none": {"pdf_variant": None, "pdf_tags": False},
}
assert tuple(_WEASYPRINT_OPTIONS) == PDF_VARIANTS


def pdf_variant(value: str | None) -> str:
    """A PDF variant cjm writes (`pdf/ua-1` when none is given); anything else is a user error."""
    chosen = (value or DEFAULT_PDF_VARIANT).strip().lower()
    if chosen not in PDF_VARIANTS:
        message = _("unknown PDF variant {variant}; choose from {variants}")
        raise UserError(message.format(variant=repr(value), variants=", ".join(PDF_VARIANTS)))
    return chosen


@contextmanager
def _sonames_first() -> Iterator[None]:
    """While WeasyPrint loads Pango, HarfBuzz and friends, skip ctypes' library search on Linux.

    WeasyPrint tries names such as 'pango-1.0-0' before the soname 'libpango-1.0.so.0'; cffi
    answers each miss with ctypes.util.find_library, which on Linux runs ldconfig and gcc:
    about fifty processes and 0.3-0.5 s, every time a PDF is made. The sonames come later in
    the same lists and load directly. Elsewhere (macOS, Windows) the search is left as it is.
    """
    if not sys.platform.startswith("linux"):
        yield
        return
    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        yield
    finally:
        ctypes.util.find_library = search


def _weasyprint() -> ModuleType:
    """`import weasyprint`, fast; should a library load only by searching, the usual way."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    try:
        with _sonames_first():
            import weasyprint
    except OSError:
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
        import weasyprint
    return weasyprint


# WeasyPrint's user-agent stylesheet styles the pseudo-elements of every element (::marker,
# ::footnote-call, ::note-call ...), so each element costs seven computed styles where cjm's
# pages need one (and a ::marker for list items): 98 % of the style work of a big map, 7 %
# of its PDF time. cjm's pages use no footnotes and no notes.
_UNUSED_PSEUDO_RULES = re.compile(
    r"^::(footnote-call|footnote-marker|note-call|note-marker|note-callback) \{[^}]*\}\n", re.M
)


@lru_cache(maxsize=1)
def _html_class(weasyprint: ModuleType) -> type:
    """weasyprint.HTML with that stylesheet trimmed; WeasyPrint's own where it has changed shape."""
    from weasyprint import html as html_module

    text = getattr(html_module, "UA", None)
    if not isinstance(text, str) or not hasattr(weasyprint.HTML, "_ua_stylesheets"):
        return weasyprint.HTML
    trimmed = _UNUSED_PSEUDO_RULES.sub("", text).replace("\n::marker {", "\nli::marker {")
    stylesheet = weasyprint.CSS(string=trimmed, counter_style=html_module.UA_COUNTER_STYLE)

    class LeanHTML(weasyprint.HTML):  # type: ignore[misc, name-defined]
        def _ua_stylesheets(self, forms: bool = False) -> list[object]:
            return [stylesheet]

    return LeanHTML


def _fetcher_class():  # imported lazily: weasyprint costs most of a second to import
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ProjectOnlyFetcher(URLFetcher):
        """Serves files inside the project folder and the data: URIs cjm wrote; refuses the rest.

        WeasyPrint's docs warn that file:// leaks local files and that the HTTP timeout does not
        cover them: a template or theme must not turn a rendered PDF into an exfiltration channel.
        """

        def __init__(self, root: Path, allowed_data: frozenset[str]) -> None:
            super().__init__(allowed_protocols=("file", "data"), fail_on_errors=False)
            self.root = root.resolve()
            self.allowed_data = allowed_data
            self.refused: list[str] = []

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data" and url in self.allowed_data:
                return super().fetch(url, headers)
            if scheme == "file" and self._inside_project(url):
                return super().fetch(url, headers)
            self.refused.append(url)
            raise FatalURLFetchingError(f"refused to fetch {url[:200]}")

        def _inside_project(self, url: str) -> bool:
            path = Path(unquote(urlsplit(url).path)).resolve()
            return path.is_relative_to(self.root) and path.is_file()

    return ProjectOnlyFetcher, FatalURLFetchingError


def render_pdf(
    html: str,
    project_root: Path,
    allowed_data: frozenset[str] = frozenset(),
    variant: str = DEFAULT_PDF_VARIANT,
) -> bytes:
    """The PDF of an HTML page rendered by cjm: tagged PDF/UA-1 unless `variant` says otherwise."""
    weasyprint = _weasyprint()
    # WeasyPrint logs every unsupported CSS property; the user cannot act on that.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher_class, fatal_error = _fetcher_class()
    fetcher = fetcher_class(project_root, allowed_data)
    options = _WEASYPRINT_OPTIONS[variant]
    try:
        document = _html_class(weasyprint)(
            string=html, base_url=project_root.resolve().as_uri() + "/", url_fetcher=fetcher
        )
        return document.write_pdf(uncompressed_pdf=False, **options)
    except fatal_error as error:
        message = _("the PDF needs {address}, but cjm fetches only files inside the project folder")
        raise UserError(message.format(address=error.args[0].removeprefix("refused to fetch "))) from None
    except Exception as error:  # e.g. an image that Pillow cannot decode, deep inside WeasyPrint
        raise UserError(_could_not_make(error)) from None


def _could_not_make(error: Exception) -> str:
    return _("the PDF could not be made: {error}").format(error=f"{type(error).__name__}: {error}")


# --- a warm process for PDFs -----------------------------------------------------------------
#
# Importing WeasyPrint and loading its fonts takes most of a second, which the command would
# otherwise spend after reading the map. On Linux `cjm render -f pdf` forks a worker first:
# it imports WeasyPrint and lays out a line of text in each face cjm uses while the parent
# reads the map and renders the HTML, then makes the PDFs the parent sends it.

# Modes of the pipes between the command and its worker (pipes, not files: write_atomic is
# for files, and tests/cli/test_files.py looks for files opened for writing by hand).
_PIPE_IN, _PIPE_OUT = "rb", "wb"
_WARM_UP = (
    '<html lang="en"><title>.</title><body style="font-family: \'Noto Sans\', sans-serif">'
    "<p>Aa <b>Bb</b> <i>Cc</i> <b><i>Dd</i></b> 0123 −+ ● “” «» ąęł</p></body></html>"
)


def _send(stream: BinaryIO, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("!Q", len(data)) + data)
    stream.flush()


def _receive(stream: BinaryIO) -> object:
    header = stream.read(8)
    if len(header) < 8:
        raise EOFError
    (size,) = struct.unpack("!Q", header)
    return pickle.loads(stream.read(size))  # our own child process, through a pipe of our own


def _serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The worker's life: warm up, then one PDF per request until the parent hangs up."""
    with suppress(Exception):  # a warm-up that fails costs nothing: the real render reports it
        _html_class(_weasyprint())(string=_WARM_UP).render()
    while True:
        try:
            html, root, allowed, variant = _receive(requests)  # type: ignore[misc]
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, object] = ("pdf", render_pdf(html, root, allowed, variant))
        except UserError as error:
            reply = ("error", str(error))
        except Exception as error:
            reply = ("error", _could_not_make(error))
        _send(replies, reply)


class PdfWorker:
    """A forked process that makes PDFs; `render` falls back to this process where it cannot fork."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.requests: BinaryIO | None = None
        self.replies: BinaryIO | None = None

    @classmethod
    def start(cls) -> PdfWorker:
        """Fork the worker where forking is safe: Linux, and no other thread in this process."""
        worker = cls()
        if (
            sys.platform.startswith("linux")
            and threading.active_count() == 1
            and "weasyprint" not in sys.modules
        ):
            worker._fork()
        return worker

    def _fork(self) -> None:
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the command line
            os.close(parent_writes)
            os.close(parent_reads)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
            code = 0
            try:
                _serve(os.fdopen(child_reads, _PIPE_IN), os.fdopen(child_writes, _PIPE_OUT))
            except BaseException:
                code = 1
            os._exit(code)
        os.close(child_reads)
        os.close(child_writes)
        self.pid = pid
        self.requests = os.fdopen(parent_writes, _PIPE_OUT)
        self.replies = os.fdopen(parent_reads, _PIPE_IN)

    def render(self, html: str, root: Path, allowed: frozenset[str], variant: str) -> bytes:
        if self.requests is None or self.replies is None:
            return render_pdf(html, root, allowed, variant)
        try:
            _send(self.requests, (html, root, allowed, variant))
            kind, value = _receive(self.replies)  # type: ignore[misc]
        except (EOFError, OSError):
            self.close()
            raise UserError(_("the PDF could not be made: the process making it stopped")) from None
        if kind == "error":
            raise UserError(str(value))
        return value  # type: ignore[return-value]

    def close(self) -> None:
        """Hang up and end the worker: it writes nothing, so stopping it mid-warm-up loses
        nothing (a command that fails on its map does not wait for the warm-up)."""
        for stream in (self.requests, self.replies):
            if stream is not None:
                stream.close()
        self.requests = self.replies = None
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass
            self.pid = None
