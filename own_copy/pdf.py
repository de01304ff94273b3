"""The person's own copy as a PDF, made by WeasyPrint from the HTML and the stylesheet of
its print view, so that the two look the same.

WeasyPrint needs the Pango library (Debian and most Linux systems have it). Where it is
missing, the app still runs and `PdfUnavailable` says what to install. Nothing is fetched
while a PDF is made: the stylesheet is read from the app's own static files, and every
other address is refused.
"""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders

STYLESHEET = "app/own-copy.css"
INSTALL = (
    "This server cannot make PDFs: it needs the Pango library. On Debian or Ubuntu, install "
    "it with: apt-get install libpango-1.0-0 libpangoft2-1.0-0. The print view works "
    "without it."
)


class PdfUnavailable(Exception):
    """The PDF cannot be made here: its message says what to install."""


@cache
def _stylesheet() -> str:
    found = finders.find(STYLESHEET)
    assert isinstance(found, str), f"{STYLESHEET} is missing from the static files"
    return Path(found).read_text()


def pdf_from_html(html: str) -> bytes:
    """The PDF of an HTML document that names no stylesheet of its own."""
    try:
        import weasyprint
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as missing:
        raise PdfUnavailable(INSTALL) from missing

    class Refuser(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"{url}: a PDF of the record fetches nothing")

    document = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=Refuser())
    stylesheet = weasyprint.CSS(string=_stylesheet(), url_fetcher=Refuser())
    # Tagged, so that a screen reader reads its headings, lists and order.
    pdf = document.write_pdf(stylesheets=[stylesheet], pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf
