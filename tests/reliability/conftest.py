"""Fixtures for the reliability tests: a small published corpus and a clean rate-limit cache."""

import hashlib

import pytest
from django.core.cache import cache

from articles.models import Article, Publication
from quotes.models import Organisation, Person, Quote

BODY = (
    "Sanctions bite as winter nears\n"
    "“The sanctions are biting harder than Moscow admits,” said Alexander Gabuev, director of the "
    "Carnegie Russia Eurasia Centre.\n"
    "“Prices will rise,” said Alexander Gabuev.\n"
    "The Kremlin said that Western sanctions had failed to dent the economy.\n"
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counts live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(db) -> dict:
    publication = Publication.objects.create(name="Financial Times", domain="ft.com")
    article = Article.objects.create(
        title="Sanctions bite as winter nears",
        publication=publication,
        body=BODY,
        content_hash=hashlib.sha256(BODY.encode()).hexdigest(),
        source_name="sanctions.txt",
    )
    person = Person.objects.create(name="Alexander Gabuev", slug="alexander-gabuev", kind="expert")
    organisation = Organisation.objects.create(
        name="Carnegie Russia Eurasia Centre", slug="carnegie-russia-eurasia-centre"
    )
    kremlin = Organisation.objects.create(name="Kremlin", slug="kremlin", kind="government")
    quotes = []
    for text, speaker in [
        ("The sanctions are biting harder than Moscow admits", {"speaker_person": person}),
        ("Prices will rise", {"speaker_person": person}),
        ("Western sanctions had failed to dent the economy", {"speaker_organisation": kremlin}),
    ]:
        start = BODY.index(text)
        quotes.append(
            Quote.objects.create(
                article=article,
                text=text,
                kind="direct",
                start=start,
                end=start + len(text),
                organisation=organisation if "speaker_person" in speaker else None,
                **speaker,
            )
        )
    return {"article": article, "person": person, "organisation": organisation, "quotes": quotes}


@pytest.fixture
def command_database(transactional_db, tmp_path):
    """A database that ``manage.py`` run in a child process writes to and this test reads. Tests using
    it are marked ``django_db(transaction=True)``, so pytest-django runs them after the others and
    empties the tables afterwards."""
    from .cli import CommandDatabase

    return CommandDatabase.for_this_test(tmp_path)
