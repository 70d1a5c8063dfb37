"""Searching quotations: one interface, ``Quote.objects.search(q)``, whose backend follows the database.

The query language is the one people know from web search engines, on both databases:
``sanctions "oil price" -Russia china OR india`` means sanctions AND the phrase "oil price" AND NOT Russia
AND (china OR india). Words are stemmed ("sanctions" finds "sanctioned") and the speaker's name is part of
the searched document.

- PostgreSQL: the query parsed here, each term through ``websearch_to_tsquery`` and combined, against
  the ``search_vector`` column the database keeps (see search_schema.py), highlighted by ``ts_headline``.
- SQLite: the same query parsed here and translated into an FTS5 expression (every term quoted, so nothing
  the user types is FTS5 syntax), highlighted by ``highlight``.

Relevance has two levels, the same on both databases: first the quotations whose speaker the words name
(a person's or an organisation's name matching any sought term: "Gabuev China" puts what Gabuev said about
China first), then the others; within a level, the most recently added first. Both levels are conditions
an index answers, so the first page of every match in that order is read newest first from each level,
stopping after a page, however many quotations match. (``ts_rank`` and ``bm25`` score every match before
the first can be given: 240 and 310 ms for a word in 271,000 of a million quotations.)

Highlights come back from the database with private-use sentinel characters around the matches;
``render_highlight`` escapes the text and only then turns the sentinels into ``<mark>``.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import NotSupportedError, connections, models, transaction
from django.db.models import BooleanField, Expression, F, FloatField, Func, TextField, Value
from django.db.models.functions import Coalesce, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .search_schema import HIGHLIGHT_START, HIGHLIGHT_STOP, SQLITE_FTS_TABLE

SEARCH_CONFIG = "english"
# How many of the newest quotations per wanted row most_recently_added tries first on PostgreSQL: a word
# in one quotation of twenty fills the rows from them.
RECENT_SLICE = 20
# newest_first on PostgreSQL: how many of the newest quotations it reads to judge how common the matches
# are, and how many rows of a walk along the primary key cost as much as one match read through the index.
# The walk reads rows that lie together at the table's end, the index a random page per match: a word and
# the most quoted person, 1,001 rows, took 64 ms walked and 69 read by index at a million quotations (the
# walk 130,000 rows, the index 7,700 matches: 17 rows a match), 77-96 against 1,070-1,107 ms at 8.3 million
# (173,000 rows against 48,000 matches). Three, the weight before, sent the latter to the index.
PROBE_ROWS = 5000
WALK_ROWS_PER_MATCH = 15
# most_recently_added on PostgreSQL: a search the newest slice does not fill reads next the span of ids its
# share of the slice foretells, WINDOW_MARGIN times over, when that is at most WINDOW_SHARE of the ids.
WINDOW_MARGIN = 1.5
WINDOW_SHARE = 0.2
# ``within_window``: how many of the newest ids a search whose rows lie further back reads, and the fewest
# rows it may hand over so instead of every match (five pages of results).
WINDOW_IDS = 500_000
WINDOW_ROWS_AT_LEAST = 100

_TOKEN = re.compile(r'(?P<negated>-)?(?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))')
_WORD_CHARACTER = re.compile(r"\w")


@dataclass(frozen=True)
class ParsedQuery:
    """A web-search style query: every group must match (one of its alternatives), no negative may."""

    groups: tuple[tuple[str, ...], ...] = ()
    negatives: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.negatives

    @property
    def terms(self) -> tuple[str, ...]:
        """Every word or phrase sought, of every group, in order."""
        return tuple(term for group in self.groups for term in group)

    def fts5_positive(self) -> str | None:
        """The FTS5 expression every match satisfies; None when the query only excludes."""
        if not self.groups:
            return None
        expression = " AND ".join(
            "(" + " OR ".join(_fts5_string(term) for term in group) + ")" for group in self.groups
        )
        if self.negatives:
            expression = f"({expression}) NOT ({self.fts5_negative()})"
        return expression

    def fts5_negative(self) -> str | None:
        if not self.negatives:
            return None
        return " OR ".join(_fts5_string(term) for term in self.negatives)


def _fts5_string(term: str) -> str:
    # An FTS5 string: everything inside is tokenised as text (a phrase), never read as syntax.
    return '"' + term.replace('"', '""') + '"'


def parse_query(text: str) -> ParsedQuery:
    """Parse web-search syntax: words, "phrases", -exclusions and OR (which binds its two neighbours).

    Terms without a letter or digit are dropped, as PostgreSQL's parser drops them.
    """
    groups: list[list[str]] = []
    negatives: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(text):
        phrase, word = match["phrase"], match["word"]
        term = " ".join((phrase if phrase is not None else word).split())
        if phrase is None and not match["negated"] and term.lower() == "or":
            pending_or = bool(groups)
            continue
        if not _WORD_CHARACTER.search(term):
            continue
        if match["negated"]:
            negatives.append(term)
        elif pending_or:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return ParsedQuery(tuple(tuple(group) for group in groups), tuple(negatives))


def _tsquery(groups, negatives=()):
    """The parsed query as a PostgreSQL tsquery, with the precedence parse_query gives it.

    websearch_to_tsquery alone would read "a b OR c" as (a AND b) OR c; each term goes through it quoted
    (so phrases keep their word order and every word is stemmed), then the terms are combined here.
    """

    def term(text):
        return SearchQuery(f'"{text}"', search_type="websearch", config=SEARCH_CONFIG)

    parts = [functools.reduce(operator.or_, map(term, group)) for group in groups]
    parts += [~term(text) for text in negatives]
    return functools.reduce(operator.and_, parts) if parts else None


class _BaseTableExpression(Expression):
    """SQL that refers to the queried quotation row, under whatever alias the query gave its table."""

    template = ""

    def __init__(self, match: str, output_field: models.Field):
        super().__init__(output_field=output_field)
        self.match = match

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        sql = self.template.format(row=alias, fts=connection.ops.quote_name(SQLITE_FTS_TABLE))
        return sql, [self.match] if self.match is not None else []

    @property
    def identity(self):
        return (self.__class__, self.template, self.match)

    def __eq__(self, other):
        return isinstance(other, _BaseTableExpression) and self.identity == other.identity

    def __hash__(self):
        return hash(self.identity)


class _QuoteSearchVector(_BaseTableExpression):
    # The column exists only on PostgreSQL and outside Django's model (search_schema.py says why).
    template = '{row}."search_vector"'

    def __init__(self):
        super().__init__(None, SearchVectorField())


class _Fts5Match(_BaseTableExpression):
    template = '{row}."id" IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)'

    def __init__(self, match: str):
        super().__init__(match, BooleanField())


class _Fts5Member(_Fts5Match):
    # The unary plus keeps SQLite from reading the matched quotations by id: it walks the index of the
    # query's order instead and checks each row against the matched set (newest first for a word in
    # 290,000 of a million quotations: 250 ms sorting every match, 65 ms walking the date index).
    template = '+{row}."id" IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)'


def _fts5_joined_match(match: str) -> Func:
    # "quotes_quote_fts"."quotes_quote_fts" MATCH %s, through the join to QuoteSearchEntry.
    return Func(
        F("search_entry__document"),
        Value(match),
        template="%(expressions)s",
        arg_joiner=" MATCH ",
        output_field=BooleanField(),
    )


# The levels of the relevance order (``search_rank``): higher first.
SPEAKER_NAMED = 1.0
SPEAKER_NOT_NAMED = 0.0


def _fts5_speaker_named(parsed: ParsedQuery) -> str:
    """FTS5: the speaker's name (the index's second column) matches one of the sought terms."""
    return "{speaker} : (" + " OR ".join(_fts5_string(term) for term in parsed.terms) + ")"


def _name_vector() -> Func:
    # As the search vector reads a speaker's name (search_schema.py); the expression of the GIN indexes
    # on the people's and organisations' names (migration 0010).
    return Func(
        F("name"),
        template=f"to_tsvector('{SEARCH_CONFIG}'::regconfig, %(expressions)s)",
        output_field=SearchVectorField(),
    )


def _postgresql_named(parsed: ParsedQuery, using: str) -> dict[str, models.QuerySet]:
    """PostgreSQL: the people and the organisations whose names match one of the sought terms (as the
    search vector reads a speaker's name), as querysets of their ids, through the names' own indexes."""
    from .models import Organisation, Person

    sought = _tsquery([parsed.terms])
    return {
        table: model._default_manager.using(using)
        .alias(name_vector=_name_vector())
        .filter(name_vector=sought)
        .values_list("pk", flat=True)
        for table, model in (("person", Person), ("organisation", Organisation))
    }


def _speaker_among(named: dict) -> models.Q:
    # The speaker is the person, else the organisation speaking as such (as in the search vector).
    return models.Q(speaker_person_id__in=named["person"]) | models.Q(
        speaker_person__isnull=True, speaker_organisation_id__in=named["organisation"]
    )


def _postgresql_speaker_named_now(parsed: ParsedQuery, using: str) -> models.Q | None:
    """The condition of ``_speaker_among`` with the names read now; None when no name matches. To filter
    by: the planner knows how many quotations a list of ids holds, not how many a subquery would give (for
    none, it read every match of a common word to find so)."""
    people, bodies = (
        queryset.annotate(table=Value(table)).values_list("table", "pk")
        for table, queryset in _postgresql_named(parsed, using).items()
    )
    named = {"person": [], "organisation": []}
    for table, pk in people.union(bodies, all=True):
        named[table].append(pk)
    if not named["person"] and not named["organisation"]:
        return None
    return _speaker_among(named)


class _Fts5Highlight(_BaseTableExpression):
    def __init__(self, match: str, column: int):
        super().__init__(match, TextField())
        self.template = (
            f"(SELECT highlight({{fts}}, {column}, char({ord(HIGHLIGHT_START)}), char({ord(HIGHLIGHT_STOP)}))"
            ' FROM {fts} WHERE {fts} MATCH %s AND rowid = {row}."id")'
        )


def _without_sentinels(expression):
    text = TextField()
    once = Replace(expression, Value(HIGHLIGHT_START, text), Value("", text), output_field=text)
    return Replace(once, Value(HIGHLIGHT_STOP, text), Value("", text), output_field=text)


def _speaker_name():
    return Coalesce(
        F("speaker_person__name"), F("speaker_organisation__name"), Value(""), output_field=TextField()
    )


class QuoteQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """As Django's, and a quotation without a statement gets one of its own (one report), as
        ``Quote.save`` gives it: every stored quotation has a statement."""
        from .models import Statement

        objs = list(objs)
        alone = [quote for quote in objs if quote.statement_id is None]
        if alone:
            statements = Statement.objects.bulk_create([Statement() for _ in alone])
            for quote, statement in zip(alone, statements, strict=True):
                quote.statement = statement
        created = super().bulk_create(objs, *args, **kwargs)
        if alone:
            from .statements import set_first_reports  # (it imports the models, which import this)

            set_first_reports(statement_ids=[quote.statement_id for quote in alone])
        return created

    def public(self) -> QuoteQuerySet:
        """What the public may see: never rejected quotations; only approved ones when so configured."""
        from .models import QuoteStatus

        queryset = self.exclude(status=QuoteStatus.REJECTED)
        if getattr(settings, "QUOTES_PUBLIC_APPROVED_ONLY", False):
            queryset = queryset.filter(status=QuoteStatus.APPROVED)
        return queryset

    def for_display(self) -> QuoteQuerySet:
        """Everything a listed quotation shows, fetched in the same query."""
        # The article's whole text is never shown beside a quotation; the statement's first report is read
        # in the same query (the API and the exports name it).
        return self.select_related(
            "article__publication",
            "speaker_person",
            "speaker_organisation",
            "organisation",
            "statement__first_quote__article__publication",
        ).defer("article__body", "statement__first_quote__article__body")

    def recently_added_first(self) -> QuoteQuerySet:
        """Highest id first: the order in which a search reads a bounded number of its matches."""
        if self._joins_search_index():
            # By the index's own rowid, FTS5 hands the matches over newest first and stops at the limit;
            # by the quotation's id (the same number), SQLite would sort every match first.
            return self.order_by("-search_entry")
        return self.order_by("-id")

    def most_recently_added(
        self,
        limit: int,
        *,
        complete: bool = True,
        newest_slice_first: bool = True,
        within_window: bool = False,
    ) -> tuple[list, bool]:
        """The ``limit`` rows of this queryset with the highest ids, highest first, and whether older
        quotations were left unread (only when not ``complete``: then just the newest RECENT_SLICE ×
        ``limit`` quotations are read, at a cost with a bound whatever the search).
        ``newest_slice_first=False`` (with ``complete``) skips the newest slice on PostgreSQL, for a search
        the caller expects to be too rare for it to fill, and reads as ``newest_first`` chooses.
        ``within_window`` (with ``complete``, PostgreSQL): a search whose share of the newest slice says
        its rows reach back further than WINDOW_SHARE of the ids, in a collection of at least twice
        WINDOW_IDS, reads the newest WINDOW_IDS only, and older quotations are left unread, when they hold
        WINDOW_ROWS_AT_LEAST rows (a phrase of common words at ten million quotations: every match would
        be every quotation holding both words, each read again to check the phrase).

        PostgreSQL's planner reads "highest ids first, up to a limit" by walking the primary key backwards
        until enough rows match, which is quick for a common word and reads the whole table when it
        overestimates the matches (a phrase of common words, a word and a prolific speaker). So the newest
        slice is tried first, a walk of bounded length; only if too few of it match are older spans read
        through the search index (ordered on an expression, which no index gives, so the planner takes that
        path), at a cost that grows with the candidates in them.
        """
        postgresql = connections[self.db].vendor == "postgresql"
        if complete and not postgresql:
            return list(self.recently_added_first()[:limit]), False
        if complete and not newest_slice_first:
            # Too rare for the newest slice to fill, as the caller judges; whether to walk the newest or
            # read every match is newest_first's choice, by the share of matches among the newest (at ten
            # million quotations a word and a prolific speaker are walked: every match is ten times more).
            return list(self.newest_first(limit)), False
        newest = self.model._default_manager.using(self.db).aggregate(newest=models.Max("id"))["newest"]
        # (at least PROBE_ROWS: a page's worth of one relevance level would make too small a sample)
        floor = (newest or 0) - max(RECENT_SLICE * limit, PROBE_ROWS)
        # On SQLite the bound goes to the search index's rowid, which FTS5 reads as a range of its own.
        newer = (
            self.filter(search_entry__pk__gt=floor)
            if self._joins_search_index()
            else self.filter(id__gt=floor)
        )
        rows = list(newer.recently_added_first()[:limit])
        if len(rows) == limit or floor <= 0:
            return rows, False
        if not complete:
            return rows, True
        # Too few among the newest slice. When the share of it that matched says the rows lie within a
        # short span of the ids (WINDOW_SHARE of them at most, with a margin: the slice's count is a small
        # sample), that span is read, through the ids' BRIN index ANDed with the words' index: only the
        # pages in it that hold a candidate are visited (at ten million quotations, a named speaker's
        # matches, 5% of the ids). The planner's bitmap of such a span is page by page (each page's rows
        # are all checked again), so a longer span costs about as much as every match read exactly.
        # ``within_window``, in a collection of at least twice WINDOW_IDS, a search whose rows lie further
        # back is read among the newest WINDOW_IDS only: at the cost of every match in a collection that
        # size, whatever the size of this one.
        if rows:
            reach = WINDOW_MARGIN * (newest - floor) * limit / len(rows)
            span = self.model._default_manager.using(self.db).aggregate(lowest=models.Min("id"))
            ids = newest - span["lowest"] + 1
            if reach <= WINDOW_SHARE * ids:
                window = self.filter(id__gt=newest - int(reach)).order_by((F("id") + 0).desc())
                rows = list(window[:limit])
                if len(rows) == limit:
                    return rows, False
            elif within_window and ids >= 2 * WINDOW_IDS:
                if newest - floor < WINDOW_IDS:
                    window = self.filter(id__gt=newest - WINDOW_IDS).order_by((F("id") + 0).desc())
                    rows = list(window[:limit])
                if len(rows) >= WINDOW_ROWS_AT_LEAST:
                    return rows, len(rows) < limit
        return list(self.order_by((F("id") + 0).desc())[:limit]), False

    def newest_first(self, limit: int) -> QuoteQuerySet:
        """The ``limit`` rows of this queryset with the highest ids, highest first, as a queryset (to read
        or to count over in SQL), in the order that reads them fastest on this database.

        SQLite reads a search through FTS5 in descending rowid, which stops at the limit, and the table by
        its primary key backwards. PostgreSQL has two ways, and its planner picks the wrong one when it
        misjudges how many quotations match (a phrase of common words looks common): walk the primary key
        backwards until ``limit`` rows match (limit ÷ density rows visited: quick for a common word, the
        whole table for a rare one) or read every match through the search index and keep the newest
        (cheap for few matches, 1.3 s for a word in 29% of a million quotations). The share of matches
        among the newest PROBE_ROWS quotations, counted first (a few milliseconds), decides.
        """
        if connections[self.db].vendor != "postgresql":
            return self.recently_added_first()[:limit]
        if self._walks_newest_first(limit):
            return self.order_by("-id")[:limit]
        # Ordered on an expression, which no index gives, so the planner reads the matches by the search
        # index (or a filter's) and sorts the few it finds.
        return self.order_by((F("id") + 0).desc())[:limit]

    def _walks_newest_first(self, limit: int) -> bool:
        span = (
            self.model._default_manager.using(self.db)
            .order_by()
            .aggregate(lowest=models.Min("id"), highest=models.Max("id"))
        )
        if span["highest"] is None:
            return False
        # The floor as a number, not a subquery: the planner then knows the range is PROBE_ROWS ids and
        # reads it along the primary key (from a subquery's value it guessed a third of the table and
        # built the word's and a person's whole bitmaps instead: 60-90 ms).
        ids = span["highest"] - span["lowest"] + 1
        hits = self.order_by().filter(id__gt=span["highest"] - PROBE_ROWS).count()
        if not hits:  # no match among the newest: then few match, if any
            return False
        density = hits / min(PROBE_ROWS, ids)
        matches = density * ids
        # Rows a walk visits against matches the index reads, each a random page read costing about
        # WALK_ROWS_PER_MATCH rows of the walk.
        return min(limit, matches) / density <= WALK_ROWS_PER_MATCH * matches

    def _joins_search_index(self) -> bool:
        return any(join.table_name == SQLITE_FTS_TABLE for join in self.query.alias_map.values())

    def search(self, query: str, *, ranked: bool = True, speaker_named: bool | None = None) -> QuoteQuerySet:
        """Quotations matching the web-search style ``query``, annotated with ``search_rank``: its level in
        the relevance order (SPEAKER_NAMED or SPEAKER_NOT_NAMED; see the module's docstring), 0 for all
        when not ``ranked`` (for an order of another kind, which then reads them its own way).
        ``speaker_named`` keeps one level only.

        An empty query (nothing searchable in it) matches nothing.
        """
        parsed = parse_query(query)
        unranked = Value(0.0, output_field=FloatField())
        if parsed.is_empty or (speaker_named and not parsed.groups):
            return self.none().annotate(search_rank=unranked)
        vendor = connections[self.db].vendor
        if vendor == "postgresql":
            matching = self.alias(search_document=_QuoteSearchVector()).filter(
                search_document=_tsquery(parsed.groups, parsed.negatives)
            )
            if not parsed.groups or (speaker_named is None and not ranked):
                return matching.annotate(search_rank=unranked)
            if speaker_named is not None:
                named = _postgresql_speaker_named_now(parsed, self.db)
                if named is None:  # no speaker named: every match is on the lower level
                    return (self.none() if speaker_named else matching).annotate(search_rank=unranked)
                # exclude() keeps a quotation without a person (NULL IN (…)) among the others.
                matching = matching.filter(named) if speaker_named else matching.exclude(named)
                level = SPEAKER_NAMED if speaker_named else SPEAKER_NOT_NAMED
                return matching.annotate(search_rank=Value(level if ranked else 0.0, FloatField()))
            # As a column, from subqueries: computed only when read (the page's recent matches).
            level = models.Case(
                models.When(_speaker_among(_postgresql_named(parsed, self.db)), then=Value(SPEAKER_NAMED)),
                default=Value(SPEAKER_NOT_NAMED),
                output_field=FloatField(),
            )
            return matching.annotate(search_rank=level)
        if vendor == "sqlite":
            positive = parsed.fts5_positive()
            if positive is None:
                return self.exclude(_Fts5Match(parsed.fts5_negative())).annotate(search_rank=unranked)
            level = None
            if speaker_named is not None:
                # One FTS5 expression, so the index hands over each level's matches newest first itself.
                joiner = "AND" if speaker_named else "NOT"
                positive = f"({positive}) {joiner} ({_fts5_speaker_named(parsed)})"
                level = Value(SPEAKER_NAMED if speaker_named else SPEAKER_NOT_NAMED, FloatField())
            if not ranked:
                return self.filter(_Fts5Member(positive)).annotate(search_rank=unranked)
            if level is None:
                level = models.Case(
                    models.When(_Fts5Match(_fts5_speaker_named(parsed)), then=Value(SPEAKER_NAMED)),
                    default=Value(SPEAKER_NOT_NAMED),
                    output_field=FloatField(),
                )
            # An inner join (isnull=False makes it one) lets SQLite drive the query from the FTS5 match.
            return (
                self.filter(search_entry__isnull=False)
                .filter(_fts5_joined_match(positive))
                .annotate(search_rank=level)
            )
        raise NotSupportedError(f"Quotation search supports PostgreSQL and SQLite, not {vendor}.")

    def with_highlights(self, query: str) -> QuoteQuerySet:
        """Annotate ``text_highlighted`` and ``speaker_highlighted``: raw text with sentinel markers.

        Pass them through ``render_highlight``. Use on a page of results: highlighting costs per row.
        """
        parsed = parse_query(query)
        vendor = connections[self.db].vendor
        if vendor == "postgresql" and parsed.groups:
            tsquery = _tsquery(parsed.groups)
            options = {"start_sel": HIGHLIGHT_START, "stop_sel": HIGHLIGHT_STOP, "highlight_all": True}
            return self.annotate(
                text_highlighted=SearchHeadline(
                    _without_sentinels(F("text")), tsquery, config=SEARCH_CONFIG, **options
                ),
                speaker_highlighted=SearchHeadline(
                    _without_sentinels(_speaker_name()), tsquery, config=SEARCH_CONFIG, **options
                ),
            )
        if vendor == "sqlite" and parsed.fts5_positive():
            positive = parsed.fts5_positive()
            return self.annotate(
                text_highlighted=_Fts5Highlight(positive, 0),
                speaker_highlighted=_Fts5Highlight(positive, 1),
            )
        return self.annotate(
            text_highlighted=_without_sentinels(F("text")), speaker_highlighted=_speaker_name()
        )


def render_highlight(raw: str | None) -> SafeString:
    """HTML for text the database highlighted: the text escaped, only the match markers made ``<mark>``."""
    html = escape(raw or "")
    html = html.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    return mark_safe(html)  # escaped above; the only markup added is our own <mark>


# pg_trgm's default word-similarity threshold (0.6) misses one-letter typos in short names: "Gabuyev"
# scores 0.5 against "Alexander Gabuev".
NAME_SIMILARITY_THRESHOLD = 0.4


def search_names(queryset: models.QuerySet, query: str, *, limit: int = 5) -> list:
    """Up to ``limit`` people or organisations whose name or an alias resembles ``query``, best first.

    PostgreSQL: trigram word similarity through the GIN trigram indexes (the ``%>`` operator, with the
    threshold set for this transaction only), so typos still find the name ("Gabuyev" finds Gabuev).
    SQLite has no trigram similarity: every word of the query must occur in the name or an alias.
    """
    return search_speakers(query, querysets=(queryset,), limit=limit)[0]


def search_speakers(query: str, *, querysets: tuple[models.QuerySet, ...], limit: int = 5) -> list[list]:
    """``search_names`` for each of ``querysets``, in one transaction on PostgreSQL: the search page
    suggests people and organisations."""
    parsed = parse_query(query)
    text = " ".join(parsed.terms)
    if not text:
        return [[] for _queryset in querysets]
    using = querysets[0].db
    if connections[using].vendor != "postgresql":
        return [_names_containing(queryset, text, limit) for queryset in querysets]
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        # Both for this transaction only. The planner prices word_similarity like any operator and
        # reads a small table through instead of the index, comparing the query with every name:
        # 12 ms for 1,666 organisations, against 0.3 ms through the trigram index.
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true), "
            "set_config('enable_seqscan', 'off', true)",
            [str(NAME_SIMILARITY_THRESHOLD)],
        )
        return [_names_similar(queryset, text, limit) for queryset in querysets]


def _names_similar(queryset: models.QuerySet, text: str, limit: int) -> list:
    # The names and the aliases, each answered by its own trigram index, in one IN (… UNION ALL …):
    # with an OR of two IN subqueries (or of conditions across the alias join) PostgreSQL compares the
    # query with every name.
    candidates = queryset.model._default_manager.all()
    aliases = queryset.model.aliases.rel
    alias_names = aliases.related_model._default_manager.filter(name__trigram_word_similar=text)
    matching = models.Q(
        pk__in=candidates.filter(name__trigram_word_similar=text)
        .values("pk")
        .union(alias_names.values(aliases.field.attname), all=True)
    )
    return list(
        queryset.filter(matching)
        .annotate(name_similarity=TrigramWordSimilarity(text, "name"))
        .order_by("-name_similarity", "name")[:limit]
    )


def _names_containing(queryset: models.QuerySet, text: str, limit: int) -> list:
    candidates = queryset.model._default_manager.all()
    condition = models.Q()
    for word in text.split():
        condition &= models.Q(name__icontains=word) | models.Q(aliases__name__icontains=word)
    return list(queryset.filter(pk__in=candidates.filter(condition).values("pk")).order_by("name")[:limit])
