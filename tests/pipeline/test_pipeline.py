"""The pipeline service on its own: one path for every caller, with the real model and database."""

import pytest

from articles.ingest import ArticleInput, IngestError
from articles.models import Article
from quotes import pipeline, storage
from quotes.models import Quote

from .conftest import FIXTURE_ARTICLES

pytestmark = pytest.mark.django_db

BODY = (FIXTURE_ARTICLES / "000_2d8554eb86dc606c.txt").read_text(encoding="utf-8")


def test_one_article_is_read_extracted_and_stored():
    outcome = pipeline.process_article(
        item=ArticleInput(body=BODY, source_name="https://one.example/a", url="https://one.example/a")
    )
    assert not outcome.failed
    assert outcome.stored.articles_new == 1
    assert outcome.extraction.quotes
    assert Quote.objects.count() == len(outcome.extraction.quotes)


def test_the_same_text_under_another_url_is_not_extracted_again(monkeypatch):
    pipeline.process_article(item=ArticleInput(body=BODY, source_name="a", url="https://one.example/a"))
    parsed = []
    real_extract_many = pipeline.extraction.extract_many
    monkeypatch.setattr(
        pipeline.extraction,
        "extract_many",
        lambda texts, **kw: parsed.append(1) or real_extract_many(texts, **kw),
    )
    outcome = pipeline.process_article(
        item=ArticleInput(body=BODY, source_name="b", url="https://two.example/wire-copy")
    )
    assert outcome.unchanged and not outcome.failed
    assert parsed == []  # skipped before the parse
    assert Article.objects.count() == 1


def test_an_unreadable_input_is_one_failure_line():
    outcome = pipeline.process_article(item=IngestError("https://x.example/", "network error: HTTP 404"))
    assert outcome.failure == "https://x.example/: network error: HTTP 404"


def test_a_failure_while_storing_is_recorded_and_leaves_nothing(monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(storage, "store_quotes", fail)
    run = pipeline.Pipeline()
    report = run.process([ArticleInput(body=BODY, source_name="a.txt"), IngestError("b.txt", "empty")])
    assert report.total.articles_failed == 2
    assert report.failures == ["b.txt: empty", "a.txt: not stored: RuntimeError: disk full"]
    assert Article.objects.count() == 0


def test_reextract_goes_through_the_pipeline_and_keeps_the_article():
    pipeline.process_article(item=ArticleInput(body=BODY, source_name="a.txt"))
    article = Article.objects.get()
    outcome = pipeline.reextract(article=article)
    assert outcome.stored.articles_reextracted == 1
    assert Article.objects.count() == 1


def test_the_model_is_loaded_once_per_process():
    assert pipeline.get_nlp() is pipeline.get_nlp()
