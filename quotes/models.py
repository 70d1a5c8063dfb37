from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse

from .search import QuoteQuerySet


class OrganisationKind(models.TextChoices):
    THINK_TANK = "think_tank", "Think tank"
    GOVERNMENT = "government", "Government"
    MEDIA = "media", "Media"
    UNIVERSITY = "university", "University"
    COMPANY = "company", "Company"
    NGO = "ngo", "NGO"
    OTHER = "other", "Other"


class PersonKind(models.TextChoices):
    EXPERT = "expert", "Expert"
    OFFICIAL = "official", "Official"
    JOURNALIST = "journalist", "Journalist"
    OTHER = "other", "Other"


class QuoteKind(models.TextChoices):
    DIRECT = "direct", "Direct"
    INDIRECT = "indirect", "Indirect"
    MIXED = "mixed", "Mixed"


class QuoteStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Organisation(models.Model):
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    description = models.CharField(max_length=500, blank=True)
    curated = models.BooleanField(default=False, help_text="A curator edited it; extraction leaves it alone.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(Lower("name"), name="organisation_name_lower_idx")]
        permissions = [
            ("import_organisation", "Can import organisations"),
            ("export_organisation", "Can export organisations"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation_detail", kwargs={"slug": self.slug})


class OrganisationAlias(models.Model):
    """Another name that resolves to the organisation ("Carnegie", "the Kremlin")."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "organisation aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), "organisation", name="organisation_alias_unique"),
        ]
        indexes = [models.Index(Lower("name"), name="organisation_alias_lower_idx")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    kind = models.CharField(max_length=20, choices=PersonKind.choices, default=PersonKind.OTHER)
    description = models.CharField(max_length=500, blank=True)
    curated = models.BooleanField(default=False, help_text="A curator edited it; extraction leaves it alone.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(Lower("name"), name="person_name_lower_idx"),
            models.Index(fields=["kind"], name="person_kind_idx"),
        ]
        permissions = [("import_person", "Can import people"), ("export_person", "Can export people")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person_detail", kwargs={"slug": self.slug})


class PersonAlias(models.Model):
    """Another name that resolves to the person in later extractions ("Mr Gabuev", a misspelling)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)

    class Meta:
        verbose_name_plural = "person aliases"
        constraints = [
            models.UniqueConstraint(Lower("name"), "person", name="person_alias_unique"),
        ]
        indexes = [models.Index(Lower("name"), name="person_alias_lower_idx")]

    def __str__(self) -> str:
        return self.name


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    role = models.CharField(max_length=300, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="affiliations",
        help_text="The article where it was stated",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__name", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="affiliation_unique_role"
            ),
        ]
        permissions = [
            ("import_affiliation", "Can import affiliations"),
            ("export_affiliation", "Can export affiliations"),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.role or 'member'} of {self.organisation}"


class Statement(models.Model):
    """What one speaker said once. Each quotation row is one report of it in one article; the storage
    service groups reports (quotes/statements.py), curators merge and split them.

    The report count, the number of outlets and the first report are kept here by
    ``statements.refresh_statements`` whenever a statement's reports change, so that a list shows them
    without reading the other reports.
    """

    first_quote = models.ForeignKey(
        "Quote",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The earliest report (by publication date, then as stored)",
    )
    report_count = models.PositiveIntegerField(default=1, help_text="Reports that are not rejected")
    outlet_count = models.PositiveIntegerField(default=1, help_text="Outlets among those reports")
    curated = models.BooleanField(
        default=False, help_text="A curator merged or split it; re-extraction keeps its reports."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(report_count__gte=0), name="statement_report_count_valid"),
        ]
        indexes = [models.Index(fields=["-outlet_count", "-id"], name="statement_outlets_idx")]

    def __str__(self) -> str:
        return f"Statement {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("statement_detail", kwargs={"pk": self.pk})


class Quote(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="quotes")
    # The statement this quotation reports; every quotation has one (a statement of one report at least).
    # Blank in forms and imports: saving gives a quotation without one a statement of its own.
    statement = models.ForeignKey(Statement, blank=True, on_delete=models.PROTECT, related_name="reports")
    # The speaker: a person, or an institution speaking as such ("the Kremlin said"); neither when unnamed.
    speaker_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    # What the article states about a person speaker at this quotation.
    role = models.CharField(max_length=300, blank=True, help_text="The speaker's role as stated")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_quotes",
        help_text="The person speaker's organisation as stated",
    )
    kind = models.CharField(max_length=10, choices=QuoteKind.choices)
    text = models.TextField()
    cue = models.CharField(max_length=100, blank=True)
    speaker_mention = models.CharField(max_length=300, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    confidence = models.FloatField(default=0.5)
    status = models.CharField(max_length=10, choices=QuoteStatus.choices, default=QuoteStatus.PENDING)
    curated = models.BooleanField(default=False, help_text="A curator edited it; re-extraction keeps it.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_quotes",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    # The article's publication date, copied here by the database (search_schema.py says why): searches
    # filter and sort by it without reading the article table.
    published_at = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="quote_unique_article_span"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="quote_start_before_end"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="quote_confidence_range"
            ),
            models.CheckConstraint(
                condition=Q(speaker_person__isnull=True) | Q(speaker_organisation__isnull=True),
                name="quote_single_speaker",
            ),
        ]
        # No index on kind: with three values, a search filtered by kind would AND the words' index with
        # most of the table's rows (PostgreSQL did: 55 ms of a 150 ms search) to save little reading.
        indexes = [
            models.Index(fields=["status", "-created_at"], name="quote_status_created_idx"),
            models.Index(fields=["confidence"], name="quote_confidence_idx"),
            # The admin's unfiltered list, newest first.
            models.Index(fields=["-created_at"], name="quote_created_idx"),
            # Who speaks on a topic (quotes.topics) reads, per match, only these narrow columns: from this
            # index they come without reading the wide row (its text inline). On SQLite the topic reads
            # every match of a word through it (a word and a person at a million quotations: 690 -> 320
            # ms); on both it holds the newest quotations' columns in id order.
            models.Index(
                fields=[
                    "id",
                    "status",
                    "kind",
                    "published_at",
                    "speaker_person",
                    "speaker_organisation",
                    "article",
                    "organisation",
                ],
                name="quote_topic_idx",
            ),
        ]
        permissions = [("import_quote", "Can import quotations"), ("export_quote", "Can export quotations")]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"“{text}”"

    def save(self, *args, **kwargs) -> None:
        # A quotation saved without a statement is a statement of its own (one report).
        new_statement = self.statement_id is None
        if new_statement:
            self.statement = Statement.objects.create()
        super().save(*args, **kwargs)
        if new_statement:
            Statement.objects.filter(pk=self.statement_id).update(first_quote=self)

    @property
    def speaker(self) -> Person | Organisation | None:
        return self.speaker_person or self.speaker_organisation

    @property
    def speaker_name(self) -> str:
        speaker = self.speaker
        return speaker.name if speaker else ""


class QuoteFingerprint(models.Model):
    """One hash of a quotation's normalised words with its speaker (quotes/statements.py): the index
    through which a new quotation finds the stored ones that may report the same statement."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="fingerprints")
    hash = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quote", "hash"], name="quote_fingerprint_unique"),
        ]
        indexes = [models.Index(fields=["hash"], name="quote_fingerprint_hash_idx")]

    def __str__(self) -> str:
        return f"{self.hash} of quotation {self.quote_id}"


class QuoteSearchEntry(models.Model):
    """A quotation's row in SQLite's FTS5 index, which triggers keep (migration 0002_quote_search).

    Not managed by Django and absent on PostgreSQL, where the index is a column of ``Quote``; only the
    SQLite search backend joins it, so ranking and highlighting happen in the same scan as the match.
    """

    quote = models.OneToOneField(
        Quote,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="search_entry",
    )
    text = models.TextField()
    speaker = models.TextField()
    # FTS5's hidden column named after the table: the left side of MATCH, the first argument of bm25().
    document = models.TextField(db_column="quotes_quote_fts")

    class Meta:
        managed = False
        db_table = "quotes_quote_fts"

    def __str__(self) -> str:
        return f"Search entry of quotation {self.quote_id}"
