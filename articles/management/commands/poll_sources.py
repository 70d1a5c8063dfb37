import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles import polling, tasks
from articles.fetch import Fetcher
from articles.models import Source


class Command(BaseCommand):
    help = (
        "Read the followed feeds and sitemaps, fetch the articles not seen before and extract their "
        "quotations. With CELERY_BROKER_URL set, sends a poll task per source to the queue instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, metavar="ID", help="only this source (even if paused)")
        parser.add_argument("--due-only", action="store_true", help="only sources whose next poll is due")

    def handle(self, *args, source, due_only, verbosity, **options):
        if source is not None:
            chosen = Source.objects.filter(pk=source)
            if not chosen.exists():
                raise CommandError(f"No source with id {source}.")
        else:
            chosen = Source.objects.filter(active=True)
        if due_only:
            chosen = chosen.filter(pk__in=polling.due_sources())
        chosen = list(chosen.order_by("pk"))

        if tasks.queue_enabled():
            try:
                sent = tasks.enqueue_sources(chosen)
            except tasks.QueueUnavailable as error:
                raise CommandError(str(error)) from None
            if verbosity > 0:
                self.stdout.write(f"Queued {sent} source(s) for polling.")
            return

        fetcher = Fetcher()
        progress = tqdm(
            unit="article", file=sys.stderr, leave=False, disable=not (verbosity > 0 and self.stderr.isatty())
        )

        def fetch(entries):
            progress.set_description(entries[0].url[-60:])
            fetched = polling.fetch_entries(entry_ids=[entry.pk for entry in entries], fetcher=fetcher)
            progress.update(len(entries))
            if verbosity > 1:
                with tqdm.external_write_mode(file=sys.stderr):
                    for entry in fetched:
                        detail = f" ({entry.error})" if entry.error else ""
                        self.stdout.write(f"  {entry.url}: {entry.get_status_display()}{detail}")
            return fetched

        failed = []
        try:
            for item in chosen:
                result = polling.poll_source(source=item, fetcher=fetcher, dispatch=fetch)
                if result.error:
                    failed.append(result.summary())
                if verbosity > 0:
                    with tqdm.external_write_mode(file=sys.stderr):
                        self.stdout.write(result.summary())
        finally:
            progress.close()
        if verbosity > 0:
            self.stdout.write(f"Polled {len(chosen)} source(s), {len(failed)} failed.")
        if failed:
            raise CommandError(
                f"{len(failed)} source(s) failed:\n" + "\n".join(f"  {line}" for line in failed)
            )
