"""Deployment checks of this project (run by ``manage.py check --deploy``)."""

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
