import os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from django.conf import settings
settings.DEBUG = False
from django.db import connection
from quotes import public
QUERIES = [{"q": "missiles", "kind": "direct", "year": "2019"}, {"q": "moscow", "person": "synthetic-1-person-0"}]
explain = "--explain" in sys.argv
for params in QUERIES:
    search = public.QuoteSearch.from_params(params)
    fields = ["id", *public.FACET_FIELDS] + (["search_rank"] if search.by_relevance else [])
    qs = search.matching().recently_added_first().values(*fields)[:public.RECENT_MATCHES]
    for _ in range(2):
        t = time.perf_counter(); rows = list(qs.all()); window = (time.perf_counter() - t) * 1000
    t = time.perf_counter(); n = search.matching().order_by().values("pk")[:10001].count(); count = (time.perf_counter() - t) * 1000
    print(f"{params}: window {window:.1f} ms ({len(rows)} rows), count {count:.1f} ms ({n})")
    if explain:
        print(qs.explain(analyze=True) if connection.vendor == "postgresql" else qs.explain())
