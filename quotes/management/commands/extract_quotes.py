import json
import sys
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.ingest import ArticleInput, IngestError, read_sources
from quotes import extraction, storage


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
            help="write one JSON object per quotation (the evaluation format) to FILE",
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

    def handle(self, *args, sources, dry_run, jsonl, force, workers, batch_size, verbosity, **options):
        failures: list[str] = []
        inputs: list[ArticleInput] = []
        for item in read_sources(sources):
            if isinstance(item, IngestError):
                failures.append(str(item))
            else:
                inputs.append(item)

        total = storage.StoreResult(articles_failed=len(failures))
        if not dry_run:
            # Skipping before the parse is what makes a second run cheap; store_article checks again.
            pending = []
            for article_input in inputs:
                if storage.is_unchanged(article_input=article_input, force=force):
                    total.articles_unchanged += 1
                else:
                    pending.append(article_input)
            inputs = pending

        jsonl_file = open_jsonl(jsonl) if jsonl else None
        quotes_found = 0
        progress = tqdm(
            total=len(inputs),
            unit="article",
            file=sys.stderr,
            leave=False,
            disable=not (verbosity > 0 and self.stderr.isatty()),
        )
        try:
            # Loading the model costs seconds; a run where every article is unchanged skips it.
            nlp = extraction.load_nlp(settings.QUOTES_SPACY_MODEL) if inputs else None
            for article_input, result in self.extract_all(inputs, nlp=nlp, workers=workers, batch=batch_size):
                progress.update(1)
                if isinstance(result, Exception):
                    total.articles_failed += 1
                    failures.append(f"{article_input.source_name}: extraction failed: {describe(result)}")
                    continue
                quotes_found += len(result.quotes)
                if jsonl_file is not None:
                    for quote in result.quotes:
                        record = extraction.to_eval_record(quote, source=article_input.base_name)
                        jsonl_file.write(json.dumps(record, ensure_ascii=False) + "\n")
                if dry_run:
                    self.report(verbosity, f"{article_input.source_name}: {len(result.quotes)} quotations")
                    continue
                try:
                    stored = storage.store_article(
                        article_input=article_input, extraction=result, force=force
                    )
                except Exception as error:  # one article's failure must not stop the others
                    total.articles_failed += 1
                    failures.append(f"{article_input.source_name}: not stored: {describe(error)}")
                    continue
                total += stored
                self.report(verbosity, f"{article_input.source_name}: {describe_stored(stored)}")
        finally:
            progress.close()
            if jsonl_file is not None:
                jsonl_file.close()

        if verbosity > 0:
            if dry_run:
                self.stdout.write(
                    f"Dry run: {len(inputs)} articles read, {quotes_found} quotations found, "
                    f"{len(failures)} failed; nothing written to the database."
                )
            else:
                self.stdout.write(total.summary())
            if jsonl:
                self.stdout.write(f"Wrote {quotes_found} quotations to {jsonl}.")
        if failures:
            listing = "\n".join(f"  {failure}" for failure in failures)
            raise CommandError(f"{len(failures)} input(s) failed:\n{listing}")

    def extract_all(
        self, inputs: list[ArticleInput], *, nlp, workers: int, batch: int
    ) -> Iterator[tuple[ArticleInput, object]]:
        """Each input with its extraction, parsed in batches. When a text breaks the batch, the rest are
        extracted one at a time, so one bad text costs only itself (yielded with its exception)."""
        if not inputs:
            return
        done = 0
        try:
            texts = (article_input.body for article_input in inputs)
            for result in extraction.extract_many(texts, nlp=nlp, batch_size=batch, n_process=workers):
                yield inputs[done], result
                done += 1
        except Exception:
            for article_input in inputs[done:]:
                try:
                    yield article_input, extraction.extract(article_input.body, nlp=nlp)
                except Exception as error:
                    yield article_input, error

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


def describe(error: BaseException) -> str:
    message = " ".join(str(error).split()) or "no details"
    return f"{type(error).__name__}: {message}"


def describe_stored(stored: "storage.StoreResult") -> str:
    if stored.articles_unchanged:
        return "unchanged"
    state = "new" if stored.articles_new else "re-extracted"
    return (
        f"{state}; quotations {stored.quotes_created} created, {stored.quotes_updated} updated, "
        f"{stored.quotes_kept} kept, {stored.quotes_removed} removed"
    )
