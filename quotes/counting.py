"""Counting every match of a search: how many quotations and statements, and the facets' counts, exact up
to a bound (QUOTES_SEARCH_COUNTED_MATCHES, 100,000 unless set), an estimate above it that says it is one.

The search page counts the RECENT_MATCHES most recently added matches only, which keeps it quick: every
match it counts costs a read of its row, and rows of a common word lie on every page of the table (reading
86,000 matches' columns took 0.4 s on PostgreSQL and 0.7 s on SQLite at a million quotations, against
0.1 s for the whole search page). The count page (``/counts/``, ``/api/counts/``) pays that cost when it is
asked for: one read per set of filters, of the columns a facet needs, counted here in Python.

Above the bound the counts are of the ``bound`` most recently added matches, scaled to an estimate of every
match (their share of the ids they span, applied to every id: quotations arrive in no order of topic), and
rounded to two significant figures, which is all such an estimate knows.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db.models import Max, Min

from .models import Quote
from .public import FACET_TITLES, ORGANISATION, UNNAMED, Facet, QuoteSearch

# What a counted match is read as: a tuple of these, in this order.
COUNTED_FIELDS = (
    "id",
    "statement_id",
    "kind",
    "speaker_person_id",
    "speaker_person__kind",
    "speaker_organisation_id",
    "organisation_id",
    "article__publication_id",
    "published_at",
)
(_ID, _STATEMENT, _KIND, _PERSON, _PERSON_KIND, _SPEAKER_ORGANISATION, _ORGANISATION, _PUBLICATION, _DATE) = (
    range(len(COUNTED_FIELDS))
)


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


def _key(name: str) -> Callable[[tuple], object]:
    """What gives a counted match's value for the facet ``name``, as ``public._facet_key`` gives it for a
    recent match (so the facets are built alike)."""
    if name == "speaker_kind":

        def speaker_kind(row: tuple):
            if row[_PERSON]:
                return row[_PERSON_KIND]
            return ORGANISATION if row[_SPEAKER_ORGANISATION] else UNNAMED

        return speaker_kind
    if name == "organisation":
        return lambda row: row[_ORGANISATION] or row[_SPEAKER_ORGANISATION]
    if name == "year":
        return lambda row: row[_DATE].year if row[_DATE] else None
    column = {"person": _PERSON, "publication": _PUBLICATION, "kind": _KIND}
    return operator.itemgetter(column[name])


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
    one read of the matches per set of filters (the search's, and one without each chosen filter, for
    that filter's facet)."""
    bound = counted_matches_bound() if bound is None else bound
    counts, sampled = {}, {}
    overall = None
    for without in (None, *search.filters):
        rows = _read(search, without=without, bound=bound)
        counted = counted_over(
            found=len(rows), floor=rows[-1][_ID] if rows else 0, bound=bound, **_id_span(len(rows) > bound)
        )
        rows = rows[:bound]
        scale = 1.0 if counted.exact else counted.matching / counted.quotations
        names = [
            name
            for name, _ in FACET_TITLES
            if (name == without or (without is None and name not in search.filters))
        ]
        for name in names:
            counts[name] = _scaled(Counter(map(_key(name), rows)), scale)
            sampled[name] = not counted.exact
        if without is None:
            overall = counted
            statements = len({row[_STATEMENT] for row in rows})
            statements = statements if counted.exact else two_figures(round(statements * scale))
    facets = search.facets_of(counts, sampled=sampled, sample_size={name: bound for name, _ in FACET_TITLES})
    return MatchCounts(search=search, counted=overall, statements=statements, facets=facets)


def _id_span(wanted: bool) -> dict:
    """The lowest and the highest id of the quotation table, for an estimate (when ``wanted``). Asked
    for apart: SQLite reads a MIN or a MAX alone from the primary key, both at once by scanning it."""
    if not wanted:
        return {"lowest": None, "highest": None}
    return {
        "lowest": Quote.objects.aggregate(lowest=Min("id"))["lowest"],
        "highest": Quote.objects.aggregate(highest=Max("id"))["highest"],
    }


def _read(search: QuoteSearch, *, without: str | None, bound: int) -> list[tuple]:
    """The ``bound`` + 1 most recently added matches (without the filter ``without``), newest first."""
    try:
        return list(
            search.matching(without=without).order_by().values_list(*COUNTED_FIELDS).newest_first(bound + 1)
        )
    except EmptyResultSet:  # a search that can match nothing (no word to seek)
        return []


def _scaled(counts: Counter, scale: float) -> Counter:
    if scale == 1.0:
        return counts
    return Counter({key: two_figures(round(count * scale)) for key, count in counts.items()})
