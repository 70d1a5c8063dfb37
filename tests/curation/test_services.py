"""The curation service functions: review, curate, merge."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower

from quotes.curation import curate_quote, merge_organisations, merge_people, review_quotes, validate_span
from quotes.models import Affiliation, Organisation, OrganisationAlias, Person, PersonAlias, Quote

from .conftest import quote_at


def test_review_records_status_reviewer_and_time(newsroom, curator):
    pending = Quote.objects.filter(status="pending")
    assert review_quotes(quotes=pending, status="approved", user=curator) == 2
    for quote in Quote.objects.filter(pk__in=[newsroom["quotes"]["jane"].pk, newsroom["quotes"]["plus"].pk]):
        assert quote.status == "approved"
        assert quote.reviewed_by == curator
        assert quote.reviewed_at is not None
        assert not quote.curated  # a review is not an edit


def test_review_refuses_an_unknown_status(newsroom, curator):
    with pytest.raises(ValueError):
        review_quotes(quotes=Quote.objects.all(), status="maybe", user=curator)


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "indirect"), ("role", "chair"), ("start", 2), ("speaker_person", None)],
)
def test_editing_a_curated_field_marks_the_quote_curated(newsroom, curator, field, value):
    quote = newsroom["quotes"]["jane"]
    setattr(quote, field, value)
    curate_quote(quote=quote, changed_fields=[field], user=curator)
    quote.refresh_from_db()
    assert quote.curated
    assert quote.reviewed_by == curator and quote.reviewed_at is not None
    assert quote.text == quote.article.body[quote.start : quote.end]


def test_changing_only_the_status_is_a_review_not_a_curation(newsroom, curator):
    quote = newsroom["quotes"]["jane"]
    quote.status = "rejected"
    curate_quote(quote=quote, changed_fields=["status"], user=curator)
    quote.refresh_from_db()
    assert quote.status == "rejected" and not quote.curated and quote.reviewed_by == curator


def test_saving_nothing_changed_records_nothing(newsroom, curator):
    quote = newsroom["quotes"]["jane"]
    curate_quote(quote=quote, changed_fields=[], user=curator)
    quote.refresh_from_db()
    assert not quote.curated and quote.reviewed_by is None


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (6, 5), (0, 10_000)])
def test_invalid_spans_are_refused(newsroom, start, end):
    article = newsroom["articles"][0]
    with pytest.raises(ValidationError):
        validate_span(article=article, start=start, end=end)


def test_span_at_the_very_end_of_the_body_is_allowed(newsroom):
    article = newsroom["articles"][0]
    length = len(article.body)
    assert validate_span(article=article, start=length - 3, end=length) == article.body[-3:]


def resolves(model, alias_model, owner: str, name: str):
    """How extraction resolves a name: the record by name, else by alias, ignoring case."""
    by_name = model.objects.annotate(lower=Lower("name")).filter(lower=name.lower())
    if by_name.exists():
        return by_name.get()
    alias = alias_model.objects.annotate(lower=Lower("name")).filter(lower=name.lower()).get()
    return getattr(alias, owner)


def test_merge_people_moves_quotes_affiliations_and_aliases(newsroom):
    jane, john = newsroom["people"]["jane"], newsroom["people"]["john"]
    institute = newsroom["organisations"]["institute"]
    duplicate = Person.objects.create(name="J. Doe", slug="j-doe")
    PersonAlias.objects.create(person=duplicate, name="Doe")
    PersonAlias.objects.create(person=duplicate, name="dr doe")  # jane has it already, in other case
    # The same (organisation, role) as jane's: moving it would break the unique constraint.
    Affiliation.objects.create(person=duplicate, organisation=institute, role="director")
    Affiliation.objects.create(person=duplicate, organisation=institute, role="fellow")
    quote = quote_at(newsroom["articles"][0], "Officials disagreed", speaker_person=duplicate)

    result = merge_people(keep=jane, others=[duplicate, jane])

    assert not Person.objects.filter(pk=duplicate.pk).exists()
    quote.refresh_from_db()
    assert quote.speaker_person == jane
    assert sorted(jane.affiliations.values_list("role", flat=True)) == ["director", "fellow"]
    assert result.affiliations_moved == 1 and result.affiliations_dropped == 1
    assert sorted(jane.aliases.values_list("name", flat=True)) == ["Doe", "Dr Doe", "J. Doe"]
    for name in ["J. Doe", "doe", "DR DOE", "Jane Doe"]:
        assert resolves(Person, PersonAlias, "person", name) == jane
    jane.refresh_from_db()
    assert jane.curated
    assert Person.objects.get(pk=john.pk)  # untouched


def test_merge_people_moves_two_duplicates_with_the_same_affiliation_once(newsroom):
    mary = newsroom["people"]["mary"]
    institute = newsroom["organisations"]["institute"]
    first = Person.objects.create(name="M. Major", slug="m-major")
    second = Person.objects.create(name="Mary  Major", slug="mary-major-2")
    for person in (first, second):
        Affiliation.objects.create(person=person, organisation=institute, role="fellow")
    merge_people(keep=mary, others=[first, second])
    assert list(mary.affiliations.filter(organisation=institute).values_list("role", flat=True)) == ["fellow"]


def test_merge_keeps_the_source_article_of_a_dropped_duplicate_affiliation(newsroom):
    mary = newsroom["people"]["mary"]
    centre = newsroom["organisations"]["centre"]
    article = newsroom["articles"][1]
    duplicate = Person.objects.create(name="M. Major", slug="m-major")
    Affiliation.objects.create(person=duplicate, organisation=centre, role="", article=article)
    merge_people(keep=mary, others=[duplicate])
    assert Affiliation.objects.get(person=mary, organisation=centre, role="").article == article


def test_merge_needs_another_record(newsroom):
    jane = newsroom["people"]["jane"]
    with pytest.raises(ValidationError):
        merge_people(keep=jane, others=[jane])


def test_merge_organisations_moves_everything_and_reparents_children(newsroom):
    centre, endowment = newsroom["organisations"]["centre"], newsroom["organisations"]["endowment"]
    mary = newsroom["people"]["mary"]
    duplicate = Organisation.objects.create(name="Carnegie Endowment for International Peace", slug="ceip")
    child = Organisation.objects.create(name="Carnegie Europe", slug="carnegie-europe", parent=duplicate)
    OrganisationAlias.objects.create(organisation=duplicate, name="CEIP")
    Affiliation.objects.create(person=mary, organisation=duplicate, role="")
    Affiliation.objects.create(person=mary, organisation=endowment, role="")
    spoken = quote_at(newsroom["articles"][0], "Officials disagreed", speaker_organisation=duplicate)
    member = newsroom["quotes"]["plus"]
    member.organisation = duplicate
    member.save()

    merge_organisations(keep=endowment, others=[duplicate])

    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    spoken.refresh_from_db()
    member.refresh_from_db()
    child.refresh_from_db()
    centre.refresh_from_db()
    assert spoken.speaker_organisation == endowment
    assert member.organisation == endowment
    assert child.parent == endowment and centre.parent == endowment
    assert Affiliation.objects.filter(person=mary, organisation=endowment).count() == 1
    assert resolves(Organisation, OrganisationAlias, "organisation", "ceip") == endowment
    assert resolves(
        Organisation, OrganisationAlias, "organisation", "Carnegie Endowment for International Peace"
    ) == (endowment)


def test_merging_a_parent_into_its_child_leaves_no_cycle(newsroom):
    centre, endowment = newsroom["organisations"]["centre"], newsroom["organisations"]["endowment"]
    grandparent = Organisation.objects.create(name="Carnegie", slug="carnegie")
    endowment.parent = grandparent
    endowment.save()
    merge_organisations(keep=centre, others=[endowment])
    centre.refresh_from_db()
    assert centre.parent == grandparent


def test_merging_a_parent_and_grandparent_into_the_child_leaves_it_at_the_top(newsroom):
    centre, endowment = newsroom["organisations"]["centre"], newsroom["organisations"]["endowment"]
    grandparent = Organisation.objects.create(name="Carnegie", slug="carnegie")
    endowment.parent = grandparent
    endowment.save()
    merge_organisations(keep=centre, others=[endowment, grandparent])
    centre.refresh_from_db()
    assert centre.parent is None
