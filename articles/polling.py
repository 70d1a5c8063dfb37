"""Polling sources: read a feed or sitemap, claim the article URLs not seen before, fetch each page once
and hand it to the pipeline service (``quotes.pipeline``), the same path ``extract_quotes`` takes.

``poll_source`` and ``fetch_entries`` are what the ``poll_sources`` command runs in-process and what the
queue's tasks (``articles.tasks``) run on workers. Both are idempotent: a URL is claimed once (a unique
``SourceEntry`` row; two workers polling one feed at once claim each URL once), an entry already done is
left alone, and the article itself is stored by ``quotes.storage``, whose natural keys (text hash, URL)
make a second store a no-op. A source's own failure (not a feed, 404/500, time-out, redirect loop, ...)
is one line in ``Source.last_error`` and doubles its wait (back-off); it never stops another source.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from articles import feeds, ingest
from articles.fetch import Fetcher, FetchError, Forbidden
from articles.models import Article, EntryStatus, Source, SourceEntry
from quotes import pipeline

MAX_BACKOFF = datetime.timedelta(days=1)
# Entries that failed on the network are tried again at later polls, this many times in all.
MAX_ENTRY_ATTEMPTS = 3
# An entry handed to the queue but still pending after this long (its task was lost) is handed again.
REDISPATCH_AFTER = datetime.timedelta(hours=2)
ERROR_CHARS = 500
LOOKUP_SLICE = 500

DONE = (EntryStatus.STORED, EntryStatus.DUPLICATE, EntryStatus.FORBIDDEN)


@dataclass
class PollResult:
    source_id: int
    url: str
    error: str = ""
    not_modified: bool = False
    new: int = 0
    entries: list[SourceEntry] = field(default_factory=list)  # handed on: new ones and ones to retry

    def count(self, status: str) -> int:
        return sum(1 for entry in self.entries if entry.status == status)

    def summary(self) -> str:
        if self.error:
            return f"source {self.source_id} {self.url}: failed: {self.error}"
        listed = "not modified" if self.not_modified else f"{self.new} new article URLs"
        done = ", ".join(
            f"{self.count(status)} {label}"
            for status, label in [
                (EntryStatus.STORED, "stored"),
                (EntryStatus.DUPLICATE, "already stored under another URL"),
                (EntryStatus.FORBIDDEN, "forbidden by robots.txt"),
                (EntryStatus.FAILED, "failed"),
                (EntryStatus.PENDING, "queued"),
            ]
            if self.count(status)
        )
        return f"source {self.source_id} {self.url}: {listed}" + (f"; {done}" if done else "")


def one_line(message: str) -> str:
    return ingest.one_line(message)[:ERROR_CHARS]


def due_sources(*, now: datetime.datetime | None = None) -> QuerySet[Source]:
    now = now or timezone.now()
    return Source.objects.filter(active=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))


def backoff(*, source: Source, failures: int) -> datetime.timedelta:
    """The wait after ``failures`` failed polls in a row: the interval, doubled per failure, at most a day."""
    return min(source.poll_interval * (2 ** max(0, failures - 1)), max(MAX_BACKOFF, source.poll_interval))


def record_failure(*, source: Source, error: str) -> None:
    now = timezone.now()
    failures = source.failure_count + 1
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        last_error=one_line(error),
        last_new_articles=0,
        failure_count=F("failure_count") + 1,
        next_poll_at=now + backoff(source=source, failures=failures),
    )


def poll_source(
    *,
    source: Source,
    fetcher: Fetcher | None = None,
    dispatch: Callable[[list[SourceEntry]], list[SourceEntry] | None] | None = None,
    batch: int | None = None,
) -> PollResult:
    """Read ``source``, claim its new URLs and hand them (with entries worth retrying) to ``dispatch`` in
    batches of ``batch`` (QUOTES_FETCH_BATCH): ``fetch_entries`` in this process by default, or a task
    per batch on the queue. A batch's pages are parsed together, which is faster than one by one."""
    fetcher = fetcher or Fetcher()
    result = PollResult(source_id=source.pk, url=source.url)
    try:
        listed = list_urls(source=source, fetcher=fetcher)
    except (FetchError, feeds.FeedError) as error:
        result.error = one_line(str(error))
        record_failure(source=source, error=result.error)
        return result
    if listed is None:
        result.not_modified = True
        urls = []
    else:
        urls, etag, last_modified = listed
    # Looked for before the claim, so the new entries (pending, never dispatched) are not among them.
    retries = entries_to_retry(source=source, now=timezone.now())
    new_entries = claim(source=source, urls=urls)
    result.new = len(new_entries)
    now = timezone.now()
    fields = {
        "last_polled_at": now,
        "next_poll_at": now + source.poll_interval,
        "last_error": "",
        "failure_count": 0,
        "last_new_articles": result.new,
    }
    if listed is not None:
        fields.update(etag=etag[:500], last_modified=last_modified[:100])
    Source.objects.filter(pk=source.pk).update(**fields)

    to_fetch = [*new_entries, *retries]
    size = batch or settings.QUOTES_FETCH_BATCH
    for start in range(0, len(to_fetch), size):
        chunk = to_fetch[start : start + size]
        SourceEntry.objects.filter(pk__in=[entry.pk for entry in chunk]).update(dispatched_at=now)
        if dispatch is None:
            result.entries.extend(fetch_entries(entry_ids=[entry.pk for entry in chunk], fetcher=fetcher))
        else:
            result.entries.extend(dispatch(chunk) or chunk)
    return result


def list_urls(*, source: Source, fetcher: Fetcher) -> tuple[list[str], str, str] | None:
    """The article URLs the source lists now, with its validators; None when it has not changed."""
    answer = fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified)
    if answer.not_modified:
        return None
    listing = feeds.read_listing(answer.data, base_url=answer.url)
    urls = list(listing.urls)
    for sitemap_url in listing.sitemaps:  # a sitemap index: its first sitemaps
        child = fetcher.get(sitemap_url)
        urls.extend(feeds.read_listing(child.data, base_url=child.url).urls)
    return urls, answer.etag, answer.last_modified


def claim(*, source: Source, urls: Iterable[str]) -> list[SourceEntry]:
    """Entries for the URLs never seen before (by any source, or stored as an article). The unique URL
    decides between two pollers at once: only the one whose insert succeeds hands the URL on."""
    urls = list(dict.fromkeys(urls))
    seen: set[str] = set()
    # In slices: a sitemap may list tens of thousands of URLs, more than a statement may carry.
    for start in range(0, len(urls), LOOKUP_SLICE):
        chunk = urls[start : start + LOOKUP_SLICE]
        seen |= set(SourceEntry.objects.filter(url__in=chunk).values_list("url", flat=True))
        seen |= set(Article.objects.filter(url__in=chunk).values_list("url", flat=True))
    claimed = []
    for url in urls:
        if url in seen:
            continue
        try:
            with transaction.atomic():
                # Dispatched from the moment it is claimed: another poller must not take it as lost.
                claimed.append(
                    SourceEntry.objects.create(source=source, url=url, dispatched_at=timezone.now())
                )
        except IntegrityError:
            continue  # another poller claimed it a moment ago
    return claimed


def entries_to_retry(*, source: Source, now: datetime.datetime) -> list[SourceEntry]:
    """Entries that failed on the network (fewer than MAX_ENTRY_ATTEMPTS times), and pending ones whose
    task was lost (never dispatched, or dispatched more than REDISPATCH_AFTER ago)."""
    retry = Q(status=EntryStatus.FAILED, retry=True, attempts__lt=MAX_ENTRY_ATTEMPTS)
    lost = Q(status=EntryStatus.PENDING) & (
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - REDISPATCH_AFTER)
    )
    return list(source.entries.filter(retry | lost))


def fetch_entry(*, entry_id: int, fetcher: Fetcher | None = None, final_attempt: bool = True) -> SourceEntry:
    """Fetch one listed page and store it through the pipeline; the entry records what happened.

    A network failure (``FetchError.transient``) is raised when this is not the final attempt, for the
    caller (a task) to retry with back-off; otherwise it is recorded, to be tried again at a later poll.
    """
    entries = fetch_entries(entry_ids=[entry_id], fetcher=fetcher, final_attempt=final_attempt)
    if not entries:
        raise SourceEntry.DoesNotExist(f"No source entry {entry_id}.")
    return entries[0]


def fetch_entries(
    *,
    entry_ids: list[int],
    fetcher: Fetcher | None = None,
    final_attempt: bool = True,
    defer: Callable[[SourceEntry, FetchError], None] | None = None,
) -> list[SourceEntry]:
    """Fetch listed pages one after the other, then parse and store them together (one transaction per
    article, as always). An entry done already is left as it is, so a repeated task changes nothing.

    A network failure when this is not the final attempt is handed to ``defer`` (a task retries that one
    page later) or, without it, raised.
    """
    fetcher = fetcher or Fetcher()
    entries = SourceEntry.objects.select_related("source__publication").in_bulk(entry_ids)
    results: dict[int, SourceEntry] = {}
    fetched: list[tuple[SourceEntry, ingest.ArticleInput | ingest.IngestError]] = []
    for entry_id in entry_ids:
        entry = entries.get(entry_id)
        if entry is None:
            continue
        try:
            read = read_entry(entry, fetcher=fetcher, final_attempt=final_attempt)
        except FetchError as error:
            if defer is None:
                raise
            defer(entry, error)
            results[entry.pk] = entry
            continue
        if isinstance(read, SourceEntry):
            results[entry.pk] = read
        else:
            fetched.append((entry, read))
    outcomes = pipeline.Pipeline(batch_size=max(1, len(fetched))).outcomes([item for _, item in fetched])
    for (entry, _), outcome in zip(fetched, outcomes, strict=True):
        if outcome.failed:
            results[entry.pk] = finish(entry, status=EntryStatus.FAILED, error=outcome.error)
            continue
        article = Article.objects.filter(content_hash=outcome.article_input.content_hash).first()
        status = EntryStatus.DUPLICATE if outcome.unchanged else EntryStatus.STORED
        results[entry.pk] = finish(entry, status=status, article=article)
    return [results[entry_id] for entry_id in entry_ids if entry_id in results]


def read_entry(
    entry: SourceEntry, *, fetcher: Fetcher, final_attempt: bool
) -> SourceEntry | ingest.ArticleInput | ingest.IngestError:
    """The page read into an article input, or the entry when there is nothing (more) to do for it."""
    if entry.status in DONE or (entry.status == EntryStatus.FAILED and not entry.retry):
        return entry  # done already: a redelivered or repeated task changes nothing
    stored = Article.objects.filter(url=entry.url).first()
    if stored is not None:
        return finish(entry, status=EntryStatus.STORED, article=stored)
    try:
        answer = fetcher.get(entry.url)
    except Forbidden as error:
        return finish(entry, status=EntryStatus.FORBIDDEN, error=str(error))
    except FetchError as error:
        if error.transient and not final_attempt:
            raise
        return finish(entry, status=EntryStatus.FAILED, error=str(error), retry=error.transient)
    fmt = ingest.format_for_content_type(answer.content_type) or "html"
    item = ingest.parse_bytes(answer.data, source_name=entry.url, fmt=fmt, url=answer.url)[0]
    publication = entry.source.publication
    if publication is not None and isinstance(item, ingest.ArticleInput):
        # The curator's choice for the source wins over what the page's metadata says.
        item = dataclasses.replace(
            item, publication_name=publication.name, publication_domain=publication.domain
        )
    return item


def finish(
    entry: SourceEntry, *, status: str, error: str = "", retry: bool = False, article: Article | None = None
) -> SourceEntry:
    entry.status = status
    entry.error = one_line(error)
    entry.retry = retry
    entry.article = article
    entry.attempts += 1
    entry.fetched_at = timezone.now()
    entry.save(update_fields=["status", "error", "retry", "article", "attempts", "fetched_at"])
    if status == EntryStatus.FAILED:
        # The source's status shows its pages' failures too; only a failure of the feed itself backs off.
        Source.objects.filter(pk=entry.source_id).update(last_error=one_line(f"{entry.url}: {error}"))
    return entry
