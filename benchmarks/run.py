"""Run the benchmarks, write benchmarks/results.json (flat figures) and print a table.

    python -m benchmarks.run [--only extraction,loading,grouping,search,export,ingestion]
                             [--quotes N] [--articles N]
                             [--load-quotes N] [--repeats N]

Sizes default to the environment (BENCH_QUOTES, BENCH_ARTICLES, BENCH_LOAD_QUOTES, BENCH_REPEATS), else to
the full run: 1,000,000 quotations for search and export, 200 articles, 100,000 loaded candidates.
Every headline figure is a ratio against a reference measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from benchmarks import export, extraction, grouping, ingestion, loading, search
from benchmarks.measure import Clock

RESULTS = Path(__file__).resolve().parent / "results.json"
BENCHMARKS = ("extraction", "loading", "grouping", "search", "search_10m", "export", "ingestion")

# (figure, what it is, target as (comparison, value) or None)
HEADLINES = [
    ("extraction_sqlite_ratio", "extraction words/s ÷ bare nlp.pipe words/s (SQLite)", (">=", 0.8)),
    ("extraction_postgresql_ratio", "extraction words/s ÷ bare nlp.pipe words/s (PostgreSQL)", (">=", 0.8)),
    ("extraction_sqlite_cpu_ratio", "the same per CPU second of the process (SQLite)", (">=", 0.8)),
    ("extraction_sqlite_words_per_second", "extraction words/s, 1 process (SQLite)", None),
    ("extraction_sqlite_articles_per_second", "extraction articles/s, 1 process (SQLite)", None),
    ("extraction_sqlite_peak_memory_mb", "extraction peak memory MB, 1 process", None),
    ("extraction_sqlite_workers2_scaling", "extraction --workers 2 ÷ --workers 1", None),
    ("loading_sqlite_store_rows_per_second", "store_article rows/s (SQLite)", None),
    ("loading_sqlite_ratio", "store_article ÷ bulk_create (SQLite)", None),
    ("loading_postgresql_store_rows_per_second", "store_article rows/s (PostgreSQL)", None),
    ("loading_postgresql_ratio", "store_article ÷ bulk_create (PostgreSQL)", None),
    (
        "grouping_sqlite_corpus_ingest_ratio",
        "ingest with statements ÷ without, into the corpus (SQLite)",
        (">=", 0.8),
    ),
    (
        "grouping_postgresql_corpus_ingest_ratio",
        "ingest with statements ÷ without, into the corpus (PostgreSQL)",
        (">=", 0.8),
    ),
    ("grouping_sqlite_corpus_ingest_cpu_ratio", "the same per CPU second of the process (SQLite)", None),
    (
        "grouping_postgresql_corpus_ingest_cpu_ratio",
        "the same per CPU second of the process (PostgreSQL)",
        None,
    ),
    ("grouping_sqlite_corpus_ratio", "storing alone with statements ÷ without, corpus (SQLite)", None),
    (
        "grouping_postgresql_corpus_ratio",
        "storing alone with statements ÷ without, corpus (PostgreSQL)",
        None,
    ),
    ("grouping_sqlite_corpus_cpu_ratio", "the same per CPU second of the process (SQLite)", None),
    ("grouping_postgresql_corpus_cpu_ratio", "the same per CPU second of the process (PostgreSQL)", None),
    ("grouping_sqlite_ratio", "storing alone with statements ÷ without, empty (SQLite)", None),
    ("grouping_postgresql_ratio", "storing alone with statements ÷ without, empty (PostgreSQL)", None),
    ("grouping_sqlite_statements_per_quote", "statements per quotation, repeats and copies (SQLite)", None),
    ("search_postgresql_page_p95_ms", "search page p95 ms (PostgreSQL)", ("<=", 150)),
    ("search_postgresql_api_p95_ms", "API p95 ms (PostgreSQL)", ("<=", 150)),
    ("search_postgresql_page_over_raw", "search page p50 ÷ raw SQL p50 (PostgreSQL)", ("<=", 2)),
    ("search_postgresql_page_sql_share", "share of the page p50 spent in SQL (PostgreSQL)", None),
    ("search_postgresql_topic_p95_ms", "topic view p95 ms (PostgreSQL)", ("<=", 250)),
    ("search_postgresql_counts_p95_ms", "count page p95 ms, every match to 100,000 (PostgreSQL)", None),
    ("search_sqlite_page_p95_ms", "search page p95 ms (SQLite)", ("<=", 300)),
    ("search_sqlite_api_p95_ms", "API p95 ms (SQLite)", ("<=", 150)),
    ("search_sqlite_page_over_raw", "search page p50 ÷ raw SQL p50 (SQLite)", ("<=", 2)),
    ("search_sqlite_topic_p95_ms", "topic view p95 ms (SQLite)", ("<=", 500)),
    ("search_sqlite_counts_p95_ms", "count page p95 ms, every match to 100,000 (SQLite)", None),
    ("search_postgresql_10m_page_p95_ms", "search page p95 ms at 10M quotations (PostgreSQL)", ("<=", 300)),
    ("search_postgresql_10m_api_p95_ms", "API p95 ms at 10M quotations (PostgreSQL)", None),
    ("search_postgresql_10m_topic_p95_ms", "topic view p95 ms at 10M quotations (PostgreSQL)", None),
    ("export_csv_rows_per_second", "CSV export rows/s", None),
    ("export_csv_peak_memory_mb", "CSV export peak memory MB", ("<", 200)),
    ("export_ratio", "CSV export rows/s ÷ COPY rows/s", (">=", 0.25)),
    (
        "ingestion_extract_quotes_articles_per_second",
        "extract_quotes articles/s, 1 process (PostgreSQL)",
        None,
    ),
    ("ingestion_queue_workers1_articles_per_second", "queue articles/s, 1 worker (PostgreSQL)", None),
    ("ingestion_queue_workers2_articles_per_second", "queue articles/s, 2 workers (PostgreSQL)", None),
    ("ingestion_queue_workers1_ratio", "queue 1 worker ÷ extract_quotes 1 process", (">=", 0.8)),
    ("ingestion_queue_workers2_scaling", "queue 2 workers ÷ 1 worker", (">=", 1.6)),
    ("ingestion_queue_workers1_cpu_ratio", "queue 1 worker ÷ extract_quotes, per CPU second", (">=", 0.8)),
    ("ingestion_queue_workers2_cpu_ratio", "queue 2 workers ÷ extract_quotes, per CPU second", None),
    ("ingestion_queue_worker_peak_memory_mb", "queue worker peak memory MB", None),
]


def verdict(value: float, target) -> str:
    if target is None:
        return ""
    comparison, limit = target
    met = {">=": value >= limit, "<=": value <= limit, "<": value < limit}[comparison]
    return f"{comparison} {limit:g}: {'met' if met else 'MISSED'}"


def table(results: dict) -> str:
    lines = [f"{'figure':<58} {'value':>12}  target"]
    for name, description, target in HEADLINES:
        if name in results:
            lines.append(f"{description:<58} {results[name]:>12.3f}  {verdict(results[name], target)}")
    return "\n".join(lines)


def environment_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated benchmarks to run")
    parser.add_argument("--quotes", type=int, default=environment_int("BENCH_QUOTES", 1_000_000))
    parser.add_argument("--articles", type=int, default=environment_int("BENCH_ARTICLES", 200))
    parser.add_argument("--load-quotes", type=int, default=environment_int("BENCH_LOAD_QUOTES", 100_000))
    parser.add_argument("--repeats", type=int, default=environment_int("BENCH_REPEATS", 10))
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    chosen = [name.strip() for name in options.only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")

    # A partial run (--only) updates its own figures and keeps the others from the last run.
    results: dict[str, float] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for name in BENCHMARKS:
        if name not in chosen:
            continue
        print(f"== {name}", file=sys.stderr, flush=True)
        clock = Clock()
        if name == "extraction":
            results |= extraction.run(articles=options.articles)
        elif name == "loading":
            results |= loading.run(quotes=options.load_quotes)
        elif name == "grouping":
            results |= grouping.run(
                quotes=options.load_quotes,
                corpus_quotes=options.quotes,
                batch_articles=environment_int("BENCH_GROUPING_ARTICLES", 200),
                seed=options.seed,
            )
        elif name == "search":
            results |= search.run(quotes=options.quotes, seed=options.seed, repeats=options.repeats)
        elif name == "search_10m":
            results |= search.run_at_scale(
                quotes=environment_int("BENCH_LARGE_QUOTES", 10_000_000),
                seed=options.seed,
                repeats=options.repeats,
            )
        elif name == "ingestion":
            results |= ingestion.run(articles=options.articles)
        elif name == "export":
            url, _ = search.ensure_corpus("postgresql", quotes=options.quotes, seed=options.seed)
            results |= export.run(database_url=url) | {"export_quotes_in_corpus": options.quotes}
        results[f"{name}_benchmark_seconds"] = clock.seconds
        # Written after each benchmark, so a long run that fails late keeps what it measured.
        RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(table(results))
    print(f"All figures: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
