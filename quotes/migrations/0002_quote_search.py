"""Full-text search over quotations: FTS5 on SQLite, a tsvector column and pg_trgm on PostgreSQL.

The objects and their SQL live in quotes/search_schema.py, shared with the post-migrate repair.
"""

import django.db.models.deletion
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from quotes import search_schema


class RunSQLOnVendor(migrations.RunSQL):
    """RunSQL whose statements depend on the database engine; engines without any are left alone."""

    def __init__(self, forward: dict[str, list[str]], backward: dict[str, list[str]]):
        self.forward_by_vendor = forward
        self.backward_by_vendor = backward
        super().__init__(sql=migrations.RunSQL.noop, reverse_sql=migrations.RunSQL.noop)

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.forward_by_vendor, self.backward_by_vendor], {})

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for statement in self.forward_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for statement in self.backward_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    def describe(self):
        return "Create the quotation search index for this database engine"


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        RunSQLOnVendor(search_schema.FORWARD, search_schema.BACKWARD),
        # SQLite's FTS5 table as Django sees it (unmanaged: the statements above create it).
        migrations.CreateModel(
            name="QuoteSearchEntry",
            fields=[
                (
                    "quote",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="quotes.quote",
                    ),
                ),
                ("text", models.TextField()),
                ("speaker", models.TextField()),
                ("document", models.TextField(db_column="quotes_quote_fts")),
            ],
            options={
                "db_table": "quotes_quote_fts",
                "managed": False,
            },
        ),
    ]
