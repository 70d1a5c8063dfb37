"""The rules the database itself keeps, on whichever database the suite runs against."""

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Publication
from quotes.models import Affiliation, Organisation, Person, PersonAlias, Quote


def make_quote(article: Article, **fields) -> Quote:
    values = {"article": article, "kind": "direct", "text": "We will not cut", "start": 1, "end": 16}
    values.update(fields)
    return Quote.objects.create(**values)


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_quote_at_an_existing_span_is_refused(article):
    make_quote(article)
    assert refused(lambda: make_quote(article, text="other"))
    assert Quote.objects.count() == 1


def test_same_span_in_another_article_is_allowed(article):
    other = Article.objects.create(body=article.body + "x", content_hash="1" * 64)
    make_quote(article)
    make_quote(other)
    assert Quote.objects.count() == 2


@pytest.mark.parametrize(("start", "end"), [(5, 5), (6, 5)])
def test_quote_must_start_before_it_ends(article, start, end):
    assert refused(lambda: make_quote(article, start=start, end=end))


@pytest.mark.parametrize("confidence", [-0.01, 1.01])
def test_confidence_outside_zero_to_one_is_refused(article, confidence):
    assert refused(lambda: make_quote(article, confidence=confidence))


@pytest.mark.parametrize("confidence", [0.0, 1.0])
def test_confidence_bounds_are_allowed(article, confidence):
    make_quote(article, confidence=confidence)


def test_quote_cannot_have_a_person_and_an_organisation_as_speaker(article):
    person = Person.objects.create(name="Jane Doe", slug="jane-doe")
    organisation = Organisation.objects.create(name="Example Institute", slug="example-institute")
    assert refused(lambda: make_quote(article, speaker_person=person, speaker_organisation=organisation))
    make_quote(article, speaker_person=person, organisation=organisation, role="director")


def test_quote_may_have_no_speaker(article):
    assert make_quote(article).speaker is None


def test_negative_offsets_are_refused(article):
    assert refused(lambda: make_quote(article, start=-1))


def test_article_content_hash_is_unique(article):
    assert refused(lambda: Article.objects.create(body="other text", content_hash=article.content_hash))


def test_article_url_is_unique_only_when_present(db):
    Article.objects.create(body="a", content_hash="a" * 64)
    Article.objects.create(body="b", content_hash="b" * 64)
    Article.objects.create(body="c", content_hash="c" * 64, url="https://example.com/x")
    assert refused(
        lambda: Article.objects.create(body="d", content_hash="d" * 64, url="https://example.com/x")
    )


def test_publication_domain_is_unique_only_when_present(db):
    Publication.objects.create(name="A")
    Publication.objects.create(name="B")
    Publication.objects.create(name="C", domain="c.example")
    assert refused(lambda: Publication.objects.create(name="D", domain="c.example"))
    assert refused(lambda: Publication.objects.create(name="A"))


def test_slugs_are_unique(db):
    Person.objects.create(name="Jane Doe", slug="jane-doe")
    assert refused(lambda: Person.objects.create(name="Jane  Doe", slug="jane-doe"))
    Organisation.objects.create(name="X", slug="x")
    assert refused(lambda: Organisation.objects.create(name="X", slug="x"))


def test_affiliation_is_unique_per_person_organisation_and_role(db):
    person = Person.objects.create(name="Jane Doe", slug="jane-doe")
    organisation = Organisation.objects.create(name="Example Institute", slug="example-institute")
    Affiliation.objects.create(person=person, organisation=organisation, role="director")
    Affiliation.objects.create(person=person, organisation=organisation, role="fellow")
    assert refused(
        lambda: Affiliation.objects.create(person=person, organisation=organisation, role="director")
    )


def test_person_alias_is_unique_per_person_ignoring_case(db):
    person = Person.objects.create(name="Alexander Gabuev", slug="alexander-gabuev")
    PersonAlias.objects.create(person=person, name="Mr Gabuev")
    assert refused(lambda: PersonAlias.objects.create(person=person, name="mr gabuev"))
    other = Person.objects.create(name="Anna Gabuev", slug="anna-gabuev")
    PersonAlias.objects.create(person=other, name="Gabuev")
    PersonAlias.objects.create(person=person, name="Gabuev")
