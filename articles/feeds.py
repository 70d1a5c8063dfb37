"""Reading feeds (RSS, Atom; through feedparser) and sitemaps (a small XML read) into article URLs.

Plain functions over bytes already fetched; no network and no database. A document that is neither is a
``FeedError`` with a one-line message.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser

from articles.ingest import one_line
from articles.models import SourceKind

# A sitemap index may list many sitemaps; a poll reads this many of them (the newest come first in
# most outlets' indexes).
MAX_CHILD_SITEMAPS = 5


class FeedError(Exception):
    """Not a feed or sitemap; ``str()`` is one line."""


@dataclass(frozen=True)
class Listing:
    """What a feed or sitemap lists: article URLs, and (a sitemap index) further sitemaps to read."""

    kind: str
    urls: tuple[str, ...]
    sitemaps: tuple[str, ...] = ()


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def sitemap_root(data: bytes):
    """The root element when ``data`` is a sitemap or sitemap index, else None."""
    head = data.lstrip()[:4096].lower()
    if b"urlset" not in head and b"sitemapindex" not in head:
        return None
    try:
        # The standard library's expat refuses entity expansion bombs and never fetches external entities.
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise FeedError(f"not a feed or sitemap: not XML: {error}") from None
    return root if local_name(root.tag) in {"urlset", "sitemapindex"} else None


def detect_kind(data: bytes) -> str:
    """RSS, Atom or sitemap, from the document itself (a URL's name says little)."""
    if sitemap_root(data) is not None:
        return SourceKind.SITEMAP
    parsed = feedparser.parse(data)
    version = parsed.get("version", "")
    if version.startswith("atom"):
        return SourceKind.ATOM
    if version.startswith("rss"):
        return SourceKind.RSS
    raise FeedError(not_a_feed(parsed))


def not_a_feed(parsed) -> str:
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        # expat's "<unknown>:2:40: no element found" reads better as "no element found (line 2, column 40)"
        reason = str(parsed["bozo_exception"])
        where = re.match(r"<unknown>:(\d+):(\d+): (.*)", reason)
        if where:
            reason = f"{where.group(3)} (line {where.group(1)}, column {where.group(2)})"
        return one_line(f"not a feed or sitemap: not XML: {reason}")[:300]
    return "not a feed or sitemap: no RSS, Atom or sitemap document found"


def read_listing(data: bytes, *, base_url: str) -> Listing:
    """The article URLs (absolute http(s), in the document's order, without repeats)."""
    root = sitemap_root(data)
    if root is not None:
        return read_sitemap(root, base_url=base_url)
    parsed = feedparser.parse(data)
    version = parsed.get("version", "")
    if not version:
        raise FeedError(not_a_feed(parsed))
    links = []
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (
                item.get("href")
                for item in entry.get("links", [])
                if item.get("rel", "alternate") == "alternate"
            ),
            None,
        )
        if link:
            links.append(link)
    kind = SourceKind.ATOM if version.startswith("atom") else SourceKind.RSS
    return Listing(kind=kind, urls=absolute_urls(links, base_url=base_url))


def read_sitemap(root, *, base_url: str) -> Listing:
    locations = [
        (element.text or "").strip()
        for element in root.iter()
        if local_name(element.tag) == "loc" and (element.text or "").strip()
    ]
    if local_name(root.tag) == "sitemapindex":
        return Listing(
            kind=SourceKind.SITEMAP,
            urls=(),
            sitemaps=absolute_urls(locations, base_url=base_url)[:MAX_CHILD_SITEMAPS],
        )
    return Listing(kind=SourceKind.SITEMAP, urls=absolute_urls(locations, base_url=base_url))


def absolute_urls(links: list[str], *, base_url: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for link in links:
        url = urljoin(base_url, link.strip()).split("#", 1)[0]
        if urlsplit(url).scheme in {"http", "https"} and len(url) <= 2000:
            seen.setdefault(url, None)
    return tuple(seen)
