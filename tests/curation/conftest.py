"""Fixtures for the curation tests: a small newsroom of articles, people, organisations and
quotations, a curator (member of the `curator` group) and a staff user without the group."""

import hashlib

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Article, Publication
from quotes.models import Affiliation, Organisation, OrganisationAlias, Person, PersonAlias, Quote


def make_article(body: str, **fields) -> Article:
    return Article.objects.create(body=body, content_hash=hashlib.sha256(body.encode()).hexdigest(), **fields)


def quote_at(article: Article, text: str, **fields) -> Quote:
    """A quotation whose span is where `text` occurs in the article."""
    start = article.body.index(text)
    values = {"kind": "direct", "start": start, "end": start + len(text), "text": text}
    values.update(fields)
    return Quote.objects.create(article=article, **values)


@pytest.fixture
def curator(db) -> User:
    user = User.objects.create_user("curator", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="curator"))
    return user


@pytest.fixture
def plain_staff(db) -> User:
    return User.objects.create_user("staff", password="pw", is_staff=True)


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def staff_client(client, plain_staff):
    client.force_login(plain_staff)
    return client


@pytest.fixture
def newsroom(db) -> dict:
    """Two articles in two publications, three people, a parent and a child organisation,
    affiliations and aliases, and quotations of every status and confidence band."""
    ft = Publication.objects.create(name="Financial Times", domain="ft.com")
    sky = Publication.objects.create(name="Sky News", domain="news.sky.com")
    first = make_article(
        "Talks resume in Geneva\n"
        "“We will not cut,” said Jane Doe, director of the Example Institute.\n"
        "Officials disagreed. John Roe, a minister, said that the deal was “a real breakthrough”.\n",
        title="Talks resume",
        publication=ft,
        url="https://ft.com/talks",
        author="A. Writer",
    )
    second = make_article(
        "Budget day\n=SUM(A1:A9) said nobody. “+1 for reform,” said Jane Doe.\n"
        "Mary Major of the Carnegie Centre said: “@everyone should read it.”\n",
        title="Budget day",
        publication=sky,
    )
    endowment = Organisation.objects.create(
        name="Carnegie Endowment", slug="carnegie-endowment", kind="think_tank"
    )
    centre = Organisation.objects.create(
        name="Carnegie Centre", slug="carnegie-centre", kind="think_tank", parent=endowment
    )
    institute = Organisation.objects.create(
        name="Example Institute", slug="example-institute", kind="think_tank"
    )
    OrganisationAlias.objects.create(organisation=centre, name="Carnegie Russia Eurasia Centre")
    jane = Person.objects.create(name="Jane Doe", slug="jane-doe", kind="expert")
    john = Person.objects.create(name="John Roe", slug="john-roe", kind="official")
    mary = Person.objects.create(name="Mary Major", slug="mary-major", kind="expert")
    PersonAlias.objects.create(person=jane, name="Dr Doe")
    Affiliation.objects.create(person=jane, organisation=institute, role="director", article=first)
    Affiliation.objects.create(person=mary, organisation=centre, role="")
    quotes = {
        "jane": quote_at(
            first,
            "We will not cut",
            speaker_person=jane,
            speaker_mention="Jane Doe",
            role="director",
            organisation=institute,
            confidence=0.95,
        ),
        "john": quote_at(
            first,
            "the deal was “a real breakthrough”",
            kind="mixed",
            speaker_person=john,
            speaker_mention="John Roe",
            confidence=0.6,
            status="approved",
        ),
        "plus": quote_at(
            second, "+1 for reform", speaker_person=jane, speaker_mention="Jane Doe", confidence=0.3
        ),
        "at": quote_at(
            second,
            "@everyone should read it.",
            speaker_person=mary,
            speaker_mention="Mary Major",
            organisation=centre,
            confidence=0.85,
            status="rejected",
        ),
    }
    return {
        "publications": (ft, sky),
        "articles": (first, second),
        "people": {"jane": jane, "john": john, "mary": mary},
        "organisations": {"endowment": endowment, "centre": centre, "institute": institute},
        "quotes": quotes,
    }
