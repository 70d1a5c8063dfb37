"""What the public pages, the JSON API and the exports share: the search parameters, filters, facets,
a stable order with opaque cursors, the article text cut into marked segments, and the shapes of a
quotation in JSON and CSV.

Views stay thin: they parse a request into a ``QuoteSearch`` and render what it returns.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import itertools
import json
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.http import HttpRequest
from django.urls import reverse

from articles.models import Publication

from .models import Organisation, Person, PersonKind, Quote, QuoteKind, QuoteStatus
from .search import SPEAKER_NAMED, SPEAKER_NOT_NAMED, QuoteQuerySet

UNNAMED = "unnamed"
ORGANISATION = "organisation"
SPEAKER_KIND_LABELS = {
    PersonKind.EXPERT: "Experts",
    PersonKind.OFFICIAL: "Officials",
    PersonKind.JOURNALIST: "Journalists",
    PersonKind.OTHER: "Other people",
    ORGANISATION: "Organisations speaking as such",
    UNNAMED: "Unnamed sources",
}
FACET_SIZE = 10
# A search reads at most this many matches, the most recently added (highest id) first: the count and the
# facets come from them, and the search page lists no more (QUOTES_MAX_PAGE pages of 20). Relevance covers
# every match: each level of its order is read newest first on its own (QuoteSearch.ranked).
RECENT_MATCHES = 1000
# A chosen filter's facet lists the other values it could be swapped for, counted over this many of the
# matches without that filter: a second read, so a smaller one.
OTHER_VALUES_SAMPLE = 250
# Filters that leave a small share of the collection: one person, organisation, publication or year. With
# words as well, the newest slice that PostgreSQL reads first would need one match in RECENT_SLICE of the
# newest quotations (a word in 30% and a year in 15% leave 4.5%): it seldom fills, and such a search reads
# every match at once rather than the slice in vain (15-20 ms at a million quotations).
NARROWING_FILTERS = ("person", "organisation", "publication", "year")
FACET_TITLES = (
    ("speaker_kind", "Speaker"),
    ("person", "Person"),
    ("organisation", "Organisation"),
    ("publication", "Publication"),
    ("year", "Year"),
    ("kind", "Quotation kind"),
)
# What a recent match is read with: ids and plain values, so the read stays narrow; the names of the few
# values a facet shows are read afterwards (QuoteSearch.facets).
FACET_FIELDS = (
    "kind",
    "speaker_person_id",
    "speaker_person__kind",
    "speaker_organisation_id",
    "organisation_id",
    "article__publication_id",
    "published_at",
)
RECENT_FIELDS = ("id", "statement_id", *FACET_FIELDS)


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", "Relevance"
    NEWEST = "newest", "Newest first"


class InvalidSearch(ValueError):
    """Search parameters that cannot be used; the message says which, in one line."""


class QuoteSearchForm(forms.Form):
    q = forms.CharField(required=False, label="Search quotations and speakers")
    speaker_kind = forms.ChoiceField(
        required=False, label="Speaker", choices=[("", "Any speaker"), *SPEAKER_KIND_LABELS.items()]
    )
    person = forms.SlugField(required=False, label="Person")
    organisation = forms.SlugField(required=False, label="Organisation")
    # At most the largest 64-bit id: SQLite cannot even compare a larger number with a column (a 500).
    publication = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, label="Publication")
    year = forms.IntegerField(required=False, min_value=1, max_value=9999, label="Year")
    kind = forms.ChoiceField(
        required=False, label="Quotation kind", choices=[("", "Any kind"), *QuoteKind.choices]
    )
    sort = forms.ChoiceField(required=False, label="Sort by", choices=SortOrder.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A long query is many terms to match; the cap is a setting, read per request.
        self.fields["q"].max_length = settings.QUOTES_QUERY_MAX_CHARS
        self.fields["q"].validators.append(MaxLengthValidator(settings.QUOTES_QUERY_MAX_CHARS))


FILTER_NAMES = ("speaker_kind", "person", "organisation", "publication", "year", "kind")


_NOTHING = Q(pk__in=[])  # a filter for a person or an organisation that does not exist


def _filter_condition(name: str, value) -> Q:
    if name == "speaker_kind":
        if value == ORGANISATION:
            return Q(speaker_person__isnull=True, speaker_organisation__isnull=False)
        if value == UNNAMED:
            return Q(speaker_person__isnull=True, speaker_organisation__isnull=True)
        return Q(speaker_person__kind=value)
    if name == "person":
        # By the person's id, read first: a join on the slug would leave PostgreSQL's planner guessing how
        # many quotations the person has, and a prolific speaker then costs a slow plan.
        person_id = Person.objects.filter(slug=value).values_list("pk", flat=True).first()
        return Q(speaker_person_id=person_id) if person_id is not None else _NOTHING
    if name == "organisation":
        organisation_id = Organisation.objects.filter(slug=value).values_list("pk", flat=True).first()
        if organisation_id is None:
            return _NOTHING
        return Q(organisation_id=organisation_id) | Q(speaker_organisation_id=organisation_id)
    if name == "publication":
        return Q(article__publication_id=value)
    if name == "year":
        return Q(published_at__year=value)
    if name == "kind":
        return Q(kind=value)
    raise ValueError(f"unknown filter {name}")


def _facet_key(name: str) -> Callable[[dict], object]:
    """What gives a recent match's value for the facet ``name`` (an id for people, organisations and
    publications; None when it has none). A facet of one column reads it with ``itemgetter``, so counting
    a thousand rows runs in C."""
    if name == "speaker_kind":

        def speaker_kind(row: dict):
            if row["speaker_person_id"]:
                return row["speaker_person__kind"]
            return ORGANISATION if row["speaker_organisation_id"] else UNNAMED

        return speaker_kind
    if name == "organisation":
        return lambda row: row["organisation_id"] or row["speaker_organisation_id"]
    if name == "year":
        return lambda row: row["published_at"].year if row["published_at"] else None
    column = {"person": "speaker_person_id", "publication": "article__publication_id", "kind": "kind"}
    if name in column:
        return operator.itemgetter(column[name])
    raise ValueError(f"unknown facet {name}")


def _facet_labels(keys: dict[str, list]) -> dict[tuple[str, object], tuple[str, str]]:
    """(facet, key) -> (the value a link filters by, its label), for the keys each facet shows. The facets
    that count by id are named in one query (a UNION ALL of one SELECT per model)."""
    named = {
        "person": (Person, F("slug")),
        "organisation": (Organisation, F("slug")),
        # The id is the value a publication link filters by, as text like a slug so the SELECTs unite.
        "publication": (Publication, Cast("pk", models.CharField())),
    }
    wanted = [
        model.objects.filter(pk__in=shown)
        .order_by()
        .annotate(facet=Value(name), link_value=value)
        .values_list("facet", "pk", "link_value", "name")
        for name, (model, value) in named.items()
        if (shown := keys.get(name))
    ]
    labels = {}
    if wanted:
        first, *others = wanted
        for name, pk, value, label in first.union(*others, all=True):
            labels[name, pk] = (int(value) if name == "publication" else value, label)
    for name, shown in keys.items():
        if name == "speaker_kind":
            labels |= {(name, key): (key, SPEAKER_KIND_LABELS.get(key, key)) for key in shown}
        elif name == "year":
            labels |= {(name, key): (key, str(key)) for key in shown}
        elif name == "kind":
            labels |= {(name, key): (key, QuoteKind(key).label) for key in shown}
    return labels


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    name: str
    title: str
    values: list[FacetValue] = field(default_factory=list)
    sampled: bool = False  # counted over the most recently added matches only
    sample_size: int = RECENT_MATCHES


@dataclass
class ActiveFilter:
    name: str
    value: str
    title: str
    label: str
    url: str


@dataclass
class Page:
    """One page of a cursor-paged listing."""

    items: list
    next_cursor: str | None


@dataclass
class QuoteSearch:
    query: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = SortOrder.RELEVANCE
    # recent_matches() per left-out filter (None: none left out), read at most once each.
    _recent: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # Each filter's condition, which for a person or an organisation holds its id, read once.
    _conditions: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_params(cls, params) -> QuoteSearch:
        return cls.from_form(QuoteSearchForm(params))

    @classmethod
    def from_form(cls, form: QuoteSearchForm) -> QuoteSearch:
        """The search a bound form describes; InvalidSearch when it is not valid."""
        if not form.is_valid():
            name, errors = next(iter(form.errors.items()))
            raise InvalidSearch(f"{name}: {errors[0]}")
        data = form.cleaned_data
        filters = {name: data[name] for name in FILTER_NAMES if data[name] not in (None, "")}
        query = data["q"].strip()
        sort = data["sort"] or (SortOrder.RELEVANCE if query else SortOrder.NEWEST)
        return cls(query=query, filters=filters, sort=sort)

    @property
    def by_relevance(self) -> bool:
        return bool(self.query) and self.sort == SortOrder.RELEVANCE

    # -- what matches ----------------------------------------------------------------------------------

    def matching(
        self, *, without: str | None = None, ranked: bool = True, speaker_named: bool | None = None
    ) -> QuoteQuerySet:
        """The public quotations this search finds; ``without`` leaves one filter out (for its facet).
        Not ``ranked``: for the newest order, which needs no rank. ``speaker_named``: one level of the
        relevance order only (see quotes/search.py)."""
        queryset = Quote.objects.public()
        if self.query:
            queryset = queryset.search(self.query, ranked=ranked, speaker_named=speaker_named)
        for name, value in self.filters.items():
            if name != without:
                if name not in self._conditions:
                    self._conditions[name] = _filter_condition(name, value)
                queryset = queryset.filter(self._conditions[name])
        return queryset

    def recent_matches(self, *, without: str | None = None) -> list[dict]:
        """The RECENT_MATCHES most recently added matches, highest id first, as rows of ``id``,
        ``statement_id`` and FACET_FIELDS. ``without`` leaves a chosen filter out, for its facet (then
        OTHER_VALUES_SAMPLE of them).

        Read once per search and set of filters: the listing, the count and the facets share the rows.
        """
        return self._read_recent(without)[0]

    def more_than_recent(self, *, without: str | None = None) -> bool:
        """Whether more quotations match than the recent matches hold."""
        return self._read_recent(without)[1]

    @property
    def every_match_is_recent(self) -> bool:
        return not self.more_than_recent()

    def sample_size(self, *, without: str | None = None) -> int:
        return OTHER_VALUES_SAMPLE if without in self.filters else RECENT_MATCHES

    def _read_recent(self, without: str | None) -> tuple[list[dict], bool]:
        if without not in self.filters:
            without = None
        if without not in self._recent:
            fields = list(RECENT_FIELDS)
            if self.by_relevance and without is None:
                fields.append("search_rank")
            size = self.sample_size(without=without)
            # One more than the sample holds tells whether there are more. A chosen filter's other values
            # are counted among the newest quotations only, in a time with a bound.
            narrowed = any(name in self.filters for name in NARROWING_FILTERS if name != without)
            rows, partial = (
                self.matching(without=without)
                .values(*fields)
                .most_recently_added(
                    size + 1,
                    complete=without is None,
                    newest_slice_first=not (self.query and narrowed),
                    within_window=True,
                )
            )
            self._recent[without] = (rows[:size], partial or len(rows) > size)
        return self._recent[without]

    def ranked(self, limit: int) -> list[dict]:
        """The first ``limit`` matches in relevance order (see quotes/search.py), as rows of at least
        ``search_rank``, ``id`` and ``statement_id``: those whose speaker the words name, most recently added
        first, then the others, most recently added first. Every match is in the order, however old (a
        named speaker's oldest quotation comes before the others' newest).

        From the recent matches when they hold every match; otherwise the named speakers' are read newest
        first up to ``limit``, and the others are the recent matches' others (the most recently added of
        them), read on their own only when those are too few.
        """
        recent = self.recent_matches()
        if not self.more_than_recent():
            return sorted(recent, key=_relevance_key, reverse=True)[:limit]
        named = self._level_rows(SPEAKER_NAMED, limit)
        wanted = limit - len(named)
        others = [row for row in recent if row["search_rank"] == SPEAKER_NOT_NAMED][:wanted]
        if len(others) < wanted:
            others = self._level_rows(SPEAKER_NOT_NAMED, wanted)
        return named + others

    def _level_rows(self, level: float, limit: int, *, older_than: int | None = None) -> list[dict]:
        """The matches on one level of the relevance order, most recently added first (those added before
        the quotation ``older_than`` when given), at most ``limit``, as rows of ``search_rank``, ``id`` and
        ``statement_id``."""
        queryset = self.matching(speaker_named=level == SPEAKER_NAMED)
        if queryset.query.is_empty():  # (no speaker named: nothing to read)
            return []
        if older_than is not None:
            queryset = queryset.filter(id__lt=older_than)
        # Narrow: a join (the facet fields) would be made for every match of the level before the limit.
        # Read as the recent matches are (the newest slice, then the span it foretells): by newest_first,
        # PostgreSQL's planner, misjudging a named speaker's matches as few, read every one of them (at
        # ten million quotations 17,900 for `gabuev russia`, 117 ms) instead of walking from the newest.
        return queryset.values("search_rank", "id", "statement_id").most_recently_added(limit)[0]

    def newest_from_recent(self) -> list[dict] | None:
        """When words are sought and every match is among the recent ones, the matches newest first, sorted
        from the recent rows (the database need not plan a date order over a search, which it may read by
        walking every article); None otherwise."""
        if not self.query or not self.every_match_is_recent:
            return None
        return sorted(self.recent_matches(), key=_newest_key, reverse=True)

    def ordered(self) -> QuoteQuerySet:
        """Matching quotations newest first, then by id: a stable, total order (the newest sort)."""
        # Ordered by the column itself rather than a coalesced date (the same order: undated last), so the
        # newest quotations come straight from the quotation's publication-date index.
        return self.matching(ranked=False).order_by(F("published_at").desc(nulls_last=True), "-id")

    def results(self) -> QuoteQuerySet:
        """``ordered()`` with everything a result shows: related rows and highlights."""
        return self.ordered().for_display().with_highlights(self.query)

    def displayed(self, ids: list[int], *, highlighted: bool = True) -> list[Quote]:
        """The quotations ``ids``, in that order, with everything a result shows."""
        if not ids:
            return []
        # Unordered: the rows are put in the order of ``ids`` here, and the model's default order costs
        # the database a sort and the ORM a comparison of every highlight expression with it.
        queryset = Quote.objects.filter(pk__in=ids).order_by().for_display()
        if highlighted:
            queryset = queryset.with_highlights(self.query)
        by_id = {quote.pk: quote for quote in queryset}
        return [by_id[pk] for pk in ids]

    def parts_in_order(self, *, limit: int | None = None) -> list[QuoteQuerySet]:
        """The first ``limit`` matches (all when None) in the search's order, as querysets to read one after
        the other, each in its SQL order: the two levels of relevance, or one newest first. Each is sliced
        so that the limit goes into its SQL (without it a database may sort every row first); a part the
        limit does not reach is left out."""
        if self.by_relevance:
            parts = [self.matching(speaker_named=named).recently_added_first() for named in (True, False)]
        else:
            parts = [self.ordered()]
        if limit is None:
            return parts
        within = []
        for number, part in enumerate(parts, start=1):
            if limit <= 0:
                break
            within.append(part[:limit])
            if number < len(parts):
                limit -= part[:limit].count()
        return within

    def rows_in_order(
        self, rows_of: Callable[[QuoteQuerySet], models.QuerySet], *, limit: int | None = None
    ) -> Iterator[tuple]:
        """The first ``limit`` matches (all when None) as the rows ``rows_of`` makes of a queryset (a
        ``values_list`` whose first column is the id), in the search's order, read in chunks so memory
        stays flat (exports)."""
        for part in self.parts_in_order(limit=limit):
            yield from rows_of(part).iterator(chunk_size=EXPORT_CHUNK_SIZE)

    def values_in_order(self, *fields: str, limit: int | None = None) -> Iterator[tuple]:
        """The first ``limit`` matches' ``fields`` in the search's order (see ``rows_in_order``)."""
        for row in self.rows_in_order(lambda queryset: queryset.values_list("id", *fields), limit=limit):
            yield row[1:]

    # -- cursors ---------------------------------------------------------------------------------------

    def page_after(self, cursor: str | None, *, limit: int) -> Page:
        """``limit`` results after the position ``cursor`` (from the page before; None: the first)."""
        if self.by_relevance:
            return self._ranked_page_after(cursor, limit=limit)
        newest = self.newest_from_recent()
        if newest is not None:
            position = 0
            if cursor:
                after = tuple(self._decode_cursor(cursor, ranked=False))
                position = _position_after(newest, _newest_key, after)
            rows = newest[position : position + limit + 1]
            quotes = self.displayed([row["id"] for row in rows[:limit]], highlighted=False)
            next_cursor = None
            if len(rows) > limit:
                next_cursor = self._newest_cursor(*_newest_key(rows[limit - 1]))
            return Page(quotes, next_cursor)
        queryset = self.ordered().annotate(sort_date=Coalesce("published_at", Value(datetime.date.min)))
        if cursor:
            sort_date, pk = self._decode_cursor(cursor, ranked=False)
            queryset = queryset.filter(Q(sort_date__lt=sort_date) | Q(sort_date=sort_date, id__lt=pk))
        rows = list(queryset.for_display()[: limit + 1])
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = self._newest_cursor(rows[-1].sort_date, rows[-1].pk)
        return Page(rows, next_cursor)

    def _newest_cursor(self, sort_date: datetime.date, pk: int) -> str:
        # The position after a result in the newest order, however the page was read (from the recent
        # matches or from the database): the same key, so a cursor from one goes on in the other.
        return encode_cursor([self.sort, sort_date.isoformat(), pk])

    def _ranked_page_after(self, cursor: str | None, *, limit: int) -> Page:
        # Each level newest first, from the cursor's position (its level and the id of the last given).
        level, older_than = SPEAKER_NAMED, None
        if cursor:
            level, older_than = self._decode_cursor(cursor, ranked=True)
        # The positions are read narrow, then the page's quotations with everything they show.
        rows: list[dict] = []
        for current in (SPEAKER_NAMED, SPEAKER_NOT_NAMED):
            if current > level:
                continue
            after = older_than if current == level else None
            rows += self._level_rows(current, limit + 1 - len(rows), older_than=after)
            if len(rows) > limit:
                break
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = encode_cursor([self.sort, rows[-1]["search_rank"], rows[-1]["id"]])
        return Page(self.displayed([row["id"] for row in rows], highlighted=False), next_cursor)

    def _decode_cursor(self, cursor: str, *, ranked: bool) -> list:
        """The position in a cursor of this search's order: [level, id] when ranked, else [sort date, id]."""
        try:
            sort, head, pk = decode_cursor(cursor)
            if sort != self.sort or not isinstance(pk, int) or isinstance(pk, bool):
                raise ValueError
            if not ranked:
                return [datetime.date.fromisoformat(head), pk]
            if isinstance(head, bool) or head not in (SPEAKER_NAMED, SPEAKER_NOT_NAMED):
                raise ValueError
            return [float(head), pk]
        except (ValueError, TypeError):
            raise InvalidSearch("cursor: not a cursor from this search; start again without it") from None

    # -- facets and links ------------------------------------------------------------------------------

    def facets(self) -> list[Facet]:
        """Counts per value of each filter, each counted with the other filters applied (not its own),
        so a chosen value can be swapped for another.

        Counted in Python over the recent matches (one query per distinct set of filters, the one the
        results use included), then the names of the values shown read in one query per facet that needs
        them: exact whenever fewer quotations match than the sample holds, bounded in cost when a common
        word matches a large part of the collection (``Facet.sampled`` says so). quotes/counting.py counts
        every match instead, up to a larger bound, for the page that asks for it.
        """
        counts = {
            name: Counter(map(_facet_key(name), self.recent_matches(without=name)))
            for name, _ in FACET_TITLES
        }
        return self.facets_of(
            counts,
            sampled={name: self.more_than_recent(without=name) for name, _ in FACET_TITLES},
            sample_size={name: len(self.recent_matches(without=name)) for name, _ in FACET_TITLES},
        )

    def facets_of(
        self, counts: dict[str, Counter], *, sampled: dict[str, bool], sample_size: dict[str, int]
    ) -> list[Facet]:
        """The facets of ``counts`` (facet name -> Counter of its keys, as ``_facet_key`` gives them):
        the FACET_SIZE values counted most (years newest first), named, each with the link that chooses
        it or, chosen, removes it."""
        shown = {}
        for name, _title in FACET_TITLES:
            counted = Counter(counts[name])
            counted.pop(None, None)
            if name == "year":
                shown[name] = sorted(counted.items(), reverse=True)[:FACET_SIZE]
            else:
                shown[name] = sorted(counted.items(), key=lambda item: (-item[1], str(item[0])))[:FACET_SIZE]
        labels = _facet_labels({name: [key for key, _count in top] for name, top in shown.items()})
        facets = []
        for name, title in FACET_TITLES:
            facet = Facet(name=name, title=title, sampled=sampled[name], sample_size=sample_size[name])
            selected = self.filters.get(name)
            for key, count in shown[name]:
                if (name, key) not in labels:  # deleted since it was counted
                    continue
                value, label = labels[name, key]
                is_selected = selected is not None and str(selected) == str(value)
                facet.values.append(
                    FacetValue(
                        value=str(value),
                        label=label,
                        count=count,
                        selected=is_selected,
                        url="?" + self.querystring(**{name: None if is_selected else value}),
                    )
                )
            facets.append(facet)
        return facets

    def active_filters(self, facets: list[Facet]) -> list[ActiveFilter]:
        """The filters in use, labelled as their facets label them, each with a link that removes it."""
        by_name = {facet.name: facet for facet in facets}
        active = []
        for name, value in self.filters.items():
            facet = by_name[name]
            label = next((item.label for item in facet.values if item.selected), str(value))
            url = "?" + self.querystring(**{name: None})
            active.append(ActiveFilter(name=name, value=str(value), title=facet.title, label=label, url=url))
        return active

    def params(self, **changes) -> dict:
        """The search as URL parameters, with ``changes`` applied (None removes one)."""
        params = {"q": self.query, **self.filters}
        if self.sort != (SortOrder.RELEVANCE if self.query else SortOrder.NEWEST):
            params["sort"] = self.sort
        params.update(changes)
        return {key: value for key, value in params.items() if value not in (None, "")}

    def querystring(self, **changes) -> str:
        return urlencode(self.params(**changes))


def encode_cursor(payload: list) -> str:
    """An opaque, URL-safe cursor for the position ``payload`` (JSON-serialisable values)."""
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list:
    """The payload of ``encode_cursor``; ValueError for anything else."""
    try:
        payload = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode()))
    except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError("not a cursor") from error
    if not isinstance(payload, list):
        raise ValueError("not a cursor")
    return payload


def _position_after(rows: list[dict], key: Callable[[dict], tuple], after: tuple) -> int:
    """Where the rows (in descending order of ``key``) go on after the cursor position ``after``."""
    return next((index for index, row in enumerate(rows) if key(row) < after), len(rows))


def _newest_key(row: dict) -> tuple:
    # The newest order's key, as the database orders and the cursors hold it: undated last.
    return (row["published_at"] or datetime.date.min, row["id"])


def _relevance_key(row: dict) -> tuple:
    return (row["search_rank"], row["id"])


class SearchResults:
    """A search's results as Django's Paginator takes them, one per statement: a statement reported by
    several quotations is listed once, at its first report in the search's order. Counted among the recent
    matches (so the count costs no query of its own and stops at RECENT_MATCHES), each slice fetched with
    everything a result shows and its statement's other reports (``attach_reports``: one query a page).
    By relevance the slices come from ``QuoteSearch.ranked``; newest first, from the recent matches or the
    database's date order, where a statement is listed once within a page. (The API and the downloads go
    on past RECENT_MATCHES.)
    """

    def __init__(self, search: QuoteSearch) -> None:
        self.search = search

    def count(self) -> int:
        return len(one_per_statement(self.search.recent_matches()))

    def __len__(self) -> int:
        return self.count()

    @property
    def capped(self) -> bool:
        """Whether more quotations match than the count says."""
        return self.search.more_than_recent()

    def __getitem__(self, index: slice) -> list[Quote]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("search results are read in slices")
        start, stop = index.start or 0, index.stop
        search = self.search
        if not search.by_relevance:
            newest = search.newest_from_recent()
            if newest is None:
                quotes = list(search.results()[start:stop])
                seen: set[int] = set()
                quotes = [q for q in quotes if not (q.statement_id in seen or seen.add(q.statement_id))]
                return attach_reports(quotes)
            rows = one_per_statement(newest)
            return attach_reports(search.displayed([row["id"] for row in rows[start:stop]]))
        # The statements of a prefix of the order are a prefix of the whole order's: read a longer prefix
        # until it holds enough of them (rarely twice).
        limit = 2 * stop
        while True:
            ranked = search.ranked(limit)
            rows = one_per_statement(ranked)
            if len(rows) >= stop or len(ranked) < limit:
                break
            limit *= 2
        return attach_reports(search.displayed([row["id"] for row in rows[start:stop]]))


def one_per_statement(rows: list[dict]) -> list[dict]:
    """The rows in their order, a statement's first row only."""
    seen: set[int] = set()
    kept = []
    for row in rows:
        if row["statement_id"] not in seen:
            seen.add(row["statement_id"])
            kept.append(row)
    return kept


# Most reports a listed statement names; the count says how many there are.
REPORTS_LISTED = 12


def attach_reports(quotes: list[Quote]) -> list[Quote]:
    """Give each quotation of several reports its statement's public reports, earliest first
    (``listed_reports``, at most REPORTS_LISTED): one query for a whole page."""
    shared = {quote.statement_id for quote in quotes if quote.statement.report_count > 1}
    reports: dict[int, list[Quote]] = {}
    if shared:
        rows = (
            Quote.objects.public()
            .filter(statement_id__in=shared)
            .select_related("article__publication")
            .only(
                "id",
                "statement_id",
                "article_id",
                "published_at",
                "article__title",
                "article__source_name",
                "article__published_at",
                "article__publication__name",
            )
            .order_by(F("published_at").asc(nulls_last=True), "id")
        )
        for row in rows:
            reports.setdefault(row.statement_id, []).append(row)
    for quote in quotes:
        quote.listed_reports = reports.get(quote.statement_id, [])[:REPORTS_LISTED]
    return quotes


# -- the article text, with every quotation marked ------------------------------------------------------


@dataclass
class Segment:
    """A stretch of an article paragraph covered by the same quotations."""

    text: str
    quotes: list = field(default_factory=list)
    starting: list = field(default_factory=list)
    ending: list = field(default_factory=list)


def article_paragraphs(body: str, quotes: Iterable[Quote]) -> list[list[Segment]]:
    """The article body as paragraphs of segments, each knowing the quotations that cover, start or end
    in it. Quotations may overlap (a mixed quotation around a direct one) and may cross paragraphs."""
    quotes = sorted(quotes, key=lambda quote: (quote.start, -quote.end))
    paragraphs = []
    position = 0
    for line in body.split("\n"):
        line_start, line_end = position, position + len(line)
        position = line_end + 1
        if not line.strip():
            continue
        cuts = {line_start, line_end}
        for quote in quotes:
            cuts.update(cut for cut in (quote.start, quote.end) if line_start < cut < line_end)
        bounds = sorted(cuts)
        segments = []
        for start, end in itertools.pairwise(bounds):
            covering = [quote for quote in quotes if quote.start <= start and quote.end >= end]
            segments.append(
                Segment(
                    text=body[start:end],
                    quotes=covering,
                    starting=[quote for quote in covering if quote.start == start],
                    ending=[quote for quote in covering if quote.end == end],
                )
            )
        paragraphs.append(segments)
    return paragraphs


# -- shapes for the API and the exports ------------------------------------------------------------------


def speaker_dict(quote: Quote) -> dict | None:
    if quote.speaker_person_id:
        person = quote.speaker_person
        return {"type": "person", "name": person.name, "slug": person.slug, "kind": person.kind}
    if quote.speaker_organisation_id:
        organisation = quote.speaker_organisation
        return {
            "type": "organisation",
            "name": organisation.name,
            "slug": organisation.slug,
            "kind": organisation.kind,
        }
    return None


def quote_dict(quote: Quote, *, base_url: str) -> dict:
    """A quotation as the API and the JSON export give it; ``base_url`` makes links absolute."""
    article = quote.article
    organisation = quote.organisation
    return {
        "id": quote.pk,
        "text": quote.text,
        "kind": quote.kind,
        "status": quote.status,
        "speaker": speaker_dict(quote),
        "speaker_mention": quote.speaker_mention,
        "role": quote.role,
        "organisation": {"name": organisation.name, "slug": organisation.slug} if organisation else None,
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "publication": article.publication.name if article.publication else "",
            "published_at": article.published_at.isoformat() if article.published_at else None,
            "source": article.source_name,
        },
        "start": quote.start,
        "end": quote.end,
        "url": f"{base_url}{quote_url(quote)}",
        **statement_fields(quote),
    }


def statement_fields(quote: Quote) -> dict:
    """The quotation's statement as the API and the exports give it (``for_display`` reads it)."""
    statement = quote.statement
    first = statement.first_quote or quote
    article = first.article
    return {
        "statement_id": statement.pk,
        "statement_report_count": statement.report_count,
        "statement_first_report": {
            "quote_id": first.pk,
            "article_id": article.pk,
            "outlet": article.publication.name if article.publication else "",
            "published": article.published_at.isoformat() if article.published_at else None,
        },
    }


def quote_url(quote: Quote) -> str:
    return reverse("article_detail", kwargs={"pk": quote.article_id}) + f"#q{quote.pk}"


CSV_COLUMNS = [
    "id",
    "text",
    "kind",
    "status",
    "speaker_type",
    "speaker_name",
    "speaker_slug",
    "speaker_kind",
    "speaker_mention",
    "role",
    "organisation_name",
    "organisation_slug",
    "article_id",
    "article_title",
    "article_url",
    "publication",
    "published_at",
    "source",
    "start",
    "end",
    "quote_url",
    "statement_id",
    "statement_report_count",
    "statement_first_quote_id",
    "statement_first_article_id",
    "statement_first_outlet",
    "statement_first_published",
]

# Spreadsheets run a cell beginning with these as a formula (CSV injection); a leading ' keeps it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def quote_csv_row(quote: Quote, *, base_url: str) -> list:
    data = quote_dict(quote, base_url=base_url)
    speaker = data["speaker"] or {}
    organisation = data["organisation"] or {}
    article = data["article"]
    row = [
        data["id"],
        data["text"],
        data["kind"],
        data["status"],
        speaker.get("type", ""),
        speaker.get("name", ""),
        speaker.get("slug", ""),
        speaker.get("kind", ""),
        data["speaker_mention"],
        data["role"],
        organisation.get("name", ""),
        organisation.get("slug", ""),
        article["id"],
        article["title"],
        article["url"],
        article["publication"],
        article["published_at"] or "",
        article["source"],
        data["start"],
        data["end"],
        data["url"],
        data["statement_id"],
        data["statement_report_count"],
        data["statement_first_report"]["quote_id"],
        data["statement_first_report"]["article_id"],
        data["statement_first_report"]["outlet"],
        data["statement_first_report"]["published"] or "",
    ]
    return [neutralise_formula(value) for value in row]


EXPORT_CHUNK_SIZE = 2000


EXPORT_ROWS_PER_WRITE = 200


def batched(rows: Iterator) -> Iterator[list]:
    """Rows in lists of EXPORT_ROWS_PER_WRITE: a download is written in pieces of many rows, not one each."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= EXPORT_ROWS_PER_WRITE:
            yield batch
            batch = []
    if batch:
        yield batch


EXPORT_VALUES = (
    "id",
    "text",
    "kind",
    "status",
    "speaker_person_id",
    "speaker_person__name",
    "speaker_person__slug",
    "speaker_person__kind",
    "speaker_organisation_id",
    "speaker_organisation__name",
    "speaker_organisation__slug",
    "speaker_organisation__kind",
    "speaker_mention",
    "role",
    "organisation_id",
    "organisation__name",
    "organisation__slug",
    "article_id",
    "article__title",
    "article__url",
    "article__publication__name",
    "article__published_at",
    "article__source_name",
    "start",
    "end",
    "statement_id",
    "statement__report_count",
    "statement__first_quote_id",
    "statement__first_quote__article_id",
    "statement__first_quote__article__publication__name",
    "statement__first_quote__article__published_at",
)


def export_records(
    search: QuoteSearch, *, base_url: str, max_rows: int | None = None, per_statement: bool = False
) -> Iterator[dict]:
    """Every quotation of the search in the ``quote_dict`` shape, read in chunks so memory stays flat.

    Read as plain values rather than model instances (six per row with the related rows) and with the
    article link built from one reversed URL: a million-row download spends its time writing, not building
    objects.
    """
    article_path = article_path_template()
    seen: set[int] = set()
    rows = search.values_in_order(*EXPORT_VALUES, limit=None if per_statement else max_rows)
    for values in rows:
        row = dict(zip(EXPORT_VALUES, values, strict=True))
        if per_statement:
            if row["statement_id"] in seen:
                continue
            seen.add(row["statement_id"])
            if max_rows is not None and len(seen) > max_rows:
                return
        speaker = None
        if row["speaker_person_id"]:
            speaker = {"type": "person", **_prefixed(row, "speaker_person__", ("name", "slug", "kind"))}
        elif row["speaker_organisation_id"]:
            speaker = {
                "type": "organisation",
                **_prefixed(row, "speaker_organisation__", ("name", "slug", "kind")),
            }
        published_at = row["article__published_at"]
        yield {
            "id": row["id"],
            "text": row["text"],
            "kind": row["kind"],
            "status": row["status"],
            "speaker": speaker,
            "speaker_mention": row["speaker_mention"],
            "role": row["role"],
            "organisation": _prefixed(row, "organisation__", ("name", "slug"))
            if row["organisation_id"]
            else None,
            "article": {
                "id": row["article_id"],
                "title": row["article__title"],
                "url": row["article__url"],
                "publication": row["article__publication__name"] or "",
                "published_at": published_at.isoformat() if published_at else None,
                "source": row["article__source_name"],
            },
            "start": row["start"],
            "end": row["end"],
            "url": f"{base_url}{article_path.format(row['article_id'])}#q{row['id']}",
            **_statement_values(row),
        }


def _statement_values(row: dict) -> dict:
    """``statement_fields`` from an export's plain values (a first report deleted since: the row's own)."""
    first_id = row["statement__first_quote_id"]
    published = row["statement__first_quote__article__published_at"]
    outlet = row["statement__first_quote__article__publication__name"]
    if first_id is None:
        first_id, published, outlet = (
            row["id"],
            row["article__published_at"],
            row["article__publication__name"],
        )
    return {
        "statement_id": row["statement_id"],
        "statement_report_count": row["statement__report_count"],
        "statement_first_report": {
            "quote_id": first_id,
            "article_id": row["statement__first_quote__article_id"] or row["article_id"],
            "outlet": outlet or "",
            "published": published.isoformat() if published else None,
        },
    }


def article_path_template() -> str:
    """The article page's path with ``{}`` where the id goes: reversed once per export, not per row."""
    marker = 987654321
    return reverse("article_detail", kwargs={"pk": marker}).replace(str(marker), "{}")


def _prefixed(row: dict, prefix: str, names: tuple[str, ...]) -> dict:
    return {name: row[prefix + name] for name in names}


# -- people and organisations for the API ------------------------------------------------------------------


def public_quote_count(prefix: str) -> Count:

    statuses = (
        [QuoteStatus.APPROVED]
        if getattr(settings, "QUOTES_PUBLIC_APPROVED_ONLY", False)
        else [QuoteStatus.APPROVED, QuoteStatus.PENDING]
    )
    return Count(prefix, filter=Q(**{f"{prefix}__status__in": statuses}), distinct=True)


def people_with_quotes():
    return Person.objects.annotate(quote_count=public_quote_count("quotes")).filter(quote_count__gt=0)


def organisations_with_quotes():
    return Organisation.objects.annotate(
        quote_count=public_quote_count("quotes") + public_quote_count("member_quotes")
    ).filter(quote_count__gt=0)


def person_dict(request: HttpRequest, person: Person) -> dict:
    """A person as /api/people/ gives them; needs ``quote_count`` and prefetched affiliations."""
    return {
        "name": person.name,
        "slug": person.slug,
        "kind": person.kind,
        "description": person.description,
        "quote_count": person.quote_count,
        "affiliations": [
            {
                "organisation": affiliation.organisation.name,
                "organisation_slug": affiliation.organisation.slug,
                "role": affiliation.role,
            }
            for affiliation in person.affiliations.all()
        ],
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }


def organisation_dict(request: HttpRequest, organisation: Organisation) -> dict:
    """An organisation as /api/organisations/ gives it; needs ``quote_count``."""
    parent = organisation.parent
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "description": organisation.description,
        "parent": {"name": parent.name, "slug": parent.slug} if parent else None,
        "quote_count": organisation.quote_count,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }


def name_page(queryset, cursor: str | None, *, limit: int) -> Page:
    """People or organisations by name, paged by an opaque cursor over (name, id)."""
    queryset = queryset.order_by("name", "id")
    if cursor:
        try:
            name, pk = decode_cursor(cursor)
            if not isinstance(name, str) or not isinstance(pk, int):
                raise ValueError
        except (ValueError, TypeError):
            raise InvalidSearch("cursor: not a cursor from this listing; start again without it") from None
        queryset = queryset.filter(Q(name__gt=name) | Q(name=name, id__gt=pk))
    rows = list(queryset[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor([rows[-1].name, rows[-1].pk])
    return Page(rows, next_cursor)
