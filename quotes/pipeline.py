"""The one path an article takes: read -> extract -> store, with the failure accounting of a run.

``extract_quotes``, ``poll_sources``, the admin's re-extract and the queue's tasks all go through here, so
an article is skipped, parsed, stored and counted the same way whoever asked for it:

- an input that could not be read (an ``IngestError``) is a failure with its one-line reason;
- an article whose text is stored already at the current extractor version is skipped before the parse
  (the same text under another URL, e.g. one wire story in two outlets, is not extracted twice);
- the others are parsed in spaCy batches; a text that breaks a batch costs only itself;
- each article is stored in its own transaction (``quotes.storage.store_article``), and a failure while
  storing one is recorded and does not stop the others.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings

from articles.ingest import ArticleInput, IngestError
from articles.models import Article
from quotes import extraction, storage
from quotes.ahead import read_ahead


@functools.cache
def shared_nlp(model: str):
    """The spaCy pipeline, loaded once per process (a worker parses thousands of articles with it)."""
    return extraction.load_nlp(model)


def get_nlp():
    return shared_nlp(settings.QUOTES_SPACY_MODEL)


@dataclass
class Outcome:
    """What happened to one input. ``error`` is one line (without the source name) when it failed."""

    source_name: str
    article_input: ArticleInput | None = None
    extraction: extraction.ArticleExtraction | None = None
    stored: storage.StoreResult | None = None
    unchanged: bool = False
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error)

    @property
    def failure(self) -> str:
        return f"{self.source_name}: {self.error}"


@dataclass
class Report:
    """A run's totals: store counts (articles failed included), the failures by name, quotations found."""

    total: storage.StoreResult = field(default_factory=storage.StoreResult)
    failures: list[str] = field(default_factory=list)
    quotes_found: int = 0
    parsed: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.failed:
            self.total.articles_failed += 1
            self.failures.append(outcome.failure)
        elif outcome.unchanged:
            self.total.articles_unchanged += 1
        if outcome.extraction is not None:
            self.parsed += 1
            self.quotes_found += len(outcome.extraction.quotes)
        if outcome.stored is not None:
            self.total += outcome.stored


class Pipeline:
    """One run over many inputs. ``triage`` sorts them (failures and unchanged articles are recorded),
    ``run`` parses and stores the rest and yields each one's outcome as it is done; ``report`` adds up."""

    def __init__(
        self, *, force: bool = False, dry_run: bool = False, workers: int = 1, batch_size: int = 32, nlp=None
    ) -> None:
        self.force = force
        self.dry_run = dry_run
        self.workers = workers
        self.batch_size = batch_size
        self._nlp = nlp
        self.report = Report()

    @property
    def nlp(self):
        # Loading the model costs seconds; a run where every article is unchanged never asks for it.
        if self._nlp is None:
            self._nlp = get_nlp()
        return self._nlp

    def triage(self, items: Iterable[ArticleInput | IngestError]) -> list[ArticleInput]:
        """The inputs that need a parse; unreadable and unchanged ones are recorded in the report."""
        pending: list[ArticleInput] = []
        for item in items:
            if isinstance(item, IngestError):
                self.report.add(Outcome(source_name=item.source_name, error=item.message))
            elif not self.dry_run and storage.is_unchanged(article_input=item, force=self.force):
                # Skipping before the parse is what makes a second run cheap; store_article checks again.
                self.report.add(Outcome(source_name=item.source_name, article_input=item, unchanged=True))
            else:
                pending.append(item)
        return pending

    def run(self, inputs: list[ArticleInput]) -> Iterator[Outcome]:
        for article_input, result in self.extract_all(inputs):
            outcome = Outcome(source_name=article_input.source_name, article_input=article_input)
            if isinstance(result, Exception):
                outcome.error = f"extraction failed: {describe(result)}"
            else:
                outcome.extraction = result
                if not self.dry_run:
                    try:
                        outcome.stored = storage.store_article(
                            article_input=article_input, extraction=result, force=self.force
                        )
                    except Exception as error:  # one article's failure must not stop the others
                        outcome.error = f"not stored: {describe(error)}"
                        outcome.extraction = None
            self.report.add(outcome)
            yield outcome

    def outcomes(self, items: Iterable[ArticleInput | IngestError]) -> list[Outcome]:
        """Every item's outcome, in order; those that need it parsed together in batches."""
        outcomes: list[Outcome | None] = []
        pending: list[ArticleInput] = []
        for item in items:
            if isinstance(item, IngestError):
                outcome = Outcome(source_name=item.source_name, error=item.message)
            elif not self.dry_run and storage.is_unchanged(article_input=item, force=self.force):
                outcome = Outcome(source_name=item.source_name, article_input=item, unchanged=True)
            else:
                pending.append(item)
                outcomes.append(None)
                continue
            self.report.add(outcome)
            outcomes.append(outcome)
        parsed = self.run(pending)
        return [outcome if outcome is not None else next(parsed) for outcome in outcomes]

    def process(self, items: Iterable[ArticleInput | IngestError]) -> Report:
        """triage and run to the end; the report of the whole run."""
        for _ in self.run(self.triage(items)):
            pass
        return self.report

    def extract_all(self, inputs: list[ArticleInput]) -> Iterator[tuple[ArticleInput, object]]:
        """Each input with its extraction, parsed in batches. When a text breaks the batch, the rest are
        extracted one at a time, so one bad text costs only itself (yielded with its exception)."""
        if not inputs:
            return
        done = 0
        try:
            texts = (article_input.body for article_input in inputs)
            results = extraction.extract_many(
                texts, nlp=self.nlp, batch_size=self.batch_size, n_process=self.workers
            )
            if self.workers == 1:
                # the next batch is parsed while this one is stored (with more workers, their processes
                # parse ahead already)
                results = read_ahead(results, size=self.batch_size)
            for result in results:
                yield inputs[done], result
                done += 1
        except Exception:
            for article_input in inputs[done:]:
                try:
                    yield article_input, extraction.extract(article_input.body, nlp=self.nlp)
                except Exception as error:
                    yield article_input, error


def process_article(*, item: ArticleInput | IngestError, force: bool = False, nlp=None) -> Outcome:
    """One input through the pipeline (what the admin's re-extract and a task do for one article)."""
    return Pipeline(force=force, batch_size=1, nlp=nlp).outcomes([item])[0]


def reextract(*, article: Article, nlp=None) -> Outcome:
    """A stored article extracted again (the admin's re-extract): curated, approved and rejected
    quotations stay, as with ``extract_quotes --force``."""
    article_input = ArticleInput(
        body=article.body,
        source_name=article.source_name or str(article),
        title=article.title,
        url=article.url,
        published_at=article.published_at,
        author=article.author,
        language=article.language,
    )
    return process_article(item=article_input, force=True, nlp=nlp)


def describe(error: BaseException) -> str:
    message = " ".join(str(error).split()) or "no details"
    return f"{type(error).__name__}: {message}"
