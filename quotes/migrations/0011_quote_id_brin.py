"""PostgreSQL: a BRIN index of the quotations' ids, so a search can read its matches among the most
recently added (``id > n``) without visiting the older ones. Quotations are added in id order, so ids
follow the table's pages and the index is a few pages for millions of rows; the planner ANDs it with the
words' GIN index (quotes/search.py, ``most_recently_added``). SQLite reads FTS5 by rowid instead."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS quote_id_brin ON quotes_quote USING brin (id)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS quote_id_brin")


class Migration(migrations.Migration):
    dependencies = [("quotes", "0010_speaker_name_search_idx")]

    operations = [migrations.RunPython(create_index, drop_index)]
