import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse

from quotes import pipeline
from quotes.admin_base import CurationAdmin
from quotes.storage import StoreResult

from .models import Article, Publication
from .resources import ArticleResource

logger = logging.getLogger(__name__)


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(Article)
class ArticleAdmin(CurationAdmin):
    resource_classes = [ArticleResource]
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["__str__", "publication", "published_at", "source_name", "extracted_at"]
    list_filter = ["publication", "published_at", "extractor_version"]
    list_select_related = ["publication"]
    search_fields = ["title", "url", "source_name"]
    autocomplete_fields = ["publication"]
    date_hierarchy = "published_at"
    readonly_fields = ["content_hash", "ingested_at", "extracted_at", "extractor_version"]
    actions = ["reextract_selected"]
    # A URL typed without a scheme is taken as https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Every quotation's offsets point into the body: editing it would silently misplace them all.
        return [*readonly, "body"] if obj is not None else readonly

    def get_urls(self):
        return [
            path(
                "<path:object_id>/reextract/",
                self.admin_site.admin_view(self.reextract_view),
                name="articles_article_reextract",
            ),
            *super().get_urls(),
        ]

    def _reextract(self, request, articles) -> None:
        """Through the service `extract_quotes --force` uses: curated, approved and rejected
        quotations stay. Each article is its own transaction, so one failure costs only that one."""
        total = StoreResult()
        for article in articles:
            try:
                outcome = pipeline.reextract(article=article)
            except Exception as error:  # e.g. the model cannot load: reported, not a 500
                logger.exception("Re-extracting article %s failed", article.pk)
                self.message_user(request, f"Re-extracting “{article}” failed: {error}", messages.ERROR)
                continue
            if outcome.failed:
                message = f"Re-extracting “{article}” failed: {outcome.error}"
                self.message_user(request, message, messages.ERROR)
            else:
                total += outcome.stored
        if total.articles_reextracted:
            self.message_user(request, f"Re-extracted. {total.summary()}", messages.SUCCESS)

    @admin.action(
        description="Re-extract selected articles (curated quotations are kept)", permissions=["change"]
    )
    def reextract_selected(self, request, queryset):
        self._reextract(request, queryset.iterator())

    def reextract_view(self, request, object_id):
        """The "Re-extract" button on an article's change page (a POST)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        self._reextract(request, [article])
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
