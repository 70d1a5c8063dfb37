"""`manage.py extract_quotes` end to end with the real spaCy model over the fixture articles."""

import json
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Publication
from quotes import extraction, storage
from quotes.models import Affiliation, Organisation, Person, PersonAlias, Quote, QuoteStatus

from .conftest import FIXTURE_ARTICLES

pytestmark = pytest.mark.django_db

MODELS = (Article, Publication, Person, PersonAlias, Organisation, Affiliation, Quote)


def run(*args, **options) -> str:
    stdout, stderr = StringIO(), StringIO()
    call_command("extract_quotes", *map(str, args), stdout=stdout, stderr=stderr, **options)
    assert stderr.getvalue() == ""  # no progress bar when stderr is not a terminal
    return stdout.getvalue()


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_fixture_articles_give_people_organisations_and_affiliations():
    output = run(FIXTURE_ARTICLES)
    assert "Articles: 2 new, 0 re-extracted, 0 unchanged, 0 failed." in output

    gabuev = Person.objects.get(name="Alexander Gabuev")
    assert gabuev.kind == "expert"
    assert "Mr Gabuev" in gabuev.aliases.values_list("name", flat=True)
    centre = Organisation.objects.get(name="Carnegie Russia Eurasia Centre")
    assert centre.kind == "think_tank"
    assert Affiliation.objects.filter(person=gabuev, organisation=centre, role="director").exists()
    assert Person.objects.get(name="Vladimir Putin").kind == "official"

    for article in Article.objects.all():
        assert article.quotes.exists()
        for quote in article.quotes.all():
            assert article.body[quote.start : quote.end] == quote.text
    assert Article.objects.get(body__contains="told Sky News").publication.name == "Sky News"
    assert Quote.objects.filter(speaker_person=gabuev).count() >= 3


def test_second_run_changes_nothing():
    run(FIXTURE_ARTICLES)
    counts = row_counts()
    stamps = sorted(Quote.objects.values_list("pk", "updated_at"))
    people = sorted(Person.objects.values_list("pk", "updated_at"))

    output = run(FIXTURE_ARTICLES)
    assert "Articles: 0 new, 0 re-extracted, 2 unchanged, 0 failed." in output
    assert "Quotations: 0 created, 0 updated" in output
    assert row_counts() == counts
    assert sorted(Quote.objects.values_list("pk", "updated_at")) == stamps
    assert sorted(Person.objects.values_list("pk", "updated_at")) == people


def test_force_keeps_curation_and_rejected_quotations_do_not_return(monkeypatch):
    run(FIXTURE_ARTICLES)
    approved, rejected, edited = Quote.objects.order_by("article_id", "start")[:3]
    Quote.objects.filter(pk=approved.pk).update(status=QuoteStatus.APPROVED)
    Quote.objects.filter(pk=rejected.pk).update(status=QuoteStatus.REJECTED)
    Quote.objects.filter(pk=edited.pk).update(curated=True, role="curator's role", confidence=1.0)
    kept = {
        q.pk: (q.status, q.curated, q.role, q.updated_at) for q in Quote.objects.exclude(status="pending")
    }
    kept.update(
        {q.pk: (q.status, q.curated, q.role, q.updated_at) for q in Quote.objects.filter(curated=True)}
    )
    pending_before = Quote.objects.filter(status=QuoteStatus.PENDING, curated=False).count()

    output = run(FIXTURE_ARTICLES, "--force")
    assert "0 new, 2 re-extracted" in output and "3 kept" in output

    monkeypatch.setattr(storage, "EXTRACTOR_VERSION", "next-version")
    output = run(FIXTURE_ARTICLES)
    assert "0 new, 2 re-extracted" in output and "3 kept" in output

    after = {q.pk: (q.status, q.curated, q.role, q.updated_at) for q in Quote.objects.filter(pk__in=kept)}
    assert after == kept
    assert Quote.objects.filter(article=rejected.article, start=rejected.start).count() == 1
    assert not Quote.objects.filter(
        article=rejected.article, start__lt=rejected.end, end__gt=rejected.start, status=QuoteStatus.PENDING
    ).exists()
    assert Quote.objects.filter(status=QuoteStatus.PENDING, curated=False).count() == pending_before
    assert set(
        Quote.objects.filter(status=QuoteStatus.PENDING, curated=False).values_list(
            "extractor_version", flat=True
        )
    ) == {"next-version"}


def test_one_failing_article_leaves_nothing_while_the_others_are_stored(monkeypatch, tmp_path):
    shutil.copytree(FIXTURE_ARTICLES, tmp_path, dirs_exist_ok=True)
    failing_name = "003_2ba2bb2939e1a35a.txt"
    real_store_quotes = storage.store_quotes

    def store_quotes_then_fail(*, article, **kwargs):
        real_store_quotes(article=article, **kwargs)
        if article.source_name.endswith(failing_name):
            raise RuntimeError("disk full")

    monkeypatch.setattr(storage, "store_quotes", store_quotes_then_fail)
    (tmp_path / "broken.json").write_text('{"body": ')

    with pytest.raises(CommandError) as failure:
        run(tmp_path)
    message = str(failure.value)
    assert "2 input(s) failed" in message
    assert f"{tmp_path / failing_name}: not stored: RuntimeError: disk full" in message
    assert f"{tmp_path / 'broken.json'}: malformed JSON" in message
    assert "Traceback" not in message

    assert list(Article.objects.values_list("source_name", flat=True)) == [
        str(tmp_path / "000_2d8554eb86dc606c.txt")
    ]
    # Nothing of the failed article survived: not its quotations, nor the people only it names.
    assert not Person.objects.filter(name="Alexander Gabuev").exists()
    assert not Publication.objects.filter(name="Sky News").exists()
    assert Quote.objects.exclude(article__source_name__endswith="000_2d8554eb86dc606c.txt").count() == 0

    # Fixed, the next run stores it and skips the stored one.
    monkeypatch.setattr(storage, "store_quotes", real_store_quotes)
    (tmp_path / "broken.json").unlink()
    assert "1 new, 0 re-extracted, 1 unchanged, 0 failed" in run(tmp_path)
    assert Person.objects.filter(name="Alexander Gabuev").exists()


def test_failed_inputs_are_named_with_their_reason_and_the_rest_is_stored(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(CommandError) as failure:
        run(FIXTURE_ARTICLES / "000_2d8554eb86dc606c.txt", tmp_path / "missing.txt", tmp_path / "empty.txt")
    lines = str(failure.value).splitlines()
    assert lines[0] == "2 input(s) failed:"
    assert lines[1].endswith("missing.txt: missing: no such file or folder")
    assert lines[2].endswith("empty.txt: empty: nothing to read")
    assert Article.objects.count() == 1


def test_dry_run_writes_nothing_and_gives_evaluation_records(tmp_path):
    jsonl = tmp_path / "out" / "seeds.jsonl"
    output = run(FIXTURE_ARTICLES, "--dry-run", "--jsonl", jsonl, "--workers", "1")
    assert "nothing written to the database" in output
    assert all(count == 0 for count in row_counts().values())

    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert records
    keys = {"source", "text", "start", "end", "kind", "speaker", "speaker_kind", "person_kind",
            "speaker_mention", "organisation", "role", "cue", "confidence"}  # fmt: skip
    bodies = {path.name: path.read_text(encoding="utf-8") for path in FIXTURE_ARTICLES.iterdir()}
    for record in records:
        assert set(record) == keys
        assert bodies[record["source"]][record["start"] : record["end"]] == record["text"]
    assert any(r["speaker"] == "Alexander Gabuev" and r["role"] == "director" for r in records)


def test_quiet_run_prints_nothing():
    assert run(FIXTURE_ARTICLES, verbosity=0) == ""
    assert Article.objects.count() == 2


def test_verbose_run_reports_each_article():
    output = run(FIXTURE_ARTICLES, verbosity=2)
    assert "000_2d8554eb86dc606c.txt: new; quotations" in output


def test_no_sources_is_a_usage_error():
    with pytest.raises(CommandError):
        call_command("extract_quotes", stdout=StringIO(), stderr=StringIO())


def test_an_article_the_extractor_fails_on_does_not_stop_the_batch(monkeypatch):
    real_extract_doc = extraction.extract_doc

    def extract_doc_failing_on_sky_news(text, doc):
        if "Sky News" in text:
            raise ValueError("cannot parse this text")
        return real_extract_doc(text, doc)

    monkeypatch.setattr(extraction, "extract_doc", extract_doc_failing_on_sky_news)
    with pytest.raises(CommandError) as failure:
        run(FIXTURE_ARTICLES, "--batch-size", "2")
    assert "003_2ba2bb2939e1a35a.txt: extraction failed: ValueError: cannot parse this text" in str(
        failure.value
    )
    assert list(Article.objects.values_list("source_name", flat=True)) == [
        str(FIXTURE_ARTICLES / "000_2d8554eb86dc606c.txt")
    ]


def test_parallel_workers_give_the_same_records(tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run(FIXTURE_ARTICLES, "--dry-run", "--jsonl", one)
    run(FIXTURE_ARTICLES, "--dry-run", "--jsonl", two, "--workers", "2", "--batch-size", "1")
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8") != ""
