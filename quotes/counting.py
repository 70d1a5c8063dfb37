"""Counting every match of a search: how many quotations and statements, and the facets' counts, exact up
to a bound (QUOTES_SEARCH_COUNTED_MATCHES, 100,000 unless set), an estimate above it that says it is one.

The search page counts the RECENT_MATCHES most recently added matches only, which keeps it quick: every
match it counts costs a read of its row, and rows of a common word lie on every page of the table (reading
86,000 matches' columns took 0.4 s on PostgreSQL and 0.7 s on SQLite at a million quotations, against
0.1 s for the whole search page). The count page (``/counts/``, ``/api/counts/``) pays that cost when it is
asked for: one statement per set of filters, which reads the columns a facet needs once and counts them
in the database (GROUP BY), never reading the matching rows into Python (half the time of counting them
here).

Above the bound the counts are of the ``bound`` most recently added matches, scaled to an estimate of every
match (their share of the ids they span, applied to every id: quotations arrive in no order of topic), and
rounded to two significant figures, which is all such an estimate knows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Max, Min

from .models import Quote
from .public import FACET_TITLES, ORGANISATION, UNNAMED, Facet, QuoteSearch

# What a counted match is read as, in this order (the names the counting statement gives them).
COUNTED_FIELDS = (
    ("id", "id"),
    ("statement_id", "statement_id"),
    ("kind", "kind"),
    ("speaker_person_id", "person"),
    ("speaker_person__kind", "person_kind"),
    ("speaker_organisation_id", "body"),
    ("organisation_id", "organisation"),
    ("article__publication_id", "publication"),
    ("published_at", "published_at"),
)
# Each facet's value of a counted match, in SQL over those names (the year is the database's own).
FACET_SQL = {
    "speaker_kind": f"CASE WHEN person IS NOT NULL THEN person_kind WHEN body IS NOT NULL "
    f"THEN '{ORGANISATION}' ELSE '{UNNAMED}' END",
    "person": "CAST(person AS TEXT)",
    "organisation": "CAST(COALESCE(organisation, body) AS TEXT)",
    "publication": "CAST(publication AS TEXT)",
    "year": {
        "postgresql": "CAST(CAST(EXTRACT(YEAR FROM published_at) AS INTEGER) AS TEXT)",
        "sqlite": "substr(published_at, 1, 4)",  # SQLite keeps a date as ISO text
    },
    "kind": "kind",
}
# The facets whose keys are ids or years, as public._facet_key gives them: integers.
NUMERIC_FACETS = ("person", "organisation", "publication", "year")


@dataclass(frozen=True)
class Counted:
    """What counts are over: every match (``exact``), or the ``quotations`` most recently added of about
    ``matching`` (an estimate, two significant figures)."""

    quotations: int
    exact: bool
    matching: int

    def as_dict(self) -> dict:
        return {"quotations": self.quotations, "exact": self.exact, "matching": self.matching}


def counted_over(*, found: int, floor: int, lowest: int | None, highest: int | None, bound: int) -> Counted:
    """What counts are over: ``found`` matches read, newest first (one more than ``bound`` when there are
    more; the oldest of them, with id ``floor``, is then left out), in a table whose ids run from
    ``lowest`` to ``highest``."""
    if found <= bound:
        return Counted(quotations=found, exact=True, matching=found)
    # The matches' share of the ids from the newest down to the oldest one counted, applied to every id.
    share = bound / max(highest - floor, 1)
    estimate = max(round(share * (highest - lowest + 1)), bound + 1)
    return Counted(quotations=bound, exact=False, matching=two_figures(estimate))


def two_figures(number: int) -> int:
    """``number`` rounded to two significant figures (318,442 -> 320,000): no more is known."""
    digits = len(str(number))
    if digits <= 2:
        return number
    unit = 10 ** (digits - 2)
    return round(number / unit) * unit


def counted_matches_bound() -> int:
    """How many matches, the most recently added, a count reads at most (settings)."""
    return settings.QUOTES_SEARCH_COUNTED_MATCHES


@dataclass
class MatchCounts:
    """A search's matches counted: quotations and statements (``estimated``: scaled from the most recently
    added ``counted.quotations``), and its facets, each counted with the other filters applied."""

    search: QuoteSearch
    counted: Counted
    statements: int
    facets: list[Facet] = field(default_factory=list)

    @property
    def estimated(self) -> bool:
        return not self.counted.exact

    @property
    def quotations(self) -> int:
        return self.counted.matching


def count_matches(search: QuoteSearch, *, bound: int | None = None) -> MatchCounts:
    """Count every match of ``search`` up to ``bound`` (QUOTES_SEARCH_COUNTED_MATCHES), and its facets:
    one statement per set of filters (the search's, and one without each chosen filter, for that
    filter's facet)."""
    bound = counted_matches_bound() if bound is None else bound
    counts, sampled = {}, {}
    overall, statements = None, 0
    span = {}  # the ids' span, read once, when a read passes the bound
    for without in (None, *search.filters):
        names = [
            name
            for name, _ in FACET_TITLES
            if name == without or (without is None and name not in search.filters)
        ]
        found, floor, distinct, facet_counts = _count(search, without=without, names=names, bound=bound)
        if found > bound and not span:
            span = _id_span()
        counted = counted_over(
            found=found, floor=floor, bound=bound, lowest=span.get("lowest"), highest=span.get("highest")
        )
        scale = 1.0 if counted.exact else counted.matching / counted.quotations
        for name in names:
            counts[name] = _scaled(facet_counts[name], scale)
            sampled[name] = not counted.exact
        if without is None:
            overall = counted
            statements = distinct if counted.exact else two_figures(round(distinct * scale))
    facets = search.facets_of(counts, sampled=sampled, sample_size={name: bound for name, _ in FACET_TITLES})
    return MatchCounts(search=search, counted=overall, statements=statements, facets=facets)


def _id_span() -> dict:
    """The lowest and the highest id of the quotation table, for an estimate. Asked for apart: SQLite reads
    a MIN or a MAX alone from the primary key, both at once by scanning it."""
    return {
        "lowest": Quote.objects.aggregate(lowest=Min("id"))["lowest"],
        "highest": Quote.objects.aggregate(highest=Max("id"))["highest"],
    }


def _count(
    search: QuoteSearch, *, without: str | None, names: list[str], bound: int
) -> tuple[int, int, int, dict[str, Counter]]:
    """The ``bound`` + 1 most recently added matches (without the filter ``without``) counted in one
    statement: how many were read, the id of the oldest when it is one too many (else 0), the distinct
    statements of the others, and their counts per value of each facet in ``names``."""
    counted = {name: Counter() for name in names}
    try:
        sql, params = (
            search.matching(without=without)
            .order_by()
            .values_list(*(field for field, _name in COUNTED_FIELDS))
            .newest_first(bound + 1)
            .query.sql_with_params()
        )
    except EmptyResultSet:  # a search that can match nothing (no word to seek)
        return 0, 0, 0, counted
    connection = connections[Quote.objects.db]
    columns = ", ".join(name for _field, name in COUNTED_FIELDS)
    parts = [
        "SELECT 'found', NULL, found, floor FROM bound",
        "SELECT 'statements', NULL, COUNT(DISTINCT statement_id), NULL FROM m",
    ]
    for name in names:
        value = FACET_SQL[name]
        if isinstance(value, dict):
            value = value[connection.vendor]
        parts.append(f"SELECT '{name}', {value}, COUNT(*), NULL FROM m GROUP BY {value}")
    # The matches are read once into ``read``; ``bound`` tells whether the oldest read is one too many,
    # ``m`` leaves it out; every count is of ``m``.
    statement = f"""
        WITH read ({columns}) AS MATERIALIZED ({sql}),
        bound AS (
            SELECT COUNT(*) AS found, CASE WHEN COUNT(*) > %s THEN MIN(id) ELSE 0 END AS floor FROM read
        ),
        m AS MATERIALIZED (SELECT read.* FROM read, bound WHERE read.id > bound.floor)
        {" UNION ALL ".join(parts)}
    """
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, bound])
        rows = cursor.fetchall()
    found = floor = distinct = 0
    for part, key, count, extra in rows:
        if part == "found":
            found, floor = count, extra
        elif part == "statements":
            distinct = count
        elif key is not None:
            counted[part][int(key) if part in NUMERIC_FACETS else key] = count
    return found, floor, distinct, counted


def _scaled(counts: Counter, scale: float) -> Counter:
    if scale == 1.0:
        return counts
    return Counter({key: two_figures(round(count * scale)) for key, count in counts.items()})
