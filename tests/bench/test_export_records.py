"""The exports read plain values; what they write is exactly what quote_dict and quote_csv_row give."""

import csv
import io

import pytest

from quotes import public
from quotes.models import Quote
from tests.public.conftest import build_corpus


@pytest.mark.django_db
def test_export_records_match_quote_dict_for_every_kind_of_speaker_and_article():
    build_corpus()
    search = public.QuoteSearch.from_params({})
    records = list(public.export_records(search, base_url="https://quotes.example"))
    quotes = list(search.ordered().for_display())
    assert len(records) == len(quotes) == Quote.objects.public().count()
    assert records == [public.quote_dict(quote, base_url="https://quotes.example") for quote in quotes]
    # The corpus has person, organisation and unnamed speakers, with and without a stated organisation.
    assert {record["speaker"]["type"] if record["speaker"] else None for record in records} == {
        "person",
        "organisation",
        None,
    }
    assert {record["organisation"] is None for record in records} == {True, False}


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": "sanctions OR cap OR oil"}])
def test_the_csv_download_holds_quote_csv_row_for_every_quotation_in_order(client, params):
    """On PostgreSQL the database writes the CSV (COPY), elsewhere Python does: the cells are the same."""
    corpus = build_corpus()
    # Every kind of cell: a formula start in text the database neutralises, an empty role, no date.
    Quote.objects.filter(pk=corpus.quotes["cap"].pk).update(text="=cap", role="")
    Quote.objects.filter(article=corpus.articles["undated"]).update(status="approved")
    search = public.QuoteSearch.from_params(params)
    base_url = "http://testserver"
    ids = [row[0] for row in search.values_in_order("id")]
    expected = [
        [str(cell) for cell in public.quote_csv_row(quote, base_url=base_url)]
        for quote in search.displayed(ids, highlighted=False)
    ]
    response = client.get("/export/quotes.csv", params)
    content = b"".join(response.streaming_content).decode()
    header, *rows = csv.reader(io.StringIO(content))
    assert header == public.CSV_COLUMNS
    assert (
        rows == expected and len(rows) == Quote.objects.public().count() if not params else rows == expected
    )
    assert any(row[1] == "'=cap" for row in rows) or params
    assert any(row[16] == "" for row in rows) or params
