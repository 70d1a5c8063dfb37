"""What every curation admin shares: import/export in CSV, XLSX and JSON, and change lists that stay
fast on tables of millions of rows."""

import json

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from import_export.admin import ExportActionMixin, ImportExportMixin

from .resources import CURATION_FORMATS


class BoundedCountPaginator(Paginator):
    """Counts exactly up to ``exact_limit`` rows and estimates beyond that.

    COUNT(*) over millions of rows reads them all on PostgreSQL; a change list needs only the order
    of magnitude to draw its page links. Up to the limit the count is exact (a LIMITed subquery, so
    it never reads more than limit+1 rows); past it PostgreSQL's planner estimate is used, never
    less than what was actually counted. SQLite, the small embedded database, counts exactly.
    """

    exact_limit = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list.order_by()
        bounded = queryset.values("pk")[: self.exact_limit + 1].count()
        if bounded <= self.exact_limit:
            return bounded
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return queryset.count()
        sql, params = queryset.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return max(int(plan[0]["Plan"]["Plan Rows"]), bounded)


class CurationAdmin(ImportExportMixin, ExportActionMixin, admin.ModelAdmin):
    """Import (with a dry-run preview), export of the filtered list (the Export button) or of the
    selected rows (the action), guarded by the import and export permissions."""

    formats = CURATION_FORMATS
    paginator = BoundedCountPaginator
    show_full_result_count = False
    # Facet counts are a COUNT per filter choice over the whole table.
    show_facets = admin.ShowFacets.NEVER

    def get_valid_export_item_pks(self, request):
        """Only the posted rows that this changelist may export (the library's default lists every
        primary key in the table)."""
        posted = [pk for pk in request.POST.getlist("export_items") if pk.isdigit()]
        return self.get_export_queryset(request).filter(pk__in=posted).values_list("pk", flat=True)
