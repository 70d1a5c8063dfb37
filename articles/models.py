import datetime

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
    # A near copy of a stored article (the same wire story with another headline, byline, boilerplate, a
    # paragraph added or cut), found at ingest by articles/copies.py; null for an original.
    copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="The stored article this one is a near copy of",
    )

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


class ArticleSignature(models.Model):
    """An article's MinHash signature (articles/copies.py): the values that estimate how much of its
    text another article shares, kept so that ingest never recomputes the stored articles'."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="signature")
    minhash = models.BinaryField(help_text="The MinHash values, unsigned 64-bit little-endian")

    def __str__(self) -> str:
        return f"Signature of article {self.article_id}"


class ArticleBand(models.Model):
    """One locality-sensitive hashing band of an article's signature: articles that share a band hash are
    the candidates a new article is compared with, found through the index."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    hash = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "hash"], name="article_band_unique")]
        indexes = [models.Index(fields=["hash"], name="article_band_hash_idx")]

    def __str__(self) -> str:
        return f"{self.hash} of article {self.article_id}"


class SourceKind(models.TextChoices):
    RSS = "rss", "RSS feed"
    ATOM = "atom", "Atom feed"
    SITEMAP = "sitemap", "Sitemap"


class Source(models.Model):
    """A feed or sitemap that ``poll_sources`` (or celery beat) reads for new articles."""

    publication = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    url = models.URLField(max_length=2000, help_text="The feed's or sitemap's address")
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    active = models.BooleanField(default=True, help_text="Paused sources are not polled")
    poll_interval = models.DurationField(
        default=datetime.timedelta(hours=1), help_text="Time between polls, e.g. 01:00:00 for an hour"
    )
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(
        null=True, blank=True, help_text="When the source is due next; empty means now"
    )
    last_error = models.CharField(max_length=500, blank=True, editable=False)
    last_new_articles = models.PositiveIntegerField(
        default=0, editable=False, help_text="Article URLs the last poll found that were not seen before"
    )
    failure_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Failed polls in a row; each doubles the wait (back-off)"
    )
    # The last answer's validators, sent back for a conditional GET.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["url"]
        constraints = [
            models.UniqueConstraint(fields=["url"], name="source_unique_url"),
            models.CheckConstraint(
                condition=Q(poll_interval__gte=datetime.timedelta(minutes=1)),
                name="source_poll_interval_at_least_a_minute",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[kind.value for kind in SourceKind]), name="source_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["active", "next_poll_at"], name="source_due_idx")]

    def __str__(self) -> str:
        return self.url


class EntryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    STORED = "stored", "Stored"
    DUPLICATE = "duplicate", "Text already stored"
    FORBIDDEN = "forbidden", "Forbidden"
    FAILED = "failed", "Failed"


class SourceEntry(models.Model):
    """An article URL a source listed: found once, fetched once. Its URL is unique across sources, so two
    feeds listing the same page (or two workers polling one feed) fetch it once."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="entries")
    url = models.URLField(max_length=2000)
    status = models.CharField(max_length=16, choices=EntryStatus.choices, default=EntryStatus.PENDING)
    error = models.CharField(max_length=500, blank=True)
    # A failure worth trying again at a later poll (network), as opposed to a page that is not an article.
    retry = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_entries"
    )
    found_at = models.DateTimeField(default=timezone.now)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-found_at"]
        verbose_name_plural = "source entries"
        constraints = [
            models.UniqueConstraint(fields=["url"], name="source_entry_unique_url"),
            models.CheckConstraint(
                condition=Q(status__in=[status.value for status in EntryStatus]),
                name="source_entry_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["source", "status"], name="source_entry_status_idx")]

    def __str__(self) -> str:
        return self.url
