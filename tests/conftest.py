import pytest

from articles.models import Article


@pytest.fixture
def article(db) -> Article:
    body = "“We will not cut,” said Jane Doe, director of the Example Institute.\n"
    return Article.objects.create(
        title="Example", body=body, content_hash="0" * 64, source_name="example.txt"
    )
