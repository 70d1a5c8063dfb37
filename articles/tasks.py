"""The queue's tasks. Each is a thin call of a service in ``articles.polling`` or ``quotes.pipeline``,
so a task does exactly what the in-process commands do, and is idempotent the same way: run twice, or
redelivered after its worker died (``acks_late``), it stores an article once."""

from __future__ import annotations

import dataclasses
import datetime
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from kombu.exceptions import OperationalError

from articles import polling
from articles.fetch import FetchError
from articles.ingest import ArticleInput, read_sources
from articles.models import Source, SourceEntry
from quotes import pipeline

# Network failures are retried with back-off (QUOTES_FETCH_RETRY_SECONDS, doubled each time: 30 s,
# 60 s, 120 s by default), then recorded on the entry, which a later poll tries again.
NETWORK_RETRIES = 3


class QueueUnavailable(Exception):
    """The broker could not take a task; ``str()`` is one line naming it."""


def queue_enabled() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def broker_name() -> str:
    """The broker's URL without its credentials."""
    parts = urlsplit(settings.CELERY_BROKER_URL)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def send(task, *args) -> None:
    """apply_async, with a broker failure turned into one clear line."""
    try:
        task.apply_async(args=args)
    except OperationalError as error:
        message = " ".join(str(error).split())
        raise QueueUnavailable(f"cannot reach the task broker at {broker_name()}: {message}") from None


def dispatch_entries(entries: list[SourceEntry]) -> None:
    send(fetch_entries, [entry.pk for entry in entries])


def retry_entry(entry: SourceEntry, error: FetchError) -> None:
    """A page of a batch that failed on the network: a task of its own tries it again later."""
    fetch_entry.apply_async(args=(entry.pk,), countdown=settings.QUOTES_FETCH_RETRY_SECONDS)


@shared_task(name="articles.poll_source", bind=True)
def poll_source(self, source_id: int) -> str:
    # Whoever sent it chose the source (beat: the due, active ones; "poll now": any the curator picked).
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return "no such source"
    return polling.poll_source(source=source, dispatch=dispatch_entries).summary()


@shared_task(name="articles.fetch_entry", bind=True, max_retries=NETWORK_RETRIES)
def fetch_entry(self, entry_id: int) -> str:
    final = self.request.retries >= NETWORK_RETRIES
    try:
        entry = polling.fetch_entry(entry_id=entry_id, final_attempt=final)
    except SourceEntry.DoesNotExist:
        return "no such entry"
    except FetchError as error:  # transient and not the last try: back off and try again
        countdown = settings.QUOTES_FETCH_RETRY_SECONDS * 2**self.request.retries
        raise self.retry(countdown=countdown, exc=error) from None
    return f"{entry.url}: {entry.status}"


@shared_task(name="articles.fetch_entries")
def fetch_entries(entry_ids: list[int]) -> str:
    """A batch of a poll's new pages: fetched one after the other, parsed together, stored one by one."""
    entries = polling.fetch_entries(entry_ids=entry_ids, final_attempt=False, defer=retry_entry)
    return "; ".join(f"{entry.url}: {entry.status}" for entry in entries)


@shared_task(name="articles.extract_url")
def extract_url(url: str, force: bool = False) -> str:
    """One ``extract_quotes --queue`` URL, read by the worker as ``extract_quotes`` reads it."""
    return summarise(pipeline.Pipeline(force=force).process(read_sources([url])))


@shared_task(name="articles.extract_article")
def extract_article(article: dict, force: bool = False) -> str:
    """One article ``extract_quotes --queue`` read from a file (sent whole: workers need no shared disk)."""
    return summarise(pipeline.Pipeline(force=force).process([input_from_message(article)]))


def input_to_message(article_input: ArticleInput) -> dict:
    message = dataclasses.asdict(article_input)
    message["published_at"] = article_input.published_at.isoformat() if article_input.published_at else None
    return message


def input_from_message(message: dict) -> ArticleInput:
    published = message.get("published_at")
    return ArticleInput(
        **{**message, "published_at": datetime.date.fromisoformat(published) if published else None}
    )


def summarise(report: pipeline.Report) -> str:
    return report.total.summary() + ("" if not report.failures else " Failed: " + "; ".join(report.failures))


@shared_task(name="articles.poll_due_sources")
def poll_due_sources() -> int:
    """celery beat's tick: a poll task for each due source."""
    return enqueue_sources(polling.due_sources())


def enqueue_sources(sources) -> int:
    """A poll task per source; a source whose task was sent is not due again until its interval has
    passed (its poll sets the real next time), so beat's next tick does not send it twice. When the
    broker is down, ``QueueUnavailable`` is raised and the source stays due."""
    from django.utils import timezone

    sent = 0
    for source in sources:
        send(poll_source, source.pk)
        Source.objects.filter(pk=source.pk).update(next_poll_at=timezone.now() + source.poll_interval)
        sent += 1
    return sent
