"""The search page's cost is bounded at scale: counts stop at a cap, facets come from a bounded sample."""

import pytest
from django.db import connection

from quotes import public
from quotes.models import Quote
from tests.public.conftest import build_corpus


@pytest.fixture
def corpus(db):
    return build_corpus()


def test_the_result_count_stops_at_the_cap(client, corpus, monkeypatch):
    public_total = Quote.objects.public().count()
    assert public_total > 2
    monkeypatch.setattr(public.CappedPaginator, "COUNT_CAP", 2)
    html = client.get("/").content.decode()
    assert "More than 2 quotations" in html
    monkeypatch.setattr(public.CappedPaginator, "COUNT_CAP", public_total)
    html = client.get("/").content.decode()
    assert f"{public_total} quotations" in html and "More than" not in html


def test_facets_count_a_bounded_sample_and_say_so(client, corpus, monkeypatch):
    exact = public.QuoteSearch.from_params({}).facets()
    assert not any(facet.sampled for facet in exact)
    monkeypatch.setattr(public, "FACET_SAMPLE_SIZE", 2)
    sampled = public.QuoteSearch.from_params({}).facets()
    assert all(facet.sampled for facet in sampled)
    assert all(sum(item.count for item in facet.values) <= 2 for facet in sampled)
    assert "Counted among the first 2 matches." in client.get("/").content.decode()


def test_facets_read_one_sample_per_distinct_set_of_filters(corpus, django_assert_num_queries):
    with django_assert_num_queries(1):
        public.QuoteSearch.from_params({}).facets()
    # With one filter chosen: the sample with it (five facets) and the one without it (its own facet).
    with django_assert_num_queries(2):
        public.QuoteSearch.from_params({"kind": "direct"}).facets()


def test_newest_first_lists_undated_quotations_last(corpus):
    Quote.objects.filter(article=corpus.articles["undated"]).update(status="approved")
    dates = [quote.article.published_at for quote in public.QuoteSearch.from_params({}).results()]
    dated = [day for day in dates if day is not None]
    assert dated == sorted(dated, reverse=True)
    assert None in dates
    assert dates == dated + [None] * (len(dates) - len(dated))


@pytest.mark.django_db
def test_postgresql_has_the_newest_first_index():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "articles_article")
    # SQLite walks its ascending index backwards; PostgreSQL needs DESC NULLS LAST of its own.
    assert ("article_published_desc_idx" in indexes) == (connection.vendor == "postgresql")
