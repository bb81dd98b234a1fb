"""gunicorn settings for Cloud Run.

    gunicorn -c python:rolemap.web.gunicorn_conf rolemap.web.wsgi:app


One worker with threads: the per-sheet lock and rate limit live in the process, so a single
worker keeps them service-wide. Scale with Cloud Run instances, not workers.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8080')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Cloud Run ends requests itself; a gthread worker's timeout is only its heartbeat.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "0"))
graceful_timeout = 20
keepalive = 5
accesslog = None  # the app logs one structured line per request
errorlog = "-"
loglevel = os.environ.get("ROLEMAP_LOG_LEVEL", "info").lower()
forwarded_allow_ips = "*"  # behind Google's front end
# gunicorn 24+ opens a control socket under $HOME; the non-root image user has no home.
control_socket_disable = True
