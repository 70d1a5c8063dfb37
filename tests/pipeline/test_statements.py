"""Statements and near copies through the real pipeline (the spaCy model, the storage service, the
database): each grouping rule pinned with constructed articles, and the rules themselves with hand-built
candidates where the extractor would only stand in the way."""

import datetime

import pytest

from articles.ingest import ArticleInput
from articles.models import Article, ArticleBand, Publication
from quotes import statements
from quotes.models import Person, Quote, QuoteFingerprint, QuoteStatus, Statement
from quotes.pipeline import Pipeline
from quotes.storage import store_article

from .conftest import article_input, extraction_of, person, quote_of

pytestmark = pytest.mark.django_db

WIRE = (
    "Grid operators warn of winter shortfall\n"
    "\n"
    "TALLINN — Power grid operators around the Baltic Sea warned on Tuesday that a cold winter could leave "
    "the region short of electricity for several weeks, as two ageing plants close and a new undersea cable "
    "runs late.\n"
    "\n"
    "“We have never had so little spare capacity going into a winter, and every household should know "
    "that,” said Marta Kowalczyk, the chief executive of the Baltic Grid Authority.\n"
    "\n"
    "The authority has asked governments to delay the closure of the two plants by a year. Engineers said "
    "the cable, which was due to open in October, would not carry power before March.\n"
    "\n"
    "“The cable will come, but it will come after the coldest months, when we need it most,” Kowalczyk "
    "added.\n"
    "\n"
    "Industry groups said factories could be asked to cut their use at peak hours. Consumer groups "
    "criticised the plan, saying households would pay for the delays in their bills.\n"
    "\n"
    "Prices on the regional power exchange rose by a fifth after the warning.\n"
)
# The same wire story under another headline and byline, its last paragraph cut and a sign-up line added
_WIRE_BODY = WIRE.split("\n", 1)[1]
COPY = (
    "Baltic states face power crunch as cable delayed\n"
    "By Staff Reporter\n"
    + _WIRE_BODY[: _WIRE_BODY.index("Prices on the regional")]
    + "Sign up for our morning newsletter to get the day's business news in your inbox.\n"
)
# Another outlet's own story, which quotes only a part of the first quotation, in other words around it.
SHORTENED = (
    "Energy ministers meet as winter looms\n"
    "\n"
    "RIGA — Energy ministers from three countries met in Riga on Wednesday to discuss emergency measures "
    "for the coming months.\n"
    "\n"
    "The head of the regional grid, Marta Kowalczyk, had warned a day earlier that there was “so little "
    "spare capacity going into a winter, and every household should know that.”\n"
    "\n"
    "Ministers agreed to share reserves and to publish a joint plan within a fortnight.\n"
)


def stored_through_pipeline(nlp, *items: ArticleInput, force: bool = False):
    return Pipeline(nlp=nlp, force=force).process(list(items))


def wire_input(body: str, *, name: str, outlet: str, day: int) -> ArticleInput:
    return ArticleInput(
        body=body,
        source_name=f"{name}.txt",
        title=body.split("\n", 1)[0],
        publication_name=outlet,
        published_at=datetime.date(2026, 11, day),
    )


def test_a_syndicated_copy_is_its_own_article_and_its_quotations_join_the_originals_statements(nlp):
    report = stored_through_pipeline(
        nlp,
        wire_input(WIRE, name="wire", outlet="Wire Service", day=3),
        wire_input(COPY, name="copy", outlet="Harbour Herald", day=4),
    )
    assert not report.failures
    original, copy = Article.objects.order_by("id")
    assert (original.copy_of, copy.copy_of) == (None, original)
    assert (original.publication.name, copy.publication.name) == ("Wire Service", "Harbour Herald")
    copied = list(copy.quotes.order_by("start"))
    assert len(copied) >= 2
    for quote in copied:
        twin = original.quotes.get(text=quote.text)
        assert twin.statement_id == quote.statement_id
        statement = Statement.objects.get(pk=quote.statement_id)
        # The earliest report (the original's, a day before) first; two outlets.
        assert (statement.report_count, statement.outlet_count, statement.first_quote_id) == (2, 2, twin.pk)


def test_a_different_story_on_the_same_day_is_no_copy(nlp):
    stored_through_pipeline(
        nlp,
        wire_input(WIRE, name="wire", outlet="Wire Service", day=3),
        wire_input(SHORTENED, name="riga", outlet="Riga Times", day=4),
    )
    assert not Article.objects.filter(copy_of__isnull=False).exists()
    assert ArticleBand.objects.count() > 0  # both were indexed


def test_a_quotation_shortened_in_a_second_outlet_joins_the_statement(nlp):
    stored_through_pipeline(
        nlp,
        wire_input(WIRE, name="wire", outlet="Wire Service", day=3),
        wire_input(SHORTENED, name="riga", outlet="Riga Times", day=4),
    )
    longer = Quote.objects.get(text__startswith="We have never had so little spare capacity")
    # A mixed quotation: the words in its quotation marks are compared, not the reporter's around them.
    shorter = Quote.objects.get(text__contains="“so little spare capacity")
    assert shorter.speaker_person_id == longer.speaker_person_id
    assert shorter.statement_id == longer.statement_id
    statement = Statement.objects.get(pk=longer.statement_id)
    assert (statement.report_count, statement.outlet_count, statement.first_quote_id) == (2, 2, longer.pk)
    # The other quotation of the wire story stays a statement of its own.
    cable = Quote.objects.get(text__startswith="The cable will come")
    assert Quote.objects.filter(statement_id=cable.statement_id).count() == 1


def test_curators_merge_and_split_are_kept_across_re_extraction(nlp):
    items = [
        wire_input(WIRE, name="wire", outlet="Wire Service", day=3),
        wire_input(SHORTENED, name="riga", outlet="Riga Times", day=4),
    ]
    stored_through_pipeline(nlp, *items)
    longer = Quote.objects.get(text__startswith="We have never had so little spare capacity")
    shorter = Quote.objects.get(text__contains="“so little spare capacity")
    cable = Quote.objects.get(text__startswith="The cable will come")

    # A curator decides the shortened report is a statement of its own, and that the two quotations of the
    # wire story are one statement.
    statements.split_report(quote=shorter)
    kept = Statement.objects.get(pk=longer.statement_id)
    statements.merge_statements(keep=kept, others=[Statement.objects.get(pk=cable.statement_id)])

    report = stored_through_pipeline(nlp, *items, force=True)
    assert report.total.articles_reextracted == 2 and not report.failures
    longer, shorter, cable = (Quote.objects.get(pk=q.pk) for q in (longer, shorter, cable))
    assert longer.statement_id == cable.statement_id == kept.pk
    assert shorter.statement_id != longer.statement_id
    assert Statement.objects.get(pk=kept.pk).curated
    # Nothing was stored twice, and no statement is left without a report.
    assert Quote.objects.filter(text=longer.text).count() == 1
    assert not Statement.objects.filter(reports__isnull=True).exists()


def test_a_second_run_changes_no_statement(nlp):
    items = [
        wire_input(WIRE, name="wire", outlet="Wire Service", day=3),
        wire_input(COPY, name="copy", outlet="Harbour Herald", day=4),
    ]
    stored_through_pipeline(nlp, *items)
    before = sorted(Quote.objects.values_list("id", "statement_id"))
    stored_through_pipeline(nlp, *items, force=True)
    assert sorted(Quote.objects.values_list("id", "statement_id")) == before


# -- the rules, with hand-built candidates ----------------------------------------------------------------

SPEAKER = person("Ines Okafor", role="minister", organisation="Ministry of Energy")
OTHER = person("Tomas Lindqvist", role="analyst", organisation="Nordic Energy Institute")


def store_quotes(name: str, body: str, *quotes, outlet: str = "", day: int = 1, month: int = 1):
    return store_article(
        article_input=article_input(
            body,
            source_name=name,
            publication_name=outlet or name,
            published_at=datetime.date(2026, month, day),
        ),
        extraction=extraction_of(*quotes),
    )


def stored(text: str) -> Quote:
    return Quote.objects.get(text=text)


def test_quotation_marks_case_punctuation_and_an_ellipsis_do_not_part_reports():
    first = "We will not raise the price of electricity for households this winter, whatever happens."
    body = f"“{first}” said Ines Okafor.\n"
    store_quotes("a.txt", body, quote_of(body, first, SPEAKER))
    second = "we will NOT raise the price of electricity for households this winter — whatever happens"
    body = f'Okafor said: "{second}"\n'
    store_quotes("b.txt", body, quote_of(body, second, SPEAKER))
    # A cut report joins when one of its pieces is a run of 8 words or more (what the index guarantees).
    third = "We will not raise the price of electricity for households … whatever happens"
    body = f"“{third},” Okafor said.\n"
    store_quotes("c.txt", body, quote_of(body, third, SPEAKER))
    assert stored(first).statement_id == stored(second).statement_id == stored(third).statement_id
    assert Statement.objects.get(pk=stored(first).statement_id).outlet_count == 3


def test_two_quotations_by_one_speaker_that_share_many_words_stay_apart():
    first = "We will build the new cable to Finland and the government will pay for it in full."
    second = "We will build the new cable to Sweden and the companies will pay for it in full."
    body = f"“{first}” said Ines Okafor.\n“{second}” she said later.\n"
    store_quotes("a.txt", body, quote_of(body, first, SPEAKER), quote_of(body, second, SPEAKER))
    assert stored(first).statement_id != stored(second).statement_id
    # A quotation that only overlaps a longer one (its own words beyond it) stays apart too.
    third = "the government will pay for it in full, and it will cost less than a year of blackouts"
    body = f"Okafor said “{third}”.\n"
    store_quotes("b.txt", body, quote_of(body, third, SPEAKER))
    assert stored(third).statement_id not in {stored(first).statement_id, stored(second).statement_id}


def test_the_same_words_by_two_speakers_are_two_statements():
    words = "The grid is ready for the winter and nobody should be afraid of blackouts."
    body = f"“{words}” said Ines Okafor.\n"
    store_quotes("a.txt", body, quote_of(body, words, SPEAKER))
    body = f"“{words}” said Tomas Lindqvist.\n"
    store_quotes("b.txt", body, quote_of(body, words, OTHER))
    first, second = Quote.objects.order_by("id")
    assert first.speaker_person_id != second.speaker_person_id
    assert first.statement_id != second.statement_id
    # Nor does a quotation without a named speaker join anything.
    body = f"“{words}” said an official.\n"
    store_quotes("c.txt", body, quote_of(body, words, None))
    assert Statement.objects.count() == 3


def test_short_quotations_and_paraphrases_stay_apart_when_unsure():
    # Four words twice: many occasions say as much.
    body = "“A very good day,” said Ines Okafor.\n"
    store_quotes("a.txt", body, quote_of(body, "A very good day", SPEAKER))
    store_quotes("b.txt", body + "\n", quote_of(body, "A very good day", SPEAKER))
    assert Quote.objects.values("statement_id").distinct().count() == 2
    # An indirect report in other words does not join the direct quotation it paraphrases.
    direct = "We have never had so little spare capacity going into a winter."
    body = f"“{direct}” said Ines Okafor.\n"
    store_quotes("c.txt", body, quote_of(body, direct, SPEAKER))
    indirect = "the region had never had so little spare capacity before a winter"
    body = f"Okafor said {indirect}.\n"
    store_quotes("d.txt", body, quote_of(body, indirect, SPEAKER, kind="indirect"))
    assert stored(direct).statement_id != stored(indirect).statement_id
    # One that repeats a long run of its words exactly does.
    exact = "so little spare capacity going into a winter"
    body = f"Okafor warned there was {exact}, in a statement on Monday.\n"
    store_quotes("e.txt", body, quote_of(body, exact, SPEAKER, kind="indirect"))
    assert stored(exact).statement_id != stored(direct).statement_id  # 8 words: too few for an indirect one
    longer = "we have never had so little spare capacity going into a winter"
    body = f"Okafor said {longer}, officials recalled.\n"
    store_quotes("f.txt", body, quote_of(body, longer, SPEAKER, kind="indirect"))
    assert stored(longer).statement_id == stored(direct).statement_id


def test_a_short_line_said_again_months_later_is_another_statement():
    line = "We are going to build a wall"
    for name, month, day in [("a.txt", 1, 2), ("b.txt", 1, 25), ("c.txt", 7, 4)]:
        body = f"“{line},” said Ines Okafor in {name}.\n"
        store_quotes(name, body, quote_of(body, line, SPEAKER), month=month, day=day)
    a, b, c = (Quote.objects.get(article__source_name=name) for name in ("a.txt", "b.txt", "c.txt"))
    assert a.statement_id == b.statement_id != c.statement_id
    # A long quotation quoted again months later is the same statement, re-quoted.
    long = "We have never had so little spare capacity going into a winter, and every household should know"
    for name, month in [("d.txt", 1), ("e.txt", 9)]:
        body = f"“{long},” said Ines Okafor in {name}.\n"
        store_quotes(name, body, quote_of(body, long, SPEAKER), month=month)
    d, e = (Quote.objects.get(article__source_name=name) for name in ("d.txt", "e.txt"))
    assert d.statement_id == e.statement_id


def test_a_rejected_report_is_not_counted_and_the_first_report_is_the_earliest():
    words = "The grid is ready for the winter and nobody should be afraid of blackouts."
    for name, day in [("late.txt", 9), ("early.txt", 2), ("middle.txt", 5)]:
        body = f"“{words}” said Ines Okafor in {name}.\n"
        store_quotes(name, body, quote_of(body, words, SPEAKER), day=day)
    early = Quote.objects.get(article__source_name="early.txt")
    statement = Statement.objects.get(pk=early.statement_id)
    assert (statement.report_count, statement.outlet_count, statement.first_quote_id) == (3, 3, early.pk)
    from django.contrib.auth import get_user_model

    from quotes.curation import review_quotes

    user = get_user_model().objects.create_user("reviewer")
    review_quotes(quotes=Quote.objects.filter(pk=early.pk), status=QuoteStatus.REJECTED, user=user)
    statement.refresh_from_db()
    middle = Quote.objects.get(article__source_name="middle.txt")
    assert (statement.report_count, statement.outlet_count, statement.first_quote_id) == (2, 2, middle.pk)


def test_a_merge_of_people_reindexes_their_quotations():
    words = "The grid is ready for the winter and nobody should be afraid of blackouts."
    body = f"“{words}” said Ines Okafor.\n"
    store_quotes("a.txt", body, quote_of(body, words, SPEAKER))
    body = f"“{words}” said I. Okafor-Bello.\n"
    store_quotes("b.txt", body, quote_of(body, words, person("Ines Okafor-Bello")))
    assert Statement.objects.count() == 2
    from quotes.curation import merge_people

    keep, other = Person.objects.order_by("id")
    merge_people(keep=keep, others=[other])
    # A third report by the merged person finds the statements through fingerprints of the kept person.
    body = f"“{words}” Okafor said again.\n"
    store_quotes("c.txt", body, quote_of(body, words, SPEAKER))
    third = Quote.objects.get(article__source_name="c.txt")
    assert third.statement_id == min(Statement.objects.values_list("pk", flat=True))
    assert QuoteFingerprint.objects.filter(quote__speaker_person=keep).values("quote").distinct().count() == 3


def test_regrouping_stored_quotations_groups_those_that_predate_statements():
    words = "The grid is ready for the winter and nobody should be afraid of blackouts."
    publication = Publication.objects.create(name="Old Outlet")
    person_row = Person.objects.create(name="Ines Okafor", slug="ines-okafor")
    for n in range(3):
        body = f"“{words}” said Ines Okafor ({n}).\n"
        article = Article.objects.create(body=body, content_hash=f"h{n}", publication=publication)
        Quote.objects.create(
            article=article, text=words, kind="direct", start=1, end=1 + len(words), speaker_person=person_row
        )
    assert Statement.objects.count() == 3  # one each, as the migration leaves them
    statements.regroup_stored()
    assert Statement.objects.count() == 1
    statement = Statement.objects.get()
    assert (statement.report_count, statement.outlet_count) == (3, 1)


def test_winnowed_fingerprints_share_a_hash_for_any_run_of_eight_words():
    import random

    rng = random.Random(5)
    vocabulary = [f"w{n}" for n in range(40)]
    for _ in range(200):
        long = [rng.choice(vocabulary) for _ in range(rng.randint(8, 60))]
        start = rng.randint(0, len(long) - 8)
        part = long[start : start + rng.randint(8, len(long) - start)]
        assert statements.fingerprints(long, "p1") & statements.fingerprints(part, "p1")
        assert not statements.fingerprints(long, "p1") & statements.fingerprints(part, "p2")


def test_a_whole_quotation_makes_one_statement_of_the_parts_reported_apart():
    first = "We have never had so little spare capacity going into a winter"
    second = "every household in the region should know that and plan for it"
    body = f"“{first},” said Ines Okafor.\n"
    store_quotes("a.txt", body, quote_of(body, first, SPEAKER), day=2)
    body = f"“{second},” said Ines Okafor.\n"
    store_quotes("b.txt", body, quote_of(body, second, SPEAKER), day=3)
    assert stored(first).statement_id != stored(second).statement_id
    whole = f"{first}, and {second}."
    body = f"“{whole}” said Ines Okafor.\n"
    store_quotes("c.txt", body, quote_of(body, whole, SPEAKER), day=4)
    assert stored(first).statement_id == stored(second).statement_id == stored(whole).statement_id
    statement = Statement.objects.get(pk=stored(whole).statement_id)
    assert (statement.report_count, statement.outlet_count, statement.first_quote_id) == (
        3,
        3,
        stored(first).pk,
    )
    assert Statement.objects.count() == 1
    # A statement a curator made is never merged into another by the machine.
    statements.split_report(quote=stored(second))
    body = f"“{whole}” Okafor repeated.\n"
    store_quotes("d.txt", body, quote_of(body, whole, SPEAKER), day=5)
    assert stored(second).statement_id != stored(first).statement_id
