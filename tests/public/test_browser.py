"""End to end in Debian's headless Chromium: search, filter by a facet, open a person, download the CSV."""

import csv
import io
import os
import re

import pytest

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
