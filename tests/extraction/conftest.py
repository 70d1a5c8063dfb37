import pytest

from quotes.extraction import extract, load_nlp


@pytest.fixture(scope="session")
def nlp():
    return load_nlp()


@pytest.fixture(scope="session")
def run(nlp):
    """extract() with the session's pipeline."""

    def _run(text):
        return extract(text, nlp=nlp)

    return _run


def find(result, fragment):
    """The quotation whose text contains fragment (exactly one)."""
    hits = [q for q in result.quotes if fragment in q.text]
    assert len(hits) == 1, (fragment, [q.text for q in result.quotes])
    return hits[0]


def speaker_of(result, fragment):
    q = find(result, fragment)
    return q.speaker.name if q.speaker else None
