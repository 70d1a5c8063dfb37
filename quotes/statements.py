"""Statements: what one speaker said once, reported by one or more quotations (in one or many articles).

The storage service groups each new quotation here (``assign_statements``); curators merge statements and
split a report off (``merge_statements``, ``split_report``). The rules, in order of precedence:

- Reports of one statement have the same speaker (the same Person or Organisation row). The same words
  by two speakers are two statements; a quotation without a named speaker joins none, except in a copy.
- A quotation in a near copy of an article (``Article.copy_of``) joins the statement of the original's
  quotation with the same speaker and the same words, whatever their length or kind.
- Otherwise, words are compared after normalisation (case, accents, punctuation, quotation marks and
  apostrophes ignored; an ellipsis marks a cut). Two reports are of one statement when their words are
  the same (at least ``MIN_SAME_WORDS``; ``MIN_SAME_WORDS_INDIRECT`` when one is indirect), or when the
  shorter is a contiguous part of the longer — or several parts, in order, cut at its ellipses — of at
  least ``MIN_PART_WORDS`` words (``MIN_PART_WORDS_INDIRECT`` when one is indirect: a paraphrase joins a
  direct quotation only when it repeats a long run of its words exactly). Sharing many words is not
  enough: a quotation that only overlaps another stays apart. When unsure, apart.
- Candidates come from an index, never a scan: each quotation stores hashes of its normalised words with
  its speaker (``QuoteFingerprint``): the hash of all its words, and the winnowed hashes of its four-word
  shingles (Schleimer, Wilkerson and Aiken's winnowing, window 5), which guarantees that two quotations
  sharing a run of 8 words share a hash. A new quotation reads the quotations sharing one of its hashes.
- Deterministic: a quotation joins the lowest-numbered statement among those it matches (statements are
  never merged automatically); the quotations of one article are grouped in the order of their offsets.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import itertools
import operator
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models.constants import OnConflict
from django.utils import timezone

from .models import Quote, QuoteFingerprint, QuoteKind, QuoteStatus, Statement

SHINGLE_WORDS = 3
WINNOW_WINDOW = 4
# A shared run of this many words is sure to share a fingerprint: SHINGLE_WORDS + WINNOW_WINDOW - 1.
GUARANTEED_RUN = SHINGLE_WORDS + WINNOW_WINDOW - 1
MIN_SAME_WORDS = 5
MIN_SAME_WORDS_INDIRECT = 8
MIN_PART_WORDS = GUARANTEED_RUN
MIN_PART_WORDS_INDIRECT = 10
# Within one article, where every quotation is compared with every other (no index needed), a mixed
# quotation's few quoted words found in the speaker's direct quotation are that quotation reported again.
MIN_WORDS_SAME_ARTICLE = 3
# A short line said again months later is said again ("We're going to build a wall"): across articles,
# reports whose shorter has fewer than SHORT_LINE_WORDS words join only within MAX_DAYS_APART days.
SHORT_LINE_WORDS = 12
MAX_DAYS_APART = 30

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ELLIPSIS = re.compile(r"…|\.\s*\.\s*\.|\[\s*\.\.\.\s*\]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
# Accents dropped after NFKD: every combining mark deleted in one str.translate (a Python test per
# character cost half the time of normalising a quotation). Marks lie in the first three planes and in
# the variation selectors supplement.
_COMBINING = {
    code: None
    for code in itertools.chain(range(0x30000), range(0xE0000, 0xE1000))
    if unicodedata.combining(chr(code))
}


# Words whose presence or absence does not make other words (a transcript's fillers and articles): one
# outlet's "the native-born" is another's "native born", "we have come a pretty long way" is "a long way".
FILLERS = frozenset(
    {
        "a",
        "an",
        "the",
        "uh",
        "um",
        "er",
        "ah",
        "oh",
        "well",
        "so",
        "like",
        "just",
        "really",
        "pretty",
        "very",
        "actually",
        "ok",
        "okay",
    }
)
_PRONOUN_IS = frozenset({"it", "he", "she", "that", "there", "here", "what", "who", "where", "how", "this"})
_NOT = {"can't": ["can", "not"], "won't": ["will", "not"], "shan't": ["shall", "not"], "ain't": ["is", "not"]}
_SUFFIXES = (("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'m", "am"), ("'d", "would"))


# Words repeat (news has a vocabulary of a few tens of thousands): each is expanded once.
@functools.lru_cache(maxsize=1 << 16)
def _expanded(word: str) -> tuple[str, ...]:
    """A contraction as its words ("we've" -> "we have", "don't" -> "do not"); other words as they are;
    fillers dropped."""
    return tuple(w for w in _expanded_words(word) if w and w not in FILLERS)


def _expanded_words(word: str) -> list[str]:
    if word in _NOT:
        return _NOT[word]
    if word.endswith("n't"):
        return [word[:-3], "not"]
    for suffix, full in _SUFFIXES:
        if word.endswith(suffix):
            return [word[: -len(suffix)], full]
    if word == "let's":
        return ["let", "us"]
    if word.endswith("'s") and word[:-2] in _PRONOUN_IS:
        return [word[:-2], "is"]
    if word.endswith("'s"):
        word = word[:-2]  # a possessive: "ISIS's" and "ISIS'" are one word
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # "the laws", "the law": a plural is no other statement
    return [word]


def _without_repeats(words: list[str]) -> list[str]:
    """A run of up to five words said twice in a row said once ("if she gets to pick, if she gets to
    pick her judges"): how one transcript keeps a speaker's repetition and another drops it."""
    # Most quotations repeat no word within five of itself, and then nothing can be dropped: tested in C
    # (map over the list and itself shifted) before the loop below.
    if not any(any(map(operator.eq, words, words[size:])) for size in range(1, 6)):
        return words
    out: list[str] = []
    for word in words:
        out.append(word)
        length = len(out)
        for size in range(1, min(5, length // 2) + 1):
            # The last word said again `size` words before is the cheap test that rules most sizes out.
            if out[-1] == out[-1 - size] and out[-size:] == out[-2 * size : -size]:
                del out[-size:]
                break
    return out


_BRACKETED_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){3}\]")
_EDITORIAL = re.compile(r"\[[^\]]*\]")
_FILLER_PAIRS = (("i", "mean"), ("you", "know"))


def _without_filler_pairs(words: list[str]) -> list[str]:
    if "mean" not in words and "know" not in words:
        return words
    out: list[str] = []
    for word in words:
        out.append(word)
        if len(out) >= 2 and (out[-2], out[-1]) in _FILLER_PAIRS:
            del out[-2:]
    return out


def fragments(text: str) -> list[list[str]]:
    """The text's normalised words, in the pieces its ellipses cut it into (empty pieces dropped): case,
    accents, punctuation and quotation marks ignored, contractions spelt out, fillers and a repeated run
    dropped."""
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():
        text = text.translate(_COMBINING)
    text = text.lower().translate(_APOSTROPHES)
    text = _EDITORIAL.sub(
        " ", _BRACKETED_ELLIPSIS.sub("…", text)
    )  # an editor's "[censored]" or "[Todd]" is not the speaker's
    pieces = []
    for piece in _ELLIPSIS.split(text):
        words = [w for token in _WORD.findall(piece) for w in _expanded(token)]
        if words := _without_repeats(_without_filler_pairs(words)):
            pieces.append(words)
    return pieces


def words(text: str) -> list[str]:
    return [word for piece in fragments(text) for word in piece]


# Double quotation marks, curly or straight; doubled apostrophes (''…''); curly or straight single ones
# around words (not an apostrophe inside one).
_QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"|''(.+?)''|(?<!\w)[‘'](.+?)[’'](?!\w)")


# An article's new quotations are normalised for grouping and again for their fingerprints, and a line
# quoted often is read back as a candidate again and again: each (text, kind) is normalised once.
@functools.lru_cache(maxsize=1 << 14)
def pieces_of(text: str, kind: str) -> tuple[tuple[str, ...], ...]:
    """What grouping compares of a quotation: its words in pieces; for a mixed quotation only the words
    inside its quotation marks (the reporter's own words around them are no report of the statement)."""
    if kind == QuoteKind.MIXED:
        quoted = tuple(
            tuple(piece)
            for match in _QUOTED.finditer(text)
            for piece in fragments(next((group for group in match.groups() if group), ""))
        )
        if quoted:
            return quoted
    return tuple(tuple(piece) for piece in fragments(text))


def compared_words(text: str, kind: str) -> tuple[str, ...]:
    return tuple(word for piece in pieces_of(text, kind) for word in piece)


def speaker_key(*, person_id: int | None, organisation_id: int | None) -> str | None:
    if person_id is not None:
        return f"p{person_id}"
    if organisation_id is not None:
        return f"o{organisation_id}"
    return None


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def fingerprints(tokens: Iterable[str], key: str | None) -> frozenset[int]:
    """The hashes a quotation of these words by this speaker is indexed under (none without a speaker
    or below the shortest length that may join)."""
    return _fingerprints(tuple(tokens), key)


# Computed when a quotation is grouped and again when its fingerprints are stored: once.
@functools.lru_cache(maxsize=1 << 12)
def _fingerprints(tokens: tuple[str, ...], key: str | None) -> frozenset[int]:
    if key is None or len(tokens) < MIN_SAME_WORDS:
        return frozenset()
    hashes = {_hash(key, "=", *tokens)}
    shingles = [_hash(key, *tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)]
    if len(shingles) >= WINNOW_WINDOW:
        for i in range(len(shingles) - WINNOW_WINDOW + 1):
            hashes.add(min(shingles[i : i + WINNOW_WINDOW]))
    return frozenset(hashes)


@dataclass
class Report:
    """A quotation as grouping sees it."""

    quote_id: int | None
    statement_id: int | None
    key: str | None
    kind: str
    pieces: tuple[tuple[str, ...], ...]
    article_id: int | None = None
    published: datetime.date | None = None

    @functools.cached_property
    def tokens(self) -> tuple[str, ...]:
        # Read for every pair compared (an article's quotations are compared with each other): built once.
        return tuple(word for piece in self.pieces for word in piece)

    @classmethod
    def of(
        cls,
        *,
        text: str,
        kind: str,
        person_id,
        organisation_id,
        quote_id=None,
        statement_id=None,
        article_id=None,
        published=None,
    ) -> Report:
        key = speaker_key(person_id=person_id, organisation_id=organisation_id)
        return cls(quote_id, statement_id, key, kind, pieces_of(text, kind), article_id, published)


def _contains_in_order(pieces: tuple[tuple[str, ...], ...], tokens: tuple[str, ...]) -> bool:
    position = 0
    for piece in pieces:
        size = len(piece)
        found = -1
        for start in range(position, len(tokens) - size + 1):
            if tokens[start : start + size] == piece:
                found = start
                break
        if found < 0:
            return False
        position = found + size
    return True


def same_statement(one: Report, other: Report, *, same_article: bool = False) -> bool:
    """Whether two reports by one speaker are of one statement (the rules of the module's docstring)."""
    if one.key is None or one.key != other.key:
        return False
    indirect = QuoteKind.INDIRECT in (one.kind, other.kind)
    first, second = one.tokens, other.tokens
    least_same = MIN_SAME_WORDS_INDIRECT if indirect else MIN_SAME_WORDS
    least_part = MIN_PART_WORDS_INDIRECT if indirect else MIN_PART_WORDS
    if same_article and not indirect:
        # A few words in quotation marks found again in the same speaker's direct quotation of the article,
        # or the same few quoted twice; one mixed quotation's phrase inside another's may report something
        # else.
        least_same = MIN_WORDS_SAME_ARTICLE
        if QuoteKind.DIRECT in (one.kind, other.kind):
            least_part = MIN_WORDS_SAME_ARTICLE
    elif (
        min(len(first), len(second)) < SHORT_LINE_WORDS
        and one.published is not None
        and other.published is not None
        and abs((one.published - other.published).days) > MAX_DAYS_APART
    ):
        return False
    if first == second:
        return len(first) >= least_same
    shorter, longer = (one, second) if len(first) <= len(second) else (other, first)
    if len(shorter.tokens) < least_part:
        return False
    return _contains_in_order(shorter.pieces, longer)


# -- grouping at ingest -----------------------------------------------------------------------------------


def _report_of(quote: Quote) -> Report:
    return Report.of(
        text=quote.text,
        kind=quote.kind,
        person_id=quote.speaker_person_id,
        organisation_id=quote.speaker_organisation_id,
        quote_id=quote.pk,
        statement_id=quote.statement_id,
        article_id=quote.article_id,
        published=quote.published_at,
    )


def _copy_matches(*, original_id: int) -> dict[tuple, list[tuple[int, int]]]:
    """The original article's quotations by (speaker key, words): (statement id, quote id) each."""
    matches: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    rows = Quote.objects.filter(article_id=original_id).values_list(
        "id", "statement_id", "text", "speaker_person_id", "speaker_organisation_id"
    )
    for quote_id, statement_id, text, person_id, organisation_id in rows.order_by("id"):
        key = speaker_key(person_id=person_id, organisation_id=organisation_id)
        matches[(key, tuple(words(text)))].append((statement_id, quote_id))
    return matches


def assign_statements(*, quotes: list[Quote], copy_of_id: int | None = None) -> set[int]:
    """Give each quotation (unsaved, or saved and to be regrouped) its statement: the lowest-numbered
    stored statement it matches, else that of an earlier quotation of the list it matches, else a new
    one (created here). Returns the statements they were given (``Grouped``): those to recount with
    ``refresh_statements`` and the new ones of one report, whose first report ``set_first_reports`` sets.

    The quotations' own old fingerprints must be gone (a regrouped quotation is looked up afresh).
    """
    reports = [_report_of(quote) for quote in quotes]
    hashes_of = [fingerprints(report.tokens, report.key) for report in reports]
    every_hash = set().union(*hashes_of) if hashes_of else set()
    regrouped = {quote.pk for quote in quotes if quote.pk is not None}

    # One query finds the stored quotations sharing a hash and reads what grouping compares of them, and
    # whether a curator made their statement (a fingerprint look-up, a read of the candidates and one of
    # their statements were three).
    stored_by_hash: dict[int, set[int]] = defaultdict(set)
    stored: dict[int, Report] = {}
    curated: set[int] = set()
    for (
        quote_id,
        statement_id,
        text,
        kind,
        person,
        organisation,
        article,
        published,
        made,
        shared,
    ) in _in_chunks(_candidates, sorted(every_hash)):
        if quote_id in regrouped:
            continue
        if isinstance(published, str):  # SQLite's text, read without the ORM's converters
            published = datetime.date.fromisoformat(published)
        if isinstance(shared, str):  # SQLite's group_concat
            shared = [int(value) for value in shared.split(",")]
        for value in shared:
            stored_by_hash[value].add(quote_id)
        if quote_id not in stored:
            stored[quote_id] = Report.of(
                text=text,
                kind=kind,
                person_id=person,
                organisation_id=organisation,
                quote_id=quote_id,
                statement_id=statement_id,
                article_id=article,
                published=published,
            )
        if made:
            curated.add(statement_id)

    copied = _copy_matches(original_id=copy_of_id) if copy_of_id is not None else {}
    # Statements are keys: a stored one's id, or ("new", n) for the n-th created here. A report that
    # matches several (the whole of which two stored reports are parts) makes them one, into the oldest,
    # unless a curator made one of them.
    parent: dict = {}

    def root(key):
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    def order(key):
        return (1, key[1]) if isinstance(key, tuple) else (0, key)

    chosen: list = []
    created = 0
    for position, (report, hashes) in enumerate(zip(reports, hashes_of, strict=True)):
        copy_hits = copied.get((report.key, report.tokens))
        if copy_hits:
            chosen.append(root(min(copy_hits)[0]))
            continue
        keys = set()
        candidates = sorted({quote_id for value in hashes for quote_id in stored_by_hash.get(value, ())})
        keys |= {root(stored[c].statement_id) for c in candidates if same_statement(report, stored[c])}
        # The quotations of the list (one article's) before this one, every one compared.
        for other in range(position):
            same_article = report.article_id is not None and report.article_id == reports[other].article_id
            if same_statement(report, reports[other], same_article=same_article):
                keys.add(root(chosen[other]))
        if not keys:
            chosen.append(("new", created))
            created += 1
            continue
        target = min(keys, key=order)
        if target not in curated:
            for key in keys - curated - {target}:
                parent[key] = target
        chosen.append(target)
    new = _new_statements(created)

    def statement_id(key) -> int:
        key = root(key)
        return new[key[1]] if isinstance(key, tuple) else key

    result = Grouped(joined=set(), alone=set())
    reports_of = defaultdict(int)
    for key in chosen:
        reports_of[root(key)] += 1
    for quote, key in zip(quotes, chosen, strict=True):
        quote.statement_id = statement_id(key)
        alone = isinstance(root(key), tuple) and reports_of[root(key)] == 1
        (result.alone if alone else result.joined).add(quote.statement_id)
    for key in parent:
        if not isinstance(key, tuple) and statement_id(key) != key:
            # A stored statement made one with another: its reports move (it is deleted when refreshed).
            Quote.objects.filter(statement_id=key).update(statement_id=statement_id(key))
            result.joined |= {key, statement_id(key)}
    return result


@dataclass
class Grouped:
    """The statements the grouping of a list of quotations gave them."""

    # Stored statements a report joined, and new ones of several reports: ``refresh_statements`` recounts
    # them once the reports are stored.
    joined: set[int]
    # New statements of one report: their counts (one report, one outlet) are right as created; only
    # their first report is to be set, once it is stored (``set_first_reports``), without recounting.
    alone: set[int]


def set_first_reports(*, statement_ids: Iterable[int], writes: Writes | None = None) -> None:
    """Each statement's first report is its only one (new statements of one report, once it is stored).
    With ``writes``, the statement waits there to be run with the others."""
    statement = connection.ops.quote_name(Statement._meta.db_table)
    quote = connection.ops.quote_name(Quote._meta.db_table)
    batch = writes if writes is not None else Writes()
    ids = sorted(set(statement_ids))
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        batch.add(
            f"UPDATE {statement} SET first_quote_id = "
            f"(SELECT q.id FROM {quote} q WHERE q.statement_id = {statement}.id LIMIT 1) "
            f"WHERE {statement}.id IN ({', '.join(['%s'] * len(chunk))})",
            chunk,
        )
    if writes is None:
        batch.run()


class Writes:
    """Statements whose results nobody reads, run together at the end of an article's transaction: on
    PostgreSQL in one round trip (its cursors bind parameters on the client, so one execute takes several
    statements), elsewhere one after the other (SQLite has no round trips to save)."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, list]] = []

    def add(self, sql: str, params: Iterable = ()) -> None:
        self.statements.append((sql, list(params)))

    def run(self) -> None:
        if not self.statements:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "; ".join(sql for sql, _ in self.statements),
                    [value for _, params in self.statements for value in params],
                )
            else:
                for sql, params in self.statements:
                    cursor.execute(sql, params)
        self.statements.clear()


def _candidates(hashes: list[int]) -> list[tuple]:
    """The stored quotations indexed under these hashes, with what grouping compares of them and whether a
    curator made their statement: (id, statement, text, kind, person, organisation, article, published,
    curated, the hashes it shares) for each quotation. A quotation sharing several hashes is read once (a
    line quoted in many articles shares most of its hashes with each new report of it: read once a hash,
    it was five rows of its text). Plain SQL: compiling the ORM's three-table query cost more than running
    it."""
    fingerprint = connection.ops.quote_name(QuoteFingerprint._meta.db_table)
    quote = connection.ops.quote_name(Quote._meta.db_table)
    statement = connection.ops.quote_name(Statement._meta.db_table)
    gather = "array_agg(f.hash)" if connection.vendor == "postgresql" else "group_concat(f.hash)"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT q.id, q.statement_id, q.text, q.kind, q.speaker_person_id, q.speaker_organisation_id, "
            "q.article_id, q.published_at, s.curated, m.hashes "
            f"FROM (SELECT f.quote_id, {gather} AS hashes FROM {fingerprint} f "
            f"WHERE f.hash IN ({', '.join(['%s'] * len(hashes))}) GROUP BY f.quote_id) m "
            f"JOIN {quote} q ON q.id = m.quote_id JOIN {statement} s ON s.id = q.statement_id",
            hashes,
        )
        return cursor.fetchall()


def _new_statements(count: int) -> list[int]:
    """The ids of ``count`` new statements (of one report each until refreshed), in one INSERT."""
    if not count:
        return []
    table = connection.ops.quote_name(Statement._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (report_count, outlet_count, curated, created_at, updated_at) VALUES "
            + ", ".join(["(1, 1, %s, %s, %s)"] * count)
            + " RETURNING id",
            [False, now, now] * count,
        )
        # Every row alike, so which id is which does not matter.
        return [row[0] for row in cursor.fetchall()]


def _in_chunks(read, ids: list, size: int = 900) -> Iterable:
    for start in range(0, len(ids), size):
        yield from read(ids[start : start + size])


def index_quotes(*, quotes: Iterable[Quote], fresh: bool = False, writes: Writes | None = None) -> None:
    """Store the fingerprints of saved quotations (their old ones replaced; ``fresh``: they have none).
    With ``writes``, the inserts wait there to be run with the others."""
    quotes = list(quotes)
    if not quotes:
        return
    if not fresh:
        QuoteFingerprint.objects.filter(quote_id__in=[quote.pk for quote in quotes]).delete()
    rows = []
    for quote in quotes:
        key = speaker_key(person_id=quote.speaker_person_id, organisation_id=quote.speaker_organisation_id)
        rows += [(quote.pk, value) for value in fingerprints(compared_words(quote.text, quote.kind), key)]
    insert_rows(QuoteFingerprint._meta.db_table, ("quote_id", "hash"), rows, writes=writes)


def insert_rows(
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple],
    *,
    writes: Writes | None = None,
    ignore_conflicts: bool = False,
) -> None:
    """Plain values into a table in multi-row INSERTs: an article's two hundred fingerprints cost Django's
    bulk_create a model object and a field preparation each, more than the statement itself. With
    ``writes``, the inserts wait there to be run with the others; ``ignore_conflicts``: rows that would
    break a unique constraint are left out, as ``bulk_create(ignore_conflicts=True)`` leaves them."""
    size = max(1, 900 // len(columns))  # under SQLite's limit of parameters
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    insert = f"{connection.ops.insert_statement(on_conflict=on_conflict)} {connection.ops.quote_name(table)} "
    insert += "(" + ", ".join(connection.ops.quote_name(column) for column in columns) + ") VALUES "
    suffix = connection.ops.on_conflict_suffix_sql([], on_conflict, [], []) if ignore_conflicts else ""
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    batch = writes if writes is not None else Writes()
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        batch.add(
            insert + ", ".join([row] * len(chunk)) + (f" {suffix}" if suffix else ""),
            [value for values in chunk for value in values],
        )
    if writes is None:
        batch.run()


def reindex_quotes(*, quote_ids: Iterable[int]) -> None:
    """Fingerprints again for quotations whose speaker or words changed (a curator's edit, a merge of
    people); the statements they belong to stay as they are."""
    quote_ids = sorted(set(quote_ids))
    for start in range(0, len(quote_ids), 900):
        index_quotes(
            quotes=Quote.objects.filter(pk__in=quote_ids[start : start + 900]).only(
                "id", "text", "kind", "speaker_person_id", "speaker_organisation_id"
            )
        )


def refresh_statements(*, statement_ids: Iterable[int], writes: Writes | None = None) -> None:
    """Recount the statements' reports and outlets and find their first reports; delete those left
    without a report. A rejected report is not counted (unless every report is rejected). With
    ``writes`` on PostgreSQL, the recount waits there to be run with the others (and those left without
    a report are deleted by the count it wrote)."""
    ids = sorted(set(statement_ids) - {None})
    for start in range(0, len(ids), 900):
        _refresh(ids[start : start + 900], writes=writes)


def _refresh(ids: list[int], *, writes: Writes | None = None) -> None:
    # The database counts (one UPDATE, each count through the quotations' statement index): reading the
    # reports back to count them in Python cost an article's ingest a query and more Python than the
    # grouping itself. The rules are those of the docstring: the reports counted ("live") are those not
    # rejected, or all when all are; outlets are publications (an article without one counts alone);
    # the first report is the earliest published, then the first stored.
    statement = connection.ops.quote_name(Statement._meta.db_table)
    quote = connection.ops.quote_name(Quote._meta.db_table)
    article = connection.ops.quote_name(Quote._meta.get_field("article").related_model._meta.db_table)
    live = (
        f"q.statement_id = {statement}.id AND (q.status <> %s OR NOT EXISTS (SELECT 1 FROM {quote} r "
        f"WHERE r.statement_id = {statement}.id AND r.status <> %s))"
    )
    rejected = [QuoteStatus.REJECTED.value, QuoteStatus.REJECTED.value]
    update = (
        f"UPDATE {statement} SET "
        f"report_count = (SELECT count(*) FROM {quote} q WHERE {live}), "
        "outlet_count = (SELECT count(DISTINCT CASE WHEN a.publication_id IS NULL THEN 'a' || a.id "
        f"ELSE 'p' || a.publication_id END) FROM {quote} q JOIN {article} a ON a.id = q.article_id "
        f"WHERE {live}), "
        f"first_quote_id = (SELECT q.id FROM {quote} q WHERE {live} "
        "ORDER BY q.published_at IS NULL, q.published_at, q.id LIMIT 1), "
        "updated_at = %s "
        f"WHERE {statement}.id IN ({', '.join(['%s'] * len(ids))})"
    )
    params = [*rejected, *rejected, *rejected, connection.ops.adapt_datetimefield_value(timezone.now()), *ids]
    if writes is not None and connection.vendor == "postgresql":
        # A round trip saved (SQLite has none to save). Nothing refers to a statement but its reports: one
        # without any is deleted in plain SQL.
        writes.add(update, params)
        writes.add(
            f"DELETE FROM {statement} WHERE id IN ({', '.join(['%s'] * len(ids))}) AND report_count = 0", ids
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(update + " RETURNING id, report_count", params)
        empty = [pk for pk, count in cursor.fetchall() if count == 0]
    if empty:
        Statement.objects.filter(pk__in=empty).delete()


# -- curators' decisions ----------------------------------------------------------------------------------


@transaction.atomic
def merge_statements(*, keep: Statement, others: Iterable[Statement]) -> int:
    """Make the others' reports reports of ``keep``; returns how many moved. The decision is kept across
    re-extraction: the statement and every report of it are marked curated (re-extraction keeps curated
    quotations as they are)."""
    others = [other for other in others if other.pk != keep.pk]
    if not others:
        raise ValidationError("Choose at least one other statement to merge into the one you keep.")
    other_ids = [other.pk for other in others]
    now = timezone.now()
    moved = Quote.objects.filter(statement_id__in=other_ids).update(statement=keep, updated_at=now)
    Quote.objects.filter(statement=keep).update(curated=True, updated_at=now)
    Statement.objects.filter(pk=keep.pk).update(curated=True, updated_at=now)
    refresh_statements(statement_ids=[keep.pk, *other_ids])
    keep.refresh_from_db()
    return moved


@transaction.atomic
def split_report(*, quote: Quote) -> Statement:
    """Take one report off its statement into a statement of its own; the decision is kept across
    re-extraction (the report is marked curated, and the new statement too)."""
    old_id = quote.statement_id
    if not Quote.objects.filter(statement_id=old_id).exclude(pk=quote.pk).exists():
        raise ValidationError("This report is the statement's only one: there is nothing to split it from.")
    statement = Statement.objects.create(curated=True)
    Statement.objects.filter(pk=old_id).update(curated=True, updated_at=timezone.now())
    quote.statement = statement
    quote.curated = True
    quote.save(update_fields=["statement", "curated", "updated_at"])
    refresh_statements(statement_ids=[old_id, statement.pk])
    statement.refresh_from_db()
    return statement


# -- deleting reports ------------------------------------------------------------------------------------


@transaction.atomic
def delete_articles(*, articles: Iterable) -> int:
    """Delete articles (and so their quotations, fingerprints and signatures) and keep every statement
    they reported whole: one left without a report is deleted, the others recounted (report count,
    outlets, first report). Every path that deletes articles goes through here (the admin's delete page
    and action); a plain ``delete()`` would leave statements with no report. Returns the articles deleted.

    A curator's decision stays as it was on the reports that remain (their statement keeps its
    ``curated`` flag and they keep theirs); a curated statement whose every report is gone goes with them.
    """
    from articles.models import Article

    ids = [article.pk for article in articles]
    touched = set(Quote.objects.filter(article_id__in=ids).values_list("statement_id", flat=True))
    deleted = Article.objects.filter(pk__in=ids).count()
    Article.objects.filter(pk__in=ids).delete()
    refresh_statements(statement_ids=touched)
    return deleted


@transaction.atomic
def delete_quotes(*, quotes: Iterable[Quote]) -> int:
    """Delete quotations and keep their statements whole, as ``delete_articles`` does. Returns how many
    were deleted."""
    ids = [quote.pk for quote in quotes]
    touched = set(Quote.objects.filter(pk__in=ids).values_list("statement_id", flat=True))
    deleted, _ = Quote.objects.filter(pk__in=ids).delete()
    refresh_statements(statement_ids=touched)
    return len(ids) if deleted else 0


# -- what differs between reports ------------------------------------------------------------------------


def word_diff(base: str, other: str) -> list[tuple[str, str]]:
    """``other``'s words against ``base``'s as (op, words): "same", "added" (in other only), "missing"
    (in base only); words compared normalised, shown as ``other`` printed them where it has them."""
    import difflib

    def plain(text: str) -> list[str]:
        return _WORD.findall(text.lower().translate(_APOSTROPHES))

    base_words = plain(base)
    printed = [w for w in re.split(r"\s+", other.strip()) if plain(w)]
    other_words = [" ".join(plain(w)) for w in printed]
    matcher = difflib.SequenceMatcher(a=base_words, b=other_words, autojunk=False)
    parts: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(printed[b0:b1])))
            continue
        if a1 > a0:
            parts.append(("missing", " ".join(base_words[a0:a1])))
        if b1 > b0:
            parts.append(("added", " ".join(printed[b0:b1])))
    return [part for part in parts if part[1]]


# -- over the stored quotations ---------------------------------------------------------------------------


@dataclass
class RegroupResult:
    articles: int = 0
    copies: int = 0
    quotes: int = 0


def regroup_stored(*, progress=None) -> RegroupResult:
    """Group every stored quotation again, as ingest would have grouped them in the order they were
    stored (articles by id): signatures for the articles that have none (copies found among those stored
    before them), fingerprints afresh, and each article's quotations grouped in its own transaction.
    Reports a curator placed (curated, or of a curated statement) keep their statements. For an
    installation whose quotations predate statements (the migration gives each its own)."""
    from articles import copies
    from articles.models import Article

    result = RegroupResult()
    movable = Quote.objects.filter(curated=False, statement__curated=False)
    QuoteFingerprint.objects.filter(quote__in=movable).delete()
    article_ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    for article_id in article_ids:
        with transaction.atomic():
            article = Article.objects.get(pk=article_id)
            if not hasattr(article, "signature"):
                minhash = copies.signature(article.body)
                if article.copy_of_id is None and minhash is not None:
                    original = copies.find_original(minhash=minhash, exclude_id=article.pk)
                    if original is not None and original.pk < article.pk:
                        article.copy_of = original
                        article.save(update_fields=["copy_of"])
                copies.index_article(article=article, minhash=minhash)
            result.copies += article.copy_of_id is not None
            quotes = list(movable.filter(article=article).order_by("start", "end"))
            old = {quote.statement_id for quote in quotes}
            grouped = assign_statements(quotes=quotes, copy_of_id=article.copy_of_id)
            Quote.objects.bulk_update(quotes, ["statement"])
            index_quotes(quotes=quotes, fresh=True)
            set_first_reports(statement_ids=grouped.alone)
            refresh_statements(statement_ids=(old | grouped.joined) - grouped.alone)
            result.articles += 1
            result.quotes += len(quotes)
        if progress is not None:
            progress(result)
    return result


@dataclass
class Figures:
    articles: int
    copies: int
    quotations: int
    statements: int
    joined_quotations: int  # quotations in a statement of two or more reports
    multi_report_statements: int
    multi_outlet_statements: int
    direct_quotations: int
    direct_joined: int


def figures() -> Figures:
    """How many stored quotations joined statements, and how far statements travelled."""
    from django.db.models import Count, Q

    from articles.models import Article

    sizes = Statement.objects.annotate(size=Count("reports")).filter(size__gte=2)
    multi = set(sizes.values_list("pk", flat=True))
    quotes = Quote.objects.all()
    return Figures(
        articles=Article.objects.count(),
        copies=Article.objects.filter(copy_of__isnull=False).count(),
        quotations=quotes.count(),
        statements=Statement.objects.count(),
        joined_quotations=quotes.filter(statement__in=multi).count(),
        multi_report_statements=len(multi),
        multi_outlet_statements=Statement.objects.filter(outlet_count__gte=2).count(),
        direct_quotations=quotes.filter(kind=QuoteKind.DIRECT).count(),
        direct_joined=quotes.filter(Q(kind=QuoteKind.DIRECT) & Q(statement__in=multi)).count(),
    )


def describe_groups(*, limit: int | None = None, seed: int = 17) -> list[str]:
    """Statements of two or more reports as text for a reader to check by hand: a sample of ``limit``
    (seeded), each report with its outlet, date, article, kind, speaker and words."""
    import random

    from django.db.models import Count

    ids = sorted(
        Statement.objects.annotate(size=Count("reports")).filter(size__gte=2).values_list("pk", flat=True)
    )
    if limit is not None and len(ids) > limit:
        ids = sorted(random.Random(seed).sample(ids, limit))
    lines = []
    for statement_id in ids:
        reports = Quote.objects.filter(statement_id=statement_id).select_related(
            "article__publication", "speaker_person", "speaker_organisation"
        )
        lines.append(f"== statement {statement_id}")
        for quote in reports.order_by("published_at", "id"):
            article = quote.article
            outlet = article.publication.name if article.publication else "-"
            copy = f" copy of a{article.copy_of_id}" if article.copy_of_id else ""
            lines.append(
                f"  [{quote.pk}] {outlet} {article.published_at} a{article.pk}{copy}"
                f" {quote.kind} {quote.speaker_name!r}: {' '.join(quote.text.split())}"
            )
    return lines


def describe_alone(*, limit: int, seed: int = 17) -> list[str]:
    """A seeded sample of direct quotations left alone (a statement of one report, with a named speaker),
    each with the speaker's other quotations that share most of its words: where a reader looks for
    reports that should have joined it (recall)."""
    import random

    from django.db.models import Count

    alone = Statement.objects.annotate(size=Count("reports")).filter(size=1).values_list("pk", flat=True)
    ids = sorted(
        Quote.objects.filter(statement__in=alone, kind=QuoteKind.DIRECT)
        .exclude(speaker_person__isnull=True, speaker_organisation__isnull=True)
        .values_list("pk", flat=True)
    )
    ids = sorted(random.Random(seed).sample(ids, min(limit, len(ids))))
    lines = []
    for quote in Quote.objects.filter(pk__in=ids).select_related("speaker_person", "speaker_organisation"):
        own = set(words(quote.text))
        same_speaker = Quote.objects.filter(
            speaker_person_id=quote.speaker_person_id, speaker_organisation_id=quote.speaker_organisation_id
        ).exclude(pk=quote.pk)
        scored = []
        for other in same_speaker.only("id", "text", "statement_id", "kind"):
            theirs = set(words(other.text))
            shared = len(own & theirs) / max(1, min(len(own), len(theirs)))
            if shared >= 0.5 and len(own & theirs) >= 3:
                scored.append((shared, other))
        scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
        lines.append(f"== alone [{quote.pk}] {quote.speaker_name!r}: {' '.join(quote.text.split())}")
        for shared, other in scored[:3]:
            text = " ".join(other.text.split())
            lines.append(f"  ~{shared:.2f} [{other.pk}] s{other.statement_id} {other.kind}: {text}")
    return lines
