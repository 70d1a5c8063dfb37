"""django-import-export resource for articles: identified by their content hash, the natural key
quotations refer to, so that articles and their quotations move between installations intact.

The hash is the one ingestion computes (SHA-256 of the body): a row may leave it blank and get it
from its body, but a row whose hash does not match its body is refused — the same text under two
hashes would become two articles, and a changed body under an old hash would misplace every
quotation offset pointing into it."""

from import_export import fields, widgets

from quotes.resources import NaturalKeyResource

from .ingest import content_hash
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

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("publication")

    def before_import_row(self, row, **kwargs):
        if not (row.get("content_hash") or "").strip() and row.get("body"):
            row["content_hash"] = content_hash(row["body"])

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.body and instance.content_hash != content_hash(instance.body):
            errors["content_hash"] = ["The content hash is not the SHA-256 of the body."]
        super().validate_instance(instance, errors or None, validate_unique)
