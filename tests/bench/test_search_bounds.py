"""The search page's cost is bounded at scale: counts stop at a cap, facets come from a bounded sample."""

import csv
import io
import json

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from quotes import public, views
from quotes import search as search_module
from quotes.models import Organisation, Quote
from tests.public.conftest import build_corpus
from tests.public.test_api import all_pages


@pytest.fixture
def corpus(db):
    return build_corpus()


def test_the_result_count_is_read_with_the_recent_matches_and_stops_there(
    client, corpus, monkeypatch, django_assert_max_num_queries
):
    public_total = Quote.objects.public().count()
    assert public_total > 2
    monkeypatch.setattr(public, "RECENT_MATCHES", 2)
    html = client.get("/").content.decode()
    assert "More than 2 quotations" in html
    monkeypatch.setattr(public, "RECENT_MATCHES", public_total)
    html = client.get("/").content.decode()
    assert f"{public_total} quotations" in html and "More than" not in html
    search = public.QuoteSearch.from_params({"q": "sanctions"})
    # On PostgreSQL the names the words match, then the newest slice, the newest id, every match.
    with django_assert_max_num_queries(1 if connection.vendor == "sqlite" else 4):
        assert public.SearchResults(search).count() == len(search.ranked(public_total)) > 0
        search.recent_matches(without="kind")  # no filter chosen: the same rows


def test_facets_count_a_bounded_sample_and_say_so(client, corpus, monkeypatch):
    exact = public.QuoteSearch.from_params({}).facets()
    assert not any(facet.sampled for facet in exact)
    monkeypatch.setattr(public, "RECENT_MATCHES", 2)
    sampled = public.QuoteSearch.from_params({}).facets()
    assert all(facet.sampled for facet in sampled)
    assert all(sum(item.count for item in facet.values) <= 2 for facet in sampled)
    assert "Counted among the 2 most recently added matches: <a" in client.get("/").content.decode()


def test_facets_read_one_sample_per_distinct_set_of_filters(corpus, django_assert_max_num_queries):
    # Each sample is one read (on PostgreSQL up to three statements: the newest id, the newest slice, then
    # every match); then the names of the people, organisations and publications shown.
    with django_assert_max_num_queries(3 + 3):
        public.QuoteSearch.from_params({}).facets()
    # With one filter chosen: the sample with it (five facets) and the one without it (its own facet).
    with django_assert_max_num_queries(2 * 3 + 3):
        public.QuoteSearch.from_params({"kind": "direct"}).facets()
    # A person is filtered by id, read once.
    with django_assert_max_num_queries(1 + 2 * 3 + 3):
        facets = public.QuoteSearch.from_params({"person": "alexander-gabuev"}).facets()
    (person,) = [facet for facet in facets if facet.name == "person"]
    assert [value.value for value in person.values if value.selected] == ["alexander-gabuev"]
    assert len(person.values) > 1  # the others it could be swapped for


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


@pytest.fixture
def embargoes(corpus):
    """Twelve more quotations of one article sharing a word, some saying it more often than others."""
    article = corpus.articles["sanctions"]
    return [
        Quote.objects.create(
            article=article,
            text="embargo " * (1 + number % 3) + f"item{number}",
            kind="direct",
            start=number,
            end=number + 1,
            speaker_person=corpus.people["smith"],
        )
        for number in range(12)
    ]


@pytest.fixture
def named_oldest(corpus, embargoes):
    """The oldest of the embargo quotations, from the oldest article, is now the word's own speaker: an
    organisation whose name the search names."""
    watch = Organisation.objects.create(name="Embargo Watch", slug="embargo-watch", kind="ngo")
    oldest = embargoes[0]
    Quote.objects.filter(pk=oldest.pk).update(
        speaker_person=None, speaker_organisation=watch, article=corpus.articles["oil"]
    )
    return oldest


def add_fillers(article, count: int, *, first: int = 0) -> None:
    """``count`` newer quotations that match no search of these tests."""
    for number in range(count):
        Quote.objects.create(
            article=article,
            text=f"filler {number}",
            kind="direct",
            start=first + number,
            end=first + number + 1,
        )


def full_ranking(query: str) -> list[int]:
    """Every match ranked by the relevance order's own function, in one SQL sort: the reference."""
    search = public.QuoteSearch.from_params({"q": query})
    return list(search.matching().order_by("-search_rank", "-id").values_list("id", flat=True))


def test_relevance_puts_the_named_speakers_oldest_quotation_first_everywhere(
    client, embargoes, named_oldest, monkeypatch
):
    # Only the five most recently added are read for the count and the facets; the best match is older.
    monkeypatch.setattr(public, "RECENT_MATCHES", 5)
    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 4)
    newest_first = sorted((quote.pk for quote in embargoes if quote.pk != named_oldest.pk), reverse=True)
    expected = [named_oldest.pk, *newest_first]
    assert full_ranking("embargo") == expected

    # The search page lists RECENT_MATCHES of them, the named speaker's quotation first; the API's
    # cursor pages and the downloads go on to the end. All give that one order.
    paged = []
    for number in (1, 2):
        response = client.get("/", {"q": "embargo", "page": number})
        paged += [quote.pk for quote in response.context["page"].object_list]
    assert paged == expected[:5]
    html = response.content.decode()
    assert "More than 5 quotations" in html
    assert "By relevance: what a speaker your words name said first" in html
    for limit in (1, 2, 5, 500):
        api = all_pages(client, "/api/quotes/", {"q": "embargo", "limit": limit})
        assert [row["id"] for row in api] == expected
    download = b"".join(client.get("/export/quotes.csv", {"q": "embargo"}).streaming_content).decode()
    assert [int(row[0]) for row in list(csv.reader(io.StringIO(download)))[1:]] == expected
    records = json.loads(b"".join(client.get("/export/quotes.json", {"q": "embargo"}).streaming_content))
    assert [record["id"] for record in records] == expected


@pytest.mark.parametrize(
    "query",
    ["embargo", "embargo watch", "gabuev", "sanctions OR embargo", "embargo -item3", "cap", "smith embargo"],
)
@pytest.mark.parametrize("recent", [3, 1000])
def test_the_first_page_equals_the_first_page_of_a_full_ranking(
    client, named_oldest, query, recent, monkeypatch
):
    monkeypatch.setattr(public, "RECENT_MATCHES", recent)
    reference = full_ranking(query)
    assert reference
    search = public.QuoteSearch.from_params({"q": query})
    for limit in (1, 2, 5, 20, 1000):
        assert [row["id"] for row in search.ranked(limit)] == reference[:limit]
    for limit in (1, 2, 20):
        page = public.QuoteSearch.from_params({"q": query}).page_after(None, limit=limit)
        assert [quote.pk for quote in page.items] == reference[:limit]
    response = client.get("/", {"q": query})
    assert [quote.pk for quote in response.context["page"].object_list] == reference[: min(recent, 20)]


def test_a_page_read_within_a_window_says_how_many_it_counted_and_ranks_them_as_every_match(
    client, corpus, named_oldest, monkeypatch
):
    """On PostgreSQL a search whose matches lie far back is read within a window of the newest ids (here
    the slice of three): the page counts what it read, says there are more, and its order is still the
    full ranking's."""
    article = corpus.articles["oil"]
    add_fillers(article, 2, first=60)
    newest = Quote.objects.create(article=article, text="embargo newest", kind="direct", start=70, end=71)
    monkeypatch.setattr(public, "RECENT_MATCHES", 2)
    monkeypatch.setattr(search_module, "RECENT_SLICE", 1)
    monkeypatch.setattr(search_module, "PROBE_ROWS", 1)
    monkeypatch.setattr(search_module, "WINDOW_SHARE", 0.01)
    monkeypatch.setattr(search_module, "WINDOW_ROWS_AT_LEAST", 1)
    monkeypatch.setattr(search_module, "WINDOW_IDS", 1)
    reference = full_ranking("embargo")
    response = client.get("/", {"q": "embargo"})
    listed = [quote.pk for quote in response.context["page"].object_list]
    html = response.content.decode()
    if connection.vendor == "postgresql":
        assert "More than 1 quotation" in html
        assert "Counted among the 1 most recently added matches" in html
        assert newest.pk in reference and listed == reference[:1]
    else:
        assert listed == reference[:2]
    search = public.QuoteSearch.from_params({"q": "embargo"})
    assert [row["id"] for row in search.ranked(20)] == reference[:20]


def test_a_quotation_without_a_named_speaker_or_any_speaker_is_among_the_others(corpus, embargoes):
    Quote.objects.filter(pk=embargoes[0].pk).update(speaker_person=None)
    Quote.objects.filter(pk=embargoes[1].pk).update(
        speaker_person=None, speaker_organisation=corpus.organisations["kremlin"]
    )
    for named, wanted in [(True, set()), (False, {quote.pk for quote in embargoes})]:
        found = Quote.objects.search("embargo", speaker_named=named).values_list("id", flat=True)
        assert set(found) == wanted
    assert set(Quote.objects.search("embargo kremlin", speaker_named=True).values_list("id", flat=True)) == {
        embargoes[1].pk
    }
    # A person speaks for themselves: their organisation's name is not the speaker's.
    assert not Quote.objects.search("sanctions carnegie", speaker_named=True).exists()


def test_a_forged_relevance_cursor_is_refused(client, embargoes):
    first = client.get("/api/quotes/", {"q": "embargo", "limit": 6}).json()
    cursor = first["next"].split("cursor=")[1]
    assert public.decode_cursor(cursor)[1] == search_module.SPEAKER_NOT_NAMED
    for forged in (
        ["relevance", None, 5],
        ["relevance", True, 5],
        ["relevance", 0.5, 5],
        ["relevance", 1.0, "5"],
        ["relevance", 1.0],
        ["newest", 1.0, 5],
    ):
        response = client.get("/api/quotes/", {"q": "embargo", "cursor": public.encode_cursor(forged)})
        assert response.status_code == 400


@pytest.mark.parametrize("name", ["person", "organisation"])
def test_a_filter_for_someone_unknown_finds_nothing(client, corpus, name):
    response = client.get("/", {name: "nobody-of-that-name"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert client.get("/api/quotes/", {name: "nobody-of-that-name"}).json()["results"] == []


def test_the_most_recently_added_are_found_past_the_newest_slice(embargoes, corpus, monkeypatch):
    # Four newer quotations without the word, so the newest slice (three rows here) holds none of it.
    add_fillers(corpus.articles["oil"], 4)
    monkeypatch.setattr(search_module, "RECENT_SLICE", 1)
    monkeypatch.setattr(search_module, "PROBE_ROWS", 1)
    matching = Quote.objects.search("embargo").values("id")
    newest_first = sorted((quote.pk for quote in embargoes), reverse=True)
    rows, partial = matching.most_recently_added(3)
    assert [row["id"] for row in rows] == newest_first[:3] and not partial
    rows, partial = matching.most_recently_added(3, complete=False)
    assert rows == [] and partial
    # Expected too rare for the slice: no slice read; on PostgreSQL newest_first chooses how to read them
    # (the ids' span and the matches among the newest, then the read).
    with CaptureQueriesContext(connection) as queries:
        rows, partial = matching.most_recently_added(3, newest_slice_first=False)
    assert [row["id"] for row in rows] == newest_first[:3] and not partial
    assert len(queries) == (3 if connection.vendor == "postgresql" else 1)


@pytest.mark.parametrize(("fillers", "reads"), [(2, ("window",)), (20, ("window", "every match"))])
def test_a_search_the_newest_slice_does_not_fill_reads_the_span_its_share_foretells(
    embargoes, corpus, monkeypatch, fillers, reads
):
    """One match among the newest slice (three rows): the next read is the span of ids that share says
    holds the rows (with the margin, 13 ids back), and only when that falls short every match."""
    add_fillers(corpus.articles["oil"], fillers)
    newest = Quote.objects.create(
        article=corpus.articles["oil"], text="embargo again", kind="direct", start=50, end=51
    )
    monkeypatch.setattr(search_module, "RECENT_SLICE", 1)
    monkeypatch.setattr(search_module, "PROBE_ROWS", 1)
    monkeypatch.setattr(search_module, "WINDOW_SHARE", 1.0)  # (a span of any length, in a small table)
    matching = Quote.objects.search("embargo").values("id")
    expected = [newest.pk, *sorted((quote.pk for quote in embargoes), reverse=True)[:2]]
    with CaptureQueriesContext(connection) as queries:
        rows, partial = matching.most_recently_added(3)
    assert [row["id"] for row in rows] == expected and not partial
    if connection.vendor == "postgresql":  # the newest id, the slice, the lowest id, then the reads
        assert len(queries) == 3 + len(reads)
        assert '"quotes_quote"."id" >' in queries[3]["sql"]
    # A span longer than WINDOW_SHARE of the ids is not read: every match is, at once.
    monkeypatch.setattr(search_module, "WINDOW_SHARE", 0.01)
    with CaptureQueriesContext(connection) as queries:
        rows, partial = matching.most_recently_added(3)
    assert [row["id"] for row in rows] == expected and not partial
    if connection.vendor == "postgresql":
        assert len(queries) == 4
    # Or, within_window, the newest WINDOW_IDS are (here no more than the slice), and the rows say
    # older ones were left unread; when it holds enough of them.
    rows, partial = matching.most_recently_added(3, within_window=True)
    assert [row["id"] for row in rows] == expected and not partial
    monkeypatch.setattr(search_module, "WINDOW_ROWS_AT_LEAST", 1)
    monkeypatch.setattr(search_module, "WINDOW_IDS", 1)
    rows, partial = matching.most_recently_added(3, within_window=True)
    if connection.vendor == "postgresql":
        assert [row["id"] for row in rows] == [newest.pk] and partial
    else:  # (FTS5 reads every match newest first and stops at the limit)
        assert [row["id"] for row in rows] == expected and not partial


def test_a_search_narrowed_to_a_person_or_a_year_skips_the_newest_slice(corpus, monkeypatch):
    calls = []
    original = search_module.QuoteQuerySet.most_recently_added

    def spy(queryset, limit, **options):
        calls.append(options)
        return original(queryset, limit, **options)

    monkeypatch.setattr(search_module.QuoteQuerySet, "most_recently_added", spy)
    for params, slice_first in [
        ({"q": "sanctions"}, True),
        ({"q": "sanctions", "kind": "direct"}, True),  # a kind leaves much of the collection
        ({"q": "sanctions", "person": "alexander-gabuev"}, False),
        ({"q": "sanctions", "year": "2024"}, False),
        ({"person": "alexander-gabuev"}, True),  # no words: the newest of the person's quotations
    ]:
        calls.clear()
        public.QuoteSearch.from_params(params).recent_matches()
        assert calls == [{"complete": True, "newest_slice_first": slice_first, "within_window": True}], params


def test_newest_first_with_words_is_the_same_from_the_recent_matches_and_from_the_database(
    client, corpus, embargoes, monkeypatch
):
    # Three dates among them, one of them none: the order is by date, undated last, then by id.
    Quote.objects.filter(pk__in=[quote.pk for quote in embargoes[:4]]).update(article=corpus.articles["oil"])
    Quote.objects.filter(pk__in=[quote.pk for quote in embargoes[4:6]]).update(
        article=corpus.articles["undated"]
    )
    params = {"q": "embargo", "sort": "newest"}
    from_recent = [row["id"] for row in all_pages(client, "/api/quotes/", {**params, "limit": 5})]
    newest_ids = sorted((quote.pk for quote in embargoes[6:]), reverse=True)
    assert from_recent == newest_ids + sorted((q.pk for q in embargoes[:4]), reverse=True) + sorted(
        (q.pk for q in embargoes[4:6]), reverse=True
    )
    page = [quote.pk for quote in client.get("/", params).context["page"].object_list]
    monkeypatch.setattr(public, "RECENT_MATCHES", 5)  # more match than that: the database orders them
    assert public.QuoteSearch.from_params(params).newest_from_recent() is None
    from_database = [row["id"] for row in all_pages(client, "/api/quotes/", {**params, "limit": 5})]
    assert from_recent == from_database == page[: len(from_recent)]
    assert len(from_recent) == 12


def test_a_deeper_page_limit_than_the_recent_matches_is_warned_about(settings):
    from django.core import checks

    assert not [m for m in checks.run_checks() if m.id == "quotes.W002"]
    settings.QUOTES_MAX_PAGE = public.RECENT_MATCHES // views.RESULTS_PER_PAGE + 1
    assert [m.id for m in checks.run_checks() if m.id == "quotes.W002"] == ["quotes.W002"]


@pytest.mark.parametrize("cap", [3, 5, 7, 100])
def test_capped_downloads_hold_the_first_rows_of_the_relevance_order(
    client, embargoes, monkeypatch, settings, cap
):
    monkeypatch.setattr(public, "RECENT_MATCHES", 5)
    expected = [row["id"] for row in all_pages(client, "/api/quotes/", {"q": "embargo", "limit": 500})]
    settings.QUOTES_EXPORT_MAX_ROWS = cap
    download = b"".join(client.get("/export/quotes.csv", {"q": "embargo"}).streaming_content).decode()
    assert [int(row[0]) for row in list(csv.reader(io.StringIO(download)))[1:]] == expected[:cap]
    records = json.loads(b"".join(client.get("/export/quotes.json", {"q": "embargo"}).streaming_content))
    assert [record["id"] for record in records] == expected[:cap]


def test_newest_first_with_words_walks_the_publication_date_index_on_sqlite(corpus):
    # SQLite would otherwise read every match through the search index and sort them all by date (a word in
    # 290,000 of a million quotations: 250 ms). PostgreSQL plans by its statistics, which a handful of
    # rows cannot show, so only SQLite's plan is checked here; its figure is in the README.
    search = public.QuoteSearch.from_params({"q": "sanctions OR oil", "sort": "newest"})
    queryset = search.ordered()[:20]
    sql, params = queryset.query.sql_with_params()
    # The same quotations in the same order as the ranked match (the search index joined) gives them.
    ranked_match = search.matching().order_by(F("published_at").desc(nulls_last=True), "-id")
    assert len(queryset) > 2
    assert [quote.pk for quote in queryset] == [quote.pk for quote in ranked_match[:20]]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " | ".join(row[3] for row in cursor.fetchall())
        assert "USING INDEX quote_published_idx" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
