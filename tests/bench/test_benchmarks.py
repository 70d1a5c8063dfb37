"""Every benchmark function at a tiny size, on the test database: the code works (no timings asserted)."""

import os

import pytest
from django.db import connection

from articles.models import Article
from benchmarks import export, extraction, loading, run, search
from benchmarks.measure import percentile, postgres_admin, run_child, scratch_database
from quotes import public
from quotes.models import Quote


def test_corpus_texts_are_distinct_articles(tmp_path):
    words = extraction.build_corpus(tmp_path, articles=5, words_per_article=300)
    texts = [path.read_text() for path in sorted(tmp_path.glob("*.txt"))]
    assert len(set(texts)) == 5
    assert words == sum(len(text.split()) for text in texts)
    assert all(len(text.split()) >= 300 for text in texts)


@pytest.mark.django_db(transaction=True)
def test_extraction_measures_both_sides_over_the_same_texts(tmp_path):
    extraction.build_corpus(tmp_path, articles=3, words_per_article=150)
    reference = extraction.measure_spacy_pipe(folder=str(tmp_path))
    measured = extraction.measure_extract_quotes(folder=str(tmp_path))
    assert measured["articles"] == reference["articles"] == Article.objects.count() == 3
    assert measured["words"] == reference["words"]
    assert measured["quotes"] == Quote.objects.count() > 0


@pytest.mark.django_db(transaction=True)
def test_loading_stores_every_candidate_then_bulk_creates_the_same_rows():
    measured = loading.measure_loading(quotes=45, per_article=20)
    assert measured["quotes"] == Quote.objects.count() == 45
    assert Article.objects.count() == 3
    for quote in Quote.objects.select_related("article"):
        assert quote.article.body[quote.start : quote.end] == quote.text


@pytest.mark.django_db(transaction=True)
def test_search_latencies_for_every_query_on_a_small_corpus():
    assert search.corpus_ready(quotes=400, seed=1) == {"ready": False}
    search.generate(quotes=400, seed=1)
    assert search.corpus_ready(quotes=400, seed=1) == {"ready": True}
    samples = search.measure_latencies(repeats=2)
    assert set(samples) == {query.slug for query in search.QUERIES}
    assert all(len(values) == 2 for measured in samples.values() for values in measured.values())
    figures = search.summarise(connection.vendor, samples)
    assert f"search_{connection.vendor}_page_over_raw" in figures
    # The topic view (who speaks on each search) is timed beside the page.
    assert f"search_{connection.vendor}_topic_p95_ms" in figures
    assert f"search_{connection.vendor}_word_and_person_topic_p95_ms" in figures
    # So is the count page (every match counted).
    assert f"search_{connection.vendor}_counts_p95_ms" in figures
    assert f"search_{connection.vendor}_common_word_counts_p95_ms" in figures
    # Every page sends statements; their time is part of the page's (measured where execute() reads
    # every row, PostgreSQL).
    if connection.vendor == "postgresql":
        assert 0 < figures["search_postgresql_page_sql_share"] < 1
    else:
        assert "search_sqlite_page_sql_share" not in figures


@pytest.mark.django_db(transaction=True)
def test_the_raw_sql_finds_what_the_page_finds():
    search.generate(quotes=400, seed=1)
    for query in search.QUERIES:
        page = public.QuoteSearch.from_params(query.params)
        found = set(page.matching().values_list("id", flat=True))
        with connection.cursor() as cursor:
            named = None
            if connection.vendor == "postgresql" and query.websearch is not None:
                named = search.named_speakers(cursor, query)
            for sql, params in search.raw_sql(query, connection.vendor, named):
                cursor.execute(sql, params)
                raw_ids = [row[0] for row in cursor.fetchall()]
                assert set(raw_ids) <= found, query.label
        if query.websearch is not None:  # the page's first 20 in relevance order, every match ranked
            assert raw_ids == [row["id"] for row in page.ranked(search.RESULTS_PER_PAGE)], query.label
        if query.label in ("common word", "speaker named"):
            assert raw_ids


@pytest.mark.django_db(transaction=True)
def test_export_reads_every_public_quotation():
    search.generate(quotes=300, seed=1)
    measured = export.measure_csv_export()
    assert measured["rows"] == Quote.objects.public().count()
    if connection.vendor == "postgresql":  # COPY is PostgreSQL's; SQLite has no reference
        copied = export.measure_copy()
        assert copied["rows"] == measured["rows"]


def test_a_child_process_runs_on_the_database_it_is_given():
    with scratch_database("sqlite", "test") as url:
        result, memory = run_child("search.corpus_ready", database_url=url, quotes=10, seed=1)
    assert result == {"ready": False}
    assert memory > 0


def test_percentiles_and_the_table():
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert percentile([7.0], 0.95) == 7.0
    text = run.table({"export_ratio": 0.1, "search_sqlite_page_p95_ms": 100.0})
    assert ">= 0.25: MISSED" in text
    assert "<= 300: met" in text


def test_unknown_benchmarks_are_refused(capsys):
    with pytest.raises(SystemExit):
        run.main(["--only", "extraction,speed"])
    assert "unknown benchmark(s): speed" in capsys.readouterr().err


def test_the_ingestion_site_serves_every_page_and_a_sitemap_of_them(tmp_path):
    import urllib.request

    from articles import feeds
    from benchmarks import ingestion

    texts, pages = tmp_path / "texts", tmp_path / "pages"
    texts.mkdir()
    pages.mkdir()
    extraction.build_corpus(texts, articles=3, words_per_article=100)
    names = ingestion.write_pages(texts, pages)
    site = ingestion.Site(pages, names)
    try:
        with urllib.request.urlopen(f"{site.base}/sitemap.xml") as answer:
            listing = feeds.read_listing(answer.read(), base_url=site.base)
        assert listing.urls == tuple(f"{site.base}/{name}" for name in names)
        with urllib.request.urlopen(listing.urls[0]) as answer:
            assert b"<article>" in answer.read()
    finally:
        site.stop()


@pytest.mark.django_db(transaction=True)
def test_grouping_stores_the_same_corpus_with_and_without_statements(settings):
    from benchmarks import grouping
    from quotes.models import Statement

    measured = grouping.measure_grouping(quotes=200, group=True)
    assert measured["quotes"] == Quote.objects.count() > 200  # copies add their quotations
    assert measured["statements"] == Statement.objects.count() < measured["quotes"]
    assert measured["copies"] > 0
    for quote in Quote.objects.select_related("article"):
        assert quote.article.body[quote.start : quote.end] == quote.text
    Quote.objects.all().delete()
    Statement.objects.all().delete()
    Article.objects.all().delete()
    settings.QUOTES_GROUP_STATEMENTS = True
    measured = grouping.measure_grouping(quotes=200, group=False)
    assert measured["statements"] == measured["quotes"] and measured["copies"] == 0


@pytest.mark.django_db(transaction=True)
def test_grouping_in_the_corpus_stores_one_batch_both_ways_and_leaves_the_corpus_as_it_was(settings):
    from benchmarks import grouping
    from quotes.models import QuoteFingerprint, Statement

    search.generate(quotes=1600, seed=1)
    corpus = (Quote.objects.count(), Statement.objects.count(), QuoteFingerprint.objects.count())
    joined = Statement.objects.filter(report_count__gte=2).count()
    measured = grouping.measure_in_corpus(articles=30, rounds=2)
    assert measured["quotes"] == measured["quotes_without"] > 0
    assert measured["corpus_quotes"] == 1600 and measured["corpus_unchanged"]
    # Copies of stored articles were found, and repeated quotations joined stored statements.
    assert measured["copies"] > 0 and measured["joined"] > 0
    assert (Quote.objects.count(), Statement.objects.count(), QuoteFingerprint.objects.count()) == corpus
    assert Statement.objects.filter(report_count__gte=2).count() == joined
    assert not Statement.objects.filter(reports__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_grouping_ingests_the_batch_texts_through_the_pipeline_both_ways(settings):
    from benchmarks import grouping
    from quotes.models import Statement

    search.generate(quotes=1600, seed=1)
    corpus = (Quote.objects.count(), Statement.objects.count())
    measured = grouping.measure_in_corpus(articles=20, rounds=2, extract=True)
    # The parse finds the batch's quotations in its texts: the same ones with grouping and without.
    assert measured["quotes"] == measured["quotes_without"] >= 20 * grouping.SCALE_PER_ARTICLE * 2 * 0.8
    assert measured["articles"] == 40
    assert measured["copies"] > 0 and measured["joined"] > 0
    assert measured["corpus_unchanged"] and (Quote.objects.count(), Statement.objects.count()) == corpus


@pytest.mark.django_db(transaction=True)
def test_a_corpus_without_the_indexes_ingest_keeps_is_not_ready():
    from articles.models import ArticleSignature

    search.generate(quotes=80, seed=1)
    assert search.corpus_ready(quotes=80, seed=1) == {"ready": True}
    ArticleSignature.objects.all().delete()  # as a corpus generated before signatures were stored
    assert search.corpus_ready(quotes=80, seed=1) == {"ready": False}


def test_the_search_at_scale_names_its_figures_by_the_corpus_size(monkeypatch):
    # Its own small corpus on the PostgreSQL server, under a prefix of this test's, dropped afterwards.
    monkeypatch.setattr(search, "DATABASE_PREFIX", f"test_scale_{os.getpid()}")
    try:
        results = search.run_at_scale(quotes=300, repeats=1)
        again = search.run_at_scale(quotes=300, repeats=1)  # kept: not generated twice
    finally:
        search.drop_corpus("postgresql", 300, 1)
        postgres_admin(f'DROP DATABASE IF EXISTS "{search.database_label(300, 1)}" WITH (FORCE)')
    assert results["search_postgresql_300_quotes"] == 300
    assert results["search_postgresql_300_generate_seconds"] > 0
    assert "search_postgresql_300_generate_seconds" not in again
    assert results["search_postgresql_300_database_bytes"] > 1_000_000
    for figure in ("page_p95_ms", "api_p95_ms", "topic_p95_ms", "counts_p95_ms", "speaker_named_page_p95_ms"):
        assert results[f"search_postgresql_300_{figure}"] > 0
    assert not any(name.startswith("search_postgresql_page") for name in results)
