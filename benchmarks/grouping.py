"""Grouping: ingest with statements and near copies against ingest without them.

A corpus built by hand (no spaCy) like the loading benchmark's, with what grouping meets in the news: a
tenth of the articles followed by a near copy (another headline, the last paragraph cut), and a quarter of
the quotations repeating an earlier quotation of the same speaker, whole or a part of at least 8 words.
Each side stores the same articles through ``store_article`` into an empty database; the reference has
``QUOTES_GROUP_STATEMENTS`` off (every quotation a statement of its own, no signatures).

Into the generated corpus (the search benchmark's), a batch of new articles is ingested both ways twice:
once as ``extract_quotes`` ingests articles (their texts parsed, then stored: the headline ratio) and once
stored alone from hand-built extractions (what grouping costs the storage service itself).
"""

from __future__ import annotations

import functools
import os
import random
import resource
from dataclasses import replace

from benchmarks.loading import synthetic_extractions
from benchmarks.measure import Clock, run_child, scratch_database

COPY_SHARE = 0.1
REPEAT_SHARE = 0.25


def _cpu() -> float:
    """CPU seconds of this process (on SQLite the database's work too; on PostgreSQL not the server's)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def corpus(*, quotes: int, per_article: int = 20, seed: int = 1):
    """(ArticleInput, ArticleExtraction) pairs: the loading corpus with repeated quotations and copies."""
    from articles.ingest import ArticleInput
    from quotes.extraction import ArticleExtraction, CandidateQuote

    rng = random.Random(seed)
    said: dict = {}
    for article_input, extraction in synthetic_extractions(quotes=quotes, per_article=per_article, seed=seed):
        body, candidates = article_input.body.split("\n\n", 1)[0] + "\n\n", []
        for candidate in extraction.quotes:
            text = candidate.text
            earlier = said.get(candidate.speaker)
            if earlier and rng.random() < REPEAT_SHARE:
                words = rng.choice(earlier).split()
                size = rng.randint(min(8, len(words)), len(words))
                start = rng.randint(0, len(words) - size)
                text = " ".join(words[start : start + size])
            said.setdefault(candidate.speaker, []).append(text)
            candidates.append(
                CandidateQuote(
                    text=text,
                    start=len(body) + 1,
                    end=len(body) + 1 + len(text),
                    kind=candidate.kind,
                    cue=candidate.cue,
                    speaker_mention=candidate.speaker_mention,
                    speaker=candidate.speaker,
                    confidence=candidate.confidence,
                )
            )
            body += f"“{text}” {candidate.cue} {candidate.speaker.name}.\n\n"
        yield (
            ArticleInput(body=body, source_name=article_input.source_name),
            ArticleExtraction(quotes=tuple(candidates), speakers=extraction.speakers, outlet=None),
        )
        if rng.random() < COPY_SHARE and len(candidates) > 2:
            # The same wire copy elsewhere: a headline of its own, the last paragraph cut.
            headline = f"Copied: report {article_input.source_name}\n\n"
            kept = candidates[:-1]
            cut = body[: kept[-1].end + body[kept[-1].end :].index("\n\n") + 2]
            shifted = tuple(
                replace(c, start=c.start + len(headline), end=c.end + len(headline)) for c in kept
            )
            yield (
                ArticleInput(body=headline + cut, source_name=f"{article_input.source_name}:copy"),
                ArticleExtraction(quotes=shifted, speakers=extraction.speakers, outlet=None),
            )


def measure_grouping(*, quotes: int, group: bool, per_article: int = 20) -> dict:
    """store_article for each article of the corpus into this (empty) database, grouping on or off."""
    from django.conf import settings
    from django.core.management import call_command

    from articles.models import Article
    from quotes.models import Quote, Statement
    from quotes.storage import store_article

    settings.QUOTES_GROUP_STATEMENTS = group
    call_command("migrate", verbosity=0)
    articles = list(corpus(quotes=quotes, per_article=per_article))
    clock, started = Clock(), _cpu()
    for article_input, extraction in articles:
        store_article(article_input=article_input, extraction=extraction)
    return {
        "seconds": clock.seconds,
        "cpu_seconds": _cpu() - started,
        "quotes": Quote.objects.count(),
        "statements": Statement.objects.count(),
        "copies": Article.objects.filter(copy_of__isnull=False).count(),
    }


def run(
    *,
    quotes: int = 100_000,
    corpus_quotes: int | None = None,
    batch_articles: int = 200,
    seed: int = 1,
    vendors: tuple[str, ...] = ("sqlite", "postgresql"),
) -> dict:
    """Both measurements: into empty databases (``quotes`` quotations) and a batch of ``batch_articles``
    articles into the generated corpus of ``corpus_quotes`` (the search benchmark's, kept between runs)."""
    results: dict[str, float] = {"grouping_quotes": quotes}
    if corpus_quotes:
        results |= run_in_corpus(quotes=corpus_quotes, articles=batch_articles, seed=seed, vendors=vendors)
    for vendor in vendors:
        measured = {}
        for group in (True, False):
            with scratch_database(vendor, f"grouping_{int(group)}") as url:
                measured[group], _ = run_child(
                    "grouping.measure_grouping", database_url=url, quotes=quotes, group=group
                )
        with_rate = measured[True]["quotes"] / measured[True]["seconds"]
        without_rate = measured[False]["quotes"] / measured[False]["seconds"]
        results |= {
            f"grouping_{vendor}_rows_per_second": with_rate,
            f"grouping_{vendor}_without_rows_per_second": without_rate,
            f"grouping_{vendor}_ratio": with_rate / without_rate,
            f"grouping_{vendor}_cpu_ratio": measured[False]["cpu_seconds"]
            / measured[True]["cpu_seconds"]
            * measured[True]["quotes"]
            / measured[False]["quotes"],
            f"grouping_{vendor}_statements_per_quote": measured[True]["statements"]
            / measured[True]["quotes"],
            f"grouping_{vendor}_copies": measured[True]["copies"],
        }
    return results


# -- at scale: a batch of articles into the generated corpus ----------------------------------------------

SCALE_PER_ARTICLE = 8  # as in the generated corpus


@functools.cache
def _vocabulary() -> list[str]:
    from quotes.synthetic import vocabulary

    return vocabulary(1)  # loads the spaCy model's strings: once


def corpus_batch(*, articles: int, seed: int = 17):
    """(ArticleInput, ArticleExtraction) pairs for the stored corpus: new articles whose quotations are by
    its speakers, a quarter repeating one of their stored quotations (whole or a part of 10+ words), and
    a tenth of the articles near copies of stored ones (a headline and a sign-off added)."""
    from django.db.models import Count

    from articles.ingest import ArticleInput
    from articles.models import Article
    from quotes.extraction import ArticleExtraction, CandidateQuote, Speaker
    from quotes.models import Person, Quote
    from quotes.synthetic import CUES, ZipfWords

    rng = random.Random(seed)
    words = ZipfWords(_vocabulary(), rng)
    # Speakers whose names are unique, so the storage service resolves each to its stored person.
    unique = Person.objects.values("name").annotate(n=Count("id")).filter(n=1).values("name")
    people = list(Person.objects.filter(name__in=unique).order_by("id").values_list("id", "name"))
    said: dict[int, list[str]] = {}
    for person_id, text in Quote.objects.filter(
        speaker_person_id__in=[p for p, _ in people[:2000]]
    ).values_list("speaker_person_id", "text")[:20000]:
        said.setdefault(person_id, []).append(text)
    stored_ids = list(
        Article.objects.filter(copy_of__isnull=True).order_by("-id").values_list("id", flat=True)[:50000]
    )

    def speaker(name: str) -> Speaker:
        return Speaker(name=name, kind="person", role=None, organisation=None, aliases=(), person_kind=None)

    batch = []
    for number in range(articles):
        source = f"grouping-batch:{seed}:{number}"
        if rng.random() < COPY_SHARE:
            original = Article.objects.get(pk=rng.choice(stored_ids))
            headline = f"Reprinted {seed}-{number}. " + words.sentence(4, 10) + "\n\n"
            body = headline + original.body + "\n\nFirst published by a wire service."
            candidates = tuple(
                CandidateQuote(
                    text=quote.text,
                    start=quote.start + len(headline),
                    end=quote.end + len(headline),
                    kind=quote.kind,
                    cue=quote.cue,
                    speaker_mention=quote.speaker_mention,
                    speaker=speaker(quote.speaker_mention),
                    confidence=quote.confidence,
                )
                for quote in original.quotes.order_by("start")
            )
        else:
            body, made = f"Batch report {seed}-{number}. " + words.sentence(8, 20) + "\n\n", []
            for _ in range(SCALE_PER_ARTICLE):
                person_id, name = rng.choice(people[:2000] if rng.random() < 0.5 else people)
                if said.get(person_id) and rng.random() < REPEAT_SHARE:
                    tokens = rng.choice(said[person_id]).rstrip(".").split()
                    size = rng.randint(min(10, len(tokens)), len(tokens))
                    first = rng.randint(0, len(tokens) - size)
                    text = " ".join(tokens[first : first + size]).capitalize() + "."
                else:
                    text = words.sentence(6, 40)
                cue = rng.choice(CUES)
                made.append(
                    CandidateQuote(
                        text=text,
                        start=len(body) + 1,
                        end=len(body) + 1 + len(text),
                        kind=rng.choices(("direct", "indirect", "mixed"), weights=(6, 3, 1))[0],
                        cue=cue,
                        speaker_mention=name,
                        speaker=speaker(name),
                        confidence=round(rng.uniform(0.3, 1.0), 2),
                    )
                )
                body += f"“{text}” {cue} {name}.\n\n"
            candidates = tuple(made)
        speakers = tuple(dict.fromkeys(c.speaker for c in candidates))
        batch.append(
            (
                ArticleInput(body=body, source_name=source),
                ArticleExtraction(quotes=candidates, speakers=speakers, outlet=None),
            )
        )
    return batch


def measure_in_corpus(*, articles: int, rounds: int = 2, extract: bool = False) -> dict:
    """Store the same batch into the corpus with grouping and without, in turns (with, without; then
    without, with: drift in the machine's load falls on both), each followed by deleting what it stored
    (through ``statements.delete_articles``, untimed), so every turn starts from the same corpus.

    ``extract``: ingest the batch's texts as ``extract_quotes`` does (``Pipeline``: the spaCy parse, read
    ahead, then the store), the model loaded before the clocks start; otherwise store the batch's
    hand-built extractions alone (``store_article``), the storing's own cost."""
    from django.conf import settings

    from articles.models import Article
    from quotes.models import Quote, Statement
    from quotes.pipeline import Pipeline, get_nlp
    from quotes.statements import delete_articles
    from quotes.storage import store_article

    def clear() -> None:
        delete_articles(articles=Article.objects.filter(source_name__startswith="grouping-batch:"))

    def ingest(pairs) -> None:
        if extract:
            report = Pipeline().process([article_input for article_input, _ in pairs])
            if report.failures:
                raise RuntimeError(f"ingest failed: {report.failures[0]}")
            return
        for article_input, extraction in pairs:
            store_article(article_input=article_input, extraction=extraction)

    if extract:
        get_nlp()

    clear()  # a run stopped half-way left its batch
    before = (Quote.objects.count(), Statement.objects.count())
    batch = corpus_batch(articles=articles)
    spent = {True: [0.0, 0.0], False: [0.0, 0.0]}
    stored = {True: 0, False: 0}
    copies_found = 0
    # A few articles first, not counted: the indexes' upper pages and the code paths warmed for both.
    for group in (True, False):
        settings.QUOTES_GROUP_STATEMENTS = group
        ingest(corpus_batch(articles=10, seed=99))
        clear()
    for turn in range(rounds):
        for group in (True, False) if turn % 2 == 0 else (False, True):
            settings.QUOTES_GROUP_STATEMENTS = group
            clock, started = Clock(), _cpu()
            ingest(batch)
            spent[group][0] += clock.seconds
            spent[group][1] += _cpu() - started
            batch_quotes = Quote.objects.filter(article__source_name__startswith="grouping-batch:")
            stored[group] += batch_quotes.count()
            if group:
                copies_found += Article.objects.filter(
                    source_name__startswith="grouping-batch:", copy_of__isnull=False
                ).count()
                joined = batch_quotes.filter(statement__report_count__gte=2).count()
            clear()
    after = (Quote.objects.count(), Statement.objects.count())
    return {
        "seconds": spent[True][0],
        "seconds_without": spent[False][0],
        "cpu_seconds": spent[True][1],
        "cpu_seconds_without": spent[False][1],
        "quotes": stored[True],
        "quotes_without": stored[False],
        "copies": copies_found / rounds,
        "articles": len(batch) * rounds,
        "joined": joined,
        "corpus_quotes": before[0],
        "corpus_unchanged": before == after,
    }


def run_in_corpus(*, quotes: int, articles: int, seed: int = 1, vendors=("sqlite", "postgresql")) -> dict:
    from benchmarks import search

    results: dict[str, float] = {"grouping_corpus_quotes": quotes}
    for vendor in vendors:
        url, _ = search.ensure_corpus(vendor, quotes=quotes, seed=seed)
        ingested, _ = run_child(
            "grouping.measure_in_corpus", database_url=url, articles=articles, extract=True
        )
        results |= {
            # Ingest as a user runs it: extract_quotes over the articles' texts, parse and store.
            f"grouping_{vendor}_corpus_ingest_ratio": ingested["seconds_without"] / ingested["seconds"],
            f"grouping_{vendor}_corpus_ingest_cpu_ratio": ingested["cpu_seconds_without"]
            / ingested["cpu_seconds"],
            f"grouping_{vendor}_corpus_ingest_articles_per_second": ingested["articles"]
            / ingested["seconds"],
            f"grouping_{vendor}_corpus_ingest_quotes": ingested["quotes"],
            f"grouping_{vendor}_corpus_ingest_joined": ingested["joined"],
            f"grouping_{vendor}_corpus_ingest_copies": ingested["copies"],
        }
        measured, _ = run_child("grouping.measure_in_corpus", database_url=url, articles=articles)
        with_rate = measured["quotes"] / measured["seconds"]
        without_rate = measured["quotes_without"] / measured["seconds_without"]
        results |= {
            f"grouping_{vendor}_corpus_rows_per_second": with_rate,
            f"grouping_{vendor}_corpus_without_rows_per_second": without_rate,
            f"grouping_{vendor}_corpus_ratio": with_rate / without_rate,
            # The benchmark process's own CPU (on PostgreSQL the server's is not in it).
            f"grouping_{vendor}_corpus_cpu_ratio": (measured["quotes"] / measured["cpu_seconds"])
            / (measured["quotes_without"] / measured["cpu_seconds_without"]),
            f"grouping_{vendor}_corpus_batch_quotes": measured["quotes"],
            f"grouping_{vendor}_corpus_batch_copies": measured["copies"],
            f"grouping_{vendor}_corpus_batch_joined": measured["joined"],
            f"grouping_{vendor}_corpus_unchanged": float(measured["corpus_unchanged"]),
            f"grouping_{vendor}_corpus_load_average": os.getloadavg()[0],
        }
    return results
