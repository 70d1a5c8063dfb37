"""Who speaks on a topic, and when: quotations per speaker and per month of any search, counted by the
database (GROUP BY), never by reading the matching rows into Python.

``speakers_on(search)`` gives the people and organisations (speaking as such) quoted most by a search, with
the filters applied: how many quotations and articles, first and last date, the organisation they are
quoted with most, and their quotations per month. ``timeline(queryset)`` gives the months of any set of
quotations (a search, a person's, an organisation's). ``bar_chart`` turns months into the geometry of a
small SVG chart the templates draw on the server.

A topic costs three queries whatever it matches (two more on PostgreSQL, to choose how to read them):
one statement that reads the matches once and counts them per speaker and, for the speakers listed, per
month and organisation named (``_count``); then the people's and the organisations' names.

Its cost grows with the matches it reads, so it reads at most QUOTES_TOPIC_COUNTED_MATCHES of them, the
most recently added: up to that many the counts are exact; above, they are the counts of those, and the
topic says so with an estimate of every match ("about 290,000"). Counting every match of a word in 29%
of a million quotations took 1.3 s on PostgreSQL, the whole collection 2.5 s (README, "Who speaks on a
topic, measured").
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, Count, Func, Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .counting import Counted, counted_over
from .models import Organisation, Person, PersonKind, Quote
from .public import ORGANISATION, QuoteSearch
from .search_schema import SQLITE_FTS_TABLE

TOPIC_DEFAULT_LIMIT = 20
TOPIC_MAX_LIMIT = 100
# A CSV download lists this many speakers at most (the most quoted first).
TOPIC_CSV_MAX_ROWS = 1000
# The index of the quotation's columns a topic counts (Quote.Meta.indexes).
TOPIC_INDEX = "quote_topic_idx"


class MonthOf(Func):
    """A date's month as ``YYYY-MM`` text, NULL for NULL, written natively on each database: Django's
    TruncMonth is a Python function SQLite calls for every row (100,000 calls: a third of a second)."""

    output_field = CharField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite keeps a date as ISO text.
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM')", **extra)


def _month(text: str | None) -> datetime.date | None:
    return datetime.date(int(text[:4]), int(text[5:7]), 1) if text else None


@dataclass(frozen=True)
class Month:
    month: datetime.date  # the first day of the month
    count: int

    @property
    def label(self) -> str:
        return self.month.strftime("%Y-%m")


@dataclass
class Timeline:
    """Quotations per month (months without any are left out), oldest first, and those of undated
    articles, which no month holds."""

    months: list[Month] = field(default_factory=list)
    undated: int = 0

    @property
    def total(self) -> int:
        return sum(month.count for month in self.months) + self.undated

    def as_dict(self) -> dict:
        return {
            "months": [{"month": month.label, "count": month.count} for month in self.months],
            "undated": self.undated,
        }

    def as_text(self) -> str:
        """The months as one CSV cell: ``2024-03:2 2024-04:1``."""
        return " ".join(f"{month.label}:{month.count}" for month in self.months)


@dataclass
class Speaker:
    """A person, or an organisation speaking as such, and what they said on a topic."""

    type: str  # "person" or "organisation"
    id: int
    name: str = ""
    slug: str = ""
    kind: str = ""
    kind_label: str = ""
    organisation: dict | None = None  # {"name", "slug"}: most quoted with (a person), the parent (a body)
    quotes: int = 0
    articles: int = 0
    first: datetime.date | None = None
    last: datetime.date | None = None
    timeline: Timeline = field(default_factory=Timeline)
    quotes_url: str = ""  # the search page, this search filtered by this speaker
    profile_url: str = ""


@dataclass
class Topic:
    search: QuoteSearch
    speakers: list[Speaker]
    more: bool  # more speakers than listed
    counted: Counted
    timeline: Timeline | None = None  # the counted matches' months, when asked for


def timeline(queryset) -> Timeline:
    """The quotations of ``queryset`` per month of their article's date, in one grouped query."""
    rows = (
        queryset.order_by()
        .annotate(month=MonthOf("published_at"))
        .values("month")
        .annotate(count=Count("id"))
        .values_list("month", "count")
    )
    return _timeline_of({_month(month): count for month, count in rows})


def _timeline_of(counts: dict) -> Timeline:
    """A Timeline from {first day of a month or None (undated): count}."""
    return Timeline(
        months=[Month(month, count) for month, count in sorted(counts.items(), key=_dated_first) if month],
        undated=counts.get(None, 0),
    )


def _dated_first(item: tuple) -> tuple:
    return (item[0] is not None, item[0] or datetime.date.min)


def counted_matches_bound() -> int:
    """How many of a topic's matches, the most recently added, it counts at most (settings)."""
    return settings.QUOTES_TOPIC_COUNTED_MATCHES


def speakers_on(
    search: QuoteSearch, *, limit: int = TOPIC_DEFAULT_LIMIT, with_timeline: bool = False
) -> Topic:
    """The ``limit`` speakers quoted most by ``search`` (its words and filters), most quotations first
    (then most articles, then the person before the organisation, then by id); unnamed sources are left
    out. Counted over every match up to QUOTES_TOPIC_COUNTED_MATCHES of them, else over that many of the
    most recently added (``Topic.counted`` says which, and about how many match in all)."""
    matches = search.matching().order_by()
    more = False
    per_month = defaultdict(lambda: defaultdict(int))
    per_organisation = defaultdict(lambda: defaultdict(int))
    search_months = {}
    listed = {}
    counted = Counted(quotations=0, exact=True, matching=0)
    bound = counted_matches_bound()
    for part, person_id, body_id, quotes, articles, first, last, month, named, count in _count(
        matches, limit + 1, bound=bound, with_timeline=with_timeline
    ):
        if part == _BOUND:
            counted = counted_over(
                found=quotes, floor=articles, lowest=person_id, highest=body_id, bound=bound
            )
            continue
        if part == _MONTHS:
            search_months[_month(month)] = count
            continue
        key = ("person", person_id) if person_id else (ORGANISATION, body_id)
        if key not in listed:
            if len(listed) == limit:  # the one more that tells there are more
                more = True
                continue
            listed[key] = Speaker(
                type=key[0],
                id=key[1],
                quotes=quotes,
                articles=articles,
                first=_date(first),
                last=_date(last),
            )
        per_month[key][_month(month)] += count
        if person_id and named:
            per_organisation[person_id][named] += count
    speakers = list(listed.values())
    for speaker in speakers:
        speaker.timeline = _timeline_of(per_month[speaker.type, speaker.id])
    _add_details(search, speakers, per_organisation)
    topic = Topic(search=search, speakers=speakers, more=more, counted=counted)
    if with_timeline:
        topic.timeline = _timeline_of(search_months)
    return topic


# The parts of _count's rows.
_BOUND, _SPEAKERS, _MONTHS = 0, 1, 2


def _count(matches, limit: int, *, bound: int, with_timeline: bool = False) -> list[tuple]:
    """The ``limit`` speakers quoted most among the ``bound`` most recently added ``matches`` (all of them
    when there are no more), counted by the database in one statement that reads them once. Rows of
    (part, person id, organisation id, quotes, articles, first, last, month, organisation named, count):

    - part _BOUND, one row: how many matches were read (``quotes``; ``bound`` + 1 when there are more),
      the id of the oldest read when it is left out (``articles``, else 0), and the lowest and the
      highest id of the quotation table (in the speaker columns), for an estimate of every match;
    - part _SPEAKERS: per speaker (a person id, or 0 and an organisation id) their quotations, articles,
      first and last date, a row per month (``YYYY-MM`` or None) and organisation named with its count,
      speakers in their order, most quoted first;
    - part _MONTHS (``with_timeline``): every counted match per month, named speaker or not.
    """
    try:
        sql, params = (
            matches.values_list(
                "id",
                "speaker_person_id",
                "speaker_organisation_id",
                "article_id",
                "published_at",
                "organisation_id",
            )
            .newest_first(bound + 1)
            .query.sql_with_params()
        )
    except EmptyResultSet:  # a search that can match nothing (no word to seek, an unknown person)
        return []
    connection = connections[matches.db]
    if connection.vendor == "postgresql":
        month = "to_char(m.published_at, 'YYYY-MM')"
    else:
        month = "substr(m.published_at, 1, 7)"  # SQLite keeps a date as ISO text
        sql = _through_topic_index(sql, connection)
    quote_table = connection.ops.quote_name(Quote._meta.db_table)
    months = f"""
        UNION ALL
        SELECT {_MONTHS}, NULL, NULL, NULL, NULL, NULL, NULL, {month}, NULL, COUNT(*)
        FROM m GROUP BY {month}
    """
    # The matches are read once into ``read``; the bound row tells whether the oldest read is one too
    # many, ``m`` leaves it out. The speakers are counted from ``m``, and the listed speakers' months and
    # organisations counted from it again, in memory. COALESCE: NULL sorts first on SQLite and last on
    # PostgreSQL, 0 alike.
    statement = f"""
        WITH read (id, sp, so, article_id, published_at, organisation_id) AS MATERIALIZED ({sql}),
        bound AS (
            SELECT COUNT(*) AS found, CASE WHEN COUNT(*) > %s THEN MIN(id) ELSE 0 END AS floor FROM read
        ),
        m AS MATERIALIZED (SELECT read.* FROM read, bound WHERE read.id > bound.floor),
        top AS (
            SELECT COALESCE(sp, 0) AS sp, COALESCE(so, 0) AS so, COUNT(*) AS quotes,
                COUNT(DISTINCT article_id) AS articles, MIN(published_at) AS first, MAX(published_at) AS last
            FROM m WHERE sp IS NOT NULL OR so IS NOT NULL
            GROUP BY COALESCE(sp, 0), COALESCE(so, 0)
            ORDER BY quotes DESC, articles DESC, so, sp LIMIT %s
        )
        SELECT {_BOUND} AS part, (SELECT MIN(id) FROM {quote_table}) AS sp,
            (SELECT MAX(id) FROM {quote_table}) AS so, found AS quotes, floor AS articles,
            NULL, NULL, NULL, NULL, NULL
        FROM bound
        UNION ALL
        SELECT {_SPEAKERS}, top.sp, top.so, top.quotes, top.articles, top.first, top.last, {month},
            m.organisation_id, COUNT(*)
        FROM top JOIN m ON COALESCE(m.sp, 0) = top.sp AND COALESCE(m.so, 0) = top.so
        GROUP BY top.sp, top.so, top.quotes, top.articles, top.first, top.last, {month}, m.organisation_id
        {months if with_timeline else ""}
        ORDER BY part, quotes DESC, articles DESC, so, sp
    """
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, bound, limit])
        return cursor.fetchall()


def _through_topic_index(sql: str, connection) -> str:
    """``sql`` reading the quotation's columns from ``quote_topic_idx`` when FTS5 drives it. SQLite looks
    each match of a word up by rowid, reading the wide row (its text inline), and its planner never takes
    an index for a lookup by rowid; named, the index holds every column the topic reads (a word and a
    person at a million quotations: 690 -> 320 ms). Without words the planner keeps its own choice (a
    person's index for a person)."""
    table = connection.ops.quote_name(Quote._meta.db_table)
    joined = f"FROM {table} INNER JOIN {connection.ops.quote_name(SQLITE_FTS_TABLE)} "
    return sql.replace(joined, joined.replace(" INNER", f" INDEXED BY {TOPIC_INDEX} INNER"), 1)


def _date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(value)


def _add_details(search: QuoteSearch, speakers: list[Speaker], per_organisation: dict) -> None:
    """Names, kinds, organisations and links of the speakers, in a query per model."""
    person_ids = [speaker.id for speaker in speakers if speaker.type == "person"]
    organisation_ids = [speaker.id for speaker in speakers if speaker.type == ORGANISATION]
    if not speakers:
        return
    # A person's organisation on the topic: the one their quotations name most (then the lowest id).
    quoted_with = {
        person_id: min(counts, key=lambda organisation_id: (-counts[organisation_id], organisation_id))
        for person_id, counts in per_organisation.items()
    }
    people = {person.pk: person for person in Person.objects.filter(pk__in=person_ids).order_by()}
    bodies = Organisation.objects.filter(
        Q(pk__in=organisation_ids) | Q(pk__in=list(quoted_with.values()))
    ).select_related("parent")
    organisations = {organisation.pk: organisation for organisation in bodies.order_by()}
    search_url = reverse("search")
    for speaker in speakers:
        if speaker.type == "person":
            person = people.get(speaker.id)
            if person is None:  # deleted since it was counted
                continue
            speaker.name, speaker.slug, speaker.kind = person.name, person.slug, person.kind
            speaker.kind_label = PersonKind(person.kind).label if person.kind in PersonKind else person.kind
            organisation = organisations.get(quoted_with.get(speaker.id))
            speaker.profile_url = person.get_absolute_url()
            params = search.params(person=person.slug)
        else:
            body = organisations.get(speaker.id)
            if body is None:
                continue
            speaker.name, speaker.slug, speaker.kind = body.name, body.slug, body.kind
            speaker.kind_label = body.get_kind_display()
            organisation = body.parent
            speaker.profile_url = body.get_absolute_url()
            # The organisation filter also finds its members' quotations; with the speaker kind, only its own.
            params = search.params(organisation=body.slug, speaker_kind=ORGANISATION)
        speaker.organisation = (
            {"name": organisation.name, "slug": organisation.slug} if organisation else None
        )
        speaker.quotes_url = f"{search_url}?{urlencode(params)}"
    speakers[:] = [speaker for speaker in speakers if speaker.slug]


# -- charts ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "March 2024: 12 quotations"


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    title: str  # what the chart shows, for its <title> and aria-label
    first: str = ""  # the first and last month, for the axis
    last: str = ""
    peak: int = 0

    def bars_markup(self) -> SafeString:
        """The bars as SVG elements (each with its title), for the charts drawn inline in a page. Written
        here rather than by a template loop: a topic's twenty small charts hold some 2,000 bars, which the
        template engine took 55-107 ms to write (a broad topic at a million quotations, load average 7),
        a third of the page."""
        # Safe: numbers, and the labels escaped.
        return mark_safe(
            "".join(
                f'<rect x="{bar.x}" y="{bar.y}" width="{bar.width}" height="{bar.height}">'
                f"<title>{escape(bar.label)}</title></rect>"
                for bar in self.bars
            )
        )


# A topic's small charts share one span and its months' names: computed once (2,000 bars took 15-35 ms).
@functools.lru_cache(maxsize=64)
def _month_range(first: datetime.date, last: datetime.date) -> tuple[datetime.date, ...]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


@functools.lru_cache(maxsize=4096)
def _month_name(month: datetime.date) -> str:
    return f"{month:%B %Y}"


def bar_chart(
    data: Timeline,
    *,
    title: str,
    width: int = 600,
    height: int = 80,
    span: tuple[datetime.date, datetime.date] | None = None,
) -> Chart | None:
    """A bar per month from the first month to the last (or over ``span``, so that several charts line up),
    months without quotations drawn as gaps; None when no quotation is dated."""
    if not data.months:
        return None
    first, last = span or (data.months[0].month, data.months[-1].month)
    months = _month_range(first, last)
    counts = {month.month: month.count for month in data.months}
    peak = max(counts.values())
    step = width / len(months)
    gap = step * 0.15 if step >= 3 else 0
    bars = []
    for index, month in enumerate(months):
        count = counts.get(month, 0)
        if not count:
            continue
        bar_height = max(1.0, height * count / peak)
        bars.append(
            Bar(
                x=round(index * step, 2),
                y=round(height - bar_height, 2),
                width=round(max(step - gap, 0.5), 2),
                height=round(bar_height, 2),
                label=f"{_month_name(month)}: {count} quotation{'s' if count != 1 else ''}",
            )
        )
    total = sum(counts.values())
    plural = "s" if total != 1 else ""
    summary = (
        f"{title}: {total} quotation{plural} from {months[0]:%B %Y} to {months[-1]:%B %Y}, "
        f"at most {peak} in a month"
    )
    return Chart(
        width=width,
        height=height,
        bars=bars,
        title=summary,
        first=f"{months[0]:%b %Y}",
        last=f"{months[-1]:%b %Y}",
        peak=peak,
    )


def speaker_charts(topic: Topic, *, width: int = 160, height: int = 28) -> list[tuple[Speaker, Chart | None]]:
    """Each speaker with a small chart of their months, all over the same span so that they line up."""
    span = topic_span(topic)
    return [
        (
            speaker,
            bar_chart(
                speaker.timeline,
                title=f"Quotations of {speaker.name} per month",
                width=width,
                height=height,
                span=span,
            ),
        )
        for speaker in topic.speakers
    ]


def topic_span(topic: Topic) -> tuple[datetime.date, datetime.date] | None:
    """The months from the topic's earliest to its latest dated quotation among the speakers shown."""
    dated = [speaker.timeline.months for speaker in topic.speakers if speaker.timeline.months]
    if not dated:
        return None
    return min(months[0].month for months in dated), max(months[-1].month for months in dated)


# -- the shapes of the API and the CSV --------------------------------------------------------------------


def speaker_dict(speaker: Speaker, *, base_url: str) -> dict:
    return {
        "type": speaker.type,
        "name": speaker.name,
        "slug": speaker.slug,
        "kind": speaker.kind,
        "organisation": speaker.organisation,
        "quote_count": speaker.quotes,
        "article_count": speaker.articles,
        "first_date": speaker.first.isoformat() if speaker.first else None,
        "last_date": speaker.last.isoformat() if speaker.last else None,
        "timeline": speaker.timeline.as_dict(),
        "quotes_url": base_url + speaker.quotes_url,
        "url": base_url + speaker.profile_url,
    }


CSV_COLUMNS = [
    "rank",
    "speaker_type",
    "name",
    "slug",
    "kind",
    "organisation_name",
    "organisation_slug",
    "quote_count",
    "article_count",
    "first_date",
    "last_date",
    "months",
    "undated",
    "quotes_url",
    "url",
    # What the counts are over, the same on every row (a download keeps no HTTP header): how many matching
    # quotations, and whether that is every match (else the most recently added of about ``matching``).
    "counted_quotations",
    "counts_exact",
    "matching",
]


def csv_row(rank: int, speaker: Speaker, *, counted: Counted, base_url: str) -> list:
    organisation = speaker.organisation or {}
    return [
        rank,
        speaker.type,
        speaker.name,
        speaker.slug,
        speaker.kind,
        organisation.get("name", ""),
        organisation.get("slug", ""),
        speaker.quotes,
        speaker.articles,
        speaker.first.isoformat() if speaker.first else "",
        speaker.last.isoformat() if speaker.last else "",
        speaker.timeline.as_text(),
        speaker.timeline.undated,
        base_url + speaker.quotes_url,
        base_url + speaker.profile_url,
        counted.quotations,
        "true" if counted.exact else "false",
        counted.matching,
    ]
