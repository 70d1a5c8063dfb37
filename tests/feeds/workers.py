"""Real Celery worker processes for the queue tests, on a real Redis, writing to a database the test
reads: the pytest-django test database on PostgreSQL, or a migrated SQLite file (see
tests/reliability/cli.py, whose CommandDatabase gives the child processes the test database's URL)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import redis

from tests.reliability.cli import ROOT, CommandDatabase

# The machine's Redis, on a database number of the feed tests' own; every test empties it first.
BROKER_URL = os.environ.get("QUOTES_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
# Seconds before Redis hands an unacknowledged task (its worker died) to another worker: short where a
# test kills a worker and waits for the redelivery, long elsewhere, so that a task slowed down by a
# loaded machine is not handed to a second worker while the first still runs it.
VISIBILITY_TIMEOUT = 60
REDELIVERY_VISIBILITY_TIMEOUT = 4


def wait_until(predicate: Callable[[], object], *, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    """Workers and commands sharing one broker and one database."""

    database: CommandDatabase
    logs: Path
    broker_url: str = BROKER_URL
    workers: dict[str, subprocess.Popen] = field(default_factory=dict)
    visibility_timeout: int = VISIBILITY_TIMEOUT

    def environment(self) -> dict[str, str]:
        env = self.database.environment()
        env.update(
            CELERY_BROKER_URL=self.broker_url,
            CELERY_VISIBILITY_TIMEOUT=str(self.visibility_timeout),
            CELERY_RESTORE_INTERVAL="1",
            CELERY_RESTORE_THROTTLE="1",
            QUOTES_FETCH_ALLOW_PRIVATE="true",
            QUOTES_FETCH_DELAY="0",
            QUOTES_FETCH_TIMEOUT="5",
            QUOTES_FETCH_RETRY_SECONDS="0.5",
            PYTHONUNBUFFERED="1",
        )
        return env

    def manage(self, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.environment(), **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def start_worker(self, name: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("w")
        # The solo pool runs each task in the worker process itself, so SIGKILL stops it mid-task.
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo", "--hostname",
             f"{name}@%h", "--loglevel", "INFO", "--without-gossip", "--without-mingle",
             "--without-heartbeat"],
            cwd=ROOT, env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers[name] = worker
        wait_until(
            lambda: "ready." in self.log(name) or worker.poll() is not None, timeout=60, what=f"{name} ready"
        )
        assert worker.poll() is None, f"worker {name} died:\n{self.log(name)}"
        return worker

    def start_beat(self, *, every_seconds: float) -> subprocess.Popen:
        log = (self.logs / "beat.log").open("w")
        env = {
            **self.environment(),
            "QUOTES_POLL_EVERY_SECONDS": str(every_seconds),
            "CELERY_BEAT_SCHEDULE_FILENAME": str(self.logs / "celerybeat-schedule"),
        }
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel", "INFO"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.workers["beat"] = beat
        return beat

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def kill(self, name: str) -> None:
        worker = self.workers.pop(name)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)

    def stop(self) -> None:
        for worker in self.workers.values():
            worker.terminate()
        for name, worker in list(self.workers.items()):
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=30)
            self.workers.pop(name)

    def count(self, sql: str) -> int:
        return self.database.query(sql)[0][0]


def flush_broker(url: str = BROKER_URL) -> None:
    redis.Redis.from_url(url).flushdb()


class PrivateRedis:
    """A redis-server of the test's own on a free loopback port, which the test may stop."""

    def __init__(self) -> None:
        server = shutil.which("redis-server")
        assert server, "redis-server is needed (apt-get install redis-server)"
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [server, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=20, what="the private redis-server")

    def answers(self) -> bool:
        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
