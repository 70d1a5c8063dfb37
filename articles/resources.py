"""django-import-export resource for articles: identified by their content hash, the natural key
quotations refer to, so that articles and their quotations move between installations intact."""

from import_export import fields, widgets

from quotes.resources import NaturalKeyResource

from .models import Article, Publication


class PublicationNameWidget(widgets.ForeignKeyWidget):
    """The publication by name; one this installation has not seen yet is created, as ingestion
    would create it."""

    def __init__(self, **kwargs):
        super().__init__(Publication, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        name = (value or "").strip()
        if not name:
            return None
        return Publication.objects.get_or_create(name=name)[0]


class ArticleResource(NaturalKeyResource):
    publication = fields.Field(
        attribute="publication", column_name="publication", widget=PublicationNameWidget()
    )
    export_sort = ("content_hash",)

    class Meta:
        model = Article
        fields = (
            "content_hash",
            "url",
            "title",
            "publication",
            "published_at",
            "author",
            "language",
            "source_name",
            "ingested_at",
            "extracted_at",
            "extractor_version",
            "body",
        )
        export_order = fields
        import_id_fields = ("content_hash",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("publication")
