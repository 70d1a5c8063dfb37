"""What every benchmark shares: a clock, percentiles, databases made for the run, and child processes.

Each measured part runs in a child process of its own (``python -m benchmarks.child``) with its own
``DATABASE_URL``, so Django connects to the database that part needs and the child's peak resident memory
(``ru_maxrss`` from ``wait4``) is that part's alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
RESULT_MARKER = "BENCH-RESULT "


class Clock:
    """Seconds elapsed since it was made, by the monotonic high-resolution clock."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def timed(function: Callable[[], object]) -> float:
    """Milliseconds that one call takes."""
    clock = Clock()
    function()
    return clock.seconds * 1000


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at ``fraction`` (0..1) of the sorted samples, interpolated between neighbours."""
    if len(samples) == 1:
        return samples[0]
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[round(fraction * 100) - 1]


def postgres_url(database: str) -> str:
    parts = urlsplit(POSTGRES_SERVER)
    return urlunsplit(parts._replace(path=f"/{database}"))


def postgres_admin(statement: str) -> None:
    """Run CREATE/DROP DATABASE through the server's maintenance database (outside any transaction)."""
    import psycopg

    with psycopg.connect(postgres_url("postgres"), autocommit=True) as connection:
        connection.execute(statement)


def ensure_postgres_database(database: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url("postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{database}"')


@contextlib.contextmanager
def scratch_database(vendor: str, name: str) -> Iterator[str]:
    """An empty database for one measurement (SQLite file or PostgreSQL database), removed afterwards."""
    if vendor == "sqlite":
        with tempfile.TemporaryDirectory(prefix="quotes-bench-") as folder:
            yield f"sqlite:///{folder}/{name}.sqlite3"
        return
    database = f"bench_scratch_{name}_{os.getpid()}"
    postgres_admin(f'DROP DATABASE IF EXISTS "{database}"')
    postgres_admin(f'CREATE DATABASE "{database}"')
    try:
        yield postgres_url(database)
    finally:
        postgres_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def run_child(function: str, *, database_url: str, **arguments) -> tuple[dict, float]:
    """Call ``benchmarks.<function>`` (``"module.name"``) in a fresh process on ``database_url``.

    Returns what it returned and the child's peak resident memory in MB. Its stderr passes through.
    """
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings"}
    command = [sys.executable, "-m", "benchmarks.child", function, json.dumps(arguments)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"benchmark {function} failed (exit {process.returncode}); see its errors above")
    lines = [line for line in output.splitlines() if line.startswith(RESULT_MARKER)]
    return json.loads(lines[-1][len(RESULT_MARKER) :]), usage.ru_maxrss / 1024
