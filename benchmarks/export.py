"""Export: the streamed CSV download of every public quotation, against PostgreSQL's own COPY … TO STDOUT.

Both read the same rows: the COPY runs the very SQL the export's queryset compiles to (same joins, same
order), so the difference is what Django and the CSV writer add per row. Each side runs in a child process
of its own, whose peak resident memory is the figure reported.
"""

from __future__ import annotations

from benchmarks.measure import Clock, run_child


def measure_csv_export() -> dict:
    """Download /export/quotes.csv through the test client, reading the stream chunk by chunk."""
    from django.test import Client, override_settings

    from quotes.models import Quote

    rows = Quote.objects.public().count()
    # Every public quotation, past the site's per-download cap (QUOTES_EXPORT_MAX_ROWS).
    with override_settings(QUOTES_EXPORT_MAX_ROWS=rows):
        clock = Clock()
        response = Client(SERVER_NAME="localhost").get("/export/quotes.csv")
        if response.status_code != 200:
            raise RuntimeError(f"/export/quotes.csv answered {response.status_code}")
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
        seconds = clock.seconds
    if lines < rows + 1:
        raise RuntimeError(f"the export has {lines} lines for {rows} quotations")
    return {"rows": rows, "seconds": seconds, "bytes": size}


def export_sql() -> tuple[str, tuple]:
    """The SQL and parameters the export of every public quotation (newest first) reads its rows with."""
    from quotes import public

    queryset = public.QuoteSearch.from_params({}).ordered().values_list(*public.EXPORT_VALUES)
    return queryset.query.sql_with_params()


def measure_copy() -> dict:
    """COPY (the export's SQL) TO STDOUT WITH CSV, read through psycopg 3's cursor.copy()."""
    from django.db import connection

    sql, params = export_sql()
    connection.ensure_connection()
    clock = Clock()
    size = rows = 0
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY ({sql}) TO STDOUT WITH CSV", params) as copy,
    ):
        for chunk in copy:
            size += len(chunk)
            rows += bytes(chunk).count(b"\n")
    return {"rows": rows, "seconds": clock.seconds, "bytes": size}


def run(*, database_url: str) -> dict:
    """Both measurements on a PostgreSQL database that holds the corpus already."""
    export, export_memory = run_child("export.measure_csv_export", database_url=database_url)
    copy, copy_memory = run_child("export.measure_copy", database_url=database_url)
    export_rate = export["rows"] / export["seconds"]
    copy_rate = copy["rows"] / copy["seconds"]
    return {
        "export_rows": export["rows"],
        "export_csv_rows_per_second": export_rate,
        "export_csv_peak_memory_mb": export_memory,
        "export_csv_megabytes": export["bytes"] / 1e6,
        "export_copy_rows_per_second": copy_rate,
        "export_copy_peak_memory_mb": copy_memory,
        "export_ratio": export_rate / copy_rate,
    }
