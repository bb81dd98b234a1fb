"""A google-auth transport that caches the public signing certificates.

`google.oauth2.id_token.verify_token` fetches the certificates on every call; Google publishes
them with a long `Cache-Control: max-age`, so we keep them that long (bounded) in memory.
Only successful GETs are cached. Uses urllib so no connection pool outlives a request.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

from google.auth import exceptions as gexc
from google.auth import transport

DEFAULT_TTL = 300.0
MIN_TTL = 30.0
MAX_TTL = 6 * 3600.0
FORCED_REFRESH_INTERVAL = 60.0
_MAX_AGE = re.compile(r"max-age\s*=\s*(\d+)", re.IGNORECASE)
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class CachedResponse:
    """The `google.auth.transport.Response` shape: status, headers, data."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    data: bytes = b""


def ttl_from(headers: Mapping[str, str]) -> float:
    value = next((v for k, v in headers.items() if k.lower() == "cache-control"), "")
    match = _MAX_AGE.search(value)
    ttl = float(match.group(1)) if match else DEFAULT_TTL
    return min(MAX_TTL, max(MIN_TTL, ttl))


class CachingRequest(transport.Request):
    """Callable like `google.auth.transport.Request`; thread-safe."""

    def __init__(self, timeout: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._timeout = timeout
        self._clock = clock
        self._cache: dict[str, tuple[float, CachedResponse]] = {}
        self._forced: dict[str, float] = {}
        self._mutex = threading.Lock()
        self.fetches = 0  # network fetches made, for tests

    def __call__(
        self,
        url: str,
        method: str = "GET",
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        **_: Any,
    ) -> CachedResponse:
        if method.upper() != "GET":
            return self._fetch(url, method, body, headers, timeout)
        with self._mutex:
            hit = self._cache.get(url)
            if hit and hit[0] > self._clock():
                return hit[1]
        response = self._fetch(url, "GET", None, headers, timeout)
        if response.status == 200:
            with self._mutex:
                self._cache[url] = (self._clock() + ttl_from(response.headers), response)
        return response

    def invalidate(self, url: str) -> bool:
        """Forget `url` (a key may have rotated), at most once a minute so it cannot be abused."""
        now = self._clock()
        with self._mutex:
            if now - self._forced.get(url, -FORCED_REFRESH_INTERVAL) < FORCED_REFRESH_INTERVAL:
                return False
            self._forced[url] = now
            self._cache.pop(url, None)
            return True

    def _fetch(
        self,
        url: str,
        method: str,
        body: bytes | None,
        headers: Mapping[str, str] | None,
        timeout: float | None,
    ) -> CachedResponse:
        self.fetches += 1
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        host = urlsplit(url).hostname or ""
        # A loopback certificate server (tests) must not go through an HTTP proxy.
        handlers = [urllib.request.ProxyHandler({})] if host in _LOOPBACK else []
        opener = urllib.request.build_opener(*handlers)
        try:
            with opener.open(request, timeout=timeout or self._timeout) as resp:
                return CachedResponse(resp.status, _headers(resp.headers), resp.read())
        except urllib.error.HTTPError as exc:
            with exc:
                return CachedResponse(exc.code, _headers(exc.headers), b"")
        except (OSError, ValueError) as exc:
            raise gexc.TransportError(f"Could not reach {url}: {exc}") from exc  # type: ignore[no-untyped-call]


def _headers(message: Message) -> dict[str, str]:
    return {k: str(v) for k, v in message.items()} if message is not None else {}
