import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.ingest import IngestError, is_url, read_sources
from quotes import extraction, pipeline, storage


class Command(BaseCommand):
    help = (
        "Read articles (.txt, .html, .json files, folders read recursively, or http(s) URLs), find their "
        "quotations and store who said what. Unchanged articles are skipped; curators' decisions are kept. "
        "Each article is stored in its own transaction; failed inputs are listed at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH|URL", help="files, folders or URLs to read")
        parser.add_argument(
            "--dry-run", action="store_true", help="extract only; write nothing to the database"
        )
        parser.add_argument(
            "--jsonl",
            metavar="FILE",
            help="write one JSON object per quotation extracted in this run (the evaluation format) to FILE",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="re-extract articles even when their text and the extractor version are unchanged",
        )
        parser.add_argument(
            "--workers",
            type=positive_int,
            default=1,
            metavar="N",
            help="spaCy processes parsing in parallel (default 1)",
        )
        parser.add_argument(
            "--batch-size", type=positive_int, default=32, metavar="N", help="texts per spaCy batch"
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="send each article to the task queue (CELERY_BROKER_URL) for workers to extract, "
            "instead of parsing here; files are read here, URLs by the workers",
        )

    def handle(self, *args, sources, dry_run, jsonl, force, workers, batch_size, queue, verbosity, **options):
        if queue:
            return self.enqueue(sources, force=force, dry_run=dry_run, jsonl=jsonl, verbosity=verbosity)
        run = pipeline.Pipeline(force=force, dry_run=dry_run, workers=workers, batch_size=batch_size)
        inputs = run.triage(read_sources(sources))

        jsonl_file = open_jsonl(jsonl) if jsonl else None
        progress = tqdm(
            total=len(inputs),
            unit="article",
            file=sys.stderr,
            leave=False,
            disable=not (verbosity > 0 and self.stderr.isatty()),
        )
        try:
            for outcome in run.run(inputs):
                progress.update(1)
                if outcome.failed:
                    continue
                if jsonl_file is not None:
                    for quote in outcome.extraction.quotes:
                        record = extraction.to_eval_record(quote, source=outcome.article_input.base_name)
                        jsonl_file.write(json.dumps(record, ensure_ascii=False) + "\n")
                if dry_run:
                    found = len(outcome.extraction.quotes)
                    self.report(verbosity, f"{outcome.source_name}: {found} quotations")
                else:
                    self.report(verbosity, f"{outcome.source_name}: {describe_stored(outcome.stored)}")
        finally:
            progress.close()
            if jsonl_file is not None:
                jsonl_file.close()

        report = run.report
        if verbosity > 0:
            if dry_run:
                self.stdout.write(
                    f"Dry run: {len(inputs)} articles read, {report.quotes_found} quotations found, "
                    f"{len(report.failures)} failed; nothing written to the database."
                )
            else:
                self.stdout.write(report.total.summary())
            if jsonl:
                self.stdout.write(f"Wrote {report.quotes_found} quotations to {jsonl}.")
        if report.failures:
            listing = "\n".join(f"  {failure}" for failure in report.failures)
            raise CommandError(f"{len(report.failures)} input(s) failed:\n{listing}")

    def enqueue(self, sources: list[str], *, force: bool, dry_run: bool, jsonl, verbosity: int) -> None:
        """A task per article (a file's articles are read here and sent whole), or per URL."""
        from articles import tasks

        if dry_run or jsonl:
            raise CommandError(
                "--queue stores what the workers extract: it takes neither --dry-run nor --jsonl"
            )
        if not tasks.queue_enabled():
            raise CommandError(
                "--queue needs a task broker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/1)"
            )
        failures: list[str] = []
        sent = 0
        try:
            for source in sources:
                if is_url(source):
                    tasks.send(tasks.extract_url, source, force)
                    sent += 1
                    continue
                for item in read_sources([source]):
                    if isinstance(item, IngestError):
                        failures.append(str(item))
                    else:
                        tasks.send(tasks.extract_article, tasks.input_to_message(item), force)
                        sent += 1
        except tasks.QueueUnavailable as error:
            raise CommandError(f"{error} ({sent} article(s) sent before it failed)") from None
        if verbosity > 0:
            self.stdout.write(f"Queued {sent} article(s) for extraction; {len(failures)} failed to read.")
        if failures:
            listing = "\n".join(f"  {failure}" for failure in failures)
            raise CommandError(f"{len(failures)} input(s) failed:\n{listing}")

    def report(self, verbosity: int, message: str) -> None:
        if verbosity > 1:
            # Lifts the progress bar off the terminal while the line is written.
            with tqdm.external_write_mode(file=sys.stderr):
                self.stdout.write(message)


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def open_jsonl(path: str):
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return open(path, "w", encoding="utf-8")
    except OSError as error:
        raise CommandError(f"Cannot write {path}: {error.strerror or error}") from None


def describe_stored(stored: "storage.StoreResult") -> str:
    if stored.articles_unchanged:
        return "unchanged"
    state = "new" if stored.articles_new else "re-extracted"
    return (
        f"{state}; quotations {stored.quotes_created} created, {stored.quotes_updated} updated, "
        f"{stored.quotes_kept} kept, {stored.quotes_removed} removed"
    )
