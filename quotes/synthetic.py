"""Realistic synthetic data at scale, for benchmarks: articles, people, organisations and quotations.

Words follow a Zipf distribution over real news vocabulary (the words of the fixture articles first, then the
spaCy model's string store), so common-word, rare-word and phrase queries behave as they would on real data.
Every quotation is a real span of its article's body.
"""

import hashlib
import itertools
import random
import re
from collections import Counter, defaultdict, deque
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from articles import copies
from articles.models import Article, ArticleBand, ArticleSignature, Publication
from quotes import statements
from quotes.models import (
    Affiliation,
    Organisation,
    OrganisationKind,
    Person,
    PersonKind,
    Quote,
    QuoteFingerprint,
    QuoteKind,
    QuoteStatus,
    Statement,
)

FIRST_NAMES = (
    "Alexander Nicole Hannah John Maria Sergei Aisha Tomas Linda Paul Kenji Elena Priya Rafael Carla "
    "Ingrid Jon Marieke Sanjay Olga Dmitry Fatima Omar Chen Wei Yuki Amara Kwame Lucia Mateo Sofia Lars "
    "Anya Pierre Claire Hans Greta Ahmed Leila Ravi Meera Diego Ana Pablo Ines Ivan Natalia Samuel Grace "
    "David Sarah Michael Laura James Emma Thomas Julia Daniel Nadia Karim Yara Tariq Mei"
).split()
LAST_NAMES = (
    "Gabuev Grajewski Notte Alterman Petrova Khan Berg Osei Grant Watanabe Raman Mendes Souza Larsen "
    "Olafsson Malhotra Ivanova Haddad Rahman Zhang Liu Tanaka Mensah Rossi Garcia Lopez Fernandez Nilsen "
    "Kowalski Dubois Martin Schmidt Weber Lindqvist Hassan Nasser Iyer Gupta Silva Costa Novak Horvat "
    "Popescu Yilmaz Demir Cohen Levi Okafor Adeyemi Kimura Sato Park Kim Nguyen Tran Murphy Kelly Walsh "
    "Brennan Fischer Wagner Becker Meyer Hoffmann Svensson Andersen Jensen Moreau Laurent Bernard Romano "
    "Greco Marino Santos Oliveira Pereira Mukherjee Banerjee Chatterjee Reddy Naidu Abbasi Karimi Tehrani "
    "Sokolov Volkov Morozov Orlov Kuznetsov Baker Carter Ellis Foster Hughes Jenkins Lambert Mitchell "
    "Newman Palmer Reeves Shaw Turner Walker Young"
).split()
ORG_WORDS = (
    "Atlantic Eurasia Global Strategic Nordic Baltic Pacific Security Policy Energy Economic Foreign "
    "Defence International Royal National Central Eastern Western Maritime Arctic Mediterranean "
    "Continental Civic"
).split()
ORG_FORMS = (
    ("{a} {b} Institute", OrganisationKind.THINK_TANK),
    ("{a} Centre for {b} Studies", OrganisationKind.THINK_TANK),
    ("{a} Council on {b} Relations", OrganisationKind.THINK_TANK),
    ("University of {a} {b}", OrganisationKind.UNIVERSITY),
    ("Ministry of {b} Affairs of {a}", OrganisationKind.GOVERNMENT),
    ("{a} {b} Agency", OrganisationKind.GOVERNMENT),
    ("{a} {b} News", OrganisationKind.MEDIA),
    ("{a} {b} Holdings", OrganisationKind.COMPANY),
)
ROLES = ("director", "senior fellow", "analyst", "professor", "spokesperson", "minister", "chief executive")
# What grouping meets in the news: a tenth of the articles followed by a near copy in another outlet, a
# quarter of the quotations repeating one of the last SAID_KEPT of the same speaker, whole or in part.
COPY_SHARE = 0.1
REPEAT_SHARE = 0.25
REPEAT_PART_WORDS = 10
SAID_KEPT = 30
CUES = ("said", "told", "warned", "argued", "added", "according to", "noted", "insisted")


class CorpusExists(Exception):
    pass


@dataclass(frozen=True)
class CorpusCounts:
    publications: int
    organisations: int
    people: int
    articles: int
    quotes: int


def vocabulary(seed: int) -> list[str]:
    """Real words, commonest first: fixture-article words by frequency, then the model's strings, shuffled."""
    counts = Counter()
    for path in sorted((Path(settings.BASE_DIR) / "fixtures" / "articles").glob("*.txt")):
        counts.update(re.findall(r"[a-z]{2,}", path.read_text(encoding="utf-8").lower()))
    head = [word for word, _ in counts.most_common()]
    import spacy  # only here: loading the vocabulary is the one use of spaCy in this module

    strings = spacy.load(settings.QUOTES_SPACY_MODEL, exclude=["parser", "ner", "tagger", "lemmatizer"])
    tail = sorted(
        {s for s in strings.vocab.strings if s.isalpha() and s.islower() and 3 <= len(s) <= 14} - set(head)
    )
    random.Random(seed).shuffle(tail)
    return head + tail


class ZipfWords:
    def __init__(self, words: list[str], rng: random.Random, exponent: float = 1.07):
        self.words = words
        self.rng = rng
        self.cumulative = list(itertools.accumulate(1 / rank**exponent for rank in range(1, len(words) + 1)))

    def sentence(self, low: int, high: int) -> str:
        picked = self.rng.choices(self.words, cum_weights=self.cumulative, k=self.rng.randint(low, high))
        return " ".join(picked).capitalize() + "."


def _article(
    *, number, quotes, seed, rng, words, persons, speaker_weights, said, publications, first_day
) -> tuple[Article, list]:
    """One article of ``quotes`` quotations; a share repeat an earlier quotation of the same speaker (the
    whole or a part of at least ``REPEAT_PART_WORDS`` words) as another report of its statement."""
    paragraphs, spans = [f"Report {seed}-{number}. " + words.sentence(8, 20)], []
    offset = len(paragraphs[0]) + 2
    for _ in range(quotes):
        speaker = rng.choices(persons, cum_weights=speaker_weights)[0]
        earlier = said.get(speaker.pk)
        if earlier and rng.random() < REPEAT_SHARE:
            text, statement = rng.choice(earlier)
            tokens = text.rstrip(".").split()
            size = rng.randint(min(REPEAT_PART_WORDS, len(tokens)), len(tokens))
            first = rng.randint(0, len(tokens) - size)
            text = " ".join(tokens[first : first + size]).capitalize() + "."
        else:
            text, statement = words.sentence(6, 40), Statement()
            said[speaker.pk].append((text, statement))
        cue = rng.choice(CUES)
        kind = rng.choices(list(QuoteKind.values), weights=(6, 3, 1))[0]
        paragraph = f"“{text}” {cue} {speaker.name}."
        spans.append((offset + 1, offset + 1 + len(text), text, speaker, cue, kind, statement))
        paragraphs.append(paragraph)
        offset += len(paragraph) + 2
    body = "\n\n".join(paragraphs)
    return (
        Article(
            title=words.sentence(4, 10).rstrip("."),
            body=body,
            content_hash=hashlib.sha256(body.encode()).hexdigest(),
            source_name=f"synthetic:{seed}:{number}",
            publication=rng.choice(publications),
            published_at=first_day + timedelta(days=rng.randrange(4000)),
        ),
        spans,
    )


def _near_copy(original, *, number, seed, rng, words, publications) -> tuple[Article, list]:
    """The same wire copy in another outlet a day or two later: a headline of its own and a sign-off
    paragraph added; its quotations are reports of the original's statements."""
    body, spans, publication, published, _ = original
    headline = f"Copied report {seed}-{number}. " + words.sentence(4, 10) + "\n\n"
    copy_body = (
        headline + body + "\n\nThis story was first published by a wire service and is reproduced here."
    )
    shift = len(headline)
    return (
        Article(
            title=words.sentence(4, 10).rstrip("."),
            body=copy_body,
            content_hash=hashlib.sha256(copy_body.encode()).hexdigest(),
            source_name=f"synthetic:{seed}:{number}",
            publication=rng.choice([p for p in publications if p != publication] or publications),
            published_at=published + timedelta(days=rng.randrange(3)),
        ),
        [(start + shift, end + shift, *rest) for start, end, *rest in spans],
    )


def _index(*, quotes: list[Quote], articles: list[Article]) -> None:
    """Fingerprints, signatures and bands as ingest stores them, written in bulk (millions of rows)."""
    fingerprint_rows = [
        (quote.pk, value)
        for quote in quotes
        for value in statements.fingerprints(
            statements.compared_words(quote.text, quote.kind), f"p{quote.speaker_person_id}"
        )
    ]
    signature_rows, band_rows = [], []
    for article in articles:
        minhash = copies.signature(article.body)
        if minhash is None:
            continue
        signature_rows.append((article.pk, minhash.hashvalues.astype("<u8").tobytes()))
        band_rows += [(article.pk, value) for value in sorted(set(copies.band_hashes(minhash)))]
    for table, columns, rows in (
        (QuoteFingerprint._meta.db_table, ("quote_id", "hash"), fingerprint_rows),
        (ArticleSignature._meta.db_table, ("article_id", "minhash"), signature_rows),
        (ArticleBand._meta.db_table, ("article_id", "hash"), band_rows),
    ):
        _insert(table, columns, rows)


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain rows into a table: COPY on PostgreSQL, executemany elsewhere (Django's bulk_create builds
    an object per row, which costs minutes for the ten million fingerprints of a million quotations)."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def analyze_planner_statistics() -> None:
    """Give PostgreSQL's planner statistics of the tables once they hold a first batch. Without any (the
    tables are new, and autovacuum, which would gather them, may be off or not yet awake) it plans as if
    every look-up matched a large share of the rows: each batch's recount of its statements then reads
    every quotation stored so far, and generating becomes quadratic. Statistics of a first batch are
    enough; the planner scales them to the tables' size as they grow."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# The tables a corpus fills in bulk, and what generating reads of them besides primary keys and
# constraints: each batch recounts its statements' reports.
GENERATED_MODELS = (Article, ArticleBand, Quote, QuoteFingerprint, Statement)
READ_WHILE_GENERATING = {Quote: ("statement_id",)}


@contextmanager
def indexes_built_after(models: tuple = GENERATED_MODELS) -> None:
    """On PostgreSQL, the models' indexes that back no constraint and that generating does not read are
    dropped for the time of the block and built again after it (also when it fails): for a new database
    that nothing else reads meanwhile (a benchmark's), around ``generate_corpus``. Building an index once
    is cheap; keeping it up to date row by row is not, once it outgrows memory: the fingerprints' hash
    index of ten million quotations takes a random page for each of a hundred million rows."""
    if connection.vendor != "postgresql":
        yield
        return
    kept = {
        (model._meta.db_table, model._meta.get_field(name).column)
        for model, names in READ_WHILE_GENERATING.items()
        for name in names
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), "
            "array(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = i.indrelid "
            "AND a.attnum = ANY(i.indkey) ORDER BY a.attnum) "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relname = ANY(%s) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [[model._meta.db_table for model in models]],
        )
        dropped = [
            (name, definition)
            for table, name, definition, columns in cursor.fetchall()
            if not (len(columns) == 1 and (table, columns[0]) in kept)
        ]
        for name, _ in dropped:
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            # (an index build sorts in this memory; with the server's default of 64 MB an index of
            # millions of rows is sorted on disk in many runs)
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in dropped:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")


def generate_corpus(
    *,
    quotes: int,
    people: int | None = None,
    organisations: int | None = None,
    articles: int | None = None,
    seed: int = 1,
    batch_size: int = 5000,
    progress=None,
) -> CorpusCounts:
    """Insert a synthetic corpus; refuses to add the same seed twice (articles are unique by content)."""
    if Article.objects.filter(source_name__startswith=f"synthetic:{seed}:").exists():
        raise CorpusExists(f"a corpus with seed {seed} is there already; choose another --seed")
    rng = random.Random(seed)
    people = people or max(10, min(20000, quotes // 150))
    organisations = organisations or max(5, people // 4)
    articles = articles or max(1, quotes // 8)
    words = ZipfWords(vocabulary(seed), rng)

    with transaction.atomic():
        publications = [
            Publication.objects.get_or_create(name=f"{word} {kind}", defaults={"domain": ""})[0]
            for word, kind in itertools.islice(
                itertools.product(ORG_WORDS, ("Times", "Herald", "Post", "Review")), 40
            )
        ]
        org_forms = [rng.choice(ORG_FORMS) for _ in range(organisations)]
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=form.format(a=rng.choice(ORG_WORDS), b=rng.choice(ORG_WORDS)) + f" {i}",
                    slug=f"synthetic-{seed}-org-{i}",
                    kind=kind,
                )
                for i, (form, kind) in enumerate(org_forms)
            ],
            batch_size=batch_size,
        )
        persons = Person.objects.bulk_create(
            [
                Person(
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    slug=f"synthetic-{seed}-person-{i}",
                    kind=rng.choices(list(PersonKind.values), weights=(5, 3, 1, 1))[0],
                )
                for i in range(people)
            ],
            batch_size=batch_size,
        )
        # A few speakers say most of the quotations, as in real news.
        speaker_weights = list(itertools.accumulate(1 / rank for rank in range(1, len(persons) + 1)))
        affiliation_of = {person.pk: (rng.choice(orgs), rng.choice(ROLES)) for person in persons}
        Affiliation.objects.bulk_create(
            [
                Affiliation(person_id=pk, organisation=org, role=role)
                for pk, (org, role) in affiliation_of.items()
            ],
            batch_size=batch_size,
            ignore_conflicts=True,
        )

    first_day = date(2015, 1, 1)
    per_article = [quotes // articles + (1 if i < quotes % articles else 0) for i in range(articles)]
    # What each speaker said lately, (text, statement) pairs: a share of the quotations repeat one.
    said: dict[int, deque] = defaultdict(lambda: deque(maxlen=SAID_KEPT))
    created_quotes = 0
    step = max(1, batch_size // 8)
    copy_next = None  # the article (body, spans, publication, date) the next one is a near copy of
    for batch_start in range(0, articles, step):
        batch = range(batch_start, min(articles, batch_start + step))
        article_rows, quote_rows, originals = [], [], {}
        for number in batch:
            if copy_next is not None and per_article[number] == len(copy_next[1]):
                article, spans = _near_copy(
                    copy_next, number=number, seed=seed, rng=rng, words=words, publications=publications
                )
                originals[number - batch_start] = copy_next[4]
                copy_next = None
            else:
                article, spans = _article(
                    number=number,
                    quotes=per_article[number],
                    seed=seed,
                    rng=rng,
                    words=words,
                    persons=persons,
                    speaker_weights=speaker_weights,
                    said=said,
                    publications=publications,
                    first_day=first_day,
                )
                copy_next = (
                    (article.body, spans, article.publication, article.published_at, article)
                    if rng.random() < COPY_SHARE
                    else None
                )
            article_rows.append(article)
            quote_rows.append(spans)
        with transaction.atomic():
            saved = Article.objects.bulk_create(article_rows, batch_size=batch_size)
            copies_made = []
            for position, original in originals.items():
                saved[position].copy_of_id = original.pk
                copies_made.append(saved[position])
            Article.objects.bulk_update(copies_made, ["copy_of"], batch_size=batch_size)
            new_statements = [
                statement for spans in quote_rows for *_, statement in spans if statement.pk is None
            ]
            new_statements = list({id(s): s for s in new_statements}.values())
            Statement.objects.bulk_create(new_statements, batch_size=batch_size)
            rows = []
            for article, spans in zip(saved, quote_rows, strict=True):
                for start, end, text, speaker, cue, kind, statement in spans:
                    organisation, role = affiliation_of[speaker.pk]
                    rows.append(
                        Quote(
                            article=article,
                            statement_id=statement.pk,
                            published_at=article.published_at,
                            speaker_person=speaker,
                            organisation=organisation,
                            role=role,
                            kind=kind,
                            text=text,
                            cue=cue,
                            speaker_mention=speaker.name,
                            start=start,
                            end=end,
                            confidence=round(rng.uniform(0.3, 1.0), 2),
                            status=rng.choices(list(QuoteStatus.values), weights=(3, 6, 1))[0],
                            extractor_version="synthetic",
                        )
                    )
            Quote.objects.bulk_create(rows, batch_size=batch_size)
            # What ingest would have stored beside them: the quotations' fingerprints, the articles'
            # signatures and bands, and each statement's counts and first report.
            _index(quotes=rows, articles=saved)
            statements.refresh_statements(statement_ids={quote.statement_id for quote in rows})
        if batch_start == 0:
            analyze_planner_statistics()
        created_quotes += len(rows)
        if progress:
            progress(len(rows))
    return CorpusCounts(len(publications), len(orgs), len(persons), articles, created_quotes)
