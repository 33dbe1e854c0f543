"""PDF from the rendered HTML through WeasyPrint, fetching nothing outside the project folder."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cjm.errors import UserError


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


def render_pdf(html: str, project_root: Path, allowed_data: frozenset[str] = frozenset()) -> bytes:
    """The PDF of an HTML page rendered by cjm; its print stylesheet sets pages and bookmarks."""
    import weasyprint

    # WeasyPrint logs every unsupported CSS property; the user cannot act on that.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher_class, fatal_error = _fetcher_class()
    fetcher = fetcher_class(project_root, allowed_data)
    try:
        document = weasyprint.HTML(
            string=html, base_url=project_root.resolve().as_uri() + "/", url_fetcher=fetcher
        )
        return document.write_pdf(pdf_variant=None, uncompressed_pdf=False)
    except fatal_error as error:
        raise UserError(
            f"the PDF needs {error.args[0].removeprefix('refused to fetch ')}, but cjm fetches only "
            "files inside the project folder"
        ) from None
    except Exception as error:  # e.g. an image that Pillow cannot decode, deep inside WeasyPrint
        raise UserError(f"the PDF could not be made: {type(error).__name__}: {error}") from None
