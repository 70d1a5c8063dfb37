"""Search at scale: latency of the search page and the API over a fixed query set, against raw SQL.

The corpus comes from ``generate_corpus`` (Zipf-distributed real vocabulary, so "russia" is common and
"topiary" rare) into a database kept between runs: one per size and seed, reused when it holds exactly that
corpus. Pages are requested through Django's test client in this process, so the figures are the server's
own time (routing, queries, template rendering), without a network or a WSGI server in front.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.measure import (
    Clock,
    ensure_postgres_database,
    percentile,
    postgres_admin,
    postgres_url,
    run_child,
    timed,
)

DATA_FOLDER = Path(os.environ.get("BENCH_DATA", "/tmp/quotes-bench"))
# The corpus databases' names begin with this (bench_1m, bench_100k): another prefix keeps a second
# working copy's corpora apart from the first's on a shared server.
DATABASE_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "bench")


@dataclass(frozen=True)
class Query:
    """One search as the site takes it, and the same full-text query written by hand for each database."""

    label: str
    params: dict
    websearch: str | None = None  # PostgreSQL's websearch_to_tsquery text
    fts5: str | None = None  # SQLite's FTS5 MATCH expression
    conditions: dict = field(default_factory=dict)  # the filters, for the hand-written SQL

    @property
    def slug(self) -> str:
        return re.sub(r"\W+", "_", self.label).strip("_")


QUERIES = (
    Query("common word", {"q": "russia"}, "russia", "russia"),
    Query("rare word", {"q": "topiary"}, "topiary", "topiary"),
    Query("phrase", {"q": '"president putin"'}, '"president putin"', '"president putin"'),
    Query("exclusion", {"q": "russia -ukraine"}, "russia -ukraine", "russia NOT ukraine"),
    Query(
        "word with filters",
        {"q": "missiles", "kind": "direct", "year": "2019"},
        "missiles",
        "missiles",
        {"kind": "direct", "year": 2019},
    ),
    Query(
        "word and person",
        {"q": "moscow", "person": "synthetic-1-person-0"},
        "moscow",
        "moscow",
        {"person": "synthetic-1-person-0"},
    ),
    # 60 of a million quotations' 6,666 people are named Gabuev: what they said about Russia comes first.
    Query("speaker named", {"q": "gabuev russia"}, "gabuev russia", "gabuev russia"),
    Query("newest, no words", {}),
)
RESULTS_PER_PAGE = 20


def database_label(quotes: int, seed: int) -> str:
    size = f"{quotes // 1_000_000}m" if quotes % 1_000_000 == 0 else f"{quotes // 1000}k"
    if quotes % 1000:
        size = str(quotes)
    return f"{DATABASE_PREFIX}_{size}" + ("" if seed == 1 else f"_s{seed}")


def corpus_url(vendor: str, quotes: int, seed: int) -> str:
    if vendor == "sqlite":
        DATA_FOLDER.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{DATA_FOLDER / database_label(quotes, seed)}.sqlite3"
    return postgres_url(database_label(quotes, seed))


def drop_corpus(vendor: str, quotes: int, seed: int) -> None:
    if vendor == "sqlite":
        for path in DATA_FOLDER.glob(f"{database_label(quotes, seed)}.sqlite3*"):
            path.unlink()
    else:
        name = database_label(quotes, seed)
        postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres_admin(f'CREATE DATABASE "{name}"')


# -- in the child process ------------------------------------------------------------------------------


def corpus_ready(*, quotes: int, seed: int) -> dict:
    """Whether this database holds exactly the corpus of ``quotes`` quotations generated with ``seed``."""
    from django.db import connection

    from articles.models import Article, ArticleSignature
    from quotes.models import Quote

    if "quotes_quote" not in connection.introspection.table_names():
        return {"ready": False}
    synthetic = Article.objects.filter(source_name__startswith=f"synthetic:{seed}:").count()
    ready = synthetic > 0 and synthetic == Article.objects.count() and Quote.objects.count() == quotes
    # A corpus generated before it held what ingest indexes (signatures, fingerprints) has the same counts
    # but would measure grouping against empty indexes: generated again.
    ready = ready and ArticleSignature.objects.count() == synthetic
    return {"ready": ready}


def migrate() -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    settle()
    return {}


def settle() -> None:
    """Bring the database to the state a live one keeps itself in: planner statistics up to date and, on
    PostgreSQL, vacuumed. Autovacuum would do it after a bulk load (it is off on some servers, this one
    included); until then every new index entry waits in the GIN indexes' pending lists, which each
    search reads through (13 ms for a name search among 6,666 people, against 0.3 ms once vacuumed)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def generate(*, quotes: int, seed: int) -> dict:
    """Migrate the (empty) database, generate the corpus and settle it."""
    from django.core.management import call_command

    from quotes.synthetic import generate_corpus, indexes_built_after

    call_command("migrate", verbosity=0)
    clock = Clock()
    with indexes_built_after():
        generate_corpus(quotes=quotes, seed=seed)
    seconds = clock.seconds
    settle()
    return {"seconds": seconds}


NAMED_SPEAKERS_SQL = (
    "SELECT 'person', id FROM quotes_person "
    "WHERE to_tsvector('english'::regconfig, name) @@ websearch_to_tsquery('english', %s) UNION ALL "
    "SELECT 'organisation', id FROM quotes_organisation "
    "WHERE to_tsvector('english'::regconfig, name) @@ websearch_to_tsquery('english', %s)"
)


def sought_terms(query: Query) -> str:
    """The words and phrases a search seeks, any of them, as websearch_to_tsquery reads them."""
    from quotes.search import parse_query

    return " OR ".join(f'"{term}"' for term in parse_query(query.params["q"]).terms)


def named_speakers(cursor, query: Query) -> dict[str, list[int]]:
    """PostgreSQL: the people and organisations whose names the search's words match, read first as the
    page reads them."""
    sought = sought_terms(query)
    cursor.execute(NAMED_SPEAKERS_SQL, [sought, sought])
    named = {"person": [], "organisation": []}
    for table, pk in cursor.fetchall():
        named[table].append(pk)
    return named


def raw_sql(query: Query, vendor: str, named: dict | None = None) -> list[tuple[str, list]]:
    """The page's own search written by hand: the first 20 in relevance order, read as the page reads
    them: the matches whose speaker the words name, newest first, then the others among the
    RECENT_MATCHES + 1 most recently added matches (not rejected, with the filters), which also give the
    count; without words, the newest 20.

    Returned as statements to run in turn until one finds a full window (its rows carry the number found),
    as the page reads: on PostgreSQL the newest slice of the collection first, then every match
    (``QuoteQuerySet.most_recently_added`` says why), and every match at once with a narrowing filter.
    On PostgreSQL ``named`` holds the ids of the speakers the words name (``named_speakers``).
    """
    from quotes.models import Person
    from quotes.public import NARROWING_FILTERS, RECENT_MATCHES
    from quotes.search import RECENT_SLICE, _fts5_speaker_named, parse_query

    conditions, params = ["q.status <> 'rejected'"], []
    if "kind" in query.conditions:
        conditions.append("q.kind = %s")
        params.append(query.conditions["kind"])
    if "year" in query.conditions:
        conditions.append("q.published_at >= %s AND q.published_at < %s")
        params += [f"{query.conditions['year']}-01-01", f"{query.conditions['year'] + 1}-01-01"]
    if "person" in query.conditions:
        # By id, as the page filters (it reads the id first).
        conditions.append("q.speaker_person_id = %s")
        params.append(Person.objects.get(slug=query.conditions["person"]).pk)
    where = " AND ".join(conditions)
    window = RECENT_MATCHES + 1
    if query.websearch is None:
        sql = (
            f"SELECT q.id, q.text FROM quotes_quote q WHERE {where} "
            f"ORDER BY q.published_at DESC NULLS LAST, q.id DESC LIMIT {RESULTS_PER_PAGE}"
        )
        return [(sql, params)]
    parsed = parse_query(query.params["q"])

    def best(named: str, recent: str) -> str:
        return (
            f"WITH named AS ({named}), recent AS ({recent}) "
            "SELECT id, text, rank, (SELECT count(*) FROM recent) AS found FROM ("
            "SELECT id, text, 1 AS rank FROM named UNION ALL SELECT id, text, 0 FROM recent WHERE rank = 0"
            f") ranked ORDER BY rank DESC, id DESC LIMIT {RESULTS_PER_PAGE}"
        )

    if vendor == "postgresql":
        # The named speakers' ids, read first (``named_speakers``): none, and nothing is named.
        named = named or {"person": [], "organisation": []}
        named_speaker = (
            "(q.speaker_person_id = ANY(%s) "
            "OR (q.speaker_person_id IS NULL AND q.speaker_organisation_id = ANY(%s)))"
        )
        ids = [named["person"], named["organisation"]]
        matching = (
            f"SELECT q.id, q.text, CASE WHEN {named_speaker} THEN 1 ELSE 0 END AS rank "
            "FROM websearch_to_tsquery('english', %s) query, quotes_quote q "
            f"WHERE q.search_vector @@ query AND {where}"
        )
        named_first = (
            "SELECT q.id, q.text FROM websearch_to_tsquery('english', %s) query, quotes_quote q "
            f"WHERE q.search_vector @@ query AND {where} AND {named_speaker} "
            f"ORDER BY q.id DESC LIMIT {RESULTS_PER_PAGE}"
        )
        if not named["person"] and not named["organisation"]:
            named_first, named_arguments = "SELECT NULL::bigint AS id, NULL::text AS text WHERE false", []
        else:
            named_arguments = [query.websearch, *params, *ids]
        newest_slice = (
            f"{matching} AND q.id > (SELECT max(id) FROM quotes_quote) - {RECENT_SLICE * window} "
            f"ORDER BY q.id DESC LIMIT {window}"
        )
        every_match = f"{matching} ORDER BY q.id + 0 DESC LIMIT {window}"
        arguments = [*named_arguments, *ids, query.websearch, *params]
        if set(query.conditions) & set(NARROWING_FILTERS):  # the page skips the slice for these
            return [(best(named_first, every_match), arguments)]
        return [(best(named_first, newest_slice), arguments), (best(named_first, every_match), arguments)]
    speaker = _fts5_speaker_named(parsed)
    recent = (
        "SELECT q.id, q.text, CASE WHEN q.id IN (SELECT rowid FROM quotes_quote_fts "
        "WHERE quotes_quote_fts MATCH %s) THEN 1 ELSE 0 END AS rank FROM quotes_quote_fts "
        "JOIN quotes_quote q ON q.id = quotes_quote_fts.rowid "
        f"WHERE quotes_quote_fts MATCH %s AND {where} "
        f"ORDER BY quotes_quote_fts.rowid DESC LIMIT {window}"
    )
    named_first = (
        "SELECT q.id, q.text FROM quotes_quote_fts JOIN quotes_quote q ON q.id = quotes_quote_fts.rowid "
        f"WHERE quotes_quote_fts MATCH %s AND {where} "
        f"ORDER BY quotes_quote_fts.rowid DESC LIMIT {RESULTS_PER_PAGE}"
    )
    arguments = [f"({query.fts5}) AND ({speaker})", *params, speaker, query.fts5, *params]
    return [(best(named_first, recent), arguments)]


def expect_ok(response) -> None:
    if response.status_code != 200:
        raise RuntimeError(f"{response.request['PATH_INFO']} answered {response.status_code}")


def measure_latencies(*, repeats: int = 10, queries: list[str] | None = None) -> dict:
    """Milliseconds per request of ``/``, ``/api/quotes/``, the topic view (``/topic/``: who speaks on
    the search, with its filters) and the count page (``/counts/``: every match counted), of the raw SQL,
    and of the statements the page sent (``page_sql``), for every query.

    Returns, per query slug, the lists of samples (one warm-up request of each is not counted).
    """
    import contextlib

    from django.db import connection
    from django.test import Client

    from quotes.public import RECENT_MATCHES

    client = Client(SERVER_NAME="localhost")  # a host the settings allow
    # The time a page spends in the database, every statement it sends, beside its whole time: what the
    # rest (the ORM's objects, the template, Python) costs. Only on PostgreSQL, where psycopg reads every
    # row within execute(); SQLite steps through the rows afterwards, outside the statement's time.
    timing_statements = connection.vendor == "postgresql"
    samples = {}
    for query in QUERIES:
        if queries is not None and query.slug not in queries:
            continue

        page_sql = []

        def page(query=query, page_sql=page_sql):
            spent = [0.0]

            def in_database(execute, sql, params, many, context):
                clock = Clock()
                try:
                    return execute(sql, params, many, context)
                finally:
                    spent[0] += clock.seconds * 1000

            wrapper = (
                connection.execute_wrapper(in_database) if timing_statements else contextlib.nullcontext()
            )
            with wrapper:
                expect_ok(client.get("/", query.params))
            page_sql.append(spent[0])

        def api(query=query):
            expect_ok(client.get("/api/quotes/", {**query.params, "limit": RESULTS_PER_PAGE}))

        def topic(query=query):
            expect_ok(client.get("/topic/", query.params))

        def counts(query=query):
            expect_ok(client.get("/counts/", query.params))

        def raw(query=query):
            with connection.cursor() as cursor:
                named = None
                if connection.vendor == "postgresql" and query.websearch is not None:
                    named = named_speakers(cursor, query)
                for sql, params in raw_sql(query, connection.vendor, named):
                    cursor.execute(sql, params)
                    rows = cursor.fetchall()
                    # A window statement's rows end with how many it found; the newest 20 have no count.
                    if rows and (len(rows[0]) < 4 or rows[0][3] > RECENT_MATCHES):
                        break

        measured = {"page": [], "api": [], "raw": [], "topic": [], "counts": []}
        steps = (("raw", raw), ("page", page), ("api", api), ("topic", topic), ("counts", counts))
        for repeat in range(repeats + 1):
            for name, function in steps:
                milliseconds = timed(function)
                if repeat:  # the first round warms caches and is not counted
                    measured[name].append(milliseconds)
        if timing_statements:
            measured["page_sql"] = page_sql[1:]
        samples[query.slug] = measured
    return samples


# -- in the parent -------------------------------------------------------------------------------------


def ensure_corpus(vendor: str, *, quotes: int, seed: int) -> tuple[str, float | None]:
    """The URL of a database holding the corpus, generated now unless it was there already."""
    url = corpus_url(vendor, quotes, seed)
    if vendor == "postgresql":
        ensure_postgres_database(database_label(quotes, seed))
    state, _ = run_child("search.corpus_ready", database_url=url, quotes=quotes, seed=seed)
    if state["ready"]:
        run_child("search.migrate", database_url=url)  # a kept corpus gets the indexes added since
        return url, None
    drop_corpus(vendor, quotes, seed)
    generated, _ = run_child("search.generate", database_url=url, quotes=quotes, seed=seed)
    return url, generated["seconds"]


def summarise(vendor: str, samples: dict) -> dict:
    results = {}
    pooled = defaultdict(list)
    worst_ratio = 0.0
    for slug, measured in samples.items():
        for name, values in measured.items():
            pooled[name] += values
        ratio = percentile(measured["page"], 0.5) / percentile(measured["raw"], 0.5)
        worst_ratio = max(worst_ratio, ratio)
        results[f"search_{vendor}_{slug}_page_p50_ms"] = percentile(measured["page"], 0.5)
        results[f"search_{vendor}_{slug}_page_p95_ms"] = percentile(measured["page"], 0.95)
        results[f"search_{vendor}_{slug}_api_p50_ms"] = percentile(measured["api"], 0.5)
        results[f"search_{vendor}_{slug}_topic_p50_ms"] = percentile(measured["topic"], 0.5)
        results[f"search_{vendor}_{slug}_topic_p95_ms"] = percentile(measured["topic"], 0.95)
        results[f"search_{vendor}_{slug}_counts_p50_ms"] = percentile(measured["counts"], 0.5)
        results[f"search_{vendor}_{slug}_counts_p95_ms"] = percentile(measured["counts"], 0.95)
        results[f"search_{vendor}_{slug}_raw_p50_ms"] = percentile(measured["raw"], 0.5)
        if "page_sql" in measured:
            results[f"search_{vendor}_{slug}_page_sql_p50_ms"] = percentile(measured["page_sql"], 0.5)
        results[f"search_{vendor}_{slug}_page_over_raw"] = ratio
    for name, values in pooled.items():
        results[f"search_{vendor}_{name}_p50_ms"] = percentile(values, 0.5)
        results[f"search_{vendor}_{name}_p95_ms"] = percentile(values, 0.95)
    results[f"search_{vendor}_page_over_raw"] = (
        results[f"search_{vendor}_page_p50_ms"] / results[f"search_{vendor}_raw_p50_ms"]
    )
    results[f"search_{vendor}_page_over_raw_worst_query"] = worst_ratio
    if "page_sql" in pooled:  # how much of a page is the database's time at all
        results[f"search_{vendor}_page_sql_share"] = (
            results[f"search_{vendor}_page_sql_p50_ms"] / results[f"search_{vendor}_page_p50_ms"]
        )
    return results


def run(*, quotes: int, seed: int = 1, vendors=("postgresql", "sqlite"), repeats: int = 10) -> dict:
    results: dict[str, float] = {"search_quotes": quotes}
    for vendor in vendors:
        url, generation_seconds = ensure_corpus(vendor, quotes=quotes, seed=seed)
        if generation_seconds is not None:
            results[f"search_{vendor}_generate_seconds"] = generation_seconds
            results[f"search_{vendor}_generate_quotes_per_second"] = quotes / generation_seconds
        samples, _ = run_child("search.measure_latencies", database_url=url, repeats=repeats)
        results |= summarise(vendor, samples)
    return results


def run_at_scale(*, quotes: int, seed: int = 1, repeats: int = 10) -> dict:
    """The same searches on PostgreSQL over a larger corpus (ten million quotations in ``make bench``),
    generated once and kept like the others; its figures are named ``search_postgresql_<size>_…``, with
    the time its generation took (when it ran) and the database's size on disk."""
    import psycopg

    size = database_label(quotes, seed).removeprefix(f"{DATABASE_PREFIX}_")
    prefix = f"search_postgresql_{size}_"
    url, generation_seconds = ensure_corpus("postgresql", quotes=quotes, seed=seed)
    results: dict[str, float] = {f"{prefix}quotes": quotes}
    if generation_seconds is not None:
        results[f"{prefix}generate_seconds"] = generation_seconds
    with psycopg.connect(url) as connection:
        (size_bytes,) = connection.execute("SELECT pg_database_size(current_database())").fetchone()
    results[f"{prefix}database_bytes"] = size_bytes
    samples, _ = run_child("search.measure_latencies", database_url=url, repeats=repeats)
    for name, value in summarise("postgresql", samples).items():
        results[name.replace("search_postgresql_", prefix, 1)] = value
    return results
