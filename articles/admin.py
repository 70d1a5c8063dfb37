from django.contrib import admin

from .models import Article, Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publication", "published_at", "source_name", "extracted_at"]
    list_filter = ["publication", "published_at", "extractor_version"]
    list_select_related = ["publication"]
    search_fields = ["title", "url", "source_name"]
    autocomplete_fields = ["publication"]
    date_hierarchy = "published_at"
    readonly_fields = ["content_hash", "ingested_at", "extracted_at", "extractor_version"]
    show_full_result_count = False
