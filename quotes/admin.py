"""The curators' workbench: the review queue, corrections, merges, import and export.

Admin classes hold no state of their own (one instance serves every request); the decisions
themselves are made by the service functions in ``quotes.curation``.
"""

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from .admin_base import CurationAdmin
from .curation import (
    MergeResult,
    curate_quote,
    merge_organisations,
    merge_people,
    review_quotes,
    validate_span,
)
from .models import (
    Affiliation,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Quote,
    QuoteStatus,
    Statement,
)
from .resources import AffiliationResource, OrganisationResource, PersonResource, QuoteResource
from .statements import delete_quotes, merge_statements, split_report, word_diff

# Confidence bands for the review queue: (lower bound inclusive, upper bound exclusive).
CONFIDENCE_BANDS = {
    "low": ("Low (below 0.5)", 0.0, 0.5),
    "medium": ("Medium (0.5 to 0.8)", 0.5, 0.8),
    "high": ("High (0.8 and above)", 0.8, None),
}
MAX_MERGE = 50  # a merge is a deliberate choice among a few records, not a bulk operation


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The span of the paragraph (line) holding body[start:end]."""
    para_start = body.rfind("\n", 0, start) + 1
    para_end = body.find("\n", end)
    return para_start, len(body) if para_end < 0 else para_end


def _nearest_mention(
    body: str, lo: int, hi: int, start: int, end: int, mention: str
) -> tuple[int, int] | None:
    """The occurrence of the mention in body[lo:hi], outside the quotation, closest to it."""
    if not mention.strip():
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)")
    best = None
    for match in pattern.finditer(body, lo, hi):
        if match.start() < end and match.end() > start:
            continue  # inside the quotation: the speaker is named around it, not in it
        distance = start - match.end() if match.end() <= start else match.start() - end
        if best is None or distance < best[0]:
            best = (distance, match.start(), match.end())
    return None if best is None else (best[1], best[2])


def context_segments(body: str, start: int, end: int, mention: str) -> list[tuple[str, str]]:
    """The paragraph holding the quotation cut into (role, text) pieces: "quote" for the quotation,
    "speaker" for the speaker as mentioned, "text" for the rest. When the mention is not in the
    quotation's paragraph (a pronoun resolved across paragraphs), the paragraph before is shown too
    if it holds it."""
    para_start, para_end = paragraph_bounds(body, start, end)
    mention_span = _nearest_mention(body, para_start, para_end, start, end, mention)
    if mention_span is None and para_start > 0:
        previous_end = para_start - 1
        while previous_end > 0 and body[previous_end - 1] == "\n":
            previous_end -= 1
        previous_start = body.rfind("\n", 0, previous_end) + 1
        mention_span = _nearest_mention(body, previous_start, previous_end, start, end, mention)
        if mention_span is not None:
            para_start = previous_start
    marks = [(start, end, "quote")]
    if mention_span is not None:
        marks.append((*mention_span, "speaker"))
    segments = []
    position = para_start
    for mark_start, mark_end, role in sorted(marks):
        segments.append(("text", body[position:mark_start]))
        segments.append((role, body[mark_start:mark_end]))
        position = mark_end
    segments.append(("text", body[position:para_end]))
    return [(role, text) for role, text in segments if text]


SEGMENT_MARKUP = {
    "text": "{}",
    "quote": '<mark class="quotation">{}</mark>',
    "speaker": '<strong class="speaker-mention" style="text-decoration:underline">{}</strong>',
}


def public_quote_url(quote: Quote) -> str:
    """The quotation on the public article page; the page's route may not be installed yet."""
    try:
        path = reverse("article_detail", args=[quote.article_id])
    except NoReverseMatch:
        path = f"/articles/{quote.article_id}/"
    return f"{path}#quote-{quote.pk}"


class ReviewStatusFilter(admin.SimpleListFilter):
    """The review queue: pending quotations unless the curator asks for another status, or all."""

    title = "review status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*QuoteStatus.choices, (self.ALL, "All")]

    def selected(self) -> str:
        return self.value() or QuoteStatus.PENDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.selected() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        status = self.selected()
        if status == self.ALL:
            return queryset
        if status not in QuoteStatus.values:
            return queryset.none()
        return queryset.filter(status=status)


class ConfidenceBandFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence_band"

    def lookups(self, request, model_admin):
        return [(band, label) for band, (label, _low, _high) in CONFIDENCE_BANDS.items()]

    def queryset(self, request, queryset):
        if self.value() not in CONFIDENCE_BANDS:
            return queryset
        _label, low, high = CONFIDENCE_BANDS[self.value()]
        queryset = queryset.filter(confidence__gte=low)
        return queryset if high is None else queryset.filter(confidence__lt=high)


class QuoteAdminForm(forms.ModelForm):
    """Span edits are checked against the article; the text then follows the span."""

    class Meta:
        model = Quote
        fields = [
            "article",
            "start",
            "end",
            "kind",
            "speaker_person",
            "speaker_organisation",
            "role",
            "organisation",
            "status",
        ]

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article") or (self.instance.article if self.instance.article_id else None)
        start, end = cleaned.get("start"), cleaned.get("end")
        if article is not None and start is not None and end is not None:
            try:
                validate_span(article=article, start=start, end=end)
            except ValidationError as error:
                self.add_error("end", error)
            else:
                clash = Quote.objects.filter(article=article, start=start, end=end).exclude(
                    pk=self.instance.pk
                )
                if clash.exists():
                    self.add_error("start", "Another quotation of this article has exactly this span.")
        if cleaned.get("speaker_person") and cleaned.get("speaker_organisation"):
            raise ValidationError("A quotation has one speaker: a person or an organisation, not both.")
        return cleaned


@admin.register(Quote)
class QuoteAdmin(CurationAdmin):
    form = QuoteAdminForm
    resource_classes = [QuoteResource]
    list_display = [
        "quotation",
        "speaker_display",
        "kind",
        "status",
        "confidence",
        "curated",
        "article_display",
    ]
    list_filter = [
        ReviewStatusFilter,
        "kind",
        ConfidenceBandFilter,
        ("speaker_person__kind", admin.ChoicesFieldListFilter),
        "article__publication",
        "curated",
    ]
    list_select_related = ["speaker_person", "speaker_organisation", "article"]
    # Newest first; the (status, created_at) index serves the default pending queue.
    ordering = ["-created_at"]
    search_fields = ["text", "speaker_person__name", "speaker_organisation__name"]
    search_help_text = "Words of the quotation or the speaker's name."
    autocomplete_fields = ["article", "speaker_person", "speaker_organisation", "organisation"]
    actions = ["approve_selected", "reject_selected", "split_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "in_context",
                    "public_page",
                    "statement_link",
                    "article",
                    "text",
                    ("start", "end"),
                    "kind",
                    "cue",
                ]
            },
        ),
        (
            "Speaker",
            {"fields": ["speaker_mention", "speaker_person", "speaker_organisation", "role", "organisation"]},
        ),
        ("Review", {"fields": ["status", "curated", "confidence", "reviewed_by", "reviewed_at"]}),
        (
            "Provenance",
            {"fields": ["extractor_version", "created_at", "updated_at"], "classes": ["collapse"]},
        ),
    ]
    # What the machine saw and decided is provenance: curators correct the span, speaker, kind,
    # role and organisation, and the text follows the span.
    readonly_fields = [
        "in_context",
        "public_page",
        "statement_link",
        "text",
        "cue",
        "speaker_mention",
        "confidence",
        "curated",
        "extractor_version",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]

    def delete_model(self, request, obj) -> None:
        # Through the service, so the statement the quotation reported is recounted, or deleted when it
        # has no report left.
        delete_quotes(quotes=[obj])

    def delete_queryset(self, request, queryset) -> None:
        delete_quotes(quotes=queryset)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "article"] if obj is not None else readonly

    def get_queryset(self, request):
        # Article bodies are long and the list shows only titles; the change page loads its own.
        return super().get_queryset(request).defer("article__body")

    @admin.display(description="quotation", ordering="text")
    def quotation(self, quote: Quote) -> str:
        return str(quote)

    @admin.display(description="speaker")
    def speaker_display(self, quote: Quote) -> str:
        return quote.speaker_name or "—"

    @admin.display(description="article", ordering="article")
    def article_display(self, quote: Quote) -> str:
        return str(quote.article)

    @admin.display(description="in its article")
    def in_context(self, quote: Quote) -> str:
        if not quote.pk:
            return "—"
        segments = context_segments(quote.article.body, quote.start, quote.end, quote.speaker_mention)
        return format_html(
            '<div class="quote-in-context" style="max-width:60em;white-space:pre-wrap">{}</div>',
            format_html_join(
                "", "{}", ((format_html(SEGMENT_MARKUP[role], text),) for role, text in segments)
            ),
        )

    @admin.display(description="public page")
    def public_page(self, quote: Quote) -> str:
        if not quote.pk:
            return "—"
        url = public_quote_url(quote)
        return format_html('<a href="{}">{}</a>', url, url)

    def save_model(self, request, obj, form, change):
        curate_quote(quote=obj, changed_fields=form.changed_data, user=request.user)

    def _review(self, request, queryset, status: QuoteStatus) -> None:
        count = review_quotes(quotes=queryset, status=status, user=request.user)
        self.message_user(request, f"{count} quotation(s) marked {status.label.lower()}.", messages.SUCCESS)

    @admin.action(description="Approve selected quotations", permissions=["change"])
    def approve_selected(self, request, queryset):
        self._review(request, queryset, QuoteStatus.APPROVED)

    @admin.action(description="Reject selected quotations", permissions=["change"])
    def reject_selected(self, request, queryset):
        self._review(request, queryset, QuoteStatus.REJECTED)

    @admin.display(description="Statement")
    def statement_link(self, quote: Quote) -> str:
        if quote.statement_id is None:
            return "–"
        url = reverse("admin:quotes_statement_change", args=[quote.statement_id])
        return format_html('<a href="{}">Statement {}</a>', url, quote.statement_id)

    @admin.action(description="Split selected reports off their statements", permissions=["change"])
    def split_selected(self, request, queryset):
        done = 0
        for quote in queryset.order_by("pk"):
            try:
                split_report(quote=quote)
            except ValidationError as error:
                self.message_user(request, f"{quote}: {error.messages[0]}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(
                request, f"{done} report(s) split off into statements of their own.", messages.SUCCESS
            )


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    """A statement and all its reports: outlet, date, article, the words as each printed them and how they
    differ from the first report. Curators merge statements (action) and split a report off (the
    quotation list's action, or the link beside each report)."""

    list_display = ["__str__", "first_words", "speaker", "report_count", "outlet_count", "curated"]
    list_filter = ["curated"]
    list_select_related = ["first_quote__speaker_person", "first_quote__speaker_organisation"]
    search_fields = ["reports__text"]
    search_help_text = "Words of one of its reports."
    ordering = ["-outlet_count", "-id"]
    paginator = CurationAdmin.paginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = ["merge_selected"]
    fields = ["reports_table", "report_count", "outlet_count", "curated", "created_at", "updated_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False  # statements come from quotations

    def get_queryset(self, request):
        return super().get_queryset(request).defer("first_quote__text")

    @admin.display(description="First report")
    def first_words(self, statement: Statement) -> str:
        quote = statement.first_quote
        if quote is None:
            return "–"
        return str(quote)

    @admin.display(description="Speaker")
    def speaker(self, statement: Statement) -> str:
        quote = statement.first_quote
        return quote.speaker_name if quote is not None else ""

    @admin.display(description="Reports")
    def reports_table(self, statement: Statement) -> str:
        reports = list(
            statement.reports.select_related("article__publication", "speaker_person", "speaker_organisation")
            .defer("article__body")
            .order_by(models.F("published_at").asc(nulls_last=True), "id")
        )
        first = next(
            (q for q in reports if q.pk == statement.first_quote_id), reports[0] if reports else None
        )
        rows = []
        for quote in reports:
            article = quote.article
            diff = (
                format_html_join(
                    " ",
                    '<span class="diff-{}">{}</span>',
                    ((op, words) for op, words in word_diff(first.text, quote.text)),
                )
                if first is not None and quote.pk != first.pk
                else "(first report)"
            )
            rows.append(
                (
                    article.publication.name if article.publication else "–",
                    article.published_at.isoformat() if article.published_at else "–",
                    reverse("admin:articles_article_change", args=[article.pk]),
                    str(article)[:80],
                    " (copy)" if article.copy_of_id else "",
                    quote.speaker_name or "–",
                    quote.get_kind_display(),
                    reverse("admin:quotes_quote_change", args=[quote.pk]),
                    quote.text,
                    diff,
                )
            )
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td><a href='{}'>{}</a>{}</td><td>{}</td><td>{}</td>"
            "<td><a href='{}'>{}</a></td><td>{}</td></tr>",
            rows,
        )
        return format_html(
            "<style>.diff-missing{{text-decoration:line-through;color:#a00}}.diff-added{{background:#dfd}}</style>"
            "<table><thead><tr><th>Outlet</th><th>Date</th><th>Article</th><th>Speaker</th><th>Kind</th>"
            "<th>Words as printed</th><th>Against the first report</th></tr></thead><tbody>{}</tbody></table>"
            "<p>To split a report off, select it in the quotation list and choose "
            "<em>Split selected reports off their statements</em>.</p>",
            body,
        )

    @admin.action(description="Merge selected statements (into the oldest)", permissions=["change"])
    def merge_selected(self, request, queryset):
        selected = list(queryset.order_by("pk")[: MAX_MERGE + 1])
        if len(selected) < 2 or len(selected) > MAX_MERGE:
            self.message_user(request, f"Select from 2 to {MAX_MERGE} statements to merge.", messages.WARNING)
            return
        keep, others = selected[0], selected[1:]
        moved = merge_statements(keep=keep, others=others)
        self.log_change(request, keep, f"Merged into it: {', '.join(str(o) for o in others)}.")
        self.message_user(
            request,
            f"Merged {len(others)} statement(s) into {keep}: {moved} report(s) moved.",
            messages.SUCCESS,
        )


def merge_view(modeladmin, request, queryset):
    """The merge action: a confirmation page to choose the record to keep, then the merge through
    the admin's ``merge`` service. ``merge_rows`` annotates the records with what each holds, so the
    curator sees what moves."""
    opts = modeladmin.model._meta
    selected = list(modeladmin.merge_rows(queryset)[: MAX_MERGE + 1])
    if len(selected) < 2:
        modeladmin.message_user(
            request, f"Select at least two {opts.verbose_name_plural} to merge.", messages.WARNING
        )
        return None
    if len(selected) > MAX_MERGE:
        modeladmin.message_user(
            request, f"Merge at most {MAX_MERGE} {opts.verbose_name_plural} at a time.", messages.WARNING
        )
        return None
    if request.POST.get("post") == "yes":
        keep = next((record for record in selected if str(record.pk) == request.POST.get("keep")), None)
        if keep is None:
            modeladmin.message_user(request, "Choose the record to keep.", messages.ERROR)
        else:
            others = [record for record in selected if record.pk != keep.pk]
            names = ", ".join(other.name for other in others)
            result: MergeResult = modeladmin.merge(keep=keep, others=others)
            modeladmin.log_change(request, keep, f"Merged into it: {names}.")
            modeladmin.message_user(
                request,
                f"Merged {names} into {keep.name}: {result.quotes_moved} quotation link(s) and "
                f"{result.affiliations_moved} affiliation(s) moved ({result.affiliations_dropped} duplicate "
                f"affiliation(s) dropped), {result.aliases_added} alias(es) added.",
                messages.SUCCESS,
            )
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {opts.verbose_name_plural}",
        "opts": opts,
        "records": selected,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "admin/merge_confirmation.html", context)


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organisation", "article"]
    readonly_fields = ["created_at"]


class CuratedRecordAdmin(CurationAdmin):
    """People and organisations: a curator's edit marks the record curated, so extraction leaves
    it alone."""

    actions = ["merge_selected"]

    def save_model(self, request, obj, form, change):
        obj.curated = True
        super().save_model(request, obj, form, change)

    quote_relations: tuple[str, ...] = ()  # the reverse relations from Quote, for the counts

    def merge_rows(self, queryset):
        """The records to choose from, with what each holds; the busiest first, as the likely keeper."""
        quote_count = sum(
            (Count(relation, distinct=True) for relation in self.quote_relations[1:]),
            Count(self.quote_relations[0], distinct=True),
        )
        return queryset.annotate(
            quote_count=quote_count,
            affiliation_count=Count("affiliations", distinct=True),
            alias_count=Count("aliases", distinct=True),
        ).order_by("-quote_count", "name")

    def has_merge_permission(self, request) -> bool:
        """A merge edits the kept record and deletes the others, so it needs both permissions (an
        action's ``permissions`` list lets through a user holding any one of them)."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected %(verbose_name_plural)s…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        return merge_view(self, request, queryset)


@admin.register(Person)
class PersonAdmin(CuratedRecordAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "kind", "slug", "curated"]
    list_filter = ["kind", "curated"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["curated", "created_at", "updated_at"]
    inlines = [PersonAliasInline, AffiliationInline]

    def merge(self, *, keep: Person, others: list[Person]) -> MergeResult:
        return merge_people(keep=keep, others=others)

    quote_relations = ("quotes",)


@admin.register(Organisation)
class OrganisationAdmin(CuratedRecordAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "kind", "parent", "slug", "curated"]
    list_filter = ["kind", "curated"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["curated", "created_at", "updated_at"]
    inlines = [OrganisationAliasInline]

    def merge(self, *, keep: Organisation, others: list[Organisation]) -> MergeResult:
        return merge_organisations(keep=keep, others=others)

    quote_relations = ("quotes", "member_quotes")


@admin.register(Affiliation)
class AffiliationAdmin(CurationAdmin):
    resource_classes = [AffiliationResource]
    list_display = ["person", "role", "organisation", "article"]
    list_select_related = ["person", "organisation", "article"]
    search_fields = ["person__name", "organisation__name", "role"]
    autocomplete_fields = ["person", "organisation", "article"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body")
