"""The search index belongs to the database: its objects exist, and SQLite's triggers come back after a
later migration remakes the quotation table (SQLite alters a table by copying it, losing its triggers).
So does the copy of each article's publication date on its quotations."""

import datetime

from django.core.management import call_command
from django.db import connection

from quotes.models import Quote
from quotes.search_schema import (
    SQLITE_PUBLISHED_TRIGGER_NAMES,
    SQLITE_TRIGGER_NAMES,
    ensure_search_index,
)


def database_objects() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname || ':' || indexdef FROM pg_indexes WHERE tablename LIKE 'quotes_%%'"
                " UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
                " UNION SELECT 'extension:' || extname FROM pg_extension"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        return {row[0] for row in cursor.fetchall()}


def test_the_migration_created_the_search_objects(db):
    objects = database_objects()
    if connection.vendor == "postgresql":
        indexes = {name.split(":")[0]: name for name in objects if ":" in name}
        assert "USING gin (search_vector)" in indexes["quote_search_vector_idx"]
        for name in ("person_name_trgm_idx", "organisation_name_trgm_idx", "person_alias_name_trgm_idx"):
            assert "gin_trgm_ops" in indexes[name]
        assert "extension:pg_trgm" in objects
        assert {"quotes_quote_search_insert", "quotes_quote_search_update"} <= objects
    else:
        assert {"quotes_quote_fts", *SQLITE_TRIGGER_NAMES} <= objects


def test_lost_sqlite_triggers_are_restored_by_migrate(corpus):
    article = corpus.articles["undated"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER quotes_quote_fts_insert")
        Quote.objects.create(article=article, text="zeppelins overhead", kind="direct", start=0, end=5)
        assert not Quote.objects.search("zeppelin").exists()
        call_command("migrate", verbosity=0)  # its post_migrate signal runs the repair
        assert "quotes_quote_fts_insert" in database_objects()
        assert Quote.objects.search("zeppelin").count() == 1
        Quote.objects.create(article=article, text="more zeppelins", kind="direct", start=5, end=9)
        assert Quote.objects.search("zeppelin").count() == 2
    else:
        # PostgreSQL alters tables in place: there is nothing to repair, and nothing is rebuilt.
        assert ensure_search_index(connection) is False
        Quote.objects.create(article=article, text="zeppelins overhead", kind="direct", start=0, end=5)
        assert Quote.objects.search("zeppelin").count() == 1
    assert ensure_search_index(connection) is False


def test_quotations_carry_their_article_date_whoever_writes_them(corpus):
    sanctions, oil = corpus.articles["sanctions"], corpus.articles["oil"]
    assert sanctions.published_at != oil.published_at
    quote = Quote.objects.create(article=sanctions, text="dates", kind="direct", start=0, end=5)
    quote.refresh_from_db()
    assert quote.published_at == sanctions.published_at  # not given: the database fills it in

    sanctions.published_at = datetime.date(2001, 2, 3)
    sanctions.save()
    assert set(Quote.objects.filter(article=sanctions).values_list("published_at", flat=True)) == {
        datetime.date(2001, 2, 3)
    }
    Quote.objects.filter(pk=quote.pk).update(article=oil)  # moved, as a bulk update does it
    quote.refresh_from_db()
    assert quote.published_at == oil.published_at

    quote.published_at = datetime.date(1999, 1, 1)  # a stale copy saved back is corrected
    quote.save()
    quote.refresh_from_db()
    assert quote.published_at == oil.published_at

    corpus.articles["undated"].quotes.update(published_at=datetime.date(2020, 1, 1))
    assert not corpus.articles["undated"].quotes.filter(published_at__isnull=False).exists()


def test_the_publication_date_index_serves_newest_first(db):
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "quotes_quote")
    index = indexes["quote_published_idx"]
    assert index["columns"] == ["published_at", "id"]
    if connection.vendor == "postgresql":
        # A backward walk of an ascending index would put undated quotations first.
        assert index["orders"] == ["DESC", "DESC"]


def test_lost_publication_date_triggers_are_restored_by_migrate(corpus):
    article = corpus.articles["sanctions"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for name in SQLITE_PUBLISHED_TRIGGER_NAMES:
                cursor.execute(f"DROP TRIGGER {name}")
            cursor.execute("DROP INDEX quote_published_idx")
        quote = Quote.objects.create(article=article, text="lost", kind="direct", start=0, end=5)
        assert Quote.objects.get(pk=quote.pk).published_at is None
        call_command("migrate", verbosity=0)  # its post_migrate signal runs the repair
        assert Quote.objects.get(pk=quote.pk).published_at == article.published_at
        article.published_at = datetime.date(2001, 2, 3)
        article.save()
        assert Quote.objects.get(pk=quote.pk).published_at == datetime.date(2001, 2, 3)
        with connection.cursor() as cursor:
            assert "quote_published_idx" in connection.introspection.get_constraints(cursor, "quotes_quote")
    assert ensure_search_index(connection) is False
