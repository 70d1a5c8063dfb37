"""Counting every match of a search (/counts/, /api/counts/): exact up to QUOTES_SEARCH_COUNTED_MATCHES,
estimates above it that say so."""

from collections import Counter

import pytest

from quotes import public
from quotes.models import Quote
from tests.public.test_topic import newsroom  # noqa: F401  (a fixture)

SEARCHES = [
    {},
    {"q": "drones"},
    {"q": "drones", "kind": "direct"},
    {"q": "drones OR sanctions", "speaker_kind": "expert", "year": "2024"},
    {"q": "topiary"},
]


def facet_value(quote: Quote, name: str):
    """The value of ``quote`` a facet counts, read from the model (not the counting code's columns)."""
    if name == "speaker_kind":
        if quote.speaker_person:
            return quote.speaker_person.kind
        return public.ORGANISATION if quote.speaker_organisation else public.UNNAMED
    if name == "person":
        return quote.speaker_person.slug if quote.speaker_person else None
    if name == "organisation":
        organisation = quote.organisation or quote.speaker_organisation
        return organisation.slug if organisation else None
    if name == "publication":
        return str(quote.article.publication_id) if quote.article.publication_id else None
    if name == "year":
        return str(quote.published_at.year) if quote.published_at else None
    return quote.kind


def expected_counts(params: dict) -> tuple[int, int, dict[str, Counter]]:
    """Quotations, statements and every facet's counts, from every match read as model instances."""
    search = public.QuoteSearch.from_params(params)
    matches = list(search.matching(ranked=False).select_related("speaker_person", "article"))
    facets = {}
    for name, _title in public.FACET_TITLES:
        counted = Counter(facet_value(quote, name) for quote in search.matching(without=name, ranked=False))
        counted.pop(None, None)
        facets[name] = counted
    return len(matches), len({quote.statement_id for quote in matches}), facets


@pytest.mark.parametrize("params", SEARCHES)
def test_counts_are_exact_up_to_the_bound(client, newsroom, settings, params):  # noqa: F811
    quotations, statements, facets = expected_counts(params)
    # Each filter's own facet is counted without it: the bound holds the most matches of them all.
    unfiltered = public.QuoteSearch.from_params({"q": params.get("q", "")}).matching().count()
    settings.QUOTES_SEARCH_COUNTED_MATCHES = max(unfiltered, 1)
    data = client.get("/api/counts/", params).json()
    assert (data["quotations"], data["statements"], data["estimated"]) == (quotations, statements, False)
    for facet in data["facets"]:
        assert facet["estimated"] is False
        shown = {item["value"]: item["count"] for item in facet["values"]}
        every = facets[facet["name"]]
        assert shown == {value: every[value] for value in shown}, facet["name"]
        # The values counted most are shown (years: the newest).
        if facet["name"] != "year":
            assert sorted(shown.values(), reverse=True) == sorted(every.values(), reverse=True)[: len(shown)]
        assert len(shown) == min(len(every), public.FACET_SIZE)
    html = client.get("/counts/", params).content.decode()
    assert f"{quotations} quotation" in html and "About" not in html and "Estimates" not in html


def test_a_filters_own_facet_is_counted_without_it(client, newsroom, settings):  # noqa: F811
    data = client.get("/api/counts/", {"q": "drones", "kind": "direct"}).json()
    kinds = {
        item["value"]: item["count"]
        for item in next(f for f in data["facets"] if f["name"] == "kind")["values"]
    }
    every = Counter(quote.kind for quote in Quote.objects.public().search("drones"))
    assert kinds == dict(every) and len(kinds) > 1
    assert data["quotations"] == every["direct"]
    # The search's own matches within the bound, the kind's without its filter not: that facet alone says
    # its counts are estimates.
    settings.QUOTES_SEARCH_COUNTED_MATCHES = every["direct"]
    data = client.get("/api/counts/", {"q": "drones", "kind": "direct"}).json()
    assert (data["quotations"], data["estimated"]) == (every["direct"], False)
    assert {facet["name"] for facet in data["facets"] if facet["estimated"]} == {"kind"}


def test_above_the_bound_the_counts_are_estimates_that_say_so(client, newsroom, settings):  # noqa: F811
    quotations, _statements, _facets = expected_counts({})
    bound = quotations // 2
    settings.QUOTES_SEARCH_COUNTED_MATCHES = bound
    data = client.get("/api/counts/").json()
    assert data["estimated"] is True and data["counted"] == bound
    assert all(facet["estimated"] for facet in data["facets"])
    # An estimate from the share of the ids the counted ones span: more than counted, two figures.
    assert data["quotations"] > bound and len(str(data["quotations"]).rstrip("0")) <= 2
    html = client.get("/counts/").content.decode()
    assert f"About {data['quotations']} quotations" in html
    assert f"the {bound} most recently added, scaled to every match" in html
    assert "(about " in html


def test_the_search_page_links_to_the_counts_when_it_counts_a_sample(client, newsroom, monkeypatch):  # noqa: F811
    html = client.get("/", {"q": "drones"}).content.decode()
    assert "Count every match" not in html
    monkeypatch.setattr(public, "RECENT_MATCHES", 2)
    html = client.get("/", {"q": "drones"}).content.decode()
    assert '<a href="/counts/?q=drones" data-counts-url="/counts/?q=drones">Count every match</a>' in html
    assert '<a href="/counts/?q=drones">count every match</a>' in html


@pytest.mark.parametrize("path", ["/counts/", "/api/counts/"])
def test_a_bad_search_is_refused_in_one_line(client, db, path):
    response = client.get(path, {"q": "x" * 1000})
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert "q" in response.json()["error"]
    else:
        assert "cannot be used" in response.content.decode()
