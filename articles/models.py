from django.db import models
from django.db.models import Q
from django.utils import timezone


class Publication(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True, help_text="e.g. ft.com; empty when unknown")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain"], condition=~Q(domain=""), name="publication_unique_domain"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    title = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    published_at = models.DateField(null=True, blank=True)
    author = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="The cleaned text; every quotation offset refers to it.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    source_name = models.CharField(max_length=2000, blank=True, help_text="The file name or URL it came from")
    language = models.CharField(max_length=16, default="en")
    ingested_at = models.DateTimeField(default=timezone.now, editable=False)
    extracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    extractor_version = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="article_unique_url"),
        ]
        indexes = [
            models.Index(fields=["published_at"], name="article_published_idx"),
            models.Index(fields=["source_name"], name="article_source_idx"),
            models.Index(fields=["extractor_version"], name="article_extractor_version_idx"),
        ]
        permissions = [("import_article", "Can import articles"), ("export_article", "Can export articles")]

    def __str__(self) -> str:
        return self.title or self.source_name or f"Article {self.pk}"
