"""A bounded load test of the public site on loopback: gunicorn as in production, 20 concurrent clients.

    .venv/bin/python benchmarks/load.py [--database-url URL] [--requests 600] [--duration 200] [--clients 20]

Starts a private Redis (the shared cache production needs for rate limits) and gunicorn (DEBUG off, a
generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1) on free loopback ports, against a database that already
holds a corpus (by default `bench_1m`, the million-quotation corpus of `make bench`; the run only reads
it). Then 20 client threads send a fixed number of requests at a steady pace over a fixed time, drawn in
a fixed order from a mix of search pages, API calls, profile and article pages and a narrow export, and
the run stops by itself. Prints requests per second, latency percentiles (overall and per kind of
request, counted from when each request was due) and every error: a status other than 200, a refused or
reset connection, no answer within the client timeout, or a request no client was free to send. Exits
non-zero when there was any error. Rate limits stay on, raised so that one address sending the whole
load is not refused.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HOST = "127.0.0.1"
SEARCH_WORDS = ["sanctions", "oil", "talks", "economy", "election", "ceasefire", "inflation", "border"]


@dataclass
class Outcome:
    kind: str
    seconds: float
    error: str | None = None


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited with {process.returncode} before listening")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on {HOST}:{port} after {timeout:g} s")


def request_mix(database_url: str, *, count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` (kind, path) pairs in a fixed order, built from rows of the database."""
    with psycopg.connect(database_url) as connection:
        # Speakers across the whole distribution (a deterministic sample by hash, not the busiest few),
        # and for exports only those with a modest number of quotations: a download of a hundred
        # thousand rows is a different test (make bench measures it).
        counts = connection.execute(
            "SELECT p.slug, COUNT(*) FROM quotes_quote q JOIN quotes_person p ON p.id = q.speaker_person_id "
            "GROUP BY p.slug ORDER BY md5(p.slug) LIMIT 200"
        ).fetchall()
        people = [slug for slug, _ in counts[:50]]
        exported_people = [slug for slug, count in counts if count <= 2000][:50]
        organisations = [
            row[0]
            for row in connection.execute(
                "SELECT o.slug FROM quotes_organisation o WHERE EXISTS "
                "(SELECT 1 FROM quotes_quote q WHERE q.organisation_id = o.id) ORDER BY md5(o.slug) LIMIT 50"
            )
        ]
        articles = [
            row[0]
            for row in connection.execute("SELECT id FROM articles_article ORDER BY md5(id::text) LIMIT 200")
        ]
    if not (people and exported_people and organisations and articles):
        raise SystemExit("the database holds no quotations with speakers: fill it first (make bench)")
    rng = random.Random(seed)
    makers = [
        ("search", lambda: "/?" + urlencode({"q": rng.choice(SEARCH_WORDS)})),
        ("search", lambda: "/?" + urlencode({"q": f"{rng.choice(SEARCH_WORDS)} {rng.choice(SEARCH_WORDS)}"})),
        ("search page 2", lambda: "/?" + urlencode({"q": rng.choice(SEARCH_WORDS), "page": 2})),
        ("search filtered", lambda: "/?" + urlencode({"q": rng.choice(SEARCH_WORDS), "kind": "direct"})),
        ("api quotes", lambda: "/api/quotes/?" + urlencode({"q": rng.choice(SEARCH_WORDS), "limit": 50})),
        ("api quotes", lambda: "/api/quotes/?" + urlencode({"person": rng.choice(people)})),
        ("api people", lambda: "/api/people/?" + urlencode({"q": rng.choice(people).split("-")[0]})),
        ("person", lambda: f"/people/{rng.choice(people)}/"),
        ("organisation", lambda: f"/organisations/{rng.choice(organisations)}/"),
        ("article", lambda: f"/articles/{rng.choice(articles)}/"),
        (
            "export",
            lambda: "/export/quotes.csv?" + urlencode({"person": rng.choice(exported_people)}),
        ),
    ]
    return [(kind, make()) for kind, make in (rng.choice(makers) for _ in range(count))]


def fetch(port: int, path: str, *, timeout: float) -> str | None:
    """None when the answer is a whole 200 response; otherwise what went wrong."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": HOST, "Accept-Encoding": "identity"})
        response = connection.getresponse()
        response.read()
        return None if response.status == 200 else f"HTTP {response.status}"
    except TimeoutError:
        return f"no answer within {timeout:g} s"
    except (OSError, http.client.HTTPException) as error:
        return type(error).__name__
    finally:
        connection.close()


def run_clients(
    port: int, mix: list[tuple[str, str]], *, clients: int, duration: float, timeout: float
) -> tuple[Tally, float]:
    """Send request i of ``mix`` at ``i * duration / len(mix)`` seconds, from ``clients`` threads.

    Latency counts from when a request was due, not from when a free client sent it, so a server that
    falls behind shows it. A request that no client could send within ``timeout`` of being due is an
    error and is skipped, so the run ends by itself at about ``duration + timeout`` whatever happens.
    """
    tally = Tally()
    queue = iter(enumerate(mix))
    queue_lock = threading.Lock()
    interval = duration / len(mix)
    start = time.perf_counter()

    def client() -> None:
        while True:
            with queue_lock:
                item = next(queue, None)
            if item is None:
                return
            index, (kind, path) = item
            due = start + index * interval
            now = time.perf_counter()
            if now < due:
                time.sleep(due - now)
            elif now - due > timeout:
                tally.add(Outcome(kind, now - due, f"not sent: every client busy for {timeout:g} s: {path}"))
                continue
            error = fetch(port, path, timeout=timeout)
            tally.add(Outcome(kind, time.perf_counter() - due, error and f"{error}: {path}"))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - start


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def summarise(tally: Tally, elapsed: float, *, clients: int, duration: float) -> dict:
    latencies = sorted(outcome.seconds for outcome in tally.outcomes)
    errors = [outcome.error for outcome in tally.outcomes if outcome.error]
    by_kind: dict[str, list[float]] = defaultdict(list)
    for outcome in tally.outcomes:
        by_kind[outcome.kind].append(outcome.seconds)
    return {
        "clients": clients,
        "requests": len(tally.outcomes),
        "planned_seconds": duration,
        "seconds": round(elapsed, 2),
        "requests_per_second": round(len(tally.outcomes) / elapsed, 1) if elapsed else 0.0,
        "latency_ms": {
            name: round(percentile(latencies, fraction) * 1000)
            for name, fraction in [("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)]
        },
        "by_kind_ms": {
            kind: {
                "requests": len(values),
                "p50": round(percentile(sorted(values), 0.5) * 1000),
                "p95": round(percentile(sorted(values), 0.95) * 1000),
            }
            for kind, values in sorted(by_kind.items())
        },
        "errors": len(errors),
        "error_kinds": dict(Counter(error.split(":")[0] for error in errors)),
        "error_examples": errors[:10],
    }


def print_report(report: dict) -> None:
    latency = report["latency_ms"]
    print(
        f"{report['requests']} requests in {report['seconds']} s from {report['clients']} clients: "
        f"{report['requests_per_second']} requests/s; latency p50 {latency['p50']} ms, "
        f"p90 {latency['p90']} ms, p95 {latency['p95']} ms, p99 {latency['p99']} ms, "
        f"max {latency['max']} ms; {report['errors']} errors"
    )
    for kind, figures in report["by_kind_ms"].items():
        print(
            f"  {kind:16} {figures['requests']:5} requests  "
            f"p50 {figures['p50']:6} ms  p95 {figures['p95']:6} ms"
        )
    for kind, count in report["error_kinds"].items():
        print(f"  error {kind}: {count}")
    for example in report["error_examples"]:
        print(f"    {example}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_1m"),
        help="a PostgreSQL database holding the corpus (read only)",
    )
    parser.add_argument("--requests", type=int, default=600, help="requests to send in all (600)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--duration", type=float, default=200, help="seconds to spread them over (200)")
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds a client waits for one answer (30)"
    )
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--seed", type=int, default=8, help="seed of the request mix")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    args = parser.parse_args()

    redis_server = shutil.which("redis-server")
    if redis_server is None:
        raise SystemExit("redis-server is needed (apt-get install redis-server): the rate limits count in it")
    mix = request_mix(args.database_url, count=args.requests, seed=args.seed)

    redis_port, web_port = free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "CACHE_URL": f"redis://{HOST}:{redis_port}/0",
        # Plain HTTP on loopback: no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "false",
        # One address sends the whole load; the limits stay on, far above it.
        "QUOTES_RATE_LIMIT": "1000000/m",
        "QUOTES_EXPORT_RATE_LIMIT": "1000000/m",
        "QUOTES_COUNT_RATE_LIMIT": "1000000/m",
        "LOG_LEVEL": "ERROR",
    }
    # The production static storage needs its manifest (STATIC_ROOT, as `make serve` makes it).
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )
    processes: list[subprocess.Popen] = []
    try:
        redis = subprocess.Popen(
            [redis_server, "--bind", HOST, "--port", str(redis_port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        processes.append(redis)
        wait_for_port(redis_port, process=redis, timeout=20)
        server = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi:application",
                "--bind",
                f"{HOST}:{web_port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        processes.append(server)
        wait_for_port(web_port, process=server, timeout=60)
        # Every worker loads the code and opens its database connection before the clock starts.
        for _ in range(args.workers * 2):
            fetch(web_port, "/api/people/?limit=1", timeout=args.timeout)
        print(
            f"gunicorn with {args.workers} workers on {HOST}:{web_port} over {args.database_url}; "
            f"{args.requests} requests over {args.duration:g} s from {args.clients} clients"
        )
        tally, elapsed = run_clients(
            web_port, mix, clients=args.clients, duration=args.duration, timeout=args.timeout
        )
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    report = summarise(tally, elapsed, clients=args.clients, duration=args.duration)
    print_report(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
