"""Storing an article costs a fixed number of queries, whatever its number of speakers.

On PostgreSQL every query is a round trip to the server, which is most of what storing costs there: the
people an article names, their aliases and the people its surnames may denote are read in one query each
(``SpeakerResolver.prefetch``), not one per speaker.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.models import Person, PersonAlias, PersonKind, Quote
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


def article_by(surnames, *, topic: str):
    """Each person quoted twice: once named in full (and as "Dr X"), once by the surname alone."""
    # A text long enough to be judged for near copies (articles/copies.py), as news articles are.
    background = " ".join(f"The {topic} was discussed at meeting {n} of the council." for n in range(8))
    lines, said = [f"Experts on {topic}", background], []
    for number, surname in enumerate(surnames):
        full = f"“The {topic} plan number {number} will work,” said Alex {surname}."
        alone = f"“The {topic} budget number {number} is too small,” {surname} said."
        lines += [full, alone]
        said += [
            (
                f"The {topic} plan number {number} will work",
                person(f"Alex {surname}", aliases=(f"Dr {surname}",)),
            ),
            (f"The {topic} budget number {number} is too small", person(surname)),
        ]
    body = "\n".join(lines) + "\n"
    quotes = [quote_of(body, text, speaker) for text, speaker in said]
    return article_input(body, source_name=f"{topic}.txt"), extraction_of(*quotes)


def queries_to_store(surnames, *, topic: str) -> int:
    article, extraction = article_by(surnames, topic=topic)
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
