"""The search index belongs to the database: its objects exist, and SQLite's triggers come back after a
later migration remakes the quotation table (SQLite alters a table by copying it, losing its triggers)."""

from django.core.management import call_command
from django.db import connection

from quotes.models import Quote
from quotes.search_schema import SQLITE_TRIGGER_NAMES, ensure_search_index


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
