"""Quote.objects.search(): the same behaviour on SQLite (FTS5) and PostgreSQL (tsvector)."""

import pytest
from django.db import connection

from quotes.models import Quote
from quotes.search import SPEAKER_NAMED, SPEAKER_NOT_NAMED, parse_query, render_highlight

from .conftest import ids


def found(query: str) -> set[int]:
    return ids(Quote.objects.search(query))


def test_stemming_finds_other_forms_of_a_word(corpus):
    q = corpus.quotes
    # "sanction" finds "sanctions" (and the rejected "Sanctioning", which search alone does not hide).
    assert {q["biting"].pk, q["kremlin"].pk} <= found("sanction")
    assert q["cap"].pk in found("works")


def test_exact_phrase_needs_the_words_together(corpus):
    q = corpus.quotes
    assert found('"oil price cap"') == {q["cap"].pk}
    assert found('"cap price oil"') == set()


def test_excluded_word_removes_matches(corpus):
    q = corpus.quotes
    assert found("cap") == {q["cap"].pk, q["ignore"].pk, q["script"].pk}
    assert found("cap -china") == {q["cap"].pk, q["script"].pk}
    assert found('cap -"simply ignore" -oil') == {q["script"].pk}


def test_only_exclusions_match_everything_else(corpus):
    everything = ids(Quote.objects.all())
    q = corpus.quotes
    assert found("-cap") == everything - {q["cap"].pk, q["ignore"].pk, q["script"].pk}


def test_or_matches_either_word(corpus):
    q = corpus.quotes
    assert found("moscow OR china") == {q["biting"].pk, q["ignore"].pk}
    assert found("moscow or china") == {q["biting"].pk, q["ignore"].pk}
    # OR binds its neighbours only: sanctions AND (moscow OR china).
    assert found("sanctions moscow OR china") == {q["biting"].pk}


def test_speaker_names_are_searched_with_the_text(corpus):
    q = corpus.quotes
    assert found("gabuev") == {q["biting"].pk, q["ignore"].pk}
    assert found("gabuev china") == {q["ignore"].pk}
    assert found("kremlin economy") == {q["kremlin"].pk}


def test_the_index_follows_every_write_through_the_database(corpus):
    q = corpus.quotes
    smith = corpus.people["smith"]
    smith.name = "Janet Smithson"
    smith.save()
    assert found("smithson") == {q["cap"].pk, q["rejected"].pk}
    Quote.objects.filter(pk=q["cap"].pk).update(text="A completely different sentence")
    assert found("sentence") == {q["cap"].pk}
    assert q["cap"].pk not in found("intended")
    Quote.objects.filter(pk=q["ignore"].pk).update(speaker_person=None)
    assert found("gabuev") == {q["biting"].pk}
    q["biting"].delete()
    assert found("gabuev") == set()


def test_query_syntax_of_the_engine_is_never_interpreted(corpus):
    # Characters that mean something to FTS5 or tsquery are taken as text, never as an error.
    for query in [
        '"',
        "text:cap",
        "cap*",
        "NEAR(cap oil)",
        "cap AND",
        "(cap",
        "!cap & oil",
        "'; DROP",
        "-",
        "OR",
    ]:
        list(Quote.objects.search(query))
    assert found("") == set()
    assert found('""') == set()


def test_results_rank_what_a_named_speaker_said_first(corpus):
    q = corpus.quotes
    # "price cap": two quotations, neither speaker named by the words: the more recently added first. Words
    # that name a speaker put what the speaker said first, however old.
    assert q["ignore"].pk > q["cap"].pk
    ranked = list(Quote.objects.search("price cap").order_by("-search_rank", "-id"))
    assert [quote.pk for quote in ranked] == [q["ignore"].pk, q["cap"].pk]
    assert {quote.search_rank for quote in ranked} == {SPEAKER_NOT_NAMED}
    ranked = list(Quote.objects.search("price cap smith").order_by("-search_rank", "-id"))
    assert [quote.pk for quote in ranked] == [q["cap"].pk]
    ranked = list(Quote.objects.search("cap OR smith").order_by("-search_rank", "-id"))
    assert [(quote.pk, quote.search_rank) for quote in ranked] == [
        (q["rejected"].pk, SPEAKER_NAMED),
        (q["cap"].pk, SPEAKER_NAMED),
        (q["script"].pk, SPEAKER_NOT_NAMED),
        (q["ignore"].pk, SPEAKER_NOT_NAMED),
    ]
    assert all(isinstance(quote.search_rank, float) for quote in ranked)


def test_highlights_mark_the_matches_and_escape_the_text(corpus):
    q = corpus.quotes
    quote = Quote.objects.search("reviewed").with_highlights("reviewed").get()
    html = render_highlight(quote.text_highlighted)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<mark>reviewed</mark>" in html
    assert quote.pk == q["script"].pk
    speaker = Quote.objects.filter(pk=q["biting"].pk).with_highlights("gabuev").get().speaker_highlighted
    assert render_highlight(speaker) == "Alexander <mark>Gabuev</mark>"


def test_sentinel_characters_in_a_quotation_cannot_forge_markup(corpus):
    q = corpus.quotes
    Quote.objects.filter(pk=q["cap"].pk).update(text="\ue000<b>cap\ue001 is working")
    quote = Quote.objects.filter(pk=q["cap"].pk).with_highlights("working").get()
    assert render_highlight(quote.text_highlighted) == "&lt;b&gt;cap is <mark>working</mark>"


@pytest.mark.parametrize(
    ("text", "groups", "negatives"),
    [
        ("sanctions oil", (("sanctions",), ("oil",)), ()),
        ('"oil price" -russia', (("oil price",),), ("russia",)),
        ("china OR india OR brazil cap", (("china", "india", "brazil"), ("cap",)), ()),
        ('-"price cap" ', (), ("price cap",)),
        ("OR cap OR", (("cap",),), ()),
        ('"unclosed phrase', (("unclosed phrase",),), ()),
        ("!!! --", (), ()),
    ],
)
def test_parse_query(text, groups, negatives):
    parsed = parse_query(text)
    assert parsed.groups == groups
    assert parsed.negatives == negatives


def test_search_uses_the_backend_of_the_database(corpus):
    sql = str(Quote.objects.search("cap").query)
    if connection.vendor == "postgresql":
        assert "websearch_to_tsquery" in sql and "search_vector" in sql
    else:
        assert "quotes_quote_fts" in sql and "MATCH" in sql
