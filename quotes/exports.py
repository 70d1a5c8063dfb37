"""The CSV download of a search: every cell computed by the database, streamed without holding the rows.

The cells are SQL expressions over the search's own queryset (``csv_cells``), the same on both databases, so
what a row holds is defined once, and checked against ``public.quote_csv_row`` by the tests. PostgreSQL then
writes the CSV itself (``COPY … TO STDOUT``), which is several times faster than reading the rows into
Python and writing them again; elsewhere Python's csv module writes the rows it reads. Both quote a field
only when it needs it and leave an empty cell empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from functools import partial
from itertools import islice

from django.db import connections
from django.db.models import Case, F, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Substr
from django.db.models.lookups import In

from . import public
from .models import Quote


def _text(expression) -> Case:
    """A text cell: empty as NULL (which both writers leave empty), a formula start neutralised."""
    cell = NullIf(expression, Value(""), output_field=TextField())
    return Case(
        When(
            In(Substr(cell, 1, 1), list(public.FORMULA_STARTS)),
            then=Concat(Value("'"), cell, output_field=TextField()),
        ),
        default=cell,
        output_field=TextField(),
    )


def _by_speaker(person, organisation) -> Case:
    """A speaker cell: the person's value, else the value of the organisation speaking as such, else none."""
    return Case(
        When(Q(speaker_person__isnull=False), then=person),
        When(Q(speaker_organisation__isnull=False), then=organisation),
        output_field=TextField(),
    )


def csv_cells(queryset: QuerySet, *, base_url: str) -> QuerySet:
    """``queryset``'s rows as the cells of ``public.CSV_COLUMNS``, in that order, computed by the database."""
    prefix, suffix = public.article_path_template().split("{}")
    cells = {
        "id": F("id"),
        "text": _text(F("text")),
        "kind": F("kind"),
        "status": F("status"),
        "speaker_type": _by_speaker(Value("person"), Value("organisation")),
        "speaker_name": _text(_by_speaker(F("speaker_person__name"), F("speaker_organisation__name"))),
        "speaker_slug": _text(_by_speaker(F("speaker_person__slug"), F("speaker_organisation__slug"))),
        "speaker_kind": _by_speaker(F("speaker_person__kind"), F("speaker_organisation__kind")),
        "speaker_mention": _text(F("speaker_mention")),
        "role": _text(F("role")),
        "organisation_name": _text(F("organisation__name")),
        "organisation_slug": _text(F("organisation__slug")),
        "article_id": F("article_id"),
        "article_title": _text(F("article__title")),
        "article_url": _text(F("article__url")),
        "publication": _text(F("article__publication__name")),
        "published_at": Cast("article__published_at", output_field=TextField()),
        "source": _text(F("article__source_name")),
        "start": F("start"),
        "end": F("end"),
        "quote_url": Concat(
            Value(f"{base_url}{prefix}"),
            Cast("article_id", output_field=TextField()),
            Value(f"{suffix}#q"),
            Cast("id", output_field=TextField()),
            output_field=TextField(),
        ),
        "statement_id": F("statement_id"),
        "statement_report_count": F("statement__report_count"),
        # The first report (the quotation's own when it has gone since: a statement is refreshed then).
        "statement_first_quote_id": Coalesce("statement__first_quote_id", "id"),
        "statement_first_article_id": Coalesce("statement__first_quote__article_id", "article_id"),
        "statement_first_outlet": _text(
            Case(
                When(statement__first_quote__isnull=True, then=F("article__publication__name")),
                default=F("statement__first_quote__article__publication__name"),
                output_field=TextField(),
            )
        ),
        "statement_first_published": Cast(
            Case(
                When(statement__first_quote__isnull=True, then=F("article__published_at")),
                default=F("statement__first_quote__article__published_at"),
            ),
            output_field=TextField(),
        ),
    }
    assert list(cells) == public.CSV_COLUMNS
    names = {column: f"csv_{column}" for column in cells}
    return queryset.annotate(**{names[column]: cell for column, cell in cells.items()}).values_list(
        *names.values()
    )


def csv_chunks(
    search: public.QuoteSearch, *, base_url: str, max_rows: int, per_statement: bool = False
) -> Iterator[str | bytes]:
    """The header, then at most ``max_rows`` quotations of the search in its order, as CSV text; with
    ``per_statement``, a statement's first quotation in that order only (written by Python's csv module
    on both databases, as it has to skip the others)."""
    yield _written([public.CSV_COLUMNS])
    if per_statement:
        rows = _one_per_statement(search.rows_in_order(partial(csv_cells, base_url=base_url)), max_rows)
        while chunk := list(islice(rows, public.EXPORT_CHUNK_SIZE)):
            yield _written(chunk)
        return
    if connections[Quote.objects.db].vendor != "postgresql":
        rows = search.rows_in_order(partial(csv_cells, base_url=base_url), limit=max_rows)
        while chunk := list(islice(rows, public.EXPORT_CHUNK_SIZE)):
            yield _written(chunk)
        return
    for part in search.parts_in_order(limit=max_rows):
        if not part.query.is_empty():
            yield from _copied(csv_cells(part, base_url=base_url))


def _one_per_statement(rows: Iterator[tuple], max_rows: int) -> Iterator[tuple]:
    column = public.CSV_COLUMNS.index("statement_id")
    seen: set[int] = set()
    for row in rows:
        if row[column] not in seen:
            seen.add(row[column])
            if len(seen) > max_rows:
                return
            yield row


def _written(rows: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def _copied(cells: QuerySet) -> Iterator[bytes]:
    """PostgreSQL writing the rows of ``cells`` as CSV, streamed in the pieces it sends. (Its lines end in a
    line feed, Python's in a carriage return and a line feed; CSV readers take both.)"""
    connection = connections[cells.db]
    sql, params = cells.query.sql_with_params()
    connection.ensure_connection()
    statement = f"COPY ({sql}) TO STDOUT WITH CSV"
    with connection.connection.cursor() as cursor, cursor.copy(statement, params) as copy:
        for piece in copy:
            yield bytes(piece)
