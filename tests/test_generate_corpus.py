import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleBand, ArticleSignature
from quotes.models import Person, Quote, Statement
from quotes.statements import MIN_SAME_WORDS, compared_words, refresh_statements


@pytest.mark.django_db
def test_generated_quotations_are_real_spans_of_their_articles(capsys):
    call_command("generate_corpus", quotes=300, seed=7)
    assert "Generated 300 quotations" in capsys.readouterr().out
    assert Quote.objects.count() == 300
    assert Article.objects.count() == 300 // 8
    for quote in Quote.objects.select_related("article"):
        assert quote.article.body[quote.start : quote.end] == quote.text
        assert quote.speaker_person_id is not None
    # Zipf: the commonest speaker says far more than an average one.
    counts = sorted((p.quotes.count() for p in Person.objects.all()), reverse=True)
    assert counts[0] > 3 * (sum(counts) / len(counts))


@pytest.mark.django_db
def test_the_same_seed_is_refused_twice():
    call_command("generate_corpus", quotes=10, seed=3, verbosity=0)
    with pytest.raises(CommandError, match="seed 3 is there already"):
        call_command("generate_corpus", quotes=10, seed=3, verbosity=0)
    assert Quote.objects.count() == 10


@pytest.mark.django_db
def test_the_corpus_holds_what_grouping_meets_indexed_as_ingest_indexes_it():
    """Repeated quotations and near copies, with the fingerprints, signatures, bands and statement counts
    that ingest stores beside them, so a benchmark ingesting into it looks up full indexes."""
    call_command("generate_corpus", quotes=800, seed=5, verbosity=0)
    copies = list(Article.objects.filter(copy_of__isnull=False).select_related("copy_of"))
    assert copies
    for copy in copies:
        assert copy.publication_id != copy.copy_of.publication_id
        assert copy.copy_of.body in copy.body
        originals = list(copy.copy_of.quotes.order_by("start").values_list("text", "statement_id"))
        assert list(copy.quotes.order_by("start").values_list("text", "statement_id")) == originals
    # Repetitions within and across articles: statements of several reports, all by one speaker.
    grouped = Statement.objects.filter(report_count__gte=2)
    assert grouped.count() > len(copies)
    for statement in grouped[:50]:
        assert len(set(statement.reports.values_list("speaker_person_id", flat=True))) == 1
    assert Statement.objects.count() < Quote.objects.count()
    # Every quotation long enough to be indexed is (ingest skips those under MIN_SAME_WORDS words).
    unindexed = Quote.objects.filter(fingerprints__isnull=True)
    assert all(len(compared_words(q.text, q.kind)) < MIN_SAME_WORDS for q in unindexed)
    assert unindexed.count() < Quote.objects.count() / 20
    assert ArticleSignature.objects.count() == Article.objects.count()
    assert ArticleBand.objects.values("article").distinct().count() == Article.objects.count()
    # The counts and first reports are what the grouping service computes.
    stored = sorted(Statement.objects.values_list("pk", "first_quote_id", "report_count", "outlet_count"))
    refresh_statements(statement_ids=[pk for pk, *_ in stored])
    assert (
        sorted(Statement.objects.values_list("pk", "first_quote_id", "report_count", "outlet_count"))
        == stored
    )


def _indexes(models) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        return {
            model._meta.db_table: connection.introspection.get_constraints(cursor, model._meta.db_table)
            for model in models
        }


@pytest.mark.django_db(transaction=True)
def test_indexes_built_after_the_corpus_are_the_indexes_it_had_and_the_corpus_is_the_same():
    """A benchmark's corpus is generated with the indexes it does not read built once at the end: the
    database then holds the same indexes, and the same quotations, as generated with them kept."""
    from quotes.models import Affiliation, Organisation, QuoteFingerprint
    from quotes.synthetic import GENERATED_MODELS, generate_corpus, indexes_built_after

    before = _indexes(GENERATED_MODELS)
    generate_corpus(quotes=200, seed=11)
    kept = sorted(Quote.objects.values_list("text", "speaker_person__name", "kind", "status"))
    for model in (QuoteFingerprint, Quote, Statement, ArticleBand, ArticleSignature, Article, Affiliation):
        model.objects.all().delete()
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    with indexes_built_after():
        generate_corpus(quotes=200, seed=11)
    assert _indexes(GENERATED_MODELS) == before
    assert sorted(Quote.objects.values_list("text", "speaker_person__name", "kind", "status")) == kept

    with pytest.raises(RuntimeError), indexes_built_after():
        raise RuntimeError("generating failed")
    assert _indexes(GENERATED_MODELS) == before
