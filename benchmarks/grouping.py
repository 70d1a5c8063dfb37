"""Grouping: ingest with statements and near copies against ingest without them.

A corpus built by hand (no spaCy) like the loading benchmark's, with what grouping meets in the news: a
tenth of the articles followed by a near copy (another headline, the last paragraph cut), and a quarter of
the quotations repeating an earlier quotation of the same speaker, whole or a part of at least 8 words.
Each side stores the same articles through ``store_article`` into an empty database; the reference has
``QUOTES_GROUP_STATEMENTS`` off (every quotation a statement of its own, no signatures).
"""

from __future__ import annotations

import random
from dataclasses import replace

from benchmarks.loading import synthetic_extractions
from benchmarks.measure import Clock, run_child, scratch_database

COPY_SHARE = 0.1
REPEAT_SHARE = 0.25


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
    clock = Clock()
    for article_input, extraction in articles:
        store_article(article_input=article_input, extraction=extraction)
    return {
        "seconds": clock.seconds,
        "quotes": Quote.objects.count(),
        "statements": Statement.objects.count(),
        "copies": Article.objects.filter(copy_of__isnull=False).count(),
    }


def run(*, quotes: int = 100_000, vendors: tuple[str, ...] = ("sqlite", "postgresql")) -> dict:
    results: dict[str, float] = {"grouping_quotes": quotes}
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
            f"grouping_{vendor}_statements_per_quote": measured[True]["statements"]
            / measured[True]["quotes"],
            f"grouping_{vendor}_copies": measured[True]["copies"],
        }
    return results
