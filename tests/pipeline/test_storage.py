"""The storage rules, stated with hand-built candidates so each rule is pinned independently of the NLP."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article, Publication
from quotes import storage
from quotes.extraction import CandidateQuote
from quotes.models import (
    Affiliation,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    PersonKind,
    Quote,
    QuoteStatus,
)
from quotes.storage import guess_organisation_kind, store_article

from .conftest import article_input, extraction_of, organisation, person, quote_of

pytestmark = pytest.mark.django_db

BODY = (
    "Pact signed in Moscow\n"
    "“It is a real breakthrough,” said Alexander Gabuev, director of the Carnegie Russia Eurasia Centre.\n"
    "Mr Gabuev added that the deal fell short of a defence pact.\n"
    "The Kremlin said the talks were constructive.\n"
    "“We will see,” said an unnamed official.\n"
)
GABUEV = person(
    "Alexander Gabuev",
    role="director",
    organisation="Carnegie Russia Eurasia Centre",
    aliases=("Mr Gabuev",),
    person_kind="expert",
)
KREMLIN = organisation("Kremlin", aliases=("the Kremlin",))


def gabuev_extraction(outlet=None):
    return extraction_of(
        quote_of(BODY, "It is a real breakthrough", GABUEV),
        quote_of(BODY, "the deal fell short of a defence pact", GABUEV, kind="indirect", cue="added",
                 mention="Mr Gabuev", confidence=0.8),
        quote_of(BODY, "the talks were constructive", KREMLIN, kind="indirect", mention="The Kremlin"),
        quote_of(BODY, "We will see", None, mention=None, confidence=0.4),
        outlet=outlet,
    )  # fmt: skip


def store(body=BODY, extraction=None, *, force=False, **metadata):
    return store_article(
        article_input=article_input(body, **metadata),
        extraction=extraction if extraction is not None else gabuev_extraction(),
        force=force,
    )


def test_first_store_creates_the_article_people_organisations_and_quotations():
    result = store(title="Pact signed in Moscow")
    assert (result.articles_new, result.quotes_created) == (1, 4)
    assert (result.people_created, result.organisations_created) == (1, 2)

    article = Article.objects.get()
    assert article.extractor_version == storage.EXTRACTOR_VERSION and article.extracted_at
    gabuev = Person.objects.get(name="Alexander Gabuev")
    assert gabuev.slug == "alexander-gabuev" and gabuev.kind == PersonKind.EXPERT
    assert set(gabuev.aliases.values_list("name", flat=True)) == {"Mr Gabuev"}
    centre = Organisation.objects.get(name="Carnegie Russia Eurasia Centre")
    assert centre.kind == "think_tank"
    affiliation = Affiliation.objects.get()
    assert (affiliation.person, affiliation.organisation, affiliation.role) == (gabuev, centre, "director")
    assert affiliation.article == article

    quotes = list(article.quotes.order_by("start"))
    assert all(BODY[q.start : q.end] == q.text for q in quotes)
    first = quotes[0]
    assert (first.speaker_person, first.role, first.organisation) == (gabuev, "director", centre)
    assert (first.kind, first.cue, first.status) == ("direct", "said", QuoteStatus.PENDING)
    assert first.extractor_version == storage.EXTRACTOR_VERSION
    kremlin_quote = quotes[2]
    assert kremlin_quote.speaker_organisation.name == "Kremlin"
    assert kremlin_quote.speaker_organisation.kind == "government"
    assert kremlin_quote.speaker_person is None
    assert quotes[3].speaker is None and quotes[3].confidence == 0.4


def test_same_text_again_is_unchanged_and_touches_nothing():
    store()
    before = {q.pk: q.updated_at for q in Quote.objects.all()}
    people_before = {p.pk: p.updated_at for p in Person.objects.all()}
    result = store()
    assert result.articles_unchanged == 1 and result.quotes_created == 0
    assert {q.pk: q.updated_at for q in Quote.objects.all()} == before
    assert {p.pk: p.updated_at for p in Person.objects.all()} == people_before
    assert Article.objects.count() == 1


def test_force_with_the_same_candidates_updates_nothing():
    store()
    before = {q.pk: q.updated_at for q in Quote.objects.all()}
    result = store(force=True)
    assert (result.articles_reextracted, result.quotes_unchanged, result.quotes_created) == (1, 4, 0)
    assert {q.pk: q.updated_at for q in Quote.objects.all()} == before
    assert (Person.objects.count(), Organisation.objects.count(), Affiliation.objects.count()) == (1, 2, 1)


def curate_first_three():
    """A curator approves one quotation, rejects one, edits one; the fourth stays pending."""
    reviewer = get_user_model().objects.create_user("curator")
    approved, rejected, edited, pending = Quote.objects.order_by("start")
    approved.status = QuoteStatus.APPROVED
    approved.reviewed_by = reviewer
    approved.save()
    rejected.status = QuoteStatus.REJECTED
    rejected.save()
    edited.curated = True
    edited.text = edited.text  # the span stays; the curator fixed its speaker
    edited.speaker_organisation = None
    edited.save()
    return approved, rejected, edited, pending


def snapshot(quote: Quote) -> dict:
    quote.refresh_from_db()
    return {field.attname: getattr(quote, field.attname) for field in Quote._meta.concrete_fields}


@pytest.mark.parametrize("trigger", ["force", "new_extractor_version"])
def test_reextraction_keeps_curators_decisions(monkeypatch, trigger):
    store()
    approved, rejected, edited, pending = curate_first_three()
    kept_before = [snapshot(q) for q in (approved, rejected, edited)]

    # The new extractor finds the same spans with other details, plus a quotation inside the rejected span.
    stronger = person("Alexander Gabuev", role="director", organisation="Carnegie Russia Eurasia Centre",
                      aliases=("Mr Gabuev",))  # fmt: skip
    new_extraction = extraction_of(
        quote_of(BODY, "It is a real breakthrough", stronger, confidence=0.99),
        quote_of(BODY, "fell short of a defence pact", stronger, kind="indirect", cue="added"),
        quote_of(BODY, "the talks were constructive", stronger, kind="indirect"),
        quote_of(BODY, "We will see", stronger, confidence=0.6),
    )
    if trigger == "force":
        result = store(extraction=new_extraction, force=True)
    else:
        monkeypatch.setattr(storage, "EXTRACTOR_VERSION", "999.0.0")
        result = store(extraction=new_extraction)

    assert result.articles_reextracted == 1
    assert result.quotes_kept == 3
    assert [snapshot(q) for q in (approved, rejected, edited)] == kept_before
    # The rejected span is not offered again, not even as a slightly different span.
    assert not Quote.objects.filter(text="fell short of a defence pact").exists()
    assert Quote.objects.filter(status=QuoteStatus.REJECTED).count() == 1
    # The pending, unedited quotation took the new extraction.
    pending.refresh_from_db()
    assert pending.speaker_person.name == "Alexander Gabuev" and pending.confidence == 0.6
    assert result.quotes_updated == 1
    if trigger == "new_extractor_version":
        assert pending.extractor_version == "999.0.0"
        assert Article.objects.get().extractor_version == "999.0.0"
    assert Quote.objects.count() == 4


def test_reextraction_removes_pending_quotations_no_longer_found_and_adds_new_ones():
    store()
    approved, *_ = curate_first_three()
    result = store(
        extraction=extraction_of(
            quote_of(BODY, "Pact signed in Moscow", None, kind="direct", cue=None, confidence=0.3)
        ),
        force=True,
    )
    assert (result.quotes_created, result.quotes_removed, result.quotes_kept) == (1, 1, 3)
    assert not Quote.objects.filter(text="We will see").exists()
    assert Quote.objects.filter(text="Pact signed in Moscow", status=QuoteStatus.PENDING).exists()
    assert Quote.objects.filter(pk=approved.pk, status=QuoteStatus.APPROVED).exists()


def test_new_extractor_version_alone_triggers_reextraction(monkeypatch):
    store()
    monkeypatch.setattr(storage, "EXTRACTOR_VERSION", "999.0.0")
    assert not storage.is_unchanged(article_input=article_input(BODY))
    assert store().articles_reextracted == 1
    assert storage.is_unchanged(article_input=article_input(BODY))


def test_curated_person_and_organisation_are_never_overwritten():
    curated = Person.objects.create(name="Alexander Gabuev", slug="gabuev", kind="other", curated=True)
    centre = Organisation.objects.create(
        name="Carnegie Russia Eurasia Centre", slug="crec", kind="ngo", curated=True
    )
    store()
    curated.refresh_from_db()
    centre.refresh_from_db()
    assert (curated.name, curated.kind) == ("Alexander Gabuev", "other")
    assert (centre.name, centre.kind) == ("Carnegie Russia Eurasia Centre", "ngo")
    assert Person.objects.count() == 1
    assert Quote.objects.filter(speaker_person=curated).count() == 2


def test_uncurated_person_of_unknown_kind_learns_it():
    other = Person.objects.create(name="Alexander Gabuev", slug="alexander-gabuev", kind="other")
    store()
    other.refresh_from_db()
    assert other.kind == "expert"


# Resolution across articles

OTHER_BODY = "Gabuev said the sanctions were biting.\n“Time is on our side,” Gabuev said.\n"


def test_bare_surname_links_to_the_only_person_with_it():
    store()
    result = store(
        OTHER_BODY,
        extraction_of(quote_of(OTHER_BODY, "the sanctions were biting", person("Gabuev"), kind="indirect")),
    )
    assert result.people_created == 0
    assert Quote.objects.get(text="the sanctions were biting").speaker_person.name == "Alexander Gabuev"


def test_full_name_or_alias_resolves_case_insensitively():
    store()
    body = "“No,” said ALEXANDER GABUEV.\n“Yes,” said Mr Gabuev.\n"
    store(
        body,
        extraction_of(
            quote_of(body, "No", person("ALEXANDER GABUEV")),
            quote_of(body, "Yes", person("mr gabuev"), confidence=0.5),
        ),
    )
    assert Person.objects.count() == 1
    assert Quote.objects.filter(speaker_person__name="Alexander Gabuev").count() == 4


def test_two_people_with_one_surname_are_never_merged():
    first = "“We must act,” said John Smith, a senator.\n"
    second = "“We must wait,” said Jane Smith, an economist.\n"
    store(first, extraction_of(quote_of(first, "We must act", person("John Smith", person_kind="official"))))
    store(second, extraction_of(quote_of(second, "We must wait", person("Jane Smith"))))
    assert set(Person.objects.values_list("name", flat=True)) == {"John Smith", "Jane Smith"}

    # A later article that only says "Smith" cannot tell them apart: the speaker is left to curators.
    third = "“Not now,” Smith said.\n"
    result = store(third, extraction_of(quote_of(third, "Not now", person("Smith"))))
    assert result.people_created == 0
    quote = Quote.objects.get(text="Not now")
    assert quote.speaker_person is None and quote.speaker_mention == "Smith"
    assert Person.objects.count() == 2


def test_organisation_stated_in_the_article_tells_same_surnames_apart():
    for name, org in [("John Smith", "Senate"), ("Jane Smith", "Brookings Institution")]:
        body = f"“Quote by {name},” said {name} of the {org}.\n"
        store(body, extraction_of(quote_of(body, f"Quote by {name}", person(name, organisation=org))))
    body = "“Later,” said Smith of the Brookings Institution.\n"
    store(body, extraction_of(quote_of(body, "Later", person("Smith", organisation="Brookings Institution"))))
    assert Quote.objects.get(text="Later").speaker_person.name == "Jane Smith"


def test_new_namesake_gets_a_numbered_slug():
    Person.objects.create(name="Alexander Gabuev", slug="alexander-gabuev", curated=True)
    PersonAlias.objects.create(person=Person.objects.get(), name="Alexander Gabuev")
    # A second, distinct "Alexander Gabuev" made by a curator: the name is now ambiguous.
    Person.objects.create(name="Alexander Gabuev", slug="alexander-gabuev-2", curated=True)
    result = store()
    assert result.people_created == 0
    assert Quote.objects.filter(text="It is a real breakthrough", speaker_person__isnull=True).exists()

    assert storage.unique_slug(Person, "Alexander Gabuev", fallback="person") == "alexander-gabuev-3"


def test_organisation_alias_resolves_and_is_recorded():
    store()
    assert OrganisationAlias.objects.filter(name="Kremlin").count() == 0  # "the Kremlin" is the name itself
    body = "Moscow said it would reply.\n"
    kremlin = organisation("the Kremlin", aliases=("Moscow",))
    store(body, extraction_of(quote_of(body, "it would reply", kremlin, kind="indirect")))
    assert Organisation.objects.filter(name__iexact="kremlin").count() == 1
    assert OrganisationAlias.objects.filter(name="Moscow", organisation__name="Kremlin").exists()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Carnegie Endowment for International Peace", "think_tank"),
        ("James Martin Center for Nonproliferation Research", "think_tank"),
        ("Royal United Services Institute", "think_tank"),
        ("Russian Foreign Ministry", "government"),
        ("Kremlin", "government"),
        ("International Atomic Energy Agency", "government"),
        ("Harvard University", "university"),
        ("Sky News", "media"),
        ("Amnesty International", "ngo"),
        ("Gazprom", "company"),
        ("Hamas", "other"),
        # what the extractor knows of a body's people by its name: its staff are officials, it
        # reports, or it studies
        ("Internal Revenue Service", "government"),
        ("House Budget Committee", "government"),
        ("IMF", "government"),
        ("EU", "government"),
        ("Daily Ledger", "media"),
        ("Marlow Review", "media"),
        ("Lakeside Policy Forum", "think_tank"),
        ("Harwick Action Forum", "think_tank"),
        # a party or a campaign is political, no government
        ("Norland Labour Party", "other"),
        ("Okafor campaign", "other"),
    ],
)
def test_organisation_kind_is_guessed_from_the_name(name, kind):
    assert guess_organisation_kind(name) == kind


# Publications


def test_publication_from_metadata_else_the_outlet_the_text_names():
    store(publication_name="Financial Times", publication_domain="ft.com")
    assert Article.objects.get().publication.name == "Financial Times"

    body = "“We talk,” he told Sky News.\n"
    store(body, extraction_of(quote_of(body, "We talk", None), outlet="Sky News"))
    assert Article.objects.get(body=body).publication.name == "Sky News"

    bare = "“Nothing,” she said.\n"
    store(bare, extraction_of(quote_of(bare, "Nothing", None)))
    assert Article.objects.get(body=bare).publication is None
    assert Publication.objects.count() == 2


def test_reextract_article_uses_the_same_rules(nlp):
    store()
    approved, *_ = curate_first_three()
    article = Article.objects.get()
    result = storage.reextract_article(article=article, nlp=nlp)
    assert result.articles_reextracted == 1 and result.quotes_kept == 3
    assert Quote.objects.filter(status=QuoteStatus.REJECTED).count() == 1
    assert Quote.objects.filter(pk=approved.pk, status=QuoteStatus.APPROVED).exists()


def test_new_text_at_a_known_url_updates_the_article_and_moves_kept_quotations():
    url = "https://example.com/news/pact"
    store(url=url)
    approved = Quote.objects.get(text="It is a real breakthrough")
    approved.status = QuoteStatus.APPROVED
    approved.save()

    revised = "Update: the pact was ratified on Monday.\n" + BODY
    result = store(revised, gabuev_extraction_for(revised), url=url)
    assert result.articles_reextracted == 1 and result.articles_new == 0
    article = Article.objects.get()
    assert article.body == revised
    approved.refresh_from_db()
    assert approved.status == QuoteStatus.APPROVED
    assert revised[approved.start : approved.end] == approved.text
    assert all(revised[q.start : q.end] == q.text for q in article.quotes.all())
    assert article.quotes.count() == 4


def gabuev_extraction_for(body):
    return extraction_of(
        *[
            quote_of(body, q.text, q.speaker, kind=q.kind, cue=q.cue, mention=q.speaker_mention)
            for q in gabuev_extraction().quotes
        ]
    )


def test_candidates_whose_offsets_miss_their_text_are_not_stored():
    good = quote_of(BODY, "It is a real breakthrough", GABUEV)
    shifted = CandidateQuote(**{**vars(good), "start": good.start + 1, "end": good.end + 1})
    store(extraction=extraction_of(shifted))
    assert Quote.objects.count() == 0


def _article_of_many_speakers(count: int) -> tuple[str, list]:
    lines = [f"“Line {n} of the story,” said Expert Number{n} of the Institute {n}." for n in range(count)]
    body = "\n".join(lines) + "\n"
    quotes = [
        quote_of(
            body,
            f"Line {n} of the story",
            person(f"Expert Number{n}", role="analyst", organisation=f"Institute {n}"),
        )
        for n in range(count)
    ]
    return body, quotes


@pytest.mark.parametrize("count", [2, 12])
def test_known_speakers_are_resolved_in_a_flat_number_of_queries(db, count, django_assert_max_num_queries):
    body, quotes = _article_of_many_speakers(count)
    store_article(
        article_input=article_input(body, source_name="first.txt"), extraction=extraction_of(*quotes)
    )
    assert Person.objects.count() == count and Affiliation.objects.count() == count
    # The same people and organisations again, in another article: found, not created, in the same number
    # of queries whatever their number (grouping into statements reads the fingerprint index, writes the
    # new statements and fingerprints and refreshes the statements; a text long enough to judge copies
    # looks up and writes its signature: a few more, as flat).
    again = body.replace("story", "tale")
    quotes = [quote_of(again, q.text.replace("story", "tale"), q.speaker) for q in quotes]
    with django_assert_max_num_queries(18):
        store_article(
            article_input=article_input(again, source_name="second.txt"), extraction=extraction_of(*quotes)
        )
    assert Person.objects.count() == count and Affiliation.objects.count() == count
    assert Quote.objects.filter(speaker_person__isnull=False).count() == 2 * count


def test_a_name_the_article_teaches_as_an_alias_finds_that_person_later_in_it(db):
    body = "“First,” said Alexander Gabuev, also known as Sasha Gabuev.\n“Second,” said Sasha Gabuev.\n"
    full = person("Alexander Gabuev", aliases=("Sasha Gabuev",))
    short = person("Sasha Gabuev")
    store_article(
        article_input=article_input(body),
        extraction=extraction_of(quote_of(body, "First", full), quote_of(body, "Second", short)),
    )
    assert Person.objects.count() == 1
    assert set(Quote.objects.values_list("speaker_person__name", flat=True)) == {"Alexander Gabuev"}


def test_an_affiliation_the_article_teaches_tells_namesakes_apart_later_in_it(db):
    first = Person.objects.create(name="John Smith", slug="john-smith")
    second = Person.objects.create(name="John Smith", slug="john-smith-2")
    body = "“One,” said John Smith, a fellow at Chatham House.\n“Two,” said John Smith of Chatham House.\n"
    chatham = Organisation.objects.create(name="Chatham House", slug="chatham-house")
    Affiliation.objects.create(person=second, organisation=chatham, role="director")
    quotes = (
        quote_of(body, "One", person("John Smith", role="fellow", organisation="Chatham House")),
        quote_of(body, "Two", person("John Smith", role="", organisation="Chatham House")),
    )
    store_article(article_input=article_input(body), extraction=extraction_of(*quotes))
    assert set(Quote.objects.values_list("speaker_person", flat=True)) == {second.pk}
    assert first.affiliations.count() == 0
    assert set(second.affiliations.values_list("role", flat=True)) == {"director", "fellow", ""}
