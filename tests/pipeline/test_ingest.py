"""Reading each input format, and each kind of bad input as a one-line error. No network: URLs are local."""

import http.server
import json
import socket
import threading
from datetime import date

import pytest

from articles.ingest import ArticleInput, IngestError, read_sources, read_url, remove_link_lines

from .conftest import FIXTURE_ARTICLES

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head>
<title>Russia and Iran sign a pact | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2025-01-17T10:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news and analysis</a></li></ul></nav>
<article>
<h1>Russia and Iran sign a pact</h1>
<p>Iran and Russia have agreed to closer military cooperation and intelligence sharing, in a sign of how
much their rivalry with the West has brought them together.</p>
<p>“This is a real breakthrough,” said Alexander Gabuev, director of the Carnegie Russia Eurasia Centre, in
an interview on Friday afternoon.</p>
<p>Read more: Why the Kremlin wants a deal with Tehran</p>
<p>Mr Gabuev added that the agreement fell short of a mutual defence pact, which Moscow signed with North
Korea in June of last year.</p>
<div class="related"><h3>Related articles</h3><ul>
<li><a href="/a">Putin visits Pyongyang</a></li><li><a href="/b">Oil prices rise again</a></li></ul></div>
</article>
<footer>Copyright Example News 2025</footer>
</body></html>
"""


def only(items: list) -> ArticleInput | IngestError:
    assert len(items) == 1, items
    return items[0]


def read_one(path) -> ArticleInput | IngestError:
    return only(list(read_sources([str(path)])))


def assert_error(item, fragment: str) -> None:
    assert isinstance(item, IngestError), item
    assert fragment in item.message
    assert "\n" not in str(item) and "Traceback" not in str(item)


# Plain text


def test_plain_text_body_is_the_file_text_and_its_headline_the_title(tmp_path):
    path = tmp_path / "story.txt"
    text = "Iran and Russia sign a pact\nThe two countries agreed on Friday.\n“It is good,” he said.\n"
    path.write_text(text, encoding="utf-8")
    item = read_one(path)
    assert item.body == text
    assert item.title == "Iran and Russia sign a pact"
    assert item.source_name == str(path)
    assert item.base_name == "story.txt"


def test_plain_text_windows_line_endings_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Headline here\r\nFirst paragraph.\r\nSecond one.\r\n")
    item = read_one(path)
    assert item.body == "Headline here\nFirst paragraph.\nSecond one.\n"
    assert item.body == path.read_text(encoding="utf-8")


def test_plain_text_first_line_that_is_a_sentence_is_not_a_title(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("The minister said the talks had failed.\nThey will resume next week.\n")
    assert read_one(path).title == ""


def test_fixture_seed_offsets_are_offsets_into_the_file():
    for item in read_sources([str(FIXTURE_ARTICLES)]):
        assert isinstance(item, ArticleInput)
        assert item.body == (FIXTURE_ARTICLES / item.base_name).read_text(encoding="utf-8")


def test_folders_are_read_recursively_in_order_skipping_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second\nBody two.\n")
    (tmp_path / "a.txt").write_text("First\nBody one.\n")
    (tmp_path / "notes.md").write_text("not an input")
    (tmp_path / ".hidden.txt").write_text("hidden\n")
    items = list(read_sources([str(tmp_path)]))
    assert [item.base_name for item in items] == ["a.txt", "two.txt"]


# HTML


def test_html_main_text_and_metadata_without_navigation_or_link_blocks(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    item = read_one(path)
    assert isinstance(item, ArticleInput)
    assert item.title.startswith("Russia and Iran sign a pact")
    assert item.author == "Jane Reporter"
    assert item.published_at == date(2025, 1, 17)
    assert item.publication_name == "Example News"
    assert "“This is a real breakthrough,” said Alexander Gabuev" in item.body
    assert "Mr Gabuev added" in item.body
    for boilerplate in ["Read more", "Related articles", "Putin visits Pyongyang", "World news", "Copyright"]:
        assert boilerplate not in item.body


def test_link_lines_are_removed_but_prose_starting_alike_is_kept():
    text = (
        "Related talks were held in Vienna last week.\n"
        "See also: The sanctions explained\n"
        "Most read\n"
        "- Putin visits Pyongyang\n"
        "Oil prices rise again\n"
        "The envoy said the talks would resume."
    )
    assert remove_link_lines(text) == (
        "Related talks were held in Vienna last week.\nThe envoy said the talks would resume."
    )


# JSON


def test_json_object_with_metadata(tmp_path):
    path = tmp_path / "one.json"
    article = {
        "title": "Pact signed",
        "text": "“We agreed,” said Jane Doe.",
        "url": "https://www.example.com/news/pact",
        "published": "2025-01-17T09:30:00+00:00",
        "publication": "Example News",
        "author": "A. Writer",
    }
    path.write_text(json.dumps(article), encoding="utf-8")
    item = read_one(path)
    assert item.body == "“We agreed,” said Jane Doe."
    assert item.title == "Pact signed"
    assert item.url == "https://www.example.com/news/pact"
    assert item.published_at == date(2025, 1, 17)
    assert (item.publication_name, item.publication_domain) == ("Example News", "example.com")
    assert item.author == "A. Writer"


def test_json_list_gives_each_article_and_a_per_item_error(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"body": "First article."}, {"title": "no body"}, {"body": "Second."}]))
    items = list(read_sources([str(path)]))
    assert [type(item) for item in items] == [ArticleInput, IngestError, ArticleInput]
    assert items[1].source_name == f"{path}#2"
    assert_error(items[1], "not an article")
    assert items[2].base_name == "many.json"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"title": "x", "body": "unterminated', "malformed JSON"),
        ('"just a string"', "not an article"),
        ('{"title": "x"}', "not an article"),
        ('{"body": "   "}', "empty"),
        ("[]", "empty"),
    ],
)
def test_bad_json(tmp_path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert_error(read_one(path), fragment)


# Each kind of unreadable file


def test_folder_without_articles_is_an_error(tmp_path):
    (tmp_path / "notes.md").write_text("nothing to extract")
    assert_error(read_one(tmp_path), "empty: no .txt")


def test_missing_file(tmp_path):
    assert_error(read_one(tmp_path / "nowhere.txt"), "missing")


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.txt", b" \n\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Caf\xe9 society\nThe minister said so.\n".encode("latin-1"), "undecodable"),
        ("menu.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "not an article"),
        ("article.pdf", b"%PDF-1.7", "unsupported file type"),
    ],
)
def test_unreadable_file(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    assert_error(read_one(path), fragment)


def test_too_large_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    assert_error(only(list(read_sources([str(path)], max_bytes=100))), "too large")


# URLs, served locally


class ArticleHandler(http.server.BaseHTTPRequestHandler):
    pages = {
        "/news/pact.html": ("text/html; charset=utf-8", ARTICLE_HTML.encode()),
        "/feed.json": ("application/json", json.dumps({"body": "“Yes,” said Jane Doe."}).encode()),
        "/huge.txt": ("text/plain", b"x" * 5000),
    }

    def do_GET(self):
        page = self.pages.get(self.path)
        if page is None:
            self.send_error(404, "Not Found")
            return
        content_type, data = page
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ArticleHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_html_url_is_read_with_its_address(local_server):
    url = f"{local_server}/news/pact.html"
    item = only(read_url(url))
    assert isinstance(item, ArticleInput)
    assert item.url == url and item.source_name == url
    assert item.base_name == "pact.html"
    assert item.publication_name == "Example News"
    assert "said Alexander Gabuev" in item.body


def test_json_url_follows_its_content_type(local_server):
    item = only(read_url(f"{local_server}/feed.json"))
    assert item.body == "“Yes,” said Jane Doe."


def test_url_over_the_size_cap(local_server):
    assert_error(only(read_url(f"{local_server}/huge.txt", max_bytes=1000)), "too large")


def test_url_not_found_is_a_network_error(local_server):
    assert_error(only(read_url(f"{local_server}/gone.html")), "network error: HTTP 404")


def test_url_on_a_closed_port_is_a_network_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens there any more: the connection is refused at once, without leaving the machine.
    item = only(list(read_sources([f"http://127.0.0.1:{port}/article.html"], timeout=5)))
    assert_error(item, "network error")


def test_plain_text_headline_may_ask_a_question(tmp_path):
    path = tmp_path / "question.txt"
    path.write_text("Should the West be worried?\n\nIn Moscow on Friday, two leaders met.\n")
    assert read_one(path).title == "Should the West be worried?"


def test_plain_text_promotional_line_above_the_headline_is_not_the_title(tmp_path):
    path = tmp_path / "promo.txt"
    path.write_text(
        "Sign up to our newsletter for free\nCouncil approves budget\nThe council voted on Monday.\n"
    )
    assert read_one(path).title == "Council approves budget"


def test_plain_text_with_only_promotion_and_prose_has_no_title(tmp_path):
    path = tmp_path / "promo-only.txt"
    path.write_text("Unlock the digest for free\nOur editor chose these stories.\nThe council voted.\n")
    assert read_one(path).title == ""
