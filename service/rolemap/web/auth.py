"""Caller authentication: a Google identity token (the add-on) or a shared-secret HMAC.

`Authenticator.authenticate` returns who called (an e-mail, or "hmac") for the run log, or
raises: AuthError (401) for missing or bad credentials, ForbiddenError (403) for a caller or
sheet that is not allowed, AuthNotConfiguredError (503) when the service itself is missing its
auth settings, so a misconfigured service refuses everyone instead of letting everyone in.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

from google.auth import exceptions as gexc
from google.oauth2 import id_token
from werkzeug.datastructures import Headers

from rolemap.errors import (
    AuthError,
    AuthNotConfiguredError,
    AuthUnavailableError,
    ForbiddenError,
)
from rolemap.settings import Settings
from rolemap.web.certs import CachingRequest

log = logging.getLogger("rolemap.web.auth")

GOOGLE_ISSUERS = frozenset({"accounts.google.com", "https://accounts.google.com"})
CLOCK_SKEW_SECONDS = 10  # tolerated clock difference for the token's iat/exp
TIMESTAMP_HEADER = "X-Rolemap-Timestamp"
SIGNATURE_HEADER = "X-Rolemap-Signature"
HMAC_CALLER = "hmac"
_TIMESTAMP = re.compile(r"[0-9]{1,15}")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")


def sign_hmac(secret: str | bytes, timestamp: str, body: bytes) -> str:
    """Lowercase hex HMAC-SHA256 of `"<timestamp>.<raw body>"` (the add-on computes the same)."""
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()


def verify_hmac(secret: str | bytes, timestamp: str, body: bytes, signature: str) -> bool:
    """Constant-time check of `signature`; False for anything that is not 64 hex digits."""
    candidate = signature.strip().lower()
    if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(candidate):
        return False
    return hmac.compare_digest(sign_hmac(secret, timestamp, body), candidate)


class Authenticator:
    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], float] = time.time,
        cert_request: CachingRequest | None = None,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._request = cert_request or CachingRequest(timeout=settings.http_timeout_seconds)

    def authenticate(self, headers: Headers, body: bytes) -> str:
        if self._settings.auth_mode == "hmac":
            return self._hmac(headers, body)
        return self._id_token(headers)

    def authorize_sheet(self, spreadsheet_id: str) -> None:
        allowed = self._settings.allowed_spreadsheet_set
        if allowed and spreadsheet_id not in allowed:
            raise ForbiddenError(
                "This spreadsheet is not on the service's allow-list "
                "(ROLEMAP_ALLOWED_SPREADSHEETS). Ask the service's admin to add it."
            )

    # --- hmac ---------------------------------------------------------------------------

    def _hmac(self, headers: Headers, body: bytes) -> str:
        secret = self._settings.hmac_secret.get_secret_value()
        if not secret:
            raise AuthNotConfiguredError(
                "The service is in hmac mode but ROLEMAP_HMAC_SECRET is not set; "
                "it refuses every request until it is."
            )
        timestamp = headers.get(TIMESTAMP_HEADER, "").strip()
        signature = headers.get(SIGNATURE_HEADER, "")
        if not timestamp or not signature:
            raise AuthError(f"Missing {TIMESTAMP_HEADER} or {SIGNATURE_HEADER} header.")
        if not _TIMESTAMP.fullmatch(timestamp):
            raise AuthError(f"{TIMESTAMP_HEADER} must be Unix time in whole seconds.")
        if not verify_hmac(secret, timestamp, body, signature):
            raise AuthError("The request signature does not match; check ROLEMAP_HMAC_SECRET.")
        skew = self._settings.hmac_max_skew_seconds
        if abs(self._clock() - int(timestamp)) > skew:
            raise AuthError(
                f"The request timestamp is more than {skew} s away from the service's clock: "
                "send a freshly signed request, and check the clock."
            )
        return HMAC_CALLER

    # --- id_token -----------------------------------------------------------------------

    def _id_token(self, headers: Headers) -> str:
        settings = self._settings
        if not settings.oauth_client_id:
            raise AuthNotConfiguredError(
                "ROLEMAP_OAUTH_CLIENT_ID is not set, so identity tokens cannot be checked; "
                "the service refuses every request until it is."
            )
        scheme, _, token = headers.get("Authorization", "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthError(
                "Sign-in required: send 'Authorization: Bearer <Google identity token>'."
            )
        claims = self._verify(token)
        if claims.get("iss") not in GOOGLE_ISSUERS:
            raise AuthError("The identity token was not issued by Google.")
        email = claims.get("email")
        if not isinstance(email, str) or "@" not in email:
            raise AuthError("The identity token carries no e-mail address.")
        if claims.get("email_verified") not in (True, "true"):
            raise AuthError(f"The e-mail address {email} is not verified by Google.")
        self._authorize_email(email)
        return email

    def _verify(self, token: str) -> Mapping[str, Any]:
        url = self._settings.google_certs_url
        for attempt in (1, 2):
            try:
                claims: Mapping[str, Any] = id_token.verify_token(
                    token,
                    self._request,
                    audience=self._settings.oauth_client_id,
                    certs_url=url,
                    clock_skew_in_seconds=CLOCK_SKEW_SECONDS,
                )
                return claims
            except gexc.TransportError:
                log.warning("could not fetch signing certificates from %s", url)
                raise AuthUnavailableError(
                    "Could not fetch Google's signing certificates; try again in a minute."
                ) from None
            except Exception as exc:  # google-auth raises several types for bad tokens
                detail = str(exc)
                # An unknown key id may mean Google rotated its keys: refetch once.
                if attempt == 1 and "key id" in detail and self._request.invalidate(url):
                    continue
                reason, message = _classify(detail)
                # Log the reason only: google-auth messages can quote the token itself.
                log.info("identity token refused: %s (%s)", reason, type(exc).__name__)
                raise AuthError(message) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _authorize_email(self, email: str) -> None:
        emails, domains = self._settings.allowed_email_set, self._settings.allowed_domain_set
        if not emails and not domains:
            raise ForbiddenError(
                "No one may use this service yet: set ROLEMAP_ALLOWED_EMAILS or "
                "ROLEMAP_ALLOWED_DOMAINS on the service."
            )
        folded = email.casefold()
        if folded in emails or folded.rpartition("@")[2] in domains:
            return
        raise ForbiddenError(
            f"{email} may not recalculate with this service. Ask the service's admin to add it "
            "to ROLEMAP_ALLOWED_EMAILS or its domain to ROLEMAP_ALLOWED_DOMAINS."
        )


def _classify(detail: str) -> tuple[str, str]:
    if "expired" in detail:
        return "expired", "The identity token has expired: reload the sheet and try again."
    if "audience" in detail:
        return "audience", "The identity token was issued for another app (wrong audience)."
    if "too early" in detail:
        return "not_yet_valid", "The identity token is not valid yet: check the clock."
    return "invalid", "The identity token is invalid."
