"""CSV and JSON exports: the current search as a streamed download with stable columns."""

import csv
import io
import json
import tracemalloc

import pytest
from django.http import StreamingHttpResponse

from articles.models import Article
from quotes import public
from quotes.models import Quote


def download(client, path, params=None) -> tuple[StreamingHttpResponse, list[bytes]]:
    response = client.get(path, params or {})
    assert isinstance(response, StreamingHttpResponse)
    return response, list(response.streaming_content)


def csv_rows(chunks) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8"))))


def test_csv_export_of_the_current_search(client, corpus):
    response, chunks = download(client, "/export/quotes.csv", {"q": "cap", "kind": "direct"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quotes.csv"'
    header = b"".join(chunks).decode().splitlines()[0]
    assert header.split(",") == public.CSV_COLUMNS
    rows = csv_rows(chunks)
    assert len(rows) == 1
    row = rows[0]
    quote = corpus.quotes["cap"]
    assert row["id"] == str(quote.pk)
    assert row["text"] == "The oil price cap is working as intended"
    assert row["speaker_name"] == "Jane Smith" and row["speaker_kind"] == "official"
    assert row["organisation_name"] == "HM Treasury" and row["role"] == "a Treasury minister"
    assert row["publication"] == "The Guardian" and row["published_at"] == "2023-06-10"
    assert (row["start"], row["end"], row["status"]) == (str(quote.start), str(quote.end), "approved")


def test_exports_never_contain_rejected_quotations(client, corpus):
    _, chunks = download(client, "/export/quotes.csv")
    ids = {row["id"] for row in csv_rows(chunks)}
    assert str(corpus.quotes["rejected"].pk) not in ids
    assert len(ids) == 5


def test_json_export_matches_the_api(client, corpus):
    response, chunks = download(client, "/export/quotes.json", {"q": "sanctions OR cap"})
    assert response["Content-Disposition"] == 'attachment; filename="quotes.json"'
    exported = json.loads(b"".join(chunks))
    api = client.get("/api/quotes/", {"q": "sanctions OR cap"}).json()["results"]
    assert exported == api
    _, empty = download(client, "/export/quotes.json", {"q": "nothingmatchesthis"})
    assert json.loads(b"".join(empty)) == []


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://x")', "+44 20", "-5% growth", "@SUM(A1)", "\tx", "\rx"]
)
def test_csv_cells_that_spreadsheets_would_run_are_neutralised(client, corpus, dangerous):
    quote = corpus.quotes["cap"]
    Quote.objects.filter(pk=quote.pk).update(text=dangerous, role=dangerous, speaker_mention=dangerous)
    Article.objects.filter(pk=quote.article_id).update(title=dangerous)
    _, chunks = download(client, "/export/quotes.csv", {"person": "jane-smith"})
    (row,) = csv_rows(chunks)
    assert row["text"] == row["role"] == row["speaker_mention"] == row["article_title"] == "'" + dangerous
    # The JSON export is data, not a spreadsheet: it keeps the text as it is.
    _, json_chunks = download(client, "/export/quotes.json", {"person": "jane-smith"})
    assert json.loads(b"".join(json_chunks))[0]["text"] == dangerous


def test_safe_cells_are_left_alone():
    assert public.neutralise_formula("Sanctions = pain") == "Sanctions = pain"
    assert public.neutralise_formula(42) == 42
    assert public.neutralise_formula("") == ""


def test_bad_parameters_are_refused_before_streaming(client, corpus):
    response = client.get("/export/quotes.csv", {"year": "last"})
    assert response.status_code == 400
    assert response.content.decode().strip() == "year: Enter a whole number."


def make_quotes(article, count: int) -> None:
    Quote.objects.bulk_create(
        Quote(
            article=article, text=f"quotation number {n} " + "words " * 20, kind="direct", start=n, end=n + 1
        )
        for n in range(count)
    )


def peak_memory_of_export(client) -> int:
    tracemalloc.start()
    try:
        response = client.get("/export/quotes.csv")
        for _chunk in response.streaming_content:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_memory_stays_flat_as_rows_grow(client, corpus, monkeypatch):
    """Rows are read in chunks and written as they come: eight times the rows, about the same memory."""
    monkeypatch.setattr(public, "EXPORT_CHUNK_SIZE", 100)
    article = corpus.articles["undated"]
    make_quotes(article, 500)
    small = peak_memory_of_export(client)
    Quote.objects.filter(article=article).exclude(pk=corpus.quotes["rejected"].pk).delete()
    make_quotes(article, 4000)
    large = peak_memory_of_export(client)
    assert large < small * 2
