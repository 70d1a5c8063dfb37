"""Ingestion through the queue: articles per second from a local news site, through real Celery workers
on a private Redis, into PostgreSQL; against ``extract_quotes`` in one process over the same pages.

The corpus is the extraction benchmark's (distinct article-length texts of real news prose), written as
HTML pages. The site (loopback, threading http.server) serves them, a sitemap listing them all and a
robots.txt that allows everything. Each side starts on an empty PostgreSQL database with the model already
loaded (the workers load it at start; the reference's clock starts after its load), so what is timed is:

- reference: ``extract_quotes FOLDER`` over the HTML files (trafilatura, batched parse, store);
- queue: ``poll_sources`` sending the sitemap's poll task, the poll, a ``fetch_entries`` task per batch of
  8 articles (HTTP requests, trafilatura, a batched parse, a store per article), until every entry is
  done; with 1 and 2 worker processes (``--pool solo``, one process each). No delay between requests
  (QUOTES_FETCH_DELAY=0): the politeness delay measures the outlet, not the engine.

Wall-clock rates need a quiet machine; the CPU ratios (articles per CPU second of the workers against
those of the reference process) hold under a neighbour's load. Peak memory per worker is its VmHWM (peak
resident set) from /proc before it stops.
"""

from __future__ import annotations

import functools
import html
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.extraction import build_corpus
from benchmarks.measure import ROOT, Clock, run_child, scratch_database


def write_pages(text_folder: Path, html_folder: Path) -> list[str]:
    names = []
    for path in sorted(text_folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
        page = (
            f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(lines[0])}</title></head>"
            f"<body><article><h1>{html.escape(lines[0])}</h1>\n{body}</article></body></html>"
        )
        name = path.with_suffix(".html").name
        (html_folder / name).write_text(page, encoding="utf-8")
        names.append(name)
    return names


class Site:
    """The HTML folder on loopback, with a sitemap of every page and a robots.txt allowing all."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        urls = "".join(f"<url><loc>{self.base}/{name}</loc></url>" for name in names)
        (folder / "sitemap.xml").write_text(
            f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )
        (folder / "robots.txt").write_text("User-agent: *\nAllow: /\n")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_queue(*, database_url: str, site: Site, articles: int, workers: int, logs: Path) -> dict:
    import psycopg

    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise SystemExit("redis-server is needed (apt-get install redis-server): it is the broker")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DJANGO_SETTINGS_MODULE"}},
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{port}/0",
        "QUOTES_FETCH_ALLOW_PRIVATE": "true",
        "QUOTES_FETCH_DELAY": "0",
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only",
        "PYTHONUNBUFFERED": "1",
    }

    def manage(*args: str) -> None:
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
        )

    manage("migrate", "--noinput")
    manage("add_source", f"{site.base}/sitemap.xml")
    broker = subprocess.Popen(
        [redis_server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    processes = []
    try:
        for number in range(workers):
            log = logs / f"worker{workers}-{number}.log"
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "config",
                        "worker",
                        "--pool",
                        "solo",
                        "--hostname",
                        f"bench{number}@%h",
                        "--loglevel",
                        "INFO",
                        "--without-gossip",
                        "--without-mingle",
                        "--without-heartbeat",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log.open("w"),
                    stderr=subprocess.STDOUT,
                )
            )
        # Ready means the model is loaded (worker_init) and the worker listens to the queue.
        with psycopg.connect(database_url, autocommit=True) as connection:
            deadline = time.monotonic() + 120
            while not all("ready" in (logs / f"worker{workers}-{n}.log").read_text() for n in range(workers)):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"workers did not start; see {logs}")
                time.sleep(0.2)
            cpu_at_start = sum(cpu_seconds(process.pid) for process in processes)
            clock = Clock()
            manage("poll_sources")
            done_sql = "SELECT COUNT(*) FROM articles_sourceentry WHERE status <> 'pending'"
            while connection.execute(done_sql).fetchone()[0] < articles:
                if clock.seconds > 3600:
                    raise RuntimeError("the queue did not finish within an hour")
                time.sleep(0.05)
            seconds = clock.seconds
            cpu = sum(cpu_seconds(process.pid) for process in processes) - cpu_at_start
            stored = connection.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0]
            others = connection.execute(
                "SELECT url, status, error FROM articles_sourceentry WHERE status <> 'stored' LIMIT 5"
            ).fetchall()
            quotes = connection.execute("SELECT COUNT(*) FROM quotes_quote").fetchone()[0]
        memory = [peak_memory_mb(process.pid) for process in processes]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        broker.terminate()
        broker.wait(timeout=20)
    if stored != articles:
        raise RuntimeError(f"the queue stored {stored} of {articles} articles; not stored: {others}")
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "articles": stored,
        "quotes": quotes,
        "peak_memory_mb": max(memory),
    }


def run(*, articles: int = 200) -> dict:
    with tempfile.TemporaryDirectory(prefix="quotes-bench-ingest-") as scratch:
        texts, pages, logs = (Path(scratch) / name for name in ("texts", "pages", "logs"))
        for folder in (texts, pages, logs):
            folder.mkdir()
        build_corpus(texts, articles=articles)
        names = write_pages(texts, pages)
        with scratch_database("postgresql", "ingest_reference") as url:
            reference, reference_memory = run_child(
                "extraction.measure_extract_quotes", database_url=url, folder=str(pages), workers=1
            )
        site = Site(pages, names)
        try:
            queued = {}
            for workers in (1, 2):
                with scratch_database("postgresql", f"ingest_queue{workers}") as url:
                    queued[workers] = measure_queue(
                        database_url=url, site=site, articles=len(names), workers=workers, logs=logs
                    )
        finally:
            site.stop()
    if reference["articles"] != len(names):
        raise RuntimeError(f"extract_quotes stored {reference['articles']} of {len(names)} articles")
    single = reference["articles"] / reference["seconds"]
    one, two = (queued[n]["articles"] / queued[n]["seconds"] for n in (1, 2))
    return {
        "ingestion_articles": len(names),
        "ingestion_extract_quotes_articles_per_second": single,
        "ingestion_extract_quotes_peak_memory_mb": reference_memory,
        "ingestion_queue_workers1_articles_per_second": one,
        "ingestion_queue_workers2_articles_per_second": two,
        "ingestion_queue_worker_peak_memory_mb": max(queued[n]["peak_memory_mb"] for n in (1, 2)),
        "ingestion_queue_workers1_ratio": one / single,
        "ingestion_queue_workers2_scaling": two / one,
        # Per CPU second of the workers (the reference's: of its process), which a neighbour's load on a
        # shared machine does not change; PostgreSQL's and Redis's own work is not counted on either side.
        "ingestion_queue_workers1_cpu_ratio": (queued[1]["articles"] / queued[1]["cpu_seconds"])
        / (reference["articles"] / reference["cpu_seconds"]),
        "ingestion_queue_workers2_cpu_ratio": (queued[2]["articles"] / queued[2]["cpu_seconds"])
        / (reference["articles"] / reference["cpu_seconds"]),
    }
