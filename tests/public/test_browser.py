"""End to end in Debian's headless Chromium: search, filter by a facet, open a person, download the CSV."""

import csv
import io
import os
import re

import pytest
from django.db import connections

from .conftest import build_corpus

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def corpus_for_browser(transactional_db):
    # Built before Playwright starts: while its event loop runs, Django would open a second connection
    # (connections are per async context), which nothing closes and which keeps the test database open.
    return build_corpus()


@pytest.fixture
def page(corpus_for_browser, monkeypatch):
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: `make browser` installs Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls made here are synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(accept_downloads=True)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()
            # While Playwright's loop runs, an ORM call in a test opens a connection of the loop's own
            # (Django keeps connections per async context); close it here, where it is visible, or it
            # outlives the session and the test database cannot be dropped.
            connections.close_all()


def test_search_filter_person_page_and_csv_download(live_server, corpus_for_browser, page):
    from playwright.sync_api import expect

    corpus = corpus_for_browser
    page.goto(live_server.url + "/")
    page.get_by_label("Search quotations and speakers").fill("sanctions")
    page.get_by_role("button", name="Search").click()
    results = page.locator(".quote-list > li")
    expect(page.get_by_role("status")).to_have_text("2 quotations for “sanctions”")
    expect(results).to_have_count(2)
    expect(results.locator("mark").first).to_have_text(re.compile("sanctions", re.IGNORECASE))

    page.locator(".facets").get_by_role("link", name=re.compile(r"^Experts")).click()
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("The sanctions are biting harder than Moscow admits")
    assert "speaker_kind=expert" in page.url

    with page.expect_download() as download_info:
        page.locator(".downloads").get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename == "quotes.csv"
    with open(download.path(), encoding="utf-8") as exported:
        rows = list(csv.DictReader(io.StringIO(exported.read())))
    assert [(row["id"], row["speaker_name"]) for row in rows] == [
        (str(corpus.quotes["biting"].pk), "Alexander Gabuev")
    ]

    results.first.get_by_role("link", name="Alexander Gabuev").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alexander Gabuev")
    expect(page.locator(".quote-list > li")).to_have_count(2)  # his pending quotation shows here too
    expect(page.locator(".quote--unverified")).to_have_count(1)
    expect(page.locator(".quote--unverified .badge--unverified")).to_have_text("Unverified")

    page.get_by_role("link", name="Read in context").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanctions bite as winter nears")
    assert page.url.endswith(f"#q{corpus.quotes['biting'].pk}")


def test_topic_view_and_charts(live_server, corpus_for_browser, page):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/?" + "q=sanctions+OR+cap")
    chart = page.get_by_role("img", name="Quotations per month for “sanctions OR cap”")
    expect(chart).to_be_visible()
    # The server's SVG, loaded and drawn: the image has its size, not a broken image's.
    expect(chart).to_have_js_property("complete", True)
    assert chart.evaluate("image => image.naturalWidth") == 600
    assert chart.bounding_box()["height"] > 20

    page.get_by_role("link", name="Who speaks on this").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who speaks on “sanctions OR cap”")
    rows = page.locator("table.topic-speakers tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first.get_by_role("rowheader")).to_have_text("Alexander Gabuev")
    expect(rows.first).to_contain_text("Expert")
    expect(rows.first).to_contain_text("Carnegie Russia Eurasia Centre")
    expect(rows.first.get_by_role("img")).to_have_attribute(
        "aria-label", re.compile("^Quotations of Alexander Gabuev per month: 2 quotations")
    )
    expect(page.get_by_role("img", name="Quotations per month for “sanctions OR cap”")).to_be_visible()

    page.get_by_role("navigation", name="Speakers shown").get_by_role("link", name="Experts").click()
    expect(rows).to_have_count(1)
    assert "speaker_kind=expert" in page.url

    with page.expect_download() as download_info:
        page.locator(".downloads").get_by_role("link", name="CSV").click()
    with open(download_info.value.path(), encoding="utf-8") as exported:
        exported_rows = list(csv.DictReader(io.StringIO(exported.read())))
    assert [(row["slug"], row["quote_count"]) for row in exported_rows] == [("alexander-gabuev", "2")]

    rows.first.get_by_role("link", name=re.compile("^2 quotations of Alexander Gabuev")).click()
    expect(page.locator(".quote-list > li")).to_have_count(2)
    assert "person=alexander-gabuev" in page.url and "speaker_kind=expert" in page.url

    page.goto(live_server.url + "/people/alexander-gabuev/")
    image = page.get_by_role("img", name="Quotations of Alexander Gabuev per month")
    expect(image).to_be_visible()
    source = image.get_attribute("src")
    page.get_by_role("link", name="the numbers (JSON)").click()
    assert '"month": "2024-03"' in page.content()
    page.goto(live_server.url + source)  # the chart itself: the server's SVG
    svg = page.locator("svg")
    expect(svg).to_have_attribute(
        "aria-label", re.compile(r"^Quotations per month \(person: alexander-gabuev\): 2 ")
    )
    expect(svg.locator("rect[fill='#0b4f9c']")).to_have_count(2)


def test_topic_view_says_what_its_counts_are_over(live_server, corpus_for_browser, page, settings):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/topic/?q=sanctions+OR+cap")
    expect(page.locator(".topic-counted")).to_have_text("Counted over every matching quotation (5).")
    # Above the bound: the most recently added matches are counted, and the page says so before the table.
    settings.QUOTES_TOPIC_COUNTED_MATCHES = 2
    page.reload()
    note = page.get_by_role("note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Counted over the 2 most recently added matching quotations")
    expect(note).to_contain_text("of about")
    assert note.bounding_box()["y"] < page.locator("table.topic-speakers").bounding_box()["y"]
    total = sum(
        int(cell) for cell in page.locator("table.topic-speakers tbody tr td:nth-child(5)").all_inner_texts()
    )
    assert 0 < total <= 2
    with page.expect_download() as download_info:
        page.locator(".downloads").get_by_role("link", name="CSV").click()
    with open(download_info.value.path(), encoding="utf-8") as exported:
        exported_rows = list(csv.DictReader(io.StringIO(exported.read())))
    assert {(row["counted_quotations"], row["counts_exact"]) for row in exported_rows} == {("2", "false")}
    assert sum(int(row["quote_count"]) for row in exported_rows) == total


def test_charts_need_no_javascript(live_server, corpus_for_browser, page):
    from playwright.sync_api import expect

    context = page.context.browser.new_context(java_script_enabled=False)
    try:
        quiet = context.new_page()
        quiet.goto(live_server.url + "/topic/?q=sanctions+OR+cap")
        whole = quiet.get_by_role("img", name="Quotations per month for “sanctions OR cap”")
        expect(whole).to_have_js_property("complete", True)
        assert whole.evaluate("image => image.naturalWidth") == 600
        expect(quiet.locator("table.topic-speakers svg rect")).to_have_count(4)
    finally:
        context.close()


def test_api_docs_page_works_offline_under_the_sites_content_policy(live_server, corpus_for_browser, page):
    from playwright.sync_api import expect

    outside = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url),
    )
    errors = []
    # Chromium reports its own request for /favicon.ico (the site has none) as an error on the console;
    # every request the pages make is checked through its response instead.
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="API").click()
    expect(page.get_by_text("Who speaks on a topic").first).to_be_visible()
    expect(page.get_by_text("/api/quotes/").first).to_be_visible()
    assert outside == [] and missing == [] and errors == []


def test_the_search_page_counts_every_match_in_place(live_server, corpus_for_browser, page, monkeypatch):
    from playwright.sync_api import expect

    from quotes import public
    from quotes.models import Quote

    matches = Quote.objects.public().search("sanctions OR cap")
    quotations, statements = matches.count(), matches.values("statement_id").distinct().count()
    assert quotations > 2
    # The page counts its 2 most recently added matches; its script asks the count page for every match.
    monkeypatch.setattr(public, "RECENT_MATCHES", 2)
    page.goto(live_server.url + "/?q=sanctions+OR+cap")
    status = page.locator(".summary").get_by_role("status")
    expect(status).to_have_text(f"{quotations} quotations, {statements} statements for “sanctions OR cap”")
    expect(page.locator(".facet-note")).to_have_count(0)
    kinds = page.locator('.facets [data-facet="kind"] .count').all_inner_texts()
    assert sum(int(count.strip("()")) for count in kinds) == quotations
    expect(page.locator(".summary")).to_contain_text("Every match counted")
    # A facet's value, counted in full, filters the search page.
    page.locator('.facets [data-facet="kind"] a').first.click()
    assert page.url.startswith(live_server.url + "/?") and "kind=" in page.url

    # Without JavaScript the sample's figures stay, and the link opens the count page.
    context = page.context.browser.new_context(java_script_enabled=False)
    try:
        quiet = context.new_page()
        quiet.goto(live_server.url + "/?q=sanctions+OR+cap")
        expect(quiet.locator(".summary").get_by_role("status")).to_have_text(
            "More than 2 quotations for “sanctions OR cap”"
        )
        quiet.get_by_role("link", name="Count every match", exact=True).click()
        expect(quiet.locator(".match-count")).to_have_text(
            f"{quotations} quotations, {statements} statements for “sanctions OR cap”"
        )
    finally:
        context.close()
