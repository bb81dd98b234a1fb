"""Every error leaves the service as `{"error": {"code", "message"}}`: no stack trace, no secret.

Rolemap's exceptions carry their own status and a message written for the user; Flask's HTTP
errors (404, 405, 413, ...) get a short fixed message; anything else is a 500 with a generic
message, and its traceback goes to the service log only.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, jsonify
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from rolemap.errors import RolemapError

log = logging.getLogger("rolemap.web")

_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    response = jsonify({"error": {"code": code, "message": message}})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def _rolemap_error(exc: RolemapError) -> Response:
    if exc.status >= 500:
        log.warning("request failed: %s (%s)", exc.code, type(exc).__name__)
    headers: dict[str, str] = {}
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(retry_after, int):
        headers["Retry-After"] = str(retry_after)
    if exc.status == 401:
        scheme = "Bearer" if current_app.config["ROLEMAP_AUTH_MODE"] == "id_token" else "HMAC"
        headers["WWW-Authenticate"] = f'{scheme} realm="rolemap"'
    return error_response(exc.status, exc.code, exc.message, headers)


def _http_error(exc: HTTPException) -> HTTPException | Response:
    status = exc.code or 500
    if status < 400:  # routing redirects are not errors
        return exc
    if status == 413:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        message = f"The request body is larger than {limit} bytes."
    elif status == 404:
        message = "No such endpoint. Use POST /recalculate, POST /template or GET /healthz."
    else:
        message = exc.description or exc.name
    headers: dict[str, str] = {}
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        headers["Allow"] = ", ".join(exc.valid_methods)
    return error_response(status, _HTTP_CODES.get(status, f"http_{status}"), message, headers)


def _unexpected(exc: Exception) -> Response:
    log.exception("unhandled error: %s", type(exc).__name__)
    return error_response(
        500, "internal", "Internal error in the Rolemap service; the details are in its log."
    )


def install_error_handlers(app: Flask) -> None:
    app.register_error_handler(RolemapError, _rolemap_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
