"""The JSON API, routed and described by django-ninja: its OpenAPI 3 document at /api/openapi.json and a
docs page at /api/docs/ (Swagger UI from ninja's own static files: no CDN).

The schemas below describe what the endpoints return; the endpoints build their answers with the same
functions as before (quotes.public, quotes.topics) and return them as they are, so the JSON, the cursors,
the limits and the error format (``{"error": "<one line>"}`` with 400, 404 or 429) stay what they were.
Parameters are checked twice: by ninja against the declared types, then by the search form, whose
messages the site has always given; either way the answer is a 400 with one line.
"""

import datetime
from typing import Literal

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django_ratelimit.exceptions import Ratelimited
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError

from . import counting, limits, public, topics
from .models import Affiliation, Organisation, Person, Quote
from .search import search_names

API_DEFAULT_LIMIT = 50
API_MAX_LIMIT = 500
# The largest id the databases hold (a 64-bit integer): a larger one is refused rather than sent to them.
MAX_ID = 2**63 - 1

api = NinjaAPI(
    title="Who said what: quotations API",
    version="1",
    description=(
        "Quotations found in news articles, attributed to people and organisations. Lists are paged by "
        'an opaque cursor: follow `next` until it is null. Errors are `{"error": "..."}` with 400 (bad '
        "parameters), 404 or 429 (too many requests; see Retry-After)."
    ),
    urls_namespace="api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)


# -- schemas ------------------------------------------------------------------------------------------


class Error(Schema):
    error: str = Field(description="What was wrong, in one line")


class QuoteSpeaker(Schema):
    type: Literal["person", "organisation"]
    name: str
    slug: str
    kind: str = Field(description="A person's kind (expert, official, …) or an organisation's")


class NamedLink(Schema):
    name: str
    slug: str


class QuoteArticle(Schema):
    id: int
    title: str
    url: str
    publication: str
    published_at: datetime.date | None
    source: str


class StatementReport(Schema):
    quote_id: int
    article_id: int
    outlet: str
    published: datetime.date | None = None


class QuoteOut(Schema):
    id: int
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    status: Literal["pending", "approved"] = Field(description="pending: not yet reviewed (unverified)")
    speaker: QuoteSpeaker | None
    speaker_mention: str
    role: str
    organisation: NamedLink | None
    article: QuoteArticle
    start: int = Field(description="Character offset of the quotation in the article's text")
    end: int
    url: str = Field(description="The quotation on the site, in its article")
    # The statement this quotation reports (the same words reported by several outlets); may be absent.
    statement_id: int | None = None
    statement_report_count: int | None = None
    statement_first_report: StatementReport | None = None


class QuotePage(Schema):
    next: str | None = Field(description="The next page, or null on the last")
    results: list[QuoteOut]


class Affiliated(Schema):
    organisation: str
    organisation_slug: str
    role: str


class PersonOut(Schema):
    name: str
    slug: str
    kind: str
    description: str
    quote_count: int
    affiliations: list[Affiliated]
    url: str


class PersonPage(Schema):
    next: str | None
    results: list[PersonOut]


class OrganisationOut(Schema):
    name: str
    slug: str
    kind: str
    description: str
    parent: NamedLink | None
    quote_count: int
    url: str


class OrganisationPage(Schema):
    next: str | None
    results: list[OrganisationOut]


class MonthCount(Schema):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    count: int


class TimelineOut(Schema):
    months: list[MonthCount] = Field(
        description="Quotations per month, oldest first; months with none left out"
    )
    undated: int = Field(description="Quotations of articles without a date")


class PersonDetail(PersonOut):
    timeline: TimelineOut


class OrganisationDetail(OrganisationOut):
    timeline: TimelineOut


class TopicSpeaker(Schema):
    type: Literal["person", "organisation"]
    name: str
    slug: str
    kind: str
    organisation: NamedLink | None = Field(
        description="A person's organisation most named in these quotations; an organisation's parent"
    )
    quote_count: int
    article_count: int
    first_date: datetime.date | None
    last_date: datetime.date | None
    timeline: TimelineOut
    quotes_url: str = Field(description="The search page for these quotations")
    url: str


class TopicCounted(Schema):
    quotations: int = Field(description="How many matching quotations the counts and the timeline are over")
    exact: bool = Field(
        description="Over every match; false: over the most recently added `quotations` of them "
        "(QUOTES_TOPIC_COUNTED_MATCHES), of about `matching`"
    )
    matching: int = Field(description="How many quotations match: exact, else an estimate (two figures)")


class CountedFacetValue(Schema):
    value: str = Field(description="The value to filter by (the parameter named as the facet)")
    label: str
    count: int = Field(description="Quotations with this value: exact, or an estimate when `estimated`")


class CountedFacet(Schema):
    name: str = Field(
        description="The filter parameter: speaker_kind, person, organisation, publication, ..."
    )
    title: str
    values: list[CountedFacetValue] = Field(description="The values counted most (years: the newest)")
    estimated: bool = Field(
        description="Counted without this facet's own filter, more quotations matched than "
        "QUOTES_SEARCH_COUNTED_MATCHES: its counts are estimates"
    )


class CountsOut(Schema):
    quotations: int = Field(description="How many quotations match: exact, else an estimate (two figures)")
    statements: int = Field(description="How many statements they report: exact, else an estimate")
    estimated: bool = Field(
        description="More quotations match than QUOTES_SEARCH_COUNTED_MATCHES: every figure is then the "
        "count of the `counted` most recently added, scaled to every match and rounded"
    )
    counted: int = Field(description="How many matching quotations were read")
    facets: list[CountedFacet] = Field(description="Each counted with the other filters applied, not its own")


class TopicOut(Schema):
    counted: TopicCounted
    timeline: TimelineOut = Field(description="The counted quotations per month, named speakers or not")
    more: bool = Field(description="More speakers than listed")
    results: list[TopicSpeaker]


# -- parameters ---------------------------------------------------------------------------------------

SLUG = r"^[-a-zA-Z0-9_]+$"


class SearchParams(Schema):
    q: str | None = Field(
        None,
        description='Words, "phrases", -exclusions and OR, as on the search page; at most '
        f"{settings.QUOTES_QUERY_MAX_CHARS} characters (QUOTES_QUERY_MAX_CHARS)",
    )
    speaker_kind: (
        Literal["", "expert", "official", "journalist", "other", "organisation", "unnamed"] | None
    ) = None
    person: str | None = Field(None, pattern=SLUG, description="A person's slug")
    organisation: str | None = Field(None, pattern=SLUG, description="An organisation's slug")
    publication: int | None = Field(None, ge=1, le=MAX_ID, description="A publication's id")
    year: int | None = Field(None, ge=1, le=9999)
    kind: Literal["", "direct", "indirect", "mixed"] | None = None


class QuoteParams(SearchParams):
    sort: Literal["", "relevance", "newest"] | None = Field(
        None,
        description="relevance (the default with words: what a speaker the words name said first, then the "
        "other matches, each most recently added first) or newest (without words: by publication date)",
    )
    limit: int | None = Field(None, ge=1, le=API_MAX_LIMIT, description=f"default {API_DEFAULT_LIMIT}")
    cursor: str | None = Field(None, description="From the previous page's `next`")


class NameParams(Schema):
    q: str | None = Field(None, description="Names and aliases like this one, most similar first (no paging)")
    limit: int | None = Field(None, ge=1, le=API_MAX_LIMIT, description=f"default {API_DEFAULT_LIMIT}")
    cursor: str | None = None


class TopicParams(SearchParams):
    limit: int | None = Field(
        None,
        ge=1,
        le=topics.TOPIC_MAX_LIMIT,
        description=f"speakers listed; default {topics.TOPIC_DEFAULT_LIMIT}",
    )


ERRORS = {400: Error, 429: Error}
ERRORS_404 = {400: Error, 404: Error, 429: Error}


# -- errors in the site's format ----------------------------------------------------------------------


class BadRequest(Exception):
    """A parameter that cannot be used; answered with 400 and its message."""


def error_response(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    first = exc.errors[0] if exc.errors else {}
    name = ".".join(str(part) for part in first.get("loc", ())[1:] if part != "0") or "parameters"
    return error_response(f"{name}: {first.get('msg', 'not valid')}".replace("\n", " "), 400)


@api.exception_handler(public.InvalidSearch)
def _invalid_search(request: HttpRequest, exc: Exception) -> JsonResponse:
    return error_response(str(exc), 400)


@api.exception_handler(BadRequest)
def _bad_request(request: HttpRequest, exc: Exception) -> JsonResponse:
    return error_response(str(exc), 400)


@api.exception_handler(Ratelimited)
def _rate_limited(request: HttpRequest, exc: Exception):
    from .views import rate_limited

    return rate_limited(request, exc)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> JsonResponse:
    return error_response("Not found", 404)


# -- helpers ------------------------------------------------------------------------------------------


def _limit(request: HttpRequest, default: int = API_DEFAULT_LIMIT, maximum: int = API_MAX_LIMIT) -> int:
    raw = request.GET.get("limit", "")
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise public.InvalidSearch(f"limit: a whole number from 1 to {maximum}")
    return int(raw)


def _next_link(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _text(request: HttpRequest, name: str) -> str:
    """A free-text parameter, refused when a database could not take it (a NUL character)."""
    value = request.GET.get(name, "").strip()
    if "\x00" in value:
        raise BadRequest(f"{name}: null characters are not allowed")
    return value


# -- endpoints ----------------------------------------------------------------------------------------


@api.get("/quotes/", response={200: QuotePage, **ERRORS}, url_name="quotes", summary="Search quotations")
@limits.limit_public
def quotes(request: HttpRequest, params: Query[QuoteParams]):
    """Quotations matching a search, in the search's order (by relevance with words, else newest first);
    the same search as the site's search page and downloads."""
    search = public.QuoteSearch.from_params(request.GET)
    page = search.page_after(request.GET.get("cursor"), limit=_limit(request))
    base_url = _base_url(request)
    return JsonResponse(
        {
            "next": _next_link(request, page.next_cursor),
            "results": [public.quote_dict(quote, base_url=base_url) for quote in page.items],
        }
    )


def _name_listing(request: HttpRequest, queryset, item) -> JsonResponse:
    query = _text(request, "q")
    limit = _limit(request)
    if query:
        # A name search returns the best few matches, most similar first, without paging.
        page = public.Page(list(search_names(queryset, query, limit=limit)), None)
    else:
        page = public.name_page(queryset, request.GET.get("cursor"), limit=limit)
    return JsonResponse(
        {
            "next": _next_link(request, page.next_cursor),
            "results": [item(request, row) for row in page.items],
        }
    )


def _people():
    return Person.objects.prefetch_related(
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation"))
    )


@api.get("/people/", response={200: PersonPage, **ERRORS}, url_name="people", summary="People quoted")
@limits.limit_public
def people(request: HttpRequest, params: Query[NameParams]):
    """People with public quotations, by name; ``q`` finds names and aliases (on PostgreSQL despite
    typos)."""
    listed = public.people_with_quotes().prefetch_related(
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation"))
    )
    return _name_listing(request, listed, public.person_dict)


@api.get(
    "/organisations/",
    response={200: OrganisationPage, **ERRORS},
    url_name="organisations",
    summary="Organisations quoted",
)
@limits.limit_public
def organisations(request: HttpRequest, params: Query[NameParams]):
    """Organisations with public quotations (their own or their members'), by name."""
    listed = public.organisations_with_quotes().select_related("parent")
    return _name_listing(request, listed, public.organisation_dict)


@api.get(
    "/people/{slug:slug}/",
    response={200: PersonDetail, **ERRORS_404},
    url_name="person",
    summary="A person, with quotations per month",
)
@limits.limit_public
def person(request: HttpRequest, slug: str = Path(..., pattern=SLUG)):
    found = get_object_or_404(_people().annotate(quote_count=public.public_quote_count("quotes")), slug=slug)
    months = topics.timeline(Quote.objects.public().filter(speaker_person=found))
    return JsonResponse(public.person_dict(request, found) | {"timeline": months.as_dict()})


@api.get(
    "/organisations/{slug:slug}/",
    response={200: OrganisationDetail, **ERRORS_404},
    url_name="organisation",
    summary="An organisation, with quotations per month (its own and its members')",
)
@limits.limit_public
def organisation(request: HttpRequest, slug: str = Path(..., pattern=SLUG)):
    found = get_object_or_404(
        Organisation.objects.select_related("parent").annotate(
            quote_count=public.public_quote_count("quotes") + public.public_quote_count("member_quotes")
        ),
        slug=slug,
    )
    months = topics.timeline(
        Quote.objects.public().filter(Q(organisation=found) | Q(speaker_organisation=found))
    )
    return JsonResponse(public.organisation_dict(request, found) | {"timeline": months.as_dict()})


@api.get(
    "/timeline/", response={200: TimelineOut, **ERRORS}, url_name="timeline", summary="A search per month"
)
@limits.limit_public
def timeline(request: HttpRequest, params: Query[SearchParams]):
    """Quotations per month of a search (its words and filters): the numbers behind the search page's
    chart."""
    search = public.QuoteSearch.from_params(request.GET)
    return JsonResponse(topics.timeline(search.matching()).as_dict())


@api.get("/counts/", response={200: CountsOut, **ERRORS}, url_name="counts", summary="Count every match")
@limits.limit_public
@limits.limit_count
def counts(request: HttpRequest, params: Query[SearchParams]):
    """How many quotations and statements a search (its words and filters) matches, and the counts of its
    facets: exact up to QUOTES_SEARCH_COUNTED_MATCHES matches, above it estimates that say so."""
    search = public.QuoteSearch.from_params(request.GET)
    found = counting.count_matches(search)
    return JsonResponse(
        {
            "quotations": found.quotations,
            "statements": found.statements,
            "estimated": found.estimated,
            "counted": found.counted.quotations,
            "facets": [
                {
                    "name": facet.name,
                    "title": facet.title,
                    "estimated": facet.sampled,
                    "values": [
                        {"value": item.value, "label": item.label, "count": item.count}
                        for item in facet.values
                    ],
                }
                for facet in found.facets
            ],
        }
    )


@api.get("/topic/", response={200: TopicOut, **ERRORS}, url_name="topic", summary="Who speaks on a topic")
@limits.limit_public
def topic(request: HttpRequest, params: Query[TopicParams]):
    """The people and organisations (speaking as such) quoted most by a search, with the filters applied
    (``speaker_kind=expert``: the experts on it): quotations, articles, first and last date, quotations per
    month, and a link to their quotations on the topic. ``timeline`` is the counted matches'. Counted over
    every match up to QUOTES_TOPIC_COUNTED_MATCHES, else over that many of the most recently added
    (``counted`` says which)."""
    search = public.QuoteSearch.from_params(request.GET)
    limit = _limit(request, topics.TOPIC_DEFAULT_LIMIT, topics.TOPIC_MAX_LIMIT)
    found = topics.speakers_on(search, limit=limit, with_timeline=True)
    base_url = _base_url(request)
    return JsonResponse(
        {
            "counted": found.counted.as_dict(),
            "timeline": found.timeline.as_dict(),
            "more": found.more,
            "results": [topics.speaker_dict(speaker, base_url=base_url) for speaker in found.speakers],
        }
    )
