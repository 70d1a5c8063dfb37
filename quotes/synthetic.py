"""Realistic synthetic data at scale, for benchmarks: articles, people, organisations and quotations.

Words follow a Zipf distribution over real news vocabulary (the words of the fixture articles first, then the
spaCy model's string store), so common-word, rare-word and phrase queries behave as they would on real data.
Every quotation is a real span of its article's body.
"""

import hashlib
import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction

from articles.models import Article, Publication
from quotes.models import (
    Affiliation,
    Organisation,
    OrganisationKind,
    Person,
    PersonKind,
    Quote,
    QuoteKind,
    QuoteStatus,
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
    created_quotes = 0
    for batch_start in range(0, articles, max(1, batch_size // 8)):
        batch = range(batch_start, min(articles, batch_start + max(1, batch_size // 8)))
        article_rows, quote_rows = [], []
        for number in batch:
            paragraphs, spans = [f"Report {seed}-{number}. " + words.sentence(8, 20)], []
            offset = len(paragraphs[0]) + 2
            for _ in range(per_article[number]):
                speaker = rng.choices(persons, cum_weights=speaker_weights)[0]
                text = words.sentence(6, 40)
                cue = rng.choice(CUES)
                paragraph = f"“{text}” {cue} {speaker.name}."
                spans.append((offset + 1, offset + 1 + len(text), text, speaker, cue))
                paragraphs.append(paragraph)
                offset += len(paragraph) + 2
            body = "\n\n".join(paragraphs)
            article_rows.append(
                Article(
                    title=words.sentence(4, 10).rstrip("."),
                    body=body,
                    content_hash=hashlib.sha256(body.encode()).hexdigest(),
                    source_name=f"synthetic:{seed}:{number}",
                    publication=rng.choice(publications),
                    published_at=first_day + timedelta(days=rng.randrange(4000)),
                )
            )
            quote_rows.append(spans)
        with transaction.atomic():
            saved = Article.objects.bulk_create(article_rows, batch_size=batch_size)
            rows = []
            for article, spans in zip(saved, quote_rows, strict=True):
                for start, end, text, speaker, cue in spans:
                    organisation, role = affiliation_of[speaker.pk]
                    rows.append(
                        Quote(
                            article=article,
                            published_at=article.published_at,
                            speaker_person=speaker,
                            organisation=organisation,
                            role=role,
                            kind=rng.choices(list(QuoteKind.values), weights=(6, 3, 1))[0],
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
        created_quotes += len(rows)
        if progress:
            progress(len(rows))
    return CorpusCounts(len(publications), len(orgs), len(persons), articles, created_quotes)
