"""Loading: candidate quotations through the storage service, against a plain bulk insert of the same rows.

The candidates are built by hand (no spaCy): synthetic articles of real words, each with its quotations as
exact spans and speakers drawn from a few thousand people (a few speak most), some with an organisation and
role, some organisations speaking as such — what the extractor hands ``store_article``. The reference then
deletes those quotations and inserts the same rows again with one ``Quote.objects.bulk_create``.
"""

from __future__ import annotations

import itertools
import random

from benchmarks.measure import Clock, run_child, scratch_database


def synthetic_extractions(*, quotes: int, per_article: int = 20, seed: int = 1):
    """(ArticleInput, ArticleExtraction) pairs holding ``quotes`` candidate quotations in all."""
    from articles.ingest import ArticleInput
    from quotes.extraction import ArticleExtraction, CandidateQuote, Speaker
    from quotes.synthetic import (
        CUES,
        FIRST_NAMES,
        LAST_NAMES,
        ORG_FORMS,
        ORG_WORDS,
        ROLES,
        ZipfWords,
        vocabulary,
    )

    rng = random.Random(seed)
    words = ZipfWords(vocabulary(seed), rng)
    names = rng.sample(list(itertools.product(FIRST_NAMES, LAST_NAMES)), min(5000, max(10, quotes // 20)))
    organisations = [
        form.format(a=rng.choice(ORG_WORDS), b=rng.choice(ORG_WORDS)) + f" {number}"
        for number, (form, _) in enumerate(rng.choice(ORG_FORMS) for _ in range(300))
    ]
    people = [
        Speaker(
            name=f"{first} {last}",
            kind="person",
            role=rng.choice(ROLES),
            organisation=rng.choice(organisations) if number % 3 else None,
            aliases=(),
            person_kind=rng.choice(("expert", "official", "journalist", "other")),
        )
        for number, (first, last) in enumerate(names)
    ]
    bodies = [
        Speaker(name=name, kind="organisation", role=None, organisation=None, aliases=(), person_kind=None)
        for name in organisations[:50]
    ]
    weights = [1 / rank for rank in range(1, len(people) + 1)]
    for number in range(0, quotes, per_article):
        body, candidates = f"Report {seed}-{number}.\n\n", []
        for _ in range(min(per_article, quotes - number)):
            speaker = rng.choice(bodies) if rng.random() < 0.1 else rng.choices(people, weights)[0]
            text = words.sentence(6, 30)
            cue = rng.choice(CUES)
            candidates.append(
                CandidateQuote(
                    text=text,
                    start=len(body) + 1,
                    end=len(body) + 1 + len(text),
                    kind=rng.choice(("direct", "indirect", "mixed")),
                    cue=cue,
                    speaker_mention=speaker.name,
                    speaker=speaker,
                    confidence=round(rng.uniform(0.3, 1.0), 2),
                )
            )
            body += f"“{text}” {cue} {speaker.name}.\n\n"
        speakers = tuple(dict.fromkeys(c.speaker for c in candidates))
        yield (
            ArticleInput(body=body, source_name=f"loading:{seed}:{number}"),
            ArticleExtraction(quotes=tuple(candidates), speakers=speakers, outlet=None),
        )


def measure_loading(*, quotes: int, per_article: int = 20) -> dict:
    """store_article for each synthetic article into this (empty) database; then the bulk_create reference."""
    from django.core.management import call_command
    from django.db import transaction

    from quotes.models import Quote
    from quotes.storage import store_article

    call_command("migrate", verbosity=0)
    extractions = list(synthetic_extractions(quotes=quotes, per_article=per_article))
    clock = Clock()
    for article_input, extraction in extractions:
        store_article(article_input=article_input, extraction=extraction)
    store_seconds = clock.seconds
    stored = Quote.objects.count()
    if stored != quotes:
        raise RuntimeError(f"store_article stored {stored} of {quotes} quotations")

    rows = list(Quote.objects.all())
    Quote.objects.all().delete()
    for row in rows:
        row.pk = None
    clock = Clock()
    with transaction.atomic():
        Quote.objects.bulk_create(rows, batch_size=1000)
    return {"quotes": stored, "store_seconds": store_seconds, "bulk_create_seconds": clock.seconds}


def run(*, quotes: int = 100_000, vendors: tuple[str, ...] = ("sqlite", "postgresql")) -> dict:
    results: dict[str, float] = {"loading_quotes": quotes}
    for vendor in vendors:
        with scratch_database(vendor, "loading") as url:
            measured, memory = run_child("loading.measure_loading", database_url=url, quotes=quotes)
        store_rate = measured["quotes"] / measured["store_seconds"]
        bulk_rate = measured["quotes"] / measured["bulk_create_seconds"]
        results |= {
            f"loading_{vendor}_store_rows_per_second": store_rate,
            f"loading_{vendor}_bulk_create_rows_per_second": bulk_rate,
            f"loading_{vendor}_ratio": store_rate / bulk_rate,
            f"loading_{vendor}_peak_memory_mb": memory,
        }
    return results
