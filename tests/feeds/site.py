"""A news site on loopback for the feed tests: a real HTTP server (threading http.server) with an RSS
feed, an Atom feed, a sitemap, article pages made from the repository's article texts, a robots.txt
that forbids /private/, and failing URLs (404, 500, slow, not XML, huge, a redirect loop).

Every request is recorded (path, headers, time), so tests can see what the fetcher asked for."""

from __future__ import annotations

import contextlib
import html
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
ARTICLE_TEXTS = [
    *sorted((REPOSITORY / "fixtures" / "articles").glob("*.txt")),
    *sorted((REPOSITORY / "tests" / "extraction" / "heldout_style").glob("h0*.txt"))[:4],
]
FEED_LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)
HUGE_BYTES = 3 * 1024 * 1024  # over the cap the tests set (1 MB)


def article_html(text: str) -> bytes:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    title, paragraphs = lines[0], lines[1:]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{html.escape(title)}</title>"
        '<meta property="og:site_name" content="Loopback Gazette">'
        '<meta name="author" content="Staff reporter">'
        '<meta property="article:published_time" content="2026-03-02T08:00:00Z">'
        "</head><body><nav><a href=/>Home</a> <a href=/world>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>\n{body}</article>"
        "<footer>© Loopback Gazette</footer></body></html>"
    ).encode()


MENU_PAGE = (
    b"<!doctype html><html><head><title>Sections</title></head><body><ul>"
    + b"".join(f"<li><a href=/s{i}>Section {i}</a></li>".encode() for i in range(20))
    + b"</ul></body></html>"
)


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    """Pages by path; ``articles`` maps an article path to its HTML."""

    articles: dict[str, bytes] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    # /hold/… waits for ``release`` once ``held`` is set (a worker can be killed while it waits).
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    base_url: str = ""
    server: ThreadingHTTPServer | None = None

    def __post_init__(self) -> None:
        for number, path in enumerate(ARTICLE_TEXTS, start=1):
            self.articles[f"/news/{number}-{path.stem}.html"] = article_html(path.read_text(encoding="utf-8"))
        self.articles["/private/leaked-memo.html"] = article_html(
            "Leaked memo\n“This page must never be fetched,” said Paula Private, a spokeswoman for the "
            "Example Ministry.\nThe robots file forbids it.\n"
        )

    # -- what the feeds list ------------------------------------------------------------------------
    @property
    def article_paths(self) -> list[str]:
        return [path for path in self.articles if path.startswith("/news/")]

    def url(self, path: str) -> str:
        return self.base_url + path

    def rss(self) -> bytes:
        paths = [*self.article_paths[:4], "/private/leaked-memo.html", "/news/gone.html", "/news/broken.html",
                 "/news/sections.html"]  # fmt: skip
        items = "".join(
            f"<item><title>Story {i}</title><link>{self.url(path)}</link><guid>{self.url(path)}</guid></item>"
            for i, path in enumerate(paths)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">'
            "<channel><title>Loopback Gazette</title>"
            f"<link>{self.base_url}/</link><description>News</description>{items}</channel></rss>"
        ).encode()

    def atom(self) -> bytes:
        # Overlaps the RSS feed by one article: two feeds listing one page fetch it once.
        paths = self.article_paths[3:5]
        entries = "".join(
            f'<entry><title>Story {i}</title><id>tag:loopback,2026:{i}</id><link href="{self.url(path)}"/>'
            "<updated>2026-03-02T08:00:00Z</updated></entry>"
            for i, path in enumerate(paths)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Loopback Gazette (Atom)</title><id>tag:loopback,2026:feed</id>"
            f"<updated>2026-03-02T08:00:00Z</updated>{entries}</feed>"
        ).encode()

    def sitemap(self) -> bytes:
        paths = self.article_paths[5:]
        urls = "".join(f"<url><loc>{self.url(path)}</loc></url>" for path in paths)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()

    def sitemap_index(self) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.url('/sitemap.xml')}</loc></sitemap></sitemapindex>"
        ).encode()

    # -- the server ---------------------------------------------------------------------------------
    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                site.requests.append(Request(self.path, dict(self.headers.items()), time.monotonic()))
                site.route(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def paths_requested(self) -> list[str]:
        return [request.path for request in self.requests]

    def route(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        if path == "/robots.txt":
            return send(handler, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        if path == "/rss.xml":
            return send_feed(handler, self.rss(), "application/rss+xml", etag='"rss-v1"')
        if path == "/atom.xml":
            return send_feed(handler, self.atom(), "application/atom+xml", etag='"atom-v1"')
        if path == "/sitemap.xml":
            return send(handler, 200, self.sitemap(), "application/xml")
        if path == "/sitemap-index.xml":
            return send(handler, 200, self.sitemap_index(), "application/xml")
        if path in self.articles:
            return send(handler, 200, self.articles[path], "text/html; charset=utf-8")
        if path == "/news/sections.html":
            return send(handler, 200, MENU_PAGE, "text/html")
        if path in {"/news/broken.html", "/feeds/broken.xml"}:
            return send(handler, 500, b"Internal Server Error", "text/plain")
        if path == "/feeds/not-xml.xml":
            return send(handler, 200, b"<html><body><p>Our feeds have moved.</p>", "text/html")
        if path == "/feeds/slow.xml":
            time.sleep(3)
            return send(handler, 200, self.rss(), "application/rss+xml")
        if path == "/feeds/huge.xml":
            return send(handler, 200, b"<rss>" + b" " * HUGE_BYTES + b"</rss>", "application/rss+xml")
        if path in {"/feeds/loop-a.xml", "/feeds/loop-b.xml"}:
            other = "/feeds/loop-b.xml" if path.endswith("a.xml") else "/feeds/loop-a.xml"
            handler.send_response(302)
            handler.send_header("Location", other)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return None
        if path == "/feeds/hold.xml":
            body = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>Held</title>'
                f"<item><title>Held story</title><link>{self.url('/hold/story.html')}</link></item>"
                "</channel></rss>"
            ).encode()
            return send(handler, 200, body, "application/rss+xml")
        if path.startswith("/hold/"):
            self.held.set()
            self.release.wait(timeout=120)
            return send(handler, 200, self.articles[self.article_paths[0]], "text/html")
        return send(handler, 404, b"Not Found", "text/plain")


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str, headers=()) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers:
        handler.send_header(name, value)
    handler.end_headers()
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.wfile.write(body)


def send_feed(handler: BaseHTTPRequestHandler, body: bytes, content_type: str, *, etag: str) -> None:
    """A feed that answers a conditional GET with 304 Not Modified."""
    if (
        handler.headers.get("If-None-Match") == etag
        or handler.headers.get("If-Modified-Since") == FEED_LAST_MODIFIED
    ):
        handler.send_response(304)
        handler.send_header("ETag", etag)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    send(handler, 200, body, content_type, headers=[("ETag", etag), ("Last-Modified", FEED_LAST_MODIFIED)])
