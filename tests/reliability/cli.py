"""Running manage.py commands as a user does, in their own processes, against a database the test
can read: the pytest-django test database on PostgreSQL (the test must use ``transactional_db`` so the
child's commits are visible), or a migrated SQLite file of its own (the test database on SQLite lives in
memory, out of a child's reach)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.db import connection

from articles.models import Article, ArticleBand, ArticleSignature, Publication
from quotes.models import (
    Affiliation,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Quote,
    QuoteFingerprint,
    Statement,
)

ROOT = Path(__file__).resolve().parents[2]
COUNTED_MODELS = (
    Publication,
    Article,
    ArticleSignature,
    ArticleBand,
    Person,
    PersonAlias,
    Organisation,
    OrganisationAlias,
    Affiliation,
    Statement,
    Quote,
    QuoteFingerprint,
)
# The environment a user's shell would not have set for this project.
CLEARED_VARIABLES = {"DATABASE_URL", "CACHE_URL", "DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}


def postgres_url(settings_dict: dict) -> str:
    user = quote(settings_dict.get("USER") or "")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password)}@" if password else f"{user}@" if user else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


@dataclass
class CommandDatabase:
    url: str
    sqlite_path: Path | None = None

    @classmethod
    def for_this_test(cls, tmp_path: Path) -> CommandDatabase:
        if connection.vendor == "postgresql":
            return cls(url=postgres_url(connection.settings_dict))
        path = tmp_path / "command.sqlite3"
        database = cls(url=f"sqlite:///{path}", sqlite_path=path)
        database.manage("migrate", "--noinput", "-v", "0", check=True)
        return database

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in CLEARED_VARIABLES}
        env["DATABASE_URL"] = self.url
        return env

    def manage(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def query(self, sql: str) -> list[tuple]:
        if self.sqlite_path is not None:
            with sqlite3.connect(self.sqlite_path) as sqlite:
                return sqlite.execute(sql).fetchall()
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()

    def execute(self, sql: str) -> None:
        if self.sqlite_path is not None:
            with sqlite3.connect(self.sqlite_path) as sqlite:
                sqlite.execute(sql)
            return
        with connection.cursor() as cursor:
            cursor.execute(sql)

    def counts(self) -> dict[str, int]:
        return {
            model.__name__: self.query(f"SELECT COUNT(*) FROM {model._meta.db_table}")[0][0]
            for model in COUNTED_MODELS
        }

    def clear(self) -> None:
        """Delete every row the command writes, children first (a statement names its first report: that
        link goes first)."""
        self.execute("UPDATE quotes_statement SET first_quote_id = NULL")
        for model in reversed(COUNTED_MODELS):
            if self.sqlite_path is not None:
                with sqlite3.connect(self.sqlite_path) as sqlite:
                    sqlite.execute(f"DELETE FROM {model._meta.db_table}")
            else:
                with connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {model._meta.db_table}")
