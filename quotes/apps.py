from django.apps import AppConfig
from django.db.models.signals import post_migrate


def repair_search_index(sender, using="default", **kwargs) -> None:
    # SQLite remakes a table to alter it, dropping its triggers: put the search index's back.
    from django.db import connections

    from .search_schema import ensure_search_index

    ensure_search_index(connections[using])


class QuotesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "quotes"
    verbose_name = "Quotations"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)

        post_migrate.connect(repair_search_index, sender=self)
