"""Two extract_quotes processes over the same folder at once leave exactly the rows one process leaves:
the database's unique constraints catch the race, and the storage service retries the article's
transaction, which then finds the rows the other process stored."""

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

REPOSITORY = Path(__file__).resolve().parents[2]
# Enough articles that the two processes overlap on several, few enough to keep the test quick.
ARTICLES = [
    *sorted((REPOSITORY / "fixtures" / "articles").glob("*.txt")),
    *sorted((REPOSITORY / "tests" / "extraction" / "heldout_style").glob("*.txt"))[:9],
]

# Every stored row by its natural key, so two databases filled in different orders compare equal.
SNAPSHOT_QUERIES = {
    "publications": "SELECT name, domain FROM articles_publication",
    "articles": (
        "SELECT a.content_hash, a.title, a.url, a.extractor_version, p.name FROM articles_article a "
        "LEFT JOIN articles_publication p ON p.id = a.publication_id"
    ),
    "people": "SELECT slug, name, kind FROM quotes_person",
    "person_aliases": (
        "SELECT p.slug, x.name FROM quotes_personalias x JOIN quotes_person p ON p.id = x.person_id"
    ),
    "organisations": (
        "SELECT o.slug, o.name, o.kind, parent.slug FROM quotes_organisation o "
        "LEFT JOIN quotes_organisation parent ON parent.id = o.parent_id"
    ),
    "organisation_aliases": (
        "SELECT o.slug, x.name FROM quotes_organisationalias x "
        "JOIN quotes_organisation o ON o.id = x.organisation_id"
    ),
    "affiliations": (
        "SELECT p.slug, o.slug, f.role, a.content_hash FROM quotes_affiliation f "
        "JOIN quotes_person p ON p.id = f.person_id JOIN quotes_organisation o ON o.id = f.organisation_id "
        "LEFT JOIN articles_article a ON a.id = f.article_id"
    ),
    "quotes": (
        "SELECT a.content_hash, q.start, q.end, q.text, q.kind, q.cue, q.speaker_mention, q.confidence, "
        "q.role, q.status, p.slug, so.slug, o.slug FROM quotes_quote q "
        "JOIN articles_article a ON a.id = q.article_id "
        "LEFT JOIN quotes_person p ON p.id = q.speaker_person_id "
        "LEFT JOIN quotes_organisation so ON so.id = q.speaker_organisation_id "
        "LEFT JOIN quotes_organisation o ON o.id = q.organisation_id"
    ),
}


def snapshot(database) -> dict[str, list[tuple]]:
    return {
        name: sorted(database.query(sql), key=lambda row: tuple(str(value) for value in row))
        for name, sql in SNAPSHOT_QUERIES.items()
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    batch = tmp_path / "articles"
    batch.mkdir()
    for source in ARTICLES:
        shutil.copy(source, batch / source.name)
    return batch


def test_two_processes_at_once_leave_the_rows_of_one(command_database, folder):
    alone = command_database.manage("extract_quotes", str(folder))
    assert alone.returncode == 0, alone.stderr
    expected = snapshot(command_database)
    assert len(expected["articles"]) == len(ARTICLES)
    assert expected["quotes"] and expected["people"] and expected["organisations"]
    command_database.clear()
    assert set(command_database.counts().values()) == {0}

    runs = [command_database.start("extract_quotes", str(folder)) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]

    for run, (stdout, stderr) in zip(runs, outputs, strict=True):
        assert "Traceback" not in stdout + stderr
        assert run.returncode == 0, stderr
    # Between them the two stored each article once; the other found it stored.
    new_counts = [int(stdout.split("Articles: ")[1].split(" new")[0]) for stdout, _ in outputs]
    assert sum(new_counts) == len(ARTICLES)
    assert snapshot(command_database) == expected
