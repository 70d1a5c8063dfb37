"""The API's OpenAPI 3 document: served, complete, its docs page working offline, and every operation run
by schemathesis against a live server with the document's own parameters and response schemas."""

import re
import urllib.request

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import build_corpus

OPERATIONS = {
    "/api/quotes/",
    "/api/people/",
    "/api/organisations/",
    "/api/people/{slug}/",
    "/api/organisations/{slug}/",
    "/api/timeline/",
    "/api/topic/",
    "/api/counts/",
}


def test_the_document_describes_every_endpoint(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == OPERATIONS
    quotes = document["paths"]["/api/quotes/"]["get"]
    names = {parameter["name"] for parameter in quotes["parameters"]}
    assert names == {"q", "speaker_kind", "person", "organisation", "publication", "year", "kind"} | {
        "sort",
        "limit",
        "cursor",
    }
    assert set(quotes["responses"]) == {"200", "400", "429"}
    quote = document["components"]["schemas"]["QuoteOut"]
    # The statements' fields (#17) are declared, optional, so quotations with or without them conform.
    assert {"statement_id", "statement_report_count", "statement_first_report"} <= set(quote["properties"])
    assert "statement_id" not in quote["required"] and "id" in quote["required"]
    assert document["components"]["schemas"]["Error"]["required"] == ["error"]


def test_the_docs_page_needs_nothing_from_another_site(client, db):
    html = client.get("/api/docs/").content.decode()
    assert "/api/openapi.json" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources)
    assert "http://" not in html and "https://" not in html
    assert 'href="/api/docs/"' in client.get("/").content.decode()  # the site's "API" link


def test_errors_keep_the_sites_format(client, corpus):
    for params in ({"limit": "0"}, {"limit": "many"}, {"kind": "sung"}, {"publication": str(2**64)}):
        response = client.get("/api/quotes/", params)
        assert response.status_code == 400
        assert list(response.json()) == ["error"] and "\n" not in response.json()["error"]
    assert client.get("/api/quotes/", {"limit": "0"}).json()["error"].startswith("limit: ")
    assert client.get("/api/quotes/", {"cursor": "nonsense"}).json() == {
        "error": "cursor: not a cursor from this search; start again without it"
    }
    assert client.get("/api/people/", {"q": "a\x00b"}).status_code == 400
    assert client.get("/api/topic/", {"limit": "101"}).status_code == 400
    # An empty filter is no filter, as it always was.
    assert client.get("/api/quotes/", {"kind": "", "q": ""}).status_code == 200


# -- schemathesis on a live server ------------------------------------------------------------------------


@pytest.fixture
def api_schema(live_server, transactional_db):
    import schemathesis

    build_corpus()
    return schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")


def operations(schema):
    found = [result.ok() for result in schema.get_all_operations()]
    assert {operation.path for operation in found} == OPERATIONS
    return found


def test_schemathesis_every_answer_conforms_to_the_document(api_schema, live_server):
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    strategy = st.one_of([operation.as_strategy() for operation in operations(api_schema)])

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=strategy)
    def run(case):
        case.call_and_validate(base_url=live_server.url, checks=checks)

    run()


def test_schemathesis_invalid_parameters_are_refused_not_crashed_on(api_schema, live_server):
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import negative_data_rejection

    # The query-string operations: a path that is no slug is no route at all (Django's 404 page).
    listed = [operation for operation in operations(api_schema) if "{" not in operation.path]
    strategy = st.one_of(
        [operation.as_strategy(generation_mode=GenerationMode.NEGATIVE) for operation in listed]
    )

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=strategy)
    def run(case):
        case.call_and_validate(base_url=live_server.url, checks=[not_a_server_error, negative_data_rejection])

    run()


def test_the_live_document_and_docs_assets_are_served(live_server, transactional_db):
    with urllib.request.urlopen(f"{live_server.url}/api/docs/") as response:
        html = response.read().decode()
    for asset in re.findall(r'src="(/static/[^"]+)"', html):
        with urllib.request.urlopen(live_server.url + asset) as response:
            assert response.status == 200 and len(response.read()) > 1000


@pytest.mark.parametrize("path", ["/", "/topic/", "/export/quotes.csv", "/export/topic.csv", "/api/topic/"])
def test_a_publication_id_beyond_64_bits_is_refused(client, corpus, path):
    response = client.get(path, {"q": "sanctions", "publication": str(2**64)})
    assert response.status_code == 400
