"""gunicorn's settings in production: `gunicorn config.wsgi -c config/gunicorn.py`.

The access log names each request's path without its query string (searches
for people's names, NHS numbers and postcodes live there) and without the
Referer, which could carry one.
"""

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'
accesslog = "-"
timeout = 60


def post_worker_init(worker):
    """Loads WeasyPrint (and its fonts) as each worker starts, so that the first person's
    copy asked for as a PDF does not wait seconds for it; a server without Pango serves on."""
    try:
        import weasyprint

        weasyprint.HTML(string="<p>Ready</p>").write_pdf()
    except (ImportError, OSError) as missing:
        worker.log.warning("PDFs of the person's own copy cannot be made here: %s", missing)
