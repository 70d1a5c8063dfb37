"""Change lists on big tables: counts are bounded, never a full COUNT(*) over millions of rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.admin_base import BoundedCountPaginator
from quotes.models import Quote


class TinyLimitPaginator(BoundedCountPaginator):
    exact_limit = 2


def test_small_results_are_counted_exactly(newsroom):
    assert BoundedCountPaginator(Quote.objects.all(), 100).count == 4
    assert BoundedCountPaginator(Quote.objects.filter(status="pending"), 100).count == 2


def test_count_reads_at_most_limit_plus_one_rows(newsroom):
    with CaptureQueriesContext(connection) as queries:
        assert TinyLimitPaginator(Quote.objects.filter(status="pending"), 100).count == 2
    assert len(queries) == 1 and "LIMIT 3" in queries[0]["sql"].upper()


def test_past_the_limit_the_count_is_estimated_on_postgresql_and_exact_on_sqlite(newsroom):
    count = TinyLimitPaginator(Quote.objects.all(), 100).count
    if connection.vendor == "postgresql":
        assert count >= 3  # the planner's estimate, never below what was counted
    else:
        assert count == 4
