"""The distributed engine with real services: Celery worker processes (not eager mode) on Redis, the
loopback news site, and a database both the workers and the test see. Nothing here is mocked."""

import time

import pytest
from django.db import connection

from quotes import extraction
from quotes.pipeline import get_nlp

from .workers import REDELIVERY_VISIBILITY_TIMEOUT, Cluster, PrivateRedis, flush_broker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLES = "SELECT COUNT(*) FROM articles_article"
DISTINCT_URLS = "SELECT COUNT(DISTINCT url) FROM articles_article"
TIMEOUT = int(__import__("os").environ.get("QUEUE_TEST_TIMEOUT", "120"))
PENDING = "SELECT COUNT(*) FROM articles_sourceentry WHERE status = 'pending'"
ENTRIES = "SELECT COUNT(*) FROM articles_sourceentry"


@pytest.fixture
def cluster(transactional_db, tmp_path):
    from tests.reliability.cli import CommandDatabase

    flush_broker()
    logs = tmp_path / "logs"
    logs.mkdir()
    cluster = Cluster(database=CommandDatabase.for_this_test(tmp_path), logs=logs)
    yield cluster
    cluster.stop()
    flush_broker()
    for log in sorted(logs.iterdir()):  # shown by pytest when the test failed
        print(f"==== {log.name}\n{log.read_text(errors='replace')[-6000:]}")


def follow(cluster: Cluster, site, *paths: str) -> None:
    for path in paths:
        cluster.manage("add_source", site.url(path))


def settled(cluster: Cluster, entries: int):
    """True once the workers have claimed ``entries`` URLs and finished every one."""
    return lambda: cluster.count(ENTRIES) == entries and cluster.count(PENDING) == 0


def stored_urls(cluster: Cluster) -> list[str]:
    return sorted(row[0] for row in cluster.database.query("SELECT url FROM articles_article"))


def test_a_worker_stores_every_allowed_article_once_and_none_forbidden(cluster, site):
    follow(cluster, site, "/rss.xml", "/atom.xml", "/sitemap.xml")
    cluster.start_worker("one")
    queued = cluster.manage("poll_sources")
    assert "Queued 3 source(s) for polling." in queued.stdout

    wait_until(settled(cluster, entries=10), timeout=TIMEOUT, what="the polls and their articles")
    assert stored_urls(cluster) == sorted(site.url(path) for path in site.article_paths)
    assert cluster.count("SELECT COUNT(*) FROM quotes_quote") > 0
    assert "/private/leaked-memo.html" not in site.paths_requested()
    statuses = dict(cluster.database.query("SELECT url, status FROM articles_sourceentry"))
    assert statuses[site.url("/private/leaked-memo.html")] == "forbidden"
    assert statuses[site.url("/news/gone.html")] == "failed"
    # Polled: none of the three is due before its interval has passed.
    assert cluster.count("SELECT COUNT(*) FROM articles_source WHERE last_polled_at IS NOT NULL") == 3
    assert "Queued 0 source(s)" in cluster.manage("poll_sources", "--due-only").stdout


def test_two_workers_over_the_same_feeds_store_each_article_once(cluster, site):
    follow(cluster, site, "/rss.xml", "/atom.xml", "/sitemap.xml")
    cluster.start_worker("one")
    cluster.start_worker("two")
    # Every source queued twice: the two workers poll the same feeds at once and race for each URL.
    cluster.manage("poll_sources")
    cluster.manage("poll_sources")

    wait_until(settled(cluster, entries=10), timeout=TIMEOUT, what="the polls and their articles")
    time.sleep(1)  # a straggling duplicate task would show now
    assert cluster.count(PENDING) == 0
    assert cluster.count(ARTICLES) == cluster.count(DISTINCT_URLS) == len(site.article_paths)
    assert cluster.count("SELECT COUNT(DISTINCT content_hash) FROM articles_article") == len(
        site.article_paths
    )
    for path in site.article_paths:  # claimed once, so fetched once
        assert site.paths_requested().count(path) == 1
    # Both workers took tasks from the queue.
    assert "articles.fetch_entry" in cluster.log("one") or "articles.poll_source" in cluster.log("one")
    assert "articles.fetch_entry" in cluster.log("two") or "articles.poll_source" in cluster.log("two")


def quotes_expected(body: str) -> int:
    return len(extraction.extract(body, nlp=get_nlp()).quotes)


def block_quote_inserts():
    """On PostgreSQL: a lock that lets the worker's transaction insert its article and then wait at its
    first quotation, in the middle of the store."""
    import psycopg

    settings = connection.settings_dict
    blocker = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    )
    blocker.execute("LOCK TABLE quotes_quote IN EXCLUSIVE MODE")
    return blocker


def worker_waiting_on_quote_insert(blocker) -> bool:
    rows = blocker.execute(
        "SELECT query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    ).fetchall()
    return any('INSERT INTO "quotes_quote"' in row[0] for row in rows)


def test_a_worker_killed_mid_task_leaves_no_half_written_article_and_the_task_is_redelivered(cluster, site):
    """On PostgreSQL the worker is killed inside the article's transaction (its article row inserted,
    its quotations waiting on a lock the test holds); on SQLite, while it reads the page."""
    cluster.visibility_timeout = REDELIVERY_VISIBILITY_TIMEOUT
    postgres = connection.vendor == "postgresql"
    if postgres:
        follow(cluster, site, "/sitemap.xml")
        blocker = block_quote_inserts()
    else:
        follow(cluster, site, "/feeds/hold.xml")
    cluster.start_worker("doomed")
    cluster.manage("poll_sources")

    if postgres:
        wait_until(lambda: worker_waiting_on_quote_insert(blocker), timeout=60, what="the store to block")
        # The article row is written inside the worker's open transaction, invisible to everyone else.
        assert cluster.count(ARTICLES) == 0
        cluster.kill("doomed")
        blocker.rollback()  # the dead client's transaction goes on to its end, and is rolled back
        blocker.close()
        time.sleep(1)
    else:
        wait_until(site.held.is_set, timeout=60, what="the worker to fetch the held page")
        cluster.kill("doomed")
        site.release.set()
    assert cluster.count(ARTICLES) == 0
    assert cluster.count("SELECT COUNT(*) FROM quotes_quote") == 0
    assert cluster.count(PENDING) == 1

    # Another worker gets the unacknowledged task after the visibility time-out and completes it.
    cluster.start_worker("heir")
    wait_until(lambda: cluster.count(PENDING) == 0, timeout=90, what="the redelivered task")
    assert cluster.count(ARTICLES) == 1
    body = cluster.database.query("SELECT body FROM articles_article")[0][0]
    assert cluster.count("SELECT COUNT(*) FROM quotes_quote") == quotes_expected(body) > 0
    assert cluster.database.query("SELECT status FROM articles_sourceentry") == [("stored",)]


def test_with_the_broker_stopped_enqueueing_fails_with_one_line_and_the_source_stays_due(cluster, site):
    follow(cluster, site, "/sitemap.xml")
    broker = PrivateRedis()
    broker.stop()

    started = time.monotonic()
    result = cluster.manage("poll_sources", check=False, CELERY_BROKER_URL=broker.url)
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(
        f"CommandError: cannot reach the task broker at redis://127.0.0.1:{broker.port}"
    )
    assert "Traceback" not in result.stderr
    # Nothing was lost: the source was neither polled nor marked, so it is still due.
    assert cluster.database.query("SELECT last_polled_at, next_poll_at FROM articles_source") == [
        (None, None)
    ]
    assert "Queued 1 source(s)" in cluster.manage("poll_sources", "--due-only").stdout


def test_beat_polls_due_sources_without_anyone_typing_a_command(cluster, site):
    follow(cluster, site, "/sitemap.xml")
    site.requests.clear()  # add_source read it once to tell its kind
    cluster.start_worker("one")
    cluster.start_beat(every_seconds=1)
    wait_until(lambda: cluster.count(ARTICLES) == 1, timeout=TIMEOUT, what="beat's poll")
    assert stored_urls(cluster) == [site.url(site.article_paths[5])]
    polled = (
        "SELECT COUNT(*) FROM articles_source WHERE last_polled_at IS NOT NULL AND next_poll_at IS NOT NULL"
    )
    assert cluster.count(polled) == 1
    time.sleep(3)  # beat ticks again: the source is not due, so it is not polled twice
    assert site.paths_requested().count("/sitemap.xml") == 1


def test_extract_quotes_queue_sends_the_articles_to_the_workers(cluster):
    from tests.pipeline.conftest import FIXTURE_ARTICLES

    cluster.start_worker("one")
    result = cluster.manage("extract_quotes", "--queue", str(FIXTURE_ARTICLES))
    assert "Queued 2 article(s) for extraction" in result.stdout
    wait_until(lambda: cluster.count(ARTICLES) == 2, timeout=90, what="the queued articles")
    assert cluster.count("SELECT COUNT(*) FROM quotes_quote") > 0
