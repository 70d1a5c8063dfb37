"""Sources polled in-process (no CELERY_BROKER_URL): a real HTTP server on loopback, the real fetcher,
feedparser, trafilatura, the spaCy model and the database."""

import datetime
import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.fetch import Fetcher, FetchError, Forbidden
from articles.ingest import USER_AGENT
from articles.models import Article, EntryStatus, Publication, Source, SourceEntry
from quotes.models import Quote

pytestmark = pytest.mark.django_db


def manage(*args) -> str:
    stdout = StringIO()
    call_command(*args, stdout=stdout, stderr=StringIO())
    return stdout.getvalue()


def add(site, path, *extra) -> Source:
    manage("add_source", site.url(path), *extra)
    return Source.objects.get(url=site.url(path))


def follow_all(site) -> list[Source]:
    return [add(site, "/rss.xml"), add(site, "/atom.xml"), add(site, "/sitemap.xml")]


def test_add_source_detects_the_kind(site):
    assert [source.kind for source in follow_all(site)] == ["rss", "atom", "sitemap"]
    assert add(site, "/sitemap-index.xml").kind == "sitemap"
    output = manage("add_source", site.url("/rss.xml"))
    assert output.startswith("Already followed")
    assert Source.objects.count() == 4


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/feeds/not-xml.xml", "not XML"),
        ("/feeds/missing.xml", "HTTP 404 Not Found"),
        ("/feeds/broken.xml", "HTTP 500 Internal Server Error"),
    ],
)
def test_add_source_refuses_what_is_not_a_feed(site, path, message):
    with pytest.raises(CommandError) as refused:
        manage("add_source", site.url(path))
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
    assert not Source.objects.exists()


def test_polling_stores_every_allowed_article_once_and_none_forbidden(site):
    sources = follow_all(site)
    Publication.objects.create(name="Loopback Gazette")
    output = manage("poll_sources")

    stored_urls = sorted(Article.objects.values_list("url", flat=True))
    assert stored_urls == sorted(site.url(path) for path in site.article_paths)
    assert Quote.objects.exists()
    # Each article page was requested once, although two feeds list one of them; the forbidden page never.
    requested = site.paths_requested()
    for path in site.article_paths:
        assert requested.count(path) == 1
    assert "/private/leaked-memo.html" not in requested
    assert requested.count("/robots.txt") == 1  # read once for the host
    assert all(request.headers["User-Agent"] == USER_AGENT for request in site.requests)

    entries = {entry.url.removeprefix(site.base_url): entry for entry in SourceEntry.objects.all()}
    assert entries["/private/leaked-memo.html"].status == EntryStatus.FORBIDDEN
    assert entries["/news/gone.html"].status == EntryStatus.FAILED
    assert entries["/news/gone.html"].error == "HTTP 404 Not Found"
    assert not entries["/news/gone.html"].retry
    assert entries["/news/broken.html"].retry  # a 500 is tried again at a later poll
    assert entries["/news/sections.html"].error == "not an article: no main text found in the HTML"

    rss, atom, sitemap = (Source.objects.get(pk=source.pk) for source in sources)
    assert (rss.last_new_articles, atom.last_new_articles, sitemap.last_new_articles) == (8, 1, 1)
    assert rss.failure_count == 0 and rss.last_polled_at is not None
    assert rss.next_poll_at > timezone.now() + datetime.timedelta(minutes=59)
    assert "sections.html" in rss.last_error  # the page failures show on the source, without back-off
    assert atom.last_error == ""
    assert (
        f"source {rss.pk} {rss.url}: 8 new article URLs; 4 stored, 1 forbidden by robots.txt, 3 failed"
        in (output)
    )
    assert "Polled 3 source(s), 0 failed." in output
    # The page's metadata names the outlet.
    assert set(Article.objects.values_list("publication__name", flat=True)) == {"Loopback Gazette"}


def test_a_second_poll_asks_conditionally_and_fetches_nothing_again(site):
    follow_all(site)
    manage("poll_sources")
    articles, quotes = Article.objects.count(), Quote.objects.count()
    site.requests.clear()

    output = manage("poll_sources")
    assert "not modified" in output
    feed_requests = [request for request in site.requests if request.path in {"/rss.xml", "/atom.xml"}]
    assert {request.headers.get("If-None-Match") for request in feed_requests} == {'"rss-v1"', '"atom-v1"'}
    assert all(request.headers.get("If-Modified-Since") for request in feed_requests)
    # Beside the feeds (304), only the sitemap and the 500 page worth a retry were fetched again.
    assert sorted(site.paths_requested()) == ["/atom.xml", "/news/broken.html", "/rss.xml", "/sitemap.xml"]
    assert (Article.objects.count(), Quote.objects.count()) == (articles, quotes)


def test_due_only_polls_nothing_before_the_interval_has_passed(site):
    source = add(site, "/sitemap.xml")
    manage("poll_sources", "--due-only")
    site.requests.clear()
    manage("poll_sources", "--due-only")
    assert site.requests == []
    Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now() - datetime.timedelta(seconds=1))
    manage("poll_sources", "--due-only")
    assert site.paths_requested() == ["/sitemap.xml"]


def test_the_source_publication_is_given_to_its_articles(site):
    source = add(site, "/sitemap.xml", "--publication", "The Example Times")
    manage("poll_sources", "--source", str(source.pk))
    assert list(Article.objects.values_list("publication__name", flat=True)) == ["The Example Times"]


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/feeds/not-xml.xml", "not a feed or sitemap"),
        ("/feeds/missing.xml", "HTTP 404 Not Found"),
        ("/feeds/broken.xml", "HTTP 500 Internal Server Error"),
        ("/feeds/slow.xml", "time-out: no answer within 1 s"),
        ("/feeds/huge.xml", "too large: 3,145,739 bytes (limit 1,048,576)"),
        ("/feeds/loop-a.xml", "redirect loop"),
    ],
)
def test_a_bad_source_is_recorded_with_back_off_and_does_not_stop_the_others(site, path, error):
    bad = Source.objects.create(url=site.url(path), kind="rss")
    good = add(site, "/sitemap.xml")
    with pytest.raises(CommandError) as failed:
        manage("poll_sources")
    assert "1 source(s) failed" in str(failed.value)
    assert Article.objects.filter(url=site.url(site.article_paths[5])).exists()  # the good one went on

    bad.refresh_from_db()
    assert bad.last_error.startswith(error)
    assert "\n" not in bad.last_error
    assert bad.failure_count == 1
    first_wait = bad.next_poll_at - bad.last_polled_at
    assert first_wait == bad.poll_interval
    assert Source.objects.get(pk=good.pk).last_error == ""

    # The next poll tries again and waits twice as long after a second failure.
    with pytest.raises(CommandError):
        manage("poll_sources", "--source", str(bad.pk))
    bad.refresh_from_db()
    assert bad.failure_count == 2
    assert bad.next_poll_at - bad.last_polled_at == 2 * bad.poll_interval


def test_the_same_text_under_another_url_is_stored_once(site):
    first = site.article_paths[5]
    site.articles["/news/syndicated-copy.html"] = site.articles[first]
    source = add(site, "/sitemap.xml")
    manage("poll_sources")
    site.articles["/news/7-copy.html"] = site.articles[first]  # the sitemap now lists the copy too
    Source.objects.filter(pk=source.pk).update(next_poll_at=None)
    manage("poll_sources")
    assert Article.objects.count() == 1
    copy = SourceEntry.objects.get(url=site.url("/news/7-copy.html"))
    assert copy.status == EntryStatus.DUPLICATE
    assert copy.article == Article.objects.get()


def test_private_addresses_and_other_schemes_are_refused_unless_allowed(site, settings):
    settings.QUOTES_FETCH_ALLOW_PRIVATE = False
    fetcher = Fetcher()
    for url in [site.url("/rss.xml"), "http://localhost/feed", "http://10.1.2.3/feed", "http://[::1]/"]:
        with pytest.raises(Forbidden, match="private address"):
            fetcher.get(url)
    for url in ["file:///etc/passwd", "ftp://example.org/feed.xml"]:
        with pytest.raises(Forbidden, match="only http and https"):
            fetcher.get(url)
    assert site.requests == []
    Source.objects.create(url=site.url("/rss.xml"), kind="rss")
    with pytest.raises(CommandError, match="private address"):
        manage("poll_sources")


def test_one_request_at_a_time_per_host_with_a_delay(site):
    fetcher = Fetcher(delay=0.3)
    for path in site.article_paths[:3]:
        fetcher.get(site.url(path))
    times = [request.at for request in site.requests if request.path != "/robots.txt"]
    assert len(times) == 3
    assert all(later - earlier >= 0.29 for earlier, later in itertools.pairwise(times))


def test_network_errors_are_transient_and_bad_pages_are_not(site):
    fetcher = Fetcher()
    with pytest.raises(FetchError) as server_error:
        fetcher.get(site.url("/news/broken.html"))
    assert server_error.value.transient
    with pytest.raises(FetchError) as missing:
        fetcher.get(site.url("/news/gone.html"))
    assert not missing.value.transient


def test_extract_quotes_queue_without_a_broker_is_a_usage_error(tmp_path):
    with pytest.raises(CommandError, match="--queue needs a task broker: set CELERY_BROKER_URL"):
        call_command("extract_quotes", "--queue", str(tmp_path), stdout=StringIO(), stderr=StringIO())


def test_pages_are_parsed_in_batches_with_the_same_result_as_one_by_one(site, settings):
    settings.QUOTES_FETCH_BATCH = 1
    source = add(site, "/rss.xml")
    manage("poll_sources")
    one_by_one = sorted(Quote.objects.values_list("article__url", "start", "end", "speaker_mention"))
    Article.objects.all().delete()
    SourceEntry.objects.all().delete()
    Source.objects.filter(pk=source.pk).update(etag="", last_modified="", next_poll_at=None)
    settings.QUOTES_FETCH_BATCH = 8
    manage("poll_sources")
    assert sorted(Quote.objects.values_list("article__url", "start", "end", "speaker_mention")) == one_by_one
    assert one_by_one


def test_a_large_sitemap_is_claimed_in_slices_and_known_urls_are_skipped():
    from articles import polling

    source = Source.objects.create(url="https://big.example/sitemap.xml", kind="sitemap")
    urls = [f"https://big.example/story/{number}" for number in range(1200)]
    Article.objects.create(body="Stored.", content_hash="1" * 64, url=urls[700])
    SourceEntry.objects.create(source=source, url=urls[1100])
    claimed = polling.claim(source=source, urls=[*urls, urls[5]])
    assert len(claimed) == 1198
    assert {entry.url for entry in claimed} == set(urls) - {urls[700], urls[1100]}
    assert polling.claim(source=source, urls=urls) == []


def test_an_entry_whose_task_was_lost_is_handed_on_again_at_a_later_poll(site):
    source = add(site, "/sitemap.xml")
    url = site.url(site.article_paths[5])
    # Claimed by a poll whose task never ran (say, the broker lost it) three hours ago.
    SourceEntry.objects.create(
        source=source, url=url, dispatched_at=timezone.now() - datetime.timedelta(hours=3)
    )
    manage("poll_sources")
    assert SourceEntry.objects.get(url=url).status == EntryStatus.STORED
    assert Article.objects.filter(url=url).exists()


def test_an_entry_dispatched_recently_is_left_to_its_task(site):
    source = add(site, "/sitemap.xml")
    url = site.url(site.article_paths[5])
    SourceEntry.objects.create(source=source, url=url, dispatched_at=timezone.now())
    manage("poll_sources")
    assert SourceEntry.objects.get(url=url).status == EntryStatus.PENDING
    assert site.article_paths[5] not in site.paths_requested()
