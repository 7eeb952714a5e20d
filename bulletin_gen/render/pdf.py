"""A page's HTML to a PDF, through WeasyPrint: local files only, dates from the issue, the same bytes every time.

WeasyPrint needs Pango from the system. It is imported only when a PDF is
made (it takes a third of a second), and `unavailable()` says in advance why
it cannot be, so that the build can say so once and still make the web pages.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import weasyprint

# Where the page seems to lie, for WeasyPrint to resolve its relative links against; every
# address under it is served from the theme's files, and no other address is fetched at all.
_SITE = "file:///bulletin-site/"
PDF_VARIANT = "pdf/a-2b"  # for archiving: fonts embedded, colours and metadata declared


class PdfMeta(NamedTuple):
    """What the PDF says about itself, beyond the page's <title> and <meta name="author">."""

    language: str
    date: dt.date  # the date: the PDF's creation and modification date, never the clock
    timezone: str  # +08:00


@functools.lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why WeasyPrint cannot make PDFs here (it or the Pango library is missing), or None."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: cffi did not find libpango
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None


FONTS_URL = _SITE + "fonts/"  # where @font-face rules find the office's fonts (fonts.font_faces)


def to_pdf(html: str, page_path: str, statics: dict[str, Path], meta: PdfMeta,
           extra_css: str = "", fonts: dict[str, Path] | None = None,
           pictures: dict[str, Path] | None = None) -> tuple[bytes, int]:
    """The PDF of `html`, which lives at `page_path` in the site, and its number of pages.

    `statics` maps the site's static/ paths to the files that provide them,
    `fonts` the office's font files by name (under FONTS_URL), `pictures`
    the issues' pictures by their path in the output. `extra_css` is laid
    over the page's own stylesheets.
    """
    weasyprint = _weasyprint()
    fetcher = _fetcher(statics, fonts or {}, pictures or {})
    # A font configuration of its own for every PDF: the @font-face fonts a page registers stay
    # in it, and a shared one would lend one site's (or one issue's) fonts to the next PDF, so
    # that its bytes would depend on what the process made before. (It costs 3 ms.)
    font_config = _font_configuration()
    extra = [weasyprint.CSS(string=extra_css, base_url=_SITE, url_fetcher=fetcher, font_config=font_config)]
    document = weasyprint.HTML(string=html, base_url=_SITE + page_path, url_fetcher=fetcher).render(
        stylesheets=extra if extra_css else None, font_config=font_config)
    stamp = f"{meta.date.isoformat()}T00:00:00{meta.timezone}"
    document.metadata.created = document.metadata.modified = stamp
    document.metadata.lang = meta.language
    return document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages)


@functools.lru_cache(maxsize=1)
def _weasyprint():  # type: ignore[no-untyped-def]
    import weasyprint

    # WeasyPrint logs every CSS property it does not know (a web page's screen rules) as a
    # warning: noise in the editor's terminal, not a problem with the bulletin.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def _font_configuration() -> "weasyprint.text.fonts.FontConfiguration":
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _fetcher(statics: dict[str, Path], fonts: dict[str, Path], pictures: dict[str, Path]):  # type: ignore[no-untyped-def]
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFiles(URLFetcher):  # type: ignore[misc]
        """The site's static files, fonts and pictures, and nothing else: no network, no other file on the disk."""

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            parts = urlsplit(url)
            relative = unquote(parts.path).removeprefix(urlsplit(_SITE).path)
            folder, _, name = relative.partition("/")
            source = statics.get(name) if folder == "static" else fonts.get(name) if folder == "fonts" else None
            source = source or pictures.get(relative)
            if parts.scheme != "file" or source is None:
                raise ValueError(f"not one of the site's static files or fonts: {url}")
            kind = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, source.read_bytes(), {"Content-Type": kind})

    return SiteFiles()
