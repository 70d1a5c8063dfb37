import pytest
from django.core.cache import cache

from articles.fetch import forget_robots

from .site import Site


@pytest.fixture
def site():
    site = Site().start()
    yield site
    site.stop()


@pytest.fixture(autouse=True)
def fetch_settings(settings):
    """Loopback is a private address: the tests allow it. No delay between requests unless a test sets
    one; short time-outs and a 1 MB cap so the slow and huge pages fail quickly."""
    settings.QUOTES_FETCH_ALLOW_PRIVATE = True
    settings.QUOTES_FETCH_DELAY = 0
    settings.QUOTES_FETCH_TIMEOUT = 1
    settings.QUOTES_FETCH_MAX_BYTES = 1024 * 1024
    settings.CELERY_BROKER_URL = ""
    forget_robots()
    cache.clear()
    yield
    forget_robots()
    cache.clear()
