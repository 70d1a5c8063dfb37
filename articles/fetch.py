"""Polite and safe HTTP fetching for feeds, sitemaps and article pages.

- Only http(s), and only to public addresses: every address a host name resolves to, and every redirect's
  target, must be globally routable, unless ``QUOTES_FETCH_ALLOW_PRIVATE`` is on (tests use loopback).
- robots.txt is honoured for our User-Agent, read once per host and kept for an hour in the process.
- One request at a time per host, with ``QUOTES_FETCH_DELAY`` seconds between the end of one and the start
  of the next. The slot is kept in Django's cache, so with a shared cache (``CACHE_URL``, Redis) every
  worker on every machine takes turns; with the per-process cache each process takes turns on its own.
- A User-Agent naming the software, a time-out per request (connect, and the whole body), a size cap.
- Conditional GET: pass the ETag and Last-Modified of the last answer; a 304 comes back as ``not_modified``.

Errors are ``FetchError`` with a one-line message; ``transient`` tells a network failure worth retrying
(time-out, refused connection, HTTP 5xx or 429) from a permanent one (404, forbidden, too large, loop).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
import urllib.robotparser
import uuid
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.cache import cache

from articles.ingest import USER_AGENT, one_line

ROBOTS_TTL_SECONDS = 3600
CHUNK_BYTES = 64 * 1024
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL that could not be fetched; ``str()`` is one line."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(one_line(message))
        self.transient = transient


class Forbidden(FetchError):
    """robots.txt, the scheme or the address does not allow the request."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    data: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse anything but http(s) to a public address (name resolution included)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise Forbidden(f"refused: only http and https URLs are fetched, not {parts.scheme or 'none'!r}")
    host = parts.hostname
    if not host:
        raise Forbidden("refused: the URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"network error: cannot resolve {host}: {error}", transient=True) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global:
            raise Forbidden(
                f"refused: {host} is a private address ({address}); set QUOTES_FETCH_ALLOW_PRIVATE=true"
            )


class SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Each redirect target passes the same checks as the first URL; a few hops at most."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(urljoin(req.full_url, newurl), allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HostSlots:
    """One request at a time per host, with a delay between them, through Django's cache."""

    poll_seconds = 0.05

    def __init__(self, *, delay: float, hold_seconds: float) -> None:
        self.delay = delay
        self.hold_seconds = hold_seconds

    def acquire(self, host: str) -> str:
        token = uuid.uuid4().hex
        lock_key, next_key = f"quotes:fetch:lock:{host}", f"quotes:fetch:next:{host}"
        deadline = time.monotonic() + self.hold_seconds * 4
        # A holder that died frees the slot when its key expires (hold_seconds).
        while not cache.add(lock_key, token, timeout=max(1, int(self.hold_seconds) + 1)):
            if time.monotonic() > deadline:
                raise FetchError(f"busy: another request to {host} has not ended", transient=True)
            time.sleep(self.poll_seconds)
        wait = (cache.get(next_key) or 0) - time.time()
        if wait > 0:
            time.sleep(min(wait, self.delay))
        return token

    def release(self, host: str, token: str) -> None:
        lock_key, next_key = f"quotes:fetch:lock:{host}", f"quotes:fetch:next:{host}"
        cache.set(next_key, time.time() + self.delay, timeout=max(1, int(self.delay) + 1))
        if cache.get(lock_key) == token:
            cache.delete(lock_key)


_robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
_robots_lock = threading.Lock()


class Fetcher:
    def __init__(
        self,
        *,
        timeout: float | None = None,
        max_bytes: int | None = None,
        delay: float | None = None,
        allow_private: bool | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout = settings.QUOTES_FETCH_TIMEOUT if timeout is None else timeout
        self.max_bytes = settings.QUOTES_FETCH_MAX_BYTES if max_bytes is None else max_bytes
        self.delay = settings.QUOTES_FETCH_DELAY if delay is None else delay
        self.allow_private = settings.QUOTES_FETCH_ALLOW_PRIVATE if allow_private is None else allow_private
        self.user_agent = user_agent
        self.slots = HostSlots(delay=self.delay, hold_seconds=self.timeout * 2 + 1)
        self.opener = urllib.request.build_opener(SafeRedirects(allow_private=self.allow_private))

    def get(self, url: str, *, etag: str = "", last_modified: str = "", robots: bool = True) -> Response:
        check_url(url, allow_private=self.allow_private)
        if robots and not self.allowed_by_robots(url):
            raise Forbidden("forbidden by robots.txt")
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = (urlsplit(url).hostname or "").lower()
        token = self.slots.acquire(host)
        try:
            return self._get(url, headers)
        finally:
            self.slots.release(host, token)

    def _get(self, url: str, headers: dict[str, str]) -> Response:
        request = urllib.request.Request(url, headers=headers)
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                length = answer.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise FetchError(f"too large: {int(length):,} bytes (limit {self.max_bytes:,})")
                data = self._read(answer)
                return Response(
                    url=answer.geturl() or url,
                    status=answer.status,
                    data=data,
                    content_type=answer.headers.get_content_type(),
                    etag=answer.headers.get("ETag", ""),
                    last_modified=answer.headers.get("Last-Modified", ""),
                )
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return Response(url=url, status=304)
            if error.code in {301, 302, 303, 307, 308}:
                raise FetchError(f"redirect loop: {one_line(error.reason or '')}") from None
            transient = error.code >= 500 or error.code == 429
            raise FetchError(f"HTTP {error.code} {error.reason}", transient=transient) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, FetchError):
                raise error.reason from None
            reason = error.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise FetchError(f"time-out: no answer within {self.timeout:g} s", transient=True) from None
            raise FetchError(f"network error: {one_line(str(reason))}", transient=True) from None
        except TimeoutError:
            raise FetchError(f"time-out: no answer within {self.timeout:g} s", transient=True) from None
        except (OSError, ValueError) as error:
            raise FetchError(f"network error: {one_line(str(error))}", transient=True) from None

    def _read(self, answer) -> bytes:
        """The body, within the size cap and the time-out for the whole of it (a server trickling bytes
        would otherwise hold a worker for ever, each read within the socket's time-out)."""
        deadline = time.monotonic() + self.timeout
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = answer.read(CHUNK_BYTES)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"too large: more than {self.max_bytes:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"time-out: the page took over {self.timeout:g} s", transient=True)
            chunks.append(chunk)

    def allowed_by_robots(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with _robots_lock:
            cached = _robots.get(origin)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL_SECONDS:
            cached = (time.monotonic(), self._read_robots(origin))
            with _robots_lock:
                _robots[origin] = cached
        return cached[1].can_fetch(self.user_agent, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            answer = self.get(f"{origin}/robots.txt", robots=False)
        except FetchError as error:
            text = str(error)
            if text.startswith("HTTP 4") and not text.startswith(("HTTP 401", "HTTP 403", "HTTP 429")):
                parser.allow_all = True  # no robots.txt: everything is allowed
                return parser
            if error.transient:
                # Unreachable robots.txt: ask again next time rather than guess (RFC 9309, 2.3.1.4).
                raise FetchError(f"robots.txt unavailable: {error}", transient=True) from None
            parser.disallow_all = True
            return parser
        parser.parse(answer.data.decode("utf-8", errors="replace").splitlines())
        return parser


def forget_robots() -> None:
    """Drop the robots.txt cache (tests start each server afresh)."""
    with _robots_lock:
        _robots.clear()
