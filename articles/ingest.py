"""Reading articles from files, folders and URLs into plain article inputs.

Plain functions with no database access: every input becomes either an ``ArticleInput`` (clean text and
metadata) or an ``IngestError`` whose message is one line a person can act on. The storage service turns
inputs into rows; the ``extract_quotes`` command strings the two together.

Offsets of quotations refer to ``ArticleInput.body``. For plain text the body is the file's text exactly
as Python reads it in text mode (line endings become ``\\n``), so offsets match the file; HTML bodies are
the cleaned main text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura

MAX_INPUT_BYTES = 10 * 1024 * 1024
URL_TIMEOUT_SECONDS = 20.0
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
USER_AGENT = "quote-attribution/0.1 (+https://github.com/)"

# A first line longer than this, or ending like a sentence, is prose rather than a headline.
TITLE_MAX_CHARS = 200
# A headline may ask or exclaim; it does not end like a sentence, a lead-in or a list item.
NOT_A_HEADLINE_END = (".", ":", ";", ",")
# Promotional lines above a headline ("Unlock … for free", "Sign up to …") open with an imperative.
CALL_TO_ACTION = re.compile(
    r"^(unlock|subscribe|sign (up|in)|register|log ?in|download|follow|click|listen|watch|read|share|"
    r"get|join|support|please|try|advertisement|skip to)\b",
    re.I,
)
TITLE_SEARCH_LINES = 3
PROSE_END = (".", "!", "?", "”", '"', "’", "»")
PROSE_MIN_WORDS = 4

# Lines that link elsewhere rather than carry the article: a heading on its own ("Related articles",
# "Read more") introduces a list of headlines; a prefix with a colon ("Read more: …") is one link.
LINK_PHRASES = (
    r"(?:read more|read next|see also|related(?: articles| stories| content| coverage| links)?|"
    r"more on this(?: story)?|recommended(?: for you)?|most read|most popular|you may also like|"
    r"articles you may like|more from [\w ]{1,40})"
)
LINK_HEADING = re.compile(rf"^{LINK_PHRASES}\s*:?$", re.IGNORECASE)
LINK_PREFIX = re.compile(rf"^{LINK_PHRASES}\s*[:|—–]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """One article as read, before extraction."""

    body: str
    source_name: str
    title: str = ""
    url: str = ""
    published_at: date | None = None
    author: str = ""
    publication_name: str = ""
    publication_domain: str = ""
    language: str = "en"

    @property
    def content_hash(self) -> str:
        return content_hash(self.body)

    @property
    def base_name(self) -> str:
        """The input's file name (or a URL's last path segment), as evaluation records name it."""
        return base_name(self.source_name)


@dataclass(frozen=True, slots=True)
class IngestError:
    """An input that could not be read; ``message`` is a single line."""

    source_name: str
    message: str

    def __str__(self) -> str:
        return f"{self.source_name}: {self.message}"


class InputRejected(Exception):
    """Raised inside this module for an input that is not a readable article; becomes an IngestError."""


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def base_name(source_name: str) -> str:
    if is_url(source_name):
        path = urlsplit(source_name).path.rstrip("/")
        return path.rsplit("/", 1)[-1] or urlsplit(source_name).netloc
    return Path(source_name.split("#", 1)[0]).name


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def read_sources(
    sources: Iterable[str], *, max_bytes: int = MAX_INPUT_BYTES, timeout: float = URL_TIMEOUT_SECONDS
) -> Iterator[ArticleInput | IngestError]:
    """Every article in ``sources`` (paths, folders read recursively, http(s) URLs), in order."""
    for source in sources:
        if is_url(source):
            yield from read_url(source, max_bytes=max_bytes, timeout=timeout)
            continue
        path = Path(source)
        if path.is_dir():
            found = False
            for file_path in iter_folder(path):
                found = True
                yield from read_file(file_path, max_bytes=max_bytes)
            if not found:
                yield IngestError(str(path), "empty: no .txt, .html, .htm or .json files in the folder")
        else:
            yield from read_file(path, max_bytes=max_bytes)


def iter_folder(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder`` in a stable order, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield Path(root) / name


def read_file(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> list[ArticleInput | IngestError]:
    source_name = str(path)
    try:
        if not path.exists():
            raise InputRejected("missing: no such file or folder")
        if not path.is_file():
            raise InputRejected("not a regular file")
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputRejected(
                f"unsupported file type {suffix or '(none)'!r}; expected .txt, .html, .htm or .json"
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise InputRejected(f"too large: {size:,} bytes (limit {max_bytes:,})")
        data = path.read_bytes()
    except InputRejected as rejected:
        return [IngestError(source_name, str(rejected))]
    except OSError as error:
        return [IngestError(source_name, f"cannot read: {error.strerror or error}")]
    return parse_bytes(data, source_name=source_name, fmt=format_for_suffix(suffix))


def read_url(
    url: str, *, max_bytes: int = MAX_INPUT_BYTES, timeout: float = URL_TIMEOUT_SECONDS
) -> list[ArticleInput | IngestError]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            # One byte beyond the cap tells a too-large page from one exactly at the limit.
            data = response.read(max_bytes + 1)
            content_type = response.headers.get_content_type()
            final_url = response.geturl() or url
    except urllib.error.HTTPError as error:
        return [IngestError(url, f"network error: HTTP {error.code} {error.reason}")]
    except urllib.error.URLError as error:
        return [IngestError(url, f"network error: {one_line(str(error.reason))}")]
    except TimeoutError:
        return [IngestError(url, f"network error: no answer within {timeout:g} seconds")]
    except (OSError, ValueError) as error:
        return [IngestError(url, f"network error: {one_line(str(error))}")]
    if len(data) > max_bytes:
        return [IngestError(url, f"too large: more than {max_bytes:,} bytes")]
    fmt = format_for_content_type(content_type) or format_for_suffix(Path(urlsplit(url).path).suffix.lower())
    return parse_bytes(data, source_name=url, fmt=fmt or "html", url=final_url)


def format_for_suffix(suffix: str) -> str | None:
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSON_SUFFIXES:
        return "json"
    return None


def format_for_content_type(content_type: str) -> str | None:
    if content_type in {"text/html", "application/xhtml+xml"}:
        return "html"
    if content_type == "application/json" or content_type.endswith("+json"):
        return "json"
    if content_type == "text/plain":
        return "text"
    return None


def parse_bytes(
    data: bytes, *, source_name: str, fmt: str | None, url: str = ""
) -> list[ArticleInput | IngestError]:
    try:
        if not data.strip():
            raise InputRejected("empty: nothing to read")
        if looks_binary(data):
            raise InputRejected("binary: not a text file")
        if fmt == "html":
            return [parse_html(data, source_name=source_name, url=url)]
        text = decode_text(data)
        if fmt == "json":
            return parse_json(text, source_name=source_name)
        return [parse_text(text, source_name=source_name, url=url)]
    except InputRejected as rejected:
        return [IngestError(source_name, str(rejected))]


def looks_binary(data: bytes) -> bool:
    # NUL bytes never occur in text encodings this reads (UTF-16 files are refused as binary).
    return b"\x00" in data[:8192]


def decode_text(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputRejected(f"undecodable: not UTF-8 text (bad byte at offset {error.start})") from None
    # What Python's text mode does, so offsets agree with any reader of the file.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_text(text: str, *, source_name: str, url: str = "") -> ArticleInput:
    if not text.strip():
        raise InputRejected("empty: nothing to read")
    return ArticleInput(
        body=text,
        source_name=source_name,
        title=title_from_first_line(text),
        url=url,
        publication_domain=domain_of(url),
    )


def title_from_first_line(text: str) -> str:
    """The headline: the first line that reads like one, passing over promotional lines above it."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for position, line in enumerate(lines[: TITLE_SEARCH_LINES + 1]):
        if position == len(lines) - 1:
            break  # a text that is all headline has no article under it
        if CALL_TO_ACTION.match(line):
            continue
        if len(line) <= TITLE_MAX_CHARS and not line.endswith(NOT_A_HEADLINE_END):
            return line
        break  # prose has begun: there is no headline
    return ""


def parse_html(data: bytes, *, source_name: str, url: str = "") -> ArticleInput:
    document = trafilatura.bare_extraction(
        data,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_links=False,
        include_images=False,
    )
    text = getattr(document, "text", None) or ""
    body = remove_link_lines(text)
    if not has_prose(body):
        raise InputRejected("not an article: no main text found in the HTML")
    page_url = url or getattr(document, "url", None) or ""
    return ArticleInput(
        body=body,
        source_name=source_name,
        title=(getattr(document, "title", None) or "").strip(),
        url=page_url if is_url(page_url) else "",
        published_at=parse_date(getattr(document, "date", None)),
        author=(getattr(document, "author", None) or "").strip(),
        publication_name=(getattr(document, "sitename", None) or "").strip(),
        publication_domain=domain_of(page_url) or strip_www(getattr(document, "hostname", None) or ""),
        language=(getattr(document, "language", None) or "en")[:16],
    )


def has_prose(text: str) -> bool:
    """At least one sentence-like line: a menu, a login wall or an index page has none."""
    return any(
        len(line.split()) >= PROSE_MIN_WORDS and line.rstrip().endswith(PROSE_END)
        for line in text.split("\n")
    )


def remove_link_lines(text: str) -> str:
    """Drop "Read more"/"Related" lines and the list of headlines that follows such a heading."""
    kept: list[str] = []
    in_link_list = False
    for line in text.split("\n"):
        stripped = line.strip()
        if LINK_HEADING.match(stripped):
            in_link_list = True
            continue
        if LINK_PREFIX.match(stripped):
            continue
        # Headlines under a links heading: list items, or short lines that do not end a sentence.
        if (
            in_link_list
            and stripped
            and len(stripped) <= TITLE_MAX_CHARS
            and (stripped.startswith(("- ", "• ", "* ")) or not stripped.endswith(NOT_A_HEADLINE_END))
        ):
            continue
        in_link_list = False
        kept.append(line)
    return "\n".join(kept).strip("\n")


def parse_json(text: str, *, source_name: str) -> list[ArticleInput | IngestError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputRejected(
            f"malformed JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    if isinstance(data, dict):
        return [article_from_json(data, source_name=source_name)]
    if isinstance(data, list):
        if not data:
            raise InputRejected("empty: the JSON list holds no articles")
        results: list[ArticleInput | IngestError] = []
        for index, item in enumerate(data, start=1):
            item_source = f"{source_name}#{index}"
            try:
                results.append(article_from_json(item, source_name=item_source))
            except InputRejected as rejected:
                results.append(IngestError(item_source, str(rejected)))
        return results
    raise InputRejected("not an article: expected a JSON object or a list of objects")


def article_from_json(item: object, *, source_name: str) -> ArticleInput | IngestError:
    if not isinstance(item, dict):
        raise InputRejected("not an article: expected a JSON object with a body or text")
    body = item.get("body", item.get("text"))
    if not isinstance(body, str):
        raise InputRejected('not an article: no "body" or "text" string')
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise InputRejected("empty: the article body is blank")
    url = json_string(item, "url")
    publication = item.get("publication")
    if isinstance(publication, dict):
        publication_name = json_string(publication, "name")
        publication_domain = strip_www(json_string(publication, "domain")) or domain_of(url)
    else:
        publication_name = publication.strip() if isinstance(publication, str) else ""
        publication_domain = domain_of(url)
    return ArticleInput(
        body=body,
        source_name=source_name,
        title=json_string(item, "title"),
        url=url if is_url(url) else "",
        published_at=parse_date(item.get("published") or item.get("published_at") or item.get("date")),
        author=json_string(item, "author"),
        publication_name=publication_name,
        publication_domain=publication_domain,
        language=(json_string(item, "language") or "en")[:16],
    )


def json_string(item: dict, key: str) -> str:
    value = item.get(key)
    return value.strip() if isinstance(value, str) else ""


def parse_date(value: object) -> date | None:
    """A calendar date from an ISO date or timestamp; anything else is left for curators."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def domain_of(url: str) -> str:
    if not is_url(url):
        return ""
    return strip_www((urlsplit(url).hostname or "").lower())


def strip_www(host: str) -> str:
    host = host.strip().lower()
    return host[4:] if host.startswith("www.") else host


def one_line(message: str) -> str:
    return " ".join(message.split())
