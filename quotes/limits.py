"""Limits that keep the public site, API and exports answering under abuse: per-client rate limits
(django-ratelimit, counted in the default cache), the longest search query and the deepest page. Each is a
setting (config/settings.py), read per request so tests and deployments can change it without code. (The
largest export, QUOTES_EXPORT_MAX_ROWS, goes into the exports' own SQL: see the export views.)
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django_ratelimit.decorators import ratelimit


class PageTooDeep(BadRequest):
    """A page number beyond QUOTES_MAX_PAGE; the message says what to do instead."""


def rate_in(setting: str) -> Callable[[str, HttpRequest], str | None]:
    """django-ratelimit's rate, read from ``setting`` on each request (empty: no limit)."""

    def rate(group: str, request: HttpRequest) -> str | None:
        return getattr(settings, setting) or None

    return rate


# Every public view counts against one budget per client address; exports and the count page, which read
# the most rows, also against a smaller one of their own each.
limit_public = ratelimit(group="public", key="ip", rate=rate_in("QUOTES_RATE_LIMIT"), block=True)
limit_export = ratelimit(group="export", key="ip", rate=rate_in("QUOTES_EXPORT_RATE_LIMIT"), block=True)
limit_count = ratelimit(group="count", key="ip", rate=rate_in("QUOTES_COUNT_RATE_LIMIT"), block=True)


def page_number(request: HttpRequest) -> str | None:
    """The requested page, refused past QUOTES_MAX_PAGE: a deep OFFSET reads every row before it."""
    raw = request.GET.get("page")
    if raw is not None and raw.isdigit() and int(raw) > settings.QUOTES_MAX_PAGE:
        raise PageTooDeep(
            f"page: at most {settings.QUOTES_MAX_PAGE}; narrow the search, or page through the API "
            "with its cursor"
        )
    return raw
