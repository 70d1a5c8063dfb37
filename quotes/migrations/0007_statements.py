"""Statements (quotes/statements.py): the table, every stored quotation given a statement of its own (one
report each; ``group_statements`` groups them afterwards), then the column made required; the
fingerprint index of every stored quotation.
"""

import django.db.models.deletion
from django.db import migrations, models

from quotes import search_schema, statements

BACKFILL_STATEMENTS = [
    """INSERT INTO quotes_statement (first_quote_id, report_count, outlet_count, curated, created_at, updated_at)
    SELECT id, 1, 1, FALSE, created_at, created_at FROM quotes_quote ORDER BY id""",
    """UPDATE quotes_quote SET statement_id = (
        SELECT s.id FROM quotes_statement s WHERE s.first_quote_id = quotes_quote.id)""",
]


def backfill_statements(apps, schema_editor):
    for statement in BACKFILL_STATEMENTS:
        schema_editor.execute(statement, params=None)


def drop_sqlite_triggers(apps, schema_editor):
    # SQLite makes a quotation column required by remaking the table, and the search index's triggers on
    # other tables that name quotes_quote would break the rename: they are put back just after.
    if schema_editor.connection.vendor == "sqlite":
        for name in [*search_schema.SQLITE_TRIGGER_NAMES, *search_schema.SQLITE_PUBLISHED_TRIGGER_NAMES]:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


def restore_sqlite_triggers(apps, schema_editor):
    search_schema.ensure_search_index(schema_editor.connection)


def backfill_fingerprints(apps, schema_editor):
    Quote = apps.get_model("quotes", "Quote")
    QuoteFingerprint = apps.get_model("quotes", "QuoteFingerprint")
    rows = []
    quotes = Quote.objects.order_by("id").values_list(
        "id", "text", "kind", "speaker_person_id", "speaker_organisation_id"
    )
    for quote_id, text, kind, person_id, organisation_id in quotes.iterator(chunk_size=2000):
        key = statements.speaker_key(person_id=person_id, organisation_id=organisation_id)
        rows += [
            QuoteFingerprint(quote_id=quote_id, hash=value)
            for value in statements.fingerprints(statements.compared_words(text, kind), key)
        ]
        if len(rows) >= 5000:
            QuoteFingerprint.objects.bulk_create(rows)
            rows = []
    QuoteFingerprint.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0006_drop_quote_kind_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="Statement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "report_count",
                    models.PositiveIntegerField(default=1, help_text="Reports that are not rejected"),
                ),
                (
                    "outlet_count",
                    models.PositiveIntegerField(default=1, help_text="Outlets among those reports"),
                ),
                (
                    "curated",
                    models.BooleanField(
                        default=False,
                        help_text="A curator merged or split it; re-extraction keeps its reports.",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "first_quote",
                    models.ForeignKey(
                        blank=True,
                        help_text="The earliest report (by publication date, then as stored)",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="quotes.quote",
                    ),
                ),
            ],
            options={
                "ordering": ["-id"],
            },
        ),
        migrations.AddField(
            model_name="quote",
            name="statement",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="quotes.statement",
            ),
        ),
        migrations.RunPython(backfill_statements, migrations.RunPython.noop),
        migrations.RunPython(drop_sqlite_triggers, restore_sqlite_triggers),
        migrations.AlterField(
            model_name="quote",
            name="statement",
            field=models.ForeignKey(
                blank=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="quotes.statement",
            ),
        ),
        migrations.RunPython(restore_sqlite_triggers, drop_sqlite_triggers),
        migrations.CreateModel(
            name="QuoteFingerprint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("hash", models.BigIntegerField()),
                (
                    "quote",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="fingerprints",
                        to="quotes.quote",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["hash"], name="quote_fingerprint_hash_idx")],
                "constraints": [
                    models.UniqueConstraint(fields=("quote", "hash"), name="quote_fingerprint_unique")
                ],
            },
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["-outlet_count", "-id"], name="statement_outlets_idx"),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(("report_count__gte", 0)), name="statement_report_count_valid"
            ),
        ),
        migrations.RunPython(backfill_fingerprints, migrations.RunPython.noop),
    ]
