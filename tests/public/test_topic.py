"""Who speaks on a topic (page, API, CSV) and the charts of quotations per month (search, person and
organisation pages, and the numbers behind them in the API)."""

import csv
import datetime
import io
import re
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from quotes import counting, public, topics
from quotes.models import Organisation, Person, Quote

from .conftest import build_corpus


def speakers(data: dict) -> list[tuple]:
    return [(row["type"], row["slug"], row["quote_count"], row["article_count"]) for row in data["results"]]


def test_topic_counts_quotations_articles_and_dates_per_speaker(client, corpus):
    data = client.get("/api/topic/", {"q": "sanctions OR cap"}).json()
    # Gabuev twice; Smith and the Kremlin once each (Smith's rejected quotation is not counted; the person
    # before the organisation on a tie); the unnamed officials are no speaker.
    assert speakers(data) == [
        ("person", "alexander-gabuev", 2, 2),
        ("person", "jane-smith", 1, 1),
        ("organisation", "kremlin", 1, 1),
    ]
    gabuev = data["results"][0]
    assert gabuev["kind"] == "expert"
    assert gabuev["first_date"] == "2023-06-10" and gabuev["last_date"] == "2024-03-01"
    assert gabuev["organisation"] == {
        "name": "Carnegie Russia Eurasia Centre",
        "slug": "carnegie-russia-eurasia",
    }
    assert gabuev["timeline"] == {
        "months": [{"month": "2023-06", "count": 1}, {"month": "2024-03", "count": 1}],
        "undated": 0,
    }
    assert gabuev["url"] == "http://testserver/people/alexander-gabuev/"
    kremlin = data["results"][2]
    assert kremlin["kind"] == "government" and kremlin["organisation"] is None
    assert data["results"][1]["organisation"] == {"name": "HM Treasury", "slug": "hm-treasury"}
    # The whole search's months: the unnamed officials' quotation counts there.
    assert data["timeline"] == {
        "months": [{"month": "2023-06", "count": 3}, {"month": "2024-03", "count": 2}],
        "undated": 0,
    }
    assert data["more"] is False


def test_filters_apply_experts_on_a_topic(client, corpus):
    experts = client.get("/api/topic/", {"q": "sanctions OR cap", "speaker_kind": "expert"}).json()
    assert speakers(experts) == [("person", "alexander-gabuev", 2, 2)]
    in_2024 = client.get("/api/topic/", {"q": "sanctions OR cap", "year": 2024}).json()
    assert speakers(in_2024) == [("person", "alexander-gabuev", 1, 1), ("organisation", "kremlin", 1, 1)]
    limited = client.get("/api/topic/", {"q": "sanctions OR cap", "limit": 1}).json()
    assert speakers(limited) == [("person", "alexander-gabuev", 2, 2)] and limited["more"] is True


@pytest.mark.parametrize(
    "params",
    [{"person": "nobody-of-that-name"}, {"organisation": "nobody"}, {"q": "\x05 ..."}, {"q": "-"}],
)
def test_a_topic_that_can_match_nothing_is_empty(client, corpus, params):
    # Found by schemathesis: such a search is no SQL at all (Django raises EmptyResultSet), not a 500.
    data = client.get("/api/topic/", params).json()
    assert data["results"] == [] and data["more"] is False
    assert client.get("/topic/", params).status_code == 200
    assert client.get("/export/topic.csv", params).status_code == 200


def test_each_speaker_links_to_exactly_their_quotations_on_the_topic(client, corpus):
    params = {"q": "sanctions OR cap OR ignore", "kind": "direct"}
    data = client.get("/api/topic/", params).json()
    assert data["results"]
    for speaker in data["results"]:
        link = speaker["quotes_url"].removeprefix("http://testserver")
        assert link.startswith("/?")
        page = client.get(link)
        assert page.status_code == 200
        shown = page.context["page"].object_list
        assert len(shown) == speaker["quote_count"]
        for quote in shown:
            assert quote.kind == "direct"
            assert (quote.speaker_person or quote.speaker_organisation).slug == speaker["slug"]


@pytest.fixture
def newsroom(corpus):
    """Forty more quotations by twelve people and two organisations over three years, with words in common."""
    people = [
        Person.objects.create(
            name=f"Speaker {n:02d}", slug=f"speaker-{n:02d}", kind=("expert", "official")[n % 2]
        )
        for n in range(12)
    ]
    bodies = [Organisation.objects.create(name=f"Body {n}", slug=f"body-{n}", kind="ngo") for n in range(2)]
    articles = [
        Article.objects.create(
            title=f"Story {n}",
            body="filler " * 100,
            content_hash=f"{n + 10:064d}",
            published_at=datetime.date(2021 + n % 3, 1 + n % 12, 5) if n % 7 else None,
        )
        for n in range(10)
    ]
    for n in range(40):
        speaker = {"speaker_person": people[n % 12]} if n % 9 else {"speaker_organisation": bodies[n % 2]}
        Quote.objects.create(
            article=articles[(n * 7) % 10],
            text=("drones " if n % 3 else "drones tariffs ") + f"number {n}",
            kind=("direct", "indirect")[n % 2],
            start=n * 2,
            end=n * 2 + 1,
            status=("pending", "approved", "rejected")[n % 3] if n % 5 else "approved",
            organisation=bodies[0] if n % 4 == 0 and n % 9 else None,
            **speaker,
        )
    return people


@pytest.mark.parametrize(
    "params",
    [{"q": "drones"}, {"q": "drones", "speaker_kind": "expert"}, {"q": "drones -tariffs", "kind": "direct"}],
)
def test_topic_agrees_with_the_quotations_the_api_lists(client, newsroom, params):
    """Counted by the database, checked against every quotation of the same search read through the API."""
    listed = client.get("/api/quotes/", {**params, "limit": 500}).json()
    assert listed["next"] is None
    expected = defaultdict(lambda: {"quotes": 0, "articles": set(), "dates": []})
    for row in listed["results"]:
        if row["speaker"] is None:
            continue
        entry = expected[row["speaker"]["type"], row["speaker"]["slug"]]
        entry["quotes"] += 1
        entry["articles"].add(row["article"]["id"])
        if row["article"]["published_at"]:
            entry["dates"].append(row["article"]["published_at"])
    data = client.get("/api/topic/", {**params, "limit": 100}).json()
    got = {(row["type"], row["slug"]): row for row in data["results"]}
    assert set(got) == set(expected)
    for key, entry in expected.items():
        row = got[key]
        assert row["quote_count"] == entry["quotes"]
        assert row["article_count"] == len(entry["articles"])
        assert row["first_date"] == (min(entry["dates"]) if entry["dates"] else None)
        assert row["last_date"] == (max(entry["dates"]) if entry["dates"] else None)
        months = sum(month["count"] for month in row["timeline"]["months"])
        assert months + row["timeline"]["undated"] == entry["quotes"]
    counts = [row["quote_count"] for row in data["results"]]
    assert counts == sorted(counts, reverse=True)


def test_topic_is_counted_in_the_database_with_a_bounded_number_of_queries(client, newsroom):
    search = public.QuoteSearch.from_params({"q": "drones"})
    with CaptureQueriesContext(connection) as few:
        topic = topics.speakers_on(search, limit=3, with_timeline=True)
    with CaptureQueriesContext(connection) as many:
        more = topics.speakers_on(search, limit=100, with_timeline=True)
    assert len(topic.speakers) == 3 and topic.more
    assert len(more.speakers) > 10 and not more.more
    # Speakers with the months, people, organisations; on PostgreSQL first the ids' span and the share of
    # matches among the newest quotations, which choose how to read them.
    assert len(few) == len(many) == (5 if connection.vendor == "postgresql" else 3)
    # Every statement that reads quotations groups or aggregates them: no matching row is read into Python.
    reading_quotes = [query["sql"] for query in many if '"quotes_quote"' in query["sql"]]
    assert reading_quotes and all(
        "GROUP BY" in sql or "COUNT(" in sql or "MAX(" in sql for sql in reading_quotes
    )


def test_topic_page_lists_speakers_with_charts_and_links(client, corpus):
    response = client.get("/topic/", {"q": "sanctions OR cap"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Who speaks on “sanctions OR cap”" in html
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>', html)
    assert rows == [
        ("/people/alexander-gabuev/", "Alexander Gabuev"),
        ("/people/jane-smith/", "Jane Smith"),
        ("/organisations/kremlin/", "Kremlin"),
    ]
    assert 'href="/?q=sanctions+OR+cap&amp;person=alexander-gabuev"' in html
    assert 'href="/?q=sanctions+OR+cap&amp;organisation=kremlin&amp;speaker_kind=organisation"' in html
    # A chart per speaker, labelled for screen readers, and one for the whole topic, an image of its own.
    assert html.count('role="img"') == 3
    assert '<img class="chart__img" src="/charts/quotes-per-month.svg?q=sanctions+OR+cap"' in html
    assert 'alt="Quotations per month for “sanctions OR cap”"' in html
    assert (
        'aria-label="Quotations of Alexander Gabuev per month: 2 quotations from June 2023 to March 2024'
        in html
    )
    assert "<title>June 2023: 1 quotation</title>" in html
    assert 'href="/export/topic.csv?q=sanctions+OR+cap"' in html
    experts = client.get("/topic/", {"q": "sanctions OR cap", "speaker_kind": "expert"}).content.decode()
    assert "Alexander Gabuev" in experts and "Jane Smith" not in experts
    assert client.get("/topic/", {"kind": "sung"}).status_code == 400


def test_topic_csv(client, corpus):
    response = client.get("/export/topic.csv", {"q": "sanctions OR cap"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="topic.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(row["rank"], row["slug"], row["quote_count"]) for row in rows] == [
        ("1", "alexander-gabuev", "2"),
        ("2", "jane-smith", "1"),
        ("3", "kremlin", "1"),
    ]
    assert (
        rows[0]["months"] == "2023-06:1 2024-03:1"
        and rows[0]["organisation_slug"] == "carnegie-russia-eurasia"
    )
    assert rows[0]["quotes_url"] == "http://testserver/?q=sanctions+OR+cap&person=alexander-gabuev"
    assert list(rows[0]) == topics.CSV_COLUMNS


def test_topic_csv_neutralises_formulas(client, corpus):
    Person.objects.filter(slug="jane-smith").update(name="=HYPERLINK(1)")
    rows = list(csv.DictReader(io.StringIO(client.get("/export/topic.csv", {"q": "cap"}).content.decode())))
    assert "'=HYPERLINK(1)" in [row["name"] for row in rows]


# -- charts ------------------------------------------------------------------------------------------------


def bars(svg: str) -> list[str]:
    return re.findall(r"<rect [^>]*><title>([^<]+)</title></rect>", svg)


def chart(client, params) -> str:
    response = client.get("/charts/quotes-per-month.svg", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    return response.content.decode()


def test_search_page_chart_shows_the_months_of_every_match(client, corpus):
    html = client.get("/", {"q": "sanctions OR cap", "kind": "direct"}).content.decode()
    assert (
        '<img class="chart__img" src="/charts/quotes-per-month.svg?q=sanctions+OR+cap&amp;kind=direct"'
        in html
    )
    assert 'href="/api/timeline/?q=sanctions+OR+cap&amp;kind=direct"' in html
    svg = chart(client, {"q": "sanctions OR cap"})
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Quotations per month'
    )
    assert (
        "<title>Quotations per month for “sanctions OR cap”: 5 quotations from June 2023 to March 2024" in svg
    )
    assert bars(svg) == ["June 2023: 3 quotations", "March 2024: 2 quotations"]
    assert client.get("/api/timeline/", {"q": "sanctions OR cap"}).json() == {
        "months": [{"month": "2023-06", "count": 3}, {"month": "2024-03", "count": 2}],
        "undated": 0,
    }
    assert bars(chart(client, {"q": "sanctions OR cap", "kind": "direct"})) == [
        "June 2023: 1 quotation",
        "March 2024: 1 quotation",
    ]
    # Months without quotations are gaps: a bar per month that has some.
    assert len(bars(chart(client, {}))) == 2
    assert "No dated quotations" in chart(client, {"q": "nothingmatchesthis"})
    assert client.get("/charts/quotes-per-month.svg", {"kind": "sung"}).status_code == 400


def test_profile_pages_chart_and_api_give_the_same_numbers(client, corpus):
    html = client.get("/people/alexander-gabuev/").content.decode()
    assert 'src="/charts/quotes-per-month.svg?person=alexander-gabuev"' in html
    assert 'alt="Quotations of Alexander Gabuev per month"' in html
    assert bars(chart(client, {"person": "alexander-gabuev"})) == [
        "June 2023: 1 quotation",
        "March 2024: 1 quotation",
    ]
    person = client.get("/api/people/alexander-gabuev/").json()
    assert person["timeline"]["months"] == [
        {"month": "2023-06", "count": 1},
        {"month": "2024-03", "count": 1},
    ]
    assert person["quote_count"] == 2 and person["slug"] == "alexander-gabuev"
    smith = client.get("/api/people/jane-smith/").json()
    assert smith["timeline"] == {
        "months": [{"month": "2023-06", "count": 1}],
        "undated": 0,
    }  # rejected left out
    html = client.get("/organisations/carnegie-russia-eurasia/").content.decode()
    assert 'src="/charts/quotes-per-month.svg?organisation=carnegie-russia-eurasia"' in html
    assert bars(chart(client, {"organisation": "carnegie-russia-eurasia"})) == ["March 2024: 1 quotation"]
    organisation = client.get("/api/organisations/carnegie-russia-eurasia/").json()
    assert organisation["timeline"]["months"] == [{"month": "2024-03", "count": 1}]
    missing = client.get("/api/people/nobody/")
    assert missing.status_code == 404 and missing.json() == {"error": "Not found"}


def test_bar_chart_geometry():
    months = topics.Timeline(
        months=[topics.Month(datetime.date(2024, 1, 1), 4), topics.Month(datetime.date(2024, 4, 1), 2)],
        undated=3,
    )
    chart = topics.bar_chart(months, title="T", width=400, height=40)
    # January to April: four slots of 100, two of them empty.
    assert [(bar.x, bar.height) for bar in chart.bars] == [(0, 40), (300, 20)]
    assert chart.title == "T: 6 quotations from January 2024 to April 2024, at most 4 in a month"
    wide = topics.bar_chart(
        months, title="T", width=400, span=(datetime.date(2023, 11, 1), datetime.date(2024, 6, 1))
    )
    assert [bar.x for bar in wide.bars] == [100, 250]
    assert topics.bar_chart(topics.Timeline(undated=2), title="T") is None


def test_query_count_of_the_topic_page_does_not_grow(client, db, django_assert_max_num_queries):
    build_corpus()
    # The speakers with their months and organisations, the people's and the bodies' names; one more to
    # read the person filter's id; on PostgreSQL two more to choose how to read the matches.
    probe = 2 if connection.vendor == "postgresql" else 0
    with django_assert_max_num_queries(4 + probe):
        client.get("/topic/", {"q": "cap OR sanctions", "person": "jane-smith"})
    with django_assert_max_num_queries(3 + probe):
        client.get("/topic/", {"q": "cap OR sanctions"})


# -- counted over the most recently added matches, above a bound -----------------------------------------


def expected_topic(params: dict, bound: int) -> dict:
    """The speakers' counts of the ``bound`` most recently added public matches of ``params``, in Python
    from the rows themselves: what the topic must give above the bound."""
    newest = (
        public.QuoteSearch.from_params(params)
        .matching()
        .order_by("-id")
        .values("speaker_person__slug", "speaker_organisation__slug", "article_id", "published_at")[:bound]
    )
    expected = defaultdict(lambda: {"quotes": 0, "articles": set(), "dates": []})
    for row in newest:
        slug = row["speaker_person__slug"] or row["speaker_organisation__slug"]
        if slug is None:
            continue
        entry = expected[slug]
        entry["quotes"] += 1
        entry["articles"].add(row["article_id"])
        if row["published_at"]:
            entry["dates"].append(row["published_at"].isoformat())
    return {
        slug: (
            entry["quotes"],
            len(entry["articles"]),
            min(entry["dates"], default=None),
            max(entry["dates"], default=None),
        )
        for slug, entry in expected.items()
    }


def got_topic(data: dict) -> dict:
    return {
        row["slug"]: (row["quote_count"], row["article_count"], row["first_date"], row["last_date"])
        for row in data["results"]
    }


@pytest.mark.parametrize(
    "params",
    [
        {"q": "drones"},
        {"q": "drones", "speaker_kind": "expert"},
        {"q": "drones -tariffs", "kind": "direct"},
        {},
    ],
)
def test_a_topic_above_the_bound_counts_its_most_recently_added_matches_and_says_so(
    client, newsroom, settings, params
):
    matching = public.QuoteSearch.from_params(params).matching().count()
    bound = matching // 2
    settings.QUOTES_TOPIC_COUNTED_MATCHES = bound
    data = client.get("/api/topic/", {**params, "limit": 100}).json()
    assert got_topic(data) == expected_topic(params, bound)
    assert data["counted"]["quotations"] == bound and data["counted"]["exact"] is False
    # An estimate of every match, from the share of the ids the counted ones span: more than counted, and
    # rounded to two figures.
    assert data["counted"]["matching"] > bound and len(str(data["counted"]["matching"]).rstrip("0")) <= 2
    # The months are the counted matches', named speakers or not.
    months = data["timeline"]
    assert sum(month["count"] for month in months["months"]) + months["undated"] == bound

    # The page and the CSV show the same counts, and say what they are over.
    html = client.get("/topic/", params).content.decode()
    assert f"Counted over the {bound} most recently added matching quotations" in html
    assert f"of about {data['counted']['matching']:,} in all" in html
    shown = re.findall(r'<a href="[^"]+" aria-label="(\d+) quotations? of ([^"]+?)(?: on “[^”]*”)?">', html)
    names = {row["name"]: row["quote_count"] for row in data["results"]}
    assert {name: int(count) for count, name in shown} == dict(list(names.items())[:20])
    rows = list(csv.DictReader(io.StringIO(client.get("/export/topic.csv", params).content.decode())))
    assert {row["slug"]: int(row["quote_count"]) for row in rows} == {
        row["slug"]: row["quote_count"] for row in data["results"]
    }
    assert {(row["counted_quotations"], row["counts_exact"], row["matching"]) for row in rows} == {
        (str(bound), "false", str(data["counted"]["matching"]))
    }


def test_a_topic_up_to_the_bound_counts_every_match(client, newsroom, settings):
    matching = public.QuoteSearch.from_params({"q": "drones"}).matching().count()
    settings.QUOTES_TOPIC_COUNTED_MATCHES = matching
    data = client.get("/api/topic/", {"q": "drones", "limit": 100}).json()
    assert data["counted"] == {"quotations": matching, "exact": True, "matching": matching}
    assert got_topic(data) == expected_topic({"q": "drones"}, matching)
    html = client.get("/topic/", {"q": "drones"}).content.decode()
    assert f"Counted over every matching quotation ({matching})." in html
    assert "most recently added" not in html
    rows = list(
        csv.DictReader(io.StringIO(client.get("/export/topic.csv", {"q": "drones"}).content.decode()))
    )
    assert {(row["counted_quotations"], row["counts_exact"]) for row in rows} == {(str(matching), "true")}


@pytest.mark.parametrize("approved_only", [False, True])
def test_the_counted_matches_are_public_ones_whatever_the_curation(client, newsroom, settings, approved_only):
    """Rejected quotations (and pending ones, approved only) take no place among the counted matches, also
    when a curator changes a status, a quotation is deleted or its speaker changes."""
    settings.QUOTES_PUBLIC_APPROVED_ONLY = approved_only
    bound = 5
    settings.QUOTES_TOPIC_COUNTED_MATCHES = bound
    newest = list(Quote.objects.filter(text__contains="drones").order_by("-id")[:8])
    newest[0].status = "rejected"
    newest[0].save()
    newest[1].status = "pending"
    newest[1].save()
    newest[2].delete()
    newest[3].speaker_person, newest[3].speaker_organisation = newsroom[0], None
    newest[3].status = "approved"
    newest[3].save()
    data = client.get("/api/topic/", {"q": "drones", "limit": 100}).json()
    assert got_topic(data) == expected_topic({"q": "drones"}, bound)
    assert data["counted"]["quotations"] == bound and not data["counted"]["exact"]
    statuses = Quote.objects.filter(pk__in=[quote.pk for quote in newest[:2]]).values_list(
        "status", flat=True
    )
    assert sorted(statuses) == ["pending", "rejected"]


def test_two_figures():
    assert [counting.two_figures(n) for n in (7, 42, 318_442, 995, 1_000_001)] == [
        7,
        42,
        320_000,
        1000,
        1_000_000,
    ]


@pytest.mark.parametrize("query", ["drones", "tariffs", "drones -tariffs", "number 7", "nothingatall"])
def test_newest_first_reads_the_most_recently_added_matches_whichever_way(newsroom, query):
    """On PostgreSQL newest_first walks the primary key for a common word and reads a rare one through the
    search index; the rows are the same, the highest ids first."""
    matches = public.QuoteSearch.from_params({"q": query}).matching().values_list("id", flat=True)
    every = sorted(matches.order_by(), reverse=True)
    for limit in (1, 3, 40):
        assert list(matches.newest_first(limit)) == every[:limit]


def test_a_topic_reads_the_counted_columns_from_their_own_index(newsroom):
    """The columns a topic counts are in one index (Quote.Meta), so neither database need read the wide
    quotation row for them; SQLite is told to read a word's matches through it (its planner looks a match
    up by rowid, in the table)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Quote._meta.db_table)
    assert constraints[topics.TOPIC_INDEX]["columns"] == [
        "id",
        "status",
        "kind",
        "published_at",
        "speaker_person_id",
        "speaker_organisation_id",
        "article_id",
        "organisation_id",
    ]
    with CaptureQueriesContext(connection) as queries:
        topics.speakers_on(public.QuoteSearch.from_params({"q": "drones", "kind": "direct"}))
    (statement,) = [query["sql"] for query in queries if query["sql"].lstrip().startswith("WITH read")]
    if connection.vendor == "sqlite":
        assert f"INDEXED BY {topics.TOPIC_INDEX}" in statement
        with connection.cursor() as cursor:
            read = statement.split("AS MATERIALIZED (", 1)[1].split("),\n", 1)[0]
            plan = cursor.execute("EXPLAIN QUERY PLAN " + read).fetchall()
        assert any(f"COVERING INDEX {topics.TOPIC_INDEX}" in row[3] for row in plan), plan
    else:
        assert "INDEXED BY" not in statement


def test_small_charts_bars_are_written_in_python_with_their_labels_escaped(client, corpus):
    chart = topics.Chart(
        width=10, height=5, title="T", bars=[topics.Bar(x=0.0, y=1.5, width=2.25, height=3.5, label="<b>&")]
    )
    assert chart.bars_markup() == (
        '<rect x="0.0" y="1.5" width="2.25" height="3.5"><title>&lt;b&gt;&amp;</title></rect>'
    )
    # In the page, as the template wrote them: a title per bar inside the speaker's chart.
    html = client.get("/topic/", {"q": "sanctions OR cap"}).content.decode()
    assert re.findall(r"<rect [^>]*><title>([^<]+)</title></rect>", html) == [
        "June 2023: 1 quotation",
        "March 2024: 1 quotation",
        "June 2023: 1 quotation",
        "March 2024: 1 quotation",
    ]
