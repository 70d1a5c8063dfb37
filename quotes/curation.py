"""Curators' decisions as service functions: review, edit, merge.

The admin calls these (actions and save_model); they hold the rules so that any other caller — a
command, a test, a future API — gets the same behaviour. Every curator decision is recorded with who
and when, and marks the rows it touches as curated so that a later extraction never overwrites it.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from articles.models import Article

from . import statements
from .models import (
    Affiliation,
    Organisation,
    OrganisationAlias,
    Person,
    PersonAlias,
    Quote,
    QuoteStatus,
)

# Editing any of these is a curator's correction of the extraction; re-extraction keeps the row.
CURATED_FIELDS = frozenset(
    {"speaker_person", "speaker_organisation", "organisation", "role", "kind", "start", "end", "text"}
)


def validate_span(*, article: Article, start: int, end: int) -> str:
    """The text at body[start:end], or a ValidationError naming what is wrong with the span."""
    length = len(article.body)
    if start < 0 or end < 0:
        raise ValidationError("Offsets cannot be negative.", code="negative_offset")
    if start >= end:
        raise ValidationError("The quotation must start before it ends (start < end).", code="empty_span")
    if end > length:
        raise ValidationError(
            f"The quotation ends at {end}, past the end of the article ({length} characters).",
            code="span_past_end",
        )
    return article.body[start:end]


@transaction.atomic
def review_quotes(*, quotes: QuerySet[Quote], status: QuoteStatus | str, user: AbstractBaseUser) -> int:
    """Approve or reject quotations in one statement; returns how many rows changed."""
    now = timezone.now()
    statement_ids = set(quotes.values_list("statement_id", flat=True))
    changed = quotes.update(status=QuoteStatus(status), reviewed_by=user, reviewed_at=now, updated_at=now)
    # A rejected report no longer counts for its statement (nor can it be the first report).
    statements.refresh_statements(statement_ids=statement_ids)
    return changed


@transaction.atomic
def curate_quote(*, quote: Quote, changed_fields: Iterable[str], user: AbstractBaseUser) -> Quote:
    """Save a curator's edit of one quotation.

    Text always follows the span. Editing the speaker, span, kind, role or organisation marks the
    quotation curated; changing its status records a review. Either way who and when are recorded.
    """
    changed = set(changed_fields)
    quote.text = validate_span(article=quote.article, start=quote.start, end=quote.end)
    if quote.speaker_person_id and quote.speaker_organisation_id:
        raise ValidationError(
            "A quotation has one speaker: a person or an organisation, not both.", code="two_speakers"
        )
    if changed & CURATED_FIELDS:
        quote.curated = True
    if changed & (CURATED_FIELDS | {"status"}):
        quote.reviewed_by = user
        quote.reviewed_at = timezone.now()
    quote.save()
    if changed & {"speaker_person", "speaker_organisation", "start", "end", "text"}:
        # Its statement stays (a curator's edit does not regroup); later quotations find it by its new
        # words and speaker.
        statements.reindex_quotes(quote_ids=[quote.pk])
    statements.refresh_statements(statement_ids=[quote.statement_id])
    return quote


@dataclass(frozen=True)
class MergeResult:
    merged: int
    quotes_moved: int
    affiliations_moved: int
    affiliations_dropped: int
    aliases_added: int


def _others_excluding(keep, others) -> list:
    others = [other for other in others if other.pk != keep.pk]
    if not others:
        raise ValidationError("Choose at least one other record to merge into the one you keep.")
    return others


def _move_aliases(*, alias_model, owner_field: str, keep, others: list) -> int:
    """Move the others' aliases to keep and make their names aliases too, without duplicates.

    Aliases are unique per owner ignoring case, and the kept name needs no alias of its own.
    """
    taken = {
        name.lower()
        for name in alias_model.objects.filter(**{owner_field: keep}).values_list(Lower("name"), flat=True)
    }
    taken.add(keep.name.lower())
    wanted: list[str] = []
    for other in others:
        names = [
            other.name,
            *alias_model.objects.filter(**{owner_field: other}).values_list("name", flat=True),
        ]
        for name in names:
            if name.strip() and name.lower() not in taken:
                taken.add(name.lower())
                wanted.append(name)
    alias_model.objects.filter(**{f"{owner_field}__in": others}).delete()
    alias_model.objects.bulk_create([alias_model(**{owner_field: keep, "name": name}) for name in wanted])
    return len(wanted)


def _move_affiliations(*, field: str, keep, others: list) -> tuple[int, int]:
    """Re-point the others' affiliations at keep; one that keep already has is dropped instead.

    (person, organisation, role) is unique, so moving blindly would break the constraint. When the
    dropped duplicate names the article that stated it and the kept one does not, keep that article.
    """
    other_side = "organisation" if field == "person" else "person"
    existing = {
        (getattr(affiliation, f"{other_side}_id"), affiliation.role): affiliation
        for affiliation in Affiliation.objects.filter(**{field: keep})
    }
    moved = dropped = 0
    for affiliation in Affiliation.objects.filter(**{f"{field}__in": others}).order_by("pk"):
        key = (getattr(affiliation, f"{other_side}_id"), affiliation.role)
        if key in existing:
            kept = existing[key]
            if kept.article_id is None and affiliation.article_id is not None:
                kept.article_id = affiliation.article_id
                kept.save(update_fields=["article"])
            affiliation.delete()
            dropped += 1
        else:
            setattr(affiliation, field, keep)
            affiliation.save(update_fields=[field])
            existing[key] = affiliation
            moved += 1
    return moved, dropped


@transaction.atomic
def merge_people(*, keep: Person, others: Iterable[Person]) -> MergeResult:
    """Merge the others into keep: quotations, affiliations and aliases move; names become aliases."""
    others = _others_excluding(keep, others)
    moved_ids = list(Quote.objects.filter(speaker_person__in=others).values_list("pk", flat=True))
    quotes_moved = Quote.objects.filter(speaker_person__in=others).update(
        speaker_person=keep, updated_at=timezone.now()
    )
    statements.reindex_quotes(quote_ids=moved_ids)  # their fingerprints carry the speaker
    moved, dropped = _move_affiliations(field="person", keep=keep, others=others)
    aliases_added = _move_aliases(alias_model=PersonAlias, owner_field="person", keep=keep, others=others)
    Person.objects.filter(pk__in=[other.pk for other in others]).delete()
    # A curator decided who this is: extraction must not undo it.
    keep.curated = True
    keep.save(update_fields=["curated", "updated_at"])
    return MergeResult(len(others), quotes_moved, moved, dropped, aliases_added)


@transaction.atomic
def merge_organisations(*, keep: Organisation, others: Iterable[Organisation]) -> MergeResult:
    """Merge the others into keep: quotations (as speaker and as organisation), affiliations, aliases
    and child organisations move; the others' names become aliases of keep."""
    others = _others_excluding(keep, others)
    other_pks = [other.pk for other in others]
    now = timezone.now()
    moved_ids = list(Quote.objects.filter(speaker_organisation__in=other_pks).values_list("pk", flat=True))
    quotes_moved = Quote.objects.filter(speaker_organisation__in=other_pks).update(
        speaker_organisation=keep, updated_at=now
    )
    statements.reindex_quotes(quote_ids=moved_ids)  # their fingerprints carry the speaker
    quotes_moved += Quote.objects.filter(organisation__in=other_pks).update(organisation=keep, updated_at=now)
    moved, dropped = _move_affiliations(field="organisation", keep=keep, others=others)
    aliases_added = _move_aliases(
        alias_model=OrganisationAlias, owner_field="organisation", keep=keep, others=others
    )
    # Keep cannot become its own parent: when it sat under one of the others, it takes that one's
    # parent instead (or none, when that is merged too).
    if keep.parent_id in other_pks:
        grandparent_id = Organisation.objects.get(pk=keep.parent_id).parent_id
        keep.parent_id = None if grandparent_id in [*other_pks, keep.pk] else grandparent_id
    Organisation.objects.filter(parent__in=other_pks).exclude(pk=keep.pk).update(parent=keep, updated_at=now)
    Organisation.objects.filter(pk__in=other_pks).delete()
    keep.curated = True
    keep.save(update_fields=["curated", "parent", "updated_at"])
    return MergeResult(len(others), quotes_moved, moved, dropped, aliases_added)
