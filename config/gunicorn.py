"""gunicorn's settings in production: `gunicorn config.wsgi -c config/gunicorn.py`.

The access log names each request's path without its query string (searches
for people's names, NHS numbers and postcodes live there) and without the
Referer, which could carry one.
"""

access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'
accesslog = "-"
timeout = 60
