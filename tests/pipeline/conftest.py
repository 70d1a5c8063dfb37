from pathlib import Path

import pytest
from django.conf import settings

from articles.ingest import ArticleInput
from quotes.extraction import ArticleExtraction, CandidateQuote, Speaker, load_nlp

REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURE_ARTICLES = REPOSITORY / "fixtures" / "articles"


@pytest.fixture(scope="session")
def nlp():
    return load_nlp(settings.QUOTES_SPACY_MODEL)


def person(name: str, *, role=None, organisation=None, aliases=(), person_kind="expert") -> Speaker:
    return Speaker(
        name=name,
        kind="person",
        role=role,
        organisation=organisation,
        aliases=tuple(aliases),
        person_kind=person_kind,
    )


def organisation(name: str, *, aliases=()) -> Speaker:
    return Speaker(
        name=name, kind="organisation", role=None, organisation=None, aliases=tuple(aliases), person_kind=None
    )


def quote_of(
    body: str, text: str, speaker: Speaker | None, *, kind="direct", cue="said", mention=None, confidence=0.9
) -> CandidateQuote:
    """A candidate for the first occurrence of ``text`` in ``body``, as the extractor would give it."""
    start = body.index(text)
    return CandidateQuote(
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        cue=cue,
        speaker_mention=mention if mention is not None else (speaker.name if speaker else None),
        speaker=speaker,
        confidence=confidence,
    )


def extraction_of(*quotes: CandidateQuote, outlet=None) -> ArticleExtraction:
    speakers = tuple(dict.fromkeys(q.speaker for q in quotes if q.speaker is not None))
    return ArticleExtraction(quotes=tuple(quotes), speakers=speakers, outlet=outlet)


def article_input(body: str, *, source_name="article.txt", **metadata) -> ArticleInput:
    return ArticleInput(body=body, source_name=source_name, **metadata)
