"""PostgreSQL: the people's and organisations' names as the search vector reads them, indexed, so a search
finds the speakers its words name (the first level of the relevance order, quotes/search.py) without
reading every name. SQLite answers the same from the FTS5 index's speaker column."""

from django.db import migrations

NAME_VECTOR = "to_tsvector('english'::regconfig, name)"
INDEXES = {
    "person_name_search_idx": "quotes_person",
    "organisation_name_search_idx": "quotes_organisation",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, table in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({NAME_VECTOR})")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("quotes", "0009_quote_topic_idx")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
