"""The exports read plain values; what they write is exactly what quote_dict and quote_csv_row give."""

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
def test_export_csv_rows_match_quote_csv_row_for_every_quotation():
    build_corpus()
    search = public.QuoteSearch.from_params({})
    rows = list(public.export_csv_rows(search, base_url="https://quotes.example"))
    quotes = list(search.ordered().for_display())
    assert rows == [public.quote_csv_row(quote, base_url="https://quotes.example") for quote in quotes]
    assert all(len(row) == len(public.CSV_COLUMNS) for row in rows)
