"""Adding sources: the document decides its kind (RSS, Atom or sitemap)."""

from __future__ import annotations

import datetime

from articles import feeds
from articles.fetch import Fetcher, FetchError
from articles.models import Publication, Source


class SourceRejected(Exception):
    """The URL cannot be followed; ``str()`` is one line."""


def detect_kind(*, url: str, fetcher: Fetcher | None = None) -> str:
    fetcher = fetcher or Fetcher()
    try:
        answer = fetcher.get(url)
        return feeds.detect_kind(answer.data)
    except (FetchError, feeds.FeedError) as error:
        raise SourceRejected(str(error)) from None


def add_source(*, url: str, publication_name: str = "", minutes: int = 60) -> tuple[Source, bool]:
    """The source for ``url``, created (after one read that tells its kind) unless followed already."""
    url = url.strip()
    existing = Source.objects.filter(url=url).first()
    if existing is not None:
        return existing, False
    kind = detect_kind(url=url)
    publication = None
    if publication_name.strip():
        publication, _ = Publication.objects.get_or_create(name=publication_name.strip())
    source, created = Source.objects.get_or_create(
        url=url,
        defaults={
            "kind": kind,
            "publication": publication,
            "poll_interval": datetime.timedelta(minutes=minutes),
        },
    )
    return source, created
