import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from quotes.models import Person, Quote


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
