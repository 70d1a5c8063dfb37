"""System checks of this project (``manage.py check``; the deployment ones with ``--deploy``)."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_for_rate_limits(app_configs, **kwargs):
    """Rate limits count in the cache; a per-process cache gives each gunicorn worker its own count."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in PER_PROCESS_CACHES:
        return [
            checks.Warning(
                f"The default cache ({backend}) is not shared between processes, so each worker keeps "
                "its own rate-limit counts.",
                hint="Set CACHE_URL=redis://host:6379/0.",
                id="quotes.W001",
            )
        ]
    return []


@checks.register()
def search_pages_within_the_recent_matches(app_configs, **kwargs):
    """The search page lists the recent matches only (quotes.public.RECENT_MATCHES); pages past them would
    show the last page again."""
    from .public import RECENT_MATCHES
    from .views import RESULTS_PER_PAGE

    reachable = settings.QUOTES_MAX_PAGE * RESULTS_PER_PAGE
    deepest = RECENT_MATCHES // RESULTS_PER_PAGE
    if reachable > RECENT_MATCHES:
        return [
            checks.Warning(
                f"QUOTES_MAX_PAGE={settings.QUOTES_MAX_PAGE} allows {reachable} search results, but a search "
                f"lists at most the {RECENT_MATCHES} most recently added matches.",
                hint=f"Set QUOTES_MAX_PAGE to at most {deepest} (the API pages further).",
                id="quotes.W002",
            )
        ]
    return []
