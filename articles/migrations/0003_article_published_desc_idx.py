"""An index for "newest first" on PostgreSQL: publication date descending with undated articles last.

Search results and listings order by ``published_at DESC NULLS LAST``. SQLite's default descending order
already puts NULL last and walks the existing ascending index backwards, but rejects NULLS LAST in an index;
PostgreSQL's backward walk puts NULL first, so without this index it sorts every row. Not a model index,
since the same model serves both engines.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS article_published_desc_idx "
            "ON articles_article (published_at DESC NULLS LAST, id DESC)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_published_desc_idx")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_curation_permissions_and_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
