"""Bad input through the real command, as a user runs it: every input of the corpus in bad_inputs/
(plus a 20 MB text, a 5,000-word paragraph and a URL on a closed port, made at test time) gives one
clear line or is stored whole; no traceback reaches the user; the good article in the batch is stored;
nothing is half-written; a second run changes nothing."""

import shutil
import socket
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

CORPUS = Path(__file__).parent / "bad_inputs"
GOOD_ARTICLE = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "000_2d8554eb86dc606c.txt"
TWENTY_MB = 20 * 1024 * 1024

# What the user is told about each input that cannot be stored (a fragment of its one line).
EXPECTED_FAILURES = {
    "empty.txt": "empty: nothing to read",
    "whitespace_only.txt": "empty: nothing to read",
    "binary.txt": "binary: not a text file",
    "latin1.txt": "undecodable: not UTF-8 text (bad byte at offset 3)",
    "broken_syntax.json": (
        "malformed JSON: Expecting property name enclosed in double quotes (line 2, column 1)"
    ),
    "missing_fields.json#2": 'not an article: no "body" or "text" string',
    "missing_fields.json#3": 'not an article: no "body" or "text" string',
    "missing_fields.json#4": "not an article: expected a JSON object with a body or text",
    "missing_fields.json#5": "empty: the article body is blank",
    "not_an_article.json": "not an article: expected a JSON object or a list of objects",
    "huge.txt": f"too large: {TWENTY_MB:,} bytes (limit 10,485,760)",
}
# Inputs that are stored, each as one whole article.
EXPECTED_STORED = {
    "good_article.txt",
    "long_paragraph.txt",
    "missing_fields.json#1",
    "no_sentence_punctuation.txt",
    "scripts_and_iframes.html",
    "unbalanced_quotes.txt",
}


def closed_port_url() -> str:
    """An http URL on a loopback port where nothing listens: the connection is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/article.html"


def build_batch(folder: Path) -> Path:
    shutil.copytree(CORPUS, folder)
    shutil.copy(GOOD_ARTICLE, folder / "good_article.txt")
    with open(folder / "huge.txt", "w", encoding="utf-8") as huge:
        line = "The minister said the talks would continue. " * 20 + "\n"
        huge.write(line * (TWENTY_MB // len(line) + 1))
    with open(folder / "huge.txt", "r+b") as huge:
        huge.truncate(TWENTY_MB)
    words = (
        "ministers officials said that the talks about sanctions and trade would continue "
        "while the “real breakthrough” everyone hoped for"
    ).split()
    paragraph = " ".join(words[i % len(words)] for i in range(5000))
    (folder / "long_paragraph.txt").write_text(
        "A very long paragraph\n" + paragraph + ", said Jane Doe.\n", encoding="utf-8"
    )
    return folder


def name_of(source: str, folder: Path) -> str:
    return source.removeprefix(f"{folder}/")


def test_every_bad_input_gets_one_clear_line_and_the_good_article_is_stored(command_database, tmp_path):
    folder = build_batch(tmp_path / "batch")
    url = closed_port_url()

    result = command_database.manage("extract_quotes", str(folder), url, "-v", "2")

    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 1  # some inputs failed: the command says so by its exit code
    failure_lines = [line.strip() for line in result.stderr.splitlines()[1:] if line.strip()]
    assert result.stderr.splitlines()[0] == f"CommandError: {len(EXPECTED_FAILURES) + 1} input(s) failed:"
    reported = dict(line.split(": ", 1) for line in failure_lines)
    assert reported.pop(url).startswith("network error: ")
    assert {name_of(source, folder): reason for source, reason in reported.items()} == EXPECTED_FAILURES
    assert "Articles: 6 new, 0 re-extracted, 0 unchanged, 12 failed." in result.stdout

    # Stored whole: exactly the readable inputs, each quotation at offsets that point at its text.
    stored = command_database.query("SELECT source_name FROM articles_article")
    assert {name_of(source, folder) for (source,) in stored} == EXPECTED_STORED
    mismatched = [
        (text, start, end)
        for body, text, start, end in command_database.query(
            "SELECT a.body, q.text, q.start, q.end FROM quotes_quote q "
            "JOIN articles_article a ON a.id = q.article_id"
        )
        if body[start:end] != text
    ]
    assert mismatched == []
    good_quotes = command_database.query(
        "SELECT COUNT(*) FROM quotes_quote q JOIN articles_article a ON a.id = q.article_id "
        "WHERE a.source_name LIKE '%good_article.txt'"
    )[0][0]
    assert good_quotes > 0

    # The page's scripts, styles and frames are not part of its text.
    (html_body,) = command_database.query(
        "SELECT body FROM articles_article WHERE source_name LIKE '%scripts_and_iframes.html'"
    )[0]
    assert "Pieter de Vries" in html_body
    assert "INJECTED" not in html_body and "alert(" not in html_body

    # A second run over the same batch changes nothing and says the same about the bad inputs.
    counts = command_database.counts()
    again = command_database.manage("extract_quotes", str(folder), url)
    assert "Traceback" not in again.stdout + again.stderr
    assert again.returncode == 1
    assert "Articles: 0 new, 0 re-extracted, 6 unchanged, 12 failed." in again.stdout
    assert command_database.counts() == counts


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["/no/such/folder"], "/no/such/folder: missing: no such file or folder"),
        (["--workers", "0", "x"], "argument --workers: invalid positive_int value: '0'"),
        (
            ["--jsonl", "/proc/forbidden/out.jsonl", "--dry-run", "x"],
            "Cannot write /proc/forbidden/out.jsonl",
        ),
        ([], "the following arguments are required: PATH|URL"),
    ],
)
def test_a_bad_command_line_gets_one_line_and_no_traceback(command_database, arguments, message):
    result = command_database.manage("extract_quotes", *arguments)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert message in result.stderr
