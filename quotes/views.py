"""The public site: search page, people, organisations and articles; the JSON API; CSV and JSON exports.

Thin views over quotes/public.py and quotes/search.py. Everything is server-rendered and works without
JavaScript.
"""

import csv
import io
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

from . import counting, exports, limits, public, topics
from .models import Affiliation, Organisation, Person, Quote, Statement
from .search import search_speakers

RESULTS_PER_PAGE = 20
QUOTES_PER_PROFILE_PAGE = 50


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
        "active_filters": search.active_filters(facets),
        "people": people,
        "organisations": organisations,
        "links": api_links(search),
        "chart_alt": _chart_title(search),
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
    context = {"person": person, "page": page}
    return render(request, "quotes/person_detail.html", context)


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
    who = Q(organisation=organisation) | Q(speaker_organisation=organisation)
    try:
        page = profile_quotes_page(request, who)
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


# -- who speaks on a topic --------------------------------------------------------------------------------

SPEAKER_KIND_CHOICES = [
    ("", "Everyone"),
    *((key, label) for key, label in public.SPEAKER_KIND_LABELS.items() if key != public.UNNAMED),
]


def _chart_title(search: public.QuoteSearch) -> str:
    """What a chart of the search's quotations per month shows, in words (its alt text and title)."""
    title = "Quotations per month"
    if search.query:
        title += f" for “{search.query}”"
    titles = dict(public.FACET_TITLES)
    filters = ", ".join(f"{titles[name].lower()}: {value}" for name, value in search.filters.items())
    return f"{title} ({filters})" if filters else title


@require_GET
@limits.limit_public
def timeline_chart(request: HttpRequest) -> HttpResponse:
    """A search's quotations per month (its words and filters: a person's, an organisation's) as an SVG
    image drawn on the server; the numbers are at /api/timeline/ with the same parameters."""
    try:
        search = public.QuoteSearch.from_params(request.GET)
    except public.InvalidSearch as error:
        return HttpResponse(f"{error}\n", status=400, content_type="text/plain; charset=utf-8")
    months = topics.timeline(search.matching())
    width, height = 600, 80
    chart = topics.bar_chart(months, title=_chart_title(search), width=width, height=height)
    context = {
        "chart": chart or {"title": f"{_chart_title(search)}: no dated quotations"},
        "width": width,
        "height": height,
    }
    response = render(request, "quotes/chart.svg", context, content_type="image/svg+xml; charset=utf-8")
    # Public numbers that change as articles arrive: a minute in the browser's cache is fresh enough.
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
@limits.limit_public
@limits.limit_count
def counts_page(request: HttpRequest) -> HttpResponse:
    """Every match of a search counted, and its facets: exact up to QUOTES_SEARCH_COUNTED_MATCHES, an
    estimate above (quotes.counting)."""
    form = public.QuoteSearchForm(request.GET)
    try:
        search = public.QuoteSearch.from_form(form)
    except public.InvalidSearch as error:
        return render(request, "quotes/counts.html", {"form": form, "error": str(error)}, status=400)
    counts = counting.count_matches(search)
    context = {
        "form": form,
        "search": search,
        "counts": counts,
        "active_filters": search.active_filters(counts.facets),
        "links": api_links(search),
    }
    response = render(request, "quotes/counts.html", context)
    # The search page's script asks for these after every search with more matches than it counts: a minute
    # in the browser's cache spares the database a recount when the same search is shown again.
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
@limits.limit_public
def topic_page(request: HttpRequest) -> HttpResponse:
    """The people and organisations quoted most by a search, with the search's filters."""
    form = public.QuoteSearchForm(request.GET)
    try:
        search = public.QuoteSearch.from_form(form)
    except public.InvalidSearch as error:
        return render(request, "quotes/topic.html", {"form": form, "error": str(error)}, status=400)
    topic = topics.speakers_on(search)
    rows = topics.speaker_charts(topic)
    titles = dict(public.FACET_TITLES)
    context = {
        "form": form,
        "search": search,
        "topic": topic,
        "rows": rows,
        "chart_alt": _chart_title(search),
        "links": api_links(search),
        "filters": [
            (name, titles[name], value, "?" + search.querystring(**{name: None}))
            for name, value in search.filters.items()
        ],
        "kind_links": [
            (
                label,
                "?" + search.querystring(speaker_kind=key or None),
                search.filters.get("speaker_kind", "") == key,
            )
            for key, label in SPEAKER_KIND_CHOICES
        ],
    }
    return render(request, "quotes/topic.html", context)


@require_GET
@limits.limit_public
@limits.limit_export
def export_topic_csv(request: HttpRequest) -> HttpResponse:
    """The topic view as CSV: a row per speaker, most quoted first, at most TOPIC_CSV_MAX_ROWS."""
    try:
        search = public.QuoteSearch.from_params(request.GET)
    except public.InvalidSearch as error:
        return HttpResponse(f"{error}\n", status=400, content_type="text/plain; charset=utf-8")
    topic = topics.speakers_on(search, limit=topics.TOPIC_CSV_MAX_ROWS)
    base_url = request.build_absolute_uri("/").rstrip("/")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(topics.CSV_COLUMNS)
    for rank, speaker in enumerate(topic.speakers, start=1):
        writer.writerow(
            [
                public.neutralise_formula(cell)
                for cell in topics.csv_row(rank, speaker, counted=topic.counted, base_url=base_url)
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="topic.csv"'
    response["X-Export-Max-Rows"] = str(topics.TOPIC_CSV_MAX_ROWS)
    return response


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
        "api": reverse("api:quotes") + suffix,
        "topic": reverse("topic") + suffix,
        "timeline": reverse("api:timeline") + suffix,
        "topic_api": reverse("api:topic") + suffix,
        "topic_csv": reverse("export_topic_csv") + suffix,
        "search": reverse("search") + suffix,
        "counts": reverse("counts") + suffix,
        "counts_api": reverse("api:counts") + suffix,
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
