"""A small newsroom built with the ORM: two publications, three articles, people, organisations and
quotations in every review state, each quotation at its real offsets in its article."""

import datetime
from dataclasses import dataclass, field

import pytest

from articles.models import Article, Publication
from quotes.models import Affiliation, Organisation, Person, PersonAlias, Quote

ARTICLE_BODIES = {
    "sanctions": (
        "Sanctions bite as winter nears\n"
        "“The sanctions are biting harder than Moscow admits,” said Alexander Gabuev, director of the "
        "Carnegie Russia Eurasia Centre.\n"
        "The Kremlin said that Western sanctions had failed to dent the economy.\n"
    ),
    "oil": (
        "Oil price cap under strain\n"
        "“The oil price cap is working as intended,” said Jane Smith, a Treasury minister.\n"
        "Gabuev described it as “a price cap that China and India will simply ignore”.\n"
        "Officials said the <script>alert('x')</script> cap would be reviewed.\n"
    ),
    "undated": "Sanctioning oil is pointless, Smith told reporters.\n",
}


@dataclass
class Corpus:
    articles: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    quotes: dict = field(default_factory=dict)


def quote_in(article: Article, text: str, **fields) -> Quote:
    """A quotation at the offsets where ``text`` occurs in the article."""
    start = article.body.index(text)
    return Quote.objects.create(article=article, text=text, start=start, end=start + len(text), **fields)


def build_corpus() -> Corpus:
    corpus = Corpus()
    ft = Publication.objects.create(name="Financial Times", domain="ft.com")
    guardian = Publication.objects.create(name="The Guardian", domain="theguardian.com")
    articles = corpus.articles
    articles["sanctions"] = Article.objects.create(
        title="Sanctions bite as winter nears",
        publication=ft,
        published_at=datetime.date(2024, 3, 1),
        url="https://www.ft.com/content/sanctions-bite",
        body=ARTICLE_BODIES["sanctions"],
        content_hash="1" * 64,
        source_name="sanctions.html",
    )
    articles["oil"] = Article.objects.create(
        title="Oil price cap under strain",
        publication=guardian,
        published_at=datetime.date(2023, 6, 10),
        url="https://www.theguardian.com/oil-cap",
        body=ARTICLE_BODIES["oil"],
        content_hash="2" * 64,
        source_name="oil.html",
    )
    articles["undated"] = Article.objects.create(
        title="Undated note", body=ARTICLE_BODIES["undated"], content_hash="3" * 64, source_name="note.txt"
    )
    endowment = Organisation.objects.create(
        name="Carnegie Endowment for International Peace", slug="carnegie-endowment", kind="think_tank"
    )
    carnegie = Organisation.objects.create(
        name="Carnegie Russia Eurasia Centre",
        slug="carnegie-russia-eurasia",
        kind="think_tank",
        parent=endowment,
    )
    kremlin = Organisation.objects.create(name="Kremlin", slug="kremlin", kind="government")
    treasury = Organisation.objects.create(name="HM Treasury", slug="hm-treasury", kind="government")
    corpus.organisations.update(carnegie=carnegie, endowment=endowment, kremlin=kremlin, treasury=treasury)
    gabuev = Person.objects.create(name="Alexander Gabuev", slug="alexander-gabuev", kind="expert")
    smith = Person.objects.create(name="Jane Smith", slug="jane-smith", kind="official")
    PersonAlias.objects.create(person=gabuev, name="Sasha Gabuev")
    Affiliation.objects.create(
        person=gabuev, organisation=carnegie, role="director", article=articles["sanctions"]
    )
    Affiliation.objects.create(person=smith, organisation=treasury, role="Treasury minister")
    corpus.people.update(gabuev=gabuev, smith=smith)
    quotes = corpus.quotes
    quotes["biting"] = quote_in(
        articles["sanctions"],
        "The sanctions are biting harder than Moscow admits",
        kind="direct",
        speaker_person=gabuev,
        role="director",
        organisation=carnegie,
        status="approved",
    )
    quotes["kremlin"] = quote_in(
        articles["sanctions"],
        "Western sanctions had failed to dent the economy",
        kind="indirect",
        speaker_organisation=kremlin,
        status="pending",
    )
    quotes["cap"] = quote_in(
        articles["oil"],
        "The oil price cap is working as intended",
        kind="direct",
        speaker_person=smith,
        role="a Treasury minister",
        organisation=treasury,
        status="approved",
    )
    quotes["ignore"] = quote_in(
        articles["oil"],
        "a price cap that China and India will simply ignore",
        kind="mixed",
        speaker_person=gabuev,
        status="pending",
    )
    quotes["script"] = quote_in(
        articles["oil"],
        "the <script>alert('x')</script> cap would be reviewed",
        kind="indirect",
        speaker_mention="Officials",
        status="pending",
    )
    quotes["rejected"] = quote_in(
        articles["undated"],
        "Sanctioning oil is pointless",
        kind="indirect",
        speaker_person=smith,
        status="rejected",
    )
    return corpus


@pytest.fixture
def corpus(db) -> Corpus:
    return build_corpus()


def ids(quotes) -> set[int]:
    return {quote.pk for quote in quotes}
