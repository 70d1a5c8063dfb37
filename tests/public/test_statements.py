"""The public side of statements: a statement listed once with its reports, the article page marking each
quotation's statement, the statement page, the API's and the exports' statement fields, without a query
per result."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from articles.models import Article, Publication
from quotes.models import Person, Quote, Statement
from quotes.statements import refresh_statements

pytestmark = pytest.mark.django_db

WORDS = "Our fleet will stay in the harbour until the storm has passed"


def statement_in_outlets(
    outlets: list[str], *, words: str = WORDS, speaker: Person | None = None
) -> Statement:
    """One statement reported by one article in each outlet, a day apart, the first outlet earliest."""
    speaker = speaker or Person.objects.get_or_create(name="Ana Ferreira", slug="ana-ferreira")[0]
    statement = Statement.objects.create()
    for day, outlet in enumerate(outlets, start=1):
        body = f"Storm closes port\n“{words},” said Ana Ferreira, in the {outlet} report.\n"
        publication, _ = Publication.objects.get_or_create(name=outlet)
        article = Article.objects.create(
            title=f"Storm closes port ({outlet})",
            body=body,
            content_hash=f"{statement.pk}-{outlet}",
            publication=publication,
            published_at=datetime.date(2026, 2, day),
        )
        start = body.index(words)
        Quote.objects.create(
            article=article,
            statement=statement,
            text=words,
            kind="direct",
            start=start,
            end=start + len(words),
            speaker_person=speaker,
        )
    refresh_statements(statement_ids=[statement.pk])
    statement.refresh_from_db()
    return statement


def test_a_search_lists_a_statement_once_with_its_outlets_earliest_first(client):
    statement = statement_in_outlets(["Harbour Herald", "Coastal Post", "Bay Times"])
    response = client.get("/", {"q": "harbour storm"})
    page = response.context["page"]
    assert [quote.statement_id for quote in page.object_list] == [statement.pk]
    assert response.context["results"].count() == 1
    html = response.content.decode()
    assert "Reported by 3 outlets" in html
    assert "(3 reports)" in html
    listed = [report.article.publication.name for report in page.object_list[0].listed_reports]
    assert listed == ["Harbour Herald", "Coastal Post", "Bay Times"]
    assert "first: Harbour Herald" in html
    # Newest first, from the database's order, as well.
    response = client.get("/", {"sort": "newest"})
    assert [quote.statement_id for quote in response.context["page"].object_list] == [statement.pk]


def test_the_person_page_lists_a_statement_once(client):
    statement = statement_in_outlets(["Harbour Herald", "Coastal Post"])
    response = client.get("/people/ana-ferreira/")
    quotes = list(response.context["page"].object_list)
    assert [quote.pk for quote in quotes] == [statement.first_quote_id]
    assert "Reported by 2 outlets" in response.content.decode()


def test_the_article_page_marks_each_quotation_with_its_statement(client):
    statement = statement_in_outlets(["Harbour Herald", "Coastal Post"])
    other = Quote.objects.filter(statement=statement).order_by("id").last()
    html = client.get(reverse("article_detail", args=[other.article_id])).content.decode()
    assert f'href="/statements/{statement.pk}/">statement {statement.pk}</a>' in html
    assert "reported 2 times by 2 outlets" in html
    page = client.get(reverse("statement_detail", args=[statement.pk]))
    assert page.status_code == 200
    assert [quote.article.publication.name for quote in page.context["reports"]] == [
        "Harbour Herald",
        "Coastal Post",
    ]


def test_a_copy_names_its_original_on_the_article_page(client):
    statement = statement_in_outlets(["Harbour Herald", "Coastal Post"])
    original, copy = Article.objects.filter(quotes__statement=statement).order_by("id")
    Article.objects.filter(pk=copy.pk).update(copy_of=original)
    html = client.get(reverse("article_detail", args=[copy.pk])).content.decode()
    assert f'A near copy of <a href="/articles/{original.pk}/">' in html


@pytest.mark.parametrize("url", ["/", "/people/ana-ferreira/"])
def test_statements_cost_no_query_per_result(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    statement_in_outlets(["Harbour Herald", "Coastal Post"])
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"q": "harbour"} if url == "/" else {})
    for number in range(12):
        statement_in_outlets(
            ["Harbour Herald", "Coastal Post", "Bay Times"], words=f"{WORDS} number {number}"
        )
    with django_assert_max_num_queries(len(few)):
        response = client.get(url, {"q": "harbour"} if url == "/" else {})
    assert len(response.context["page"].object_list) == 13


def test_the_api_and_the_exports_give_the_statement(client):
    statement = statement_in_outlets(["Harbour Herald", "Coastal Post", "Bay Times"])
    first = Quote.objects.get(pk=statement.first_quote_id)
    expected_first = {
        "quote_id": first.pk,
        "article_id": first.article_id,
        "outlet": "Harbour Herald",
        "published": "2026-02-01",
    }
    rows = client.get("/api/quotes/", {"q": "harbour"}).json()["results"]
    assert len(rows) == 3  # the API gives every report
    for row in rows:
        assert row["statement_id"] == statement.pk
        assert row["statement_report_count"] == 3
        assert row["statement_first_report"] == expected_first

    def exported(path, **params):
        response = client.get(path, {"q": "harbour", **params})
        assert response.status_code == 200
        return b"".join(response.streaming_content).decode()

    records = json.loads(exported("/export/quotes.json"))
    assert len(records) == 3 and {r["statement_first_report"]["quote_id"] for r in records} == {first.pk}
    assert len(json.loads(exported("/export/quotes.json", per="statement"))) == 1
    table = list(csv.DictReader(io.StringIO(exported("/export/quotes.csv"))))
    assert len(table) == 3
    assert {
        (
            r["statement_id"],
            r["statement_report_count"],
            r["statement_first_quote_id"],
            r["statement_first_outlet"],
            r["statement_first_published"],
        )
        for r in table
    } == {(str(statement.pk), "3", str(first.pk), "Harbour Herald", "2026-02-01")}
    assert len(list(csv.DictReader(io.StringIO(exported("/export/quotes.csv", per="statement"))))) == 1
    assert client.get("/export/quotes.csv", {"per": "outlet"}).status_code == 400
