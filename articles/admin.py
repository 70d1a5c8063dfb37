import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse

from articles import polling, tasks
from quotes import pipeline, statements
from quotes.admin_base import CurationAdmin
from quotes.storage import StoreResult

from .models import Article, Publication, Source, SourceEntry
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

    def delete_model(self, request, obj) -> None:
        # Through the service, so the statements the article's quotations reported are kept whole.
        statements.delete_articles(articles=[obj])

    def delete_queryset(self, request, queryset) -> None:
        statements.delete_articles(articles=queryset)

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


class SourceStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("ok", "OK"), ("failing", "Failing"), ("due", "Due")]

    def queryset(self, request, queryset):
        if self.value() == "ok":
            return queryset.filter(last_error="")
        if self.value() == "failing":
            return queryset.exclude(last_error="")
        if self.value() == "due":
            return queryset.filter(pk__in=polling.due_sources())
        return queryset


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "url",
        "kind",
        "publication",
        "active",
        "status",
        "last_polled_at",
        "last_new_articles",
        "next_poll_at",
        "failure_count",
    ]
    list_filter = [SourceStatusFilter, "active", "kind", "publication"]
    list_select_related = ["publication"]
    search_fields = ["url", "publication__name"]
    autocomplete_fields = ["publication"]
    readonly_fields = [
        "last_polled_at",
        "last_error",
        "last_new_articles",
        "failure_count",
        "etag",
        "last_modified",
        "created_at",
    ]
    actions = ["poll_now", "pause", "resume"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="status")
    def status(self, source: Source) -> str:
        if not source.active:
            return "paused"
        return f"error: {source.last_error}" if source.last_error else "ok"

    @admin.action(description="Poll selected sources now", permissions=["change"])
    def poll_now(self, request, queryset):
        """On the queue when there is one (the page returns at once); else here, which may take a while."""
        chosen = list(queryset)
        if tasks.queue_enabled():
            try:
                sent = tasks.enqueue_sources(chosen)
            except tasks.QueueUnavailable as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            self.message_user(request, f"Queued {sent} source(s) for polling.", messages.SUCCESS)
            return
        for source in chosen:
            result = polling.poll_source(source=source)
            level = messages.ERROR if result.error else messages.SUCCESS
            self.message_user(request, result.summary(), level)

    @admin.action(description="Pause selected sources", permissions=["change"])
    def pause(self, request, queryset):
        self.message_user(request, f"Paused {queryset.update(active=False)} source(s).", messages.SUCCESS)

    @admin.action(description="Resume selected sources", permissions=["change"])
    def resume(self, request, queryset):
        self.message_user(request, f"Resumed {queryset.update(active=True)} source(s).", messages.SUCCESS)


@admin.register(SourceEntry)
class SourceEntryAdmin(admin.ModelAdmin):
    list_display = ["url", "source", "status", "error", "attempts", "found_at", "fetched_at"]
    list_filter = ["status", "source"]
    list_select_related = ["source"]
    search_fields = ["url"]
    readonly_fields = [f.name for f in SourceEntry._meta.fields]

    def has_add_permission(self, request):
        return False
