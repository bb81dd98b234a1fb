# Rolemap service for Cloud Run: gunicorn (one worker, threads) on $PORT, as a non-root user.
#   docker build -t rolemap .
#   docker run -p 8080:8080 -e ROLEMAP_AUTH_MODE=hmac -e ROLEMAP_HMAC_SECRET=... rolemap
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8080

WORKDIR /app
COPY pyproject.toml README.md ./
COPY service/ service/
COPY sheet_templates/ sheet_templates/
RUN pip install ".[serve]" \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin rolemap

USER rolemap
EXPOSE 8080
# Shell form so $PORT (set by Cloud Run) expands; exec so gunicorn gets the signals.
CMD exec gunicorn -c python:rolemap.web.gunicorn_conf --bind "0.0.0.0:${PORT}" rolemap.web.wsgi:app
