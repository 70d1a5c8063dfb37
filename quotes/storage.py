"""The storage service: puts one article's extraction into the database.

One transaction per article. Entity resolution across articles (people and organisations by name or
alias, bare surnames only when unambiguous), idempotency (unchanged text at the current extractor version
is skipped) and the curation rules (approved, rejected and curator-edited quotations are never touched,
and a rejected quotation never returns as a new pending one) all live here, so the command, the admin's
"re-extract" button and any other caller share one code path.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, Value
from django.db.models.functions import Lower, Replace
from django.utils import timezone
from django.utils.text import slugify

from articles import copies
from articles.ingest import ArticleInput, content_hash
from articles.models import Article, Publication
from quotes import extraction, statements
from quotes.extraction.lexicon import US_STATES
from quotes.extraction.names import first_name_gender
from quotes.extraction.speakers import org_kind, person_kind
from quotes.models import (
    Affiliation,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Person,
    PersonAlias,
    PersonKind,
    Quote,
    QuoteStatus,
)

if TYPE_CHECKING:
    from quotes.extraction import ArticleExtraction, CandidateQuote, Speaker

# The version the stored quotations come from; read through this module so that a new extractor
# version (or a test standing in for one) triggers re-extraction.
EXTRACTOR_VERSION = extraction.EXTRACTOR_VERSION

HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "baroness"}
)

# Order matters: the first kind whose pattern matches the organisation's name wins.
ORGANISATION_KIND_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        OrganisationKind.UNIVERSITY,
        re.compile(r"\b(university|universit[àé]|college|school of|polytechnic|academy of sciences)\b", re.I),
    ),
    (
        OrganisationKind.THINK_TANK,
        re.compile(
            r"\b(cent(er|re)|institute|institution|endowment|foundation for|council on|"
            r"think[- ]tank|policy|studies|research|chatham house|rand|brookings|carnegie)\b",
            re.I,
        ),
    ),
    (
        OrganisationKind.GOVERNMENT,
        re.compile(
            r"\b(ministry|minister|department|kremlin|white house|downing street|government|agency|"
            r"parliament|senate|congress|duma|council of|commission|embassy|army|navy|armed forces|"
            r"military|police|office of|pentagon|state department|foreign office|cabinet|presidency|"
            r"administration|court|bank of|federal|national security|nato|united nations|european union)\b",
            re.I,
        ),
    ),
    (
        OrganisationKind.MEDIA,
        re.compile(
            r"\b(news|times|post|journal|herald|gazette|tribune|telegraph|guardian|bbc|cnn|reuters|"
            r"associated press|bloomberg|tass|ria|al jazeera|television|tv|radio|magazine|press)\b",
            re.I,
        ),
    ),
    (
        OrganisationKind.NGO,
        re.compile(
            r"\b(amnesty|human rights watch|red cross|red crescent|charity|foundation|ngo|"
            r"international crisis group|oxfam|greenpeace|unicef|doctors without borders)\b",
            re.I,
        ),
    ),
    (
        OrganisationKind.COMPANY,
        re.compile(
            r"\b(inc|ltd|llc|plc|corp|corporation|company|co|group|holdings|bank|airlines|"
            r"energy|oil|gas|motors|technologies|gazprom|rosneft|rosatom)\b\.?",
            re.I,
        ),
    ),
)


@dataclass
class StoreResult:
    """What a call changed; results of several calls add up."""

    articles_new: int = 0
    articles_reextracted: int = 0
    articles_unchanged: int = 0
    articles_failed: int = 0
    quotes_created: int = 0
    quotes_updated: int = 0
    quotes_unchanged: int = 0
    quotes_kept: int = 0
    quotes_removed: int = 0
    people_created: int = 0
    organisations_created: int = 0

    def __add__(self, other: StoreResult) -> StoreResult:
        return StoreResult(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def summary(self) -> str:
        return (
            f"Articles: {self.articles_new} new, {self.articles_reextracted} re-extracted, "
            f"{self.articles_unchanged} unchanged, {self.articles_failed} failed. "
            f"Quotations: {self.quotes_created} created, {self.quotes_updated} updated, "
            f"{self.quotes_unchanged} unchanged, {self.quotes_kept} kept, {self.quotes_removed} removed. "
            f"People created: {self.people_created}. Organisations created: {self.organisations_created}."
        )


def current_extractor_version() -> str:
    return EXTRACTOR_VERSION


def find_article(*, article_input: ArticleInput) -> Article | None:
    """The stored article with this text, or else with this URL (a new version of the page)."""
    article = Article.objects.filter(content_hash=article_input.content_hash).first()
    if article is None and article_input.url:
        article = Article.objects.filter(url=article_input.url).first()
    return article


def is_unchanged(*, article_input: ArticleInput, force: bool = False) -> bool:
    """True when the text is stored already and was extracted by the current extractor version."""
    if force:
        return False
    return Article.objects.filter(
        content_hash=article_input.content_hash, extractor_version=current_extractor_version()
    ).exists()


def store_article(
    *, article_input: ArticleInput, extraction: ArticleExtraction, force: bool = False
) -> StoreResult:
    """Store one article and its quotations; one transaction, so a failure leaves nothing behind.

    Another process storing the same article (or creating the same person, organisation or publication)
    at the same moment makes the transaction fail on a unique constraint. It is run once more and then
    finds the other's committed rows, so two runs over one folder leave the rows of one.
    """
    try:
        return store_article_transaction(article_input=article_input, extraction=extraction, force=force)
    except IntegrityError:
        return store_article_transaction(article_input=article_input, extraction=extraction, force=force)


@transaction.atomic
def store_article_transaction(
    *, article_input: ArticleInput, extraction: ArticleExtraction, force: bool = False
) -> StoreResult:
    result = StoreResult()
    article = find_article(article_input=article_input)
    version = current_extractor_version()
    if (
        article is not None
        and not force
        and article.content_hash == article_input.content_hash
        and article.extractor_version == version
    ):
        result.articles_unchanged = 1
        return result

    if article is None:
        article = Article(ingested_at=timezone.now())
        result.articles_new = 1
    else:
        result.articles_reextracted = 1
    new_text = article.pk is None or article.content_hash != article_input.content_hash
    if article.pk is not None and new_text:
        # The page at this URL has new text: old machine spans mean nothing in it any more.
        result.quotes_removed += discard_replaceable_quotes(article=article)
        relocate_kept_quotes(article=article, new_body=article_input.body)
    update_article_fields(article=article, article_input=article_input, outlet=extraction.outlet)
    article.extracted_at = timezone.now()
    article.extractor_version = version
    grouping = settings.QUOTES_GROUP_STATEMENTS
    signature = None
    if new_text and grouping:
        # A near copy of a stored article (articles/copies.py) is stored as its own article, linked to it.
        signature = copies.signature(article.body)
        original = copies.find_original(minhash=signature, exclude_id=article.pk) if signature else None
        article.copy_of = original
    new_article = article.pk is None
    article.save()
    # The inserts and updates whose results nothing reads are run together at the end (on PostgreSQL,
    # one round trip for all of them).
    writes = statements.Writes()
    if connection.vendor == "postgresql" and not settings.QUOTES_INGEST_SYNCHRONOUS_COMMIT:
        # The commit does not wait for the disk (settings.QUOTES_INGEST_SYNCHRONOUS_COMMIT).
        writes.add("SET LOCAL synchronous_commit TO OFF")
    if new_text and grouping:
        copies.index_article(article=article, minhash=signature, fresh=new_article, writes=writes)

    resolver = SpeakerResolver(article=article, result=result)
    resolver.prefetch(extraction.quotes)
    store_quotes(
        article=article,
        candidates=extraction.quotes,
        resolver=resolver,
        result=result,
        fresh=new_article,
        writes=writes,
    )
    resolver.flush(writes=writes)
    writes.run()
    return result


def reextract_article(*, article: Article, nlp=None) -> StoreResult:
    """Run the extractor again over a stored article; curation is kept. Goes through the pipeline
    service (``quotes.pipeline.reextract``), which the admin uses; a failure is raised here."""
    from quotes import pipeline  # the pipeline builds on this module

    outcome = pipeline.reextract(article=article, nlp=nlp)
    if outcome.failed:
        raise RuntimeError(outcome.error)
    return outcome.stored


def update_article_fields(*, article: Article, article_input: ArticleInput, outlet: str | None) -> None:
    """Fill the article from the input; metadata a curator already set is left as it is."""
    if article.content_hash != article_input.content_hash:
        article.body = article_input.body
        article.content_hash = content_hash(article_input.body)
    url = article_input.url[:2000]
    if url and Article.objects.filter(url=url).exclude(pk=article.pk).exists():
        url = ""  # the URL belongs to another stored text; this one stays without it
    for field, value in [
        ("title", article_input.title[:500]),
        ("url", url),
        ("published_at", article_input.published_at),
        ("author", article_input.author[:300]),
        ("source_name", article_input.source_name[:2000]),
        ("language", article_input.language[:16]),
    ]:
        if value and not getattr(article, field):
            setattr(article, field, value)
    if article.publication_id is None:
        article.publication = resolve_publication(
            name=article_input.publication_name or (outlet or ""),
            domain=article_input.publication_domain,
        )


def replaceable_quotes(*, article: Article):
    """The quotations re-extraction may replace: pending and never edited by a curator."""
    return article.quotes.filter(status=QuoteStatus.PENDING, curated=False)


def discard_replaceable_quotes(*, article: Article) -> int:
    replaceable = replaceable_quotes(article=article)
    statement_ids = set(replaceable.values_list("statement_id", flat=True))
    deleted = replaceable.count()
    replaceable.delete()
    statements.refresh_statements(statement_ids=statement_ids)
    return deleted


def relocate_kept_quotes(*, article: Article, new_body: str) -> None:
    """Move kept quotations to where their text stands in the page's new text, when it is found once.

    A quotation whose text is gone or repeated stays where it was, for a curator to look at.
    """
    moved = []
    for quote in article.quotes.exclude(pk__in=replaceable_quotes(article=article)):
        if new_body[quote.start : quote.end] == quote.text:
            continue
        position = new_body.find(quote.text)
        if position >= 0 and new_body.find(quote.text, position + 1) < 0:
            quote.start, quote.end = position, position + len(quote.text)
            moved.append(quote)
    if moved:
        # Park the moved rows first so that swapped positions never collide on the unique span.
        for offset, quote in enumerate(moved):
            Quote.objects.filter(pk=quote.pk).update(
                start=PARKED_START + 2 * offset, end=PARKED_START + 2 * offset + 1
            )
        Quote.objects.bulk_update(moved, ["start", "end"])


PARKED_START = 2_000_000_000


def resolve_publication(*, name: str, domain: str) -> Publication | None:
    name, domain = name.strip()[:200], domain.strip().lower()[:253]
    if domain:
        publication = Publication.objects.filter(domain=domain).first()
        if publication is not None:
            return publication
    if name:
        publication = Publication.objects.filter(name__iexact=name).first()
        if publication is not None:
            if domain and not publication.domain:
                publication.domain = domain
                publication.save(update_fields=["domain"])
            return publication
    if not name and not domain:
        return None
    return Publication.objects.create(name=name or domain, domain=domain)


def store_quotes(
    *,
    article: Article,
    candidates: tuple[CandidateQuote, ...],
    resolver: SpeakerResolver,
    result: StoreResult,
    fresh: bool = False,
    writes: statements.Writes | None = None,
) -> None:
    """Reconcile candidates with the article's stored quotations under the curation rules (``fresh``: a
    new article, which has none)."""
    existing = [] if fresh else list(article.quotes.all())
    kept = [q for q in existing if q.curated or q.status != QuoteStatus.PENDING]
    kept_ids = {q.pk for q in kept}
    replaceable = {(q.start, q.end): q for q in existing if q.pk not in kept_ids}
    result.quotes_kept += len(kept)
    kept_spans = [(q.start, q.end) for q in kept]

    chosen: dict[tuple[int, int], CandidateQuote] = {}
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        # Offsets must point at the text, or the quotation cannot be shown in its article.
        if (
            not 0 <= candidate.start < candidate.end
            or article.body[candidate.start : candidate.end] != candidate.text
        ):
            continue
        # A curator's decision covers the span: a rejected quotation must not come back as pending.
        if any(candidate.start < end and start < candidate.end for start, end in kept_spans):
            continue
        if span not in chosen or candidate.confidence > chosen[span].confidence:
            chosen[span] = candidate

    version = current_extractor_version()
    to_create: list[Quote] = []
    to_update: list[Quote] = []
    regroup: set[int] = set()
    for span, candidate in sorted(chosen.items()):
        values = resolver.quote_values(candidate)
        values["extractor_version"] = version
        quote = replaceable.pop(span, None)
        if quote is None:
            to_create.append(
                Quote(
                    article=article,
                    published_at=article.published_at,  # else SQLite's trigger writes the row twice
                    start=span[0],
                    end=span[1],
                    **values,
                )
            )
        elif differs(quote, values):
            if differs(quote, {field: values[field] for field in GROUPING_FIELDS}):
                regroup.add(quote.pk)
            for field, value in values.items():
                setattr(quote, field, value)
            quote.updated_at = timezone.now()
            to_update.append(quote)
        else:
            result.quotes_unchanged += 1

    touched: set[int] = set()
    if replaceable:
        touched |= {q.statement_id for q in replaceable.values()}
        Quote.objects.filter(pk__in=[q.pk for q in replaceable.values()]).delete()
        result.quotes_removed += len(replaceable)
    # New quotations, and updated ones whose words or speaker changed, are grouped into statements
    # (quotes/statements.py), in the order of their offsets.
    regrouped = [q for q in to_update if q.pk in regroup]
    touched |= {q.statement_id for q in regrouped}
    grouped = sorted([*regrouped, *to_create], key=lambda q: (q.start, q.end))
    grouping = settings.QUOTES_GROUP_STATEMENTS
    alone: set[int] = set()
    if grouped and grouping:
        assigned = statements.assign_statements(quotes=grouped, copy_of_id=article.copy_of_id)
        touched |= assigned.joined
        alone = assigned.alone
    if to_update:
        Quote.objects.bulk_update(
            to_update, [*QUOTE_VALUE_FIELDS, "statement", "extractor_version", "updated_at"]
        )
        result.quotes_updated += len(to_update)
    if to_create:
        Quote.objects.bulk_create(to_create)
        result.quotes_created += len(to_create)
    if grouping:
        statements.index_quotes(quotes=regrouped, writes=writes)
        statements.index_quotes(quotes=to_create, fresh=True, writes=writes)
    # Most new quotations are statements of their own: only their first report is set, as storing
    # without grouping does; the statements a report joined or left are recounted.
    statements.set_first_reports(statement_ids=alone, writes=writes)
    statements.refresh_statements(statement_ids=touched - alone, writes=writes)


def differs(quote: Quote, values: dict) -> bool:
    """Whether storing ``values`` would change the quotation (related rows compared by id, no queries)."""
    for field, value in values.items():
        if field in QUOTE_FOREIGN_KEYS:
            if getattr(quote, f"{field}_id") != (value.pk if value is not None else None):
                return True
        elif getattr(quote, field) != value:
            return True
    return False


# What decides a quotation's statement: a change regroups it.
GROUPING_FIELDS = ("text", "kind", "speaker_person", "speaker_organisation")
QUOTE_FOREIGN_KEYS = frozenset({"speaker_person", "speaker_organisation", "organisation"})
QUOTE_VALUE_FIELDS = (
    "text",
    "kind",
    "cue",
    "speaker_mention",
    "confidence",
    "speaker_person",
    "speaker_organisation",
    "role",
    "organisation",
)


# Pure functions of a name, asked about the same few names again and again for every speaker of an article:
# each name is worked out once.
@functools.lru_cache(maxsize=1 << 14)
def normalise_name(name: str) -> str:
    name = repair_mojibake(name).translate(_INVISIBLE)
    # One apostrophe for all: "O’Neill" in one outlet's typography is "O'Neill" in another's.
    name = " ".join(name.replace("’", "'").replace("‘", "'").split())
    stripped = name.strip(" ,.;:'\"“”")
    if _DOTTED_INITIALS.search(stripped) and f"{stripped}." in name:
        return f"{stripped}."  # "U.N.", "S.E.C.": the initials keep their last dot
    return stripped


# Soft hyphens and zero-width characters, invisible in the text: "Doug\u00adAndres" is "Doug Andres".
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Initials written with dots at the end of a name: "U.N", "S.E.C" (their last dot cut off).
_DOTTED_INITIALS = re.compile(r"(?:^|\s)(?:[A-Z]\.)+[A-Z]$")


MOJIBAKE = re.compile(
    "[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def repair_mojibake(name: str) -> str:
    """ "FranÃ§ois" (UTF-8 read as Windows-1252, maybe more than once) is "François"; other names as given."""
    # Composed first: "Ã" may be written as "A" and a combining tilde.
    name = unicodedata.normalize("NFC", name)
    # Read twice, "ç" is "Ã\x83Â§"; the control character is often lost on the way: "ÃÂ§".
    name = re.sub("ÃÂ(?=[\u0080-\u00bf])", "Ã", name)
    for _ in range(3):
        if not MOJIBAKE.search(name):
            break
        try:
            name = name.encode("cp1252").decode("utf-8")
        except UnicodeError:
            try:
                name = name.encode("latin-1").decode("utf-8")
            except UnicodeError:
                break
    return name


NAME_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "der", "di", "du", "el", "la", "le", "ten", "ter", "van", "von"}
)


def is_particle(word: str) -> bool:
    """A name's word in lower case: a particle ("van", "de"), or one joined to the surname by a hyphen
    ("al-Ansari", "el-Sisi")."""
    return re.split("[-–]", word.lower())[0] in NAME_PARTICLES


def joined_surname(word: str) -> str:
    """The surname of a particle joined to it by a hyphen ("al-Tamimi" -> "Tamimi"); "" for another word."""
    particle, *rest = re.split("[-–]", word, maxsplit=1)
    return rest[0] if rest and particle.lower() in NAME_PARTICLES else ""


def is_name_form(form: str) -> bool:
    """A mention that is a name ("Mr Gabuev", "President Putin"), not a description ("foreign minister X")."""
    words = form.split()
    return bool(words) and all(w[:1].isupper() or is_particle(w) for w in words)


# "Lee Min-ho", "Moon Jae-in": a family name, then a given name with a hyphen
FAMILY_NAME_FIRST = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+")

# The nouns a role ends in when the speaker is a body ("an advocacy group", "a political action
# committee", "a digital activism outfit").
BODY_NOUNS = frozenset(
    {
        "group", "committee", "organization", "organisation", "outfit", "firm", "company", "network",
        "website", "newspaper", "magazine", "agency", "coalition", "nonprofit", "non-profit", "charity",
        "watchdog", "pac", "association", "publication", "outlet", "blog", "broadcaster", "think-tank",
    }
)  # fmt: skip
# Words of an organisation's name, never of a person's: "Doe Foundation" is not "Doe".
ORGANISATION_NAME_WORDS = frozenset(
    {
        "agency", "association", "bank", "board", "campaign", "center", "centre", "college", "commission",
        "committee", "company", "corporation", "council", "court", "department", "foundation", "fund",
        "group", "inc", "institute", "ministry", "news", "office", "party", "post", "press", "school",
        "service", "society", "times", "union", "university",
    }
)  # fmt: skip


# Plural nouns for people: "Rural Women", "Local Parents" speak as a group, which is no organisation.
GROUP_PLURALS = frozenset(
    {
        "women", "men", "people", "voters", "workers", "residents", "citizens", "students", "parents",
        "families", "immigrants", "refugees", "protesters", "activists", "supporters", "critics",
        "officials", "leaders", "members", "veterans", "lawmakers", "conservatives", "liberals",
    }
)  # fmt: skip
# "Ruritanians", "Democrats", "Chinese": the people of a nation or the members of a party.
_PEOPLE_OF = re.compile(r"[A-Z][a-z]+(?:ans|ats|ists|ites|ese)")


def is_group_name(name: str) -> bool:
    """A name for a group of people, not for a body that speaks ("Democrats", "Black Women")."""
    words = strip_article(normalise_name(name)).split()
    if not words:
        return False
    return words[-1].lower() in GROUP_PLURALS or (
        len(words) == 1 and _PEOPLE_OF.fullmatch(words[0]) is not None
    )


GENERATIONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def split_suffix(tokens: list[str]) -> tuple[list[str], str]:
    """A name's words without a generational suffix, and the suffix: "Ana R. Lind Jr." -> (["Ana",
    "R.", "Lind"], "jr"); the suffix is no surname."""
    if len(tokens) > 2 and tokens[-1].lower().strip(".,") in GENERATIONAL_SUFFIXES:
        return [*tokens[:-2], tokens[-2].rstrip(",")], tokens[-1].lower().strip(".,")
    return list(tokens), ""


def compatible_names(a: list[str], b: list[str]) -> bool:
    """Two names of the same person: the same surname and first name (or its initial), the middle
    names of the shorter a subset of the longer's, initials matching names; a generational suffix on
    one side only is no difference ("Jr" and "Sr" are)."""
    (a, suffix_a), (b, suffix_b) = split_suffix(a), split_suffix(b)
    if suffix_a and suffix_b and suffix_a != suffix_b:
        return False
    if len(a) < 2 or len(b) < 2 or a[-1].lower() != b[-1].lower():
        return False

    def same(x: str, y: str) -> bool:
        x, y = x.lower().rstrip("."), y.lower().rstrip(".")
        return x == y or (min(len(x), len(y)) == 1 and x[0] == y[0])

    if not same(a[0], b[0]):
        return False
    middle_a, middle_b = a[1:-1], b[1:-1]
    if len(middle_a) > len(middle_b):
        middle_a, middle_b = middle_b, middle_a
    return all(any(same(x, y) for y in middle_b) for x in middle_a)


def folded(text: str) -> str:
    """Without accents: "Calderón" -> "Calderon"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def short_form(a: list[str], b: list[str]) -> bool:
    """Two names of one person, one given name a short form of the other ("Len Doe", "Leonard E. Doe";
    "Tom Doe", "Thomas Doe"): its letters in order, from the same first letter, of no other gender, and
    the other names agree."""
    if len(a) < 2 or len(b) < 2:
        return False
    a, b = split_suffix(a)[0], split_suffix(b)[0]
    x, y = sorted((a[0], b[0]), key=len)
    if len(x) < 3 or len(x) == len(y) or x[0].lower() != y[0].lower():
        return False
    letters = iter(y.lower())
    if not all(c in letters for c in x.lower()):
        return False
    genders = {first_name_gender(x), first_name_gender(y)} - {None}
    if len(genders) > 1:
        return False  # "Eric", "Erica"
    shorter, longer = (a, b) if a[0] == x else (b, a)
    return compatible_names([y, *shorter[1:]], longer)


def double_surname(words: list[str]) -> bool:
    """Two words that may be one surname ("Wasserman Lind", "Abu Sayed"): capitalised, the first no
    common given name nor an initial."""
    return (
        len(words) == 2
        and all(w[:1].isupper() for w in words)
        and first_name_gender(words[0]) is None
        and not re.fullmatch(r"[A-Z]\.?", words[0])
    )


@functools.lru_cache(maxsize=1 << 14)
def organisation_name(name: str) -> str:
    """An organisation's name as stored: spaces normalised, without a leading "the" nor the lower-case
    words a phrase put before it ("board of Freedom Partners", "anti-war Peace Now"); empty when no
    proper name is left ("trades council")."""
    name = normalise_name(name)
    if name.count("(") > name.count(")"):
        name = name[: name.rindex("(")]  # "Harbour Trust (HT": the bracket cut off
    words = strip_article(name).split()
    # a word that starts in lower case and goes on in upper case is a name ("eBay")
    while words and words[0][:1].islower() and not words[0][1:2].isupper():
        words.pop(0)
    # nor the words a cut phrase left at its end ("Harbour Trust of", "Committee for the")
    while words and words[-1] in _TRAILING_FUNCTION_WORDS:
        words.pop()
    if len(words) == 1 and words[0].lower() in _GENERIC_BODIES:
        return ""  # "Committee", "Council": which one, the name does not say
    return strip_article(" ".join(words).strip("-–— "))[:300]


_GENERIC_BODIES = frozenset(
    {
        "agency", "association", "bank", "board", "campaign", "caucus", "center", "centre", "college",
        "commission", "committee", "company", "council", "court", "department", "foundation", "fund", "group",
        "institute", "ministry", "office", "party", "program", "programme", "school", "service", "society",
        "union", "university",
    }
)  # fmt: skip


_TRAILING_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "to", "in", "on", "at", "a", "-", "–", "—"})


def strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def name_tokens(name: str) -> list[str]:
    """The name's words without honorifics ("Mr Gabuev" -> ["Gabuev"])."""
    return [word for word in name.split() if word.lower().rstrip(".") not in HONORIFICS]


# What the extractor's reading of a name says of the body's people, as the kind of body; the extractor
# knows more public bodies by their words and initials (committees, bureaux, the IRS, the UN).
_KIND_BY_ITS_PEOPLE = {
    "official": OrganisationKind.GOVERNMENT,
    "journalist": OrganisationKind.MEDIA,
    "expert": OrganisationKind.THINK_TANK,
}
# Political bodies whose people are officials but which are no government.
_POLITICAL_BODY = re.compile(r"\b(party|campaign|camp|team|pac)\b", re.I)


def guess_organisation_kind(name: str) -> str:
    for kind, pattern in ORGANISATION_KIND_PATTERNS:
        if pattern.search(name):
            return kind
    kind = _KIND_BY_ITS_PEOPLE.get(org_kind(name) or "", OrganisationKind.OTHER)
    if kind == OrganisationKind.GOVERNMENT and _POLITICAL_BODY.search(name):
        return OrganisationKind.OTHER
    return kind


def named(model: type[Person] | type[Organisation], name: str) -> list:
    """People or organisations whose name or one of whose aliases is ``name``, ignoring case, by id."""
    return named_many(model, {name})[name]


def named_many(model: type[Person] | type[Organisation], names: set[str]) -> dict[str, list]:
    """``named`` for many names in one query: each name -> the rows it denotes, by id.

    Compared as lower(name) = lower(%s), which the lower(name) indexes of both tables answer; ``iexact``
    (UPPER or LIKE) reads every row of both, for every speaker of every article. Written as SQL because
    building the equivalent queryset costs more than running it, for every article.
    """
    if not names:
        return {}
    alias_field = model.aliases.field
    quote = connection.ops.quote_name
    table, alias_table = quote(model._meta.db_table), quote(alias_field.model._meta.db_table)
    wanted = ", ".join(["(%s)"] * len(names))
    sql = (
        f"WITH wanted(name) AS (VALUES {wanted}) "
        f"SELECT t.*, wanted.name AS wanted_name FROM {table} t "
        "JOIN wanted ON lower(t.name) = lower(wanted.name) "
        "UNION ALL "
        f"SELECT t.*, wanted.name AS wanted_name FROM {table} t "
        f"JOIN {alias_table} a ON a.{quote(alias_field.column)} = t.id "
        "JOIN wanted ON lower(a.name) = lower(wanted.name)"
    )
    found: dict[str, dict] = {name: {} for name in names}
    for row in model.objects.raw(sql, sorted(names)):
        found[row.wanted_name][row.pk] = row
    return {name: [rows[pk] for pk in sorted(rows)] for name, rows in found.items()}


# A person is a Lind whose name is "Lind" or ends with " Lind", or with it and a generational suffix
# ("Ana Lind Jr.", "Ana Lind, III"), or with it joined to a particle by a hyphen ("Ana al-Lind"; not "Ana
# Berg-Lind", whose Lind is one of two surnames); or whose name starts with "Lind " (the family name first,
# "Lee" of "Lee Min-ho"); or who has an alias "Lind" or ending with " Lind". Each: the lookup, the value's
# form.
SURNAME_LOOKUPS = (
    ("iexact", "{}"),
    ("iendswith", " {}"),
    *(
        ("iendswith", f" {{}}{comma} {suffix}")
        for suffix in ("Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV")
        for comma in ("", ",")
    ),
    *(("iendswith", f" {particle}-{{}}") for particle in sorted(NAME_PARTICLES)),
    ("istartswith", "{} "),
)
ALIAS_SURNAME_LOOKUPS = 2  # the first two, on the aliases


def people_with_surnames(surnames: set[str]) -> dict[str, list[Person]]:
    """Each surname -> the people whose name ends with it (or with it joined to a particle: "al-Tamimi"),
    or who are known by it alone, or whose name starts with it before a hyphenated given name ("Lee" of
    "Lee Min-ho"), by id.

    One query for up to 25 surnames: each surname a row of a VALUES list holding the values of its
    lookups, which the names and the aliases are joined to; each lookup compared as the ORM's ``iexact``,
    ``iendswith`` and ``istartswith`` compare on this database (with a parameter, here a column). A name
    that does not contain the surname (``icontains``, which every lookup implies) is passed over at the
    first comparison. Written as SQL: building the ORM's query of every lookup of SURNAME_LOOKUPS a surname
    (a UNION of one such query a surname) cost more than running it, for nearly every article."""
    found: dict[str, list[Person]] = {surname: [] for surname in surnames}
    ordered = sorted(surnames)
    quote, ops = connection.ops.quote_name, connection.ops
    person, alias = quote(Person._meta.db_table), quote(PersonAlias._meta.db_table)
    person_column = quote(PersonAlias._meta.get_field("person").column)

    def value(lookup: str, text: str) -> str:
        # What the ORM passes for the lookup's parameter
        if lookup == "iexact":
            return ops.prep_for_iexact_query(text)
        if lookup == "icontains":
            return f"%{ops.prep_for_like_query(text)}%"
        if lookup == "iendswith":
            return f"%{ops.prep_for_like_query(text)}"
        return f"{ops.prep_for_like_query(text)}%"

    def compared(lookup: str, column: str, value_column: str) -> str:
        return (
            f"{ops.lookup_cast(lookup, 'CharField') % column} {connection.operators[lookup] % value_column}"
        )

    def matches(column: str, lookups: int) -> str:
        either = " OR ".join(
            compared(lookup, column, f"w.v{number}")
            for number, (lookup, _) in enumerate(SURNAME_LOOKUPS[:lookups])
        )
        return f"{compared('icontains', column, 'w.contained')} AND ({either})"

    columns = ", ".join(f"v{number}" for number in range(len(SURNAME_LOOKUPS)))
    row = "(" + ", ".join(["%s"] * (len(SURNAME_LOOKUPS) + 2)) + ")"
    for start in range(0, len(ordered), 25):  # under SQLite's 999 parameters (34 a surname)
        chunk = ordered[start : start + 25]
        params = [
            param
            for surname in chunk
            for param in (
                surname,
                value("icontains", surname),
                *(value(lookup, form.format(surname)) for lookup, form in SURNAME_LOOKUPS),
            )
        ]
        sql = (
            f"WITH w(surname, contained, {columns}) AS (VALUES {', '.join([row] * len(chunk))}) "
            f"SELECT p.*, m.surname AS wanted FROM {person} p JOIN ("
            f"SELECT n.id, w.surname FROM {person} n JOIN w ON {matches('n.name', len(SURNAME_LOOKUPS))} "
            f"UNION SELECT a.{person_column}, w.surname FROM {alias} a "
            f"JOIN w ON {matches('a.name', ALIAS_SURNAME_LOOKUPS)}"
            ") m ON m.id = p.id"
        )
        for person_row in Person.objects.raw(sql, params):
            found[person_row.wanted].append(person_row)
    return {
        surname: sorted(
            (
                p
                for p in people
                if not p.name.lower().startswith(f"{surname.lower()} ")
                or p.name.lower() == surname.lower()
                or split_suffix(p.name.lower().split())[0][-1] == surname.lower()
                or FAMILY_NAME_FIRST.fullmatch(p.name)
            ),
            key=lambda person: person.pk,
        )
        for surname, people in found.items()
    }


def unique_slug(model, name: str, *, fallback: str) -> str:
    base = slugify(name)[:280] or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


class SpeakerResolver:
    """Maps one article's extracted speakers to Person and Organisation rows, creating what is new."""

    def __init__(self, *, article: Article, result: StoreResult) -> None:
        self.article = article
        self.result = result
        self.people: dict[Speaker, Person | None] = {}
        self.organisations: dict[str, Organisation | None] = {}
        # What the database holds for the names this article mentions, read in one query per table
        # (prefetch), and the affiliations it teaches, written in one (flush).
        self.people_by_name: dict[str, list[Person]] = {}
        self.people_by_surname: dict[str, list[Person]] = {}
        self.aliases_by_person: dict[int, list[str]] = {}
        self.organisations_by_name: dict[str, list[Organisation]] = {}
        # The names and aliases of this article's person speakers, in lower case.
        self.person_forms: dict[str, Speaker] = {}
        self.organisation_forms: set[str] = set()
        self.member_forms: set[str] = set()  # the organisations the article names as people's
        # Initials -> the name they stand for, where the article names the organisation both ways.
        self.expansions: dict[str, str] = {}
        self.initials_of: dict[str, str] = {}  # the other way: the name -> its initials as written
        self.new_affiliations: dict[tuple[int, int, str], Affiliation] = {}
        self.outlets: dict[str, bool] = {}  # a name in lower case -> a stored publication's

    def prefetch(self, candidates: tuple[CandidateQuote, ...]) -> None:
        """Read the existing people and organisations that the article's speakers may be."""
        people, organisations, outlets = set(), set(), set()
        for candidate in candidates:
            speaker = candidate.speaker
            if speaker is None:
                continue
            if speaker.kind == "organisation":
                organisations.add(organisation_name(speaker.name))
                self.organisation_forms |= {
                    organisation_name(f).lower() for f in (speaker.name, *speaker.aliases)
                }
                continue
            if speaker.organisation:
                organisations.add(organisation_name(speaker.organisation))
                # a body the article names as someone's is one of its organisations too
                self.member_forms.add(organisation_name(speaker.organisation).lower())
            for form in (speaker.name, *speaker.aliases):
                self.person_forms.setdefault(normalise_name(form).lower(), speaker)
            name = normalise_name(speaker.name)[:300]
            if len(name_tokens(name)) > 1:
                people.add(name)
            outlets.add(normalise_name(fuller_name(speaker).name)[:300])
        self.expansions = expansions(organisations)
        self.initials_of = {
            full: initials
            for initials in organisations
            for full in [self.expansions.get(initials_key(initials))]
            if full
        }
        organisations |= set(self.expansions.values())
        self.people_by_name |= named_many(Person, people - {""})
        self.organisations_by_name |= named_many(Organisation, organisations - {""})
        # The surnames the speakers may be looked up by (a name of one word; a full name not stored yet,
        # which may be a stored one's other form), and the aliases of every person found: one query each.
        surnames = set()
        for candidate in candidates:
            if candidate.speaker is not None:
                name = normalise_name(candidate.speaker.name)[:300]
                tokens = name_tokens(name)
                if len(tokens) == 1:
                    surnames.add(tokens[0])
                elif self.people_by_name.get(name) == []:
                    surnames.add(tokens[-1])
                    surnames.add(joined_surname(tokens[-1]))  # (``known_by_surname``)
                    if FAMILY_NAME_FIRST.fullmatch(" ".join(tokens)):
                        surnames.add(tokens[0])
        self.people_by_surname |= people_with_surnames(surnames - {""})
        found = {
            p.pk
            for people in (*self.people_by_name.values(), *self.people_by_surname.values())
            for p in people
        }
        if found:
            aliases: dict[int, list[str]] = {pk: [] for pk in found}
            for pk, alias in PersonAlias.objects.filter(person_id__in=found).values_list("person_id", "name"):
                aliases[pk].append(alias)
            self.aliases_by_person |= aliases
        # Whether a name no stored person has is a stored publication's ("Harbourwatch said"), for
        # ``checked``: one query for them all
        unknown = {
            name.lower()
            for name in outlets
            if name
            and not (
                self.people_by_name.get(name)
                if len(tokens := name_tokens(name)) != 1
                else self.people_by_surname.get(tokens[0])
            )
        }
        if unknown:
            self.outlets = dict.fromkeys(unknown, False) | dict.fromkeys(
                Publication.objects.annotate(lower_name=Lower("name"))
                .filter(lower_name__in=unknown)
                .values_list("lower_name", flat=True),
                True,
            )

    def flush(self, *, writes: statements.Writes | None = None) -> None:
        """Write the affiliations gathered from the article (those already stored stay as they are); with
        ``writes``, the insert waits there to be run with the others."""
        if not self.new_affiliations:
            return
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        rows = [
            (a.person_id, a.organisation_id, a.role, a.article_id, now)
            for a in self.new_affiliations.values()
        ]
        statements.insert_rows(
            Affiliation._meta.db_table,
            ("person_id", "organisation_id", "role", "article_id", "created_at"),
            rows,
            writes=writes,
            ignore_conflicts=True,
        )
        self.new_affiliations.clear()

    def quote_values(self, candidate: CandidateQuote) -> dict:
        speaker = candidate.speaker
        person = organisation_speaker = member_of = None
        role = ""
        if speaker is not None and speaker.kind == "organisation" and self.is_a_person(speaker.name):
            # "De Blasio said", tagged as an organisation, is the person the article or the database
            # knows by that name
            speaker = self.person_forms.get(normalise_name(speaker.name).lower()) or replace(
                speaker, kind="person", person_kind=PersonKind.OTHER
            )
        elif (
            speaker is not None
            and speaker.kind == "organisation"
            and (full := self.full_name_in_text(speaker.name))
        ):
            # "Lind said", tagged as an organisation, where the article writes "Ana Lind": that person
            speaker = replace(
                speaker, name=full, kind="person", person_kind=PersonKind.OTHER, aliases=(speaker.name,)
            )
        elif speaker is not None and speaker.kind == "person" and self.is_an_organisation(speaker):
            # "Newsdesk said", tagged as a person, is the organisation the article or the database knows
            speaker = replace(speaker, kind="organisation", role=None, organisation=None, person_kind=None)
        if speaker is not None and speaker.kind == "organisation" and is_group_name(speaker.name):
            speaker = None  # "Ruritanians said": people, no body; the mention stays with the quotation
        speaker = self.checked(speaker)
        if speaker is not None and speaker.kind == "organisation":
            organisation_speaker = self.organisation(speaker.name, aliases=speaker.aliases)
        elif speaker is not None:
            member_of = (
                self.organisation(speaker.organisation)
                if speaker.organisation
                and self.body_name(speaker.organisation)
                and not self.article_persons_surname(speaker.organisation)
                else None
            )
            person = self.person(speaker, member_of=member_of)
            role = (speaker.role or "")[:300]
        return {
            "text": candidate.text,
            "kind": candidate.kind,
            "cue": (candidate.cue or "")[:100],
            "speaker_mention": (candidate.speaker_mention or "")[:300],
            "confidence": min(1.0, max(0.0, float(candidate.confidence))),
            "speaker_person": person,
            "speaker_organisation": organisation_speaker,
            "role": role,
            "organisation": member_of,
        }

    def checked(self, speaker: Speaker | None) -> Speaker | None:
        """The speaker as its name shows it to be: nobody when the name is no person's nor any body's (a
        headline's words, a first name alone, a role, a date), an organisation when it is a body's name
        ("Harbour Daily News" tagged as a person), a person without the role written into the name."""
        from quotes import audit  # the audit reads this module's names

        if speaker is None:
            return None
        if speaker.kind == "organisation":
            name = organisation_name(speaker.name)
            if (
                " " in name
                and audit.organisation_name_problem(name, person_names=set(), surnames=set())
                == audit.PERSON_AS_ORGANISATION
            ):
                # "Ana R. Lind", "Anna Lind" tagged as an organisation: a person, if the name is one
                return self.checked(replace(speaker, kind="person", person_kind=PersonKind.OTHER))
            return speaker if self.body_name(speaker.name) else None
        if any(mark in form for form in (speaker.name, *speaker.aliases) for mark in '"“”'):
            return None  # 'Ana "Nan" Lind' cut at the nickname: what is left is not her name
        speaker = fuller_name(speaker)
        name = normalise_name(speaker.name)[:300]
        if not name or self.people_named(name):
            return speaker  # a stored person's name, as a curator or an earlier article left it
        role_words = (speaker.role or "").lower().replace("’", "'").split()
        if role_words and role_words[-1].strip(".,") in BODY_NOUNS and not speaker.organisation:
            # "Harbour Watch", "an advocacy group": a body described, no person
            speaker = replace(speaker, kind="organisation", role=None, organisation=None, person_kind=None)
            return speaker if self.body_name(speaker.name) else None
        if " " not in name and name.lower() in {w.strip(".,'s") for w in role_words}:
            return None  # "a Harbourwatch employee": the body of a person the article does not name
        # a role is words in lower case ("one of the stars"); a capitalised word alone is a cut name's
        described_by_role = any(w[:1].islower() for w in (speaker.role or "").split())
        problem = audit.person_name_problem(
            name,
            # the surnames of the article's others: its own alias ("Perfect Outlook") makes no surname
            surnames=self.article_surnames(besides=(speaker.name, *speaker.aliases)),
            aliases=speaker.aliases,
            described=described_by_role
            or bool(speaker.organisation)
            or speaker.person_kind not in (None, PersonKind.OTHER),
        )
        if problem is None and self.organisation_in_name(name):
            problem = audit.ORGANISATION_IN_NAME  # "Valley Harbour Trust": a body's name after a word
        if problem in (None, audit.COMMON_WORD, audit.COMMON_WORDS) and self.is_an_outlet(name):
            problem = audit.OUTLET  # "Harbourwatch said", where Harbourwatch is a stored publication
        if problem == audit.FIRST_NAME and any(name_tokens(form) != form.split() for form in speaker.aliases):
            return speaker  # "Ms Elliott": a surname after all
        if (
            problem is None
            and len(name_tokens(name)) == 1
            and not audit.named_so(name, speaker.aliases)
            and audit.town_in_text(name, self.article.body)
        ):
            problem = audit.TOWN  # "Marlow said", where the article writes "Marlow, Ore."
        if problem in audit.NOT_A_PERSON:
            return None
        if problem in audit.AN_ORGANISATION and (not speaker.role or problem != audit.ACRONYM):
            # "Harbour Daily News", "Harbour Trust" with a description for a role ("the group")
            speaker = replace(speaker, kind="organisation", role=None, organisation=None, person_kind=None)
            return speaker if self.body_name(speaker.name) else None
        if problem == audit.ROLE_IN_NAME:
            words = name.split()
            cut = max(i for i, w in enumerate(words[:-2]) if audit.role_word(w)) + 1
            role = speaker.role or " ".join(words[:cut])
            return replace(speaker, name=" ".join(words[cut:]), role=role)
        return speaker

    def organisation_in_name(self, name: str) -> bool:
        """Whether a name of three words or more ends in a stored organisation's name of two or more
        ("Obama White House")."""
        words = name.split()
        tails = [" ".join(words[i:]) for i in range(1, len(words) - 1)]
        forms = self.organisation_forms | self.member_forms
        return any(tail.lower() in forms or named(Organisation, tail) for tail in tails if tail[:1].isupper())

    def article_surnames(self, besides: tuple[str, ...] = ()) -> set[str]:
        """The last words of the full names of this article's person speakers (but for the forms
        ``besides``)."""
        from quotes import audit

        forms = {form for speaker in self.person_forms.values() for form in (speaker.name, *speaker.aliases)}
        forms -= set(besides)
        return {
            words[-1].lower()
            for form in forms
            if is_name_form(form)  # "many more Ruritanians" is no name
            and len(words := name_tokens(normalise_name(form))) > 1
            and not audit.place_or_body_word(words[-1].lower())
        }

    def article_persons_surname(self, name: str) -> bool:
        """Whether an organisation's name of one word is the surname of a person the article names in
        full ("Lind delegate", "Lind aide" where Ana Lind is named): the person, no body; a body stored
        by that name stays one."""
        name = organisation_name(name)
        if not name or " " in name or name.lower() not in self.article_surnames():
            return False
        if name not in self.organisations_by_name:
            self.organisations_by_name[name] = named(Organisation, name)
        return not self.organisations_by_name[name]

    def body_name(self, name: str) -> bool:
        """Whether a name may be an organisation's: not a group of people, a headline's words, a
        title, a party and a state, nor two bodies the database knows, named together."""
        from quotes import audit

        name = organisation_name(name)
        if not name or is_group_name(name):
            return False
        if name not in self.organisations_by_name:
            self.organisations_by_name[name] = named(Organisation, name)
        if self.organisations_by_name[name]:
            return True  # stored already
        problem = audit.organisation_name_problem(name, person_names=set(), surnames=set())
        if problem in audit.NO_BODY and (problem != audit.PERSON_AS_ORGANISATION or " " in name):
            return False  # ("Virginia", a first name too, may be the state)
        body = self.article.body
        # "Marlow, Ore.", "the mayor of Marlow"; "repeal Harbourcare"; "Harbour Pilots" of the Guild
        if (
            audit.town_in_text(name, body)
            or audit.programme_in_text(name, body)
            or audit.cut_in_text(name, body)
        ):
            return False
        if (
            " " not in name
            and guess_organisation_kind(name) == OrganisationKind.OTHER
            and (
                re.search(rf"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.? {re.escape(name)}\b", body)
                or audit.named_in_full_in_text(name, body)
            )
        ):
            return False  # "Ms. Lind", "Ilya Lind": a person's surname
        if " " not in name and guess_organisation_kind(name) == OrganisationKind.OTHER:
            if problem == audit.PERSON_AS_ORGANISATION and not audit.country(name):
                return False  # "Sophie", a first name alone ("Jordan" is a country too)
            if any(len(name_tokens(p.name)) > 1 for p in self.people_with_surname(name)):
                return False  # "a Lind delegate", where Ana Lind is stored: the person, no body
        # "Harbour Times and Valley Post": two bodies, not one
        parts = re.split(r" and | & ", name)
        return not (len(parts) == 2 and all(named(Organisation, organisation_name(p)) for p in parts))

    # People

    def is_a_person(self, name: str) -> bool:
        """Whether an organisation speaker's name is a person's: a person speaker of this article is
        known by it, or else the database holds a person by that name and no organisation."""
        key = normalise_name(name).lower()
        if not key or any(w.lower() in ORGANISATION_NAME_WORDS for w in key.split()):
            return False
        if organisation_name(name).lower() in self.member_forms:
            return False  # "Jane Doe of Newsdesk ... Newsdesk said": the article's own organisation
        known = self.person_forms.get(key)
        if known is not None and " " in normalise_name(known.name):
            return True  # a form of a person the article names in full ("De Blasio" of "Bill de Blasio")
        name = organisation_name(name)
        if name not in self.organisations_by_name:
            self.organisations_by_name[name] = named(Organisation, name)
        if self.organisations_by_name[name]:
            return False
        # a surname alone is a person stored with it ("Doe said", tagged as an organisation): the one, or
        # one of several, whom the quotation then names by the mention only
        return len(self.people_named(normalise_name(name)[:300])) >= 1

    def full_name_in_text(self, name: str) -> str | None:
        """The one full name the article's text gives a one-word name ("Ana Lind" for "Lind": a given
        name before it), where no organisation is stored by the word; None otherwise."""
        name = organisation_name(name)
        if not name or " " in name or not name[:1].isupper() or name.isupper():
            return None
        if name.lower() in ORGANISATION_NAME_WORDS or name.lower() in self.member_forms:
            return None
        if is_group_name(name):
            return None  # "Democrats" of "Virginia Democrats"
        found = {
            f"{given} {name}"
            for given in re.findall(rf"\b([A-Z][a-z]+) {re.escape(name)}\b(?![-’'])", self.article.body)
            if first_name_gender(given) is not None and given.lower() not in US_STATES
        }
        if len(found) != 1:
            return None
        if name not in self.organisations_by_name:
            self.organisations_by_name[name] = named(Organisation, name)
        return None if self.organisations_by_name[name] else found.pop()

    def is_an_organisation(self, speaker: Speaker) -> bool:
        """Whether a person speaker without a role is an organisation: one of this article's organisation
        speakers has that name, or else the database holds an organisation by it and no person; a name of
        several words only when it starts with no given name ("Marlow Rising", not "Ana Lind")."""
        name = normalise_name(speaker.name)
        if speaker.role or speaker.organisation:
            return False
        if " " in name and first_name_gender(name.split()[0]) is not None:
            return False
        if name.lower() in self.organisation_forms | self.member_forms:
            return True
        if self.people_named(name):
            return False
        key = organisation_name(name)
        if key not in self.organisations_by_name:
            self.organisations_by_name[key] = named(Organisation, key)
        return len(self.organisations_by_name[key]) == 1

    def is_an_outlet(self, name: str) -> bool:
        """A stored publication has this name (read once a name)."""
        if name.lower() not in self.outlets:
            self.outlets[name.lower()] = Publication.objects.filter(name__iexact=name).exists()
        return self.outlets[name.lower()]

    def person(self, speaker: Speaker, *, member_of: Organisation | None) -> Person | None:
        if speaker in self.people:
            return self.people[speaker]
        name = normalise_name(speaker.name)[:300]
        person = None
        if name:
            candidates = self.people_named(name)  # read once: it decides both the match and the ambiguity
            if not candidates and len(name_tokens(name)) > 1:
                # "Jane Q. Doe" is the "Jane Doe" already stored (or the other way round)
                candidates = (
                    self.people_compatible(name)
                    or self.known_by_surname(name)
                    or self.people_by_short_form(name)
                    or self.people_by_tail(name)
                    or self.people_by_first_surname(name)
                )
            person = self.single(candidates, member_of=member_of)
            if person is None and not candidates:
                person = self.create_person(name, speaker=speaker, member_of=member_of)
            if person is not None:
                self.enrich_person(person, speaker=speaker, name=name, member_of=member_of)
        self.people[speaker] = person
        return person

    def people_named(self, name: str) -> list[Person]:
        """The existing people this name could denote: one is a match, several are left for curators."""
        tokens = name_tokens(name)
        if len(tokens) == 1:
            return self.people_with_surname(tokens[0])
        if name not in self.people_by_name:
            self.people_by_name[name] = named(Person, name)
        return self.people_by_name[name]

    def people_with_surname(self, surname: str) -> list[Person]:
        """People whose name ends with ``surname``, or who are known by it alone; or whose name starts
        with it before a hyphenated given name, the family name first ("Lee" of "Lee Min-ho"). Read once
        (``prefetch`` reads most at once) until the article's people change."""
        if surname not in self.people_by_surname:
            self.people_by_surname |= people_with_surnames({surname})
        return self.people_by_surname[surname]

    def alias_names(self, person: Person) -> list[str]:
        """The person's stored aliases, read once (``prefetch`` reads those of the people it found)."""
        if person.pk not in self.aliases_by_person:
            self.aliases_by_person[person.pk] = list(person.aliases.values_list("name", flat=True))
        return self.aliases_by_person[person.pk]

    def known_by_surname(self, name: str) -> list[Person]:
        """The one person stored by this full name's surname alone ("Doe", from an article that named
        no more), who takes the full name; none when several people could be meant."""
        tokens = split_suffix(name_tokens(name))[0]
        surname = tokens[0] if FAMILY_NAME_FIRST.fullmatch(" ".join(tokens)) else tokens[-1]
        if joined_surname(surname) and not self.people_with_surname(surname):
            # "Tamimi" stored alone is the "Karim al-Tamimi" who comes, as he would be if stored first
            surname = joined_surname(surname)
        # (the people of a surname, read once, hold those stored by the surname alone)
        bare = [
            p
            for p in self.people_with_surname(surname)
            if p.name.lower() == surname.lower() and not p.curated
        ]
        if len(bare) != 1 or len(self.people_with_surname(surname)) != 1:
            # "Wasserman Lind", a surname of two words, stored alone: the one person so named
            tail = " ".join(tokens[-2:])
            if len(tokens) < 3 or not double_surname(tokens[-2:]):
                return []
            bare = [p for p in Person.objects.filter(name__iexact=tail) if not p.curated]
            if len(bare) != 1 or len(self.people_by_tail(tail)) > 1:
                return []
        return [self.renamed(bare[0], name)]

    def renamed(self, person: Person, name: str) -> Person:
        """The person stored under a shorter name takes the fuller one; the old stays an alias."""
        PersonAlias.objects.get_or_create(person=person, name=person.name)
        self.aliases_by_person.pop(person.pk, None)
        self.forget_surnames(person.name, name)
        person.name = name
        person.save(update_fields=["name", "updated_at"])
        return person

    def people_by_short_form(self, name: str) -> list[Person]:
        """The one person of this surname whose given name this one shortens or misspells ("Ben Doe" of
        "Benjamin L. Doe", "Tom Doe" of "Thomas Doe"), where no other person of the surname has a given
        name of the same first letter ("Ana Doe" does not stop "Tom Doe"; "Tim Doe" does)."""
        tokens = split_suffix(name_tokens(name))[0]
        people = self.people_with_surname(tokens[-1])
        initial = tokens[0][:1].lower()
        same_initial = [p for p in people if name_tokens(p.name)[0][:1].lower() == initial]
        if len(same_initial) != 1:
            return []
        forms = (same_initial[0].name, *self.alias_names(same_initial[0]))
        if any(short_form(tokens, name_tokens(form)) for form in forms):
            return same_initial
        return []

    def people_by_first_surname(self, name: str) -> list[Person]:
        """A given name and the first of two surnames, and the full name ("Ana Ruiz" and "Ana Ruiz
        Lind", either stored first): the one person so named; the shorter stored takes the full name."""
        from quotes import audit

        tokens, suffix = split_suffix(name_tokens(name))
        if suffix:
            return []  # "Ana Lind Jr." is no double surname's
        if len(tokens) == 2 and audit.given_name_word(tokens[0]) and not audit.role_word(tokens[0]):
            found = [
                p
                for p in Person.objects.filter(name__istartswith=f"{tokens[0]} {tokens[1]} ")
                if len(words := name_tokens(p.name)) == 3
                and double_surname(words[1:])
                and not split_suffix(words)[1]
            ]
            return found if len(found) == 1 else []
        if len(tokens) == 3 and audit.given_name_word(tokens[0]) and double_surname(tokens[1:]):
            short = " ".join(tokens[:2])
            found = [p for p in Person.objects.filter(name__iexact=short) if not p.curated]
            if len(found) != 1:
                return []
            return [self.renamed(found[0], name)]
        return []

    def people_compatible(self, name: str) -> list[Person]:
        """People of the same surname whose given names agree with this name's, an initial standing
        for a name and a middle name or initial missing on one side ("Jane Q. Doe", "Jane Doe")."""
        tokens = name_tokens(folded(name))
        surname = split_suffix(name_tokens(name))[0][-1]
        people = self.people_with_surname(surname)
        if folded(surname) != surname:
            # "Ana Calderón" is the "Ana Calderon" stored (the other way round, the alias below finds her)
            people = [*people, *(p for p in self.people_with_surname(folded(surname)) if p not in people)]
        return [
            p
            for p in people
            if compatible_names(tokens, name_tokens(folded(p.name)))
            or any(compatible_names(tokens, name_tokens(folded(alias))) for alias in self.alias_names(p))
        ]

    def people_by_tail(self, name: str) -> list[Person]:
        """The one person whose fuller name ends in this surname of two words ("Wasserman Lind" of "Ana
        Wasserman Lind"); the first word no given name ("Ana Lind" is not "Maria Ana Lind")."""
        tokens = split_suffix(name_tokens(name))[0]
        if len(tokens) != 2 or not double_surname(tokens):
            return []
        tail = " ".join(tokens)
        people = Person.objects.filter(Q(name__iendswith=f" {tail}") | Q(aliases__name__iendswith=f" {tail}"))
        found = {p.pk: p for p in people if len(name_tokens(p.name)) > 2 or p.name.lower() != tail.lower()}
        return list(found.values()) if len(found) == 1 else []

    def single(self, candidates: list[Person], *, member_of: Organisation | None) -> Person | None:
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1 and member_of is not None:
            # Several people fit the name; the organisation stated in this article may tell them apart
            # (an affiliation the article itself taught counts, though it is written at the end).
            taught = {(person_id, organisation_id) for person_id, organisation_id, _ in self.new_affiliations}
            members = [
                p
                for p in candidates
                if (p.pk, member_of.pk) in taught or p.affiliations.filter(organisation=member_of).exists()
            ]
            if len(members) == 1:
                return members[0]
        return None

    def create_person(self, name: str, *, speaker: Speaker, member_of: Organisation | None = None) -> Person:
        kind = evidence_kind(speaker, member_of=member_of)
        person = Person.objects.create(
            name=name, slug=unique_slug(Person, name, fallback="person"), kind=kind
        )
        self.result.people_created += 1
        self.aliases_by_person[person.pk] = []
        if folded(name) != name:
            # "Ana Calderón" written without accents elsewhere ("Ana Calderon") is found by this alias
            PersonAlias.objects.create(person=person, name=folded(name))
            self.aliases_by_person[person.pk] = [folded(name)]
        # Later speakers of the article with this name find the new person, as a query would.
        self.people_by_name[name] = [person]
        self.forget_surnames(name, folded(name))
        return person

    def forget_surnames(self, *names: str) -> None:
        """Drop the people read for each surname that a new or changed name or alias may now answer: a
        surname finds only names that contain it (``people_with_surnames``), so the others stay right."""
        written = [name.lower() for name in names]
        for surname in [s for s in self.people_by_surname if any(s.lower() in name for name in written)]:
            del self.people_by_surname[surname]

    def enrich_person(
        self, person: Person, *, speaker: Speaker, name: str, member_of: Organisation | None
    ) -> None:
        """Add what this article teaches about the person, never overriding a curator."""
        kind = evidence_kind(speaker, member_of=member_of)
        if not person.curated and KIND_STRENGTH[kind] > KIND_STRENGTH.get(person.kind, 0):
            person.kind = kind
            person.save(update_fields=["kind", "updated_at"])
        forms = {normalise_name(form)[:300] for form in (name, *speaker.aliases) if is_name_form(form)}
        forms = {form for form in forms if form and form.lower() != person.name.lower()}
        # Most mentions are the person's own name: only other forms need the stored aliases read.
        known = {alias.lower() for alias in self.alias_names(person)} if forms else set()
        new_aliases = [
            PersonAlias(person=person, name=form) for form in sorted(forms) if form.lower() not in known
        ]
        if new_aliases:
            PersonAlias.objects.bulk_create(new_aliases, ignore_conflicts=True)
            self.aliases_by_person[person.pk] = [*self.alias_names(person), *(a.name for a in new_aliases)]
            # A later speaker of the article known by one of these names is this person too.
            for alias in new_aliases:
                if alias.name in self.people_by_name and person not in self.people_by_name[alias.name]:
                    self.people_by_name[alias.name] = sorted(
                        [*self.people_by_name[alias.name], person], key=lambda known: known.pk
                    )
            self.forget_surnames(*(alias.name for alias in new_aliases))
        if member_of is not None:
            role = (speaker.role or "")[:300]
            self.new_affiliations.setdefault(
                (person.pk, member_of.pk, role),
                Affiliation(person=person, organisation=member_of, role=role, article=self.article),
            )

    # Organisations

    def organisation(self, name: str, *, aliases: tuple[str, ...] = ()) -> Organisation | None:
        name = organisation_name(name)
        if not name:
            return None
        if name in self.initials_of:
            self.spell_out(self.initials_of[name], name)
        full = self.expansions.get(initials_key(name) or "")
        if full is not None:
            # "IMF" where the article also names the International Monetary Fund: one organisation,
            # known by both
            self.spell_out(name, full)
            return self.organisation(full, aliases=(*aliases, name))
        key = name.lower()
        if key not in self.organisations:
            if name not in self.organisations_by_name:
                self.organisations_by_name[name] = named(Organisation, name)
            organisation = (
                next(iter(self.organisations_by_name[name]), None)
                or self.same_but_for_form(name)
                or self.named_by_initials(name)
            )
            if organisation is None:
                organisation = Organisation.objects.create(
                    name=name,
                    slug=unique_slug(Organisation, name, fallback="organisation"),
                    kind=guess_organisation_kind(name),
                )
                self.result.organisations_created += 1
            self.organisations[key] = organisation
        organisation = self.organisations[key]
        forms = {strip_article(normalise_name(a))[:300] for a in aliases} - {""}
        forms = {f for f in forms if f.lower() != organisation.name.lower()}
        if forms:
            OrganisationAlias.objects.bulk_create(
                [OrganisationAlias(organisation=organisation, name=f) for f in sorted(forms)],
                ignore_conflicts=True,
            )
        return organisation

    def same_but_for_form(self, name: str) -> Organisation | None:
        """The one stored organisation whose name is this one but for case, dots, spaces, hyphens and
        apostrophes ("C.I.A." and "CIA", "Harbour TV" and "HarbourTV", "Doe's campaign" and "Doe
        campaign"); it takes this form as an alias."""
        key = squashed(name)
        if not key:
            return None
        squash = Lower("name")
        for mark in ("'s", "’s", ".", " ", "-", "'", "’"):
            squash = Replace(squash, Value(mark), Value(""))
        found = list(
            Organisation.objects.filter(name__istartswith=name[0])
            .annotate(squashed=squash)
            .filter(squashed=key)
        )
        if len(found) != 1:
            return None
        OrganisationAlias.objects.get_or_create(organisation=found[0], name=name)
        return found[0]

    def named_by_initials(self, name: str) -> Organisation | None:
        """The stored organisation that initials stand for, where no article named both ("FBI" and the
        Federal Bureau of Investigation stored before): the only one, or the one quoted most where
        several fit ("DNC": the committee, not the convention). The other way round, initials stored
        alone take the full name when no other stored organisation fits them (where two letters, the
        article writes them too, or they were stored with dots). Either takes the other form as an
        alias."""
        key = initials_key(name)
        if key is not None:
            found = [
                o
                for o in Organisation.objects.filter(name__istartswith=key[0])
                if len(o.name.split()) >= 2 and initials_of(o.name) == key
            ]
            if len(found) > 1:
                quoted = Counter(
                    pk
                    for pair in Quote.objects.filter(
                        Q(speaker_organisation__in=found) | Q(organisation__in=found)
                    ).values_list("speaker_organisation_id", "organisation_id")
                    for pk in pair
                    if pk is not None
                )
                found.sort(key=lambda o: -quoted[o.pk])
                if quoted[found[0].pk] == quoted[found[1].pk]:
                    return None
            if not found:
                return None
            OrganisationAlias.objects.get_or_create(organisation=found[0], name=name)
            return found[0]
        initials = initials_of(name)
        if len(name.split()) < 2 or len(initials) < 2:
            return None
        written = re.search(rf"\b{initials[0]}\.?{initials[1]}\b\.?(?!\w)", self.article.body)
        stored = [
            o
            for o in Organisation.objects.filter(name__istartswith=initials[0])
            if initials_key(o.name) == initials and not o.curated
        ]
        others = [
            o
            for o in Organisation.objects.filter(name__istartswith=initials[0])
            if len(o.name.split()) >= 2 and initials_of(o.name) == initials
        ]
        if len(stored) != 1 or others:
            return None
        organisation = stored[0]
        if len(initials) == 2 and not (
            written
            or "." in organisation.name  # "U.N.": written with dots, the letters stand for a name
            or Article.objects.filter(
                Q(quotes__organisation=organisation) | Q(quotes__speaker_organisation=organisation),
                body__contains=name,
            ).exists()
        ):
            return None  # two letters ("AP", "US") stand for many names: an article must write both
        OrganisationAlias.objects.get_or_create(organisation=organisation, name=organisation.name)
        organisation.name = name
        organisation.save(update_fields=["name", "updated_at"])
        return organisation

    def spell_out(self, initials: str, full: str) -> None:
        """An organisation stored by its initials alone takes the name they stand for, which the
        article gives (a curated row keeps its name)."""
        if full not in self.organisations_by_name:
            self.organisations_by_name[full] = named(Organisation, full)
        if self.organisations_by_name[full]:
            return
        stored = [o for o in named(Organisation, initials) if o.name.lower() == initials.lower()]
        if len(stored) != 1 or stored[0].curated:
            return
        organisation = stored[0]
        OrganisationAlias.objects.get_or_create(organisation=organisation, name=organisation.name)
        organisation.name = full
        organisation.save(update_fields=["name", "updated_at"])
        self.organisations_by_name[full] = [organisation]


def fuller_name(speaker: Speaker) -> Speaker:
    """A surname alone that the article also writes with a given name ("Lind" and "Ana Lind") is the
    person of the full name; one given name only, and not a role ("Mayor Lind")."""
    from quotes import audit

    name = normalise_name(speaker.name)
    if len(name_tokens(name)) != 1 or audit.place_or_body_word(name.lower()):
        return speaker  # "County" of "Marlow County" is no surname
    fuller = set()
    for alias in speaker.aliases:
        words = name_tokens(normalise_name(alias))
        if (
            2 <= len(words) <= 3
            and is_name_form(" ".join(words))
            and words[-1].lower() == name.lower()
            and all(audit.given_name_word(w) for w in words[:-1])
        ):
            fuller.add(" ".join(words))
    if len(fuller) != 1:
        return speaker
    full = fuller.pop()
    given = full.rsplit(" ", 1)[0]
    # "Joseph" with the role "Amelize": the given name was taken for a role
    role = None if speaker.role and speaker.role.lower() == given.lower() else speaker.role
    return replace(speaker, name=full, role=role)


# A person's kind is the strongest that any of their quotations shows: a senator quoted without a title
# in one article is still the official another article's "Sen." showed; nothing lowers it (a curator's
# choice stands).
KIND_STRENGTH = {PersonKind.OTHER: 0, PersonKind.EXPERT: 1, PersonKind.JOURNALIST: 2, PersonKind.OFFICIAL: 3}


def evidence_kind(speaker: Speaker, *, member_of: Organisation | None) -> str:
    """The kind one mention shows: the extractor's, or else what the role and the organisation as stored
    say (a role storage read out of the name, "Harbour Mayor Ana Lind"; "NBC" stored as "NBC News")."""
    kind = speaker.person_kind if speaker.person_kind in PersonKind.values else PersonKind.OTHER
    if kind == PersonKind.OTHER and (speaker.role or member_of is not None):
        kind = person_kind(speaker.role, member_of.name if member_of is not None else speaker.organisation)
    return kind if kind in PersonKind.values else PersonKind.OTHER


_INITIALS = re.compile(r"(?:[A-Z]\.?){2,6}")


def squashed(name: str) -> str:
    return re.sub(r"['’]s|[.\s\-'’]", "", name.lower())


def initials_key(name: str) -> str | None:
    """ "IMF", "I.M.F." -> "IMF"; None for a name that is not initials."""
    return name.replace(".", "") if _INITIALS.fullmatch(name) else None


def initials_of(name: str) -> str:
    """The initials of a name's capitalised words, and of each part of a hyphenated one ("Alpha Beta
    Council" -> "ABC", "University of Marlow-Vale" -> "UMV")."""
    return "".join(
        part[0]
        for w in strip_article(name).split()
        if w[:1].isupper()
        for part in w.split("-")
        if part[:1].isupper()
    )


def expansions(names: set[str]) -> dict[str, str]:
    """The initials among ``names`` that stand for another of them ("CNS", "Central News Service";
    "AROS", "Alliance to Reclaim Our Schools"), each to that name, where only one fits."""
    by_initials: dict[str, list[str]] = defaultdict(list)
    for name in names:
        words = [w for w in strip_article(name).split() if w[:1].isupper()]
        if len(words) >= 2 and initials_key(name) is None:
            by_initials["".join(w[0] for w in words)].append(name)
    found = {}
    for name in names:
        key = initials_key(name)
        if key is not None and len(by_initials.get(key, ())) == 1:
            found[key] = by_initials[key][0]
    return found
