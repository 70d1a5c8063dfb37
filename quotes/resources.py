"""django-import-export resources for people, organisations, affiliations and quotations.

Rows refer to each other by natural keys — slugs for people and organisations, the content hash
for articles, (article, start, end) for quotations — never by database ids, so an export from one
installation imports into another without duplicates, and importing the same file twice changes
nothing. Exports are sorted by those keys, so two exports of the same data are identical.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.formats import base_formats

from .curation import validate_span
from .models import Affiliation, Organisation, OrganisationAlias, Person, PersonAlias, Quote

# A spreadsheet treats a cell starting with one of these as a formula (or, for tab and carriage
# return, as a cell boundary that hides one). Writers of CSV/XLSX must neutralise them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def neutralise_formula(value):
    """Prefix a text cell a spreadsheet would evaluate with an apostrophe, the spreadsheet's own
    "this is text" mark. A cell that already starts with an apostrophe gets one too, so that
    ``restore_formula`` is an exact inverse and a round trip through a spreadsheet file is lossless."""
    if isinstance(value, str) and value.startswith((*FORMULA_TRIGGERS, FORMULA_GUARD)):
        return FORMULA_GUARD + value
    return value


def restore_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_GUARD):
        return value[len(FORMULA_GUARD) :]
    return value


def _map_cells(dataset, convert):
    converted = dataset.__class__(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        converted.append([convert(cell) for cell in row])
    return converted


class SpreadsheetSafeMixin:
    """A tabular format whose export cannot smuggle a formula into a spreadsheet.

    ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only strips a leading "=", letting "+", "-" and "@"
    (all formula starts in Excel and LibreOffice) through; this guards every trigger and undoes the
    guard on import."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(_map_cells(dataset, neutralise_formula), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return _map_cells(super().create_dataset(in_stream, **kwargs), restore_formula)


class SpreadsheetSafeCSV(SpreadsheetSafeMixin, base_formats.CSV):
    pass


class SpreadsheetSafeXLSX(SpreadsheetSafeMixin, base_formats.XLSX):
    pass


# CSV and XLSX for spreadsheets, JSON for programs: the formats the admin offers.
CURATION_FORMATS = [SpreadsheetSafeCSV, SpreadsheetSafeXLSX, base_formats.JSON]

ALIAS_SEPARATOR = "\n"  # names never contain a line break; spreadsheets show one name a line


# Options of the ForeignKeyWidget (Meta.widgets): people and organisations are referred to by slug,
# articles by content hash.
BY_SLUG = {"field": "slug"}
BY_CONTENT_HASH = {"field": "content_hash"}


class UsernameWidget(widgets.ForeignKeyWidget):
    """The reviewer by username. Accounts are not exported, so a reviewer unknown to this
    installation is left blank rather than failing the row (the review date still travels)."""

    def __init__(self, **kwargs):
        super().__init__(get_user_model(), field=get_user_model().USERNAME_FIELD, **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            return None


class NaturalKeyResource(resources.ModelResource):
    """Shared behaviour: deterministic export order, natural keys only, no ids."""

    export_sort: tuple[str, ...] = ()

    class Meta:
        # Inherited by every resource: an unchanged row is reported as skipped in the preview, and
        # rows are validated like a model form would (constraints included) before anything is saved.
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def filter_export(self, queryset, **kwargs):
        return queryset.order_by(*self.export_sort)


class AliasedResource(NaturalKeyResource):
    """People and organisations carry their aliases in one cell, one name per line."""

    alias_model: type = PersonAlias
    alias_owner: str = "person"

    aliases = fields.Field(column_name="aliases", attribute=None, readonly=False)

    def dehydrate_aliases(self, record) -> str:
        return ALIAS_SEPARATOR.join(sorted(alias.name for alias in record.aliases.all()))

    @staticmethod
    def aliases_in(row) -> list[str]:
        names = (row.get("aliases") or "").split(ALIAS_SEPARATOR)
        unique: dict[str, str] = {}
        for name in (name.strip() for name in names):
            if name:
                unique.setdefault(name.lower(), name)
        return list(unique.values())

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name == "aliases":
            return  # saved after the record, which it needs
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is not None and original.pk:
            current = {name.lower() for name in original.aliases.values_list("name", flat=True)}
            if current != {name.lower() for name in self.aliases_in(row)}:
                return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_save_instance(self, instance, row, **kwargs):
        if "aliases" not in row:
            return  # a file without the column leaves the aliases as they are
        wanted = {name.lower(): name for name in self.aliases_in(row)}
        existing = self.alias_model.objects.filter(**{self.alias_owner: instance})
        existing.exclude(name__in=list(wanted.values())).delete()
        kept = {name.lower() for name in existing.values_list("name", flat=True)}
        self.alias_model.objects.bulk_create(
            [
                self.alias_model(**{self.alias_owner: instance, "name": name})
                for key, name in wanted.items()
                if key not in kept
            ]
        )


class PersonResource(AliasedResource):
    alias_model = PersonAlias
    alias_owner = "person"
    export_sort = ("slug",)

    class Meta:
        model = Person
        fields = ("slug", "name", "kind", "description", "curated", "aliases")
        export_order = fields
        import_id_fields = ("slug",)

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).prefetch_related("aliases")


class OrganisationResource(AliasedResource):
    alias_model = OrganisationAlias
    alias_owner = "organisation"
    export_sort = ("slug",)

    class Meta:
        model = Organisation
        fields = ("slug", "name", "kind", "parent", "description", "curated", "aliases")
        export_order = fields
        import_id_fields = ("slug",)
        widgets = {"parent": BY_SLUG}

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("parent").prefetch_related("aliases")

    def before_import(self, dataset, **kwargs):
        """Put each parent before its children, so a parent defined in the same file exists when a
        child row refers to it (a sorted export lists "carnegie-russia…" before "carnegie-endowment")."""
        if "slug" not in dataset.headers or "parent" not in dataset.headers:
            return
        rows = list(dataset.dict)
        by_slug = {row["slug"]: row for row in rows}
        ordered: list[dict] = []
        placed: set[int] = set()

        def place(row, seen: frozenset) -> None:
            if id(row) in placed:
                return
            parent = by_slug.get(row.get("parent"))
            if parent is not None and row["slug"] not in seen:
                place(parent, seen | {row["slug"]})
            placed.add(id(row))
            ordered.append(row)

        for row in rows:
            place(row, frozenset())
        headers = dataset.headers
        del dataset[:]
        for row in ordered:
            dataset.append([row[header] for header in headers])


class AffiliationResource(NaturalKeyResource):
    export_sort = ("person__slug", "organisation__slug", "role")

    class Meta:
        model = Affiliation
        fields = ("person", "organisation", "role", "article")
        export_order = fields
        import_id_fields = ("person", "organisation", "role")
        widgets = {"person": BY_SLUG, "organisation": BY_SLUG, "article": BY_CONTENT_HASH}

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("person", "organisation", "article")


class QuoteResource(NaturalKeyResource):
    reviewed_by = fields.Field(attribute="reviewed_by", column_name="reviewed_by", widget=UsernameWidget())
    export_sort = ("article__content_hash", "start", "end")

    class Meta:
        model = Quote
        fields = (
            "article",
            "start",
            "end",
            "kind",
            "text",
            "cue",
            "speaker_mention",
            "speaker_person",
            "speaker_organisation",
            "role",
            "organisation",
            "confidence",
            "status",
            "curated",
            "reviewed_by",
            "reviewed_at",
            "extractor_version",
        )
        export_order = fields
        import_id_fields = ("article", "start", "end")
        widgets = {
            "article": BY_CONTENT_HASH,
            "speaker_person": BY_SLUG,
            "speaker_organisation": BY_SLUG,
            "organisation": BY_SLUG,
        }

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset, **kwargs)
            .select_related(
                "article", "speaker_person", "speaker_organisation", "organisation", "reviewed_by"
            )
            .defer("article__body")
        )

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The quotation's text must be exactly the article's characters at its span."""
        errors = dict(import_validation_errors or {})
        if instance.article_id and "start" not in errors and "end" not in errors:
            try:
                expected = validate_span(article=instance.article, start=instance.start, end=instance.end)
            except ValidationError as error:
                errors["end"] = error.messages
            else:
                if instance.text != expected:
                    errors["text"] = [
                        f"The text does not match the article at {instance.start}–{instance.end}: "
                        f"the article has {expected[:60]!r} there."
                    ]
        super().validate_instance(instance, errors or None, validate_unique)
