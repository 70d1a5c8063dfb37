"""The public pages: search with facets and filters, people, organisations, articles."""

import re

import pytest
from django.urls import reverse

from quotes.models import Quote

from .conftest import build_corpus, quote_in


def result_ids(response) -> list[int]:
    return [quote.pk for quote in response.context["page"].object_list]


def facet(response, name):
    return {
        item.value: item.count
        for item in next(f for f in response.context["facets"] if f.name == name).values
    }


def test_search_shows_matches_with_highlights_and_attribution(client, corpus):
    q = corpus.quotes
    response = client.get("/", {"q": "sanctions"})
    assert response.status_code == 200
    assert set(result_ids(response)) == {q["biting"].pk, q["kremlin"].pk}
    html = response.content.decode()
    assert "<mark>sanctions</mark> are biting" in html
    assert f'href="{corpus.people["gabuev"].get_absolute_url()}"' in html
    assert "director" in html and "Carnegie Russia Eurasia Centre" in html
    assert "Sanctions bite as winter nears" in html and "Financial Times" in html and "1 March 2024" in html
    assert f'href="/articles/{q["biting"].article_id}/#q{q["biting"].pk}"' in html


def test_pending_quotations_are_marked_unverified(client, corpus):
    response = client.get("/", {"q": "kremlin"})
    html = response.content.decode()
    assert result_ids(response) == [corpus.quotes["kremlin"].pk]
    assert 'class="quote quote--unverified"' in html and ">Unverified</span>" in html
    approved = client.get("/", {"q": "moscow"}).content.decode()
    assert "quote--unverified" not in approved


def test_rejected_quotations_never_appear(client, corpus):
    rejected = corpus.quotes["rejected"]
    assert rejected.pk not in result_ids(client.get("/", {"q": "pointless"}))
    assert rejected.pk not in result_ids(client.get("/"))
    assert "pointless" not in client.get(reverse("person_detail", args=["jane-smith"])).content.decode()
    article_html = client.get(reverse("article_detail", args=[rejected.article_id])).content.decode()
    assert "pointless, Smith told reporters" in article_html  # the article's own text stays
    assert '<mark class="in-quote">' not in article_html and f'id="q{rejected.pk}"' not in article_html
    assert "pointless" not in client.get("/api/quotes/", {"q": "pointless"}).content.decode()


def test_approved_only_setting_hides_pending_quotations(client, corpus, settings):
    settings.QUOTES_PUBLIC_APPROVED_ONLY = True
    q = corpus.quotes
    assert set(result_ids(client.get("/"))) == {q["biting"].pk, q["cap"].pk}
    assert (
        "simply ignore"
        not in client.get(reverse("person_detail", args=["alexander-gabuev"])).content.decode()
    )
    assert [row["id"] for row in client.get("/api/quotes/").json()["results"]] == [
        q["biting"].pk,
        q["cap"].pk,
    ]


def test_without_a_query_newest_come_first(client, corpus):
    q = corpus.quotes
    assert result_ids(client.get("/")) == [
        q["kremlin"].pk,
        q["biting"].pk,
        q["script"].pk,
        q["ignore"].pk,
        q["cap"].pk,
    ]


def test_sort_by_newest_with_a_query(client, corpus):
    q = corpus.quotes
    response = client.get("/", {"q": "cap OR sanctions", "sort": "newest"})
    assert result_ids(response)[:2] == [q["kremlin"].pk, q["biting"].pk]


def test_facet_counts_and_filters(client, corpus):
    q = corpus.quotes
    response = client.get("/")
    assert facet(response, "speaker_kind") == {"expert": 2, "official": 1, "organisation": 1, "unnamed": 1}
    assert facet(response, "person") == {"alexander-gabuev": 2, "jane-smith": 1}
    assert facet(response, "organisation") == {"carnegie-russia-eurasia": 1, "kremlin": 1, "hm-treasury": 1}
    assert facet(response, "year") == {"2024": 2, "2023": 3}
    assert facet(response, "kind") == {"direct": 2, "indirect": 2, "mixed": 1}
    guardian = corpus.articles["oil"].publication_id
    assert facet(response, "publication") == {
        str(guardian): 3,
        str(corpus.articles["sanctions"].publication_id): 2,
    }

    filtered = client.get("/", {"speaker_kind": "expert"})
    assert set(result_ids(filtered)) == {q["biting"].pk, q["ignore"].pk}
    # A facet counts with the other filters, not its own: the other kinds stay available to switch to.
    assert facet(filtered, "speaker_kind")["official"] == 1
    assert facet(filtered, "kind") == {"direct": 1, "mixed": 1}
    assert set(result_ids(client.get("/", {"person": "jane-smith"}))) == {q["cap"].pk}
    assert set(result_ids(client.get("/", {"organisation": "kremlin"}))) == {q["kremlin"].pk}
    assert set(result_ids(client.get("/", {"publication": guardian, "kind": "indirect"}))) == {q["script"].pk}
    assert set(result_ids(client.get("/", {"year": 2024, "q": "economy"}))) == {q["kremlin"].pk}
    assert set(result_ids(client.get("/", {"speaker_kind": "unnamed"}))) == {q["script"].pk}


def test_facet_links_keep_the_search_and_toggle_the_value(client, corpus):
    response = client.get("/", {"q": "cap", "kind": "direct"})
    kinds = next(f for f in response.context["facets"] if f.name == "kind").values
    direct = next(item for item in kinds if item.value == "direct")
    mixed = next(item for item in kinds if item.value == "mixed")
    assert direct.selected and direct.url == "?q=cap"
    assert mixed.url == "?q=cap&kind=mixed"


def test_invalid_parameters_get_a_clear_message(client, corpus):
    response = client.get("/", {"year": "soon"})
    assert response.status_code == 400
    assert "year: Enter a whole number." in response.content.decode()


def test_search_page_links_to_exports_and_api_of_the_current_search(client, corpus):
    html = client.get("/", {"q": "cap", "kind": "direct"}).content.decode()
    for path in ("/export/quotes.csv", "/export/quotes.json", "/api/quotes/"):
        assert f'href="{path}?q=cap&amp;kind=direct"' in html


def test_quotation_markup_is_shown_as_text(client, corpus):
    for params in ({"q": "reviewed"}, {}):
        html = client.get("/", params).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    article_html = client.get(reverse("article_detail", args=[corpus.articles["oil"].pk])).content.decode()
    assert "<script>alert" not in article_html


def test_misspelt_speaker_names_are_suggested(client, corpus, django_db_blocker):
    from django.db import connection

    response = client.get("/", {"q": "gabuev"})
    assert [person.slug for person in response.context["people"]] == ["alexander-gabuev"]
    if connection.vendor == "postgresql":
        typo = client.get("/", {"q": "Gabuyev"})
        assert [person.slug for person in typo.context["people"]] == ["alexander-gabuev"]


def test_speakers_are_suggested_by_an_alias_and_organisations_by_name(client, corpus):
    response = client.get("/", {"q": "sasha"})
    assert [person.slug for person in response.context["people"]] == ["alexander-gabuev"]
    response = client.get("/", {"q": "carnegie"})
    assert {organisation.slug for organisation in response.context["organisations"]} >= {
        "carnegie-endowment",
        "carnegie-russia-eurasia",
    }


def test_person_page_groups_quotations_by_article(client, corpus):
    response = client.get(reverse("person_detail", args=["alexander-gabuev"]))
    html = response.content.decode()
    assert "<h1>Alexander Gabuev</h1>" in html
    assert 'director, <a href="/organisations/carnegie-russia-eurasia/">' in html
    sanctions = html.index("Sanctions bite as winter nears")
    oil = html.index("Oil price cap under strain")
    assert sanctions < html.index("biting harder") < oil < html.index("simply ignore")
    assert client.get(reverse("person_detail", args=["nobody"])).status_code == 404


def test_organisation_page_lists_people_and_quotations(client, corpus):
    html = client.get(reverse("organisation_detail", args=["carnegie-russia-eurasia"])).content.decode()
    assert 'Part of <a href="/organisations/carnegie-endowment/">' in html
    assert "Alexander Gabuev</a>, director" in html
    assert "biting harder" in html and "simply ignore" not in html
    kremlin = client.get(reverse("organisation_detail", args=["kremlin"])).content.decode()
    assert "failed to dent the economy" in kremlin


def test_article_page_marks_every_quotation_in_place(client, corpus):
    article = corpus.articles["oil"]
    response = client.get(reverse("article_detail", args=[article.pk]))
    html = response.content.decode()
    q = corpus.quotes
    for key in ("cap", "ignore", "script"):
        assert f'id="q{q[key].pk}"' in html
    assert re.search(r'<mark class="in-quote">The oil price cap is working as intended</mark>\s*<small', html)
    assert "Jane Smith</a>, a Treasury minister" in html
    assert html.count('<mark class="in-quote">') == 3


def test_overlapping_quotations_are_both_marked(client, corpus):
    article = corpus.articles["oil"]
    inner = quote_in(article, "China and India", kind="direct", status="approved")
    response = client.get(reverse("article_detail", args=[article.pk]))
    paragraph = next(p for p in response.context["paragraphs"] if any(inner in s.quotes for s in p))
    covered = "".join(segment.text for segment in paragraph if inner in segment.quotes)
    assert covered == "China and India"
    outer = corpus.quotes["ignore"]
    assert "".join(s.text for s in paragraph if outer in s.quotes) == outer.text


@pytest.mark.parametrize(
    ("url", "params", "limit"),
    [
        ("/", {}, 9),
        # With a query, speakers are suggested too (on PostgreSQL in a transaction: 4 queries each).
        ("/", {"q": "cap OR sanctions", "kind": "direct"}, 16),
        ("/people/alexander-gabuev/", {}, 4),
        ("/organisations/carnegie-russia-eurasia/", {}, 5),
    ],
)
def test_query_count_does_not_grow_with_results(
    client, db, django_assert_max_num_queries, url, params, limit
):
    corpus = build_corpus()
    with django_assert_max_num_queries(limit):
        client.get(url, params)
    article = corpus.articles["sanctions"]
    body = article.body
    for number in range(30):
        Quote.objects.create(
            article=article,
            text=f"sanctions cap direct {number}",
            kind="direct",
            start=number,
            end=number + 1,
            speaker_person=corpus.people["gabuev"],
            organisation=corpus.organisations["carnegie"],
        )
    assert body
    with django_assert_max_num_queries(limit):
        response = client.get(url, params)
    assert len(response.context["page"].object_list) >= 20


def test_article_page_query_count(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(reverse("article_detail", args=[corpus.articles["oil"].pk]))


def test_active_filters_are_labelled_and_removable(client, corpus):
    response = client.get("/", {"q": "cap", "person": "jane-smith", "kind": "direct"})
    html = response.content.decode()
    assert '<span class="visually-hidden">Remove filter </span>Person: Jane Smith</a>' in html
    assert 'href="?q=cap&amp;kind=direct"' in html
    assert '<input type="hidden" name="person" value="jane-smith">' in html


def test_an_untitled_article_is_named_by_its_source(client, corpus):
    html = client.get(reverse("article_detail", args=[corpus.articles["undated"].pk])).content.decode()
    assert "<h1>Undated note</h1>" in html
    corpus.articles["undated"].__class__.objects.filter(pk=corpus.articles["undated"].pk).update(title="")
    html = client.get(reverse("article_detail", args=[corpus.articles["undated"].pk])).content.decode()
    assert "<h1>note.txt</h1>" in html
