"""Storing an article costs a fixed number of queries, whatever its number of speakers.

On PostgreSQL every query is a round trip to the server, which is most of what storing costs there: the
people an article names, their aliases and the people its surnames may denote are read in one query each
(``SpeakerResolver.prefetch``), not one per speaker.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.models import Affiliation, Person, PersonAlias, PersonKind, Quote, Statement
from quotes.storage import store_article

from .conftest import article_input, extraction_of, person, quote_of

pytestmark = pytest.mark.django_db

SURNAMES = ("Arden", "Brand", "Castro", "Dunne", "Ekberg", "Fulton", "Grange", "Holm")
# What storing a new article of known speakers costs: the article (looked up by its text, inserted), its
# near-copy index (the band look-up, the signature, the bands), its speakers (people by name, people by
# surname, their aliases), the grouping (candidates, new statements), the quotations, their fingerprints
# and the statements' first reports; and here the savepoint and its release (the test's own transaction
# makes one of the article's). The signature, the bands, the fingerprints and the first reports are one
# round trip on PostgreSQL (``statements.Writes``). It was 38 for the 16 quotations of 8 people below,
# and 20 for 2 people, on both.
MAX_QUERIES = {"postgresql": 12, "sqlite": 15}
# An article whose reports join stored statements (recounted) and that teaches affiliations: on PostgreSQL
# the recount and the affiliations go with the other writes, and the statements' insert is not needed (it
# was 14); SQLite runs them one by one (and looks the organisation up).
MAX_QUERIES_JOINING = {"postgresql": 12, "sqlite": 16}


@pytest.fixture
def people():
    """Known people, each with the form of address articles use for them stored as an alias."""
    stored = []
    for surname in SURNAMES:
        someone = Person.objects.create(
            name=f"Alex {surname}", slug=f"alex-{surname.lower()}", kind=PersonKind.EXPERT
        )
        PersonAlias.objects.bulk_create(
            [PersonAlias(person=someone, name=f"Dr {surname}"), PersonAlias(person=someone, name=surname)]
        )
        stored.append(someone)
    return stored


def article_by(surnames, *, topic: str, headline: str = "Experts on", organisation: str | None = None):
    """Each person quoted twice: once named in full (and as "Dr X"), once by the surname alone; with
    ``organisation``, the full name's mention names it as theirs."""
    # A text long enough to be judged for near copies (articles/copies.py), as news articles are.
    background = " ".join(f"The {topic} was discussed at meeting {n} of the council." for n in range(8))
    if headline != "Experts on":  # another article, no near copy of the first
        background = " ".join(
            f"{headline} {topic}: item {n} of {40 - n} was left for later." for n in range(40)
        )
    lines, said = [f"{headline} {topic}", background], []
    for number, surname in enumerate(surnames):
        full = f"“The {topic} plan number {number} will work,” said Alex {surname}."
        alone = f"“The {topic} budget number {number} is too small,” {surname} said."
        lines += [full, alone]
        said += [
            (
                f"The {topic} plan number {number} will work",
                person(f"Alex {surname}", aliases=(f"Dr {surname}",), organisation=organisation),
            ),
            (f"The {topic} budget number {number} is too small", person(surname)),
        ]
    body = "\n".join(lines) + "\n"
    quotes = [quote_of(body, text, speaker) for text, speaker in said]
    return article_input(body, source_name=f"{headline} {topic}.txt"), extraction_of(*quotes)


def queries_to_store(surnames, **article) -> int:
    article, extraction = article_by(surnames, **article)
    with CaptureQueriesContext(connection) as captured:
        result = store_article(article_input=article, extraction=extraction)
    assert result.quotes_created == 2 * len(surnames)
    assert result.people_created == 0
    return len(captured.captured_queries)


def test_every_quotation_goes_to_the_person_it_names(people):
    article, extraction = article_by(SURNAMES, topic="harbour")
    store_article(article_input=article, extraction=extraction)
    by_surname = {someone.name.split()[-1]: someone for someone in people}
    for quote in Quote.objects.all():
        surname = quote.speaker_mention.split()[-1]
        assert quote.speaker_person == by_surname[surname]


def test_the_queries_of_an_article_do_not_grow_with_its_speakers(people):
    few = queries_to_store(SURNAMES[:2], topic="harbour")
    many = queries_to_store(SURNAMES, topic="railway")
    assert many == few


def test_an_article_is_stored_in_a_bounded_number_of_queries(people):
    queries_to_store(SURNAMES, topic="harbour")  # the people's kinds and affiliations settle
    assert queries_to_store(SURNAMES, topic="railway") <= MAX_QUERIES[connection.vendor]


def test_reports_of_stored_statements_and_affiliations_cost_no_more_queries(people):
    """An article quoting what another reported, the speakers' organisation named: its reports join the
    stored statements, which are recounted, and the affiliations are written, in the same round trip as
    the other writes on PostgreSQL."""
    queries_to_store(SURNAMES, topic="harbour", organisation="Harbour Trust")
    queries = queries_to_store(
        SURNAMES, topic="harbour", headline="More experts on", organisation="Harbour Trust"
    )
    assert queries <= MAX_QUERIES_JOINING[connection.vendor]
    assert {statement.report_count for statement in Statement.objects.all()} == {2}
    assert Statement.objects.count() == 2 * len(SURNAMES)
    assert Affiliation.objects.filter(organisation__name="Harbour Trust").count() == len(SURNAMES)


# An article of people nobody stored: each new person costs its insert and its slug, and the look-ups of
# other forms of the name (a stored surname alone, a first surname); the surnames read before stay read
# (only those a new name contains are read again), and whether a name is an outlet's is one query for
# all. It was 85 on SQLite and 82 on PostgreSQL for these 8 people (the surnames read again after each
# new person, whether each name is an outlet's one query a name).
MAX_QUERIES_NEW_PEOPLE = {"postgresql": 60, "sqlite": 63}


def test_an_article_of_new_people_is_stored_in_a_bounded_number_of_queries():
    article, extraction = article_by(SURNAMES, topic="harbour")
    with CaptureQueriesContext(connection) as captured:
        result = store_article(article_input=article, extraction=extraction)
    assert result.people_created == len(SURNAMES)
    assert len(captured.captured_queries) <= MAX_QUERIES_NEW_PEOPLE[connection.vendor]
