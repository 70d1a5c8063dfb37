"""The JSON API: the shape of a quotation, cursor paging in a stable order, people and organisations."""

import datetime

import pytest

from quotes.models import Person, Quote


def all_pages(client, url, params) -> list[dict]:
    """Follow the ``next`` links from the first page to the last."""
    response = client.get(url, params)
    rows = []
    for _page in range(100):  # a cursor that never advances fails here instead of looping
        assert response.status_code == 200
        data = response.json()
        rows += data["results"]
        if data["next"] is None:
            return rows
        assert data["next"].startswith("http://testserver/")
        response = client.get(data["next"])
    raise AssertionError("the next links never ended")


def test_quote_shape(client, corpus):
    q = corpus.quotes
    data = client.get("/api/quotes/", {"q": "moscow"}).json()
    assert data["next"] is None
    assert data["results"] == [
        {
            "id": q["biting"].pk,
            "text": "The sanctions are biting harder than Moscow admits",
            "kind": "direct",
            "status": "approved",
            "speaker": {
                "type": "person",
                "name": "Alexander Gabuev",
                "slug": "alexander-gabuev",
                "kind": "expert",
            },
            "speaker_mention": "",
            "role": "director",
            "organisation": {"name": "Carnegie Russia Eurasia Centre", "slug": "carnegie-russia-eurasia"},
            "article": {
                "id": corpus.articles["sanctions"].pk,
                "title": "Sanctions bite as winter nears",
                "url": "https://www.ft.com/content/sanctions-bite",
                "publication": "Financial Times",
                "published_at": "2024-03-01",
                "source": "sanctions.html",
            },
            "start": q["biting"].start,
            "end": q["biting"].end,
            "url": f"http://testserver/articles/{corpus.articles['sanctions'].pk}/#q{q['biting'].pk}",
            # A statement of its own: its first report is this quotation.
            "statement_id": q["biting"].statement_id,
            "statement_report_count": 1,
            "statement_first_report": {
                "quote_id": q["biting"].pk,
                "article_id": corpus.articles["sanctions"].pk,
                "outlet": "Financial Times",
                "published": "2024-03-01",
            },
        }
    ]
    kremlin = client.get("/api/quotes/", {"organisation": "kremlin"}).json()["results"][0]
    assert kremlin["speaker"] == {
        "type": "organisation",
        "name": "Kremlin",
        "slug": "kremlin",
        "kind": "government",
    }
    unnamed = client.get("/api/quotes/", {"q": "reviewed"}).json()["results"][0]
    assert unnamed["speaker"] is None and unnamed["status"] == "pending"


@pytest.fixture
def many_quotes(corpus):
    """Sixty more quotations over four dates (ties in the order), some sharing words with others."""
    article = corpus.articles["sanctions"]
    extra = []
    for number in range(60):
        article_for_date = article
        if number % 4:
            article_for_date, _ = article.__class__.objects.get_or_create(
                content_hash=f"{number % 4:064d}",
                defaults={
                    "title": f"Day {number % 4}",
                    "body": "filler " * 200,
                    "published_at": datetime.date(2022, 1, number % 4),
                },
            )
        extra.append(
            Quote.objects.create(
                article=article_for_date,
                text=("embargo " * (1 + number % 3)) + f"item{number}",
                kind="direct",
                start=number * 3,
                end=number * 3 + 2,
                speaker_person=corpus.people["smith"],
            )
        )
    return extra


@pytest.mark.parametrize(
    "params", [{}, {"q": "embargo"}, {"q": "embargo", "sort": "newest"}, {"kind": "direct"}]
)
def test_cursor_pages_cover_every_result_once_in_order(client, many_quotes, params):
    whole = client.get("/api/quotes/", {**params, "limit": 500}).json()
    assert whole["next"] is None
    paged = all_pages(client, "/api/quotes/", {**params, "limit": 7})
    assert [row["id"] for row in paged] == [row["id"] for row in whole["results"]]
    assert len({row["id"] for row in paged}) == len(paged) > 7


def test_cursor_is_opaque_and_checked(client, many_quotes):
    first = client.get("/api/quotes/", {"q": "embargo", "limit": 5}).json()
    cursor = first["next"].split("cursor=")[1]
    assert "embargo" not in cursor
    for params in (
        {"cursor": "not-a-cursor"},
        {"cursor": cursor, "q": "embargo", "sort": "newest"},  # another order's cursor
        {"cursor": "W10"},  # an empty list
        {"limit": "0"},
        {"limit": "many"},
        {"kind": "sung"},
    ):
        response = client.get("/api/quotes/", params)
        assert response.status_code == 400
        assert "error" in response.json() and "\n" not in response.json()["error"]


def test_people_and_organisations(client, corpus):
    people = client.get("/api/people/").json()
    assert people["next"] is None
    assert [person["slug"] for person in people["results"]] == ["alexander-gabuev", "jane-smith"]
    gabuev = people["results"][0]
    assert gabuev == {
        "name": "Alexander Gabuev",
        "slug": "alexander-gabuev",
        "kind": "expert",
        "description": "",
        "quote_count": 2,
        "affiliations": [
            {
                "organisation": "Carnegie Russia Eurasia Centre",
                "organisation_slug": "carnegie-russia-eurasia",
                "role": "director",
            }
        ],
        "url": "http://testserver/people/alexander-gabuev/",
    }
    # Jane Smith's rejected quotation is not counted.
    assert people["results"][1]["quote_count"] == 1
    assert [p["slug"] for p in client.get("/api/people/", {"q": "sasha"}).json()["results"]] == [
        "alexander-gabuev"
    ]
    organisations = client.get("/api/organisations/").json()["results"]
    by_slug = {organisation["slug"]: organisation for organisation in organisations}
    assert set(by_slug) == {"carnegie-russia-eurasia", "hm-treasury", "kremlin"}
    assert by_slug["carnegie-russia-eurasia"]["parent"] == {
        "name": "Carnegie Endowment for International Peace",
        "slug": "carnegie-endowment",
    }
    assert by_slug["kremlin"]["quote_count"] == 1


def test_people_are_cursor_paged_by_name(client, corpus):
    article = corpus.articles["oil"]
    for number in range(12):
        person = Person.objects.create(name=f"Person {number:02d}", slug=f"person-{number:02d}")
        Quote.objects.create(
            article=article,
            text="x",
            kind="direct",
            start=200 + number,
            end=201 + number,
            speaker_person=person,
        )
    names = [person["name"] for person in all_pages(client, "/api/people/", {"limit": 5})]
    assert names == sorted(names) and len(names) == 14


def test_api_query_count_is_flat(client, many_quotes, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        client.get("/api/quotes/", {"limit": 50})
    with django_assert_max_num_queries(2):
        client.get("/api/people/")
