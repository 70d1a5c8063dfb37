from django.contrib import admin
from django.utils.html import format_html

from .models import Affiliation, Organisation, OrganisationAlias, Person, PersonAlias, Quote


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The span of the paragraph (line) holding body[start:end]."""
    para_start = body.rfind("\n", 0, start) + 1
    para_end = body.find("\n", end)
    return para_start, len(body) if para_end < 0 else para_end


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 0


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organisation", "article"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "slug"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [OrganisationAliasInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAliasInline, AffiliationInline]


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "organisation", "article"]
    list_select_related = ["person", "organisation", "article"]
    search_fields = ["person__name", "organisation__name", "role"]
    autocomplete_fields = ["person", "organisation", "article"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker_display", "kind", "status", "confidence", "article"]
    list_filter = ["status", "kind", "speaker_person__kind"]
    list_select_related = ["speaker_person", "speaker_organisation", "article"]
    search_fields = ["text", "speaker_person__name", "speaker_organisation__name"]
    autocomplete_fields = ["article", "speaker_person", "speaker_organisation", "organisation"]
    readonly_fields = [
        "in_context",
        "extractor_version",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]
    show_full_result_count = False

    @admin.display(description="speaker")
    def speaker_display(self, quote: Quote) -> str:
        return quote.speaker_name or "—"

    @admin.display(description="in its article")
    def in_context(self, quote: Quote) -> str:
        if not quote.pk:
            return "—"
        body = quote.article.body
        para_start, para_end = paragraph_bounds(body, quote.start, quote.end)
        return format_html(
            '<p style="max-width:60em">{}<mark>{}</mark>{}</p>',
            body[para_start : quote.start],
            body[quote.start : quote.end],
            body[quote.end : para_end],
        )
