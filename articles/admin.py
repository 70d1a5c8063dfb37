from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse

from quotes.admin_base import CurationAdmin

from .models import Article, Publication
from .resources import ArticleResource


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


def reextract(article: Article) -> str:
    """Run the extraction service the `extract_quotes` command uses; curated quotations are kept."""
    from quotes.storage import reextract_article

    result = reextract_article(article=article)
    return f"Re-extracted “{article}”" + (f": {result}." if result else ".")


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

    def _reextract_and_report(self, request, article: Article) -> None:
        try:
            self.message_user(request, reextract(article), messages.SUCCESS)
        except ImportError:
            self.message_user(
                request,
                "Re-extraction is not available: the extraction service is not installed.",
                messages.ERROR,
            )

    @admin.action(
        description="Re-extract selected articles (curated quotations are kept)", permissions=["change"]
    )
    def reextract_selected(self, request, queryset):
        for article in queryset:
            self._reextract_and_report(request, article)

    def reextract_view(self, request, object_id):
        """The "Re-extract" button on an article's change page (a POST)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No such article.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        self._reextract_and_report(request, article)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
