"""Limits on the public site, API and exports: query length, page depth, export size, per-client rate
limits; error pages without stack traces; nothing of the admin shown to anonymous visitors."""

import csv
import io
import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PUBLIC_LISTINGS = ["/", "/api/quotes/", "/api/people/", "/export/quotes.csv", "/export/quotes.json"]


def streamed(response) -> str:
    return b"".join(response.streaming_content).decode()


# -- query length ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/api/quotes/", "/export/quotes.csv", "/export/quotes.json"])
def test_a_query_longer_than_the_cap_is_refused_with_a_clear_400(client, published, settings, path):
    settings.QUOTES_QUERY_MAX_CHARS = 200
    response = client.get(path, {"q": "sanctions " * 21})
    assert response.status_code == 400
    body = response.content.decode()
    assert "at most 200 characters" in body
    assert "Traceback" not in body


def test_a_query_at_the_cap_is_searched(client, published, settings):
    settings.QUOTES_QUERY_MAX_CHARS = 200
    query = ("sanctions " * 20)[:200]
    response = client.get("/api/quotes/", {"q": query})
    assert response.status_code == 200
    assert response.json()["results"]


def test_the_search_box_tells_the_browser_the_cap(client, published, settings):
    settings.QUOTES_QUERY_MAX_CHARS = 150
    assert 'maxlength="150"' in client.get("/").content.decode()


# -- page depth --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_path", ["/", "/people/alexander-gabuev/", "/organisations/kremlin/"])
def test_a_page_past_the_deepest_is_refused_with_a_clear_400(client, published, settings, page_path):
    settings.QUOTES_MAX_PAGE = 50
    response = client.get(page_path, {"page": "51"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "page: at most 50" in body
    assert "cursor" in body


@pytest.mark.parametrize("page_path", ["/", "/people/alexander-gabuev/", "/organisations/kremlin/"])
def test_the_deepest_page_is_served(client, published, settings, page_path):
    settings.QUOTES_MAX_PAGE = 50
    assert client.get(page_path, {"page": "50"}).status_code == 200


# -- export size -------------------------------------------------------------------------------------


def test_a_csv_export_holds_at_most_the_cap_and_says_so(client, published, settings):
    settings.QUOTES_EXPORT_MAX_ROWS = 2
    response = client.get("/export/quotes.csv")
    assert response.status_code == 200
    assert response["X-Export-Max-Rows"] == "2"
    rows = list(csv.reader(io.StringIO(streamed(response))))
    assert len(rows) == 1 + 2  # the header and two of the three quotations


def test_a_json_export_holds_at_most_the_cap(client, published, settings):
    settings.QUOTES_EXPORT_MAX_ROWS = 2
    response = client.get("/export/quotes.json")
    assert response["X-Export-Max-Rows"] == "2"
    assert len(json.loads(streamed(response))) == 2


def test_an_export_under_the_cap_is_whole(client, published, settings):
    settings.QUOTES_EXPORT_MAX_ROWS = 100
    assert len(json.loads(streamed(client.get("/export/quotes.json")))) == 3


# -- rate limits --------------------------------------------------------------------------------------
# Per-day rates, so a window boundary cannot fall between the requests of a test.


@pytest.mark.parametrize("path", ["/", "/api/quotes/", "/people/alexander-gabuev/"])
def test_a_client_over_the_public_rate_gets_429_with_a_short_message(client, published, settings, path):
    settings.QUOTES_RATE_LIMIT = "3/d"
    for _ in range(3):
        assert client.get(path).status_code == 200
    refused = client.get(path)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    body = refused.content.decode()
    assert "Too many requests" in body
    assert "Traceback" not in body
    if path.startswith("/api/"):
        assert refused.json() == {
            "error": "Too many requests from your address; wait a minute and try again."
        }


def test_the_limit_counts_each_address_on_its_own(published, settings):
    settings.QUOTES_RATE_LIMIT = "2/d"
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert [first.get("/api/quotes/").status_code for _ in range(3)] == [200, 200, 429]
    assert second.get("/api/quotes/").status_code == 200


def test_search_api_and_exports_share_one_budget(client, published, settings):
    settings.QUOTES_RATE_LIMIT = "3/d"
    settings.QUOTES_EXPORT_RATE_LIMIT = "100/d"
    assert client.get("/").status_code == 200
    assert client.get("/api/quotes/").status_code == 200
    assert client.get("/export/quotes.csv").status_code == 200
    assert client.get("/export/quotes.json").status_code == 429


@pytest.mark.parametrize(
    ("setting", "first", "second"),
    [
        ("QUOTES_EXPORT_RATE_LIMIT", "/export/quotes.csv", "/export/quotes.json"),
        ("QUOTES_COUNT_RATE_LIMIT", "/counts/", "/api/counts/"),
    ],
)
def test_exports_and_counting_every_match_have_a_smaller_budget_of_their_own(
    client, published, settings, setting, first, second
):
    settings.QUOTES_RATE_LIMIT = "100/d"
    setattr(settings, setting, "1/d")
    assert client.get(first).status_code == 200
    refused = client.get(second)
    assert refused.status_code == 429
    assert "Too many requests" in refused.json()["error"]
    assert client.get(first).status_code == 429
    assert client.get("/api/quotes/").status_code == 200
    assert client.get("/").status_code == 200


def test_an_empty_rate_turns_the_limit_off(client, published, settings):
    settings.QUOTES_RATE_LIMIT = ""
    assert {client.get("/api/people/").status_code for _ in range(30)} == {200}


# -- error pages ----------------------------------------------------------------------------------------


def test_an_unknown_address_gets_the_sites_404_page(client, published):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Not found" in body
    assert "Traceback" not in body and "urlpatterns" not in body


def test_a_missing_person_gets_the_sites_404_page(client, published):
    response = client.get("/people/nobody-at-all/")
    assert response.status_code == 404
    assert "Not found" in response.content.decode()


@pytest.mark.urls("tests.reliability.urls")
def test_a_server_error_shows_no_stack_trace(published, settings):
    settings.DEBUG = False
    visitor = Client(raise_request_exception=False)
    response = visitor.get("/failing/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    for leak in ("Traceback", "RuntimeError", "SELECT secret", "failing_view"):
        assert leak not in body


def test_a_bad_host_header_gets_400_without_details(client, published, settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()


# -- anonymous visitors -----------------------------------------------------------------------------------


def public_pages(published) -> list[str]:
    return [
        "/",
        "/?q=sanctions",
        f"/people/{published['person'].slug}/",
        f"/organisations/{published['organisation'].slug}/",
        f"/articles/{published['article'].pk}/",
        "/no/such/page/",
    ]


def test_public_pages_show_anonymous_visitors_no_admin_link(client, published):
    for path in public_pages(published):
        body = client.get(path).content.decode()
        assert "/admin" not in body, path
        assert "csrfmiddlewaretoken" not in body, path


def test_the_api_and_exports_name_no_admin_address(client, published):
    for path in PUBLIC_LISTINGS[1:]:
        response = client.get(path)
        content = streamed(response) if response.streaming else response.content.decode()
        assert "/admin" not in content, path
