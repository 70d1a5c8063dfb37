"""The public site: search page, people, organisations and articles; the JSON API; CSV and JSON exports.

Thin views over quotes/public.py and quotes/search.py. Everything is server-rendered and works without
JavaScript.
"""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from articles.models import Article

from . import exports, limits, public
from .models import Affiliation, Organisation, Person, Quote, Statement
from .search import search_names, search_speakers

RESULTS_PER_PAGE = 20
QUOTES_PER_PROFILE_PAGE = 50
API_DEFAULT_LIMIT = 50
API_MAX_LIMIT = 500


@require_GET
@limits.limit_public
def search_page(request: HttpRequest) -> HttpResponse:
    form = public.QuoteSearchForm(request.GET)
    try:
        search = public.QuoteSearch.from_form(form)
        page_number = limits.page_number(request)
    except (public.InvalidSearch, limits.PageTooDeep) as error:
        return render(request, "quotes/search.html", {"form": form, "error": str(error)}, status=400)
    results = public.SearchResults(search)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    facets = search.facets()
    people, organisations = search_speakers(
        search.query, querysets=(Person.objects.all(), Organisation.objects.all())
    )
    context = {
        "form": form,
        "search": search,
        "results": results,
        "page": page,
        "facets": facets,
        "recent_matches": public.RECENT_MATCHES,
        "active_filters": search.active_filters(facets),
        "people": people,
        "organisations": organisations,
        "links": api_links(search),
        "sort_links": [
            (choice, label, "?" + search.querystring(sort=choice), choice == search.sort)
            for choice, label in public.SortOrder.choices
        ]
        if search.query
        else [],
    }
    return render(request, "quotes/search.html", context)


@require_GET
@limits.limit_public
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.prefetch_related(
            Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation"))
        ),
        slug=slug,
    )
    try:
        page = profile_quotes_page(request, Q(speaker_person=person))
    except limits.PageTooDeep as error:
        return bad_request_page(request, error)
    return render(request, "quotes/person_detail.html", {"person": person, "page": page})


@require_GET
@limits.limit_public
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("parent").prefetch_related("children"), slug=slug
    )
    affiliations = (
        Affiliation.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("person__name", "role")
    )
    try:
        page = profile_quotes_page(
            request, Q(organisation=organisation) | Q(speaker_organisation=organisation)
        )
    except limits.PageTooDeep as error:
        return bad_request_page(request, error)
    context = {"organisation": organisation, "affiliations": affiliations, "page": page}
    return render(request, "quotes/organisation_detail.html", context)


@require_GET
@limits.limit_public
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("publication"), pk=pk)
    quotes = list(Quote.objects.public().filter(article=article).for_display().order_by("start"))
    context = {
        "copy_of": article.copy_of if article.copy_of_id else None,
        "article": article,
        "quotes": quotes,
        "paragraphs": public.article_paragraphs(article.body, quotes),
    }
    return render(request, "quotes/article_detail.html", context)


@require_GET
@limits.limit_public
def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A statement and its public reports, earliest first."""
    statement = get_object_or_404(Statement, pk=pk)
    reports = list(
        Quote.objects.public()
        .filter(statement=statement)
        .for_display()
        .order_by(F("published_at").asc(nulls_last=True), "id")
    )
    if not reports:
        raise Http404("No public report of this statement")
    return render(request, "quotes/statement_detail.html", {"statement": statement, "reports": reports})


# -- JSON API ------------------------------------------------------------------------------------------


def _bad_request(error: Exception) -> JsonResponse:
    return JsonResponse({"error": str(error)}, status=400)


def _limit(request: HttpRequest) -> int:
    raw = request.GET.get("limit", "")
    if not raw:
        return API_DEFAULT_LIMIT
    if not raw.isdigit() or not 1 <= int(raw) <= API_MAX_LIMIT:
        raise public.InvalidSearch(f"limit: a whole number from 1 to {API_MAX_LIMIT}")
    return int(raw)


def _next_link(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = request.GET.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@require_GET
@limits.limit_public
def api_quotes(request: HttpRequest) -> JsonResponse:
    try:
        search = public.QuoteSearch.from_params(request.GET)
        page = search.page_after(request.GET.get("cursor"), limit=_limit(request))
    except public.InvalidSearch as error:
        return _bad_request(error)
    base_url = request.build_absolute_uri("/").rstrip("/")
    return JsonResponse(
        {
            "next": _next_link(request, page.next_cursor),
            "results": [public.quote_dict(quote, base_url=base_url) for quote in page.items],
        }
    )


def _name_listing(request: HttpRequest, queryset, item) -> JsonResponse:
    query = request.GET.get("q", "").strip()
    try:
        limit = _limit(request)
        if query:
            # A name search returns the best few matches, most similar first, without paging.
            matches = search_names(queryset, query, limit=limit)
            page = public.Page(list(matches), None)
        else:
            page = public.name_page(queryset, request.GET.get("cursor"), limit=limit)
    except public.InvalidSearch as error:
        return _bad_request(error)
    return JsonResponse(
        {
            "next": _next_link(request, page.next_cursor),
            "results": [item(request, row) for row in page.items],
        }
    )


@require_GET
@limits.limit_public
def api_people(request: HttpRequest) -> JsonResponse:
    people = public.people_with_quotes().prefetch_related(
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("organisation"))
    )
    return _name_listing(request, people, public.person_dict)


@require_GET
@limits.limit_public
def api_organisations(request: HttpRequest) -> JsonResponse:
    organisations = public.organisations_with_quotes().select_related("parent")
    return _name_listing(request, organisations, public.organisation_dict)


# -- exports -------------------------------------------------------------------------------------------


def _download(content, *, content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Downloads hold at most this many rows (the first in the search's order); the header says so.
    response["X-Export-Max-Rows"] = str(settings.QUOTES_EXPORT_MAX_ROWS)
    return response


@require_GET
@limits.limit_public
@limits.limit_export
def export_quotes_csv(request: HttpRequest) -> HttpResponse:
    try:
        search = public.QuoteSearch.from_params(request.GET)
        per_statement = _per_statement(request)
    except public.InvalidSearch as error:
        return HttpResponse(f"{error}\n", status=400, content_type="text/plain; charset=utf-8")
    base_url = request.build_absolute_uri("/").rstrip("/")
    chunks = exports.csv_chunks(
        search, base_url=base_url, max_rows=settings.QUOTES_EXPORT_MAX_ROWS, per_statement=per_statement
    )
    return _download(chunks, content_type="text/csv; charset=utf-8", filename="quotes.csv")


@require_GET
@limits.limit_public
@limits.limit_export
def export_quotes_json(request: HttpRequest) -> HttpResponse:
    try:
        search = public.QuoteSearch.from_params(request.GET)
        per_statement = _per_statement(request)
    except public.InvalidSearch as error:
        return JsonResponse({"error": str(error)}, status=400)
    base_url = request.build_absolute_uri("/").rstrip("/")

    def chunks():
        yield "["
        separator = "\n"
        records = public.export_records(
            search, base_url=base_url, max_rows=settings.QUOTES_EXPORT_MAX_ROWS, per_statement=per_statement
        )
        for batch in public.batched(records):
            parts = []
            for record in batch:
                parts += [separator, json.dumps(record, ensure_ascii=False)]
                separator = ",\n"
            yield "".join(parts)
        yield "\n]\n"

    return _download(chunks(), content_type="application/json; charset=utf-8", filename="quotes.json")


def _per_statement(request: HttpRequest) -> bool:
    """``per=report`` (the default): a row per quotation; ``per=statement``: a row per statement, its first
    quotation in the search's order."""
    per = request.GET.get("per", "report")
    if per not in ("report", "statement"):
        raise public.InvalidSearch("per: report or statement")
    return per == "statement"


def api_links(search: public.QuoteSearch) -> dict:
    """Where the current search can be downloaded or read as JSON."""
    querystring = search.querystring()
    suffix = f"?{querystring}" if querystring else ""
    return {
        "csv": reverse("export_quotes_csv") + suffix,
        "json": reverse("export_quotes_json") + suffix,
        "csv_statements": reverse("export_quotes_csv") + (f"{suffix}&" if suffix else "?") + "per=statement",
        "api": reverse("api_quotes") + suffix,
    }


# -- refusals ------------------------------------------------------------------------------------------

RETRY_AFTER_SECONDS = 60


def profile_quotes_page(request: HttpRequest, who: Q):
    """A page of a profile's public quotations, newest article first; raises limits.PageTooDeep."""
    quotes = (
        Quote.objects.public()
        .filter(who)
        # A statement once, at its first report (every report of a statement has its speaker).
        .filter(Q(pk=F("statement__first_quote_id")) | Q(statement__first_quote__isnull=True))
        .for_display()
        # Undated articles last on both engines, as the search lists them (PostgreSQL's descending
        # order would put them first).
        .order_by(F("published_at").desc(nulls_last=True), "-article_id", "start")
    )
    page = Paginator(quotes, QUOTES_PER_PROFILE_PAGE).get_page(limits.page_number(request))
    page.object_list = public.attach_reports(list(page.object_list))
    return page


def bad_request_page(request: HttpRequest, error: Exception) -> HttpResponse:
    return render(request, "400.html", {"message": str(error)}, status=400)


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A client over its rate limit (RATELIMIT_VIEW): 429 with a short message, as JSON for the API and
    exports, as a page otherwise."""
    message = "Too many requests from your address; wait a minute and try again."
    if request.path.startswith(("/api/", "/export/")):
        response = JsonResponse({"error": message}, status=429)
    else:
        response = HttpResponse(render_to_string("429.html", {"message": message}, request), status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
