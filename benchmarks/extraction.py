"""Extraction: words per second of ``extract_quotes`` end to end, against bare spaCy ``nlp.pipe``.

The corpus is real news prose recombined: the paragraphs of the fixture articles, the held-out-style test
articles and the shared dev-set patterns, drawn in a seeded order into article-length texts that each start
with their own headline (so every text has its own content hash and is a new article).

Both sides are timed after the model is loaded, which happens once per run whatever its length: the
reference is ``nlp.pipe`` over the texts with the pipeline exactly as ``spacy.load`` gives it; the
extraction is the whole command (reading the files, parsing, the extraction rules, entity resolution and
the database writes into a fresh database). Each is timed in wall-clock seconds and in CPU seconds of its
process, which a neighbour's load on a shared machine does not change.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Clock, run_child, scratch_database

ROOT = Path(__file__).resolve().parent.parent
PROSE_SOURCES = (
    ROOT / "fixtures" / "articles",
    ROOT / "tests" / "extraction" / "heldout_style",
    ROOT.parent / "shared" / "eval" / "dev" / "patterns",
)


def prose_paragraphs() -> list[str]:
    paragraphs = []
    for folder in PROSE_SOURCES:
        for path in sorted(folder.glob("*.txt")):
            paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    # Headline-like lines would make poor body paragraphs.
    return [p for p in paragraphs if len(p.split()) >= 8]


def build_corpus(folder: Path, *, articles: int, words_per_article: int = 700, seed: int = 1) -> int:
    """Write ``articles`` distinct article-length .txt files into ``folder``; returns their total words."""
    rng = random.Random(seed)
    paragraphs = prose_paragraphs()
    total = 0
    for number in range(articles):
        lead = rng.choice(paragraphs).split()
        lines = [f"{' '.join(lead[:7]).rstrip('.,;:')} — report {number + 1}"]
        words = 0
        while words < words_per_article:
            paragraph = rng.choice(paragraphs)
            lines.append(paragraph)
            words += len(paragraph.split())
        text = "\n\n".join(lines) + "\n"
        (folder / f"article_{number + 1:04d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
    return total


def read_bodies(folder: str) -> list[str]:
    """The article bodies exactly as extract_quotes reads them."""
    from articles.ingest import ArticleInput, read_sources

    return [item.body for item in read_sources([folder]) if isinstance(item, ArticleInput)]


def measure_spacy_pipe(*, folder: str, batch_size: int = 32) -> dict:
    """The reference: the full pipeline as spacy.load gives it, nlp.pipe over the same texts."""
    import spacy
    from django.conf import settings

    texts = read_bodies(folder)
    clock = Clock()
    nlp = spacy.load(settings.QUOTES_SPACY_MODEL)
    load_seconds = clock.seconds
    clock, cpu = Clock(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return {
        "seconds": clock.seconds,
        "cpu_seconds": time.process_time() - cpu,
        "load_seconds": load_seconds,
        "words": sum(len(text.split()) for text in texts),
        "articles": len(texts),
    }


def measure_extract_quotes(*, folder: str, workers: int = 1, batch_size: int = 32) -> dict:
    """``extract_quotes FOLDER`` into the (empty) database this process was given."""
    from django.conf import settings
    from django.core.management import call_command

    from articles.models import Article
    from quotes import extraction
    from quotes.models import Quote

    call_command("migrate", verbosity=0)
    clock = Clock()
    extraction.load_nlp(settings.QUOTES_SPACY_MODEL)  # the command's own (cached) loader
    load_seconds = clock.seconds
    clock, cpu = Clock(), time.process_time()
    call_command(
        "extract_quotes", folder, workers=workers, batch_size=batch_size, verbosity=0, stdout=io.StringIO()
    )
    seconds = clock.seconds
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "load_seconds": load_seconds,
        "words": sum(len(body.split()) for body in Article.objects.values_list("body", flat=True)),
        "articles": Article.objects.count(),
        "quotes": Quote.objects.count(),
    }


def run(*, articles: int = 200, vendors=("sqlite", "postgresql"), workers: int = 2, rounds: int = 2) -> dict:
    """The reference and each one-process extraction are measured ``rounds`` times, interleaved (in each
    round the reference, then each database), and the best of each side kept: a neighbour's load on the
    shared machine during one run neither flatters nor sinks a ratio, and both sides get as many chances
    (timings vary by a fifth from run to run on one machine). Several processes are measured once, last."""
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="quotes-bench-corpus-") as folder:
        build_corpus(Path(folder), articles=articles)
        references: list[tuple[dict, float]] = []
        measured: dict[tuple[str, int], list[tuple[dict, float]]] = {}

        def measure(vendor: str, processes: int) -> None:
            with scratch_database(vendor, "extract") as url:
                measured.setdefault((vendor, processes), []).append(
                    run_child(
                        "extraction.measure_extract_quotes",
                        database_url=url,
                        folder=folder,
                        workers=processes,
                    )
                )

        for _ in range(rounds):
            references.append(measure_reference(folder))
            for vendor in vendors:
                measure(vendor, 1)
        for processes in range(2, workers + 1):
            measure(vendors[0], processes)
    (reference, reference_memory) = min(references, key=lambda pair: pair[0]["seconds"])
    reference_rate = reference["words"] / reference["seconds"]
    reference_cpu_rate = reference["words"] / min(figures["cpu_seconds"] for figures, _ in references)
    results |= {
        "extraction_articles": reference["articles"],
        "extraction_words": reference["words"],
        "extraction_rounds": rounds,
        "extraction_model_load_seconds": reference["load_seconds"],
        "extraction_spacy_pipe_words_per_second": reference_rate,
        "extraction_spacy_pipe_peak_memory_mb": reference_memory,
        # the slowest run of a side over its fastest: how much the machine varied during the benchmark
        "extraction_spacy_pipe_spread": max(figures["seconds"] for figures, _ in references)
        / reference["seconds"],
    }
    for (vendor, processes), runs_of_one in measured.items():
        (figures, memory) = min(runs_of_one, key=lambda pair: pair[0]["seconds"])
        if figures["articles"] != reference["articles"]:
            raise RuntimeError(f"extract_quotes stored {figures['articles']} of {reference['articles']}")
        prefix = f"extraction_{vendor}" + (f"_workers{processes}" if processes > 1 else "")
        rate = figures["words"] / figures["seconds"]
        results |= {
            f"{prefix}_words_per_second": rate,
            f"{prefix}_articles_per_second": figures["articles"] / figures["seconds"],
            f"{prefix}_quotes": figures["quotes"],
            f"{prefix}_peak_memory_mb": memory,
            f"{prefix}_ratio": rate / reference_rate,
        }
        if processes == 1:
            # Per CPU second of this process: what a neighbour's load cannot skew. (PostgreSQL's own
            # work happens in its server process and is not counted; SQLite's is.)
            cpu_seconds = min(figures["cpu_seconds"] for figures, _ in runs_of_one)
            results[f"{prefix}_cpu_ratio"] = (figures["words"] / cpu_seconds) / reference_cpu_rate
            results[f"{prefix}_spread"] = max(figures["seconds"] for figures, _ in runs_of_one) / min(
                figures["seconds"] for figures, _ in runs_of_one
            )
        if processes > 1:
            results[f"{prefix}_scaling"] = rate / results[f"extraction_{vendor}_words_per_second"]
    return results


def measure_reference(folder: str) -> tuple[dict, float]:
    with scratch_database("sqlite", "reference") as url:
        return run_child("extraction.measure_spacy_pipe", database_url=url, folder=folder)
