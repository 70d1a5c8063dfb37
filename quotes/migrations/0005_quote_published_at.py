"""The article's publication date copied onto quotations, kept by the database (quotes/search_schema.py):
the column, the triggers that keep it, its values for the quotations already stored, and an index for
newest first. The triggers and the index differ by engine, so they are created here rather than declared.
"""

from django.db import migrations, models

from quotes import search_schema


def create_published_copy(apps, schema_editor):
    for statement in search_schema.PUBLISHED_FORWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def drop_published_copy(apps, schema_editor):
    for statement in search_schema.PUBLISHED_BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_published_desc_idx"),
        ("quotes", "0004_merge_0002_quote_search_0003_curator_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="published_at",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(create_published_copy, drop_published_copy),
    ]
